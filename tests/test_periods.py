import csv
import io
import json
from dataclasses import replace

import pytest

from bienban.errors import InputError
from bienban.periods import SUMMARY_COLUMNS, parse_by, period_of, render_summary, summarise
from bienban.policy import Policy
from bienban.shares import shares
from bienban.types import CONTENT_LABELS, DocumentResult, Segment


def doc(file, date, name="Chi bộ thôn Đông", kind="thuong_ky", cell="village", **syllables):
    """A tagged meeting: one segment per label with the given syllables, flags from the default policy."""
    segments = tuple(Segment(i, "x", label, 0.9, n) for i, (label, n) in enumerate(syllables.items()))
    found = shares([s.label for s in segments], [s.syllables for s in segments])
    flags = Policy().flags(segments, found, kind=kind)
    meta = {"cell_name": name, "cell": cell, "date": date, "kind": kind}
    return DocumentResult(file, segments, found, tuple(flags), "m", meta=meta)


def regular(file, date, **kwargs):
    base = {"party_building": 20, "ideology": 20, "inspection": 10, "member_development": 10, "professional_work": 40}
    return doc(file, date, **{**base, **kwargs})


@pytest.mark.parametrize(
    ("text", "keys"),
    [("cell,quarter", ("cell", "quarter")), (" Quarter ", ("quarter",)), ("year,cell", ("year", "cell"))],
)
def test_parse_by(text, keys):
    assert parse_by(text) == keys


@pytest.mark.parametrize("text", ["", "cell,week", "month,quarter", "cell,cell"])
def test_parse_by_refuses_what_it_cannot_group_by(text):
    with pytest.raises(InputError) as caught:
        parse_by(text)
    assert caught.value.code == "bad_by" and "cell,quarter" in caught.value.en


@pytest.mark.parametrize(
    ("date", "unit", "period"),
    [
        ("2024-03-31", "quarter", "2024-Q1"),
        ("2024-04-01", "quarter", "2024-Q2"),
        ("2024-12-01", "month", "2024-12"),
        ("2024-12", "quarter", "2024-Q4"),
        ("2024-07-09", "year", "2024"),
        ("", "quarter", "unknown"),
        ("2024", "month", "unknown"),
    ],
)
def test_period_of(date, unit, period):
    assert period_of(date, unit) == period


def test_shares_are_weighted_by_content_syllables_and_spellings_of_a_name_merge():
    a = regular("a.txt", "2024-01-09", professional_work=60, party_building=10, ideology=10, inspection=10)
    b = doc("b.txt", "2024-02-06", name="CHI BỘ THÔN ĐÔNG", ideology=30, procedural=500)
    rows = summarise([a, b], ("cell", "quarter"))
    assert len(rows) == 1
    row = rows[0]
    assert row["cell"] == "Chi bộ thôn Đông" and row["cell_type"] == "village" and row["period"] == "2024-Q1"
    assert row["documents"] == 2 and row["files"] == ["a.txt", "b.txt"] and row["kinds"] == {"thuong_ky": 2}
    # a has 100 content syllables, b has 30: procedural syllables weigh nothing
    assert row["shares"]["professional_work"] == pytest.approx(60 / 130, abs=1e-4)
    assert row["shares"]["ideology"] == pytest.approx(40 / 130, abs=1e-4)
    assert sum(row["shares"].values()) == pytest.approx(1.0, abs=1e-3)
    assert set(row["shares"]) == set(CONTENT_LABELS)


