"""underthesea word segmentation at a stable import path: shipped models refer to these functions by name."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

from . import wordseg
from .normalise import clean
from .shape import sentences
from .types import Context

_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit: tokens without one are punctuation


TEXT_CACHE = 4096
SENTENCE_CACHE = 32768
PREFETCH = 2000  # contexts whose sentences are segmented in one batch


class _Memo:
    """The last ``size`` values by key; safe to share between threads (Dask workers tag on several)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def put(self, values: dict[str, str]) -> None:
        with self.lock:
            self.items.update(values)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


class _Words:
    """underthesea's words for sentences, decoded in batches (``wordseg``), the last SENTENCE_CACHE kept."""

    def __init__(self) -> None:
        self.cache = _Memo(SENTENCE_CACHE)
        self.segmenter: wordseg.CRFSegmenter | None = None
        self.loaded = False
        self.lock = threading.Lock()

    def get(self, sentence: str) -> str:
        found = self.cache.get(sentence)
        return found if found is not None else self.words([sentence])[sentence]

    def words(self, sentences_: Iterable[str]) -> dict[str, str]:
        """The words of every sentence given: cached ones from the cache, the others in one batch."""
        wanted = list(dict.fromkeys(sentences_))
        found = {s: w for s in wanted if (w := self.cache.get(s)) is not None}
        missing = [s for s in wanted if s not in found]
        if missing:
            computed = dict(zip(missing, self._segment(missing), strict=True))
            self.cache.put(computed)
            found.update(computed)
        return found

    def _segment(self, sentences_: list[str]) -> list[str]:
        with self.lock:
            if not self.loaded:
                self.segmenter, self.loaded = wordseg.load(), True
        if self.segmenter is not None:
            return self.segmenter.segment(sentences_)
        from underthesea import word_tokenize

        return [word_tokenize(s, format="text") for s in sentences_]


_WORDS = _Words()
_TEXTS = _Memo(TEXT_CACHE)


def tokenise(text: str) -> str:
    """Words of one segment joined by spaces, syllables of a word by "_" ("chi_bộ họp thường_kỳ").

    underthesea also puts tone marks in one place ("hoà" -> "hòa"). Sentence by sentence, each cached:
    minutes repeat boilerplate across an archive, and a long paragraph split where its subject changes
    (LABELS.md rule 7) reuses the tokens of its sentences. The whole text is cached too (the last
    TEXT_CACHE): a segment is read again as the context (previous segment, heading, title) of others.
    """
    found = _TEXTS.get(text)
    return found if found is not None else _tokenise_new([text])[text]


def prefetch(texts: Iterable[str]) -> None:
    """Word-segment the sentences of many texts in one batch, so that ``tokenise`` finds them cached."""
    _tokenise_new(text for text in dict.fromkeys(texts) if text and text not in _TEXTS)


def _tokenise_new(texts: Iterable[str]) -> dict[str, str]:
    """The words of these texts, their sentences segmented in one batch, and cached."""
    split = {text: sentences(clean(text)) for text in texts}
    words = _WORDS.words(s for parts in split.values() for s in parts)
    found = {text: " ".join(words[s] for s in parts) for text, parts in split.items()}
    _TEXTS.put(found)
    return found


def tokenise_many(texts: Iterable[str | Context]) -> list[str]:
    """Models of version 0.1 read plain text; a context passed to them is read as its text."""
    return [tokenise(t if isinstance(t, str) else t[0]) for t in texts]


def tokenise_contexts(items: Iterable[str | Context]) -> list[dict[str, str]]:
    """Each field of each segment's context tokenised once (the cache makes repeated headings and titles free).

    A plain string is a segment without context. ``raw`` keeps the segment's text for its shape features.
    """
    contexts = [Context(item) if isinstance(item, str) else Context(*item) for item in items]
    out = []
    for at, context in enumerate(contexts):
        if at % PREFETCH == 0:  # a document at once; a training set in slices the sentence cache can hold
            prefetch(value for c in contexts[at : at + PREFETCH] for value in c)
        row = {name: tokenise(value) if value else "" for name, value in context._asdict().items()}
        row["raw"] = context.text
        out.append(row)
    return out


def words(tokenised: str) -> list[str]:
    """Lower-cased words of a tokenised segment, punctuation dropped: the word features' tokens."""
    return list(_words(tokenised))


@lru_cache(maxsize=8192)
def _words(tokenised: str) -> tuple[str, ...]:
    return tuple(w for w in tokenised.lower().split() if _ALNUM.search(w))


def syllable_text(tokenised: str) -> str:
    """The tokenised segment as plain lower-cased syllables, for character n-grams."""
    return tokenised.replace("_", " ").lower()


NO_CONTEXT = "<none>"
SHORT_SEGMENT = 15  # syllables: a segment this short is read mostly through its heading


def context_words(tokenised: str) -> list[str]:
    """Words of a context field; a segment with no heading (or no previous segment) says so."""
    return words(tokenised) or [NO_CONTEXT]


def short_heading(row: dict[str, str]) -> str:
    """The heading of a short segment only: "- Đ/c Hà: nhất trí." says little, its heading says what it is about."""
    return row["heading"] if len(row["raw"].split()) <= SHORT_SEGMENT else ""
