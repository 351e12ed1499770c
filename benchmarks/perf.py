"""Speed and memory of bienban as a user runs it: whole processes, medians over repeats, ratios.

    python benchmarks/perf.py onecore   [--files 200] [--repeats 3]   # tag vs a plain underthesea loop, one core
    python benchmarks/perf.py coldstart [--repeats 5]                 # bienban tag on one small file, importtime
    python benchmarks/perf.py memory    [--sizes 200 2000]            # peak RSS by batch size
    python benchmarks/perf.py workers   [--files 400] [--repeats 3]   # --workers 1 against --workers 2
    python benchmarks/perf.py train     [--folds 5] [--big-folds 0]   # bienban train on data/ and a 10x copy
    python benchmarks/perf.py profile   [--files 200]                 # cProfile of the one-core run
    python benchmarks/perf.py all       [--out benchmarks/results/perf.json]

Every corpus is written to a temporary folder (benchmarks/corpus.py), never into data/. Timings are
wall-clock seconds of whole processes (start-up included), the median of the repeats; peak memory is
the largest resident set of any one process (``/usr/bin/time``). The machine is shared: compare the
ratios, which are measured within one run, rather than the seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import build, line_stats  # noqa: E402

BIN = Path(sys.executable).parent
BIENBAN = [str(BIN / "bienban")] if (BIN / "bienban").exists() else [sys.executable, "-m", "bienban.cli"]
SMALL = ROOT / "tests" / "data" / "minutes.txt"


def run(command: list[str], stdout: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one process; fails loudly if the command fails."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        out = open(stdout, "w", encoding="utf-8") if stdout else subprocess.DEVNULL  # noqa: SIM115
        try:
            begin = time.perf_counter()
            done = subprocess.run(
                ["/usr/bin/time", "-f", "%M", "-o", stats.name, *command], stdout=out, stderr=subprocess.PIPE
            )
            wall = time.perf_counter() - begin
        finally:
            if stdout:
                out.close()  # type: ignore[union-attr]
        if done.returncode not in (0, 1):  # 1: some file failed, which a corpus may hold on purpose
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-2000:]}")
        return wall, int(Path(stats.name).read_text().split()[-1]) // 1024


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def onecore(files: int, repeats: int) -> dict[str, Any]:
    """Issue 7's yardstick: the whole tag process against underthesea alone, both pinned to core 0."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = build(folder, files)
        loop_cmd = ["taskset", "-c", "0", sys.executable, str(HERE / "underthesea_loop.py"), str(folder)]
        tag_cmd = ["taskset", "-c", "0", *BIENBAN, "tag", "--format", "jsonl", str(folder)]
        loop, tag = [], []
        for _ in range(repeats):
            loop.append(run(loop_cmd)[0])
            tag.append(run(tag_cmd, Path(tmp) / "out.jsonl")[0])
        return {
            "corpus": line_stats(paths),
            "underthesea_loop_s": median(loop),
            "bienban_tag_s": median(tag),
            "ratio_loop_over_tag": round(statistics.median(loop) / statistics.median(tag), 2),
            "runs": {"loop": [round(x, 2) for x in loop], "tag": [round(x, 2) for x in tag]},
        }


def coldstart(repeats: int) -> dict[str, Any]:
    command = [*BIENBAN, "tag", "--format", "jsonl", str(SMALL)]
    run(command)  # warm the page cache and the bytecode
    walls = [run(command)[0] for _ in range(repeats)]
    found = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bienban.cli", "tag", "--format", "jsonl", str(SMALL)],
        capture_output=True,
        text=True,
    ).stderr
    rows = []
    for line in found.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            rows.append((int(match.group(2)), len(match.group(3)), match.group(4)))
    top = sorted((r for r in rows if r[1] <= 3), reverse=True)[:10]  # packages imported by bienban itself
    return {
        "file": str(SMALL.relative_to(ROOT)),
        "wall_s": median(walls),
        "runs": [round(x, 2) for x in walls],
        "import_total_s": round(sum(r[0] for r in rows if r[1] == 1) / 1e6, 2),
        "top_imports_s": {name: round(us / 1e6, 2) for us, _, name in top},
    }


