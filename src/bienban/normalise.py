"""Text normalisation for the model; outputs always keep the original text."""

from __future__ import annotations

import re
import unicodedata

_BULLETS = re.compile(r"[•●○◦▪▫■□◆◇►▶➢➤✓✔\u2023\u2043\u2219]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, one form of bullets, dashes and spaces: the text the model and the segmenter see."""
    text = nfc(text)
    text = _BULLETS.sub("-", text)
    text = _DASHES.sub("-", text)
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    return _SPACES.sub(" ", text).strip()


def syllables(text: str) -> int:
    """Whitespace-separated tokens of the NFC text: the unit of shares in LABELS.md."""
    return len(nfc(text).split())
