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


def render(
    results: Iterable[DocumentResult], fmt: str, lang: str | None = None, segments: bool = False
) -> Iterator[str]:
    """Yield the output in pieces as results arrive, so a long batch streams and memory stays flat.

    ``segments``: CSV gives a row per segment instead of a row per document (the table and JSON formats
    already list every segment).
    """
    if fmt == "jsonl":
        for result in results:
            yield to_json(result.to_dict()) + "\n"
    elif fmt == "json":
        yield from _json_document(results)
    elif fmt == "csv":
        yield from _csv_segment_rows(results) if segments else _csv_rows(results)
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


# Spreadsheet columns: the first ten are the original ones; what came later is appended so that old
# formulas keep their columns. Empty cells where a value is unknown (no interval, no date...).
META_COLUMNS = ["cell_name", "date", "kind"]
CSV_COLUMNS = [
    "file",
    *CONTENT_LABELS,
    "segments",
    "flags",
    "model",
    "error",
    *META_COLUMNS,
    "flag_messages",
    "flag_messages_en",
    *(f"{k}_corrected" for k in CONTENT_LABELS),
    *(f"{k}_{end}" for k in CONTENT_LABELS for end in ("low", "high")),
]
SEGMENT_COLUMNS = [
    "file",
    "index",
    "label",
    "confidence",
    "needs_review",
    "syllables",
    "alternatives",
    "explanation",
    "text",
    "error",
]


def csv_stream(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    """CSV text row by row as results arrive; the header alone when there is no row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # only the header: no result at all
        yield buffer.getvalue()


def _csv_rows(results: Iterable[DocumentResult]) -> Iterator[str]:
    return csv_stream(CSV_COLUMNS, (_document_row(r) for r in results))


def _document_row(result: DocumentResult) -> list[Any]:
    if result.error:
        row: list[Any] = [result.file, *[""] * len(CONTENT_LABELS), "", "", "", result.error_en]
        return row + [""] * (len(CSV_COLUMNS) - len(row))
    return [
        result.file,
        *[f"{result.shares[k]:.4f}" for k in CONTENT_LABELS],
        len(result.segments),
        ";".join(f.code for f in result.flags),
        result.model,
        "",
        *[result.meta.get(k, "") for k in META_COLUMNS],
        " | ".join(f.message for f in result.flags),
        " | ".join(f.message_en for f in result.flags),
        *[f"{result.corrected[k]:.4f}" if k in result.corrected else "" for k in CONTENT_LABELS],
        *[f"{result.intervals[k][end]:.4f}" if k in result.intervals else "" for k in CONTENT_LABELS for end in (0, 1)],
    ]


def _csv_segment_rows(results: Iterable[DocumentResult]) -> Iterator[str]:
    return csv_stream(SEGMENT_COLUMNS, (row for r in results for row in _segment_rows(r)))


def _segment_rows(result: DocumentResult) -> Iterator[list[Any]]:
    if result.error:
        yield [result.file, *[""] * (len(SEGMENT_COLUMNS) - 2), result.error_en]
        return
    for s in result.segments:
        yield [
            result.file,
            s.index,
            s.label,
            f"{s.confidence:.4f}",
            "true" if s.needs_review else "false",
            s.syllables,
            ";".join(f"{lab}:{p:.4f}" for lab, p in s.alternatives),
            ";".join(s.explanation),
            s.text,
            "",
        ]


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
    lines.append(f"{t('h.share', lang)}:" + (f"  ({t('h.interval', lang)})" if result.intervals else ""))
    for k in CONTENT_LABELS:
        value = result.shares[k]
        bar = "█" * round(value * 30)
        interval = f"  {result.intervals[k][0]:4.0%}–{result.intervals[k][1]:<4.0%}" if k in result.intervals else ""
        lines.append(f"  {label_name(k, lang).ljust(name_width)}  {value:6.1%}{interval}  {bar}")
    marks = {"info": "·", "warning": "!", "error": "!!"}
    flags = [f"  {marks.get(f.severity, '!')} {f.text(resolve_lang(lang))}" for f in result.flags]
    flags = flags or [f"  {t('w.none', lang)}"]
    lines.append(f"{t('h.flags', lang)}:")
    lines.extend(flags)
    return "\n".join(lines)


def review_rows(result: DocumentResult) -> Iterator[dict[str, Any]]:
    """The segments a person should check, in the training format (LABELS.md) with the predicted label.

    A person corrects ``label`` and gives the file back to ``bienban train``; ``context`` keeps the heading,
    the segment before and the title, which the model reads too.
    """
    from .shape import contexts

    found = contexts([s.text for s in result.segments])
    for s in result.segments:
        if s.needs_review:
            context = found[s.index]
            yield {
                "text": s.text,
                "label": s.label,
                "predicted": s.label,
                "confidence": round(s.confidence, 4),
                "alternatives": [{"label": lab, "probability": round(p, 4)} for lab, p in s.alternatives],
                "context": {"heading": context.heading, "previous": context.previous, "title": context.title},
                "file": result.file,
                "index": s.index,
            }
