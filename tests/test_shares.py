import pytest

from bienban.shares import shares
from bienban.types import CONTENT_LABELS


def test_shares_count_syllables_and_exclude_procedural():
    got = shares(["procedural", "ideology", "professional_work", "professional_work"], [50, 10, 20, 10])
    assert got["ideology"] == pytest.approx(0.25)
    assert got["professional_work"] == pytest.approx(0.75)
    assert got["inspection"] == 0.0
    assert sum(got.values()) == pytest.approx(1.0)


def test_no_content_gives_all_zero():
    got = shares(["procedural"], [12])
    assert set(got) == set(CONTENT_LABELS)
    assert all(v == 0.0 for v in got.values())


def test_lengths_must_match():
    with pytest.raises(ValueError):
        shares(["ideology"], [1, 2])


LABELS6 = [*CONTENT_LABELS, "procedural"]


def _proba(*rows):
    import numpy as np

    out = np.zeros((len(rows), len(LABELS6)))
    for i, row in enumerate(rows):
        for label, p in row.items():
            out[i, LABELS6.index(label)] = p
    return out


def test_sure_labels_give_a_point_interval():
    from bienban.shares import share_intervals

    proba = _proba({"ideology": 1.0}, {"professional_work": 1.0}, {"procedural": 1.0})
    got = share_intervals(proba, [30, 10, 50], LABELS6)
    assert got["ideology"] == pytest.approx((0.75, 0.75))
    assert got["professional_work"] == pytest.approx((0.25, 0.25))
    assert set(got) == set(CONTENT_LABELS)


def test_unsure_segments_widen_the_interval_around_the_share():
    from bienban.shares import share_intervals

    proba = _proba(*[{"ideology": 0.7, "professional_work": 0.3}] * 20)
    lo, hi = share_intervals(proba, [10] * 20, LABELS6, seed=1)["ideology"]
    assert 0.4 < lo < 0.7 < hi < 0.95
    assert share_intervals(proba, [10] * 20, LABELS6, seed=1)["ideology"] == (lo, hi)  # seeded
    assert share_intervals(proba[:0], [], LABELS6) == {}


def test_correction_undoes_a_known_confusion():
    from bienban.shares import corrected_shares

    # the model calls 20% of ideology professional_work; a meeting that is 50/50 looks 40/60
    matrix = [[100 if a == b else 0 for b in LABELS6] for a in LABELS6]
    i, p = LABELS6.index("ideology"), LABELS6.index("professional_work")
    matrix[i][i], matrix[i][p] = 80, 20
    confusion = {"labels": LABELS6, "matrix": matrix}
    proba = _proba({"ideology": 1.0}, {"professional_work": 1.0})
    got = corrected_shares(proba, [40, 60], LABELS6, confusion)
    assert got["ideology"] == pytest.approx(0.5) and got["professional_work"] == pytest.approx(0.5)
    assert corrected_shares(proba, [40, 60], LABELS6, {}) == {}  # a model without a measured confusion
