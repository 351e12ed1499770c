"""Results to text: a table for people, JSON, JSON Lines and CSV for programs. Streams: one chunk per result."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .messages import label_name, resolve_lang, t
from .types import CONTENT_LABELS, DocumentResult

FORMATS = ("table", "json", "jsonl", "csv")


def render(results: Iterable[DocumentResult], fmt: str, lang: str | None = None) -> Iterator[str]:
    """Yield the output in pieces as results arrive, so a long batch streams and memory stays flat."""
    if fmt == "jsonl":
        for result in results:
            yield to_json(result.to_dict()) + "\n"
    elif fmt == "json":
        yield from _json_document(results)
    elif fmt == "csv":
        yield from _csv_rows(results)
    else:
        yield from _tables(results, lang)


def to_json(obj: Any, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def _json_document(results: Iterable[DocumentResult]) -> Iterator[str]:
    """One object for one input, a list for several; the list is streamed item by item."""
    iterator = iter(results)
    first = next(iterator, None)
    if first is None:
        yield "[]\n"
        return
    second = next(iterator, None)
    if second is None:
        yield to_json(first.to_dict(), indent=2) + "\n"
        return
    yield "[\n" + _indent(to_json(first.to_dict(), indent=2))
    for result in itertools.chain([second], iterator):
        yield ",\n" + _indent(to_json(result.to_dict(), indent=2))
    yield "\n]\n"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


CSV_COLUMNS = ["file", *CONTENT_LABELS, "segments", "flags", "model", "error"]


def _csv_rows(results: Iterable[DocumentResult]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        if result.error:
            writer.writerow([result.file, *[""] * len(CONTENT_LABELS), "", "", "", result.error_en])
        else:
            writer.writerow(
                [
                    result.file,
                    *[f"{result.shares[k]:.4f}" for k in CONTENT_LABELS],
                    len(result.segments),
                    ";".join(f.code for f in result.flags),
                    result.model,
                    "",
                ]
            )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _tables(results: Iterable[DocumentResult], lang: str | None) -> Iterator[str]:
    for result in results:
        if result.error:
            continue  # errors go to stderr, once, from the CLI
        yield document_table(result, lang) + "\n"


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        c.ljust(w) if i < len(cells) - 1 else c for i, (c, w) in enumerate(zip(cells, widths, strict=True))
    ).rstrip()


def _cut(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def document_table(result: DocumentResult, lang: str | None = None) -> str:
    """The segments with their labels, then the shares and the flags of one document."""
    lines = [f"== {result.file}  ({t('w.model', lang)}: {result.model})"]
    head = [t("h.index", lang), t("h.label", lang), t("h.confidence", lang), t("h.text", lang)]
    rows = [
        [
            str(s.index),
            label_name(s.label, lang),
            f"{s.confidence:.2f}" + (" ?" if s.needs_review else ""),
            _cut(s.text, 70) + (f"  [{', '.join(s.explanation)}]" if s.explanation else ""),
        ]
        for s in result.segments
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines.append(_row(head, widths))
    lines.append(_row(["-" * w for w in widths], widths))
    lines.extend(_row(r, widths) for r in rows)
    lines.append("")
    name_width = max(len(label_name(k, lang)) for k in CONTENT_LABELS)
    lines.append(f"{t('h.share', lang)}:")
    for k in CONTENT_LABELS:
        value = result.shares[k]
        bar = "█" * round(value * 30)
        lines.append(f"  {label_name(k, lang).ljust(name_width)}  {value:6.1%}  {bar}")
    flags = [f"  ! {f.text(resolve_lang(lang))}" for f in result.flags] or [f"  {t('w.none', lang)}"]
    lines.append(f"{t('h.flags', lang)}:")
    lines.extend(flags)
    return "\n".join(lines)
