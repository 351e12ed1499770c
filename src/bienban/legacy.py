"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) to Unicode, with viparse's corpus-validated tables.

Old minutes were typed in .VnTime (TCVN3) or VNI-Times fonts: their bytes are Vietnamese letters
only through the font, so a text file or a .docx run shows Western characters ("Chi bé" for
"Chi bộ"). viparse carries the tables and a content detector; this module decides when to use them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Vietnamese Unicode text never contains these; TCVN3 and VNI text is full of them.
_SURFACE_HINTS = frozenset("µ¸¶·¹¨©ª«¬®§¦¥¤£¢¡»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßæçèéêëìíîïðñòóôõö÷øùúûüýþÿ")
_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


@lru_cache(maxsize=1)
def _tables() -> tuple[object, object, object, object]:
    from viparse.normalize.detector import detect_encoding_by_content
    from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS, CHARMAPS
    from viparse.normalize.tables import convert

    return detect_encoding_by_content, AUTO_DETECT_CHARMAPS, CHARMAPS, convert


def looks_legacy(text: str) -> bool:
    """Cheap test before the detector: enough characters that only legacy-font text has."""
    sample = text[:20000]
    hints = sum(1 for c in sample if c in _SURFACE_HINTS and c not in _VIETNAMESE)
    return hints >= 3 and hints / max(len(sample), 1) > 0.005


def detect(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or None (Unicode already), by scoring each table's output as Vietnamese."""
    if not looks_legacy(text):
        return None
    detect_by_content, candidates, _, _ = _tables()
    return detect_by_content(text, candidates).encoding  # type: ignore[operator,no-any-return]


# viparse 0.1.31's VNI table lacks ẳ/Ẳ (VNI types them as base + breve-hook mark, "aú"/"AÚ");
# in VNI text "ú" after "a" has no other reading, so the gap is filled before the table runs.
_VNI_SUPPLEMENT = (("aú", "ẳ"), ("AÚ", "Ẳ"))


def to_unicode(text: str, encoding: str) -> str:
    _, _, charmaps, convert = _tables()
    if encoding == "vni":
        for legacy_form, letter in _VNI_SUPPLEMENT:
            text = text.replace(legacy_form, letter)
    out = unicodedata.normalize("NFC", convert(text, charmaps[encoding]))  # type: ignore[operator,index]
    return "\n".join(_restore_caps(line) for line in out.split("\n")) if encoding == "tcvn3" else out


# Where Vietnamese starts a sentence: after a heading number, a bullet, or a finished sentence
_SENTENCE_START = re.compile(r"(^\s*(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s+|^\s*[-+*•]\s+|[.!?]\s+)(\w)")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _capital_start(match: re.Match[str]) -> str:
    """A toned small letter where a sentence starts was a capital the typist could not type in TCVN3."""
    letter = match.group(2)
    toned = letter.islower() and any(c in _TONES for c in unicodedata.normalize("NFD", letter))
    return match.group(1) + (letter.upper() if toned else letter)


def _restore_caps(line: str) -> str:
    """TCVN3 has no capital toned letters (the .VnTimeH font drew them): "BIÊN BảN" -> "BIÊN BẢN".

    A line whose plain letters are all capitals is a heading set in capitals; elsewhere a word
    whose plain letters are all capitals ("ĐảNG") is one capitalised word, and a toned letter that
    starts a sentence ("IV. ý kiến", "... 16/16. ý kiến") is a capital.
    """
    plain = [c for c in line if c.isascii() and c.isalpha()]
    if len(plain) >= 3 and all(c.isupper() for c in plain):
        return line.upper()
    line = _SENTENCE_START.sub(_capital_start, line)
    words = line.split(" ")
    for i, word in enumerate(words):
        letters = [c for c in word if c.isascii() and c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            words[i] = word.upper()
    return " ".join(words)


def repair(text: str) -> str:
    """Text with legacy-font letters converted; Unicode text comes back unchanged."""
    encoding = detect(text)
    return to_unicode(text, encoding) if encoding else text


def font_encoding(fonts: Iterable[str | None]) -> str | None:
    """The legacy encoding a font name implies (".VnTime" -> tcvn3, "VNI-Times" -> vni), else None."""
    from viparse.normalize.detector import detect_encoding

    return detect_encoding(list(fonts)).encoding
