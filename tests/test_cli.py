import json

import pytest
from click.testing import CliRunner

from bienban.cli import cli


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, list(map(str, args)), input=input, env=env, catch_exceptions=False)


def all_commands(group=cli, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_has_help_in_both_languages(lang):
    for path in [(), *all_commands()]:
        result = run("--lang", lang, *path, "--help")
        assert result.exit_code == 0, path
        command = cli
        for name in path:
            command = command.commands[name]
        assert command.help, path
    assert "Tag the segments" in run("--lang", "en", "tag", "--help").stdout
    assert "Gán nhãn các đoạn" in run("--lang", "vi", "tag", "--help").stdout
    assert "Gán nhãn các đoạn" in run("tag", "--help", env={"BIENBAN_LANG": "vi"}).stdout
    assert "Tag the segments" in run("tag", "--help", env={"BIENBAN_LANG": "en"}).stdout


def test_tag_prints_a_table(tiny_model, data_dir):
    result = run("tag", "--model", tiny_model, "--format", "table", data_dir / "minutes.txt")
    assert result.exit_code == 0
    assert "minutes.txt" in result.stdout and "Tỷ lệ" in result.stdout and "Xây dựng Đảng" in result.stdout
    assert result.stderr == ""


def test_tag_json_for_one_file_and_jsonl_by_default_when_piped(tiny_model, data_dir):
    one = run("tag", "-m", tiny_model, "-f", "json", data_dir / "minutes.txt")
    assert one.exit_code == 0 and json.loads(one.stdout)["file"].endswith("minutes.txt")
    piped = run("tag", "-m", tiny_model, data_dir / "minutes.txt", data_dir / "minutes.txt")
    assert [json.loads(line)["file"] for line in piped.stdout.splitlines()] == [str(data_dir / "minutes.txt")] * 2


def test_bad_file_gets_one_line_and_the_batch_goes_on(tiny_model, data_dir, tmp_path):
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run("--lang", "en", "tag", "-m", tiny_model, "-f", "jsonl", bad, data_dir / "minutes.txt")
    assert result.exit_code == 1
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects[0]["file"] == str(bad) and "error" in objects[0]
    assert objects[1]["segments"]
    errors = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(errors) == 1 and "save it as .docx" in errors[0]
    assert "Traceback" not in result.stderr


def test_standard_input(tiny_model, minutes_text):
    result = run("tag", "-m", tiny_model, "-f", "jsonl", "-", input=minutes_text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["file"] == "-"


def test_output_file_is_written_whole_and_format_follows_suffix(tiny_model, data_dir, tmp_path):
    out = tmp_path / "out.csv"
    result = run("tag", "-m", tiny_model, "-o", out, data_dir / "minutes.txt")
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("file,party_building,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_missing_model_is_a_one_line_error(tmp_path, data_dir):
    result = run("tag", "-m", tmp_path / "none", data_dir / "minutes.txt")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "bienban train" in result.stderr


def test_train_evaluate_info(tmp_path, data_dir):
    out = tmp_path / "m"
    trained = run("train", data_dir / "train.jsonl", "-o", out, "--folds", "2")
    assert trained.exit_code == 0, trained.stderr
    assert "Macro-F1" in trained.stdout and (tmp_path / "m.joblib").exists() and (tmp_path / "m.card.json").exists()
    evaluated = run("evaluate", data_dir / "train.jsonl", "-m", out, "-f", "json")
    report = json.loads(evaluated.stdout)
    assert {"macro_f1", "accuracy", "per_label", "confusion"} <= set(report)
    assert set(report["per_label"]["ideology"]) == {"precision", "recall", "f1", "support"}
    assert len(report["confusion"]["matrix"]) == len(report["confusion"]["labels"])
    info = json.loads(run("info", "-m", out, "-f", "json").stdout)
    assert info["sha256"] and info["arrays_sha256"]
    table = run("--lang", "en", "info", "-m", out).stdout
    assert info["sha256"] in table and info["arrays_sha256"] in table and "Cross-validation" in table


def test_train_reports_bad_data_in_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": "nonsense"}\n')
    result = run("--lang", "en", "train", bad, "-o", tmp_path / "m")
    assert result.exit_code == 1 and "unknown label" in result.stderr and "Traceback" not in result.stderr


def test_progress_goes_to_stderr_only(tiny_model, data_dir):
    path = data_dir / "minutes.txt"
    shown = run("tag", "-m", tiny_model, "-f", "jsonl", "--progress", path, path)
    assert "2/2" in shown.stderr and "tệp/s" in shown.stderr
    assert all(line.startswith("{") for line in shown.stdout.splitlines())
    hidden = run("tag", "-m", tiny_model, "-f", "jsonl", path, path)  # not a terminal: no bar
    assert hidden.stderr == ""


def test_review_loop_writes_low_confidence_segments_and_train_takes_them_back(tiny_model, data_dir, tmp_path):
    review = tmp_path / "review.jsonl"
    result = run(
        "tag",
        data_dir / "minutes.txt",
        "-m",
        tiny_model,
        "-f",
        "json",
        "--review-out",
        review,
        "--review-below",
        "1",
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    rows = [json.loads(line) for line in review.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(doc["segments"])  # below 1 every segment needs review
    assert rows[1]["text"] == doc["segments"][1]["text"] and rows[1]["label"] == doc["segments"][1]["label"]
    assert rows[1]["context"]["previous"] == doc["segments"][0]["text"]
    rows[1]["label"] = "inspection"  # a person corrects a label
    review.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    retrained = run("train", data_dir / "train.jsonl", review, "-o", tmp_path / "m2", "--folds", "0")
    assert retrained.exit_code == 0, retrained.stderr
    card = json.loads((tmp_path / "m2.card.json").read_text(encoding="utf-8"))
    assert card["n_train"] == 180 + len(rows)


def test_report_writes_one_html_file_and_names_the_bad_files(tiny_model, data_dir, tmp_path):
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    out = tmp_path / "report.html"
    result = run("--lang", "en", "report", "-m", tiny_model, bad, data_dir / "minutes.txt", "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(errors) == 1 and "save it as .docx" in errors[0] and "Traceback" not in result.stderr
    assert f"Wrote {out}" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert f'data-file="{data_dir / "minutes.txt"}"' in page and 'id="failed"' in page
    assert "old Word format (.doc); save it as .docx" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.doc", "report.html"]  # no temporary file left


def test_report_to_stdout_in_vietnamese_explains_by_default(tiny_model, data_dir):
    shown = run("report", "-m", tiny_model, data_dir / "minutes.txt")
    assert shown.exit_code == 0, shown.stderr
    assert '<html lang="vi">' in shown.stdout and "Chi tiết từng biên bản" in shown.stdout
    assert 'class="term"' in shown.stdout
    hidden = run("report", "-m", tiny_model, "--no-explain", data_dir / "minutes.txt")
    assert hidden.exit_code == 0 and 'class="term"' not in hidden.stdout


def test_report_asks_periods_for_cells_and_quarters_and_goes_on_without_it(tiny_model, data_dir, monkeypatch):
    import sys
    import types

    calls = []

    def summarise(results, by, policy):
        calls.append(([r.file for r in results], by, policy))
        return [{"cell": "Chi bộ Cơ quan", "period": "2018-Q4", "documents": 1, "files": [], "shares": {}, "flags": []}]

    fake = types.ModuleType("bienban.periods")
    fake.summarise = summarise
    monkeypatch.setitem(sys.modules, "bienban.periods", fake)
    result = run("report", "-m", tiny_model, data_dir / "minutes.txt")
    assert result.exit_code == 0, result.stderr
    assert calls and calls[0][0] == [str(data_dir / "minutes.txt")] and calls[0][1] == ("cell", "quarter")
    assert 'data-period="2018-Q4"' in result.stdout
    monkeypatch.setitem(sys.modules, "bienban.periods", None)  # the module absent: no period table, no error
    result = run("report", "-m", tiny_model, data_dir / "minutes.txt")
    assert result.exit_code == 0 and 'id="periods"' not in result.stdout and 'id="summary"' in result.stdout


def test_tag_segments_gives_a_csv_row_per_segment_and_bom_is_for_csv_only(tiny_model, data_dir, tmp_path):
    import csv
    import io

    out = tmp_path / "segments.csv"
    result = run("tag", "-m", tiny_model, "--segments", "--bom", data_dir / "minutes.txt", "-o", out)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    doc = json.loads(run("tag", "-m", tiny_model, "-f", "json", data_dir / "minutes.txt").stdout)
    assert [r["text"] for r in rows] == [s["text"] for s in doc["segments"]]
    assert [r["label"] for r in rows] == [s["label"] for s in doc["segments"]]
    refused = run("--lang", "en", "tag", "-m", tiny_model, "--bom", "-f", "json", data_dir / "minutes.txt")
    assert refused.exit_code == 2 and "--bom applies only to the csv format" in refused.stderr


def test_tag_by_cell_and_quarter_summarises_instead_of_listing_documents(tiny_model, data_dir):
    result = run("tag", "-m", tiny_model, "--by", "cell,quarter", "-f", "json", data_dir / "minutes.txt")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["cell"] == "Chi bộ Cơ quan xã Tân Khánh Trung" and row["cell_type"] == "commune_agency"
    assert row["period"] == "2018-Q4" and row["documents"] == 1 and row["files"] == [str(data_dir / "minutes.txt")]
    assert sum(row["shares"].values()) == pytest.approx(1.0, abs=1e-3)
    assert "no_thematic_meeting" in [f["code"] for f in row["flags"]]
    table = run("--lang", "en", "tag", "-m", tiny_model, "--by", "year", "-f", "table", data_dir / "minutes.txt")
    assert table.exit_code == 0 and "Period" in table.stdout and "2018" in table.stdout and "Cell" not in table.stdout
    assert "2018-Q4 had 0 thematic meetings" in table.stdout


def test_tag_meta_csv_overrides_the_header(tiny_model, data_dir, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("file,cell_name,date,kind\nminutes.txt,Chi bộ thôn Một,2024-02-06,chuyen_de\n", encoding="utf-8")
    doc = json.loads(run("tag", "-m", tiny_model, "--meta", meta, "-f", "json", data_dir / "minutes.txt").stdout)
    assert doc["meta"] == {"cell_name": "Chi bộ thôn Một", "cell": "village", "date": "2024-02-06", "kind": "chuyen_de"}
    plain = json.loads(run("tag", "-m", tiny_model, "-f", "json", data_dir / "minutes.txt").stdout)
    assert plain["meta"]["date"] == "2018-10-05" and plain["meta"]["kind"] == "thuong_ky"
    summary = run("tag", "-m", tiny_model, "--meta", meta, "--by", "quarter", "-f", "jsonl", data_dir / "minutes.txt")
    assert json.loads(summary.stdout)["period"] == "2024-Q1"


def test_tag_policy_file_sets_the_thresholds(tiny_model, data_dir, tmp_path):
    policy = tmp_path / "strict.toml"
    policy.write_text("[meeting]\nprofessional_max = 0.0\nmin_share = {}\n", encoding="utf-8")
    doc = json.loads(run("tag", "-m", tiny_model, "--policy", policy, "-f", "json", data_dir / "minutes.txt").stdout)
    assert [f["code"] for f in doc["flags"]] == ["professional_dominant"]
    assert doc["flags"][0]["threshold"] == 0.0


@pytest.mark.parametrize(
    ("option", "content", "words"),
    [
        ("--policy", "[meeting]\nprofessional_max = 2\n", ["bad.toml", "meeting.professional_max", "outside 0 to 1"]),
        ("--policy", "[meeting]\nprofesional_max = 0.5\n", ["bad.toml", "unknown key meeting.profesional_max"]),
        ("--policy", None, ["bad.toml", "no such policy file"]),
        ("--meta", "file,kind\nminutes.txt,weekly\n", ["bad.toml:2", "unknown kind 'weekly'"]),
        ("--by", None, ["--by 'cell,week' is invalid"]),
    ],
)
def test_tag_bad_policy_meta_or_by_gets_one_line(tiny_model, data_dir, tmp_path, option, content, words):
    path = tmp_path / "bad.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    value = "cell,week" if option == "--by" else path
    result = run("--lang", "en", "tag", "-m", tiny_model, option, value, data_dir / "minutes.txt")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_report_takes_the_same_policy_and_metadata(tiny_model, data_dir, tmp_path):
    policy = tmp_path / "strict.toml"
    policy.write_text("[meeting]\nprofessional_max = 0.0\n", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text("file,cell_name\nminutes.txt,Chi bộ thôn Bảy Mẫu\n", encoding="utf-8")
    result = run("report", "-m", tiny_model, "--policy", policy, "--meta", meta, data_dir / "minutes.txt")
    assert result.exit_code == 0, result.stderr
    assert "Chi bộ thôn Bảy Mẫu" in result.stdout and "professional_dominant" in result.stdout
    bad = run("--lang", "en", "report", "-m", tiny_model, "--policy", tmp_path / "none.toml", data_dir / "minutes.txt")
    assert bad.exit_code == 1 and "no such policy file" in bad.stderr and bad.stdout == ""


@pytest.fixture
def three_minutes(minutes_text, tmp_path):
    lines = minutes_text.splitlines()
    paths = [tmp_path / f"part{i}.txt" for i in range(3)]
    for path, part in zip(paths, (lines[:20], lines[20:40], lines[40:]), strict=True):
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
    return paths


def test_tag_workers_give_the_serial_output(tiny_model, three_minutes, tmp_path):
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    paths = [three_minutes[0], bad, *three_minutes[1:]]
    serial = run("--lang", "en", "tag", "-m", tiny_model, "-f", "jsonl", *paths)
    parallel = run("--lang", "en", "tag", "-m", tiny_model, "-f", "jsonl", "--workers", 2, *paths)
    assert parallel.exit_code == serial.exit_code == 1
    assert parallel.stdout == serial.stdout and len(parallel.stdout.splitlines()) == 4
    assert parallel.stderr == serial.stderr and "old.doc" in parallel.stderr


def test_tag_with_an_unreachable_scheduler_fails_in_one_line(tiny_model, data_dir):
    pytest.importorskip("distributed")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    options = ["--scheduler", address, "--scheduler-timeout", 0.5]
    result = run("--lang", "en", "tag", "-m", tiny_model, *options, data_dir / "minutes.txt")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "cannot reach the Dask scheduler" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", 2, "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--resume"], "--resume needs"),
        (["--resume", "-o", "out.csv"], "--resume needs"),
        (["--resume", "-o", "out.jsonl", "--review-out", "review.jsonl"], "--resume cannot be used with --review-out"),
    ],
)
def test_tag_refuses_workers_with_scheduler_and_resume_without_jsonl(tiny_model, data_dir, args, message):
    result = run("--lang", "en", "tag", "-m", tiny_model, *args, data_dir / "minutes.txt")
    assert result.exit_code == 2
    assert message in result.stderr


def test_resume_skips_files_done_and_redoes_cut_and_failed_ones(tiny_model, three_minutes, tmp_path):
    a, b, c = three_minutes
    out = tmp_path / "out.jsonl"
    kept = json.dumps({"file": str(a), "segments": [], "model": "kept"}) + "\n"
    cut = json.dumps({"file": str(c), "segments": []})[:-10]  # the last line of a writer stopped mid-line
    out.write_text(kept + json.dumps({"file": str(b), "error": "x"}) + "\n" + cut, "utf-8")
    result = run("--lang", "en", "tag", "-m", tiny_model, "--resume", "-o", out, a, b, c)
    assert result.exit_code == 0, result.stderr
    assert "1 files already done" in result.stderr and "2 to go" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0] == kept  # copied as it was, not tagged again
    records = [json.loads(line) for line in lines]
    assert [r["file"] for r in records] == [str(a), str(b), str(c)]
    assert all(r["segments"] and "error" not in r for r in records[1:])
    before = out.read_bytes()
    again = run("--lang", "en", "tag", "-m", tiny_model, "--resume", "-o", out, a, b, c)
    assert again.exit_code == 0 and "0 to go" in again.stderr and out.read_bytes() == before


def test_ctrl_c_keeps_whole_lines_with_resume_and_nothing_without(tiny_model, three_minutes, tmp_path, monkeypatch):
    from bienban.tagger import Tagger

    a, b, c = three_minutes
    tag_file = Tagger.safe_tag_file

    def interrupted_at_b(self, path):
        if path == b:
            raise KeyboardInterrupt
        return tag_file(self, path)

    monkeypatch.setattr(Tagger, "safe_tag_file", interrupted_at_b)
    plain = run("tag", "-m", tiny_model, "-o", tmp_path / "plain.jsonl", a, b, c)
    assert plain.exit_code != 0 and not (tmp_path / "plain.jsonl").exists()
    out = tmp_path / "out.jsonl"
    stopped = run("--lang", "en", "tag", "-m", tiny_model, "--resume", "-o", out, a, b, c)
    assert stopped.exit_code == 130 and "run the same command with --resume" in stopped.stderr
    assert [json.loads(line)["file"] for line in out.read_text(encoding="utf-8").splitlines()] == [str(a)]
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    monkeypatch.undo()
    finished = run("--lang", "en", "tag", "-m", tiny_model, "--resume", "-o", out, a, b, c)
    assert finished.exit_code == 0
    files = [json.loads(line)["file"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert files == [str(a), str(b), str(c)]


def test_resume_refuses_to_overwrite_a_file_that_is_not_results(tiny_model, three_minutes, tmp_path):
    notes = tmp_path / "notes.jsonl"
    notes.write_text("meeting notes, not results\n", encoding="utf-8")
    result = run("--lang", "en", "tag", "-m", tiny_model, "--resume", "-o", notes, *three_minutes)
    assert result.exit_code == 1 and "notes.jsonl:1: not a JSON Lines result" in result.stderr
    assert notes.read_text(encoding="utf-8") == "meeting notes, not results\n"


@pytest.mark.parametrize("option", ["-o", "--review-out"])
def test_an_output_that_cannot_be_written_is_one_line(tiny_model, data_dir, tmp_path, option):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("--lang", "en", "tag", "-m", tiny_model, data_dir / "minutes.txt", option, blocker / "out.jsonl")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_to_a_path_that_cannot_be_written_is_one_line(tiny_model, data_dir, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("--lang", "en", "report", "-m", tiny_model, data_dir / "minutes.txt", "-o", blocker / "r.html")
    assert result.exit_code == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr
