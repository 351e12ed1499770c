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
