"""underthesea's word segmentation, decoded in batches: the same model, the same words, five times faster.

``underthesea.word_tokenize`` spends most of its time turning every syllable into 43 feature strings
in Rust, handing them to Python and back to its CRF tagger. Here the same feature templates are
looked up for a whole batch of sentences at once in numpy, against the same CRF weights read from
underthesea's own model file, and decoded with the same Viterbi. underthesea still splits the text
into syllables (its regex tokenizer and token normalisation). The words are identical to
``word_tokenize(sentence, format="text")`` (tests: the test split's sentences, edge cases, random text;
benchmarks/README.md: every sentence of data/), and
the fast path is used only for the model files whose hashes are pinned below and when the installed
underthesea_core computes the same feature strings on a probe sentence; any other underthesea model or
featurizer falls back to ``word_tokenize``, and so does a sentence with characters whose case Python and
underthesea_core's Rust (another Unicode version) may disagree on.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

# SHA-256 of underthesea's ws_crf_vlsp2013_20230727 model files, checked before the fast path is used.
PINNED = {
    "models.bin": "c3a64c64349f1d73304f89babacaa8f8cd6078b1ec1a1b2c104e9e411ac1d2c3",
    "features.bin": "cf93263c7c7973bf50122b0be76a394443ff61be00c1368713dee1b7d5b8a435",
    "dictionary.bin": "ec8c62b3881c6682c18959988e1fe08800cc835777778845bded470ca02745d9",
}
MODEL_NAME = "ws_crf_vlsp2013_20230727"
BATCH = 20_000  # syllables featurised at once: 43 ids each, about 7 MB

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(lower|isdigit|istitle|is_in_dict))?$")
_INT = re.compile(r"[+-]?[0-9]+\Z")
_BOOLEAN = ("isdigit", "istitle", "is_in_dict")


def _cqdb(buf: bytes, offset: int) -> list[str]:
    """Strings of a CRFsuite CQDB chunk by id, read through its backward array."""
    magic, _, _, _, count, backward = struct.unpack_from("<4sIIIII", buf, offset)
    if magic != b"CQDB":
        raise ValueError("not a CQDB chunk")
    out = [""] * count
    for i in range(count):
        (record,) = struct.unpack_from("<I", buf, offset + backward + 4 * i)
        if record:
            ident, size = struct.unpack_from("<iI", buf, offset + record)
            out[ident] = buf[offset + record + 8 : offset + record + 7 + size].decode("utf-8")
    return out


def read_crfsuite(path: Path) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Labels, attributes, state weights (attributes + 1 unknown row, labels) and transitions of a CRFsuite model."""
    buf = path.read_bytes()
    head = struct.unpack_from("<4sI4sIIIIIIIII", buf, 0)
    magic, kind, n_labels, n_attributes = head[0], head[2], head[5], head[6]
    features_at, labels_at, attributes_at = head[7], head[8], head[9]
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a CRFsuite model")
    chunk, _, count = struct.unpack_from("<4sII", buf, features_at)
    if chunk != b"FEAT":
        raise ValueError("no feature chunk")
    layout = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
    features = np.frombuffer(buf, dtype=layout, count=count, offset=features_at + 12)
    state = np.zeros((n_attributes + 1, n_labels))
    transition = np.zeros((n_labels, n_labels))
    for table, kind_id in ((state, 0), (transition, 1)):
        rows = features[features["type"] == kind_id]
        np.add.at(table, (rows["src"].astype(np.intp), rows["dst"].astype(np.intp)), rows["weight"])
    return _cqdb(buf, labels_at), _cqdb(buf, attributes_at), state, transition


def _is_title(token: str) -> bool:
    """Every space-separated part starts with a character that upper-casing leaves alone, as in Rust."""
    return all(part[:1] == part[:1].upper() for part in token.split(" "))


def _is_int32(token: str) -> bool:
    """Rust's ``str::parse::<i32>``, which underthesea's featurizer calls ``isdigit``."""
    return len(token) <= 11 and bool(_INT.match(token)) and -(2**31) <= int(token) < 2**31


# Characters whose case Python and underthesea_core's Rust agree on (their Unicode tables differ in
# version): ASCII, Latin-1, Latin Extended-A, Vietnamese's ơ/ư, combining marks, Latin Extended
# Additional (the precomposed Vietnamese letters), general punctuation and currency signs. A sentence
# with any other character goes to ``word_tokenize`` itself.
_SAFE = re.compile(r"[\u0000-\u017f\u01a0\u01a1\u01af\u01b0\u0300-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20bf]*\Z")


def _grams(tokens: list[str], k: int) -> list[str]:
    if k == 1:
        return tokens
    if k == 2:
        return [a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)]
    return [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]


