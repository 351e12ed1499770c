import pytest

from bienban import DocumentResult, InputError
from bienban.types import CONTENT_LABELS


def test_tag_text_labels_every_segment(tagger, minutes_text):
    doc = tagger.tag_text(minutes_text, name="t9.txt")
    assert isinstance(doc, DocumentResult) and doc.ok and doc.file == "t9.txt"
    assert [s.index for s in doc.segments] == list(range(len(doc.segments)))
    assert all(s.label in tagger.model.labels and 0 <= s.confidence <= 1 for s in doc.segments)
    assert sum(s.syllables for s in doc.segments) == len(minutes_text.split())
    assert set(doc.shares) == set(CONTENT_LABELS)
    assert sum(doc.shares.values()) == pytest.approx(1.0)


def test_obvious_segments_get_their_labels(tagger):
    doc = tagger.tag_text(
        "Tổng số đảng viên 15 đồng chí, có mặt 14 đồng chí, vắng 1 đồng chí có lý do.\n"
        "Chi bộ thu đảng phí quý III đủ của 15/15 đồng chí và nộp lên Đảng ủy đúng hạn.\n"
    )
    assert [s.label for s in doc.segments] == ["procedural", "party_building"]


def test_low_confidence_segments_carry_two_alternatives(tiny_model):
    from bienban import Tagger

    doc = Tagger(tiny_model, review_below=1.01).tag_text("Chi bộ họp bàn.")
    seg = doc.segments[0]
    assert seg.needs_review and len(seg.alternatives) == 2
    assert seg.alternatives[0][0] == seg.label


def test_explain_gives_terms_from_the_segment(tiny_model):
    from bienban import Tagger

    text = "Chi bộ thu đảng phí quý III đủ của 15/15 đồng chí."
    seg = Tagger(tiny_model, explain=True).tag_text(text).segments[0]
    assert seg.explanation
    assert all(term in text.lower() for term in seg.explanation)


def test_tag_file_raises_named_error(tagger, tmp_path):
    with pytest.raises(InputError):
        tagger.tag_file(tmp_path / "missing.txt")


def test_tag_files_streams_in_order_and_turns_failures_into_results(tagger, tmp_path, minutes_text):
    good = tmp_path / "a.txt"
    good.write_text(minutes_text, encoding="utf-8")
    bad = tmp_path / "b.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    results = list(tagger.tag_files([good, bad, good]))
    assert [r.file for r in results] == [str(good), str(bad), str(good)]
    assert [r.ok for r in results] == [True, False, True]
    assert "save it as .docx" in results[1].error_en and results[1].error_code == "doc"
    assert results[1].to_dict() == {
        "file": str(bad),
        "error": results[1].error,
        "error_en": results[1].error_en,
        "error_code": "doc",
    }


def test_text_without_segments_has_zero_shares_and_a_flag(tagger):
    empty = tagger.tag_text(" \n ")
    assert empty.segments == () and all(v == 0 for v in empty.shares.values())
    assert [f.code for f in empty.flags] == ["no_content"]


def test_a_long_paragraph_splits_where_its_subject_changes():
    import numpy as np

    from bienban.tagger import _runs

    labels = ["ideology", "professional_work"]
    parts = [
        "Chi bộ quán triệt Nghị quyết Trung ương 4 khóa XII về ngăn chặn suy thoái tư tưởng chính trị trong đảng viên.",
        "Đảng viên liên hệ bản thân nghiêm túc.",
        "Về sản xuất, vụ hè thu gieo cấy 320 ha lúa, năng suất ước đạt 58 tạ mỗi héc ta, cao hơn cùng kỳ.",
        "Ổn.",  # short and unsure: joins the run before it
    ]
    proba = np.array([[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.4, 0.6]])
    assert _runs(parts, proba, labels) == [" ".join(parts[:2]), " ".join(parts[2:])]
    unsure = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]])
    assert _runs(parts, unsure, labels) == [" ".join(parts)]  # one run left: the paragraph stays whole


def test_split_segments_keep_every_syllable(tagger):
    text = (
        "Chi bộ học tập, quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng, ngăn chặn suy thoái "
        "tư tưởng chính trị, đạo đức, lối sống. Đảng viên liên hệ bản thân, viết bản cam kết tu dưỡng rèn luyện. "
        "Về sản xuất, vụ hè thu gieo cấy 320 ha lúa, năng suất ước đạt 58 tạ mỗi héc ta, "
        "thu ngân sách đạt 85% kế hoạch.\n"
    )
    doc = tagger.tag_text(text)
    assert " ".join(s.text for s in doc.segments).split() == text.split()
    assert sum(s.syllables for s in doc.segments) == len(text.split())


@pytest.fixture(scope="module")
def shipped():
    from bienban import Tagger

    return Tagger()


def test_shipped_model_gives_intervals_around_shares_and_corrected_shares(shipped):
    from tests.conftest import ROOT

    doc = shipped.tag_file(ROOT / "data" / "samples" / "xa-quang-hop-2019-08.txt")
    assert set(doc.intervals) == set(CONTENT_LABELS) == set(doc.corrected)
    for label, (lo, hi) in doc.intervals.items():
        assert 0 <= lo <= hi <= 1
        assert lo - 0.05 <= doc.shares[label] <= hi + 0.05
    assert sum(doc.corrected.values()) == pytest.approx(1.0)
    assert doc.to_dict()["intervals"]["professional_work"] == [round(v, 4) for v in doc.intervals["professional_work"]]


def test_a_bullet_without_a_subject_of_its_own_is_read_under_its_heading(shipped):
    text = "BIÊN BẢN SINH HOẠT CHI BỘ\n{heading}\n- Chưa có.\n"
    headings = {
        "4. Công tác kiểm tra, giám sát:": "inspection",
        "3. Công tác phát triển đảng viên:": "member_development",
        "2. Tư tưởng:": "ideology",
    }
    got = {heading: shipped.tag_text(text.format(heading=heading)).segments[2].label for heading in headings}
    assert got == headings


def test_a_meeting_with_no_content_has_zero_corrected_shares(shipped):
    doc = shipped.tag_text("Chi bộ họp.\n")
    assert [f.code for f in doc.flags] == ["no_content"] and not any(doc.shares.values())
    assert doc.corrected == doc.shares  # all zero, as LABELS.md counts a meeting without content
    assert set(doc.intervals.values()) == {(0.0, 0.0)}
