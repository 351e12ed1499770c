import json

import pytest

from bienban import evaluate, train
from bienban.training import scores


def test_scores_are_per_label_and_macro():
    got = scores(["ideology", "ideology", "inspection"], ["ideology", "inspection", "inspection"])
    assert got["accuracy"] == 2 / 3
    assert got["per_label"]["ideology"] == {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2}
    assert got["confusion"] == {"labels": ["ideology", "inspection"], "matrix": [[1, 1], [0, 1]]}


def test_train_is_deterministic_for_a_seed(tmp_path, data_dir):
    from bienban.model import load_model

    texts = [json.loads(line)["text"] for line in (data_dir / "train.jsonl").read_text().splitlines()[:40]]
    a = train([data_dir / "train.jsonl"], tmp_path / "a", seed=7, folds=0)
    b = train([data_dir / "train.jsonl"], tmp_path / "b", seed=7, folds=0)
    assert a["card"]["label_counts"] == b["card"]["label_counts"]
    pa, _ = load_model(tmp_path / "a").predict_proba(texts)
    pb, _ = load_model(tmp_path / "b").predict_proba(texts)
    assert (pa == pb).all()


def test_train_card_records_versions_hashes_and_scores(tmp_path, data_dir):
    result = train([data_dir / "train.jsonl"], tmp_path / "m", seed=0, folds=2)
    card = json.loads((tmp_path / "m.card.json").read_text())
    assert card["sha256"] and card["versions"]["scikit-learn"] and card["versions"]["underthesea"]
    assert str(data_dir / "train.jsonl") in card["data"]["train_files"]
    assert card["cv"]["macro_f1"] == round(result["cv"]["macro_f1"], 4)


def test_evaluate_gold_minutes_reports_document_shares(tmp_path, tiny_model):
    text = "BIÊN BẢN\nChi bộ thu đảng phí quý III đủ của 15/15 đồng chí.\n"
    gold = {
        "segments": [
            {"text": "BIÊN BẢN", "label": "procedural"},
            {"text": "Chi bộ thu đảng phí quý III đủ của 15/15 đồng chí.", "label": "party_building"},
        ]
    }
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate([tmp_path], tiny_model)
    assert report["documents"]["n"] == 1
    assert 0 <= report["documents"]["share_mae"] <= 1
    # one gold boundary (procedural -> party_building) and the segmenter starts a segment there
    assert report["documents"]["boundary_recall"] == 1.0
    assert 0 < report["documents"]["syllable_agreement"] <= 1


def test_calibration_error_is_the_gap_between_confidence_and_accuracy():
    from bienban.training import calibration_error

    assert calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert calibration_error([0.9] * 10, [True] * 5 + [False] * 5) == pytest.approx(0.4)
    # two bins of half the rows each: |1.0 - 0.95| and |0.0 - 0.15|
    assert calibration_error([0.95] * 5 + [0.15] * 5, [True] * 5 + [False] * 5) == pytest.approx(0.1)
    assert calibration_error([], []) == 0.0


def test_train_reports_baselines_calibration_and_the_cv_test_gap(tmp_path, data_dir):
    rows = (data_dir / "train.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.jsonl").write_text("\n".join(rows[::2]), encoding="utf-8")
    (tmp_path / "data" / "b.jsonl").write_text("\n".join(rows[1::2]), encoding="utf-8")
    (tmp_path / "data" / "t.jsonl").write_text("\n".join(rows[::3]), encoding="utf-8")
    (tmp_path / "data" / "splits.json").write_text('{"test": ["t.jsonl"]}', encoding="utf-8")
    result = train([tmp_path / "data"], tmp_path / "m", seed=0, folds=2)
    card = result["card"]
    assert set(card["baselines_test"]) == {"majority", "keywords", "tfidf_linearsvc"}
    assert card["baselines_test"]["majority"]["macro_f1"] < card["test"]["macro_f1"]
    assert 0 <= card["cv"]["ece"] <= 1 and 0 <= card["test"]["ece"] <= 1
    assert card["cv_test_gap"] == pytest.approx(card["cv"]["macro_f1"] - card["test"]["macro_f1"], abs=1e-3)


