"""A benchmark corpus of distinct minutes, made from the gold minutes and the labelled segments.

Not training data: it only has to look like an archive to the tagger. Each document takes the header
and the closing of one gold minutes file (boilerplate repeats across an archive, as in real ones), a
run of body lines from another minutes file and twelve labelled segments written as bullets (each
segment used once before any is used again); every number in the body is redrawn. ``line_stats`` says
how many lines are distinct, so that the help a cache gets can be judged.

    python benchmarks/corpus.py DEST [--n 200] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
_NUMBER = re.compile(r"\d+")


def _sources() -> tuple[list[list[str]], list[str]]:
    minutes = []
    for path in sorted((DATA / "minutes").glob("*.txt")):
        lines = [line.rstrip() for line in path.read_text(encoding="utf-8").splitlines()]
        minutes.append(lines)
    segments = []
    for path in sorted((DATA / "segments").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                if "\n" not in text and len(text.split()) >= 8:
                    segments.append(text)
    return minutes, segments


def _renumber(line: str, rng: random.Random) -> str:
    def draw(match: re.Match[str]) -> str:
        digits = len(match.group())
        return str(rng.randint(10 ** (digits - 1) if digits > 1 else 0, 10**digits - 1))

    return _NUMBER.sub(draw, line)


def build(dest: Path, n: int = 200, seed: int = 0) -> list[Path]:
    """Write ``n`` distinct minutes ``bench_0000.txt``... into ``dest``; return their paths."""
    rng = random.Random(seed)
    minutes, segments = _sources()
    rng.shuffle(segments)
    dest.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    seen: set[str] = set()
    drawn = 0
    while len(paths) < n:
        frame, other = rng.sample(minutes, 2)
        head, tail = frame[:12], frame[-8:]
        middle = other[12:-8]
        start = rng.randrange(0, max(len(middle) // 2, 1))
        body = middle[start : start + len(middle) // 2]
        # labelled segments as bullets, each used once before any is used again
        for _ in range(12):
            body.append(f"- {segments[drawn % len(segments)]}")
            drawn += 1
        body = [_renumber(line, rng) for line in body]
        text = "\n".join([*head, *body, *tail]) + "\n"
        if text in seen:
            continue
        seen.add(text)
        path = dest / f"bench_{len(paths):04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def line_stats(paths: list[Path]) -> dict[str, float]:
    """Non-empty lines, how many are distinct, and bytes: what the reader of a figure needs to judge it."""
    lines = [line.strip() for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {
        "files": len(paths),
        "lines": len(lines),
        "distinct_lines": len(set(lines)),
        "bytes": sum(p.stat().st_size for p in paths),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = build(args.dest, args.n, args.seed)
    print(json.dumps(line_stats(paths)))


if __name__ == "__main__":
    main()
