"""Many results to a summary by cell and period: shares over the period's meetings, and the period's flags.

A district board reads a year of minutes at once; what it needs is which cells drifted into work meetings in
which quarter, and which cells went a quarter without inspection, member development or a thematic meeting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .errors import InputError
from .messages import both, label_name, resolve_lang, t
from .meta import UNKNOWN, cell_key
from .output import csv_stream, to_json
from .policy import SEVERITIES, Meeting, Policy, label_message
from .types import CONTENT_LABELS, DocumentResult

PERIODS = ("month", "quarter", "year")
BY_KEYS = ("cell", *PERIODS)
_SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(SEVERITIES)}  # info < warning < error


def parse_by(value: str | Sequence[str]) -> tuple[str, ...]:
    """("cell", "quarter") from "cell,quarter"; raises InputError for an unknown key or two periods."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    keys = tuple(p.strip().lower() for p in parts if p.strip())
    text = value if isinstance(value, str) else ",".join(value)
    if not keys or any(k not in BY_KEYS for k in keys) or len(set(keys)) < len(keys):
        raise InputError("err.bad_by", value=text)
    if sum(k in PERIODS for k in keys) > 1:
        raise InputError("err.bad_by", value=text)
    return keys


def period_of(date: str, unit: str) -> str:
    """The period of an ISO date (or ``YYYY-MM``): "2024-Q1", "2024-03" or "2024"; "unknown" without a date."""
    if len(date) < 7 or not date[:4].isdigit() or not date[5:7].isdigit():
        return UNKNOWN
    year, month = date[:4], int(date[5:7])
    if unit == "month":
        return f"{year}-{month:02d}"
    if unit == "quarter":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return year


def summarise(
    results: Iterable[DocumentResult], by: Sequence[str] = ("cell", "quarter"), policy: Policy | None = None
) -> list[dict[str, Any]]:
    """One row per group of ``by`` (cell and/or month, quarter or year), sorted by cell then period.

    Each row: ``cell`` (its name; "" when not grouped by cell, "unknown" when the minutes do not name it),
    ``cell_type``, ``period`` ("" when not grouped by period, "unknown" without a date), ``documents``,
    ``files``, ``kinds`` (meetings per kind), ``shares`` (weighted by each meeting's content syllables),
    ``flags``. Flags are the documents' own flags (set by the policy they were tagged with) counted over the
    row's meetings, then the quarter rules of ``policy``, judged per cell and quarter and attached to the row
    of the quarter's latest meeting. Failed results are left out.
    """
    by = parse_by(by)
    policy = policy or Policy()
    unit = next((k for k in by if k in PERIODS), "")
    docs = [r for r in results if r.ok]
    groups: dict[tuple[str, str], list[DocumentResult]] = {}
    for doc in docs:
        groups.setdefault(_row_key(doc, by, unit), []).append(doc)
    rows = {key: _row(key, members, by, unit) for key, members in groups.items()}
    meetings = [d for d in docs if not _not_minutes(d)]  # a text that is not minutes is no meeting of the quarter
    for key, flags in _quarter_flags(meetings, by, unit, policy):
        rows[key]["flags"].extend(flags)
    return [rows[k] for k in sorted(rows, key=lambda k: (_last(k[0]), _last(k[1])))]


def _last(value: str) -> tuple[bool, str]:
    return (value == UNKNOWN, value)


def _cell(doc: DocumentResult) -> str:
    return cell_key(doc.meta.get("cell_name", "")) or UNKNOWN


def _row_key(doc: DocumentResult, by: Sequence[str], unit: str) -> tuple[str, str]:
    return (_cell(doc) if "cell" in by else "", period_of(doc.meta.get("date", ""), unit) if unit else "")


def _not_minutes(doc: DocumentResult) -> bool:
    return any(f.code == "not_minutes" for f in doc.flags)


