"""Hostile and broken input (issue 8, reading side): every bad file gets a clear one-line error naming it,
the batch goes on, good files keep their full results, and reading arbitrary bytes never crashes."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bienban.cli import cli
from bienban.errors import InputError
from bienban.read import MB, ReadLimits, iter_inputs, read_bytes, read_path

GOOD = "Chi bộ họp thường kỳ tháng 3.\nĐồng chí Lan: thống nhất thu đảng phí quý I đủ 15/15 đồng chí.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def docx_bytes(text: str = GOOD) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A .docx-shaped zip whose document part unpacks 8 MB of zeros from a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", bytes(8 * MB))
    return buffer.getvalue()


def pdf_bytes(pages: int = 1, password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(user_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# name, content, what the English message must say
CASES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b" \r\n\t\n", "the file is empty"),
    ("junk.txt", bytes(range(256)) * 8, "not text"),
    ("nul-tail.txt", GOOD.encode() + bytes(300) * 40, "not text"),
    ("scan.png.txt", PNG, "PNG image, not text; run OCR first"),
    ("photo.docx", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "JPEG image, not text; run OCR first"),
    ("renamed.pdf", PNG, "PNG image"),
    ("truncated.docx", docx_bytes()[:300], "broken or password-protected .docx"),
    ("text.docx", GOOD.encode(), r"broken or password-protected .docx \(not a zip package\)"),
    (
        "locked.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le"),
        "password",
    ),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Word format"),
    ("bomb.docx", zip_bomb(), "as zip bombs are"),
    ("sheet.docx", xlsx_bytes(), r"Excel \(.xlsx\) file"),
    ("archive.txt", b"\x1f\x8b\x08\x00" + bytes(32), "gzip archive; extract it"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "broken or password-protected PDF|no text layer"),
    ("locked.pdf", pdf_bytes(password="secret"), "the PDF is password-protected"),
    ("scan.pdf", pdf_bytes(), "no text layer"),
    ("text.pdf", GOOD.encode(), r"broken or password-protected PDF \(no %PDF header\)"),
    ("old.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(16), "JPEG image"),
]


@pytest.mark.parametrize(("name", "content", "says"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gets_its_message(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=says) as info:
        read_path(path)
    assert str(path) in info.value.en and str(path) in info.value.vi
    assert "\n" not in info.value.en and "\n" not in info.value.vi


def test_limits_refuse_with_the_flag_to_raise_them(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # 100 MB of nothing, without writing it: refused before reading
        handle.truncate(100 * MB)
    with pytest.raises(InputError, match=r"100\.0 MB, over the 20 MB limit.*--max-size"):
        read_path(big)
    pages = tmp_path / "long.pdf"
    pages.write_bytes(pdf_bytes(pages=3))
    with pytest.raises(InputError, match="3 pages, over the 2-page limit.*--max-pages"):
        read_path(pages, ReadLimits(max_pages=2))
    unpacked = tmp_path / "a.docx"
    unpacked.write_bytes(docx_bytes())
    with pytest.raises(InputError, match="unpacks to .* over the 0.0 MB limit.*--max-docx-size"):
        read_path(unpacked, ReadLimits(max_docx_size=1000))
    assert read_path(unpacked, ReadLimits(max_docx_size=10 * MB)).startswith("Chi bộ")


def test_raised_size_limit_reads_the_file(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(GOOD * 2000, encoding="utf-8")  # about 190 KB
    with pytest.raises(InputError, match="--max-size"):
        read_path(path, ReadLimits(max_size=100_000))
    assert read_path(path, ReadLimits(max_size=MB)) == GOOD * 2000


def test_standard_input_has_the_size_limit_too(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2000)))
    with pytest.raises(InputError, match="over the .* MB limit"):
        read_path("-", ReadLimits(max_size=1000))


def test_unreadable_file_and_folder(tmp_path, monkeypatch):
    # CI runs as root, who reads everything: simulate the refusal others get
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    opened = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match="permission denied; make the file readable"):
        read_path(secret)
    with pytest.raises(InputError, match="the folder cannot be listed"):
        read_path(tmp_path)


def test_devices_and_pipes_are_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)  # would block forever if it were opened


def test_symlink_loops_in_folders_end(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "m.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # a/loop -> . -> a/loop ...
    (tmp_path / "self").symlink_to(tmp_path / "self")  # a link to itself
    (tmp_path / "b").symlink_to(tmp_path / "a")  # a second way into a/
    found = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert found == ["a/m.txt"]


def test_one_enormous_line_goes_through_the_pipeline(tagger):
    # No line breaks at all: reading, segmenting and tagging stay linear (benchmarks/fuzz.py times 2 MB)
    line = " ".join(GOOD.split()) + " "
    text = line * (200_000 // len(line))
    doc = tagger.tag_text(read_bytes(text.encode("utf-8"), "one-line.txt"))
    assert sum(s.syllables for s in doc.segments) == len(text.split())


def test_damaged_pdf_logs_nothing_beside_its_one_line(caplog):
    # once logging is configured (underthesea does it), pypdf's complaints would reach stderr
    damaged = PDF.replace(b"/Type /Catalog", b"/Type /Catalo#")[:-300]
    with caplog.at_level("DEBUG"):
        try:
            read_bytes(damaged, "x.pdf", ".pdf")
        except InputError:
            pass
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


def bad_folder(tmp_path: Path) -> tuple[Path, list[Path], Path]:
    folder = tmp_path / "archive"
    folder.mkdir()
    bad = []
    for name, content, _ in CASES:
        if Path(name).suffix in (".txt", ".docx", ".pdf"):
            (folder / name).write_bytes(content)
            bad.append(folder / name)
    good = folder / "zz-good.txt"
    good.write_text(GOOD, encoding="utf-8")
    (folder / "loop").symlink_to(folder)
    return folder, sorted(bad), good


def test_tag_files_goes_on_past_every_bad_file(tagger, tmp_path):
    folder, bad, good = bad_folder(tmp_path)
    results = list(tagger.tag_files([folder]))
    assert [r.file for r in results] == [str(p) for p in sorted([*bad, good])]
    failed = {r.file: r for r in results if not r.ok}
    assert set(failed) == {str(p) for p in bad}
    assert all(r.error_en.startswith(f"{r.file}: ") and r.error.startswith(f"{r.file}: ") for r in failed.values())
    assert all(r.error_code != "internal" for r in failed.values())
    (ok,) = [r for r in results if r.ok]
    assert ok.file == str(good) and ok.segments and sum(ok.shares.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_cli_reports_each_bad_file_in_one_line_and_exits_1(tiny_model, tmp_path, lang):
    folder, bad, good = bad_folder(tmp_path)
    result = CliRunner().invoke(
        cli, ["--lang", lang, "tag", "-m", str(tiny_model), "-f", "jsonl", str(folder)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_file = {r["file"]: r for r in records}
    assert set(by_file) == {str(p) for p in [*bad, good]}
    for path in bad:
        assert set(by_file[str(path)]) == {"file", "error", "error_en", "error_code"}
        lines = [line for line in result.stderr.splitlines() if str(path) in line]
        assert len(lines) == 1, lines
        assert lines[0] == f"bienban: {by_file[str(path)]['error_en' if lang == 'en' else 'error']}"
    assert by_file[str(good)]["segments"] and set(by_file[str(good)]["shares"])


def test_cli_limit_flags_refuse_and_raise(tiny_model, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(GOOD * 2000, encoding="utf-8")

    def run(*args):
        return CliRunner().invoke(
            cli, ["--lang", "en", "tag", "-m", str(tiny_model), "-f", "jsonl", *args, str(path)], catch_exceptions=False
        )

    refused = run("--max-size", "0.1")
    assert refused.exit_code == 1 and "over the 0.1 MB limit; if it really is minutes" in refused.stderr
    assert json.loads(refused.stdout)["error_code"] == "too_large"
    raised = run("--max-size", "1")
    assert raised.exit_code == 0 and json.loads(raised.stdout)["segments"]
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(pdf_bytes(pages=3))
    pages = CliRunner().invoke(cli, ["--lang", "en", "tag", "-m", str(tiny_model), "--max-pages", "2", str(pdf)])
    assert pages.exit_code == 1 and "--max-pages" in pages.stderr


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".docx", ".pdf"]))
def test_reading_arbitrary_bytes_gives_text_or_an_input_error(data, suffix):
    _text_or_named_error(data, f"fuzz{suffix}", suffix)


def _text_or_named_error(data: bytes, name: str, suffix: str) -> None:
    """Text without a BOM, or an InputError whose message starts with the file's name: never a crash."""
    try:
        text = read_bytes(data, name, suffix)
    except InputError as exc:
        assert exc.en.startswith(f"{name}: ")
    else:
        assert text.strip() and "\ufeff" not in text[:1]


@settings(max_examples=100, deadline=None)
@given(
    prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xfe", b""]),
    data=st.binary(max_size=2048),
)
def test_bytes_that_look_like_a_format_never_crash(prefix, data):
    for suffix in (".txt", ".docx", ".pdf"):
        _text_or_named_error(prefix + data, f"x{suffix}", suffix)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=1, max_value=4000), flips=st.lists(st.integers(0, 10**6), max_size=8))
def test_damaged_docx_and_pdf_never_crash(cut, flips):
    for blob, suffix in ((DOCX, ".docx"), (PDF, ".pdf")):
        damaged = bytearray(blob[: max(len(blob) - cut, 1)] if cut % 2 else blob)
        for flip in flips:
            damaged[flip % len(damaged)] ^= 0xFF
        _text_or_named_error(bytes(damaged), f"x{suffix}", suffix)


DOCX = docx_bytes()
PDF = (Path(__file__).parent / "data" / "pdf" / "m03_08.pdf").read_bytes()
