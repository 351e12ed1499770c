"""Model selection by grouped cross-validation (by writing batch or document), never on the test split.

Tokenises every training segment once with underthesea, then compares feature sets and classifiers
on the tokenised text. Prints a Markdown table (macro-F1 mean and spread over folds, the weakest
label) and a random-row cross-validation of the default baseline, whose gap to the grouped score
says how much the data leaks between rows.

    python benchmarks/model_selection.py data/ [--folds 5] [--out benchmarks/results/model_selection.md]
"""

from __future__ import annotations

import argparse
import time
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
from bienban.model import char_vectorizer, word_vectorizer
from bienban.tokenise import syllable_text, tokenise_many, words
from bienban.types import CONTENT_LABELS


def syllables(tokenised: str) -> list[str]:
    return words(syllable_text(tokenised))


def features(kind: str):
    word, char = word_vectorizer(None), char_vectorizer()
    syll = TfidfVectorizer(
        tokenizer=syllables, token_pattern=None, lowercase=False, ngram_range=(1, 2), sublinear_tf=True, min_df=2
    )
    return {
        "words": word,
        "syllables": syll,
        "chars": char,
        "words+chars": FeatureUnion([("words", word), ("chars", char)]),
        "syllables+chars": FeatureUnion([("syllables", syll), ("chars", char)]),
    }[kind]


CLASSIFIERS = {
    "LinearSVC": lambda seed: LinearSVC(C=0.5, random_state=seed),
    "LogisticRegression": lambda seed: LogisticRegression(C=10, max_iter=2000, random_state=seed),
    "ComplementNB": lambda seed: ComplementNB(alpha=0.3),
    "SGD": lambda seed: SGDClassifier(loss="modified_huber", alpha=1e-4, random_state=seed),
}


def evaluate(texts, labels, groups, kind, clf, folds, seed, grouped=True):
    splitter = GroupKFold(n_splits=folds) if grouped else StratifiedKFold(folds, shuffle=True, random_state=seed)
    split = splitter.split(texts, labels, groups if grouped else None)
    fold_scores, predicted = [], np.empty(len(texts), dtype=object)
    for train, test in split:
        pipe = make_pipeline(features(kind), CLASSIFIERS[clf](seed))
        pipe.fit(texts[train], labels[train])
        predicted[test] = pipe.predict(texts[test])
        fold_scores.append(f1_score(labels[test], predicted[test], average="macro"))
    per_label = f1_score(labels, predicted, average=None, labels=list(CONTENT_LABELS))
    weakest = int(np.argmin(per_label))
    return np.mean(fold_scores), np.std(fold_scores), CONTENT_LABELS[weakest], per_label[weakest]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    train_files, _ = split_files(args.data)
    examples = load_examples(train_files)
    start = time.perf_counter()
    texts = np.array(tokenise_many([e.text for e in examples]), dtype=object)
    tokenise_seconds = time.perf_counter() - start
    labels = np.array([e.label for e in examples])
    groups = np.array([e.group for e in examples])
    lines = [
        f"{len(examples)} training segments in {len(set(groups))} groups; grouped {args.folds}-fold CV; "
        f"tokenising took {tokenise_seconds:.1f} s",
        "",
        "| features | classifier | macro-F1 (grouped) | ± | weakest label | its F1 |",
        "|---|---|---|---|---|---|",
    ]
    grid = [(k, "LinearSVC") for k in ("words", "syllables", "chars", "words+chars", "syllables+chars")]
    grid += [("words+chars", c) for c in ("LogisticRegression", "ComplementNB", "SGD")]
    for kind, clf in grid:
        mean, std, weakest, weakest_f1 = evaluate(texts, labels, groups, kind, clf, args.folds, args.seed)
        lines.append(f"| {kind} | {clf} | {mean:.3f} | {std:.3f} | {weakest} | {weakest_f1:.3f} |")
        print(lines[-1], flush=True)
    grouped = evaluate(texts, labels, groups, "words", "LinearSVC", args.folds, args.seed)[0]
    rows = evaluate(texts, labels, groups, "words", "LinearSVC", args.folds, args.seed, grouped=False)[0]
    lines += [
        "",
        f"Leak check, words + LinearSVC: grouped CV {grouped:.3f}, random-row CV {rows:.3f}, gap {rows - grouped:+.3f}",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
