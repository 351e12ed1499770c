"""What a line looks like: headings, bullets, capitals and quoted opinions, for the segmenter and the model."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .normalise import clean
from .types import Context

_TITLE = re.compile(r"^\s*(biên bản|nghị quyết|báo cáo|kết luận)\b", re.IGNORECASE)
_SUBTITLE = re.compile(r"^\s*(chuyên đề|v/v|về việc|sinh hoạt|\()", re.IGNORECASE)
TITLE_SEARCH = 6  # segments of the header block where the title is looked for
# "1.", "1)", "I.", "IV -", "a)", "Nội dung 2:", "Phần II", "Điều 3"
HEADING = re.compile(
    r"^\s*(?:[IVXLC]{1,6}[.)\-/:]|\d{1,2}(?:\.\d{1,2})*[.)/:]|\d{1,2}\s*-|[a-zđ][)/.]\s|"
    r"(?:nội dung|phần|mục|vấn đề|điều)\s+[\dIVX]+\b)",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.:;!?…)\]\"”]\s*$")
BULLET = re.compile(r"^\s*[-+*•●○◦▪■◆►▶➢➤✓✔–—]\s*")
# "- Đ/c Lan:", "Đồng chí Thượng úy Bùi Đức Long (Đại đội trưởng):", "ĐV Hùng:"
OPINION = re.compile(r"^\s*[-+*]?\s*(?:đ/c|đồng chí|đv|đảng viên|ông|bà|anh|chị)\b[^:.;]{1,70}:", re.IGNORECASE)


CLEAN_CACHE_MAX = 2000  # characters: a segment's lines are cached, a whole pasted document is not


def cleaned(text: str) -> str:
    """``clean`` for the lines and segments that the segmenter, the contexts and the shape features all read."""
    return _cleaned(text) if len(text) <= CLEAN_CACHE_MAX else clean(text)


@lru_cache(maxsize=8192)
def _cleaned(text: str) -> str:
    return clean(text)


def is_caps(line: str) -> bool:
    """At least four letters, all capitals ("II. THẢO LUẬN")."""
    return line.isupper() and sum(c.isalpha() for c in line) >= 4


def starts_segment(line: str) -> bool:
    """A heading, a bullet or an all-caps line: it never continues the line before."""
    line = cleaned(line)
    return bool(HEADING.match(line) or BULLET.match(line) or is_caps(line))


def is_heading(text: str, max_syllables: int = 16) -> bool:
    """A short line that names what follows: "4. Công tác kiểm tra, giám sát", "Về xây dựng Đảng:", "II. THẢO LUẬN".

    A numbered line with content after its colon ("2. Đảng phí: quý III thu đủ") is not a bare heading.
    """
    line = cleaned(text)
    if not line or "\n" in line or len(line.split()) > max_syllables:
        return False
    _, colon, rest = line.partition(":")
    if colon and len(rest.split()) > 3:
        return False
    return line.endswith(":") or bool(HEADING.match(line)) or is_caps(line)


def contexts(pieces: Sequence[str]) -> list[Context]:
    """Each segment with the nearest heading above it, the segment before it and the document's title."""
    title = _title(pieces)
    out: list[Context] = []
    heading = ""
    for i, piece in enumerate(pieces):
        out.append(Context(piece, heading, pieces[i - 1] if i else "", title))
        if is_heading(piece) or introduces(piece):
            heading = piece
    return out


INTRODUCER_MAX = 40  # syllables


def introduces(text: str) -> bool:
    """A line that opens a list ("Đồng chí Phó Bí thư triển khai các công việc cụ thể như sau:"): the heading
    of the items below it, whose subject it says (an agenda, tasks, results), however long it is."""
    line = cleaned(text)
    return bool(line) and "\n" not in line and line.endswith(":") and len(line.split()) <= INTRODUCER_MAX


def _title(pieces: Sequence[str]) -> str:
    lines = [line.strip() for piece in pieces[:TITLE_SEARCH] for line in piece.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if _TITLE.match(line):
            title = [line]
            for more in lines[i + 1 : i + 3]:
                if not (is_caps(more) or _SUBTITLE.match(more)):
                    break
                title.append(more)
            return "\n".join(title)
    return ""


_SENTENCE_BREAK = re.compile(r"(?<=[.!?;…])\s+")


def sentences(piece: str) -> list[str]:
    """The sentences of a segment, for splitting a long paragraph that changes subject (LABELS.md rule 7).

    A sentence ends at . ! ? ; or … before a capital, a digit or an opening quote or dash; a run without
    such an end is cut every ``MAX_SENTENCE`` syllables, so that one enormous unpunctuated line never goes
    to the tokeniser whole (its memory grows with the sentence). Joined with single spaces they give back
    the segment with its line breaks read as spaces.
    """
    flat = " ".join(piece.split())
    out, start = [], 0
    for found in _SENTENCE_BREAK.finditer(flat):
        following = flat[found.end() : found.end() + 2].lstrip("\"“'(-–")
        if following[:1].isupper() or following[:1].isdigit():
            out.append(flat[start : found.start()])
            start = found.end()
    out.append(flat[start:])
    return [chunk for sentence in out if sentence for chunk in _chunks(sentence)]


MAX_SENTENCE = 250  # syllables; the longest labelled segment has 198


def _chunks(sentence: str) -> list[str]:
    words = sentence.split(" ")
    if len(words) <= MAX_SENTENCE:
        return [sentence]
    return [" ".join(words[i : i + MAX_SENTENCE]) for i in range(0, len(words), MAX_SENTENCE)]


SHAPE_FEATURES = ("bare_heading", "numbered", "capitals", "bullet", "opinion", "ends_colon", "short", "long")


def shape_features(text: str) -> list[float]:
    """What a segment looks like, as numbers for the model (rule 9: a bare heading is procedural whatever
    subject it names; its words alone point the other way)."""
    first = cleaned(text.split("\n", 1)[0])
    n = len(text.split())
    return [
        float(is_heading(text)),
        float(bool(HEADING.match(first))),
        float(is_caps(first)),
        float(bool(BULLET.match(first))),
        float(bool(OPINION.match(first))),
        float(first.endswith(":")),
        float(n <= 8),
        float(n > 60),
    ]
