"""underthesea word segmentation at a stable import path: shipped models refer to these functions by name."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .normalise import clean


@lru_cache(maxsize=8192)
def tokenise(text: str) -> str:
    """Words of one segment joined by spaces, syllables of a word by "_" ("chi_bộ họp thường_kỳ").

    underthesea also puts tone marks in one place ("hoà" -> "hòa"). Cached because minutes repeat
    boilerplate lines (headers, signatures) across a whole archive.
    """
    from underthesea import word_tokenize

    return word_tokenize(clean(text), format="text")


def tokenise_many(texts: Iterable[str]) -> list[str]:
    return [tokenise(t) for t in texts]


def words(tokenised: str) -> list[str]:
    """Lower-cased words of a tokenised segment, punctuation dropped: the word features' tokens."""
    return [w for w in tokenised.lower().split() if any(c.isalnum() for c in w)]


def syllable_text(tokenised: str) -> str:
    """The tokenised segment as plain lower-cased syllables, for character n-grams."""
    return tokenised.replace("_", " ").lower()
