import shutil
import subprocess
import sys

import numpy as np
import pytest

from bienban.errors import ModelError
from bienban.model import arrays_path, build_pipeline, load_model, model_paths, save_model
from bienban.types import Context

ITEMS = [
    "Chi bộ thu đảng phí quý III đủ 18 đồng chí.",
    Context("- Chưa có.", heading="4. Kiểm tra, giám sát:", previous="4. Kiểm tra, giám sát:", title="BIÊN BẢN"),
    "II. THẢO LUẬN",
    "Học tập Chỉ thị 05 về tư tưởng, đạo đức, phong cách Hồ Chí Minh; không có từ nào trong từ điển: xyzzy",
]


def test_arrays_give_the_pipelines_probabilities(tiny_model):
    model = load_model(tiny_model)
    assert model.linear is not None and model._pipeline is None  # tagging did not unpickle anything
    fast, vectors = model.predict_proba(ITEMS)
    slow = model.pipeline.predict_proba(ITEMS)
    assert np.allclose(fast, slow, atol=1e-12) and fast.shape == (len(ITEMS), len(model.labels))
    assert model.labels == [str(c) for c in model.pipeline.classes_]
    dense = model.pipeline[:-1].transform(ITEMS).toarray()
    for row, (columns, values) in enumerate(vectors):
        assert np.allclose(dense[row, columns], values) and np.count_nonzero(dense[row]) == len(columns)


def test_explanations_agree_with_the_pipeline(tiny_model):
    from bienban.model import LoadedModel

    fast = load_model(tiny_model)
    slow = LoadedModel(card=fast.card, path=fast.path, _pipeline=fast.pipeline)  # the pickled path
    terms = []
    for model in (fast, slow):
        proba, features = model.predict_proba(ITEMS)
        terms.append([model.explain(features, i, model.labels[int(proba[i].argmax())]) for i in range(len(ITEMS))])
    assert terms[0] == terms[1] and any(terms[0])


def test_tagging_never_imports_scikit_learn(tiny_model, minutes_text):
    code = (
        "import sys; from bienban import Tagger; "
        f"Tagger({str(tiny_model)!r}).tag_text(sys.stdin.read()); "
        "print('sklearn' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], input=minutes_text, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_tampered_arrays_are_refused(tiny_model, tmp_path):
    model, card = model_paths(tiny_model)
    for source in (model, card, arrays_path(model)):
        shutil.copy(source, tmp_path / source.name)
    arrays = arrays_path(tmp_path / model.name)
    data = bytearray(arrays.read_bytes())
    data[len(data) // 2] ^= 0xFF
    arrays.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256|sha256|hash"):
        load_model(tmp_path / model.name)
    arrays.unlink()
    with pytest.raises(ModelError):
        load_model(tmp_path / model.name)


def test_a_pipeline_it_cannot_export_is_unpickled_instead(tmp_path, data_dir):
    import json

    rows = [json.loads(line) for line in (data_dir / "train.jsonl").read_text(encoding="utf-8").splitlines()]
    pipeline = build_pipeline(chars=True).fit([r["text"] for r in rows], [r["label"] for r in rows])
    save_model(pipeline, tmp_path / "chars", {"name": "chars", "version": "x"})
    assert not arrays_path(tmp_path / "chars.joblib").exists()
    model = load_model(tmp_path / "chars")
    assert model.linear is None
    proba, _ = model.predict_proba(ITEMS)
    assert np.allclose(proba, pipeline.predict_proba(ITEMS))
