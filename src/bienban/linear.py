"""The fitted pipeline as plain arrays, so that tagging needs neither scikit-learn nor unpickling.

Training builds and fits a scikit-learn ``Pipeline`` (``model.build_pipeline``); saving it also writes
what prediction needs from it (each TF-IDF block's terms, idf and weight, the shape block's weight, the
SVM's coefficients and the sigmoid calibrators' parameters) as a NumPy ``.npz`` read with
``allow_pickle=False``. Predicting from these arrays gives the pipeline's probabilities (tests assert it)
without importing scikit-learn, which is most of a cold start: ``bienban tag`` on one file went from
about 2 s to about 1 s.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .shape import shape_features
from .tokenise import context_words, short_heading, words

FORMAT = 1
CACHE_SIZE = 16384
_TOKENIZERS = {"words": words, "context_words": context_words}
FIELDS = ("text", "heading", "short_heading", "previous", "title")


class NotExportable(ValueError):
    """A pipeline this module cannot reproduce (character n-grams, other classifiers): keep the pickle."""


@dataclass(frozen=True)
class Block:
    name: str
    kind: str  # "tfidf" or "shape"
    offset: int
    size: int
    weight: float
    field: str = ""  # the context field a TF-IDF block reads ("short_heading": the heading of short segments)
    tokenizer: str = ""
    ngrams: int = 1


def export(pipeline: Any) -> dict[str, np.ndarray]:
    """The arrays of a fitted bienban pipeline; raises NotExportable for settings it cannot reproduce."""
    features = pipeline.named_steps["features"]
    classify = pipeline.named_steps["classify"]
    weights = features.transformer_weights or {}
    blocks: list[Block] = []
    arrays: dict[str, np.ndarray] = {}
    offset = 0
    for name, step in features.transformer_list:
        weight = float(weights.get(name, 1.0))
        if hasattr(step, "n_features_out_") and not hasattr(step, "vocabulary_"):  # SegmentShape
            blocks.append(Block(name, "shape", offset, step.n_features_out_, weight * float(step.weight)))
            offset += step.n_features_out_
            continue
        tokenizer = getattr(step.tokenizer, "__name__", "")
        supported = (
            name in FIELDS  # build_pipeline names each TF-IDF block after the context field it reads
            and step.analyzer == "word"
            and tokenizer in _TOKENIZERS
            and step.sublinear_tf
            and step.use_idf
            and step.norm == "l2"
            and not step.lowercase
            and step.ngram_range[0] == 1
        )
        if not supported:
            raise NotExportable(name)
        terms = sorted(step.vocabulary_, key=step.vocabulary_.__getitem__)
        blocks.append(Block(name, "tfidf", offset, len(terms), weight, name, tokenizer, step.ngram_range[1]))
        arrays[f"{name}.terms"] = np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)
        arrays[f"{name}.idf"] = np.asarray(step.idf_, dtype=np.float64)
        offset += len(terms)
    svm = classify.calibrated_classifiers_[0].estimator if hasattr(classify, "calibrated_classifiers_") else classify
    if not hasattr(svm, "coef_") or offset != svm.coef_.shape[1]:
        raise NotExportable("classify")
    classes = [str(c) for c in classify.classes_]
    arrays["coef"] = np.asarray(svm.coef_, dtype=np.float64)
    arrays["intercept"] = np.asarray(svm.intercept_, dtype=np.float64)
    if hasattr(classify, "calibrated_classifiers_"):
        calibrated = classify.calibrated_classifiers_[0]
        if calibrated.method != "sigmoid" or len(classes) < 3 or list(map(str, svm.classes_)) != classes:
            raise NotExportable("calibration")
        arrays["sigmoid"] = np.array([[c.a_, c.b_] for c in calibrated.calibrators], dtype=np.float64)
    header = {"format": FORMAT, "classes": classes, "blocks": [b.__dict__ for b in blocks]}
    arrays["header"] = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    return arrays


class LinearModel:
    """Probabilities from the exported arrays: TF-IDF blocks and shape features, a linear SVM, sigmoids."""

    def __init__(self, arrays: Any) -> None:
        header = json.loads(bytes(arrays["header"]).decode("utf-8"))
        if header.get("format") != FORMAT:
            raise ValueError(f"export format {header.get('format')}")
        self.classes: list[str] = header["classes"]
        self.blocks = [Block(**b) for b in header["blocks"]]
        self.coef = arrays["coef"]
        self.intercept = arrays["intercept"]
        self.sigmoid = arrays["sigmoid"] if "sigmoid" in arrays else None
        self.vocabularies: dict[str, dict[str, int]] = {}
        self.idf: dict[str, list[float]] = {}
        self._cache: dict[tuple[int, str], tuple[list[int], list[float]]] = {}
        for b in self.blocks:
            if b.kind == "tfidf":
                terms = bytes(arrays[f"{b.name}.terms"]).decode("utf-8").split("\n") if b.size else []
                self.vocabularies[b.name] = {term: i for i, term in enumerate(terms)}
                self.idf[b.name] = arrays[f"{b.name}.idf"].tolist()

    def vectors(self, rows: Sequence[dict[str, str]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each tokenised row's non-zero features as (column indices, values), as the pipeline makes them."""
        return [self._vector(row) for row in rows]

    def _vector(self, row: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
        columns: list[int] = []
        values: list[float] = []
        for k, b in enumerate(self.blocks):
            if b.kind == "shape":
                for j, v in enumerate(shape_features(row["raw"])):
                    if v:
                        columns.append(b.offset + j)
                        values.append(v * b.weight)
                continue
            text = short_heading(row) if b.field == "short_heading" else row[b.field]
            key = (k, text)
            found = self._cache.get(key)
            if found is None:
                if len(self._cache) >= CACHE_SIZE:  # headings, titles and previous segments repeat within a document
                    self._cache.clear()
                found = self._cache[key] = self._block(b, text)
            columns.extend(found[0])
            values.extend(found[1])
        return np.array(columns, dtype=np.intp), np.array(values, dtype=np.float64)

    def _block(self, b: Block, text: str) -> tuple[list[int], list[float]]:
        """One TF-IDF block of one text: 1 + log(count) times idf, L2-normalised, times the block's weight."""
        tokens = _TOKENIZERS[b.tokenizer](text)
        if b.ngrams > 1:
            tokens += [" ".join(tokens[i : i + n]) for n in range(2, b.ngrams + 1) for i in range(len(tokens) - n + 1)]
        vocabulary, idf = self.vocabularies[b.name], self.idf[b.name]
        counts = Counter([j for j in map(vocabulary.get, tokens) if j is not None])
        if not counts:
            return [], []
        found = sorted(counts)
        weighted = [(1.0 + math.log(counts[j])) * idf[j] for j in found]
        scale = b.weight / math.hypot(*weighted)
        return [b.offset + j for j in found], [w * scale for w in weighted]

    def decision(self, vectors: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        out = np.empty((len(vectors), len(self.classes)))
        for i, (columns, values) in enumerate(vectors):
            out[i] = self.coef[:, columns] @ values + self.intercept
        return out

    def predict_proba(self, rows: Sequence[dict[str, str]]) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Calibrated probabilities as ``CalibratedClassifierCV(method="sigmoid")`` computes them, and the vectors."""
        vectors = self.vectors(rows)
        scores = self.decision(vectors)
        if self.sigmoid is None:  # an uncalibrated SVM: a softmax of its scores, for a ranking
            shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
            return shifted / shifted.sum(axis=1, keepdims=True), vectors
        proba = 1.0 / (1.0 + np.exp(self.sigmoid[:, 0] * scores + self.sigmoid[:, 1]))
        total = proba.sum(axis=1, keepdims=True)
        proba = np.divide(proba, total, out=np.full_like(proba, 1 / len(self.classes)), where=total != 0)
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba, vectors

    def term(self, column: int) -> tuple[str, str]:
        """The block and the term of a feature column, for explanations."""
        for b in self.blocks:
            if b.offset <= column < b.offset + b.size:
                if b.kind == "shape":
                    return b.name, str(column - b.offset)
                if not hasattr(self, "_terms"):
                    self._terms = {name: list(v) for name, v in self.vocabularies.items()}
                return b.name, self._terms[b.name][column - b.offset]
        raise IndexError(column)
