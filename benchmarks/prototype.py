"""Where the one-core time goes, and what proposed changes to the tagger would save: measured, not guessed.

Tags the benchmark corpus in this process, pinned to one core, once per variant (median of
``--repeats``), each variant in a fresh interpreter so that no cache carries over:

- ``current``: the code as it is;
- ``caches``: ``normalise.clean``, ``tokenise.words`` and ``model.context_words`` memoised (the same
  strings are cleaned and split again by the segmenter, the shape features, the context fields);
- ``dedupe``: each context field's vectorizer (heading, short heading, previous, title) analyses each
  distinct string of a call once: a document has one title and few headings;
- ``batched``: documents classified 32 at a time, one ``predict_proba`` call for the sentences of
  their long paragraphs and one for all their segments, instead of two calls per document (simulated:
  the two batched calls fill a cache that each document's own calls then read, so the segmenting is
  done twice and the figure is an upper bound);
- ``caches+dedupe+batched``;
- ``syllables``: underthesea replaced by plain syllables (timing only: the shipped model was trained on
  words, so its labels change here; the model-selection benchmark gives syllable features' accuracy);
- ``all+syllables``: every change above.

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
VARIANTS = ("current", "caches", "dedupe", "batched", "caches+dedupe+batched", "syllables", "all+syllables")


def _patch_caches() -> None:
    import bienban.model
    import bienban.normalise as normalise
    import bienban.tokenise as tokenise

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


def _patch_dedupe(tagger) -> None:
    """Each field vectorizer transforms the distinct values of a call once, then repeats their rows."""
    import numpy as np

    pipeline = getattr(tagger.model, "pipeline", None)
    if pipeline is None:  # a model read from plain arrays: nothing to wrap
        return
    union = pipeline.named_steps["features"]
    for name, vectorizer in union.transformer_list:
        if name in ("heading", "short_heading", "previous", "title"):
            original = vectorizer.transform
            key = vectorizer.preprocessor

            def transform(rows, original=original, key=key):
                keys = [key(row) for row in rows]
                order = {k: i for i, k in enumerate(dict.fromkeys(keys))}
                if len(order) == len(keys):
                    return original(rows)
                first = {}
                for row, k in zip(rows, keys, strict=True):
                    first.setdefault(k, row)
                matrix = original(list(first.values()))
                return matrix[np.array([order[k] for k in keys])]

            vectorizer.transform = transform


class _Recorded(Exception):
    pass


def _batched(tagger, paths: list[Path], chunk: int = 32):
    """Results of ``tagger`` over ``paths``, classifying ``chunk`` documents per predict_proba call."""
    from bienban.errors import BienbanError
    from bienban.read import read_path
    from bienban.segment import segment
    from bienban.shape import contexts

    model = tagger.model
    compute = type(model).predict_proba
    cache: dict[object, tuple[object, object]] = {}

    def fill(items: list) -> None:
        items = [i for i in dict.fromkeys(items) if i not in cache]
        if items:
            proba, features = compute(model, items)
            for k, item in enumerate(items):
                cache[item] = (proba[k], features[k])

    def cached(self, items):
        import numpy as np
        import scipy.sparse as sp

        if all(i in cache for i in items):
            rows = [cache[i] for i in items]
            return np.vstack([r[0] for r in rows]), sp.vstack([r[1] for r in rows]).tocsr()
        return compute(self, items)

    type(model).predict_proba = cached
    for start in range(0, len(paths), chunk):
        texts = {}
        for path in paths[start : start + chunk]:
            try:
                texts[path] = read_path(path)
            except BienbanError:
                pass
        queries: list = []

        def record(self, items, queries=queries):
            queries.extend(items)
            raise _Recorded

        type(model).predict_proba = record
        for text in texts.values():
            try:
                tagger._split_mixed(segment(text))
            except _Recorded:
                pass
        type(model).predict_proba = cached
        fill(queries)
        fill([c for text in texts.values() for c in contexts(tagger._split_mixed(segment(text)))])
        for path in paths[start : start + chunk]:
            yield tagger.tag_text(texts[path], name=str(path)) if path in texts else tagger.safe_tag_file(path)
        cache.clear()


def run_variant(variant: str, folder: Path) -> dict[str, float]:
    """One variant in this (fresh) process; returns seconds."""
    os.sched_setaffinity(0, {0})
    start = time.perf_counter()
    if "caches" in variant or variant.startswith("all"):
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
    if "dedupe" in variant or variant.startswith("all"):
        _patch_dedupe(tagger)
    loaded = time.perf_counter()
    paths = sorted(folder.glob("*.txt"))
    with open(os.devnull, "w", encoding="utf-8") as out:
        batched = "batched" in variant or variant.startswith("all")
        results = _batched(tagger, paths) if batched else (tagger.safe_tag_file(p) for p in paths)
        for chunk in render(results, "jsonl"):
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
