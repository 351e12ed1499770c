"""Labelled files to training rows: segments JSONL, CSV, and gold minutes, in the formats of LABELS.md."""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError
from .shape import contexts
from .types import LABELS, Context

SPLIT_FILE = "splits.json"
GOLD_SUFFIX = ".gold.json"
# Folders of a corpus that hold no training rows: annotation records and the README's samples.
NOT_DATA_DIRS = frozenset({"annotation", "samples"})


@dataclass(frozen=True)
class Example:
    """One labelled segment; ``group`` keeps a document or writing batch together in cross-validation."""

    text: str
    label: str
    group: str
    origin: str
    context: Context | None = None

    @property
    def input(self) -> Context:
        """What the model reads: the segment in its document's context, or alone."""
        return self.context or Context(self.text)


@dataclass
class GoldDocument:
    """A minutes file and its gold segments in document order."""

    name: str
    text_path: Path
    segments: list[tuple[str, str]]
    meta: dict[str, Any] = field(default_factory=dict)

    def examples(self) -> list[Example]:
        found = contexts([text for text, _ in self.segments])
        return [
            Example(text, label, f"doc:{self.name}", str(self.text_path), context)
            for (text, label), context in zip(self.segments, found, strict=True)
        ]


def iter_data_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Labelled files named, and those inside folders (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                skip = NOT_DATA_DIRS.intersection(found.relative_to(path).parts[:-1])
                if found.is_file() and _kind(found) and not skip:
                    yield found
        elif _kind(path):
            yield path
        else:
            raise DataError("err.data_kind", file=str(path))


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(GOLD_SUFFIX):
        return "gold"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    return None


def load_examples(paths: Iterable[str | os.PathLike[str]]) -> list[Example]:
    """Every labelled segment of the files and folders given."""
    out: list[Example] = []
    for path in iter_data_files(paths):
        out.extend(read_examples(path))
    return out


def read_examples(path: Path) -> list[Example]:
    kind = _kind(path)
    if kind == "gold":
        return load_gold(path).examples()
    if kind == "csv":
        return _read_csv(path)
    return _read_jsonl(path)


def _check(file: str, line: int, text: Any, label: Any) -> tuple[str, str]:
    if not isinstance(text, str) or not text.strip():
        raise DataError("err.data_text", file=file, line=line)
    if label not in LABELS:
        raise DataError("err.data_label", file=file, line=line, label=label, labels=", ".join(LABELS))
    return text, label


def _read_jsonl(path: Path) -> list[Example]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError("err.data_json", file=str(path), line=number, reason=exc.msg) from None
        if not isinstance(row, dict):
            raise DataError("err.data_json", file=str(path), line=number, reason="not an object")
        text, label = _check(str(path), number, row.get("text"), row.get("label"))
        group = f"batch:{row['batch']}" if row.get("batch") else f"file:{path.stem}"
        out.append(Example(text, label, group, str(path), _context(text, row.get("context"))))
    return out


def _context(text: str, raw: Any) -> Context | None:
    """The optional ``context`` of a row written by ``bienban tag --review-out``."""
    if not isinstance(raw, dict):
        return None
    fields = {k: raw[k] for k in ("heading", "previous", "title") if isinstance(raw.get(k), str)}
    return Context(text, **fields)


def _read_csv(path: Path) -> list[Example]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
        raise DataError("err.data_csv", file=str(path))
    out = []
    for number, row in enumerate(reader, 2):
        text, label = _check(str(path), number, row.get("text"), (row.get("label") or "").strip())
        group = f"batch:{row['batch']}" if row.get("batch") else f"file:{path.stem}"
        out.append(Example(text, label, group, str(path)))
    return out


def load_gold(path: str | os.PathLike[str]) -> GoldDocument:
    """A ``NAME.gold.json`` and the ``NAME.txt`` beside it."""
    path = Path(path)
    name = path.name[: -len(GOLD_SUFFIX)]
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError("err.data_json", file=str(path), line=exc.lineno, reason=exc.msg) from None
    segments = []
    for number, seg in enumerate(raw.get("segments", []), 1):
        segments.append(_check(str(path), number, seg.get("text"), seg.get("label")))
    return GoldDocument(name, path.with_name(name + ".txt"), segments, raw.get("meta", {}))


def gold_documents(paths: Iterable[str | os.PathLike[str]]) -> list[GoldDocument]:
    return [load_gold(p) for p in iter_data_files(paths) if _kind(p) == "gold"]


def test_patterns(root: str | os.PathLike[str]) -> list[str]:
    """Glob patterns (relative to ``root``) of the fixed test split, from ``root/splits.json``."""
    split = Path(root) / SPLIT_FILE
    if not split.exists():
        return []
    return list(json.loads(split.read_text(encoding="utf-8")).get("test", []))


def split_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """Train and test files: a folder's ``splits.json`` puts files in the test split; named files are train."""
    train: list[Path] = []
    test: list[Path] = []
    for raw in paths:
        root = Path(raw)
        patterns = test_patterns(root) if root.is_dir() else []
        for path in iter_data_files([root]):
            rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
            (test if any(fnmatch.fnmatch(rel, p) for p in patterns) else train).append(path)
    return train, test
