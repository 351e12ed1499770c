"""Checks on the labelled corpus: every row valid, gold minutes reproduce their files, few near-duplicates."""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .data import GOLD_SUFFIX, test_patterns
from .normalise import nfc
from .types import CONTENT_LABELS, LABELS

SEGMENT_FIELDS = ("text", "label", "cell", "register", "source")
NEAR_DUPLICATE_JACCARD = 0.6
MAX_NEAR_DUPLICATE_RATE = 0.02


def shingles(text: str, n: int = 3) -> frozenset[str]:
    words = nfc(text).lower().split()
    return frozenset(" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 1)))


def near_duplicates(texts: Sequence[str], threshold: float = NEAR_DUPLICATE_JACCARD) -> list[tuple[int, int, float]]:
    """Pairs (i, j, Jaccard) with i < j whose word 3-shingles overlap at least ``threshold``.

    An inverted index over shingles keeps this near linear; shingles shared by very many texts
    (boilerplate) cannot make two long texts near-duplicates on their own and are skipped.
    """
    sets = [shingles(t) for t in texts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            index[g].append(i)
    pairs = []
    for i, s in enumerate(sets):
        counts = Counter(j for g in s if len(index[g]) <= 60 for j in index[g] if j > i)
        for j, shared in counts.items():
            jaccard = shared / len(s | sets[j])
            if jaccard >= threshold:
                pairs.append((i, j, jaccard))
    return pairs


def check_corpus(root: str | os.PathLike[str]) -> dict[str, Any]:
    """Errors (the corpus is unusable), warnings (worth a look) and the figures of the data card."""
    root = Path(root)
    errors: list[str] = []
    warnings: list[str] = []
    rows: list[dict[str, Any]] = []
    for path in sorted((root / "segments").rglob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.relative_to(root)}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: invalid JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                errors.append(f"{where}: not an object")
                continue
            missing = [k for k in SEGMENT_FIELDS if not str(row.get(k, "")).strip()]
            if missing:
                errors.append(f"{where}: missing {', '.join(missing)}")
            if row.get("label") not in LABELS:
                errors.append(f"{where}: unknown label {row.get('label')!r}")
            if "rule" in row and row["rule"] not in range(1, 11):
                errors.append(f"{where}: rule must be 1..10")
            rows.append({**row, "_where": where})
    documents = _check_minutes(root, errors)
    agreement = _check_second_pass(root, rows, errors)

    texts = [str(r.get("text", "")) for r in rows]
    exact = Counter(nfc(t).strip().lower() for t in texts)
    for text, count in exact.items():
        if count > 1:
            errors.append(f"exact duplicate ({count}x): {text[:60]!r}")
    pairs = near_duplicates(texts)
    duplicated = {j for _, j, _ in pairs}
    rate = len(duplicated) / max(len(rows), 1)
    for i, j, jaccard in pairs[:20]:
        warnings.append(f"near-duplicate ({jaccard:.2f}): {rows[i]['_where']} ~ {rows[j]['_where']}")
    if rate > MAX_NEAR_DUPLICATE_RATE:
        errors.append(f"near-duplicate rate {rate:.3f} above {MAX_NEAR_DUPLICATE_RATE}")

    labels = Counter(r.get("label") for r in rows)
    content = [labels.get(k, 0) for k in CONTENT_LABELS]
    if rows and min(content) < max(content) / 3:
        warnings.append(f"label imbalance: {dict(labels)}")
    words = sorted(len(t.split()) for t in texts) or [0]
    stats = {
        "segments": len(rows),
        "labels": {k: labels.get(k, 0) for k in LABELS},
        "cells": dict(Counter(r.get("cell") for r in rows).most_common()),
        "registers": dict(Counter(r.get("register") for r in rows).most_common()),
        "regions": dict(Counter(r.get("region") for r in rows).most_common()),
        "years": dict(sorted(Counter(r.get("year") for r in rows if r.get("year")).items())),
        "batches": dict(sorted(Counter(r.get("batch") for r in rows).items(), key=lambda kv: str(kv[0]))),
        "borderline": sum(1 for r in rows if "rule" in r),
        "borderline_by_rule": dict(sorted(Counter(r["rule"] for r in rows if "rule" in r).items())),
        "words": {"min": words[0], "median": words[len(words) // 2], "max": words[-1]},
        "near_duplicate_rate": rate,
        "documents": documents,
        "second_pass": agreement,
        "test_split": test_patterns(root),
    }
    return {"errors": errors, "warnings": warnings, "stats": stats}


def segment_id(text: str, doc: str | None = None) -> str:
    """The id of a segment in annotation files: SHA-1 of its NFC text (prefixed by its document)."""
    import hashlib

    key = nfc(text) if doc is None else f"{doc}\x00{nfc(text)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _check_second_pass(root: Path, rows: list[dict[str, Any]], errors: list[str]) -> dict[str, Any]:
    """Agreement of the blind second labelling pass with the first, and that settled labels are in the data."""
    path = root / "annotation" / "second_pass.jsonl"
    if not path.exists():
        return {}
    current = {segment_id(str(r.get("text", ""))): r.get("label") for r in rows}
    for gold_path in sorted((root / "minutes").rglob(f"*{GOLD_SUFFIX}")):
        doc = gold_path.name[: -len(GOLD_SUFFIX)]
        for seg in json.loads(gold_path.read_text(encoding="utf-8")).get("segments", []):
            current[segment_id(str(seg.get("text", "")), doc)] = seg.get("label")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    agree = sum(1 for r in records if r["first"] == r["second"])
    for r in records:
        if r["id"] in current and current[r["id"]] != r["final"]:
            errors.append(
                f"annotation/second_pass.jsonl: {r['id']} settled as {r['final']} but the data says {current[r['id']]}"
            )
    by_label: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        by_label[r["first"]][0] += r["first"] == r["second"]
        by_label[r["first"]][1] += 1
    return {
        "segments": len(records),
        "covered": sum(1 for r in records if r["id"] in current) / max(len(current), 1),
        "agreement": agree / max(len(records), 1),
        "agreement_by_label": {k: round(a / n, 3) for k, (a, n) in sorted(by_label.items())},
        "changed_by_adjudication": sum(1 for r in records if r["final"] != r["first"]),
    }


def _check_minutes(root: Path, errors: list[str]) -> dict[str, Any]:
    """Each gold file's segments, in order, must cover every non-empty line of its minutes exactly once."""
    from .data import load_gold
    from .errors import DataError
    from .shares import shares

    kinds: Counter[str] = Counter()
    cells: Counter[str] = Counter()
    professional = []
    for gold_path in sorted((root / "minutes").rglob(f"*{GOLD_SUFFIX}")):
        rel = gold_path.relative_to(root)
        try:
            doc = load_gold(gold_path)
        except (DataError, OSError) as exc:
            errors.append(f"{rel}: {exc}")
            continue
        if not doc.text_path.exists():
            errors.append(f"{rel}: no {doc.text_path.name} beside it")
            continue
        lines = [x.strip() for x in nfc(doc.text_path.read_text(encoding="utf-8")).splitlines() if x.strip()]
        gold_lines = [x.strip() for text, _ in doc.segments for x in nfc(text).splitlines() if x.strip()]
        if lines != gold_lines:
            at = next((i for i, (a, b) in enumerate(zip(lines, gold_lines, strict=False)) if a != b), None)
            at = min(len(lines), len(gold_lines)) if at is None else at
            errors.append(f"{rel}: segments do not reproduce {doc.text_path.name} (first difference at line {at + 1})")
        kinds[str(doc.meta.get("kind", "?"))] += 1
        cells[str(doc.meta.get("cell", "?"))] += 1
        got = shares([lab for _, lab in doc.segments], [len(nfc(t).split()) for t, _ in doc.segments])
        professional.append(got["professional_work"])
    return {
        "count": len(professional),
        "kinds": dict(kinds.most_common()),
        "cells": dict(cells.most_common()),
        "professional_above_0.5": sum(1 for p in professional if p > 0.5),
        "professional_0.4_to_0.6": sum(1 for p in professional if 0.4 <= p <= 0.6),
    }
