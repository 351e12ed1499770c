"""Results to one self-contained HTML page that a district board can read offline, on a desk or a phone.

Everything is inline (CSS and SVG drawn here, no script, no font, no link out of the file) so the report can be
mailed, archived and opened years later without a network. Every text goes through ``html.escape``; every word
a person reads comes from ``messages.py`` so the page is Vietnamese by default and English with ``lang="en"``.
"""

from __future__ import annotations

import datetime as dt
import html
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .messages import MESSAGES, label_name, resolve_lang, t
from .meta import UNKNOWN, cell_key
from .types import CONTENT_LABELS, PROCEDURAL, DocumentResult, Flag, Segment

# Professional work first: the bars then show at a glance whether it passes the limit drawn at its mark.
STACK: tuple[str, ...] = ("professional_work", *(k for k in CONTENT_LABELS if k != "professional_work"))

# Okabe-Ito colours, told apart with the common colour-vision deficiencies; neighbours in STACK differ in hue
# and lightness. Text never sits on these: chips and segments use the pale tints, with dark text.
COLOURS: dict[str, str] = {
    "professional_work": "#E69F00",
    "party_building": "#0072B2",
    "ideology": "#CC79A7",
    "inspection": "#D55E00",
    "member_development": "#009E73",
    PROCEDURAL: "#8C8C8C",
}

# severity -> (background, border); unknown severities look like warnings
SEVERITY_STYLE: dict[str, tuple[str, str]] = {
    "info": ("#e8f1fb", "#0f5ea8"),
    "warning": ("#fff3cd", "#8a6100"),
    "error": ("#fde7e9", "#b3261e"),
}

DEFAULT_LIMIT = 0.5
EVIDENCE_SHOWN = 12


def render_html(
    results: Iterable[DocumentResult],
    lang: str | None = None,
    periods: Sequence[Mapping[str, Any]] | None = None,
    *,
    title: str | None = None,
    limit: float | None = None,
) -> str:
    """The whole report as one string.

    ``periods``: rows as ``bienban.periods.summarise`` returns them ({"cell", "period", "documents", "files",
    "shares", "flags"}), shown as a table when given. ``limit``: where the professional-work mark is drawn;
    by default the threshold the documents' ``professional_dominant`` flags carry, else 0.5.
    """
    lang = resolve_lang(lang)
    docs = list(results)
    ok = [d for d in docs if d.ok]
    failed = [d for d in docs if not d.ok]
    limit = _limit(ok) if limit is None else limit
    anchors = {id(d): f"doc-{i}" for i, d in enumerate(docs)}
    title = title or t("r.title", lang)

    timeline = _timeline(ok, lang, limit)
    sections = [
        _summary(ok, anchors, lang, limit),
        _failed(failed, lang),
        timeline,
        _periods(periods, lang, limit) if periods else "",
        _details(ok, anchors, lang, limit),
    ]
    nav = [("summary", t("r.summary", lang))]
    if failed:
        nav.append(("failed", t("r.failed", lang)))
    if timeline:
        nav.append(("timeline", t("r.timeline", lang)))
    if periods:
        nav.append(("periods", t("r.periods", lang)))
    if ok:
        nav.append(("documents", t("r.details", lang)))
    models = sorted({d.model for d in ok if d.model})
    subtitle = t("r.subtitle", lang, documents=len(ok), failed=len(failed))
    if models:
        subtitle += f" · {t('w.model', lang)}: {', '.join(models)}"
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{_e(title)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n<main>\n",
            f'<header id="top"><h1>{_e(title)}</h1><p class="muted">{_e(subtitle)}</p>\n',
            f'<nav aria-label="{_e(t("r.contents", lang))}"><ul>',
            "".join(f'<li><a href="#{key}">{_e(name)}</a></li>' for key, name in nav),
            "</ul></nav></header>\n",
            *sections,
            f'<footer class="muted">{_e(t("r.generated", lang, version=_version()))}</footer>\n',
            "</main>\n</body>\n</html>\n",
        ]
    )


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _interval(lo: float, hi: float) -> str:
    return f"{lo * 100:.0f}–{hi * 100:.0f}%"


