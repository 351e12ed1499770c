import json

from click.testing import CliRunner

from bienban.cli import cli
from bienban.datacheck import check_corpus, near_duplicates

ROW = {"cell": "village", "register": "formal", "source": "written:t"}


def write_corpus(root, rows, gold_segments, text):
    (root / "segments").mkdir(parents=True)
    (root / "minutes").mkdir()
    with open(root / "segments" / "a.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({**ROW, **row}, ensure_ascii=False) + "\n")
    (root / "minutes" / "d.gold.json").write_text(json.dumps({"segments": gold_segments}, ensure_ascii=False))
    (root / "minutes" / "d.txt").write_text(text, encoding="utf-8")


GOLD = [
    {"text": "BIÊN BẢN\nSINH HOẠT CHI BỘ", "label": "procedural"},
    {"text": "Thu đảng phí đủ.", "label": "party_building"},
]


def test_a_clean_corpus_passes_and_reports_its_figures(tmp_path):
    rows = [
        {"text": "Chi bộ thu đảng phí quý III đủ của mười tám đồng chí", "label": "party_building", "rule": 3},
        {"text": "Học tập chuyên đề năm 2024 về phong cách làm việc của Bác", "label": "ideology"},
    ]
    write_corpus(tmp_path, rows, GOLD, "BIÊN BẢN\nSINH HOẠT CHI BỘ\n\nThu đảng phí đủ.\n")
    report = check_corpus(tmp_path)
    assert report["errors"] == []
    assert report["stats"]["segments"] == 2 and report["stats"]["borderline"] == 1
    assert report["stats"]["documents"]["count"] == 1


def test_problems_are_errors(tmp_path):
    rows = [
        {"text": "Chi bộ thu đảng phí quý III đủ", "label": "party_building"},
        {"text": "chi bộ thu đảng phí quý III đủ", "label": "party_building"},
        {"text": "x", "label": "budget"},
        {"text": "thiếu trường", "label": "ideology", "cell": ""},
    ]
    write_corpus(tmp_path, rows, GOLD, "BIÊN BẢN\nThu đảng phí đủ.\n")
    errors = "\n".join(check_corpus(tmp_path)["errors"])
    assert "exact duplicate" in errors
    assert "unknown label 'budget'" in errors
    assert "missing cell" in errors
    assert "do not reproduce d.txt (first difference at line 2)" in errors
    result = CliRunner().invoke(cli, ["data", "check", str(tmp_path)])
    assert result.exit_code == 1 and "unknown label" in result.stderr


def test_near_duplicates_find_reworded_pairs_only():
    texts = [
        "chi bộ đã tổ chức học tập nghị quyết trung ương bốn khóa mười hai cho toàn thể đảng viên",
        "chi bộ đã tổ chức học tập nghị quyết trung ương bốn khóa mười hai cho toàn thể đảng viên trong tháng",
        "đồng chí bí thư thông báo kết quả thu ngân sách sáu tháng đầu năm đạt bảy mươi phần trăm",
    ]
    assert [(i, j) for i, j, _ in near_duplicates(texts)] == [(0, 1)]


def test_the_shipped_corpus_passes():
    from pathlib import Path

    report = check_corpus(Path(__file__).parents[1] / "data")
    assert report["errors"] == []


def test_second_pass_agreement_and_settled_labels(tmp_path):
    from bienban.datacheck import segment_id

    rows = [
        {"text": "Chi bộ thu đảng phí quý III đủ của mười tám đồng chí", "label": "party_building"},
        {"text": "Học tập chuyên đề năm 2024 về phong cách làm việc của Bác", "label": "ideology"},
    ]
    write_corpus(tmp_path, rows, GOLD, "BIÊN BẢN\nSINH HOẠT CHI BỘ\nThu đảng phí đủ.\n")
    (tmp_path / "annotation").mkdir()
    records = [
        {
            "id": segment_id(rows[0]["text"]),
            "first": "party_building",
            "second": "inspection",
            "final": "party_building",
        },
        {"id": segment_id(rows[1]["text"]), "first": "ideology", "second": "ideology", "final": "ideology"},
        {
            "id": segment_id("Thu đảng phí đủ.", "d"),
            "first": "party_building",
            "second": "party_building",
            "final": "inspection",
        },
    ]
    (tmp_path / "annotation" / "second_pass.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    report = check_corpus(tmp_path)
    assert report["stats"]["second_pass"]["agreement"] == 2 / 3
    assert report["stats"]["second_pass"]["changed_by_adjudication"] == 1
    assert any("settled as inspection but the data says party_building" in e for e in report["errors"])
