"""Which encoding detector reads our minutes right: bienban's own (read.py) or charset-normalizer.

Every gold minutes file (data/minutes/*.txt) is written in each encoding bienban meets and read back;
a reading counts as right when its NFC text equals the original's. charset-normalizer is tried alone
and followed by the same TCVN3/VNI repair (viparse) that bienban applies, to be fair to it.

    pip install charset-normalizer   # not a dependency of bienban
    python benchmarks/encodings.py
"""

from __future__ import annotations

import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from tests.encodings import encode_cp1258, encode_legacy  # noqa: E402

from bienban import legacy  # noqa: E402
from bienban.errors import InputError  # noqa: E402
from bienban.read import decode_text  # noqa: E402

WRITERS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 BOM": lambda text: text.encode("utf-8-sig"),
    "utf-16 BOM": lambda text: text.encode("utf-16"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "utf-16-be": lambda text: text.encode("utf-16-be"),
    "NFD utf-8": lambda text: unicodedata.normalize("NFD", text).encode("utf-8"),
    "cp1258": encode_cp1258,
    "TCVN3/cp1252": lambda text: encode_legacy(text, "tcvn3"),
    "VNI/cp1252": lambda text: encode_legacy(text, "vni"),
}


def ours(data: bytes) -> str:
    return decode_text(data)


def charset_normalizer(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else ""


def charset_normalizer_viparse(data: bytes) -> str:
    return legacy.repair(charset_normalizer(data))


READERS: dict[str, Callable[[bytes], str]] = {
    "bienban": ours,
    "charset-normalizer": charset_normalizer,
    "charset-normalizer+viparse": charset_normalizer_viparse,
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def main() -> None:
    files = [p for p in sorted((ROOT / "data" / "minutes").glob("*.txt")) if p.with_suffix(".gold.json").exists()]
    texts = [nfc(path.read_text(encoding="utf-8")) for path in files]
    right: dict[tuple[str, str], int] = {}
    folded: dict[tuple[str, str], int] = {}
    seconds: dict[str, float] = dict.fromkeys(READERS, 0.0)
    guesses: dict[tuple[str, str], set[str]] = {}
    for writer_name, write in WRITERS.items():
        for text in texts:
            data = write(text)
            for reader_name, read in READERS.items():
                start = time.perf_counter()
                try:
                    got = read(data)
                except InputError:
                    got = ""
                seconds[reader_name] += time.perf_counter() - start
                ok = nfc(got) == text
                right[writer_name, reader_name] = right.get((writer_name, reader_name), 0) + ok
                same = nfc(got).casefold() == text.casefold()
                folded[writer_name, reader_name] = folded.get((writer_name, reader_name), 0) + same
                if reader_name == "charset-normalizer" and not ok:
                    from charset_normalizer import from_bytes

                    best = from_bytes(data).best()
                    guesses.setdefault((writer_name, reader_name), set()).add(best.encoding if best else "none")
    width = max(map(len, WRITERS))
    print(f"{len(texts)} gold minutes files, each written in every encoding; cells: files read exactly right\n")
    print(f"{'written as'.ljust(width)}  " + "  ".join(READERS))
    for writer_name in WRITERS:
        cells = [f"{right[writer_name, r]}/{len(texts)}".ljust(len(r)) for r in READERS]
        print(f"{writer_name.ljust(width)}  " + "  ".join(cells))
    totals = [f"{sum(right[w, r] for w in WRITERS)}/{len(texts) * len(WRITERS)}".ljust(len(r)) for r in READERS]
    print(f"{'total'.ljust(width)}  " + "  ".join(totals))
    print(f"{'seconds'.ljust(width)}  " + "  ".join(f"{seconds[r]:.2f}".ljust(len(r)) for r in READERS))
    print("\nright ignoring letter case (TCVN3 has no toned capitals: the typist's capitals font drew them):")
    for writer_name in WRITERS:
        if any(folded[writer_name, r] != right[writer_name, r] for r in READERS):
            cells = [f"{folded[writer_name, r]}/{len(texts)}".ljust(len(r)) for r in READERS]
            print(f"{writer_name.ljust(width)}  " + "  ".join(cells))
    print("\ncharset-normalizer's guesses where it was wrong:")
    for (writer_name, _), found in guesses.items():
        print(f"  {writer_name}: {', '.join(sorted(found))}")


if __name__ == "__main__":
    main()
