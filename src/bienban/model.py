"""The classifier: a scikit-learn Pipeline, saved beside a card that is checked before anything is unpickled."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .atomic import atomic_open
from .errors import ModelError

MODEL_SUFFIX = ".joblib"
CARD_SUFFIX = ".card.json"
DEFAULT_NAME = "bienban"


def word_vectorizer(max_features: int | None = 40000) -> Any:
    """TF-IDF over underthesea words and word bigrams of a tokenised segment."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .tokenise import words

    return TfidfVectorizer(
        tokenizer=words,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=2,
        max_features=max_features,
    )


def char_vectorizer(max_features: int | None = 60000) -> Any:
    """TF-IDF over character 2-5-grams of the syllables: robust to spelling and tone-mark variants."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .tokenise import syllable_text

    return TfidfVectorizer(
        preprocessor=syllable_text,
        analyzer="char_wb",
        ngram_range=(2, 5),
        sublinear_tf=True,
        min_df=2,
        max_features=max_features,
    )


def build_pipeline(seed: int = 0, c: float = 0.5) -> Any:
    """Tokenise once, then word and character TF-IDF, then a calibrated linear SVM."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    from .tokenise import tokenise_many

    features = FeatureUnion([("words", word_vectorizer()), ("chars", char_vectorizer())])
    classifier = CalibratedClassifierCV(
        LinearSVC(C=c, random_state=seed),
        cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=seed),
        ensemble=False,
    )
    return Pipeline(
        [("tokenise", FunctionTransformer(tokenise_many)), ("features", features), ("classify", classifier)]
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
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    def predict_proba(self, texts: list[str]) -> tuple[np.ndarray, Any]:
        """Probabilities per label and the feature matrix, tokenising each text once."""
        tokens = self.pipeline.named_steps["tokenise"].transform(texts)
        features = self.pipeline.named_steps["features"].transform(tokens)
        return self.pipeline.named_steps["classify"].predict_proba(features), features

    def explain(self, features: Any, row: int, label: str, top: int = 5) -> tuple[str, ...]:
        """The terms of one segment that pushed it most towards ``label``, from the SVM's weights."""
        svm = self.pipeline.named_steps["classify"].calibrated_classifiers_[0].estimator
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
            if kind == "words" and name and name not in out:  # character n-grams are not readable evidence
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
