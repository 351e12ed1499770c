"""train and evaluate: plain functions returning dicts; the CLI only renders them."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .data import (
    GOLD_SUFFIX,
    Example,
    GoldDocument,
    gold_documents,
    iter_data_files,
    load_examples,
    load_gold,
    read_examples,
    split_files,
)
from .errors import DataError
from .model import DEFAULT_WEIGHTS, LoadedModel, build_pipeline, library_versions, load_model, save_model
from .types import CONTENT_LABELS, LABELS

Progress = Callable[[str], None]  # called with the step about to start: "cv 2/5", "fit", "baseline keywords"
MODEL_VERSION = "0.6.0"
PIPELINE_DESCRIPTION = (
    "underthesea words 1-2 TF-IDF of the segment + word TF-IDF of its heading, previous segment and the document "
    "title + shape features; LinearSVC C=0.5 with sigmoid calibration (3-fold)"
)


def scores(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Per-label precision, recall, F1 and support, macro-F1, accuracy and the confusion matrix."""
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    labels = [lab for lab in LABELS if lab in set(truth) | set(predicted)]
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    per_label = {
        lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        for i, lab in enumerate(labels)
    }
    present = [lab for lab in labels if per_label[lab]["support"] > 0]
    return {
        "macro_f1": sum(per_label[lab]["f1"] for lab in present) / max(len(present), 1),
        "accuracy": float(accuracy_score(truth, predicted)) if truth else 0.0,
        "per_label": per_label,
        "confusion": {"labels": labels, "matrix": confusion_matrix(truth, predicted, labels=labels).tolist()},
        "n": len(truth),
    }


def cross_validate(
    examples: Sequence[Example], folds: int = 5, seed: int = 0, progress: Progress | None = None
) -> dict[str, Any]:
    """Grouped cross-validation: a document or writing batch never sits in both train and validation."""
    from sklearn.model_selection import GroupKFold

    groups = [e.group for e in examples]
    folds = min(folds, len(set(groups)))
    if folds < 2:
        return {}
    inputs = [e.input for e in examples]
    truth = [e.label for e in examples]
    predicted = [""] * len(examples)
    confidence = [0.0] * len(examples)
    mass = {lab: [0.0] * len(LABELS) for lab in LABELS}  # summed probabilities per true label
    fold_f1 = []
    for k, (train_idx, test_idx) in enumerate(GroupKFold(n_splits=folds).split(inputs, truth, groups)):
        if progress:
            progress(f"cv {k + 1}/{folds}")
        pipe = build_pipeline(seed=seed)
        pipe.fit([inputs[i] for i in train_idx], [truth[i] for i in train_idx])
        proba = pipe.predict_proba([inputs[i] for i in test_idx])
        fold_pred = [str(pipe.classes_[j]) for j in proba.argmax(axis=1)]
        for i, lab, p in zip(test_idx, fold_pred, proba.max(axis=1), strict=True):
            predicted[i], confidence[i] = lab, float(p)
        for i, row in zip(test_idx, proba, strict=True):
            for k, label in enumerate(pipe.classes_):
                mass[truth[i]][LABELS.index(str(label))] += float(row[k])
        fold_f1.append(scores([truth[i] for i in test_idx], fold_pred)["macro_f1"])
    out = scores(truth, predicted)
    out["ece"] = calibration_error(confidence, [t == p for t, p in zip(truth, predicted, strict=True)])
    present = [lab for lab in LABELS if any(mass[lab])]
    out["probability_confusion"] = {
        "labels": present,
        "matrix": [[round(mass[a][LABELS.index(b)], 3) for b in present] for a in present],
    }
    out["folds"] = folds
    out["fold_macro_f1"] = fold_f1
    return out


def calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """Expected calibration error: how far stated confidence is from accuracy, weighted over 10 equal-width bins."""
    import numpy as np

    conf = np.asarray(confidence, dtype=float)
    hit = np.asarray(correct, dtype=float)
    if not len(conf):
        return 0.0
    which = np.minimum((conf * bins).astype(int), bins - 1)
    return float(
        sum(
            abs(hit[which == b].mean() - conf[which == b].mean()) * (which == b).mean()
            for b in range(bins)
            if (which == b).any()
        )
    )


