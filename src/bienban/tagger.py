"""One document through every stage: read, segment, tokenise and classify, shares, flags."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from .errors import BienbanError
from .model import LoadedModel, load_model
from .normalise import syllables
from .policy import Policy
from .read import iter_inputs, read_path
from .segment import segment
from .shares import shares
from .types import DocumentResult, Segment


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
    ) -> None:
        self.model = model if isinstance(model, LoadedModel) else load_model(model)
        self.policy = policy or Policy()
        self.review_below = review_below
        self.explain = explain

    def tag_text(self, text: str, name: str = "<text>") -> DocumentResult:
        pieces = segment(text)
        labels = self.model.labels
        segments: list[Segment] = []
        if pieces:
            proba, features = self.model.predict_proba(pieces)
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
                        explanation=self.model.explain(features, i, label) if self.explain else (),
                    )
                )
        found = shares([s.label for s in segments], [s.syllables for s in segments])
        flags = self.policy.flags(segments, found)
        return DocumentResult(name, tuple(segments), found, tuple(flags), self.model.name)

    def tag_file(self, path: str | os.PathLike[str]) -> DocumentResult:
        """Raises InputError when the file cannot be read."""
        return self.tag_text(read_path(path), name=str(path))

    def tag_files(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[DocumentResult]:
        """Results in input order, folders expanded; a file that fails gives a result with ``.error``."""
        for path in iter_inputs(paths):
            yield self.safe_tag_file(path)

    def safe_tag_file(self, path: Path) -> DocumentResult:
        try:
            return self.tag_file(path)
        except BienbanError as exc:
            return DocumentResult(str(path), error=exc.vi, error_en=exc.en, error_code=exc.code)
        except (OSError, UnicodeError, ValueError, MemoryError, RecursionError) as exc:
            reason = f"{type(exc).__name__}: {exc}"[:200]
            return DocumentResult(
                str(path),
                error=f"{path}: lỗi khi xử lý ({reason})",
                error_en=f"{path}: failed ({reason})",
                error_code="internal",
            )