def test_meeting_flags_are_counted_over_the_period():
    rows = summarise(
        [
            regular("a.txt", "2024-01-09", professional_work=80),
            regular("b.txt", "2024-02-06", professional_work=300),
            regular("c.txt", "2024-03-05", kind="chuyen_de"),
        ],
        ("cell", "quarter"),
    )
    flags = {f["code"]: f for f in rows[0]["flags"]}
    dominant = flags["professional_dominant"]
    assert dominant["count"] == 2 and dominant["evidence"] == ["a.txt", "b.txt"] and dominant["scope"] == "meetings"
    assert dominant["value"] == pytest.approx(300 / 360, abs=1e-4) and dominant["threshold"] == 0.5
    assert dominant["message"] == "công tác chuyên môn vượt ngưỡng 50% ở 2/3 cuộc họp (cao nhất 83%)"
    assert dominant["message_en"] == "professional work above the 50% limit in 2 of 3 meetings (highest 83%)"
    assert "no_thematic_meeting" not in flags and "no_inspection" not in flags


def test_a_quarter_without_inspection_or_thematic_meeting_is_flagged_on_its_last_month():
    docs = [
        regular("jan.txt", "2024-01-09", inspection=0),
        regular("feb.txt", "2024-02-06", inspection=0),
        regular("apr.txt", "2024-04-02", kind="chuyen_de"),
    ]
    rows = summarise(docs, ("cell", "month"))
    assert [r["period"] for r in rows] == ["2024-01", "2024-02", "2024-04"]
    assert rows[0]["flags"] == []
    codes = [f["code"] for f in rows[1]["flags"]]
    assert codes == ["no_inspection", "no_thematic_meeting"]
    flag = rows[1]["flags"][0]
    assert flag["quarter"] == "2024-Q1" and flag["evidence"] == ["jan.txt", "feb.txt"]
    assert flag["cell"] == "Chi bộ thôn Đông"
    assert rows[2]["flags"] == []


def test_a_year_row_carries_the_flags_of_each_of_its_quarters():
    docs = [regular("q1.txt", "2024-02-06"), regular("q3.txt", "2024-08-06", kind="chuyen_de", member_development=0)]
    (row,) = summarise(docs, ("cell", "year"))
    assert row["period"] == "2024"
    assert [(f["code"], f.get("quarter")) for f in row["flags"]] == [
        ("no_thematic_meeting", "2024-Q1"),
        ("no_member_development", "2024-Q3"),
    ]


def test_without_cell_in_by_the_quarter_flags_still_name_their_cell():
    docs = [
        regular("a.txt", "2024-02-06", name="Chi bộ thôn Đông"),
        regular("b.txt", "2024-02-07", name="Chi bộ thôn Tây"),
    ]
    (row,) = summarise(docs, ("quarter",))
    assert row["cell"] == "" and row["documents"] == 2
    assert sorted(f["cell"] for f in row["flags"]) == ["Chi bộ thôn Tây", "Chi bộ thôn Đông"]


def test_unknown_dates_and_names_are_grouped_apart_and_not_judged_per_quarter():
    docs = [
        regular("dated.txt", "2024-02-06", kind="chuyen_de"),
        regular("undated.txt", "", inspection=0, kind="thuong_ky"),
        regular("nameless.txt", "2024-02-06", name="", inspection=0),
        DocumentResult("broken.txt", error="x", error_en="x", error_code="internal"),
    ]
    rows = summarise(docs, ("cell", "quarter"))
    assert [(r["cell"], r["period"]) for r in rows] == [
        ("Chi bộ thôn Đông", "2024-Q1"),
        ("Chi bộ thôn Đông", "unknown"),
        ("unknown", "2024-Q1"),
    ]
    assert all(f["scope"] == "meetings" for r in rows[1:] for f in r["flags"])
    assert "broken.txt" not in {f for r in rows for f in r["files"]}


def test_the_quarter_rules_are_the_given_policy_s_and_the_meeting_flags_the_documents():
    docs = [regular("a.txt", "2024-02-06", kind="chuyen_de")]
    assert summarise(docs, ("cell", "quarter"))[0]["flags"] == []
    strict = Policy(professional_max=0.3, each_quarter=("inspection",), discussed_min=0.2)
    assert [f["code"] for f in summarise(docs, ("cell", "quarter"), strict)[0]["flags"]] == ["no_inspection"]


