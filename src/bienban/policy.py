"""Shares to flags: the thresholds party guidance sets for one meeting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .messages import both
from .types import CONTENT_LABELS, Flag, Segment


@dataclass(frozen=True)
class Policy:
    """Thresholds for one meeting; ``professional_max`` is the share above which a meeting is a work meeting."""

    professional_max: float = 0.5

    def flags(self, segments: Sequence[Segment], shares: dict[str, float]) -> list[Flag]:
        found: list[Flag] = []
        if not any(s.label in CONTENT_LABELS for s in segments):
            vi, en = both("flag.no_content")
            found.append(Flag("no_content", "warning", vi, en))
            return found
        value = shares["professional_work"]
        if value > self.professional_max:
            vi, en = both("flag.professional_dominant", value=value, threshold=self.professional_max)
            evidence = tuple(s.index for s in segments if s.label == "professional_work")
            found.append(Flag("professional_dominant", "warning", vi, en, value, self.professional_max, evidence))
        return found
