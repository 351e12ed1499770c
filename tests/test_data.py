import json

import pytest

from bienban.data import load_examples, load_gold, split_files
from bienban.errors import DataError


def test_jsonl_rows_keep_their_batch_as_group(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"text": "Thu đảng phí quý I", "label": "party_building", "batch": "b01"}\n\n'
        '{"text": "Học tập Chỉ thị 05", "label": "ideology"}\n',
        encoding="utf-8",
    )
    got = load_examples([path])
    assert [(e.label, e.group) for e in got] == [("party_building", "batch:b01"), ("ideology", "file:a")]


def test_csv_with_text_and_label_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("label,text\ninspection,Kiểm tra đảng viên chấp hành\n", encoding="utf-8")
    assert [(e.text, e.label) for e in load_examples([path])] == [("Kiểm tra đảng viên chấp hành", "inspection")]


def test_gold_minutes_and_folders(tmp_path):
    gold = {
        "segments": [
            {"text": "BIÊN BẢN", "label": "procedural"},
            {"text": "Kết nạp đ/c Hà", "label": "member_development"},
        ]
    }
    (tmp_path / "m.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "m.txt").write_text("BIÊN BẢN\nKết nạp đ/c Hà\n", encoding="utf-8")
    doc = load_gold(tmp_path / "m.gold.json")
    assert doc.text_path == tmp_path / "m.txt"
    assert [e.group for e in load_examples([tmp_path])] == ["doc:m", "doc:m"]


@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        ("{not json", "invalid JSON"),
        ('{"text": "x", "label": "budget"}', "unknown label 'budget'"),
        ('{"text": "  ", "label": "ideology"}', "empty or missing text"),
        ("[1, 2]", "not an object"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path, line, pattern):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "label": "ideology"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=pattern) as info:
        load_examples([path])
    assert f"{path}:2" in info.value.en


def test_csv_without_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("sentence,tag\nx,y\n", encoding="utf-8")
    with pytest.raises(DataError, match="text and label columns"):
        load_examples([path])


def test_split_file_sends_matching_files_to_test(tmp_path):
    (tmp_path / "segments").mkdir()
    for name in ("b01.jsonl", "b07.jsonl"):
        (tmp_path / "segments" / name).write_text('{"text": "x", "label": "ideology"}\n')
    (tmp_path / "splits.json").write_text('{"test": ["segments/b07*"]}')
    train, test = split_files([tmp_path])
    assert [p.name for p in train] == ["b01.jsonl"] and [p.name for p in test] == ["b07.jsonl"]
    named_train, named_test = split_files([tmp_path / "segments" / "b07.jsonl"])
    assert [p.name for p in named_train] == ["b07.jsonl"] and named_test == []


def test_folders_skip_annotation_records_and_samples(tmp_path):
    (tmp_path / "segments").mkdir()
    (tmp_path / "annotation").mkdir()
    (tmp_path / "segments" / "a.jsonl").write_text('{"text": "Học tập NQ", "label": "ideology"}\n')
    (tmp_path / "annotation" / "second_pass.jsonl").write_text('{"id": "x", "first": "ideology"}\n')
    assert [e.origin for e in load_examples([tmp_path])] == [str(tmp_path / "segments" / "a.jsonl")]


def test_review_rows_keep_their_context(tmp_path):
    from bienban.types import Context

    row = {"text": "- Đ/c Lan: nhất trí.", "label": "inspection", "context": {"heading": "4. Kiểm tra", "title": "X"}}
    path = tmp_path / "review.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n" + json.dumps({"text": "a", "label": "ideology"}))
    first, second = load_examples([path])
    assert first.input == Context("- Đ/c Lan: nhất trí.", heading="4. Kiểm tra", title="X")
    assert second.input == Context("a")
