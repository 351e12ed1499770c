"""The classifier: a scikit-learn Pipeline, saved beside a card that is checked before anything is unpickled."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .atomic import atomic_open
from .errors import ModelError
from .normalise import clean
from .shape import BULLET, HEADING, OPINION, is_caps, is_heading
from .tokenise import syllable_text, tokenise_contexts, words
from .types import Context

MODEL_SUFFIX = ".joblib"
CARD_SUFFIX = ".card.json"
DEFAULT_NAME = "bienban"
NO_CONTEXT = "<none>"


def word_vectorizer(max_features: int | None = 40000, field: str = "text", ngrams: int = 2) -> Any:
    """TF-IDF over underthesea words (and word bigrams) of one field of a tokenised context row."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        preprocessor=short_heading if field == "short_heading" else itemgetter(field),
        tokenizer=words if field == "text" else context_words,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, ngrams),
        sublinear_tf=True,
        min_df=2,
        max_features=max_features,
    )


SHORT_SEGMENT = 15  # syllables: a segment this short is read mostly through its heading


def short_heading(row: dict[str, str]) -> str:
    """The heading of a short segment only: "- Đ/c Hà: nhất trí." says little, its heading says what it is about."""
    return row["heading"] if len(row["raw"].split()) <= SHORT_SEGMENT else ""


def context_words(tokenised: str) -> list[str]:
    """Words of a context field; a segment with no heading (or no previous segment) says so."""
    return words(tokenised) or [NO_CONTEXT]


def char_vectorizer(max_features: int | None = 60000) -> Any:
    """TF-IDF over character 2-5-grams of the syllables: robust to spelling and tone-mark variants."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        preprocessor=_text_syllables,
        analyzer="char_wb",
        ngram_range=(2, 5),
        sublinear_tf=True,
        min_df=2,
        max_features=max_features,
    )


def _text_syllables(row: dict[str, str]) -> str:
    return syllable_text(row["text"])


class SegmentShape(TransformerMixin, BaseEstimator):
    """What the segment looks like: a bare heading, a bullet, a quoted opinion, its length.

    Rule 9 of LABELS.md makes a bare heading procedural whatever subject it names; its words alone
    point the other way, so the model needs to see the shape.
    """

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, rows: Any, y: Any = None) -> SegmentShape:
        self.n_features_out_ = len(SHAPE_FEATURES)
        return self

    def transform(self, rows: Any) -> Any:
        from scipy.sparse import csr_matrix

        check_is_fitted(self, "n_features_out_")
        values = np.array([_shape(row["raw"]) for row in rows], dtype=float).reshape(-1, len(SHAPE_FEATURES))
        return csr_matrix(values * self.weight)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array(SHAPE_FEATURES, dtype=object)


SHAPE_FEATURES = ("bare_heading", "numbered", "capitals", "bullet", "opinion", "ends_colon", "short", "long")


def _shape(text: str) -> list[float]:
    first = clean(text.split("\n", 1)[0])
    n = len(text.split())
    return [
        float(is_heading(text)),
        float(bool(HEADING.match(first))),
        float(is_caps(first)),
        float(bool(BULLET.match(first))),
        float(bool(OPINION.match(first))),
        float(first.endswith(":")),
        float(n <= 8),
        float(n > 60),
    ]


DEFAULT_WEIGHTS = {"heading": 0.5, "short_heading": 1.0, "previous": 0.3, "title": 0.3, "shape": 0.5}


def build_pipeline(
    seed: int = 0,
    c: float = 0.5,
    weights: dict[str, float] | None = None,
    chars: bool = False,
    calibrate: bool = True,
) -> Any:
    """Tokenise each context field once; word TF-IDF of the segment, of its heading, of the segment before
    it and of the document's title, plus its shape; then a linear SVM with sigmoid-calibrated probabilities.

    ``weights`` scales each context block against the segment's own words (0 leaves a block out).
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    blocks: list[tuple[str, Any]] = [("text", word_vectorizer())]
    if chars:
        blocks.append(("chars", char_vectorizer()))
    for name in ("heading", "short_heading", "previous", "title"):
        if weights[name]:
            blocks.append((name, word_vectorizer(5000, field=name, ngrams=1)))
    if weights["shape"]:
        blocks.append(("shape", SegmentShape()))
    block_weights = {name: weights.get(name, 1.0) for name, _ in blocks if name in weights}
    svm = LinearSVC(C=c, random_state=seed)
    classifier = (
        CalibratedClassifierCV(svm, cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=seed), ensemble=False)
        if calibrate
        else svm
    )
    return Pipeline(
        [
            ("tokenise", FunctionTransformer(tokenise_contexts)),
            ("features", FeatureUnion(blocks, transformer_weights=block_weights)),
            ("classify", classifier),
        ]
    )


