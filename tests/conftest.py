from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained with a fixed seed on the small fixture set: fast, and independent of data/."""
    from bienban.training import train

    out = tmp_path_factory.mktemp("model") / "tiny"
    train([DATA / "train.jsonl"], out, seed=0, folds=0)
    return out


@pytest.fixture(scope="session")
def tagger(tiny_model: Path):
    from bienban import Tagger

    return Tagger(tiny_model)


@pytest.fixture(scope="session")
def minutes_text() -> str:
    return (DATA / "minutes.txt").read_text(encoding="utf-8")
