"""Bytes to text: the only stage that opens input files. Every failure is an InputError naming the file."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import legacy
from .errors import InputError
from .normalise import nfc

SUFFIXES = (".txt", ".docx", ".pdf")


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named and the minutes files inside folders (recursively, sorted), in the order given."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield path
        elif path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith(".")
            )
            yield from found
        else:
            yield path


def read_path(path: str | os.PathLike[str]) -> str:
    """The Unicode (NFC) text of a minutes file, whatever its format; ``-`` is standard input."""
    path = Path(path)
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        if not data.strip():
            raise InputError("err.empty", file=name)
        return nfc(decode_text(data, name))
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError("err.doc", file=name)
    if suffix not in SUFFIXES:
        raise InputError("err.unsupported", file=name, suffix=suffix or "(no suffix)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("err.not_found", file=name) from None
    except PermissionError:
        raise InputError("err.permission", file=name) from None
    except IsADirectoryError:
        raise InputError("err.no_inputs", file=name) from None
    if not data.strip():
        raise InputError("err.empty", file=name)
    if suffix == ".docx":
        text = _docx_text(data, name)
    elif suffix == ".pdf":
        text = _pdf_text(data, name)
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise InputError("err.empty", file=name)
    return nfc(text)


def decode_text(data: bytes, name: str = "<bytes>") -> str:
    """Decode a text file: BOMs first, then UTF-8, then Windows-1258 (the Vietnamese code page)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        if _looks_utf16(data):
            return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
        raise InputError("err.not_text", file=name)
    try:
        return legacy.repair(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # One byte a character: Windows-1258, or TCVN3/VNI bytes that only a legacy font made Vietnamese.
    text = data.decode("cp1258", errors="replace")
    if _binary_ratio(text) > 0.05:
        raise InputError("err.not_text", file=name)
    western = data.decode("cp1252", errors="latin1_fallback")
    found = legacy.detect(western)
    return legacy.to_unicode(western, found) if found else text


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """The five bytes cp1252 leaves undefined read as Latin-1, as Windows tools show them."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    return max(zeros_even, zeros_odd) / half > 0.3 and min(zeros_even, zeros_odd) / half < 0.05


def _binary_ratio(text: str) -> float:
    sample = text[:8192]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd")
    return bad / max(len(sample), 1)


def _docx_text(data: bytes, name: str) -> str:
    import io
    import zipfile

    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError("err.bad_docx", file=name, reason=type(exc).__name__) from None
    except Exception as exc:  # python-docx raises many kinds on broken packages
        raise InputError("err.bad_docx", file=name, reason=type(exc).__name__) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(_paragraph_text(block))
    return "\n".join(lines)


def _paragraph_text(paragraph: object) -> str:
    """A paragraph's text with runs set in legacy fonts (.VnTime, VNI-Times) converted to Unicode."""
    runs = paragraph.runs  # type: ignore[attr-defined]
    if not any(run.font.name for run in runs):
        return legacy.repair(paragraph.text)  # type: ignore[attr-defined]
    parts = []
    for run in runs:
        encoding = legacy.font_encoding([run.font.name]) if run.font.name else None
        parts.append(legacy.to_unicode(run.text, encoding) if encoding else run.text)
    return "".join(parts)


def _table_lines(table: object) -> list[str]:
    """Table cells row by row; merged cells repeat in python-docx, so each is kept once."""
    lines: list[str] = []
    seen: set[int] = set()
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            lines.extend(_paragraph_text(p) for p in cell.paragraphs)
    return lines


def _pdf_text(data: bytes, name: str) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("err.bad_pdf", file=name, reason="encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError("err.bad_pdf", file=name, reason=type(exc).__name__) from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError("err.no_text_layer", file=name)
    return text
