"""PDF files with a text layer, through pypdf; lines the layout wrapped are joined back into paragraphs.

A PDF keeps no paragraphs, only lines placed on a page. A line is a wrap of the one before when it
starts at the left margin (paragraphs start indented, headings centred), is no heading, bullet or quoted
opinion, the line before it reaches far enough to the right that the next word would not have fitted,
and no blank gap separates them. Where a document indents no paragraph, a line ending a sentence ends its
paragraph too, as the segmenter decides for hard-wrapped text.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..shape import OPINION, SENTENCE_END, is_caps, starts_segment

_SPACES = re.compile(r"\s+")
_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}")
_BULLET = re.compile(r"^[-+*•●○◦▪■◆►▶➢➤✓✔–—]\s")  # "- Về ...", not "-300 m"
_PAGE_NUMBER = re.compile(r"^(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—]?$", re.IGNORECASE)
SHORT_LINE = 0.65  # of a full line's length: a line this short ends its paragraph
BLANK_GAP = 1.6  # line spacings: a larger gap is a blank line


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float
    page: int


def pdf_text(data: bytes, name: str, max_pages: int) -> str:
    """The text layer, paragraphs joined; a PDF without one asks for OCR rather than giving empty text."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError

    try:
        with _quiet():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _decrypt(reader):
                raise InputError("err.pdf_encrypted", file=name)
            count = len(reader.pages)
            if count > max_pages:
                raise InputError("err.too_many_pages", file=name, pages=count, limit=max_pages)
            lines = [line for number, page in enumerate(reader.pages) for line in page_lines(page, number)]
    except InputError:
        raise
    except DependencyError:
        raise InputError("err.pdf_encrypted", file=name) from None
    except LimitReachedError:
        raise InputError("err.bad_pdf", file=name, reason="a stream too large to unpack") from None
    except Exception as exc:  # pypdf raises many kinds (and RecursionError) on broken files
        raise InputError("err.bad_pdf", file=name, reason=type(exc).__name__) from None
    text = join_lines(lines)
    if not text.strip():
        raise InputError("err.no_text_layer", file=name)
    return text


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf reports recoverable damage through warnings and logging; once anything (underthesea does) has
    configured logging, that reaches stderr as stray lines beside bienban's one line per file."""
    logger = logging.getLogger("pypdf")  # its modules log through children of this logger
    propagate = logger.propagate
    logger.propagate = False  # stop at this logger, whose NullHandler keeps Python's last-resort printer off
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.propagate = propagate


logging.getLogger("pypdf").addHandler(logging.NullHandler())


def _decrypt(reader: Any) -> bool:
    """PDFs "protected" only against copying open with the empty password; others need theirs."""
    from pypdf import PasswordType

    return bool(reader.decrypt("") != PasswordType.NOT_DECRYPTED)


def page_lines(page: Any, number: int = 0) -> list[Line]:
    """The page's lines as pypdf extracts them, each with where its first visible text starts."""
    parts: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: Any) -> None:
        if text:
            parts.append((text, tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    current: list[str] = []
    start: tuple[float, float] | None = None
    for text, x, y in parts:
        for k, piece in enumerate(text.split("\n")):
            if k:
                _close(lines, current, start, number)
                current, start = [], None
            if start is None and piece.strip():
                start = (x, y)
            current.append(piece)
    _close(lines, current, start, number)
    return _drop_page_numbers(lines)


def _close(lines: list[Line], pieces: list[str], start: tuple[float, float] | None, page: int) -> None:
    text = _SPACES.sub(" ", "".join(pieces)).strip()
    if text and start is not None:
        lines.append(Line(text, start[0], start[1], page))


def _drop_page_numbers(lines: list[Line]) -> list[Line]:
    """A lone "3", "- 3 -" or "Trang 3/5" first or last on a page is a page number, not minutes text."""
    if len(lines) > 1:
        for index in (-1, 0):
            if _PAGE_NUMBER.match(lines[index].text):
                lines = lines[:index] + lines[index + 1 :] if index == 0 else lines[:index]
    return lines


def join_lines(lines: Sequence[Line]) -> str:
    """Paragraphs one per line; a blank gap on the page stays a blank line."""
    if not lines:
        return ""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    pages = {number: _PageShape.of(page) for number, page in by_page.items()}
    indents = _uses_indents(lines, pages)
    out: list[str] = [lines[0].text]
    for prev, line in zip(lines, lines[1:], strict=False):
        shape = pages[line.page]
        gap = line.page == prev.page and prev.y - line.y > BLANK_GAP * shape.spacing
        if gap:
            out.append("")
        if not gap and _continues(prev, line, shape, indents):
            out[-1] = f"{out[-1]} {line.text}"
        else:
            out.append(line.text)
    return "\n".join(out)


@dataclass(frozen=True)
class _PageShape:
    margin: float  # x where the page's lines start
    spacing: float  # the usual distance between two lines
    full: float  # characters in a full line

    @classmethod
    def of(cls, lines: Sequence[Line]) -> _PageShape:
        steps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if a.y - b.y > 0]
        lengths = sorted(len(line.text) for line in lines)
        return cls(
            margin=min(line.x for line in lines),
            spacing=sorted(steps)[len(steps) // 4] if steps else 12.0,  # most steps are one line, gaps are few
            full=lengths[int(0.9 * (len(lengths) - 1))],
        )

    def indented(self, line: Line) -> bool:
        return line.x > self.margin + max(2.0, 0.25 * self.spacing)


def _uses_indents(lines: Sequence[Line], pages: dict[int, _PageShape]) -> bool:
    """Most lines that follow a finished sentence start indented (or are headings): paragraphs are indented."""
    after = [line for prev, line in zip(lines, lines[1:], strict=False) if SENTENCE_END.search(prev.text)]
    marked = sum(1 for line in after if pages[line.page].indented(line) or _starts_block(line.text))
    return bool(after) and marked > len(after) / 2


def _starts_block(text: str) -> bool:
    """A heading, bullet, capitals line or quoted opinion ("- Đ/c Lan: ..."): never the rest of a wrap."""
    if _DATE.match(text):
        return False
    return starts_segment(text) or bool(OPINION.match(text))


def _continues(prev: Line, line: Line, shape: _PageShape, indents: bool) -> bool:
    if shape.indented(line) or len(prev.text) < SHORT_LINE * max(shape.full, 20):
        return False
    if is_caps(line.text) or is_caps(prev.text):
        # a long heading in capitals wraps too ("... ĐẢNG CỘNG SẢN VIỆT" + "NAM")
        return is_caps(prev.text) and not any(c.islower() for c in line.text)
    if indents:
        # Paragraphs start indented, so a line at the margin after a full one is a wrap even when it
        # starts like a heading ("20/9 phân công", "9. Hiện còn"); only bullets and opinions stand apart.
        return not (_BULLET.match(line.text) or OPINION.match(line.text))
    return not _starts_block(line.text) and not SENTENCE_END.search(prev.text)