def _content_syllables(doc: DocumentResult) -> int:
    """A meeting's weight in its row; a text flagged ``not_minutes`` weighs nothing (its shares are zeros)."""
    if _not_minutes(doc):
        return 0
    return sum(s.syllables for s in doc.segments if s.label in CONTENT_LABELS)


def _weighted(docs: Sequence[DocumentResult], attribute: str) -> dict[str, float]:
    weights = [_content_syllables(d) for d in docs]
    total = sum(weights)
    out = {}
    for label in CONTENT_LABELS:
        value = sum(getattr(d, attribute).get(label, 0.0) * w for d, w in zip(docs, weights, strict=True))
        out[label] = round(value / total, 4) if total else 0.0
    return out


def _most_common(values: Iterable[str]) -> str:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else ""


def _row(key: tuple[str, str], docs: list[DocumentResult], by: Sequence[str], unit: str) -> dict[str, Any]:
    cell = ""
    cell_type = ""
    if "cell" in by:
        cell = _most_common(d.meta.get("cell_name", "") for d in docs) or UNKNOWN
        cell_type = _most_common(d.meta.get("cell", "") for d in docs)
    row: dict[str, Any] = {
        "cell": cell,
        "cell_type": cell_type,
        "period": key[1],
        "documents": len(docs),
        "files": [d.file for d in docs],
        "kinds": dict(Counter(d.meta.get("kind") or UNKNOWN for d in docs)),
        "shares": _weighted(docs, "shares"),
    }
    if all(d.corrected for d in docs):
        row["shares_corrected"] = _weighted(docs, "corrected")
    row["flags"] = _meeting_flags(docs)
    return row


def _meeting_flags(docs: Sequence[DocumentResult]) -> list[dict[str, Any]]:
    """Each meeting flag code once: in how many of the row's meetings, the worst value, and which files."""
    found: dict[str, list[tuple[DocumentResult, Any]]] = {}
    for doc in docs:
        for flag in doc.flags:
            found.setdefault(flag.code, []).append((doc, flag))
    out = []
    for code, hits in found.items():
        flags = [f for _, f in hits]
        values = [f.value for f in flags if f.value is not None]
        label = code[: -len("_low")] if code.endswith("_low") else ""
        worst = (min(values) if label else max(values)) if values else None
        threshold = flags[0].threshold
        counts = {"count": len(hits), "n": len(docs)}
        if code == "professional_dominant" and worst is not None:
            vi, en = both("period.professional_dominant", threshold=threshold, worst=worst, **counts)
        elif label in CONTENT_LABELS and worst is not None:
            vi, en = label_message("period.share_low", label, threshold=threshold, worst=worst, **counts)
        elif code == "no_content":
            vi, en = both("period.no_content", **counts)
        else:
            vi, en = both("period.other", code=code, **counts)
        out.append(
            {
                "code": code,
                "severity": max((f.severity for f in flags), key=lambda s: _SEVERITY_ORDER.get(s, 1)),
                "message": vi,
                "message_en": en,
                "value": round(worst, 4) if worst is not None else None,
                "threshold": threshold,
                "count": len(hits),
                "evidence": [d.file for d, _ in hits],
                "scope": "meetings",
            }
        )
    return out


def _quarter_flags(
    docs: Sequence[DocumentResult], by: Sequence[str], unit: str, policy: Policy
) -> Iterator[tuple[tuple[str, str], list[dict[str, Any]]]]:
    """The policy's quarter rules per named cell and dated quarter, each given to the row of its latest meeting."""
    units: dict[tuple[str, str], list[DocumentResult]] = {}
    for doc in docs:
        quarter = period_of(doc.meta.get("date", ""), "quarter")
        if _cell(doc) != UNKNOWN and quarter != UNKNOWN:
            units.setdefault((_cell(doc), quarter), []).append(doc)
    for (_, quarter), members in sorted(units.items(), key=lambda item: item[0][1]):
        meetings = [Meeting(d.file, d.shares, d.meta.get("kind", "")) for d in members]
        flags = policy.quarter_flags(quarter, meetings)
        if not flags:
            continue
        latest = max(members, key=lambda d: d.meta.get("date", ""))
        name = _most_common(d.meta.get("cell_name", "") for d in members)
        yield _row_key(latest, by, unit), [f | {"cell": name} for f in flags]