def test_train_takes_csv_with_text_and_label_columns(tmp_path, data_dir):
    import csv

    rows = [json.loads(line) for line in (data_dir / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    with (tmp_path / "mine.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    result = train([tmp_path / "mine.csv"], tmp_path / "m", seed=0, folds=0)
    assert result["card"]["n_train"] == len(rows)
    assert result["card"]["label_counts"]["ideology"] == sum(r["label"] == "ideology" for r in rows)


def _gold(tmp_path, name, segments):
    """A gold document whose .txt is its segments joined by lines, as data/minutes are rendered."""
    (tmp_path / f"{name}.gold.json").write_text(
        json.dumps({"segments": [{"text": t, "label": lab} for t, lab in segments]}, ensure_ascii=False),
        encoding="utf-8",
    )
    (tmp_path / f"{name}.txt").write_text("\n".join(t for t, _ in segments) + "\n", encoding="utf-8")
    return tmp_path / f"{name}.gold.json"


def test_gold_documents_are_learnt_as_the_tagger_reads_them(tmp_path):
    from bienban.data import load_gold
    from bienban.training import as_tagged

    path = _gold(
        tmp_path,
        "d",
        [
            ("CHI BỘ THÔN ĐÔNG\nSố: 05-BB/CB", "procedural"),
            (
                "1. Chi bộ mặc niệm đ/c Bảy mất tháng 8.\nĐã nộp lại thẻ đảng, hồ sơ đảng viên lên Đảng ủy xã.",
                "party_building",
            ),
            ("- Thu đảng phí quý III đủ 22/22 đồng chí, nộp lên\nđảng ủy xã đúng hạn.", "party_building"),
        ],
    )
    rows = as_tagged(load_gold(path))
    # the header block and the paragraph broken after a full stop are one piece a line, as `segment` finds them;
    # the hard-wrapped line that goes on in lower case stays with its paragraph
    assert [(r.text, r.label) for r in rows] == [
        ("CHI BỘ THÔN ĐÔNG", "procedural"),
        ("Số: 05-BB/CB", "procedural"),
        ("1. Chi bộ mặc niệm đ/c Bảy mất tháng 8.", "party_building"),
        ("Đã nộp lại thẻ đảng, hồ sơ đảng viên lên Đảng ủy xã.", "party_building"),
        ("- Thu đảng phí quý III đủ 22/22 đồng chí, nộp lên\nđảng ủy xã đúng hạn.", "party_building"),
    ]
    assert rows[1].context.previous == "CHI BỘ THÔN ĐÔNG" and all(r.group == "doc:d" for r in rows)


def test_a_piece_takes_the_label_of_most_of_its_syllables(tmp_path):
    from bienban.data import load_gold
    from bienban.training import as_tagged

    # two gold segments that the segmenter joins (a hard wrap: no full stop, lower case next)
    path = _gold(
        tmp_path,
        "d",
        [("Chi bộ quán triệt nghị quyết", "ideology"), ("về xây dựng đảng viên đủ tư cách", "party_building")],
    )
    [row] = as_tagged(load_gold(path))
    assert (
        row.label == "party_building" and row.text == "Chi bộ quán triệt nghị quyết\nvề xây dựng đảng viên đủ tư cách"
    )


def test_a_document_whose_text_disagrees_with_its_gold_is_learnt_from_its_gold(tmp_path):
    from bienban.training import training_examples

    path = _gold(
        tmp_path, "d", [("CHI BỘ THÔN ĐÔNG\nSố: 05-BB/CB", "procedural"), ("Thu đảng phí đủ.", "party_building")]
    )
    (tmp_path / "d.txt").write_text("CHI BỘ THÔN ĐÔNG\nmột dòng khác\n", encoding="utf-8")
    rows = training_examples([path])
    assert [(r.text, r.label) for r in rows] == [
        ("CHI BỘ THÔN ĐÔNG\nSố: 05-BB/CB", "procedural"),
        ("Thu đảng phí đủ.", "party_building"),
    ]


def test_a_gold_document_without_its_text_is_learnt_from_its_gold(tmp_path):
    from bienban.training import training_examples

    segments = [("CHI BỘ THÔN ĐÔNG\nSố: 05-BB/CB", "procedural"), ("Thu đảng phí đủ.", "party_building")]
    path = _gold(tmp_path, "d", segments)
    (tmp_path / "d.txt").unlink()
    assert [r.label for r in training_examples([path])] == ["procedural", "party_building"]


def test_gold_documents_of_the_same_name_in_two_folders_are_both_learnt(tmp_path):
    from bienban.training import training_examples

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = _gold(tmp_path / "a", "d", [("Thu đảng phí đủ.", "party_building")])
    two = _gold(tmp_path / "b", "d", [("Kết nạp đảng viên mới.", "member_development")])
    rows = training_examples([one, two])
    assert sorted((r.text, r.label) for r in rows) == [
        ("Kết nạp đảng viên mới.", "member_development"),
        ("Thu đảng phí đủ.", "party_building"),
    ]


def test_the_card_scores_the_test_minutes_as_paragraphs_and_as_the_tagger_reads_them(tmp_path, data_dir):
    rows = (data_dir / "train.jsonl").read_text(encoding="utf-8").splitlines()
    root = tmp_path / "data"
    root.mkdir()
    (root / "a.jsonl").write_text("\n".join(rows[::2]), encoding="utf-8")
    (root / "b.jsonl").write_text("\n".join(rows[1::2]), encoding="utf-8")
    header = ("CHI BỘ THÔN ĐÔNG\nBIÊN BẢN SINH HOẠT CHI BỘ\nSố: 05-BB/CB", "procedural")
    _gold(root, "t", [header, ("Thu đảng phí quý III đủ 22/22 đồng chí.", "party_building")])
    (root / "splits.json").write_text('{"test": ["t.*"]}', encoding="utf-8")
    card = train([root], tmp_path / "m", seed=0, folds=2)["card"]
    assert card["test"]["n"] == 2 and card["test_as_read"]["n"] == 4  # the header block is three lines
    assert card["cv_test_as_read_gap"] == pytest.approx(
        card["cv"]["macro_f1"] - card["test_as_read"]["macro_f1"], abs=1e-3
    )
