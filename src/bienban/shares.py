"""Labels to shares of the meeting, counted in syllables as LABELS.md defines them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

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


def share_intervals(
    proba: np.ndarray,
    syllables: Sequence[int],
    labels: Sequence[str],
    level: float = 0.9,
    draws: int = 400,
    seed: int = 0,
) -> dict[str, tuple[float, float]]:
    """A ``level`` interval for each share: a parametric bootstrap over the segments, each draw giving every
    segment a label drawn from the model's probabilities for it, then recounting the shares.

    The segments are not resampled: the question is what share this meeting gave, not what a meeting
    like it would. On the test minutes resampling gave intervals four times as wide that always covered.
    Seeded, so the same document always gets the same interval.
    """
    n = len(syllables)
    if n == 0:
        return {}
    rng = np.random.default_rng(seed)
    weights = np.asarray(syllables, dtype=float)
    content = np.array([lab in CONTENT_LABELS for lab in labels])
    cumulative = np.cumsum(np.asarray(proba, dtype=float), axis=1)
    drawn = (rng.random((draws, n))[..., None] > cumulative[None]).sum(axis=2).clip(max=len(labels) - 1)
    totals = np.stack([((drawn == k) * weights).sum(axis=1) for k in range(len(labels))], axis=1)
    whole = totals[:, content].sum(axis=1, keepdims=True)
    fractions = np.divide(totals, whole, out=np.zeros_like(totals), where=whole > 0)
    tail = (1 - level) / 2 * 100
    out = {}
    for k, label in enumerate(labels):
        if label in CONTENT_LABELS:
            lo, hi = np.percentile(fractions[:, k], [tail, 100 - tail])
            out[label] = (float(lo), float(hi))
    return out


def corrected_shares(
    proba: np.ndarray, syllables: Sequence[int], labels: Sequence[str], confusion: dict[str, Any]
) -> dict[str, float]:
    """Shares adjusted for the model's measured confusion (probabilistic adjusted classify-and-count).

    With C[i, j] the chance that a segment of true label i is predicted j (from cross-validation), the
    predicted mass q satisfies q = Cᵀp for the true mass p: solve it without negative shares, then
    count the content labels only, as LABELS.md does. Empty when the confusion does not cover the labels.
    """
    order = list(confusion.get("labels", []))
    if sorted(order) != sorted(labels) or not len(syllables):
        return {}
    matrix = np.asarray(confusion["matrix"], dtype=float)
    rows = matrix.sum(axis=1, keepdims=True)
    rates = np.divide(matrix, rows, out=np.eye(len(order)), where=rows > 0)
    index = [list(labels).index(lab) for lab in order]
    weights = np.asarray(syllables, dtype=float)
    q = (np.asarray(proba, dtype=float)[:, index] * weights[:, None]).sum(axis=0) / weights.sum()
    p = _nonnegative_least_squares(rates.T, q)
    mass = {lab: float(p[i]) for i, lab in enumerate(order) if lab in CONTENT_LABELS}
    whole = sum(mass.values())
    if whole <= 0:
        return dict.fromkeys(CONTENT_LABELS, 0.0)
    return {lab: mass.get(lab, 0.0) / whole for lab in CONTENT_LABELS}


def _nonnegative_least_squares(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """argmin ||a x - b|| over x >= 0, exactly, by trying every set of non-zero labels (six labels: 63 tiny
    least-squares problems, well under a millisecond; scipy.optimize.nnls would cost a fifth of a cold start)."""
    from itertools import combinations

    x, *_ = np.linalg.lstsq(a, b, rcond=None)
    if (x >= 0).all():  # the usual case: the confusion is mild and no share is pushed below zero
        return x
    n = a.shape[1]
    best, best_error = np.zeros(n), float(np.linalg.norm(b))
    for size in range(1, n + 1):
        for chosen in combinations(range(n), size):
            columns = list(chosen)
            x, *_ = np.linalg.lstsq(a[:, columns], b, rcond=None)
            if (x < -1e-12).any():
                continue
            error = float(np.linalg.norm(a[:, columns] @ x - b))
            if error < best_error - 1e-12:
                best, best_error = np.zeros(n), error
                best[columns] = np.clip(x, 0, None)
    return best
