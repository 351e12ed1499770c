"""Word .docx files through python-docx, after the zip container is checked against zip bombs."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from .. import legacy
from ..errors import InputError

MB = 1024 * 1024
# Word's XML compresses about 10:1, images not at all; a bomb's parts compress 1000:1 and more.
MAX_RATIO = 200
RATIO_FROM = 1 * MB  # parts smaller than this cannot do harm whatever their ratio
MAX_PARTS = 10_000


def check_zip(data: bytes, name: str, max_unpacked: int) -> None:
    """Refuse a .docx before anything unpacks it: too many parts, too large unpacked, or bomb-like ratios.

    The sizes checked are the ones the zip declares; Python's zipfile never returns more bytes than a
    part declares, so a part that lies about its size cannot unpack to more.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError("err.bad_docx", file=name, reason=_reason(exc)) from None
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_PARTS or total > max_unpacked:
        raise InputError("err.docx_too_large", file=name, size=_mb(total), limit=_mb(max_unpacked))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise InputError("err.zip_bomb", file=name, part=info.filename[:60], ratio=int(ratio))
    if "word/document.xml" not in names:
        kind = _other_package(names)
        if kind:
            raise InputError("err.other_format", file=name, kind=kind)
        raise InputError("err.bad_docx", file=name, reason="no word/document.xml")


def _other_package(names: set[str]) -> str | None:
    """Excel, PowerPoint and OpenDocument files are zip packages too: name them so the fix is clear."""
    if "xl/workbook.xml" in names:
        return "Excel (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "PowerPoint (.pptx)"
    if "content.xml" in names and "mimetype" in names:
        return "OpenDocument (.odt/.ods)"
    if "[Content_Types].xml" not in names:
        return "zip archive"
    return None


def docx_text(data: bytes, name: str, max_unpacked: int) -> str:
    """Paragraphs and table cells in document order (headers are often tables); legacy-font runs converted."""
    check_zip(data, name, max_unpacked)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(_paragraph_text(block))
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on broken packages
        raise InputError("err.bad_docx", file=name, reason=_reason(exc)) from None
    return "\n".join(lines)


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:80] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text with runs set in legacy fonts (.VnTime, VNI-Times) converted to Unicode."""
    runs = paragraph.runs
    if not any(run.font.name for run in runs):
        return legacy.repair(paragraph.text)
    parts = []
    for run in runs:
        encoding = legacy.font_encoding([run.font.name]) if run.font.name else None
        parts.append(legacy.to_unicode(run.text, encoding) if encoding else run.text)
    return "".join(parts)


def _table_lines(table: Any) -> list[str]:
    """Table cells row by row; merged cells repeat in python-docx, so each is kept once."""
    lines: list[str] = []
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            lines.extend(_paragraph_text(p) for p in cell.paragraphs)
    return lines
