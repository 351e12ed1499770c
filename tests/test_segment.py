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
