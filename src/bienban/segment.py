"""Text to agenda segments: every heading, bullet, quoted opinion and paragraph starts a segment."""

from __future__ import annotations

import re

from .normalise import clean

# "1.", "1)", "I.", "IV -", "a)", "Nội dung 2:", "Phần II", bullets and dashes
_HEADING = re.compile(
    r"^\s*(?:[IVXLC]{1,6}[.)\-/:]|\d{1,2}(?:\.\d{1,2})*[.)/:]|\d{1,2}\s*-|[a-zđ][)/.]\s|"
    r"(?:nội dung|phần|mục|vấn đề|điều)\s+[\dIVX]+\b)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[-+*•●○◦▪■◆►▶➢➤✓✔–—]\s*")
_SENTENCE_END = re.compile(r"[.:;!?…)\]\"”]\s*$")


def segment(text: str) -> list[str]:
    """Segments in document order; together they hold every non-empty line exactly once."""
    segments: list[list[str]] = []
    previous = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            previous = ""
            continue
        if segments and previous and _continues(previous, line):
            segments[-1].append(line)
        else:
            segments.append([line])
        previous = line
    return ["\n".join(lines) for lines in segments]


def _starts_segment(line: str) -> bool:
    cleaned = clean(line)
    return bool(_HEADING.match(cleaned) or _BULLET.match(cleaned) or _is_caps(cleaned))


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence and this one goes on in lower case."""
    if _SENTENCE_END.search(previous) or _starts_segment(line) or _is_caps(clean(previous)):
        return False
    first = line[0]
    return first.islower() or first.isdigit() and not _HEADING.match(line)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)