def _limit(docs: Sequence[DocumentResult]) -> float:
    for doc in docs:
        for flag in doc.flags:
            if flag.code == "professional_dominant" and flag.threshold is not None:
                return flag.threshold
    return DEFAULT_LIMIT


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bienban")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "?"


def _tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: a background dark text stays readable on."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in rgb)


def _css() -> str:
    labels = "".join(f".l-{k}{{--c:{c};--t:{_tint(c, 0.16)};--chip:{_tint(c, 0.3)}}}" for k, c in COLOURS.items())
    severities = "".join(
        f".sev-{name}{{background:{bg};border-color:{border}}}" for name, (bg, border) in SEVERITY_STYLE.items()
    )
    return (
        ":root{--fg:#1b1b1b;--muted:#4d4d4d;--line:#d4d4d4;--soft:#f4f4f4;--link:#0b57a4}"
        "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}"
        "body{margin:0;color:var(--fg);background:#fff;"
        'font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}'
        "main{max-width:1160px;margin:0 auto;padding:12px 16px 32px}"
        "h1{font-size:1.45rem;line-height:1.25;margin:.3em 0}h2{font-size:1.2rem;margin:1.6em 0 .5em;"
        "padding-bottom:.2em;border-bottom:2px solid var(--fg)}h3{font-size:1.05rem;margin:0 0 .3em;"
        "overflow-wrap:anywhere}a{color:var(--link)}.muted{color:var(--muted)}p{margin:.4em 0}"
        "nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:.5em 0}"
        ".scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch;margin:.5em 0;"
        "border:1px solid var(--line);border-radius:6px}"
        "table{border-collapse:collapse;font-size:.9rem;width:100%}"
        "th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}"
        "thead th{background:var(--soft);font-weight:600;vertical-align:bottom}tbody tr:last-child td{border-bottom:0}"
        "td.num{text-align:right;white-space:nowrap}td.num b{font-weight:600}"
        "td.num small,.sval small{display:block;color:var(--muted);font-size:.78rem}.lname{display:none}"
        "td.file{min-width:11em;max-width:20em;overflow-wrap:anywhere}td.bar{min-width:150px;width:22%}"
        "td.flags{min-width:14em}td.flags .flag{font-size:.82rem}"
        "svg.bar{display:block;width:100%;height:18px}"
        ".legend{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:.5em 0}"
        ".sw{display:inline-block;width:.95em;height:.95em;border-radius:2px;vertical-align:-.12em;"
        "margin-right:.35em;background:var(--c);border:1px solid rgba(0,0,0,.45)}"
        ".chip{display:inline-block;background:var(--chip);border:1px solid var(--c);border-radius:3px;"
        "padding:0 .4em;font-size:.85rem;white-space:nowrap}"
        ".flag{border-left:5px solid;border-radius:4px;padding:4px 8px;margin:4px 0;list-style:none}"
        ".flag b{font-weight:600}ul.flags{padding:0;margin:.4em 0}"
        f"{labels}{severities}"
        ".failed li{margin:4px 0;overflow-wrap:anywhere}"
        ".cell{margin:1em 0}.cell h3{margin-bottom:0}svg.timeline{display:block}"
        ".doc{border-top:1px solid var(--line);padding:1em 0}"
        ".srow{display:grid;grid-template-columns:13em minmax(80px,1fr) 12em;gap:2px 12px;align-items:center;"
        "margin:3px 0}.sval{white-space:nowrap;font-variant-numeric:tabular-nums;text-align:right}"
        ".sval small{display:inline;margin-left:.4em}"
        "svg.sbar{display:block;width:100%;height:16px}"
        "details{margin:.6em 0}summary{cursor:pointer;font-weight:600;padding:4px 0}"
        "ol.segs{padding:0;margin:.3em 0}"
        ".seg{list-style:none;border-left:6px solid var(--c);background:var(--t);border-radius:4px;"
        "padding:6px 10px;margin:6px 0}.seg.review{outline:2px dashed #8a6100;outline-offset:-2px}"
        ".seg-head{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;font-size:.85rem}"
        ".seg-head .idx{font-weight:600;color:var(--muted);min-width:2em}"
        ".seg-text{margin:4px 0 2px;white-space:pre-line;overflow-wrap:anywhere}"
        ".seg.l-procedural .seg-text{color:var(--muted);font-size:.92rem}"
        ".badge{background:#fff3cd;border:1px solid #8a6100;border-radius:3px;padding:0 .4em;font-weight:600}"
        ".extra{font-size:.82rem;color:var(--muted);margin:2px 0}"
        ".term{display:inline-block;background:#fff;border:1px solid var(--line);border-radius:3px;"
        "padding:0 .35em;margin:1px 2px;color:var(--fg)}"
        "footer{margin-top:2em;font-size:.85rem}"
        "@media (max-width:640px){main{padding:8px 10px 24px}h1{font-size:1.25rem}"
        ".srow{grid-template-columns:1fr auto}.srow svg{grid-column:1/-1;order:3}"
        "table.cards thead{display:none}table.cards,table.cards tbody{display:block}"
        "table.cards tr{display:grid;grid-template-columns:repeat(auto-fill,minmax(100px,1fr));gap:2px 10px;"
        "padding:8px 10px;border-bottom:1px solid var(--line)}table.cards td{border:0;padding:2px 0}"
        "table.cards td.file,table.cards td.bar,table.cards td.flags{grid-column:1/-1;min-width:0;max-width:none;"
        "width:auto}table.cards td.num{text-align:left;white-space:normal}"
        "table.cards .lname{display:block;font-size:.78rem;color:var(--muted)}}"
    )


