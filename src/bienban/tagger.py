"""One document through every stage: read, segment, tokenise and classify, shares, flags."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .detect import not_minutes_reason
from .errors import BienbanError
from .messages import both
from .meta import MetaTable, read_meta
from .model import LoadedModel, load_model
from .normalise import syllables
from .policy import Policy
from .read import ReadLimits, iter_inputs, read_path
from .segment import segment, sentences
from .shape import contexts
from .shares import corrected_shares, share_intervals, shares
from .types import CONTENT_LABELS, Context, DocumentResult, Flag, Segment

SPLIT_MIN_SYLLABLES = 30  # a paragraph shorter than this keeps one label
RUN_MIN_SYLLABLES = 12  # a change of subject shorter than this stays with its neighbour
RUN_MIN_CONFIDENCE = 0.75


def _runs(parts: list[str], proba: np.ndarray, labels: list[str]) -> list[str]:
    """Consecutive sentences of one label joined. An unsure sentence has no say: it stays with the sentences
    before it; a run too short to be a subject of its own joins the run before it (or after it, at the
    start). One run left means the paragraph keeps one label."""
    runs: list[tuple[str | None, list[str]]] = []
    for sentence, row in zip(parts, proba, strict=True):
        label = labels[int(row.argmax())] if row.max() >= RUN_MIN_CONFIDENCE else None
        if runs and (label is None or runs[-1][0] in (None, label)):
            runs[-1] = (runs[-1][0] or label, runs[-1][1] + [sentence])
        else:
            runs.append((label, [sentence]))
    kept: list[tuple[str | None, list[str]]] = []
    for label, group in runs:
        short = sum(syllables(s) for s in group) < RUN_MIN_SYLLABLES
        if kept and (short or kept[-1][0] == label):
            kept[-1] = (kept[-1][0], kept[-1][1] + group)
        elif kept and sum(syllables(s) for s in kept[-1][1]) < RUN_MIN_SYLLABLES:
            kept[-1] = (label, kept[-1][1] + group)  # a short first run joins the one after it
        else:
            kept.append((label, group))
    return [" ".join(group) for _, group in kept]


class Tagger:
    """Holds the loaded model and the policy; nothing else in bienban is global.

    ``review_below``: a segment whose confidence is lower is marked ``needs_review`` with its two
    most likely labels. ``explain``: attach the terms that pushed each segment to its label.
    """

    def __init__(
        self,
        model: str | os.PathLike[str] | LoadedModel | None = None,
        policy: Policy | None = None,
        review_below: float = 0.5,
        explain: bool = False,
        meta: MetaTable | None = None,
        limits: ReadLimits | None = None,
    ) -> None:
        self.model = model if isinstance(model, LoadedModel) else load_model(model)
        self.policy = policy or Policy()
        self.meta = meta or MetaTable()  # metadata the user gives per file, over what the headers say
        self.limits = limits or ReadLimits()
        self.review_below = review_below
        self.explain = explain

    def tag_text(self, text: str, name: str = "<text>") -> DocumentResult:
        labels = self.model.labels
        pieces, proba, explanations = self._classify(segment(text))
        segments: list[Segment] = []
        for i, (piece, row) in enumerate(zip(pieces, proba, strict=True)):
            order = np.argsort(-row)
            label, confidence = labels[order[0]], float(row[order[0]])
            review = confidence < self.review_below
            segments.append(
                Segment(
                    index=i,
                    text=piece,
                    label=label,
                    confidence=confidence,
                    syllables=syllables(piece),
                    needs_review=review,
                    alternatives=tuple((labels[k], float(row[k])) for k in order[:2]) if review else (),
                    explanation=explanations[i],
                )
            )
        counts = [s.syllables for s in segments]
        meta = read_meta(text, self.meta.get(name))
        reason = not_minutes_reason(text)
        if reason:  # the classifier always answers; what it says about other texts is not a share
            vi, en = both(f"flag.not_minutes.{reason}")
            empty = dict.fromkeys(CONTENT_LABELS, 0.0)
            flag = Flag("not_minutes", "error", vi, en)
            nothing = {k: (0.0, 0.0) for k in CONTENT_LABELS}
            return DocumentResult(
                name, tuple(segments), empty, (flag,), self.model.name, meta=meta, intervals=nothing, corrected=empty
            )
        found = shares([s.label for s in segments], counts)
        content = any(found.values())  # without content the shares are all zero, and so are their intervals
        intervals = share_intervals(proba, counts, labels) if content else {k: (0.0, 0.0) for k in CONTENT_LABELS}
        flags = self.policy.flags(segments, found, kind=meta["kind"], intervals=intervals)
        return DocumentResult(
            name,
            tuple(segments),
            found,
            tuple(flags),
            self.model.name,
            meta=meta,
            intervals=intervals,
            corrected=corrected_shares(proba, counts, labels, self.model.confusion) if content else found,
        )

    def _classify(self, pieces: list[str]) -> tuple[list[str], np.ndarray, list[tuple[str, ...]]]:
        """The segments, split where a long paragraph changes subject (LABELS.md rule 7), with their
        probabilities and explanations.

        One call to the model classifies every segment and every sentence of the long ones; runs of one
        label that are long and confident enough become segments of their own, shorter runs join their
        neighbour. Only segments whose context the splitting changed go through the model again.
        """
        if not pieces:
            return [], np.zeros((0, len(self.model.labels))), []
        found = contexts(pieces)
        parts = {i: sentences(pieces[i]) for i, p in enumerate(pieces) if syllables(p) >= SPLIT_MIN_SYLLABLES}
        parts = {i: split for i, split in parts.items() if len(split) > 1}
        queries = [
            found[i]._replace(text=sentence, previous=parts[i][k - 1] if k else found[i].previous)
            for i in parts
            for k, sentence in enumerate(parts[i])
        ]
        known = self._predict([*found, *queries])
        out: list[str] = []
        asked = iter(queries)
        for i, piece in enumerate(pieces):
            if i not in parts:
                out.append(piece)
                continue
            sentence_proba = np.array([known[next(asked)][0] for _ in parts[i]])
            runs = _runs(parts[i], sentence_proba, self.model.labels)
            out.extend(runs if len(runs) > 1 else [piece])
        if len(out) != len(pieces):
            found = contexts(out)
            known.update(self._predict([c for c in found if c not in known]))
        labels = self.model.labels
        explanations = [  # only for the segments kept, not for every sentence asked about
            self.model.explain(known[c][1], known[c][2], labels[int(known[c][0].argmax())]) if self.explain else ()
            for c in found
        ]
        return out, np.array([known[c][0] for c in found]), explanations

    def _predict(self, items: list[Context]) -> dict[Context, tuple[np.ndarray, Any, int]]:
        """Each context's probabilities, with the feature rows of its call and its row there (for ``explain``)."""
        if not items:
            return {}
        proba, features = self.model.predict_proba(items)
        return {item: (row, features, i) for i, (item, row) in enumerate(zip(items, proba, strict=True))}

    def tag_file(self, path: str | os.PathLike[str]) -> DocumentResult:
        """Raises InputError when the file cannot be read."""
        return self.tag_text(read_path(path, self.limits), name=str(path))

    def tag_files(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[DocumentResult]:
        """Results in input order, folders expanded; a file that fails gives a result with ``.error``."""
        for path in iter_inputs(paths):
            yield self.safe_tag_file(path)

    def safe_tag_file(self, path: Path) -> DocumentResult:
        try:
            return self.tag_file(path)
        except BienbanError as exc:
            return DocumentResult.failed(str(path), exc)
        except (OSError, UnicodeError, ValueError, MemoryError, RecursionError) as exc:
            reason = f"{type(exc).__name__}: {exc}"[:200]
            return DocumentResult(
                str(path),
                error=f"{path}: lỗi khi xử lý ({reason})",
                error_en=f"{path}: failed ({reason})",
                error_code="internal",
            )
