"""Model selection by grouped cross-validation (by writing batch or document), never on the test split.

Tokenises every training segment and its context once with underthesea, then compares feature sets,
classifiers and context blocks on the tokenised rows. Prints a Markdown table: macro-F1 over all
held-out rows (mean and spread over folds), macro-F1 over the held-out rows that come from whole gold
minutes (where context exists and where real minutes are hardest), and the weakest label. Then a
random-row cross-validation of the default baseline, whose gap to the grouped score says how much the
data leaks between rows.

    python benchmarks/model_selection.py data/ [--folds 5] [--quick] [--out benchmarks/results/model_selection.md]
"""

from __future__ import annotations

import argparse
import time
from operator import itemgetter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC

from bienban.data import load_examples, split_files
from bienban.model import DEFAULT_WEIGHTS, build_pipeline, char_vectorizer, word_vectorizer
from bienban.tokenise import syllable_text, tokenise_contexts, words
from bienban.types import CONTENT_LABELS, LABELS


def syllables(row_text: str) -> list[str]:
    return words(syllable_text(row_text))


def syllable_vectorizer() -> TfidfVectorizer:
    """Without word segmentation: syllables and syllable bigrams of the raw text."""
    return TfidfVectorizer(
        preprocessor=itemgetter("text"),
        tokenizer=syllables,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=2,
    )


def features(kind: str):
    blocks = {"words": word_vectorizer(None), "syllables": syllable_vectorizer(), "chars": char_vectorizer()}
    parts = kind.split("+")
    if len(parts) == 1:
        return blocks[kind]
    return FeatureUnion([(p, blocks[p]) for p in parts])


CLASSIFIERS = {
    "LinearSVC": lambda seed: LinearSVC(C=0.5, random_state=seed),
    "LogisticRegression": lambda seed: LogisticRegression(C=10, max_iter=2000, random_state=seed),
    "ComplementNB": lambda seed: ComplementNB(alpha=0.3),
    "SGD": lambda seed: SGDClassifier(loss="modified_huber", alpha=1e-4, random_state=seed),
}


def plain(kind: str, clf: str, seed: int):
    return make_pipeline(features(kind), CLASSIFIERS[clf](seed))


def with_context(weights: dict[str, float], seed: int):
    """bienban's pipeline without its tokenise step (rows are tokenised already) and without calibration."""
    return build_pipeline(seed=seed, weights=weights, calibrate=False)[1:]


def evaluate(rows, labels, groups, make, folds, seed, grouped=True):
    splitter = GroupKFold(n_splits=folds) if grouped else StratifiedKFold(folds, shuffle=True, random_state=seed)
    split = splitter.split(rows, labels, groups if grouped else None)
    fold_scores, predicted = [], np.empty(len(rows), dtype=object)
    for train, test in split:
        pipe = make()
        pipe.fit(rows[train], labels[train])
        predicted[test] = pipe.predict(rows[test])
        fold_scores.append(f1_score(labels[test], predicted[test], average="macro"))
    per_label = f1_score(labels, predicted, average=None, labels=list(CONTENT_LABELS))
    weakest = int(np.argmin(per_label))
    minutes = np.array([g.startswith("doc:") for g in groups])
    minutes_f1 = f1_score(labels[minutes], predicted[minutes], average="macro", labels=list(LABELS))
    return {
        "mean": float(np.mean(fold_scores)),
        "std": float(np.std(fold_scores)),
        "minutes": float(minutes_f1),
        "weakest": CONTENT_LABELS[weakest],
        "weakest_f1": float(per_label[weakest]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="only the context variants")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    train_files, _ = split_files(args.data)
    examples = load_examples(train_files)
    start = time.perf_counter()
    rows = np.array(tokenise_contexts([e.input for e in examples]), dtype=object)
    tokenise_seconds = time.perf_counter() - start
    labels = np.array([e.label for e in examples])
    groups = np.array([e.group for e in examples])
    n_minutes = sum(g.startswith("doc:") for g in groups)
    lines = [
        f"{len(examples)} training segments ({n_minutes} of them in whole gold minutes) in {len(set(groups))} groups; "
        f"grouped {args.folds}-fold CV; tokenising took {tokenise_seconds:.1f} s",
        "",
        "| features | classifier | macro-F1 (grouped) | ± | on whole minutes | weakest label | its F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    seed = args.seed
    grid: list[tuple[str, str, object]] = []
    if not args.quick:
        for kind in ("words", "syllables", "chars", "words+chars", "syllables+chars"):
            grid.append((kind, "LinearSVC", lambda k=kind: plain(k, "LinearSVC", seed)))
        for clf in ("LogisticRegression", "ComplementNB", "SGD"):
            grid.append(("words", clf, lambda c=clf: plain("words", c, seed)))
    none = dict.fromkeys(DEFAULT_WEIGHTS, 0.0)
    variants = {
        "words + shape": {**none, "shape": 0.5},
        "words + heading": {**none, "heading": 0.5},
        "words + heading + shape": {**none, "heading": 0.5, "shape": 0.5},
        "words + heading + previous + shape": {**none, "heading": 0.5, "previous": 0.3, "shape": 0.5},
        "words + heading + previous + title + shape": {**DEFAULT_WEIGHTS, "short_heading": 0.0},
        "words + all context incl. heading of short segments (default)": DEFAULT_WEIGHTS,
        "words + all context, heavier": {k: min(1.0, v * 1.6) for k, v in DEFAULT_WEIGHTS.items()},
        "words + all context, lighter": {k: v * 0.6 for k, v in DEFAULT_WEIGHTS.items()},
    }
    for name, weights in variants.items():
        grid.append((name, "LinearSVC", lambda w=weights: with_context(w, seed)))
    for kind, clf, make in grid:
        r = evaluate(rows, labels, groups, make, args.folds, seed)
        lines.append(
            f"| {kind} | {clf} | {r['mean']:.3f} | {r['std']:.3f} | {r['minutes']:.3f} | {r['weakest']} "
            f"| {r['weakest_f1']:.3f} |"
        )
        print(lines[-1], flush=True)
    make_default = lambda: plain("words", "LinearSVC", seed)  # noqa: E731
    grouped = evaluate(rows, labels, groups, make_default, args.folds, seed)["mean"]
    random_rows = evaluate(rows, labels, groups, make_default, args.folds, seed, grouped=False)["mean"]
    lines += [
        "",
        f"Leak check, words + LinearSVC: grouped CV {grouped:.3f}, random-row CV {random_rows:.3f}, "
        f"gap {random_rows - grouped:+.3f}",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