# ---------------------------------------------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------------------------------------------

SUMMARY_COLUMNS = ["cell", "cell_type", "period", "documents", *CONTENT_LABELS, "flags", "files"]


def render_summary(rows: Sequence[dict[str, Any]], fmt: str, lang: str | None = None) -> Iterator[str]:
    """The summary as a table for people, or JSON (a list), JSON Lines or CSV for programs."""
    if fmt == "json":
        yield to_json(list(rows), indent=2) + "\n"
    elif fmt == "jsonl":
        for row in rows:
            yield to_json(row) + "\n"
    elif fmt == "csv":
        yield from csv_stream(
            SUMMARY_COLUMNS,
            (
                [
                    row["cell"],
                    row["cell_type"],
                    row["period"],
                    row["documents"],
                    *[f"{row['shares'][k]:.4f}" for k in CONTENT_LABELS],
                    ";".join(f["code"] for f in row["flags"]),
                    ";".join(row["files"]),
                ]
                for row in rows
            ),
        )
    else:
        yield summary_table(rows, lang) + "\n"


def summary_table(rows: Sequence[dict[str, Any]], lang: str | None = None) -> str:
    """One line per cell and period with its shares, then each row's flags in words, then the legend."""
    lang = resolve_lang(lang)
    if not rows:
        return t("w.none", lang)
    show_cell = any(r["cell"] for r in rows)
    show_period = any(r["period"] for r in rows)
    head = [t("h.meetings", lang), *[t(f"short.{k}", lang) for k in CONTENT_LABELS], "!"]
    if show_period:
        head.insert(0, t("h.period", lang))
    if show_cell:
        head.insert(0, t("h.cell", lang))
    body = []
    for row in rows:
        cells = [
            str(row["documents"]),
            *[f"{row['shares'][k]:.0%}" for k in CONTENT_LABELS],
            str(len(row["flags"])) if row["flags"] else "",
        ]
        if show_period:
            cells.insert(0, _shown(row["period"], lang))
        if show_cell:
            cells.insert(0, _shown(row["cell"], lang))
        body.append(cells)
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    numeric = set(range(len(head) - len(CONTENT_LABELS) - 2, len(head)))
    lines = [_line(head, widths, numeric), "  ".join("-" * w for w in widths)]
    lines.extend(_line(r, widths, numeric) for r in body)
    flagged = [r for r in rows if r["flags"]]
    if flagged:
        lines += ["", f"{t('h.flags', lang)}:"]
        for row in flagged:
            where = " · ".join(_shown(v, lang) for v in (row["cell"], row["period"]) if v)
            lines.append(f"  {where or t('w.all', lang)}")
            for flag in row["flags"]:
                mark = "-" if flag["severity"] == "info" else "!"
                text = flag["message_en"] if lang == "en" else flag["message"]
                if flag.get("scope") == "quarter" and not show_cell and flag.get("cell"):
                    text = f"{flag['cell']}: {text}"
                lines.append(f"    {mark} {text}")
    legend = ", ".join(f"{t(f'short.{k}', lang)} = {label_name(k, lang)}" for k in CONTENT_LABELS)
    lines += ["", legend]
    return "\n".join(lines)


def _shown(value: str, lang: str) -> str:
    if value == UNKNOWN:
        return t("w.unknown", lang)
    return value or t("w.all", lang)


def _line(cells: list[str], widths: list[int], numeric: set[int]) -> str:
    return "  ".join(
        c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
    ).rstrip()
