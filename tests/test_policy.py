import pytest

from bienban.errors import PolicyError
from bienban.policy import Meeting, Policy, default_policy_text, load_policy, parse_policy
from bienban.types import Segment

BALANCED = {"party_building": 0.2, "ideology": 0.2, "inspection": 0.05, "member_development": 0.05}


def seg(i, label, n):
    return Segment(i, "x " * n, label, 0.9, n)


def shares(**values):
    return {**BALANCED, **values}


def test_professional_dominant_names_the_share_and_the_segments():
    segments = [seg(0, "procedural", 5), seg(1, "professional_work", 60), seg(2, "ideology", 40)]
    flags = Policy().flags(segments, shares(professional_work=0.6))
    assert [f.code for f in flags] == ["professional_dominant"]
    assert flags[0].evidence == (1,)
    assert "60%" in flags[0].message and "50%" in flags[0].message
    assert "60%" in flags[0].message_en
    assert flags[0].severity == "warning" and flags[0].value == 0.6 and flags[0].threshold == 0.5


def test_exactly_half_is_not_flagged():
    segments = [seg(0, "professional_work", 10), seg(1, "ideology", 10)]
    assert Policy().flags(segments, shares(professional_work=0.5)) == []


def test_threshold_is_a_setting():
    segments = [seg(0, "professional_work", 40), seg(1, "ideology", 60)]
    assert [f.code for f in Policy(professional_max=0.3).flags(segments, shares(professional_work=0.4))] == [
        "professional_dominant"
    ]


def test_meeting_without_content_is_flagged():
    assert [f.code for f in Policy().flags([seg(0, "procedural", 9)], {"professional_work": 0.0})] == ["no_content"]


def test_low_shares_of_a_regular_meeting_name_the_label_and_numbers():
    segments = [seg(0, "professional_work", 90), seg(1, "ideology", 4), seg(2, "ideology", 2), seg(3, "procedural", 9)]
    values = {"professional_work": 0.94, "ideology": 0.06, "party_building": 0.0}
    flags = Policy().flags(segments, values, kind="thuong_ky")
    assert [f.code for f in flags] == ["professional_dominant", "ideology_low", "party_building_low"]
    ideology = flags[1]
    assert ideology.evidence == (1, 2) and ideology.value == 0.06 and ideology.threshold == 0.1
    assert ideology.severity == "info"
    assert ideology.message == "nội dung chính trị, tư tưởng chỉ chiếm 6%, dưới mức tối thiểu 10%"
    assert ideology.message_en == "ideology takes only 6% of the meeting, below the 10% minimum"
    assert flags[2].evidence == () and "xây dựng Đảng" in flags[2].message


def test_minimum_shares_apply_only_to_the_kinds_the_policy_names():
    segments = [seg(0, "member_development", 90), seg(1, "professional_work", 10)]
    values = {"member_development": 0.9, "professional_work": 0.1}
    assert Policy().flags(segments, values, kind="ket_nap") == []
    assert Policy().flags(segments, values, kind="chuyen_de") == []
    unknown = [f.code for f in Policy().flags(segments, values, kind="")]
    assert unknown == ["ideology_low", "party_building_low"]
    assert Policy(min_share_kinds=("thuong_ky",)).flags(segments, values) == []


def test_a_minimum_of_zero_turns_the_check_off():
    segments = [seg(0, "professional_work", 10), seg(1, "ideology", 10)]
    policy = Policy(min_share={"ideology": 0.0, "party_building": 0.0})
    assert policy.flags(segments, {"professional_work": 0.5, "ideology": 0.5}, kind="thuong_ky") == []


def meeting(file, kind="thuong_ky", **values):
    return Meeting(file, values, kind)


def test_quarter_without_inspection_names_the_quarter_and_the_meetings():
    meetings = [meeting("a.txt", member_development=0.05), meeting("b.txt", kind="chuyen_de", inspection=0.01)]
    flags = Policy().quarter_flags("2024-Q1", meetings)
    assert [f["code"] for f in flags] == ["no_inspection"]
    flag = flags[0]
    assert flag["evidence"] == ["a.txt", "b.txt"] and flag["quarter"] == "2024-Q1" and flag["scope"] == "quarter"
    assert flag["value"] == 0.01 and flag["threshold"] == 0.02 and flag["severity"] == "warning"
    assert flag["message"] == "không cuộc họp nào trong 2024-Q1 bàn về kiểm tra, giám sát (số cuộc họp đã đọc: 2)"
    assert flag["message_en"] == "no meeting in 2024-Q1 discussed inspection (meetings read: 2)"


def test_quarter_without_a_thematic_meeting():
    meetings = [meeting("a.txt", inspection=0.1, member_development=0.1)] * 3
    flags = Policy().quarter_flags("2024-Q2", meetings)
    assert [f["code"] for f in flags] == ["no_thematic_meeting"]
    assert flags[0]["value"] == 0 and flags[0]["threshold"] == 1
    assert flags[0]["message"] == "2024-Q2 có 0 cuộc họp chuyên đề, cần ít nhất 1 (số cuộc họp đã đọc: 3)"
    assert flags[0]["message_en"] == "2024-Q2 had 0 thematic meetings, at least 1 required (meetings read: 3)"
    assert Policy(thematic_per_quarter=0).quarter_flags("2024-Q2", meetings) == []
    assert Policy().quarter_flags("2024-Q2", []) == []