# --- pieces shared by the sections -------------------------------------------------------------------------


def _legend(lang: str, procedural: bool = False) -> str:
    labels = [*STACK, PROCEDURAL] if procedural else list(STACK)
    items = "".join(f'<li class="l-{k}"><i class="sw"></i>{_e(label_name(k, lang))}</li>' for k in labels)
    return f'<ul class="legend" aria-label="{_e(t("r.legend", lang))}">{items}</ul>'


def _stacked_bar(shares: Mapping[str, float], lang: str, limit: float) -> str:
    """A horizontal bar of the content shares; each part has its name and value as a tooltip and in the label."""
    parts, x = [], 0.0
    for k in STACK:
        value = float(shares.get(k, 0.0))
        if value <= 0:
            continue
        tip = f"{label_name(k, lang)}: {_pct(value)}"
        parts.append(
            f'<rect x="{x * 100:.2f}" y="0" width="{value * 100:.2f}" height="10" fill="{COLOURS[k]}" '
            f'stroke="#fff" stroke-width="0.6" vector-effect="non-scaling-stroke"><title>{_e(tip)}</title></rect>'
        )
        x += value
    if not parts:
        parts.append('<rect x="0" y="0" width="100" height="10" fill="#eee"/>')
    mark = (
        f'<line x1="{limit * 100:.2f}" x2="{limit * 100:.2f}" y1="-1" y2="11" stroke="#000" stroke-width="2" '
        'vector-effect="non-scaling-stroke"/>'
    )
    label = "; ".join(f"{label_name(k, lang)} {_pct(float(shares.get(k, 0.0)))}" for k in STACK)
    return (
        f'<svg class="bar" viewBox="0 -1 100 12" preserveAspectRatio="none" role="img" aria-label="{_e(label)}">'
        f"{''.join(parts)}{mark}</svg>"
    )


def _flag_text(flag: Flag | Mapping[str, Any], lang: str) -> tuple[str, str, str]:
    """(code, severity, message in ``lang``) of a Flag or of its dict form (periods may give either)."""
    if isinstance(flag, Flag):
        return flag.code, flag.severity, flag.text(lang)
    message = flag.get("message_en") if lang == "en" else flag.get("message")
    return str(flag.get("code", "")), str(flag.get("severity", "warning")), str(message or flag.get("code", ""))


