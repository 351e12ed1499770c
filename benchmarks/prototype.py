"""Where the one-core time goes, and what proposed changes to the tagger would save: measured, not guessed.

Tags the benchmark corpus in this process, pinned to one core, once per variant (median of
``--repeats``), each variant in a fresh interpreter so that no cache carries over:

- ``current``: the code as it is;
- ``caches``: ``normalise.clean`` and the word splitters (``tokenise.words``, ``context_words``)
  memoised: the same strings are cleaned and split again by the segmenter, the shape features and the
  context fields;
- ``syllables``: underthesea replaced by plain syllables (timing only: the shipped model was trained on
  words, so its labels change here; ``results/model_selection.md`` gives syllable features' accuracy);
- ``caches+syllables``.

Written against the model read from plain arrays (``linear.py``, model 0.3.0); an earlier version also
measured batching documents into one scikit-learn ``predict_proba`` call, which the arrays made moot.

Also: the stage breakdown of ``current`` (tokenising, the rest) and the cost of one ``predict_proba``
call beyond its rows (``_split_mixed`` makes a second call per document).

    python benchmarks/prototype.py [--files 200] [--repeats 3] [--out benchmarks/results/prototype.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
VARIANTS = ("current", "caches", "syllables", "caches+syllables")


def _patch_caches() -> None:
    import bienban.model
    import bienban.normalise as normalise
    import bienban.tokenise as tokenise

    try:
        import bienban.linear as linear
    except ImportError:
        linear = None

    clean = lru_cache(maxsize=1 << 16)(normalise.clean)
    for name, module in list(sys.modules.items()):
        if name.startswith("bienban") and getattr(module, "clean", None) is normalise.clean:
            module.clean = clean  # type: ignore[attr-defined]
    # the pickled vectorizers name these functions by module: patched before the model is loaded
    for function in ("words", "context_words"):
        original = getattr(tokenise, function, None) or getattr(bienban.model, function, None)
        if original is None:
            continue
        cached = lru_cache(maxsize=1 << 16)(original)
        for module in (tokenise, bienban.model):
            if getattr(module, function, None) is original:
                setattr(module, function, cached)
        tokenizers = getattr(linear, "_TOKENIZERS", {})
        for key, value in list(tokenizers.items()):
            if value is original:
                tokenizers[key] = cached


def run_variant(variant: str, folder: Path) -> dict[str, float]:
    """One variant in this (fresh) process; returns seconds."""
    os.sched_setaffinity(0, {0})
    start = time.perf_counter()
    if "caches" in variant:
        import bienban.model  # noqa: F401
        import bienban.normalise  # noqa: F401

        _patch_caches()
    import bienban.tokenise as tokenise

    if "syllables" in variant:
        tokenise.tokenise_sentence = lambda sentence: sentence  # type: ignore[assignment]
    spent = {"tokenise": 0.0}
    inner = tokenise.tokenise_sentence

    def timed(sentence: str) -> str:
        begin = time.perf_counter()
        try:
            return inner(sentence)
        finally:
            spent["tokenise"] += time.perf_counter() - begin

    tokenise.tokenise_sentence = timed  # type: ignore[assignment]
    from bienban.output import render
    from bienban.tagger import Tagger

    tagger = Tagger()
    loaded = time.perf_counter()
    paths = sorted(folder.glob("*.txt"))
    with open(os.devnull, "w", encoding="utf-8") as out:
        for chunk in render((tagger.safe_tag_file(p) for p in paths), "jsonl"):
            out.write(chunk)
    done = time.perf_counter()
    return {"startup": loaded - start, "tag": done - loaded, "tokenise": spent["tokenise"]}


def call_overhead(folder: Path) -> dict[str, float]:
    """Seconds of one predict_proba call beyond its rows: two calls of n/2 rows minus one call of n rows."""
    os.sched_setaffinity(0, {0})
    from bienban.read import read_path
    from bienban.segment import segment
    from bienban.shape import contexts
    from bienban.tagger import Tagger

    tagger = Tagger()
    items = [c for p in sorted(folder.glob("*.txt"))[:20] for c in contexts(segment(read_path(p)))]
    tagger.model.predict_proba(items)  # tokenise once: both timings below hit the cache
    one, two = [], []
    for _ in range(5):
        begin = time.perf_counter()
        tagger.model.predict_proba(items)
        one.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        for k in range(20):
            tagger.model.predict_proba(items[k::20])
        two.append(time.perf_counter() - begin)
    per_call = (statistics.median(two) - statistics.median(one)) / 19
    return {"rows": len(items), "one_call_s": statistics.median(one), "per_extra_call_ms": per_call * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--overhead", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.corpus)))
        return
    if args.overhead:
        print(json.dumps(call_overhead(args.corpus)))
        return
    sys.path.insert(0, str(HERE))
    from corpus import build, line_stats

    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp) / "corpus", args.files)
        report: dict[str, object] = {"corpus": line_stats(paths), "cores": os.cpu_count(), "variants": {}}
        runs: dict[str, list[dict[str, float]]] = {v: [] for v in VARIANTS}
        for _ in range(args.repeats):
            for variant in VARIANTS:  # interleaved, so that a busy spell on the shared machine hits all
                command = [sys.executable, __file__, "--variant", variant, "--corpus", str(Path(tmp) / "corpus")]
                runs[variant].append(json.loads(subprocess.check_output(command)))
        for variant, found in runs.items():
            report["variants"][variant] = {  # type: ignore[index]
                key: round(statistics.median(r[key] for r in found), 2) for key in found[0]
            }
        command = [sys.executable, __file__, "--overhead", "--corpus", str(Path(tmp) / "corpus")]
        report["predict_call"] = json.loads(subprocess.check_output(command))
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
