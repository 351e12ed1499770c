"""Text to agenda segments: every heading, bullet, quoted opinion and paragraph starts a segment."""

from __future__ import annotations

from .shape import HEADING, SENTENCE_END, cleaned, is_caps, sentences, starts_segment

__all__ = ["segment", "sentences"]


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


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence and this one goes on in lower case."""
    if SENTENCE_END.search(previous) or starts_segment(line) or is_caps(cleaned(previous)):
        return False
    first = line[0]
    return first.islower() or first.isdigit() and not HEADING.match(line)
