"""The yardstick of the one-core benchmark: underthesea.word_tokenize on every non-empty line of every file.

A plain loop, as someone who only wanted the words would write it; run as a whole process, like bienban.

    taskset -c 0 python benchmarks/underthesea_loop.py DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from underthesea import word_tokenize


def main() -> None:
    words = 0
    for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words += len(word_tokenize(line))
    print(words)


if __name__ == "__main__":
    main()