def _severity(severity: str, lang: str) -> str:
    return t(f"sev.{severity}", lang) if severity in SEVERITY_STYLE else severity


def _flags(flags: Sequence[Flag | Mapping[str, Any]], lang: str, anchor: str | None = None) -> str:
    if not flags:
        return f'<p class="muted">{_e(t("r.no_flags", lang))}</p>'
    items = []
    for flag in flags:
        code, severity, message = _flag_text(flag, lang)
        css = severity if severity in SEVERITY_STYLE else "warning"
        evidence = ""
        if anchor and isinstance(flag, Flag) and flag.evidence:
            links = ", ".join(f'<a href="#{anchor}-s{i}">{i}</a>' for i in flag.evidence[:EVIDENCE_SHOWN])
            more = " …" if len(flag.evidence) > EVIDENCE_SHOWN else ""
            evidence = f'<br><span class="muted">{_e(t("r.evidence", lang))}: {links}{more}</span>'
        items.append(
            f'<li class="flag sev-{css}" data-code="{_e(code)}" data-severity="{_e(severity)}">'
            f"<b>{_e(_severity(severity, lang))}:</b> {_e(message)}{evidence}</li>"
        )
    return f'<ul class="flags">{"".join(items)}</ul>'


def _date(value: str, lang: str) -> str:
    day = _parse_date(value)
    if day is None:
        return value
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _kind(kind: str, lang: str) -> str:
    """The kind of meeting by its name; a kind bienban does not know (given in --meta) as written."""
    key = f"r.kind.{kind}"
    return t(key, lang) if key in MESSAGES else kind


def _meta_line(doc: DocumentResult, lang: str) -> str:
    parts = []
    if doc.meta.get("cell_name"):
        parts.append(f"{t('h.cell', lang)}: {doc.meta['cell_name']}")
    if doc.meta.get("date"):
        parts.append(f"{t('r.date', lang)}: {_date(doc.meta['date'], lang)}")
    if doc.meta.get("kind"):
        parts.append(f"{t('r.kind', lang)}: {_kind(doc.meta['kind'], lang)}")
    return " · ".join(parts)


def _share_cell(doc: DocumentResult, k: str, lang: str) -> str:
    value = float(doc.shares.get(k, 0.0))
    out = (
        f'<td class="num l-{k}" data-label="{k}" data-share="{value:.4f}">'
        f'<span class="lname"><i class="sw"></i>{_e(label_name(k, lang))}</span><b>{_pct(value)}</b>'
    )
    if k in doc.intervals:
        lo, hi = doc.intervals[k]
        out += f'<small class="ci" title="{_e(t("r.interval", lang))}">({_interval(lo, hi)})</small>'
    if k in doc.corrected:
        out += (
            f'<small class="corr" data-corrected="{doc.corrected[k]:.4f}" title="{_e(t("r.corrected", lang))}">'
            f"→ {_pct(doc.corrected[k])}</small>"
        )
    return out + "</td>"


# --- sections --------------------------------------------------------------------------------------------------


def _notes(docs: Sequence[DocumentResult], lang: str, limit: float) -> str:
    notes = [t("r.note_shares", lang), t("r.note_limit", lang, limit=limit)]
    if any(d.intervals for d in docs):
        notes.append(t("r.note_interval", lang))
    if any(d.corrected for d in docs):
        notes.append(t("r.note_corrected", lang))
    return f'<p class="muted">{_e(" ".join(notes))}</p>'