@dataclass
class LoadedModel:
    """A checked pipeline and its card."""

    pipeline: Any
    card: dict[str, Any]
    path: Path

    @property
    def name(self) -> str:
        return f"{self.card.get('name', self.path.stem)}-{self.card.get('version', '?')}"

    @property
    def confusion(self) -> dict[str, Any]:
        """The cross-validated confusion from the card, for confusion-corrected shares: summed probabilities
        per true label when the card has them (they match probabilistic counting), else hard counts."""
        cv = self.card.get("cv", {})
        return dict(cv.get("probability_confusion") or cv.get("confusion") or {})

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    def predict_proba(self, items: list[str] | list[Context]) -> tuple[np.ndarray, Any]:
        """Probabilities per label and the feature matrix, tokenising each text once."""
        tokens = self.pipeline.named_steps["tokenise"].transform(items)
        features = self.pipeline.named_steps["features"].transform(tokens)
        return self.pipeline.named_steps["classify"].predict_proba(features), features

    def explain(self, features: Any, row: int, label: str, top: int = 5) -> tuple[str, ...]:
        """The terms of one segment that pushed it most towards ``label``, from the SVM's weights."""
        classify = self.pipeline.named_steps["classify"]
        svm = (
            classify.calibrated_classifiers_[0].estimator if hasattr(classify, "calibrated_classifiers_") else classify
        )
        names = self._feature_names()
        k = list(svm.classes_).index(label)
        vector = features[row].tocoo()
        contributions = vector.data * svm.coef_[k, vector.col]
        order = np.argsort(-contributions)
        out: list[str] = []
        for i in order:
            if contributions[i] <= 0 or len(out) >= top:
                break
            kind, _, name = names[vector.col[i]].partition("__")
            name = name.replace("_", " ").strip()
            if kind == "text" and name and name not in out:  # context, shape and character n-grams are not its words
                out.append(name)
        return tuple(out)

    def _feature_names(self) -> np.ndarray:
        if not hasattr(self, "_names"):
            self._names = self.pipeline.named_steps["features"].get_feature_names_out()
        return self._names


def model_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The model file and its card for ``models/NAME`` or ``models/NAME.joblib``."""
    path = Path(path)
    stem = path.with_suffix("") if path.suffix == MODEL_SUFFIX else path
    return stem.with_name(stem.name + MODEL_SUFFIX), stem.with_name(stem.name + CARD_SUFFIX)


def shipped_model_path() -> Path:
    """The model shipped with the package (in the wheel) or, in a source checkout, in models/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_models" / DEFAULT_NAME, here.parents[1] / "models" / DEFAULT_NAME):
        if model_paths(candidate)[0].exists():
            return candidate
    return here.parents[1] / "models" / DEFAULT_NAME


def resolve_model_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The model the user named, else BIENBAN_MODEL, else the shipped one: never a silent fallback."""
    if path:
        return Path(path)
    env = os.environ.get("BIENBAN_MODEL")
    return Path(env) if env else shipped_model_path()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    import platform
    from importlib.metadata import version

    out = {"python": platform.python_version()}
    for lib in ("scikit-learn", "numpy", "scipy", "joblib", "underthesea"):
        out[lib] = version(lib)
    return out


def _compatible(lib: str, made: str, have: str) -> bool:
    """Pickles of scikit-learn need the same minor version; numpy and scipy the same major."""
    parts = 2 if lib == "scikit-learn" else 1
    return made.split(".")[:parts] == have.split(".")[:parts]


def save_model(pipeline: Any, path: str | os.PathLike[str], card: dict[str, Any]) -> Path:
    """Write the model, then its card with the model's SHA-256; both atomically."""
    import joblib

    model_file, card_file = model_paths(path)
    with atomic_open(model_file, "wb") as handle:
        joblib.dump(pipeline, handle, compress=3)
    card = {**card, "sha256": sha256_file(model_file), "size_bytes": model_file.stat().st_size}
    with atomic_open(card_file) as handle:
        json.dump(card, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return model_file


def read_card(path: str | os.PathLike[str]) -> dict[str, Any]:
    model_file, card_file = model_paths(path)
    if not model_file.exists():
        raise ModelError("err.model_missing", path=str(model_file.with_suffix("")))
    if not card_file.exists():
        raise ModelError("err.card_missing", path=str(model_file), card=str(card_file))
    try:
        return json.loads(card_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError("err.bad_model", path=str(card_file), reason=type(exc).__name__) from None


def load_model(path: str | os.PathLike[str] | None = None) -> LoadedModel:
    """Check the card's hash and library versions, and only then unpickle."""
    stem = resolve_model_path(path)
    model_file, _ = model_paths(stem)
    card = read_card(stem)
    if sha256_file(model_file) != card.get("sha256"):
        raise ModelError("err.hash_mismatch", path=str(model_file))
    have = library_versions()
    for lib, made in card.get("versions", {}).items():
        if lib in ("scikit-learn", "numpy", "scipy") and not _compatible(lib, made, have[lib]):
            raise ModelError(
                "err.version_mismatch",
                path=str(model_file),
                lib=lib,
                made=made,
                have=have[lib],
                stem=str(model_file.with_suffix("")),
            )
    import joblib

    try:
        pipeline = joblib.load(model_file)
    except Exception as exc:  # a pickle that passed the hash check but still fails to load
        raise ModelError("err.bad_model", path=str(model_file), reason=type(exc).__name__) from None
    return LoadedModel(pipeline=pipeline, card=card, path=model_file)
