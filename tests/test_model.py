import json
import shutil

import pytest

from bienban.errors import ModelError
from bienban.model import build_pipeline, load_model, model_paths, resolve_model_path, shipped_model_path

TEXTS = ["Chi bộ thu đảng phí quý III đủ 18 đồng chí.", "Học tập Chỉ thị 05 về tư tưởng Hồ Chí Minh."]


def copy_model(src, dst_dir):
    model, card = model_paths(src)
    shutil.copy(model, dst_dir / model.name)
    shutil.copy(card, dst_dir / card.name)
    return dst_dir / model.name.removesuffix(".joblib")


def test_pipeline_follows_sklearn_conventions():
    pipe = build_pipeline(seed=3)
    assert [name for name, _ in pipe.steps] == ["tokenise", "features", "classify"]
    assert pipe.named_steps["tokenise"].func.__module__ == "bienban.tokenise"
    assert not hasattr(pipe, "classes_")


def test_save_then_load_gives_identical_predictions(tiny_model, tagger):
    again = load_model(tiny_model)
    first, _ = tagger.model.predict_proba(TEXTS)
    second, _ = again.predict_proba(TEXTS)
    assert (first == second).all()


def test_tampered_model_is_refused_before_unpickling(tiny_model, tmp_path):
    path = copy_model(tiny_model, tmp_path)
    model_file, _ = model_paths(path)
    data = bytearray(model_file.read_bytes())
    data[-10] ^= 0xFF
    model_file.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match the SHA-256"):
        load_model(path)


def test_truncated_model_is_refused(tiny_model, tmp_path):
    path = copy_model(tiny_model, tmp_path)
    model_file, _ = model_paths(path)
    model_file.write_bytes(model_file.read_bytes()[:1000])
    with pytest.raises(ModelError, match="SHA-256"):
        load_model(path)


def test_missing_card_is_refused(tiny_model, tmp_path):
    path = copy_model(tiny_model, tmp_path)
    model_paths(path)[1].unlink()
    with pytest.raises(ModelError, match="has no card"):
        load_model(path)


def test_missing_model_says_how_to_train(tmp_path):
    with pytest.raises(ModelError, match="bienban train data/"):
        load_model(tmp_path / "none")


def test_incompatible_scikit_learn_is_refused(tiny_model, tmp_path):
    path = copy_model(tiny_model, tmp_path)
    card_file = model_paths(path)[1]
    card = json.loads(card_file.read_text())
    card["versions"]["scikit-learn"] = "0.24.2"
    card_file.write_text(json.dumps(card))
    with pytest.raises(ModelError, match="scikit-learn 0.24.2"):
        load_model(path)


def test_model_path_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("BIENBAN_MODEL", raising=False)
    assert resolve_model_path(None) == shipped_model_path()
    monkeypatch.setenv("BIENBAN_MODEL", str(tmp_path / "env"))
    assert resolve_model_path(None) == tmp_path / "env"
    assert resolve_model_path(tmp_path / "named") == tmp_path / "named"


def test_shipped_model_loads_and_names_itself():
    model = load_model(shipped_model_path())
    assert set(model.labels) == {
        "party_building",
        "ideology",
        "inspection",
        "member_development",
        "professional_work",
        "procedural",
    }
    assert model.card["sha256"] and model.card["label_counts"]


def test_the_heading_decides_a_short_bullet():
    from bienban.types import Context

    items, labels = [], []
    for heading, label in [
        ("Về công tác kiểm tra, giám sát:", "inspection"),
        ("Về phát triển đảng viên:", "member_development"),
    ]:
        for k in range(6):
            items.append(Context(f"- Đ/c số {k}: nhất trí, không có ý kiến khác.", heading=heading))
            labels.append(label)
    pipe = build_pipeline(seed=0, calibrate=False).fit(items, labels)
    probe = "- Đ/c Nam: nhất trí, không có ý kiến khác."
    assert pipe.predict([Context(probe, heading="Về công tác kiểm tra, giám sát:")])[0] == "inspection"
    assert pipe.predict([Context(probe, heading="Về phát triển đảng viên:")])[0] == "member_development"


def test_plain_strings_are_segments_without_context(tiny_model):
    from bienban.types import Context

    model = load_model(tiny_model)
    a, _ = model.predict_proba(TEXTS)
    b, _ = model.predict_proba([Context(t) for t in TEXTS])
    assert (a == b).all()
