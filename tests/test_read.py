import io
import unicodedata

import pytest

from bienban.errors import InputError
from bienban.read import decode_text, iter_inputs, read_path

from .encodings import encode_cp1258, encode_legacy

TEXT = "Chi bộ Trường THCS Nghi Phong\nĐồng chí Hoà phát biểu: thống nhất thu đảng phí quý III.\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_unicode_encodings_read_the_same(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_path(path) == TEXT


def test_windows_1258_reads_the_same(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(encode_cp1258(TEXT))
    assert read_path(path) == TEXT


def test_decomposed_text_is_composed(tmp_path):
    import unicodedata

    path = tmp_path / "a.txt"
    path.write_text(unicodedata.normalize("NFD", TEXT), encoding="utf-8")
    assert read_path(path) == TEXT


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ĐẢNG BỘ XÃ AN HÒA"
    table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    document.add_paragraph("BIÊN BẢN SINH HOẠT CHI BỘ")
    document.add_paragraph("Chi bộ thu đảng phí đủ.")
    path = tmp_path / "a.docx"
    document.save(path)
    assert read_path(path).splitlines() == [
        "ĐẢNG BỘ XÃ AN HÒA",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BIÊN BẢN SINH HOẠT CHI BỘ",
        "Chi bộ thu đảng phí đủ.",
    ]


def test_pdf_without_text_layer_says_run_ocr(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="no text layer.*run OCR first"):
        read_path(path)


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
        ("photo.jpg", b"\xff\xd8\xff", "JPEG image, not text; run OCR first"),
        ("notes.md", b"# notes", "not supported"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("junk.txt", bytes(range(256)) * 4, "not text"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "broken or password-protected .docx"),
        ("broken.pdf", b"%PDF-1.4 garbage", "broken or password-protected PDF|no text layer"),
    ],
)
def test_unreadable_files_get_a_message_naming_the_file(tmp_path, name, content, pattern):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=pattern) as info:
        read_path(path)
    assert str(path) in info.value.en and str(path) in info.value.vi


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_unreadable_permission(tmp_path, monkeypatch):
    # CI runs as root, who reads every file: simulate the refusal the operating system gives others
    path = tmp_path / "a.txt"
    path.write_text("x")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)
    with pytest.raises(InputError, match="permission denied"):
        read_path(path)


def test_folders_expand_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.docx", "b/1.pdf", "notes.md", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert got == ["a.docx", "b/1.pdf", "b/2.txt"]


def test_decode_text_falls_back_to_cp1258():
    assert unicodedata.normalize("NFC", decode_text(encode_cp1258("Hoà thuận, đoàn kết"))) == "Hoà thuận, đoàn kết"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_font_text_is_converted(tmp_path, encoding):
    text = "Chi bộ đã quán triệt Nghị quyết, thu đảng phí đủ; đồng chí Hoàng Thị Lựu được kết nạp.\n"
    path = tmp_path / "old.txt"
    path.write_bytes(encode_legacy(text, encoding))
    assert read_path(path) == text


