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
