"""Fuzz the reading stage: random bytes and damaged .docx/.pdf files through read_path, counting outcomes.

Every input must end in one of two ways: text, or an InputError (a clean one-line message). Anything
else is a crash and is printed with its input saved under /tmp/bienban-fuzz/ to reproduce it; an input
that takes more than 10 s is a hang. With --tagger the texts read are also tagged with the shipped model.
--sizes times the big inputs of issue 8: a 100 MB text file read with the limit raised, and documents
of one enormous line (0.5, 1, 2 MB) through the whole pipeline, to show that time grows linearly.

    python benchmarks/fuzz.py [--n 3000] [--seed 0] [--tagger] [--sizes]
"""

from __future__ import annotations

import argparse
import collections
import io
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from bienban.errors import InputError  # noqa: E402
from bienban.read import MB, ReadLimits, read_bytes, read_path  # noqa: E402

OUT = Path("/tmp/bienban-fuzz")
HANG_SECONDS = 10


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def random_bytes(rng: random.Random) -> bytes:
    size = rng.choice([0, 1, 2, 3, 8, 64, 512, 4096, 65536])
    kind = rng.random()
    if kind < 0.4:
        return rng.randbytes(rng.randint(0, size))
    if kind < 0.7:  # text-like: mostly printable with some high bytes
        alphabet = b"abcdefghij \n.,:-\xc3\xa1\xe1\xbb\x99\xc4\x91\xd0\xf5\x00\xff"
        return bytes(rng.choice(alphabet) for _ in range(rng.randint(0, size)))
    prefix = rng.choice([b"%PDF-1.4\n", b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"{\\rtf1"])
    return prefix + rng.randbytes(rng.randint(0, size))


def mutate(blob: bytes, rng: random.Random) -> bytes:
    data = bytearray(blob)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        at = rng.randrange(max(len(data), 1))
        if op < 0.4 and data:
            data[at] = rng.randrange(256)
        elif op < 0.55:
            data[at:at] = rng.randbytes(rng.randint(1, 64))
        elif op < 0.7:
            del data[at : at + rng.randint(1, 256)]
        elif op < 0.85:
            data = data[: max(at, 1)]
        else:
            chunk = data[at : at + rng.randint(1, 512)]
            data[at:at] = chunk * rng.randint(1, 8)
    return bytes(data)


def seeds() -> dict[str, bytes]:
    import docx

    text = (ROOT / "data" / "minutes" / "m03_08.txt").read_text(encoding="utf-8")
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "ĐẢNG BỘ PHƯỜNG", "ĐẢNG CỘNG SẢN VIỆT NAM"
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return {".docx": buffer.getvalue(), ".pdf": (ROOT / "tests" / "data" / "pdf" / "m03_08.pdf").read_bytes()}


def cases(n: int, rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    for _ in range(n):
        yield "random bytes", random_bytes(rng), rng.choice([".txt", ".docx", ".pdf"])
    for suffix, blob in seeds().items():
        for _ in range(n // 3):
            yield f"mutated {suffix}", mutate(blob, rng), suffix


def run_one(data: bytes, suffix: str, tag: Callable[[str], object] | None) -> str:
    signal.alarm(HANG_SECONDS)
    try:
        text = read_bytes(data, f"fuzz{suffix}", suffix, ReadLimits())
        if tag is not None:
            tag(text)
        return "ok"
    except InputError:
        return "clean error"
    finally:
        signal.alarm(0)


def fuzz(n: int, seed: int, tagger: bool) -> int:
    rng = random.Random(seed)
    tag = None
    if tagger:
        from bienban import Tagger

        tag = Tagger().tag_text
    signal.signal(signal.SIGALRM, _alarm)
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    crashes = 0
    start = time.perf_counter()
    for i, (family, data, suffix) in enumerate(cases(n, rng)):
        try:
            outcome = run_one(data, suffix, tag)
        except Hang:
            outcome = "hang"
        except Exception as exc:  # a crash: keep the input to reproduce it
            outcome = f"crash {type(exc).__name__}"
            OUT.mkdir(exist_ok=True)
            (OUT / f"crash-{i}{suffix}").write_bytes(data)
            if crashes < 5:
                traceback.print_exc()
            crashes += 1
        counts[family][outcome] += 1
    elapsed = time.perf_counter() - start
    total = sum(sum(c.values()) for c in counts.values())
    print(f"{total} inputs in {elapsed:.1f} s (seed {seed}{', tagged' if tagger else ''})")
    for family, counter in counts.items():
        print(f"  {family:16} " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    return crashes


def sizes() -> None:
    """Timings that a test cannot assert: the 100 MB file and the single enormous line."""
    import tempfile

    from bienban import Tagger

    words = (ROOT / "data" / "minutes" / "m03_01.txt").read_text(encoding="utf-8").split()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        line = (" ".join(words) + "\n").encode("utf-8")
        big.write_bytes(line * (100 * MB // len(line)))
        try:
            read_path(big)
        except InputError as exc:
            print(f"default limit: {exc.en}")
        start = time.perf_counter()
        text = read_path(big, ReadLimits(max_size=200 * MB))
        print(f"100 MB text read with --max-size 200: {time.perf_counter() - start:.1f} s, {len(text):,} characters")
    tagger = Tagger()
    rng = random.Random(0)
    for megabytes in (0.5, 1, 2):
        text = ""
        chunks = []
        size = 0
        while size < megabytes * MB:
            word = rng.choice(words)
            chunks.append(word)
            size += len(word.encode("utf-8")) + 1
        text = " ".join(chunks)
        start = time.perf_counter()
        doc = tagger.tag_text(read_bytes(text.encode("utf-8"), "one-line.txt", ".txt", ReadLimits(max_size=10 * MB)))
        print(
            f"one line of {megabytes} MB through the pipeline: {time.perf_counter() - start:.1f} s, "
            f"{len(doc.segments)} segments"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="random byte strings (and n/3 of each damaged format)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tagger", action="store_true", help="also tag every text read")
    parser.add_argument("--sizes", action="store_true", help="time the 100 MB file and the one-line documents")
    args = parser.parse_args()
    crashes = fuzz(args.n, args.seed, args.tagger)
    if args.sizes:
        sizes()
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
