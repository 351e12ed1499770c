"""Writing text the way old Vietnamese tools saved it, to check that reading undoes it."""

from __future__ import annotations

import unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 has no precomposed toned letters: a base letter (ô, ư, ă...) plus a combining tone."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        tones = "".join(c for c in parts if c in TONES)
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def encode_legacy(text: str, encoding: str) -> bytes:
    """Text typed in a .VnTime (tcvn3) or VNI-Times (vni) font and saved through a Western code page."""
    from viparse.normalize.encodings import CHARMAPS

    inverse = {"ẳ": "aú", "Ẳ": "AÚ"} if encoding == "vni" else {}
    for legacy, letter in sorted(CHARMAPS[encoding].pairs, key=lambda pair: len(pair[0])):
        inverse.setdefault(unicodedata.normalize("NFC", letter), legacy)
    # TCVN3 has no capital toned letters: typists used the small ones in a capitals font
    chars = (inverse.get(c, inverse.get(c.lower(), c)) for c in unicodedata.normalize("NFC", text))
    return "".join(chars).encode("cp1252")