class CRFSegmenter:
    """Tags syllables B-W/I-W with underthesea's CRF; ``segment`` joins them into words like ``word_tokenize``."""

    def __init__(self, model_dir: Path) -> None:
        labels, attributes, self.state, transition = read_crfsuite(model_dir / "models.bin")
        if labels != ["B-W", "I-W"]:
            raise ValueError(f"unexpected labels {labels}")
        self.transition = transition.tolist()
        # Plain pickles (joblib writes them so), read only after ``pinned`` checked their hashes; pickle
        # rather than joblib, whose import alone costs 0.2 s of every cold start.
        self.dictionary: set[str] = pickle.loads((model_dir / "dictionary.bin").read_bytes())
        templates: list[str] = pickle.loads((model_dir / "features.bin").read_bytes())
        by_template: dict[str, dict[str, int]] = {}
        for ident, attribute in enumerate(attributes):
            name, _, value = attribute.partition("=")
            by_template.setdefault(name, {})[value] = ident
        unknown = len(attributes)
        # Each family of values (n-gram size, function) is computed once per batch and shared by its templates.
        vocabularies: dict[tuple[int, str | None], dict[str, int]] = {}
        parsed = []
        for template in templates:
            match = _TEMPLATE.match(template)
            if not match:
                raise ValueError(f"unsupported feature template {template}")
            first = int(match.group(1))
            last = int(match.group(2)) if match.group(2) is not None else first
            function = match.group(3)
            if last < first:
                raise ValueError(f"unsupported feature template {template}")
            parsed.append((template, first, last, function))
            if function not in _BOOLEAN:
                vocabulary = vocabularies.setdefault((last - first + 1, function), {})
                for value in by_template.get(template, {}):
                    vocabulary.setdefault(value, len(vocabulary) + 1)
        self.vocabularies = vocabularies
        self.templates = parsed
        self.plan = []
        for template, first, last, function in parsed:
            table = by_template.get(template, {})
            family = (last - first + 1, function)
            if function in _BOOLEAN:
                lookup = np.array([table.get("False", unknown), table.get("True", unknown)], dtype=np.int32)
            else:
                lookup = np.full(len(vocabularies[family]) + 1, unknown, dtype=np.int32)
                vocabulary = vocabularies[family]
                for value, ident in table.items():
                    lookup[vocabulary[value]] = ident
            bos, eos = table.get("BOS", unknown), table.get("EOS", unknown)
            self.plan.append((first, last, family, lookup, bos, eos))

    def feature_strings(self, tokens: list[str]) -> list[list[str]]:
        """The feature strings of one sentence, as underthesea_core's ``CRFFeaturizer`` writes them.

        Not used to tag (``tags`` works on ids); ``agrees_with_underthesea`` compares them with the
        installed featurizer, which the model files' hashes do not cover.
        """
        out = []
        for position in range(len(tokens)):
            row = []
            for template, first, last, function in self.templates:
                start, end = position + first, position + last
                if start < 0 or end < 0:
                    row.append(template + "=BOS")
                    continue
                if start >= len(tokens) or end >= len(tokens):
                    row.append(template + "=EOS")
                    continue
                text = " ".join(tokens[start : end + 1])
                if function == "lower":
                    text = text.lower()
                elif function == "isdigit":
                    text = str(_is_int32(text))
                elif function == "istitle":
                    text = str(_is_title(text))
                elif function == "is_in_dict":
                    text = str(text.lower() in self.dictionary)
                row.append(f"{template}={text}")
            out.append(row)
        return out

    def agrees_with_underthesea(self) -> bool:
        """The installed underthesea_core computes the features this decoder assumes, on a probe sentence."""
        from underthesea_core import CRFFeaturizer

        tokens = ["Chi", "bộ", "THÔN", "Đông", "họp", "ngày", "12/3", ",", "-5", "+7", "2147483648", "đ/c", "Ơn", "ưu"]
        templates = [template for template, _, _, _ in self.templates]
        got = CRFFeaturizer(templates, self.dictionary).process([[[t] for t in tokens]])[0]
        return [list(row) for row in got] == self.feature_strings(tokens)

    def _families(self, tokens: list[str]) -> dict[tuple[int, str | None], np.ndarray]:
        """Every value family over the concatenated batch; n-grams across sentences are masked later."""
        lower = [t.lower() for t in tokens]
        values: dict[tuple[int, str | None], np.ndarray] = {}
        title = np.array([_is_title(t) for t in tokens], dtype=np.intp)
        for _, _, family, _, _, _ in self.plan:
            if family in values:
                continue
            k, function = family
            if function is None or function == "lower":
                vocabulary = self.vocabularies[family]
                grams = _grams(tokens if function is None else lower, k)
                column = np.array([vocabulary.get(g, 0) for g in grams], dtype=np.intp)
            elif function == "is_in_dict":
                column = np.array([g in self.dictionary for g in _grams(lower, k)], dtype=np.intp)
            elif function == "istitle":
                column = np.minimum.reduce([title[i : len(tokens) - k + 1 + i] for i in range(k)])
            else:
                column = np.array([_is_int32(g) for g in _grams(tokens, k)], dtype=np.intp)
            values[family] = np.concatenate([column, np.zeros(k - 1, dtype=np.intp)])
        return values

    def tags(self, sentences: Sequence[list[str]]) -> list[list[int]]:
        """0 (B-W) or 1 (I-W) for every syllable of every sentence, all sentences featurised at once."""
        sizes = np.array([len(s) for s in sentences], dtype=np.intp)
        tokens = [t for s in sentences for t in s]
        total = len(tokens)
        if not total:
            return [[] for _ in sentences]
        position = np.arange(total)
        length = np.repeat(sizes, sizes)
        local = position - np.repeat(np.cumsum(sizes) - sizes, sizes)
        families = self._families(tokens)
        ids = np.empty((len(self.plan), total), dtype=np.intp)
        for row, (first, last, family, lookup, bos, eos) in enumerate(self.plan):
            column = lookup[families[family][np.clip(position + first, 0, total - 1)]]
            column[local + last >= length] = eos
            column[local + first < 0] = bos  # underthesea checks the start first
            ids[row] = column
        emission = self.state[ids].sum(axis=0).tolist()
        (t00, t01), (t10, t11) = self.transition
        out: list[list[int]] = []
        at = 0
        for size in sizes.tolist():
            scores = emission[at : at + size]
            at += size
            if not scores:
                out.append([])
                continue
            s0, s1 = scores[0]
            back = []
            for e0, e1 in scores[1:]:
                a, b = s0 + t00, s1 + t10
                f0, n0 = (0, a) if a >= b else (1, b)
                a, b = s0 + t01, s1 + t11
                f1, n1 = (0, a) if a >= b else (1, b)
                back.append((f0, f1))
                s0, s1 = n0 + e0, n1 + e1
            label = 0 if s0 >= s1 else 1
            path = [label]
            for step in reversed(back):
                label = step[label]
                path.append(label)
            path.reverse()
            out.append(path)
        return out

    def segment(self, sentences: Sequence[str]) -> list[str]:
        """``word_tokenize(sentence, format="text")`` for each sentence, in batches of about BATCH syllables."""
        safe = [bool(_SAFE.match(s)) for s in sentences]
        words = iter(self._segment([s for s, ok in zip(sentences, safe, strict=True) if ok]))
        if all(safe):
            return list(words)
        from underthesea import word_tokenize

        return [next(words) if ok else word_tokenize(s, format="text") for s, ok in zip(sentences, safe, strict=True)]

    def _segment(self, sentences: Sequence[str]) -> list[str]:
        from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

        syllables = [tokenize(s, use_token_normalize=True) for s in sentences]
        tags: list[list[int]] = []
        start = size = 0
        for end, tokens in enumerate(syllables):
            size += len(tokens)
            if size >= BATCH:
                tags.extend(self.tags(syllables[start : end + 1]))
                start, size = end + 1, 0
        tags.extend(self.tags(syllables[start:]))
        out = []
        for tokens, tags_ in zip(syllables, tags, strict=True):
            words: list[str] = []
            for index, (token, tag) in enumerate(zip(tokens, tags_, strict=True)):
                if tag == 1 and index > 0:
                    words[-1] = words[-1] + "_" + token.replace(" ", "_")
                else:
                    words.append(token.replace(" ", "_"))
            out.append(" ".join(words))
        return out


def underthesea_model_dir() -> Path:
    import underthesea.pipeline.word_tokenize as word_tokenize

    return Path(word_tokenize.__file__).parent / "models" / MODEL_NAME


def pinned(model_dir: Path) -> bool:
    """True when underthesea's model files are the ones the fast path was checked against."""
    try:
        return all(
            hashlib.sha256((model_dir / name).read_bytes()).hexdigest() == digest for name, digest in PINNED.items()
        )
    except OSError:
        return False


def load(model_dir: Path | None = None) -> CRFSegmenter | None:
    """The fast segmenter for underthesea's pinned model, or None (then ``word_tokenize`` does the work)."""
    model_dir = model_dir or underthesea_model_dir()
    if not pinned(model_dir):
        return None
    try:
        segmenter = CRFSegmenter(model_dir)
        return segmenter if segmenter.agrees_with_underthesea() else None
    except (OSError, ValueError, struct.error, ImportError):
        return None
