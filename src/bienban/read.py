"""Bytes to text: the only stage that opens input files. Every failure is an InputError naming the file.

Archives hold anything, so nothing about a file is trusted: its size is checked before it is read, its
first bytes decide what it is (a renamed image or PDF is recognised whatever its suffix), and the .docx
and PDF readers have their own limits (unpacked size, pages) that :class:`ReadLimits` carries.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .normalise import nfc
from .readers.pdf import pdf_text
from .readers.text import decode_text
from .readers.word import docx_text

__all__ = ["SUFFIXES", "ReadLimits", "decode_text", "iter_inputs", "read_bytes", "read_path", "sniff"]

SUFFIXES = (".txt", ".docx", ".pdf")
MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """How much one input may cost; the CLI's --max-size, --max-docx-size and --max-pages raise them.

    Minutes run to tens of kilobytes and a few pages: the defaults leave a hundredfold margin.
    """

    max_size: int = 20 * MB  # bytes of any input file
    max_docx_size: int = 200 * MB  # bytes a .docx unpacks to (zip bombs)
    max_pages: int = 500  # pages of a PDF


DEFAULT_LIMITS = ReadLimits()

# First bytes of what archives hold besides minutes: (magic, offset, kind, message key)
_MAGIC: tuple[tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG", "err.image"),
    (b"\xff\xd8\xff", 0, "JPEG", "err.image"),
    (b"GIF87a", 0, "GIF", "err.image"),
    (b"GIF89a", 0, "GIF", "err.image"),
    (b"II*\x00", 0, "TIFF", "err.image"),
    (b"MM\x00*", 0, "TIFF", "err.image"),
    (b"WEBP", 8, "WebP", "err.image"),
    (b"ftypheic", 4, "HEIC", "err.image"),
    (b"ftypmif1", 4, "HEIF", "err.image"),
    (b"{\\rtf", 0, "RTF (.rtf)", "err.other_format"),
    (b"\x1f\x8b", 0, "gzip", "err.archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip", "err.archive"),
    (b"Rar!\x1a\x07", 0, "RAR", "err.archive"),
    (b"\x7fELF", 0, "ELF", "err.not_text"),
    (b"MZ", 0, "Windows program", "err.not_text"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and password-protected new ones


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named and the minutes files inside folders (recursively, sorted), in the order given.

    Symbolic links to folders are followed once each: a link that loops back is skipped. A folder that
    cannot be listed is yielded itself, so that reading it reports the problem and the batch goes on.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) != "-" and path.is_dir():
            yield from _walk(path, set())
        else:
            yield path


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return
        seen.add(key)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:  # a link loop or a vanished entry
            continue
        if is_dir:
            yield from _walk(path, seen)
        elif is_file and path.suffix.lower() in SUFFIXES:
            yield path


def read_path(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> str:
    """The Unicode (NFC) text of a minutes file, whatever its format; ``-`` is standard input."""
    limits = limits or DEFAULT_LIMITS
    path = Path(path)
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(limits.max_size + 1)
        _check_size(name, len(data), limits)
        return read_bytes(data, name, ".txt", limits)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError("err.doc", file=name)
    if suffix not in SUFFIXES:
        # Say what the file is when its first bytes tell ("a PNG image: run OCR first")
        kind = sniff(_read_file(path, name, limits, head=64))
        if kind and kind[1] not in ("", "err.not_text"):
            raise InputError(kind[1], file=name, kind=kind[0])
        raise InputError("err.unsupported", file=name, suffix=suffix or "(no suffix)")
    return read_bytes(_read_file(path, name, limits), name, suffix, limits)


def _read_file(path: Path, name: str, limits: ReadLimits, head: int = 0) -> bytes:
    """At most the size limit plus one byte (or the ``head``): a file that grows, or a device, cannot make us
    read more."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError("err.folder_unreadable", file=name)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("err.not_regular", file=name)
        if not head:
            _check_size(name, info.st_size, limits)
        with path.open("rb") as handle:
            data = handle.read(head or limits.max_size + 1)
    except FileNotFoundError:
        raise InputError("err.not_found", file=name) from None
    except PermissionError:
        raise InputError("err.permission", file=name) from None
    except IsADirectoryError:
        raise InputError("err.folder_unreadable", file=name) from None
    except OSError as exc:  # a link loop, a name too long, an I/O error on a damaged disk
        raise InputError("err.os", file=name, reason=exc.strerror or type(exc).__name__) from None
    _check_size(name, len(data), limits)
    return data


def _check_size(name: str, size: int, limits: ReadLimits) -> None:
    if size > limits.max_size:
        raise InputError("err.too_large", file=name, size=f"{size / MB:.1f}", limit=f"{limits.max_size / MB:g}")


def read_bytes(data: bytes, name: str, suffix: str = ".txt", limits: ReadLimits | None = None) -> str:
    """Text of a file's bytes: what the bytes are decides the reader; the suffix only says what was expected."""
    limits = limits or DEFAULT_LIMITS
    if not data.strip():
        raise InputError("err.empty", file=name)
    kind = sniff(data)
    if kind == ("PDF", ""):
        text = pdf_text(data, name, limits.max_pages)
    elif kind == ("zip", ""):
        text = docx_text(data, name, limits.max_docx_size)
    elif kind == ("OLE2", ""):
        encrypted = "EncryptedPackage".encode("utf-16-le") in data
        raise InputError("err.docx_encrypted" if encrypted else "err.doc", file=name)
    elif kind:
        raise InputError(kind[1], file=name, kind=kind[0])
    elif suffix == ".pdf":
        raise InputError("err.bad_pdf", file=name, reason="no %PDF header")
    elif suffix == ".docx":
        raise InputError("err.bad_docx", file=name, reason="not a zip package")
    else:
        text = decode_text(data, name)
    if not text.strip():
        raise InputError("err.empty", file=name)
    return nfc(text)


def sniff(data: bytes) -> tuple[str, str] | None:
    """(kind, message key) of a file that is not plain text, by its first bytes; key "" for a format we read."""
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return ("PDF", "")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return ("zip", "")
    if data.startswith(_OLE2):
        return ("OLE2", "")
    for magic, offset, kind, key in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if kind == "WebP" and not data.startswith(b"RIFF"):
                continue
            if kind == "Windows program" and b"This program cannot be run in DOS mode" not in data[:512]:
                continue
            return (kind, key)
    if data.startswith(b"BM") and len(data) > 26 and int.from_bytes(data[2:6], "little") == len(data):
        return ("BMP", "err.image")
    return None
