import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from bienban.output import render
from bienban.types import CONTENT_LABELS, DocumentResult

SCHEMA = json.loads((Path(__file__).parent / "data" / "contract.schema.json").read_text())


@pytest.fixture(scope="module")
def results(tagger, minutes_text):
    failed = DocumentResult("x.doc", error="x.doc: lỗi", error_en="x.doc: old Word format", error_code="doc")
    return [tagger.tag_text(minutes_text, name="a.txt"), failed]


def test_jsonl_is_one_contract_object_a_line_in_order(results):
    lines = "".join(render(results, "jsonl")).splitlines()
    objects = [json.loads(line) for line in lines]
    assert [o["file"] for o in objects] == ["a.txt", "x.doc"]
    for obj in objects:
        jsonschema.validate(obj, SCHEMA)
    assert sum(objects[0]["shares"].values()) == pytest.approx(1.0, abs=1e-3)


def test_json_is_one_object_for_one_input_and_a_list_for_several(results):
    one = json.loads("".join(render(results[:1], "json")))
    assert isinstance(one, dict) and one["file"] == "a.txt"
    several = json.loads("".join(render(results, "json")))
    assert isinstance(several, list) and [o["file"] for o in several] == ["a.txt", "x.doc"]
    assert json.loads("".join(render([], "json"))) == []


def test_csv_has_a_row_per_document(results):
    rows = list(csv.DictReader(io.StringIO("".join(render(results, "csv")))))
    assert [r["file"] for r in rows] == ["a.txt", "x.doc"]
    assert sum(float(rows[0][k]) for k in CONTENT_LABELS) == pytest.approx(1.0, abs=1e-3)
    assert rows[1]["error"] == "x.doc: old Word format"


def test_table_speaks_the_chosen_language(results):
    vi = "".join(render(results[:1], "table", "vi"))
    en = "".join(render(results[:1], "table", "en"))
    assert "Nhãn" in vi and "Tỷ lệ" in vi and "Chuyên môn" in vi
    assert "Label" in en and "Share" in en and "Professional work" in en


def test_machine_formats_do_not_depend_on_language(results):
    assert "".join(render(results, "jsonl", "vi")) == "".join(render(results, "jsonl", "en"))


def test_csv_segments_gives_a_row_per_segment_and_one_for_a_failed_file(results):
    from bienban.output import SEGMENT_COLUMNS

    text = "".join(render(results, "csv", segments=True))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == SEGMENT_COLUMNS
    doc = results[0]
    assert [(r["file"], int(r["index"]), r["label"]) for r in rows[:-1]] == [
        ("a.txt", s.index, s.label) for s in doc.segments
    ]
    assert [r["text"] for r in rows[:-1]] == [s.text for s in doc.segments]
    assert [int(r["syllables"]) for r in rows[:-1]] == [s.syllables for s in doc.segments]
    assert {r["needs_review"] for r in rows[:-1]} <= {"true", "false"}
    assert rows[-1]["file"] == "x.doc" and rows[-1]["error"] == "x.doc: old Word format" and rows[-1]["label"] == ""
    assert "".join(render(results, "table", segments=True)) == "".join(render(results, "table"))


def test_csv_segments_carries_review_alternatives_and_terms():
    from bienban.types import Segment

    alternatives = (("ideology", 0.41), ("inspection", 0.4))
    seg = Segment(0, '=SUM(A1) "quoted", text', "ideology", 0.41, 4, True, alternatives, ("học tập",))
    doc = DocumentResult("b.txt", segments=(seg,), shares=dict.fromkeys(CONTENT_LABELS, 0.0))
    row = next(csv.DictReader(io.StringIO("".join(render([doc], "csv", segments=True)))))
    assert row["needs_review"] == "true" and row["confidence"] == "0.4100"
    assert row["alternatives"] == "ideology:0.4100;inspection:0.4000" and row["explanation"] == "học tập"
    assert row["text"] == seg.text  # quotes and commas survive; the text is kept as it is


def test_csv_document_rows_carry_meta_flag_messages_intervals_and_corrected_shares(results):
    import dataclasses

    doc = dataclasses.replace(
        results[0],
        meta={"cell_name": "Chi bộ Cơ quan", "date": "2018-10-05", "kind": "thuong_ky"},
        intervals={"ideology": (0.1, 0.2)},
        corrected={"ideology": 0.15},
    )
    rows = list(csv.DictReader(io.StringIO("".join(render([doc, results[1]], "csv")))))
    assert list(rows[0])[:10] == ["file", *CONTENT_LABELS, "segments", "flags", "model", "error"]  # old columns first
    assert rows[0]["cell_name"] == "Chi bộ Cơ quan" and rows[0]["date"] == "2018-10-05"
    assert rows[0]["ideology_low"] == "0.1000" and rows[0]["ideology_high"] == "0.2000"
    assert rows[0]["ideology_corrected"] == "0.1500" and rows[0]["inspection_corrected"] == ""
    assert rows[0]["flag_messages"] == " | ".join(f.message for f in doc.flags)
    assert rows[0]["flag_messages_en"] == " | ".join(f.message_en for f in doc.flags)
    assert rows[1]["cell_name"] == "" and rows[1]["error"] == "x.doc: old Word format"
    assert "".join(render([], "csv")).startswith("file,")  # the header even for no input
