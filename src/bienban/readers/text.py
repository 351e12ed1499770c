"""Plain-text files: the encoding is detected from the bytes, never assumed.

Chosen by measurement (benchmarks/encodings.py: 83 gold minutes written in 9 encodings): charset-normalizer
reads UTF-8 (with or without BOM), UTF-16 (with or without BOM), NFD and Windows-1258 right, as this module
does, but reads none of the TCVN3 or VNI files (0/83 each: it takes their bytes for ISO-8859-10/14/16,
cp1250 or cp1257, so viparse's tables never see the Western reading they need), while this module reads
all of them (TCVN3 up to the toned capitals the format cannot hold). Every case it gets right, this short
order gets right too, so bienban carries no detector: BOMs; UTF-16 by where its zero bytes fall; strict
UTF-8; else Windows-1258, unless viparse's detector finds TCVN3 or VNI in the Western (cp1252) reading.
"""

from __future__ import annotations

import codecs

from .. import legacy
from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 8192


def decode_text(data: bytes, name: str = "<bytes>") -> str:
    """Decode a text file: BOMs first, then UTF-16 without BOM, UTF-8, then Windows-1258 or TCVN3/VNI."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), name)
    if b"\x00" in data[:4096]:
        order = _utf16_order(data)
        if order:
            return _checked(data.decode(order, errors="replace"), name)
        raise InputError("err.not_text", file=name)
    try:
        return legacy.repair(_checked(data.decode("utf-8"), name))
    except UnicodeDecodeError:
        pass
    # One byte a character: Windows-1258, or TCVN3/VNI bytes that only a legacy font made Vietnamese.
    text = _checked(data.decode("cp1258", errors="replace"), name)
    western = data.decode("cp1252", errors="latin1_fallback")
    found = legacy.detect(western)
    return legacy.to_unicode(western, found) if found else text


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """The five bytes cp1252 leaves undefined read as Latin-1, as Windows tools show them."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)


def _utf16_order(data: bytes) -> str | None:
    """UTF-16 without a BOM: the high bytes of ASCII letters and spaces are zeros, all on one side."""
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if max(zeros_even, zeros_odd) / half > 0.3 and min(zeros_even, zeros_odd) / half < 0.05:
        return "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    """Refuse binary data that happened to decode: control characters or replacements in any part of it."""
    if binary_ratio(text) > 0.05:
        raise InputError("err.not_text", file=name)
    return text


def binary_ratio(text: str) -> float:
    """Share of control characters and U+FFFD in three samples (start, middle, end) of the text."""
    middle = max(len(text) // 2 - _SAMPLE // 2, 0)
    samples = {(0, _SAMPLE), (middle, middle + _SAMPLE), (max(len(text) - _SAMPLE, 0), len(text))}
    worst = 0.0
    for start, end in samples:
        sample = text[start:end]
        bad = sum(1 for c in sample if (c < " " and c not in "\r\n\t\f") or c in "\ufffd\x7f")
        worst = max(worst, bad / max(len(sample), 1))
    return worst