def test_the_shipped_file_holds_the_defaults():
    shipped = load_policy()
    assert shipped == Policy()
    assert shipped.source == "policy.toml"
    assert "professional_max = 0.5" in default_policy_text()


def test_a_policy_file_changes_only_what_it_names(tmp_path):
    path = tmp_path / "district.toml"
    path.write_text(
        '[meeting]\nprofessional_max = 0.4\nmin_share = { inspection = 0.05 }\n\n[severity]\nshare_low = "warning"\n',
        encoding="utf-8",
    )
    policy = load_policy(path)
    assert policy.professional_max == 0.4
    assert policy.min_share == {"inspection": 0.05}
    assert policy.severity["share_low"] == "warning" and policy.severity["professional_dominant"] == "warning"
    assert policy.each_quarter == Policy().each_quarter and policy.source == str(path)
    assert policy.flags([seg(0, "ideology", 10)], {"ideology": 1.0}, kind="thuong_ky")[0].severity == "warning"


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("[meeting]\nprofessional_max = 1.5\n", "policy_range", ["meeting.professional_max", "1.5"]),
        ("[meeting]\nprofessional_max = -0.1\n", "policy_range", ["meeting.professional_max"]),
        ("[meeting]\nprofesional_max = 0.5\n", "policy_key", ["meeting.profesional_max", "professional_max"]),
        ("[meetings]\nprofessional_max = 0.5\n", "policy_key", ["meetings"]),
        ("[meeting]\nprofessional_max = '50%'\n", "policy_type", ["meeting.professional_max", "50%"]),
        ("[meeting]\nprofessional_max = true\n", "policy_type", ["meeting.professional_max"]),
        ("[meeting]\nmin_share = { ideolgy = 0.1 }\n", "policy_key", ["meeting.min_share.ideolgy", "ideology"]),
        ("[meeting]\nmin_share = 0.1\n", "policy_type", ["meeting.min_share"]),
        ("[meeting]\nmin_share_kinds = ['thuongky']\n", "policy_value", ["meeting.min_share_kinds", "thuongky"]),
        ("[period]\neach_quarter = 'inspection'\n", "policy_type", ["period.each_quarter"]),
        ("[period]\nthematic_per_quarter = 1.5\n", "policy_type", ["period.thematic_per_quarter"]),
        ("[period]\nthematic_per_quarter = -1\n", "policy_negative", ["period.thematic_per_quarter"]),
        ("[severity]\nshare_low = 'loud'\n", "policy_value", ["severity.share_low", "loud", "warning"]),
        ("meeting = 1\n", "policy_type", ["meeting"]),
        ("[meeting\nprofessional_max = 0.5\n", "policy_toml", ["line 1"]),
    ],
)
def test_an_invalid_policy_names_the_file_the_key_and_the_problem(text, code, words):
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "district.toml")
    error = caught.value
    assert error.code == code
    for word in ["district.toml", *words]:
        assert word in error.en and word in error.vi


def test_a_missing_policy_file_says_how_to_fix_it(tmp_path):
    with pytest.raises(PolicyError) as caught:
        load_policy(tmp_path / "none.toml")
    assert caught.value.code == "policy_missing" and "none.toml" in caught.value.en
    assert "--policy" in caught.value.en and "--policy" in caught.value.vi


def test_threshold_flags_carry_the_interval_and_say_when_it_crosses_the_limit():
    from bienban.policy import Policy
    from bienban.types import Segment

    segments = [Segment(0, "a", "professional_work", 0.9, 60), Segment(1, "b", "ideology", 0.9, 40)]
    shares = {
        "party_building": 0.0,
        "ideology": 0.4,
        "inspection": 0.0,
        "member_development": 0.0,
        "professional_work": 0.6,
    }
    (sure,) = [
        f
        for f in Policy().flags(segments, shares, intervals={"professional_work": (0.55, 0.66)})
        if f.code == "professional_dominant"
    ]
    assert sure.certain and sure.interval == (0.55, 0.66) and "55%–66%" in sure.message_en
    assert sure.to_dict()["interval"] == [0.55, 0.66] and sure.to_dict()["certain"] is True
    (unsure,) = [
        f
        for f in Policy().flags(segments, shares, intervals={"professional_work": (0.45, 0.7)})
        if f.code == "professional_dominant"
    ]
    assert not unsure.certain and "read the minutes to be sure" in unsure.message_en
    assert "cần đọc lại" in unsure.message
    (plain,) = [f for f in Policy().flags(segments, shares) if f.code == "professional_dominant"]
    assert plain.interval is None and "certain" not in plain.to_dict()


def test_a_flag_is_certain_only_when_its_whole_interval_is_past_the_threshold():
    from bienban.types import Flag

    def flag(value, interval):
        return Flag("x", "warning", "v", "e", value=value, threshold=0.5, interval=interval)

    assert flag(0.6, (0.55, 0.7)).certain
    assert not flag(0.6, (0.45, 0.7)).certain  # reaches across
    assert not flag(0.6, (0.25, 0.38)).certain  # wholly on the other side: the share itself is in doubt
    assert flag(0.08, (0.05, 0.09)).certain and not flag(0.08, (0.05, 0.6)).certain  # a minimum: below is flagged
