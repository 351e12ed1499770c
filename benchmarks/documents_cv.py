"""Whole-document figures by cross-validation over the training minutes: a larger sample than the 12
documents of the test split, never touching it.

Each fold trains bienban's pipeline on every training row except the held-out gold minutes, then tags
those minutes' .txt files through the whole pipeline (segmenting, splitting, intervals, flags) and
compares with their gold shares: share error raw and corrected, agreement on professional_dominant
(all documents, and those whose 90% interval does not cross the limit), and interval coverage.

    python benchmarks/documents_cv.py data/ [--folds 5] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from bienban.data import gold_documents, split_files
from bienban.model import build_pipeline, save_model
from bienban.tagger import Tagger
from bienban.training import _document_scores, cross_validate, training_examples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    train_files, _ = split_files(args.data)
    docs = gold_documents(train_files)
    examples = training_examples(train_files)
    names = sorted(d.name for d in docs)
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(names))
    totals: dict[str, list[float]] = {}
    sure = sure_agree = 0
    start = time.perf_counter()
    for k in range(args.folds):
        held = {names[i] for i in order[k :: args.folds]}
        rows = [e for e in examples if e.group.removeprefix("doc:") not in held]
        cv = cross_validate(rows, folds=3, seed=args.seed)  # the confusion the corrected shares need
        pipeline = build_pipeline(seed=args.seed).fit([e.input for e in rows], [e.label for e in rows])
        with tempfile.TemporaryDirectory() as tmp:
            card = {
                "name": "fold",
                "version": str(k),
                "cv": {"confusion": cv["confusion"], "probability_confusion": cv["probability_confusion"]},
            }
            save_model(pipeline, Path(tmp) / "fold", card)
            found = _document_scores(Tagger(Path(tmp) / "fold"), [d for d in docs if d.name in held])
        n = found["n"]
        for key in ("share_mae", "share_mae_corrected", "interval_coverage", "professional_dominant_agreement"):
            totals.setdefault(key, []).extend([found[key]] * n)
        sure += found["professional_dominant_sure"]
        sure_agree += round(
            (found["professional_dominant_agreement_when_sure"] or 0) * found["professional_dominant_sure"]
        )
        print(
            f"fold {k + 1}/{args.folds}: {n} documents, "
            + json.dumps({k: round(v, 3) for k, v in found.items() if isinstance(v, float)}),
            flush=True,
        )
    summary = {key: round(float(np.mean(values)), 4) for key, values in totals.items()}
    summary["documents"] = len(names)
    summary["professional_dominant_sure"] = sure
    summary["professional_dominant_agreement_when_sure"] = round(sure_agree / sure, 4) if sure else None
    summary["seconds"] = round(time.perf_counter() - start)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
