"""The classifier: a scikit-learn Pipeline, saved beside a card that is checked before anything is unpickled."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .atomic import atomic_open
from .errors import ModelError
from .tokenise import context_words, short_heading, syllable_text, tokenise_contexts, words
from .types import Context

if TYPE_CHECKING:
    from .linear import LinearModel

MODEL_SUFFIX = ".joblib"
ARRAYS_SUFFIX = ".arrays.npz"
CARD_SUFFIX = ".card.json"
DEFAULT_NAME = "bienban"


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
        from .features import SegmentShape

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
    """A checked model and its card. Tagging reads the exported arrays (``linear``) and never imports
    scikit-learn; the fitted ``pipeline`` is unpickled only when asked for (or when a model has no arrays)."""

    card: dict[str, Any]
    path: Path
    linear: LinearModel | None = None
    _pipeline: Any = None
    _names: Any = None

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            self._pipeline = _unpickle(self.path)
        return self._pipeline

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
        return list(self.linear.classes) if self.linear else [str(c) for c in self.pipeline.classes_]

    def predict_proba(self, items: list[str] | list[Context]) -> tuple[np.ndarray, Any]:
        """Probabilities per label and each row's features, tokenising each text once."""
        if self.linear:
            return self.linear.predict_proba(tokenise_contexts(items))
        tokens = self.pipeline.named_steps["tokenise"].transform(items)
        features = self.pipeline.named_steps["features"].transform(tokens)
        return self.pipeline.named_steps["classify"].predict_proba(features), features

    def explain(self, features: Any, row: int, label: str, top: int = 5) -> tuple[str, ...]:
        """The words of one segment that pushed it most towards ``label``, from the SVM's weights (its context,
        shape and character n-grams are left out: they are not its words)."""
        k = self.labels.index(label)
        if self.linear:
            columns, values = features[row]
            contributions = values * self.linear.coef[k, columns]
            term = self.linear.term
        else:
            classify = self.pipeline.named_steps["classify"]
            svm = getattr(classify, "calibrated_classifiers_", [None])[0]
            coef = (svm.estimator if svm is not None else classify).coef_
            vector = features[row].tocoo()
            columns, contributions = vector.col, vector.data * coef[k, vector.col]
            if self._names is None:  # tens of thousands of names: made once, not once a segment
                self._names = self.pipeline.named_steps["features"].get_feature_names_out()
            names = self._names

            def term(column: int) -> tuple[str, str]:
                kind, _, name = str(names[column]).partition("__")
                return kind, name

        out: list[str] = []
        for i in np.argsort(-contributions):
            if contributions[i] <= 0 or len(out) >= top:
                break
            kind, name = term(int(columns[i]))
            name = name.replace("_", " ").strip()
            if kind == "text" and name and name not in out:
                out.append(name)
        return tuple(out)


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


def arrays_path(model_file: Path) -> Path:
    return model_file.with_name(model_file.name.removesuffix(MODEL_SUFFIX) + ARRAYS_SUFFIX)


def save_model(pipeline: Any, path: str | os.PathLike[str], card: dict[str, Any]) -> Path:
    """Write the pipeline, its exported arrays, then the card with both SHA-256s; each atomically."""
    import joblib

    from .linear import NotExportable, export

    model_file, card_file = model_paths(path)
    with atomic_open(model_file, "wb") as handle:
        joblib.dump(pipeline, handle, compress=3)
    card = {**card, "sha256": sha256_file(model_file), "size_bytes": model_file.stat().st_size}
    arrays_file = arrays_path(model_file)
    try:
        arrays = export(pipeline)
    except NotExportable:  # tagging will unpickle the pipeline instead
        arrays_file.unlink(missing_ok=True)
    else:
        with atomic_open(arrays_file, "wb") as handle:
            np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]
        card["arrays_sha256"] = sha256_file(arrays_file)
        card["arrays_size_bytes"] = arrays_file.stat().st_size
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
    """Check the card's hashes and library versions; then read the arrays (no unpickling at all) or, for a
    model without them, unpickle the pipeline."""
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
    if not card.get("arrays_sha256"):
        return LoadedModel(card=card, path=model_file, _pipeline=_unpickle(model_file))
    arrays_file = arrays_path(model_file)
    if not arrays_file.exists():
        raise ModelError("err.model_missing", path=str(arrays_file))
    if sha256_file(arrays_file) != card["arrays_sha256"]:
        raise ModelError("err.hash_mismatch", path=str(arrays_file))
    from .linear import LinearModel

    try:
        with np.load(arrays_file, allow_pickle=False) as arrays:
            linear = LinearModel(arrays)
    except Exception as exc:  # arrays that passed the hash check but still fail to read
        raise ModelError("err.bad_model", path=str(arrays_file), reason=type(exc).__name__) from None
    return LoadedModel(card=card, path=model_file, linear=linear)


def _unpickle(model_file: Path) -> Any:
    """The fitted pipeline; only called after ``load_model`` checked the file's hash against its card."""
    import joblib

    try:
        return joblib.load(model_file)
    except Exception as exc:  # a pickle that passed the hash check but still fails to load
        raise ModelError("err.bad_model", path=str(model_file), reason=type(exc).__name__) from None
