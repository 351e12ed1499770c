import io
import multiprocessing
import pickle
import socket
import sys
import threading

import pytest

from bienban import BienbanError, InputError, ModelError, Tagger, distribute
from bienban.distribute import _Failure, _tagger, completed, start_method, tag_parallel


@pytest.fixture(scope="module")
def batch(tmp_path_factory, minutes_text):
    """Three distinct small minutes and an unreadable file in the middle: the order must survive."""
    folder = tmp_path_factory.mktemp("batch")
    lines = minutes_text.splitlines()
    paths = []
    for i, part in enumerate((lines[:20], lines[20:40], lines[40:])):
        path = folder / f"m{i}.txt"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        paths.append(path)
    bad = folder / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    return [paths[0], bad, paths[1], paths[2], paths[0]]


def serial(tiny_model, paths):
    return [r.to_dict() for r in Tagger(tiny_model).tag_files(paths)]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_two_workers_give_the_serial_results_in_input_order(tiny_model, batch, method, monkeypatch):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    monkeypatch.setattr(distribute, "start_method", lambda: method)
    # window=2: results wait for the slowest earlier file and memory is bounded
    results = [r.to_dict() for r in tag_parallel(batch, workers=2, window=2, model=tiny_model)]
    assert [r["file"] for r in results] == [str(p) for p in batch]
    assert "error" in results[1] and results[1]["error_code"] == "doc"
    assert results == serial(tiny_model, batch)


def test_one_worker_runs_in_this_process_with_the_same_results(tiny_model, batch):
    assert [r.to_dict() for r in tag_parallel(batch, workers=1, model=tiny_model)] == serial(tiny_model, batch)


def test_standard_input_is_read_by_the_parent(tiny_model, minutes_text, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(minutes_text.encode("utf-8"))))
    [result] = tag_parallel(["-"], workers=1, model=tiny_model)
    assert result.file == "-" and result.to_dict() == Tagger(tiny_model).tag_text(minutes_text, name="-").to_dict()


def test_a_worker_that_cannot_load_the_model_stops_the_batch(tmp_path, batch):
    with pytest.raises(ModelError, match="no model at"):
        list(tag_parallel(batch, workers=1, model=tmp_path / "missing"))


def test_with_forked_workers_the_parent_loads_the_model_once_and_a_bad_one_stops_the_batch(
    tmp_path, batch, tiny_model, monkeypatch
):
    monkeypatch.setattr(distribute, "start_method", lambda: "fork")
    monkeypatch.setattr(distribute, "_TAGGERS", {})
    list(tag_parallel(batch[:2], workers=2, model=tiny_model))
    assert len(distribute._TAGGERS) == 1  # built here, before forking: the workers inherit it
    with pytest.raises(ModelError, match="no model at"):
        list(tag_parallel(batch, workers=2, model=tmp_path / "missing"))


def test_spawned_workers_load_the_model_themselves(batch, tiny_model, monkeypatch):
    monkeypatch.setattr(distribute, "start_method", lambda: "spawn")
    monkeypatch.setattr(distribute, "_TAGGERS", {})
    list(tag_parallel(batch[:2], workers=2, model=tiny_model))
    assert distribute._TAGGERS == {}


def test_workers_are_spawned_when_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        thread.join()
    if sys.platform == "linux" and threading.active_count() == 1:
        assert start_method() == "fork"


def test_a_worker_error_crosses_processes_as_values():
    failure = pickle.loads(pickle.dumps(_Failure("ModelError", "err.model_missing", {"path": "models/x"})))
    error = failure.exception()
    assert isinstance(error, ModelError) and "models/x" in error.en and "models/x" in error.vi


def test_a_worker_with_another_model_refuses(tiny_model):
    with pytest.raises(ModelError, match="differs"):
        _tagger({"model": str(tiny_model), "_sha256": "0" * 64})


def test_the_worker_tagger_is_built_once_per_settings(tiny_model):
    spec = {"model": str(tiny_model), "explain": False, "_sha256": None}
    assert _tagger(spec) is _tagger(dict(spec))
    assert _tagger({**spec, "explain": True}) is not _tagger(spec)


def test_completed_keeps_whole_successful_records_only(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(
        '{"file": "a.txt", "segments": []}\n'
        '{"file": "b.doc", "error": "x"}\n'
        "\n"
        '{"file": "c.txt", "segments": []}\n'
        '{"file": "d.txt", "segm',
        encoding="utf-8",
    )
    assert [f for f, _ in completed(out)] == ["a.txt", "c.txt"]
    assert [line for _, line in completed(out)][0] == '{"file": "a.txt", "segments": []}\n'
    assert list(completed(tmp_path / "none.jsonl")) == []


@pytest.mark.parametrize("line", ["not json", '["file"]', '{"name": "a.txt"}'])
def test_completed_refuses_a_file_that_is_not_results(tmp_path, line):
    out = tmp_path / "notes.jsonl"
    out.write_text('{"file": "a.txt", "segments": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="notes.jsonl:2: not a JSON Lines result"):
        list(completed(out))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_scheduler_is_a_clear_error_without_local_fallback(tiny_model, batch):
    pytest.importorskip("distributed")
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with pytest.raises(BienbanError, match="cannot reach the Dask scheduler") as info:
        list(tag_parallel(batch, scheduler=address, connect_timeout=0.5, model=tiny_model))
    assert address in info.value.en and address in info.value.vi


def test_a_port_that_is_not_a_scheduler_fails_within_the_timeout(tiny_model, batch):
    """distributed's Client alone would wait forever on a listener that never answers."""
    pytest.importorskip("distributed")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        with pytest.raises(BienbanError, match="cannot reach the Dask scheduler"):
            list(tag_parallel(batch, scheduler=address, connect_timeout=0.5, model=tiny_model))


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def test_a_dask_cluster_gives_the_serial_results_in_input_order(tiny_model, batch, cluster):
    found = tag_parallel(batch, scheduler=cluster.scheduler_address, window=2, model=tiny_model)
    results = [r.to_dict() for r in found]
    assert [r["file"] for r in results] == [str(p) for p in batch]
    assert results == serial(tiny_model, batch)


def test_a_dask_worker_reads_relative_paths_from_the_callers_folder(tiny_model, batch, cluster, monkeypatch):
    """Workers keep their own working directory: they are sent absolute paths, results keep the names given."""
    monkeypatch.chdir(batch[0].parent)
    names = [p.name for p in batch] + ["missing.txt"]
    found = [r.to_dict() for r in tag_parallel(names, scheduler=cluster.scheduler_address, model=tiny_model)]
    assert [r["file"] for r in found] == names and "missing.txt: no such file" in found[-1]["error_en"]
    assert found == serial(tiny_model, names)