def as_tagged(doc: GoldDocument) -> list[Example] | None:
    """A gold document as the tagger reads it: the pieces ``segment`` finds in its text, each with the gold
    label of most of its syllables, in their own context. None when the text and the gold disagree.

    Writers' gold segments are paragraphs; the tagger classifies what the segmenter gives (each header
    line alone, a hard-wrapped paragraph split at a full stop), and learning from those pieces matches
    what is classified: over the training minutes by 5-fold cross-validation, per-syllable agreement
    0.943 -> 0.953 and ``professional_dominant`` 136 -> 138 of 144 (models/MODEL_CARD.md).
    """
    from .normalise import nfc
    from .segment import segment
    from .shape import contexts

    gold = [(token, label) for text, label in doc.segments for token in nfc(text).split()]
    try:
        pieces = segment(doc.text_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    sizes = [len(nfc(piece).split()) for piece in pieces]
    if [token for piece in pieces for token in nfc(piece).split()] != [token for token, _ in gold]:
        return None
    out, at = [], 0
    for piece, size, context in zip(pieces, sizes, contexts(pieces), strict=True):
        label = Counter(label for _, label in gold[at : at + size]).most_common(1)[0][0]
        at += size
        out.append(Example(piece, label, f"doc:{doc.name}", str(doc.text_path), context))
    return out


def training_examples(files: Sequence[Path]) -> list[Example]:
    """The rows a model learns from: labelled segments as written, gold documents as the tagger reads them
    (each gold file read once; one named twice is learnt once)."""
    out: list[Example] = []
    done: set[Path] = set()
    for path in iter_data_files(files):
        if not path.name.endswith(GOLD_SUFFIX):
            out.extend(read_examples(path))
        elif path not in done:
            done.add(path)
            document = load_gold(path)
            tagged = as_tagged(document)
            out.extend(tagged if tagged is not None else document.examples())
    return out


def _file_hashes(paths: Iterable[Path]) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def train(
    data: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    seed: int = 0,
    folds: int = 5,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Fit on everything outside the fixed test split, report grouped CV and test scores, save with a card."""
    train_files, test_files = split_files(data)
    examples = training_examples(train_files)
    if not examples:
        raise DataError("err.data_empty", file=", ".join(map(str, data)))
    counts = Counter(e.label for e in examples)
    if len(counts) < 2:
        raise DataError("err.data_labels", labels=", ".join(counts))
    cv = cross_validate(examples, folds, seed, progress) if folds else {}
    if progress:
        progress("fit")
    pipeline = build_pipeline(seed=seed)
    pipeline.fit([e.input for e in examples], [e.label for e in examples])
    test_examples = load_examples(test_files)
    test = _test_scores(pipeline, test_examples) if test_examples else {}
    # The same test split in the unit the model learns and the tagger classifies (the segmenter's pieces of
    # whole minutes): cross-validation is in that unit, the writers' paragraphs above are not.
    read_examples = training_examples(test_files) if test_examples else []
    test_as_read = _test_scores(pipeline, read_examples) if read_examples else {}
    baseline = _baseline_scores(examples, test_examples, seed, progress) if test_examples else {}
    train_hashes = _file_hashes(train_files)
    card = {
        "name": Path(output).name if output else "bienban",
        "version": MODEL_VERSION,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": library_versions(),
        "labels": [str(c) for c in pipeline.classes_],
        "settings": {
            "seed": seed,
            "folds": folds,
            "pipeline": PIPELINE_DESCRIPTION,
            "context_weights": DEFAULT_WEIGHTS,
        },
        "data": {"train_files": train_hashes, "test_files": _file_hashes(test_files)},
        "data_sha256": hashlib.sha256("".join(sorted(train_hashes.values())).encode()).hexdigest(),
        "label_counts": {lab: counts.get(lab, 0) for lab in LABELS},
        "n_train": len(examples),
        "n_test": len(test_examples),
        "cv": _summary(cv),
        "test": _summary(test),
        "cv_test_gap": round(cv["macro_f1"] - test["macro_f1"], 4) if cv and test else None,
        "test_as_read": _summary(test_as_read),
        "cv_test_as_read_gap": round(cv["macro_f1"] - test_as_read["macro_f1"], 4) if cv and test_as_read else None,
        "baselines_test": {name: _summary(s) for name, s in baseline.items()},
    }
    result: dict[str, Any] = {"card": card, "cv": cv, "test": test, "baselines": baseline}
    if output:
        result["model_file"] = str(save_model(pipeline, output, card))
    return result


def _test_scores(pipeline: Any, examples: Sequence[Example]) -> dict[str, Any]:
    proba = pipeline.predict_proba([e.input for e in examples])
    predicted = [str(pipeline.classes_[j]) for j in proba.argmax(axis=1)]
    out = scores([e.label for e in examples], predicted)
    out["ece"] = calibration_error(proba.max(axis=1), [e.label == p for e, p in zip(examples, predicted, strict=True)])
    out["parts"] = _parts(examples, predicted)
    return out


def _parts(examples: Sequence[Example], predicted: Sequence[str]) -> dict[str, dict[str, float]]:
    """Macro-F1 on isolated segments and on the segments of whole minutes apart: the second is harder
    and closer to what users tag."""
    out = {}
    for part, keep in (("isolated", False), ("minutes", True)):
        idx = [i for i, e in enumerate(examples) if e.group.startswith("doc:") == keep]
        if idx:
            found = scores([examples[i].label for i in idx], [predicted[i] for i in idx])
            out[part] = {key: round(found[key], 4) for key in ("macro_f1", "accuracy")} | {"n": len(idx)}
    return out


def _baseline_scores(
    examples: Sequence[Example], test: Sequence[Example], seed: int, progress: Progress | None
) -> dict[str, dict[str, Any]]:
    """The three baselines, fitted on the same training rows and scored on the same test split."""
    from .baselines import baselines

    out = {}
    for name, estimator in baselines(seed).items():
        if progress:
            progress(f"baseline {name}")
        estimator.fit([e.input for e in examples], [e.label for e in examples])
        predicted = list(map(str, estimator.predict([e.input for e in test])))
        out[name] = scores([e.label for e in test], predicted)
        out[name]["parts"] = _parts(test, predicted)
    return out


def _summary(s: dict[str, Any]) -> dict[str, Any]:
    if not s:
        return {}
    out = {
        "macro_f1": round(s["macro_f1"], 4),
        "accuracy": round(s["accuracy"], 4),
        "f1": {lab: round(v["f1"], 4) for lab, v in s["per_label"].items()},
        "n": s["n"],
    }
    if "ece" in s:
        out["ece"] = round(s["ece"], 4)
    if "parts" in s:
        out["parts"] = s["parts"]
    out["confusion"] = s["confusion"]
    if "probability_confusion" in s:
        out["probability_confusion"] = s["probability_confusion"]
    return out


def evaluate(
    data: Sequence[str | os.PathLike[str]],
    model: str | os.PathLike[str] | LoadedModel | None = None,
) -> dict[str, Any]:
    """Segment scores on every labelled file given; on gold minutes also whole-document share error and flags."""
    from .tagger import Tagger

    loaded = model if isinstance(model, LoadedModel) else load_model(model)
    files = list(iter_data_files(data))
    examples = load_examples(files)
    if not examples:
        raise DataError("err.data_empty", file=", ".join(map(str, data)))
    proba, _ = loaded.predict_proba([e.input for e in examples])
    labels = loaded.labels
    predicted = [labels[i] for i in proba.argmax(axis=1)]
    result = scores([e.label for e in examples], predicted)
    result["ece"] = calibration_error(
        proba.max(axis=1), [e.label == p for e, p in zip(examples, predicted, strict=True)]
    )
    result["model"] = loaded.name
    docs = gold_documents(files)
    if docs:
        result["documents"] = _document_scores(Tagger(loaded), docs)
    return result


def _document_scores(tagger: Any, docs: list[GoldDocument]) -> dict[str, Any]:
    """Whole documents through the whole pipeline, against their gold segments.

    Syllables are the common ground: gold and predicted segments both cover the text's syllables in
    order, so each syllable has a gold label and a predicted one, however the pipeline cut the text.
    A topic boundary is a syllable where the gold label changes; it is found when a predicted segment
    starts there.
    """
    from .normalise import nfc, syllables
    from .shares import shares

    errors, corrected_errors, agree = [], [], 0
    covered = intervals = 0
    sure = sure_agree = 0
    boundaries = found = 0
    agree_syllables = all_syllables = 0
    threshold = tagger.policy.professional_max
    per_document = []
    for doc in docs:
        gold = shares([lab for _, lab in doc.segments], [syllables(t) for t, _ in doc.segments])
        result = tagger.tag_file(doc.text_path)
        got = result.shares
        error = sum(abs(gold[k] - got[k]) for k in CONTENT_LABELS) / len(CONTENT_LABELS)
        errors.append(error)
        if result.corrected:
            corrected = sum(abs(gold[k] - result.corrected[k]) for k in CONTENT_LABELS)
            corrected_errors.append(corrected / len(CONTENT_LABELS))
        for k, (lo, hi) in result.intervals.items():
            covered += lo - 1e-9 <= gold[k] <= hi + 1e-9
            intervals += 1
        agreed = (gold["professional_work"] > threshold) == (got["professional_work"] > threshold)
        agree += agreed
        lo, hi = result.intervals.get("professional_work", (got["professional_work"],) * 2)
        if not lo <= threshold <= hi:  # the tool is sure which side of the limit the meeting is on
            sure += 1
            sure_agree += agreed
        gold_tokens = [(token, lab) for text, lab in doc.segments for token in nfc(text).split()]
        predicted = [(token, s.label, k == 0) for s in result.segments for k, token in enumerate(nfc(s.text).split())]
        per_document.append(
            {
                "name": doc.name,
                "share_error": error,
                "gold": gold,
                "predicted": dict(got),
                "corrected": dict(result.corrected),
                "intervals": dict(result.intervals),
            }
        )
        if [t for t, _ in gold_tokens] != [t for t, _, _ in predicted]:
            continue  # the file and its gold disagree; data check reports it
        for i, ((_, label), (_, got_label, starts)) in enumerate(zip(gold_tokens, predicted, strict=True)):
            all_syllables += 1
            agree_syllables += label == got_label
            if i and label != gold_tokens[i - 1][1]:
                boundaries += 1
                found += starts
    return {
        "n": len(docs),
        "share_mae": sum(errors) / len(errors),
        "share_mae_corrected": sum(corrected_errors) / len(corrected_errors) if corrected_errors else None,
        "interval_coverage": covered / intervals if intervals else None,
        "professional_dominant_agreement": agree / len(docs),
        "professional_dominant_sure": sure,
        "professional_dominant_agreement_when_sure": sure_agree / sure if sure else None,
        "boundary_recall": found / max(boundaries, 1),
        "syllable_agreement": agree_syllables / max(all_syllables, 1),
        "per_document": per_document,
    }
