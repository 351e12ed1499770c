"""Labels to shares of the meeting, counted in syllables as LABELS.md defines them."""

from __future__ import annotations

from collections.abc import Sequence

from .types import CONTENT_LABELS


def shares(labels: Sequence[str], syllables: Sequence[int]) -> dict[str, float]:
    """Share of each content label among non-procedural syllables; all 0 when there are none."""
    totals = dict.fromkeys(CONTENT_LABELS, 0)
    for label, count in zip(labels, syllables, strict=True):
        if label in totals:
            totals[label] += count
    whole = sum(totals.values())
    if whole == 0:
        return dict.fromkeys(CONTENT_LABELS, 0.0)
    return {label: count / whole for label, count in totals.items()}
