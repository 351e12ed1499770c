from hypothesis import given
from hypothesis import strategies as st

from bienban.shape import OPINION, contexts, is_heading, sentences
from bienban.types import Context


def test_bare_headings_but_not_headings_with_content():
    assert is_heading("4. Công tác kiểm tra, giám sát")
    assert is_heading("Về công tác xây dựng Đảng:")
    assert is_heading("II. THẢO LUẬN")
    assert not is_heading("2. Đảng phí: quý III thu đủ của 18 đồng chí trong chi bộ")
    assert not is_heading("Chi bộ thống nhất từ tháng 9 sinh hoạt vào thứ Ba tuần thứ hai.")
    assert not is_heading("- Tuyên truyền chống IUU trên loa thôn")


def test_quoted_opinions():
    assert OPINION.match("- Đ/c Trung: ĐV theo dõi QC Nghĩa đã chuyển SH")
    assert OPINION.match("Đồng chí Thượng úy Bùi Đức Long (Đại đội trưởng): Tôi nhận khuyết điểm")
    assert not OPINION.match("Chi bộ thống nhất: thu đủ đảng phí")


def test_each_segment_sees_its_heading_the_one_before_and_the_title():
    pieces = [
        "ĐẢNG BỘ XÃ AN HÒA\nBIÊN BẢN\nHỌP CHI BỘ XÉT ĐỀ NGHỊ KẾT NẠP ĐẢNG VIÊN",
        "3. Ý kiến của đảng viên",
        "- Đ/c Lan: nhất trí.",
        "- Đ/c Hùng: đồng ý.",
    ]
    found = contexts(pieces)
    assert found[0] == Context(pieces[0], "", "", "BIÊN BẢN\nHỌP CHI BỘ XÉT ĐỀ NGHỊ KẾT NẠP ĐẢNG VIÊN")
    assert found[3].heading == "3. Ý kiến của đảng viên"
    assert found[3].previous == "- Đ/c Lan: nhất trí."
    assert found[1].heading == ""  # a heading is not its own heading


def test_sentences_split_before_a_capital_or_a_digit_only():
    text = "Thu đảng phí đủ 18 đ/c. Về tư tưởng: ĐV an tâm; đ/c Hùng nêu ý kiến. 3 tổ đã họp xong"
    assert sentences(text) == [
        "Thu đảng phí đủ 18 đ/c.",
        "Về tư tưởng: ĐV an tâm; đ/c Hùng nêu ý kiến.",
        "3 tổ đã họp xong",
    ]
    assert sentences("ngày 3.5 tr.đ. kết quả tốt") == ["ngày 3.5 tr.đ. kết quả tốt"]


@given(st.text(alphabet=st.sampled_from(list("aĐđ Ư.;!?\n 3“-")), max_size=200))
def test_sentences_keep_every_non_space_character(text):
    assert " ".join(sentences(text)) == " ".join(text.split())


def test_an_unpunctuated_run_is_cut_for_the_tokeniser():
    from bienban.shape import MAX_SENTENCE

    text = " ".join(["họp"] * (2 * MAX_SENTENCE + 7))
    parts = sentences(text)
    assert [len(p.split()) for p in parts] == [MAX_SENTENCE, MAX_SENTENCE, 7]
    assert " ".join(parts) == text


def test_the_items_of_a_list_read_its_introducing_line_as_their_heading():
    from bienban.shape import introduces

    intro = "Mở đầu, đồng chí Phó Bí thư thông qua chương trình, nội dung sinh hoạt tháng 10, gồm các nội dung chính:"
    pieces = [
        "SINH HOẠT CHI BỘ THÁNG 10 NĂM 2025",
        intro,
        "- Công tác thu nộp đảng phí.",
        "- Thông tin thời sự tháng 9.",
    ]
    assert introduces(intro) and not introduces("Chi bộ họp thường kỳ tháng 10.")
    assert [c.heading for c in contexts(pieces)] == ["", "SINH HOẠT CHI BỘ THÁNG 10 NĂM 2025", intro, intro]