def _summary(docs: Sequence[DocumentResult], anchors: Mapping[int, str], lang: str, limit: float) -> str:
    if not docs:
        return f'<section id="summary"><h2>{_e(t("r.summary", lang))}</h2><p>{_e(t("r.empty", lang))}</p></section>\n'
    heads = "".join(f'<th scope="col" class="l-{k}"><i class="sw"></i>{_e(label_name(k, lang))}</th>' for k in STACK)
    rows = []
    for doc in docs:
        anchor = anchors[id(doc)]
        meta = " · ".join(
            v
            for v in (
                doc.meta.get("cell_name"),
                _date(doc.meta.get("date", ""), lang),
                _kind(doc.meta.get("kind", ""), lang),
            )
            if v
        )
        rows.append(
            f'<tr data-file="{_e(doc.file)}"><td class="file"><a href="#{anchor}">{_e(doc.file)}</a>'
            + (f'<br><small class="muted">{_e(meta)}</small>' if meta else "")
            + f'</td><td class="bar">{_stacked_bar(doc.shares, lang, limit)}</td>'
            + "".join(_share_cell(doc, k, lang) for k in STACK)
            + f'<td class="flags">{_flags(doc.flags, lang)}</td></tr>'
        )
    return (
        f'<section id="summary"><h2>{_e(t("r.summary", lang))}</h2>{_legend(lang)}{_notes(docs, lang, limit)}'
        f'<div class="scroll" tabindex="0"><table class="cards"><thead><tr>'
        f'<th scope="col">{_e(t("r.document", lang))}</th>'
        f'<th scope="col">{_e(t("r.structure", lang))}</th>{heads}<th scope="col">{_e(t("h.flags", lang))}</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>\n"
    )


def _failed(docs: Sequence[DocumentResult], lang: str) -> str:
    if not docs:
        return ""
    items = []
    for doc in docs:
        message = (doc.error_en if lang == "en" else doc.error) or ""
        message = message if doc.file in message else f"{doc.file}: {message}"  # bienban's errors name the file
        items.append(f'<li class="flag sev-error" data-file="{_e(doc.file)}">{_e(message)}</li>')
    return (
        f'<section id="failed"><h2>{_e(t("r.failed", lang))}</h2>'
        f'<ul class="flags failed">{"".join(items)}</ul></section>\n'
    )


def _period_key(day: dt.date, unit: str) -> tuple[int, int]:
    if unit == "month":
        return day.year, day.month
    if unit == "quarter":
        return day.year, (day.month - 1) // 3 + 1
    return day.year, 0


def _next_key(key: tuple[int, int], unit: str) -> tuple[int, int]:
    year, part = key
    last = {"month": 12, "quarter": 4}.get(unit, 0)
    return (year, part + 1) if part < last else (year + 1, 1 if last else 0)


def _period_name(key: tuple[int, int], unit: str, lang: str) -> str:
    year, part = key
    if unit == "month":
        return f"{year}-{part:02d}" if lang == "en" else f"{part:02d}/{year}"
    if unit == "quarter":
        return f"{year} Q{part}" if lang == "en" else f"Q{part}/{year}"
    return str(year)