def memory(sizes: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"corpus{n}"
            build(folder, n)
            wall, rss = run([*BIENBAN, "tag", "--format", "jsonl", str(folder)], Path(tmp) / "out.jsonl")
            out[str(n)] = {"peak_rss_mb": rss, "wall_s": round(wall, 1)}
            shutil.rmtree(folder)
    return out


def workers(files: int, repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        build(folder, files)
        outputs = {1: Path(tmp) / "one.jsonl", 2: Path(tmp) / "two.jsonl"}
        walls: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(repeats):
            for n in (1, 2):
                walls[n].append(run([*BIENBAN, "tag", "-f", "jsonl", "--workers", str(n), str(folder)], outputs[n])[0])
        same = outputs[1].read_bytes() == outputs[2].read_bytes()
    return {
        "files": files,
        "workers_1_s": median(walls[1]),
        "workers_2_s": median(walls[2]),
        "speedup": round(statistics.median(walls[1]) / statistics.median(walls[2]), 2),
        "identical_output": same,
        "runs": {str(k): [round(x, 2) for x in v] for k, v in walls.items()},
    }


def _tenfold(dest: Path) -> None:
    """data/ ten times: copy k renumbers every figure (text and gold alike), so rows are not exact duplicates."""
    shutil.copy(ROOT / "data" / "splits.json", dest / "splits.json")
    number = re.compile(r"\d+")
    for k in range(10):
        rng = random.Random(k)

        def shift(text: str, rng: random.Random = rng, k: int = k) -> str:
            return number.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)), text) if k else text

        for path in (ROOT / "data" / "segments").glob("*.jsonl"):
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            target = dest / "segments" / f"{path.stem}_x{k}.jsonl"
            target.parent.mkdir(parents=True, exist_ok=True)
            lines = [json.dumps({**row, "text": shift(row["text"])}, ensure_ascii=False) for row in rows]
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for gold in (ROOT / "data" / "minutes").glob("*.gold.json"):
            stem = gold.name[: -len(".gold.json")]
            doc = json.loads(gold.read_text(encoding="utf-8"))
            doc["segments"] = [{**s, "text": shift(s["text"])} for s in doc["segments"]]
            target = dest / "minutes" / f"{stem}_x{k}.gold.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            text = (ROOT / "data" / "minutes" / f"{stem}.txt").read_text(encoding="utf-8")
            (dest / "minutes" / f"{stem}_x{k}.txt").write_text(shift(text), encoding="utf-8")


def train(folds: int, big_folds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "data10x"
        big.mkdir()
        _tenfold(big)
        for name, data, k in (("data", ROOT / "data", folds), ("data_10x", big, big_folds)):
            wall, rss = run([*BIENBAN, "train", str(data), "-o", str(Path(tmp) / name), "--folds", str(k)])
            card = json.loads((Path(tmp) / f"{name}.card.json").read_text(encoding="utf-8"))
            out[name] = {"folds": k, "wall_s": round(wall, 1), "peak_rss_mb": rss, "n_train": card.get("n_train")}
    return out


def profile(files: int, top: int = 30) -> dict[str, Any]:
    """cProfile of the one-core tag run: the functions with the most time of their own, and bienban's stages."""
    import pstats

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        build(folder, files)
        stats = Path(tmp) / "tag.prof"
        command = ["taskset", "-c", "0", sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "bienban.cli"]
        run([*command, "tag", "--format", "jsonl", str(folder)], Path(tmp) / "out.jsonl")
        found = pstats.Stats(str(stats))
        total = found.total_tt  # type: ignore[attr-defined]
        rows = found.stats  # type: ignore[attr-defined]

        def name(key: tuple[str, int, str]) -> str:
            file, line, function = key
            return f"{Path(file).name}:{line}({function})" if file != "~" else function

        own = sorted(rows.items(), key=lambda item: -item[1][2])[:top]
        ours = [(k, v) for k, v in rows.items() if "/bienban/" in k[0] or k[2] == "word_tokenize"]
        stages = sorted(ours, key=lambda item: -item[1][3])[:top]
        return {
            "total_s": round(total, 2),
            "own_time_s": {name(k): round(v[2], 2) for k, v in own},
            "cumulative_s": {name(k): round(v[3], 2) for k, v in stages},
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["onecore", "coldstart", "memory", "workers", "train", "profile", "all"])
    parser.add_argument("--files", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--big-folds", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    report: dict[str, Any] = {"cores": os.cpu_count(), "python": sys.version.split()[0]}
    chosen = ["onecore", "coldstart", "memory", "workers", "train"] if args.what == "all" else [args.what]
    for what in chosen:
        if what == "onecore":
            report[what] = onecore(args.files or 200, args.repeats or 3)
        elif what == "coldstart":
            report[what] = coldstart(args.repeats or 5)
        elif what == "memory":
            report[what] = memory(args.sizes)
        elif what == "workers":
            report[what] = workers(args.files or 400, args.repeats or 3)
        elif what == "train":
            report[what] = train(args.folds, args.big_folds)
        else:
            report[what] = profile(args.files or 200)
        print(json.dumps({what: report[what]}), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
