from hypothesis import given, settings
from hypothesis import strategies as st

from bienban.segment import segment


def test_headings_bullets_and_paragraphs_start_segments():
    text = (
        "I. ĐÁNH GIÁ TÌNH HÌNH THÁNG 3\n"
        "1. Tư tưởng: đảng viên yên tâm công tác.\n"
        "- Đ/c Lan: đề nghị tăng cường kiểm tra.\n"
        "- Đ/c Hùng: nhất trí.\n"
        "a) Thu đảng phí đủ 12/12 đồng chí.\n"
    )
    assert segment(text) == [
        "I. ĐÁNH GIÁ TÌNH HÌNH THÁNG 3",
        "1. Tư tưởng: đảng viên yên tâm công tác.",
        "- Đ/c Lan: đề nghị tăng cường kiểm tra.",
        "- Đ/c Hùng: nhất trí.",
        "a) Thu đảng phí đủ 12/12 đồng chí.",
    ]


def test_hard_wrapped_lines_join_into_one_segment():
    text = "Chi bộ đã tổ chức học tập chuyên đề năm 2023 về\nxây dựng Đảng trong sạch, vững mạnh.\nBế mạc lúc 16 giờ."
    assert segment(text) == [
        "Chi bộ đã tổ chức học tập chuyên đề năm 2023 về\nxây dựng Đảng trong sạch, vững mạnh.",
        "Bế mạc lúc 16 giờ.",
    ]


def test_every_non_empty_line_is_kept_exactly_once(minutes_text):
    lines = [line.strip() for line in minutes_text.splitlines() if line.strip()]
    joined = [line for s in segment(minutes_text) for line in s.split("\n")]
    assert joined == lines


def test_blank_line_ends_a_paragraph():
    assert segment("chi bộ họp\n\nvà thống nhất") == ["chi bộ họp", "và thống nhất"]


def test_empty_text_has_no_segments():
    assert segment("  \n\n ") == []


LINES = st.lists(
    st.one_of(
        st.sampled_from(["I. THẢO LUẬN", "1. Tư tưởng:", "- Đ/c Lan: nhất trí.", "a) Thu đảng phí", "", "  "]),
        st.text(alphabet=st.sampled_from(list("aăâđêôơưÀẠ ĐB-.:;1I\t")), max_size=40),
    ),
    max_size=30,
)


@settings(max_examples=200)
@given(LINES)
def test_segments_hold_every_non_empty_line_once_in_order(lines):
    text = "\n".join(lines)
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    pieces = segment(text)
    assert [line for piece in pieces for line in piece.split("\n")] == kept
    assert all(piece.strip() for piece in pieces)


def test_one_enormous_line_is_one_segment_quickly():
    line = "Chi bộ họp bàn công tác đảng viên " * 40000  # 280,000 syllables, no line break
    assert segment(line) == [line.strip()]