def _sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order as a Vietnamese reader expects it: "ấp" before "Cơ", đ with d; not by code point."""
    bare = "".join(c for c in unicodedata.normalize("NFD", name.casefold()) if not unicodedata.combining(c))
    return bare.replace("đ", "d"), name


def _axis_label(key: tuple[int, int], unit: str) -> tuple[str, str]:
    """Two short lines under a column: the month or quarter, and the year (shown where it changes)."""
    year, part = key
    if unit == "month":
        return f"{part:02d}", str(year)
    if unit == "quarter":
        return f"Q{part}", str(year)
    return str(year), ""


def _timeline(docs: Sequence[DocumentResult], lang: str, limit: float) -> str:
    """Stacked columns over time for each cell whose dated minutes span more than one month; a column is the
    mean over the meetings of its period (month, or quarter or year when the cell's span is long)."""
    # minutes of one cell matched by cell_key (case, spelling, abbreviations), as periods.py groups them
    cells: dict[str, list[tuple[DocumentResult, dt.date]]] = {}
    names: dict[str, Counter[str]] = {}
    for doc in docs:
        day = _parse_date(doc.meta.get("date"))
        if day is None:
            continue
        name = doc.meta.get("cell_name", "")
        key = cell_key(name) if name else ""
        cells.setdefault(key, []).append((doc, day))
        names.setdefault(key, Counter())[name] += 1
    shown = {key: names[key].most_common(1)[0][0] or t("r.unknown_cell", lang) for key in cells}
    spanning = [k for k, dated in cells.items() if len({(day.year, day.month) for _, day in dated}) > 1]
    if not spanning:
        return ""
    charts = "".join(
        _cell_chart(shown[key], cells[key], lang, limit)
        for key in sorted(spanning, key=lambda k: (not k, _sort_key(shown[k])))
    )
    notes = [t("r.note_timeline", lang, limit=limit)]
    if len(spanning) < len(cells):
        notes.append(t("r.note_single", lang, n=len(cells) - len(spanning)))
    return (
        f'<section id="timeline"><h2>{_e(t("r.timeline", lang))}</h2>{_legend(lang)}'
        f'<p class="muted">{_e(" ".join(notes))}</p>{charts}</section>\n'
    )


def _cell_chart(name: str, dated: Sequence[tuple[DocumentResult, dt.date]], lang: str, limit: float) -> str:
    first, last = min(day for _, day in dated), max(day for _, day in dated)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    unit = "month" if months <= 24 else "quarter" if months <= 72 else "year"
    keys = [_period_key(first, unit)]
    while keys[-1] != _period_key(last, unit):
        keys.append(_next_key(keys[-1], unit))
    periods: dict[tuple[int, int], list[DocumentResult]] = {}
    for doc, day in dated:
        periods.setdefault(_period_key(day, unit), []).append(doc)
    column, gap, left, top, height, bottom = 24, 8, 40, 14, 120, 34
    width = left + len(keys) * (column + gap) + 4
    parts = [
        f'<text x="{left - 6}" y="{top + height - y * height + 4:.1f}" text-anchor="end">{y:.0%}</text>'
        f'<line x1="{left}" x2="{width}" y1="{top + height - y * height:.1f}" y2="{top + height - y * height:.1f}" '
        f'stroke="#d4d4d4"/>'
        for y in (0.0, 0.5, 1.0)
    ]
    meetings = 0
    for i, key in enumerate(keys):
        x = left + gap / 2 + i * (column + gap)
        label = _period_name(key, unit, lang)
        docs = periods.get(key, [])
        meetings += len(docs)
        if not docs:
            parts.append(
                f'<rect x="{x}" y="{top + height - 2}" width="{column}" height="2" fill="#8c8c8c">'
                f"<title>{_e(label)}: {_e(t('r.no_meeting', lang))}</title></rect>"
            )
        y = float(top + height)
        for k in STACK:
            value = sum(float(d.shares.get(k, 0.0)) for d in docs) / len(docs) if docs else 0.0
            if value <= 0:
                continue
            tip = f"{label}: {label_name(k, lang)} {_pct(value)} ({t('r.meetings', lang, n=len(docs))})"
            y -= value * height
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{column}" height="{value * height:.1f}" fill="{COLOURS[k]}" '
                f'stroke="#fff" stroke-width="0.8"><title>{_e(tip)}</title></rect>'
            )
        if len(docs) > 1:
            parts.append(f'<text x="{x + column / 2}" y="{top - 3}" text-anchor="middle">×{len(docs)}</text>')
        first_line, second_line = _axis_label(key, unit)
        show_year = bool(second_line) and (i == 0 or key[0] != keys[i - 1][0])
        parts.append(
            f'<text x="{x + column / 2}" y="{top + height + 14}" text-anchor="middle">{first_line}</text>'
            + (
                f'<text x="{x + column / 2}" y="{top + height + 28}" text-anchor="middle">{second_line}</text>'
                if show_year
                else ""
            )
        )
    mark = top + height - limit * height
    parts.append(
        f'<line x1="{left}" x2="{width}" y1="{mark:.1f}" y2="{mark:.1f}" stroke="#000" stroke-width="1.5" '
        'stroke-dasharray="5 3"/>'
    )
    caption = f"{t('r.meetings', lang, n=meetings)} · {t('r.per', lang, unit=t(f'r.{unit}', lang))}"
    return (
        f'<div class="cell" data-cell="{_e(name)}" data-unit="{unit}"><h3>{_e(name)}</h3>'
        f'<p class="muted">{_e(caption)}</p><div class="scroll" tabindex="0">'
        f'<svg class="timeline" width="{width}" height="{top + height + bottom}" '
        f'viewBox="0 0 {width} {top + height + bottom}" role="img" aria-label="{_e(name)}: {_e(caption)}" '
        f'font-size="11" font-family="system-ui,sans-serif" fill="#1b1b1b">{"".join(parts)}</svg></div></div>'
    )


