import pytest

from bienban.detect import not_minutes_reason
from tests.conftest import ROOT

NEWS = (
    "Giá vàng hôm nay tiếp tục tăng mạnh trên thị trường thế giới khi nhu cầu trú ẩn an toàn của nhà đầu tư "
    "tăng cao. Trong nước, giá vàng miếng được niêm yết ở mức 85 triệu đồng mỗi lượng mua vào, tăng 500 nghìn "
    "đồng so với phiên trước. Các cửa hàng tại Hà Nội ghi nhận lượng khách mua tăng, nhiều người xếp hàng từ "
    "sáng sớm. "
) * 4
ENGLISH = "The committee met on Tuesday to discuss the budget for the next fiscal year and closed at five."


def test_english_and_unrelated_news_are_not_minutes():
    assert not_minutes_reason(ENGLISH) == "language"
    assert not_minutes_reason(NEWS) == "topic"


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "minutes").glob("*.txt")), ids=lambda p: p.stem)
def test_every_gold_minutes_file_is_minutes(path):
    assert not_minutes_reason(path.read_text(encoding="utf-8")) is None


def test_minutes_typed_without_tone_marks_are_named_as_such():
    import unicodedata

    text = (ROOT / "data" / "samples" / "xa-quang-hop-2019-08.txt").read_text(encoding="utf-8")
    folded = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    assert not_minutes_reason(folded.replace("đ", "d").replace("Đ", "D")) == "no_diacritics"


def test_text_without_a_word_is_not_minutes():
    assert not_minutes_reason("-\n-\n*\n...\n2024\n") == "empty"


def test_short_texts_get_the_benefit_of_the_doubt():
    assert not_minutes_reason("Thu ngân sách đạt 85% dự toán.") is None
    assert not_minutes_reason("") is None


def test_the_tagger_flags_them_instead_of_giving_shares(tagger):
    for text in (ENGLISH, NEWS, "-\n-\n*\n"):
        doc = tagger.tag_text(text)
        assert [f.code for f in doc.flags] == ["not_minutes"]
        assert doc.flags[0].severity == "error" and "no shares" in doc.flags[0].message_en
        assert all(v == 0 for v in doc.shares.values()) and all(v == 0 for v in doc.corrected.values())
        assert doc.to_dict()["intervals"] == {k: [0.0, 0.0] for k in doc.shares}


def test_an_unfilled_template_is_named_as_such():
    template = (
        "ĐẢNG ỦY …………….. ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "CHI BỘ……………..\n"
        "….…, ngày .… tháng.… năm …\n"
        "BIÊN BẢN HỌP CHI BỘ THÁNG………NĂM 20……\n"
        "– Tổng số đảng viên của chi bộ: …….. đ/c; có mặt: ….. đồng chí.\n"
        "I. NỘI DUNG SINH HOẠT CHI BỘ\n"
        "- Thông báo tình hình thời sự, nghị quyết, chỉ thị của cấp trên (ghi rõ tên các văn bản).\n"
        "2. Thảo luận: …………………………………\n"
        "3. Kết luận của chủ trì: ……………………\n"
    )
    assert not_minutes_reason(template) == "template"
    # minutes with a blank or two left (a signature, an unknown number) are still minutes
    filled = template.replace("…", "x").replace(".…", "") + "Đ/c Hà: ……\nChữ ký: ………\n"
    assert not_minutes_reason(filled) is None
