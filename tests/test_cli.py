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
    info = run("info", "-m", out, "-f", "json")
    assert json.loads(info.stdout)["sha256"]
    assert "sha256" in run("info", "-m", out).stdout


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