def _periods(rows: Sequence[Mapping[str, Any]], lang: str, limit: float) -> str:
    heads = "".join(f'<th scope="col" class="l-{k}"><i class="sw"></i>{_e(label_name(k, lang))}</th>' for k in STACK)
    body = []
    for row in rows:
        shares = {k: float(v) for k, v in (row.get("shares") or {}).items()}
        corrected = {k: float(v) for k, v in (row.get("shares_corrected") or {}).items()}
        cell, period = str(row.get("cell", "")), str(row.get("period", ""))
        files = [str(f) for f in row.get("files") or ()]
        listed = (
            f"<details><summary>{_e(t('r.files', lang))}</summary>" + "<br>".join(_e(f) for f in files) + "</details>"
            if files
            else ""
        )
        cells = "".join(
            f'<td class="num l-{k}" data-label="{k}" data-share="{shares.get(k, 0.0):.4f}">'
            f'<span class="lname"><i class="sw"></i>{_e(label_name(k, lang))}</span>'
            f"<b>{_pct(shares.get(k, 0.0))}</b>"
            + (
                f'<small class="corr" title="{_e(t("r.corrected", lang))}">→ {_pct(corrected[k])}</small>'
                if k in corrected
                else ""
            )
            + "</td>"
            for k in STACK
        )
        body.append(
            f'<tr data-cell="{_e(cell)}" data-period="{_e(period)}">'
            f'<td class="file"><b>{_e(t("r.unknown_cell", lang) if cell == UNKNOWN else cell)}</b></td>'
            f'<td><span class="lname">{_e(t("h.period", lang))}</span>'
            f"{_e(t('r.unknown_period', lang) if period == UNKNOWN else period)}</td>"
            f'<td class="num"><span class="lname">{_e(t("r.meetings_head", lang))}</span>'
            f"{_e(row.get('documents', len(files)))}{listed}</td>"
            f'<td class="bar">{_stacked_bar(shares, lang, limit)}</td>'
            f'{cells}<td class="flags">{_flags(list(row.get("flags") or ()), lang)}</td></tr>'
        )
    return (
        f'<section id="periods"><h2>{_e(t("r.periods", lang))}</h2>'
        f'<div class="scroll" tabindex="0"><table class="cards"><thead><tr><th scope="col">{_e(t("h.cell", lang))}</th>'
        f'<th scope="col">{_e(t("h.period", lang))}</th><th scope="col">{_e(t("r.meetings_head", lang))}</th>'
        f'<th scope="col">{_e(t("r.structure", lang))}</th>{heads}<th scope="col">{_e(t("h.flags", lang))}</th>'
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>\n"
    )


def _details(docs: Sequence[DocumentResult], anchors: Mapping[int, str], lang: str, limit: float) -> str:
    if not docs:
        return ""
    opened = len(docs) <= 5
    articles = "".join(_document(d, anchors[id(d)], lang, limit, opened) for d in docs)
    return (
        f'<section id="documents"><h2>{_e(t("r.details", lang))}</h2>{_legend(lang, procedural=True)}'
        f"{_notes(docs, lang, limit)}"
        f"{articles}</section>\n"
    )