def test_tcvn3_capital_headings_come_back_in_capitals(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(encode_legacy("BIÊN BẢN SINH HOẠT CHI BỘ\nĐẢNG BỘ XÃ\n", "tcvn3"))
    assert read_path(path) == "BIÊN BẢN SINH HOẠT CHI BỘ\nĐẢNG BỘ XÃ\n"


def test_legacy_runs_in_docx_are_converted(tmp_path):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Đồng chí Lan: ")
    legacy_run = paragraph.add_run(encode_legacy("thống nhất kết nạp quần chúng ưu tú.", "tcvn3").decode("cp1252"))
    legacy_run.font.name = ".VnTime"
    path = tmp_path / "old.docx"
    document.save(path)
    assert read_path(path) == "Đồng chí Lan: thống nhất kết nạp quần chúng ưu tú."


def test_plain_unicode_is_never_converted():
    text = "Ông Lê Văn Hùng, Bí thư; “Tự diễn biến”, “tự chuyển hóa” - São Paulo, café, naïve."
    assert decode_text(text.encode("utf-8")) == text


def test_pdf_fixture_gives_back_the_lines_of_its_text(data_dir):
    # the layout wrapped most lines (tests/data/make_pdfs.py); reading joins them back
    source = (data_dir.parent.parent / "data" / "minutes" / "m03_08.txt").read_text(encoding="utf-8")
    want = [" ".join(line.split()) for line in source.splitlines()]
    got = read_path(data_dir / "pdf" / "m03_08.pdf").splitlines()
    assert [line for line in got if line] == [line for line in want if line]


def lines(*rows: tuple[float, str], page: int = 0, step: float = 14.0) -> list:
    from bienban.readers.pdf import Line

    return [Line(text, x, 800 - i * step, page) for i, (x, text) in enumerate(rows)]


FULL = "Chi bộ đã triển khai thực hiện nghị quyết của Đảng ủy về phát triển kinh tế và ổn định"


def test_indented_paragraphs_join_their_wrapped_lines():
    from bienban.readers.pdf import join_lines

    text = join_lines(
        lines(
            (100, "ĐẢNG BỘ XÃ AN HÒA"),
            (82, FULL),
            (72, "20/9 phân công đồng chí Lan theo dõi."),  # a wrap, though "20/9" looks like a heading
            (82, FULL + "."),
            (72, "Tuy nhiên còn chậm."),  # a wrap after a finished sentence
            (82, "Ý kiến thảo luận:"),
            (72, "- Đ/c Lan: thống nhất."),  # bullets and opinions stand apart even at the margin
        )
    )
    assert text.splitlines() == [
        "ĐẢNG BỘ XÃ AN HÒA",
        FULL + " 20/9 phân công đồng chí Lan theo dõi.",
        FULL + ". Tuy nhiên còn chậm.",
        "Ý kiến thảo luận:",
        "- Đ/c Lan: thống nhất.",
    ]


def test_flush_left_paragraphs_end_at_sentences_short_lines_and_headings():
    from bienban.readers.pdf import join_lines

    text = join_lines(
        lines(
            (72, FULL),
            (72, "thu đảng phí đủ."),
            (72, FULL + "."),
            (72, "Chi bộ thống nhất."),  # no indent: a finished sentence ends the paragraph
            (72, "1. Công tác xây dựng Đảng"),
            (72, FULL),
            (72, "- Đ/c Minh: đề nghị bổ sung."),
            (72, "ĐẢNG BỘ CÔNG TY THAN HÀ LẦM - TKV ĐẢNG CỘNG SẢN VIỆT NAM TỈNH QUẢNG NINH"),
            (72, "NAM"),  # a heading in capitals wraps too
        )
    )
    assert text.splitlines() == [
        FULL + " thu đảng phí đủ.",
        FULL + ".",
        "Chi bộ thống nhất.",
        "1. Công tác xây dựng Đảng",
        FULL,
        "- Đ/c Minh: đề nghị bổ sung.",
        "ĐẢNG BỘ CÔNG TY THAN HÀ LẦM - TKV ĐẢNG CỘNG SẢN VIỆT NAM TỈNH QUẢNG NINH NAM",
    ]


def test_blank_gaps_stay_blank_lines_and_page_numbers_go():
    from bienban.readers.pdf import Line, _drop_page_numbers, join_lines

    first = lines((82, FULL), (72, "thu đủ."), (72, "- 1 -"))
    second = lines((72, "Trang 2"), (82, FULL), (72, "thu đủ."), page=1)
    after_gap = [Line("Chi bộ thống nhất.", 82, second[-1].y - 40, 1)]
    text = join_lines(_drop_page_numbers(first) + _drop_page_numbers(second) + after_gap)
    assert text.splitlines() == [FULL + " thu đủ.", FULL + " thu đủ.", "", "Chi bộ thống nhất."]


def test_tcvn3_toned_capitals_that_start_a_sentence_come_back(tmp_path):
    text = "IV. Ý kiến thảo luận\n- Ủy ban xã báo cáo. Ấp 3 chưa xong; ủy viên Lan theo dõi.\n"
    path = tmp_path / "old.txt"
    path.write_bytes(encode_legacy(text, "tcvn3"))
    assert read_path(path) == text
