from bienban.policy import Policy
from bienban.types import Segment


def seg(i, label, n):
    return Segment(i, "x " * n, label, 0.9, n)


def test_professional_dominant_names_the_share_and_the_segments():
    segments = [seg(0, "procedural", 5), seg(1, "professional_work", 60), seg(2, "ideology", 40)]
    flags = Policy().flags(segments, {"professional_work": 0.6, "ideology": 0.4})
    assert [f.code for f in flags] == ["professional_dominant"]
    assert flags[0].evidence == (1,)
    assert "60%" in flags[0].message and "50%" in flags[0].message
    assert "60%" in flags[0].message_en


def test_exactly_half_is_not_flagged():
    segments = [seg(0, "professional_work", 10), seg(1, "ideology", 10)]
    assert Policy().flags(segments, {"professional_work": 0.5}) == []


def test_threshold_is_a_setting():
    segments = [seg(0, "professional_work", 40), seg(1, "ideology", 60)]
    assert [f.code for f in Policy(professional_max=0.3).flags(segments, {"professional_work": 0.4})] == [
        "professional_dominant"
    ]


def test_meeting_without_content_is_flagged():
    assert [f.code for f in Policy().flags([seg(0, "procedural", 9)], {"professional_work": 0.0})] == ["no_content"]