def _share_row(doc: DocumentResult, k: str, lang: str, limit: float) -> str:
    value = float(doc.shares.get(k, 0.0))
    shapes = [
        '<rect x="0" y="0" width="100" height="10" fill="#f0f0f0"/>',
        f'<rect x="0" y="0" width="{value * 100:.2f}" height="10" fill="{COLOURS[k]}"/>',
    ]
    text = f"<b>{_pct(value)}</b>"
    if k in doc.intervals:
        lo, hi = doc.intervals[k]
        shapes.append(
            f'<path d="M{lo * 100:.2f} 5H{hi * 100:.2f}M{lo * 100:.2f} 2V8M{hi * 100:.2f} 2V8" stroke="#000" '
            'stroke-width="1.5" fill="none" vector-effect="non-scaling-stroke"/>'
        )
        text += f'<small class="ci" title="{_e(t("r.interval", lang))}">({_interval(lo, hi)})</small>'
    if k in doc.corrected:
        c = doc.corrected[k]
        shapes.append(
            f'<path d="M{c * 100:.2f} 0V10" stroke="#000" stroke-width="3" stroke-dasharray="2 1" '
            'vector-effect="non-scaling-stroke"/>'
        )
        text += f'<small class="corr" title="{_e(t("r.corrected", lang))}">→ {_pct(c)}</small>'
    if k == "professional_work":
        shapes.append(
            f'<path d="M{limit * 100:.2f} -1V11" stroke="#000" stroke-width="2" vector-effect="non-scaling-stroke"/>'
        )
    tip = f"{label_name(k, lang)}: {_pct(value)}"
    return (
        f'<div class="srow l-{k}" data-label="{k}" data-share="{value:.4f}"><div><i class="sw"></i>'
        f'{_e(label_name(k, lang))}</div><svg class="sbar" viewBox="0 -1 100 12" preserveAspectRatio="none" '
        f'role="img" aria-label="{_e(tip)}">{"".join(shapes)}</svg><div class="sval">{text}</div></div>'
    )


def _segment(seg: Segment, anchor: str, lang: str) -> str:
    review = f'<span class="badge">⚑ {_e(t("w.review", lang))}</span>' if seg.needs_review else ""
    extra = ""
    if seg.needs_review and seg.alternatives:
        alts = " · ".join(f"{label_name(lab, lang)} {_pct(p)}" for lab, p in seg.alternatives)
        extra += f'<p class="extra alts">{_e(t("r.alternatives", lang))}: {_e(alts)}</p>'
    if seg.explanation:
        terms = "".join(f'<span class="term">{_e(term)}</span>' for term in seg.explanation)
        extra += f'<p class="extra terms">{_e(t("r.terms", lang))}: {terms}</p>'
    return (
        f'<li class="seg l-{seg.label}{" review" if seg.needs_review else ""}" id="{anchor}-s{seg.index}" '
        f'data-label="{seg.label}" data-confidence="{seg.confidence:.4f}">'
        f'<div class="seg-head"><span class="idx">{seg.index}</span>'
        f'<span class="chip">{_e(label_name(seg.label, lang))}</span>'
        f"<span>{_e(t('h.confidence', lang))} {_pct(seg.confidence)}</span>{review}</div>"
        f'<p class="seg-text">{_e(seg.text)}</p>{extra}</li>'
    )


def _document(doc: DocumentResult, anchor: str, lang: str, limit: float, opened: bool) -> str:
    meta = _meta_line(doc, lang)
    review = sum(s.needs_review for s in doc.segments)
    summary = t("r.segments", lang, n=len(doc.segments))
    if review:
        summary += " · " + t("r.review_count", lang, n=review)
    segments = "".join(_segment(s, anchor, lang) for s in doc.segments)
    return (
        f'<article class="doc" id="{anchor}" data-file="{_e(doc.file)}"><h3>{_e(doc.file)}</h3>'
        + (f'<p class="muted">{_e(meta)}</p>' if meta else "")
        + _flags(doc.flags, lang, anchor)
        + "".join(_share_row(doc, k, lang, limit) for k in STACK)
        + f"<details{' open' if opened else ''}><summary>{_e(summary)}</summary>"
        f'<ol class="segs">{segments}</ol></details>'
        f'<p><a href="#top">{_e(t("r.top", lang))}</a></p></article>'
    )