def test_corrected_shares_are_weighted_when_every_document_has_them():
    a = regular("a.txt", "2024-02-06")
    corrected = dict.fromkeys(CONTENT_LABELS, 0.2)
    b = DocumentResult(**{**a.__dict__, "file": "b.txt", "corrected": corrected})
    assert "shares_corrected" not in summarise([a, b], ("cell",))[0]
    row = summarise([b, DocumentResult(**{**b.__dict__, "file": "c.txt"})], ("cell",))[0]
    assert row["shares_corrected"] == corrected and row["period"] == ""
    # by content syllables: b has 100, c 360
    c = regular("c.txt", "2024-02-20", professional_work=300)
    c = DocumentResult(**{**c.__dict__, "corrected": dict.fromkeys(CONTENT_LABELS, 0.4)})
    weighted = summarise([b, c], ("cell",))[0]["shares_corrected"]
    assert weighted == dict.fromkeys(CONTENT_LABELS, round((0.2 * 100 + 0.4 * 360) / 460, 4))


@pytest.fixture()
def rows():
    return summarise(
        [regular("a.txt", "2024-01-09", professional_work=300), regular("b.txt", "2024-05-02", kind="chuyen_de")],
        ("cell", "quarter"),
    )


def test_render_json_and_jsonl(rows):
    assert json.loads("".join(render_summary(rows, "json"))) == rows
    lines = "".join(render_summary(rows, "jsonl")).splitlines()
    assert [json.loads(line)["period"] for line in lines] == ["2024-Q1", "2024-Q2"]


def test_render_csv(rows):
    table = list(csv.reader(io.StringIO("".join(render_summary(rows, "csv")))))
    assert table[0] == SUMMARY_COLUMNS
    first = dict(zip(table[0], table[1], strict=True))
    assert first["period"] == "2024-Q1" and first["documents"] == "1" and first["files"] == "a.txt"
    assert first["flags"].split(";") == ["professional_dominant", "ideology_low", "no_thematic_meeting"]
    assert float(first["professional_work"]) == pytest.approx(300 / 360, abs=1e-4)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", ["Chi bộ", "Kỳ", "XDĐ", "CM", "vượt ngưỡng 50%", "XDĐ = Xây dựng Đảng"]),
        ("en", ["Cell", "Period", "Party", "Work", "above the 50% limit", "Work = Professional work"]),
    ],
)
def test_render_table_in_both_languages(rows, lang, words):
    text = "".join(render_summary(rows, "table", lang))
    for word in words:
        assert word in text
    assert "2024-Q1" in text and "83%" in text and "Chi bộ thôn Đông · 2024-Q1" in text


def test_render_table_of_nothing():
    assert "không có" in "".join(render_summary([], "table", "vi"))


def test_a_text_that_is_not_minutes_weighs_nothing_in_its_row(tagger):
    from bienban.periods import summarise

    minutes = tagger.tag_text(
        "BIÊN BẢN SINH HOẠT CHI BỘ\nChi bộ thu đảng phí quý III đủ của 15/15 đồng chí và nộp lên Đảng ủy đúng hạn.\n",
        name="a.txt",
    )
    english = tagger.tag_text(
        "The committee met on Tuesday to discuss the budget and closed the meeting at five.", "b.txt"
    )
    meta = {"cell_name": "Chi bộ thôn Đông", "date": "2024-02-01", "kind": "thuong_ky", "cell": "village"}
    docs = [replace(minutes, meta=meta), replace(english, meta=meta)]
    alone = summarise([docs[0]], by=("cell", "quarter"))[0]
    both = summarise(docs, by=("cell", "quarter"))[0]
    assert both["documents"] == 2 and both["shares"] == alone["shares"]
    assert sum(both["shares"].values()) == pytest.approx(1.0, abs=1e-3)
    assert {f["code"] for f in both["flags"]} >= {"not_minutes"}
