"""Map a Tagger over many files on local processes or a Dask cluster, results in input order.

Workers receive paths (and the keyword arguments of a ``Tagger``), never models: each worker process
builds its own Tagger once, on its first file, and keeps it for every later file. Results come back
through a bounded window, so a batch of any size streams with flat memory, and they are exactly the
results of the serial ``Tagger.tag_files``.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import errors
from .errors import BienbanError
from .types import DocumentResult

DEFAULT_CONNECT_TIMEOUT = 10.0


@dataclass(frozen=True)
class _Text:
    """Standard input, read by the parent (a worker has no access to it) and sent as text."""

    name: str
    text: str


@dataclass(frozen=True)
class _Failure:
    """A BienbanError raised in a worker, sent back as values: the exception itself does not pickle."""

    kind: str
    key: str
    values: dict[str, Any]

    def exception(self) -> BienbanError:
        cls = getattr(errors, self.kind, None)
        if not (isinstance(cls, type) and issubclass(cls, BienbanError)):
            cls = BienbanError
        return cls(self.key, **self.values)


@dataclass(frozen=True)
class _File:
    """A file for a Dask worker: read at its absolute path (the worker has its own working directory),
    reported under the name the user gave, as in the serial run."""

    name: str
    path: str


Task = Path | _Text | _File
Outcome = DocumentResult | _Failure

# One Tagger per worker process and settings: built on the first file, kept for the process's life.
_TAGGERS: dict[str, Any] = {}
_TAGGERS_LOCK = threading.Lock()
_TAGGERS_KEPT = 4


def tag_parallel(
    paths: Iterable[str | os.PathLike[str]],
    workers: int | None = None,
    scheduler: str | None = None,
    window: int | None = None,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    **tagger_kwargs: Any,
) -> Iterator[DocumentResult]:
    """Tag files on ``workers`` local processes or on the Dask cluster at ``scheduler``, in input order.

    ``workers``: None for one process per core; 1 tags in this process. ``window``: how many results
    may wait for an earlier, slower file (default 8 per local worker, 4 per Dask thread, at least 16).
    ``tagger_kwargs`` are those of :class:`bienban.Tagger` (``model`` a path or None, ``policy``,
    ``review_below``, ``explain``, ``meta``, ``limits``). A file that fails gives
    a result with ``.error``, as in the serial run. Raises BienbanError (on the first result: this is a
    generator) when the scheduler cannot be reached, a worker cannot load the model, or a worker dies.
    With a scheduler, every worker needs bienban (``pip install 'bienban[dask]'``), the same model, and
    the files at the same paths. Local workers are forked where that is safe and spawned elsewhere
    (:func:`start_method`): a script that calls this needs the ``if __name__ == "__main__":`` guard,
    as with any multiprocessing.
    """
    from .read import iter_inputs

    spec = _spec(tagger_kwargs, check_model=bool(scheduler))
    tasks = (_task(path) for path in iter_inputs(paths))
    if scheduler:
        yield from _on_dask(tasks, scheduler, spec, window, connect_timeout)
    elif workers is None or workers > 1:
        yield from _on_processes(tasks, workers or os.cpu_count() or 1, spec, window)
    else:
        for task in tasks:
            yield _unwrap(task if isinstance(task, DocumentResult) else _run(task, spec))


def _spec(tagger_kwargs: dict[str, Any], check_model: bool) -> dict[str, Any]:
    """The Tagger's arguments as plain values and, for a cluster, the SHA-256 of the model the caller has.

    Dask workers check that hash, so that a cluster whose workers hold another model fails instead of
    giving other labels than the serial run (a model only the workers can see is not checked). Local
    workers resolve the same path in the same environment: no check, and the parent never imports
    scikit-learn, which would only delay the workers' start.
    """
    spec = dict(tagger_kwargs)
    model = spec.get("model")
    sha: str | None = None
    if model is not None and not isinstance(model, str | os.PathLike):  # a LoadedModel: workers get its path
        spec["model"], sha = str(model.path), model.card.get("sha256")
    elif model is not None:
        spec["model"] = str(model)
    if check_model and sha is None:
        from .model import model_paths, read_card, resolve_model_path

        if model_paths(resolve_model_path(model))[0].exists():
            sha = read_card(resolve_model_path(model)).get("sha256")
    spec["_sha256"] = sha
    spec["_key"] = _key(spec)  # computed once here, not again in a worker for every file
    return spec


def _key(spec: dict[str, Any]) -> str:
    import hashlib
    import pickle

    return hashlib.sha256(pickle.dumps(sorted((k, v) for k, v in spec.items() if k != "_key"))).hexdigest()


def _task(path: Path) -> Task | DocumentResult:
    if str(path) != "-":
        return path
    from .read import read_path

    try:
        return _Text("-", read_path(path))
    except BienbanError as exc:
        return DocumentResult.failed("-", exc)


def _tagger(spec: dict[str, Any]) -> Any:
    """This process's Tagger for these settings; built once (under a lock: Dask workers may run threads)."""
    key = spec.get("_key") or _key(spec)
    with _TAGGERS_LOCK:
        found = _TAGGERS.get(key)
        if found is None:
            from .errors import ModelError
            from .tagger import Tagger

            found = Tagger(**{k: v for k, v in spec.items() if not k.startswith("_")})
            expected, have = spec.get("_sha256"), found.model.card.get("sha256")
            if expected and have != expected:
                raise ModelError("err.model_differs", path=str(found.model.path), host=_host())
            while len(_TAGGERS) >= _TAGGERS_KEPT:  # a long-lived Dask worker may serve many settings
                _TAGGERS.pop(next(iter(_TAGGERS)))
            _TAGGERS[key] = found
    return found


def _run(task: Task, spec: dict[str, Any]) -> Outcome:
    """Tag one file in a worker; a model that cannot be loaded comes back as a _Failure."""
    try:
        tagger = _tagger(spec)
    except BienbanError as exc:
        return _Failure(type(exc).__name__, exc.key, exc.values)
    if isinstance(task, _Text):
        try:
            return tagger.tag_text(task.text, name=task.name)
        except BienbanError as exc:
            return DocumentResult.failed(task.name, exc)
    if isinstance(task, _File):
        return _renamed(tagger.safe_tag_file(Path(task.path)), task.path, task.name)
    return tagger.safe_tag_file(task)


def _renamed(result: DocumentResult, path: str, name: str) -> DocumentResult:
    if path == name:
        return result
    from dataclasses import replace

    def fix(text: str | None) -> str | None:
        return text.replace(path, name) if text else text

    return replace(result, file=name, error=fix(result.error), error_en=fix(result.error_en))


def _unwrap(outcome: Outcome) -> DocumentResult:
    if isinstance(outcome, _Failure):
        raise outcome.exception()
    return outcome


def _host() -> str:
    import socket

    return socket.gethostname()


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group: only the parent handles it and stops the pool."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_processes(
    tasks: Iterable[Task | DocumentResult], workers: int, spec: dict[str, Any], window: int | None
) -> Iterator[DocumentResult]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = start_method()
    if method == "fork":  # the workers inherit this process's Tagger and tokeniser: none of them loads anything
        from .tokenise import tokenise

        _tagger(spec)
        tokenise("Chi bộ họp.")
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_quiet_worker)
    limit = window or 8 * workers
    pending: deque[tuple[str, Future[Outcome] | DocumentResult]] = deque()

    def take() -> DocumentResult:
        name, item = pending.popleft()
        if isinstance(item, DocumentResult):
            return item
        try:
            return _unwrap(item.result())
        except BrokenProcessPool:
            raise BienbanError("err.worker_died", file=name) from None

    try:
        for task in tasks:
            if isinstance(task, DocumentResult):
                pending.append((task.file, task))
            else:
                pending.append((_name(task), pool.submit(_run, task, spec)))
            while len(pending) > limit:
                yield take()
        while pending:
            yield take()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def start_method() -> str:
    """``fork`` where it is safe (Linux, no other thread in this process), else ``spawn``.

    A forked worker starts with the Tagger the parent built, so two workers cost what one does; a
    spawned one is a fresh interpreter that imports and loads the model itself (about one cold start,
    paid by all workers at once), safe whatever threads the caller runs.
    """
    import multiprocessing
    import sys

    if sys.platform == "linux" and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _name(task: Task) -> str:
    return task.name if isinstance(task, _Text | _File) else str(task)


def _on_dask(
    tasks: Iterable[Task | DocumentResult],
    scheduler: str,
    spec: dict[str, Any],
    window: int | None,
    timeout: float,
) -> Iterator[DocumentResult]:
    client = _connect(scheduler, timeout)
    pending: deque[tuple[str, Any]] = deque()
    try:
        limit = window or max(16, 4 * sum(client.nthreads().values()))

        def take() -> DocumentResult:
            name, item = pending.popleft()
            if isinstance(item, DocumentResult):
                return item
            try:
                outcome = item.result()
            except Exception as exc:  # the worker could not run bienban, or died on this file
                reason = _one_line(f"{type(exc).__name__}: {exc}")
                raise BienbanError("err.dask_task", file=name, reason=reason) from None
            return _unwrap(outcome)

        for task in tasks:
            if isinstance(task, DocumentResult):
                pending.append((task.file, task))
            else:
                sent = task if isinstance(task, _Text | _File) else _File(str(task), os.path.abspath(task))
                pending.append((_name(task), client.submit(_run, sent, spec, pure=False)))
            while len(pending) > limit:
                yield take()
        while pending:
            yield take()
    finally:
        futures = [item for _, item in pending if not isinstance(item, DocumentResult)]
        if futures:
            client.cancel(futures)
        client.close()


def _one_line(text: str, limit: int = 200) -> str:
    """An exception's text as it fits in a one-line message: distributed's span several lines."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _connect(scheduler: str, timeout: float) -> Any:
    """A client of the scheduler at ``scheduler``, with at least one worker; never a local fallback.

    The scheduler is asked who it is first, within ``timeout``: distributed's own client waits forever
    on an address where something else listens.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        from distributed import Client
    except ImportError:
        raise BienbanError("err.dask_missing") from None
    try:
        with ThreadPoolExecutor(1) as thread:  # its own event loop, even when the caller runs one (Jupyter)
            identity = thread.submit(asyncio.run, asyncio.wait_for(_identity(scheduler, timeout), timeout + 1)).result()
        if not isinstance(identity, dict) or identity.get("type") != "Scheduler":
            raise OSError("not a Dask scheduler")
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = _one_line(str(exc) or type(exc).__name__)
        raise BienbanError("err.no_scheduler", address=scheduler, reason=reason) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        client.close()
        raise BienbanError("err.no_dask_workers", address=scheduler, seconds=f"{timeout:g}") from None
    return client


async def _identity(address: str, timeout: float) -> Any:
    from distributed.comm import connect

    comm = await connect(address, timeout=timeout)
    try:
        await comm.write({"op": "identity", "reply": True})
        return await comm.read()
    finally:
        comm.abort()


def completed(path: str | os.PathLike[str]) -> Iterator[tuple[str, str]]:
    """``(file, line)`` of each whole, successful record of an earlier JSON Lines output of ``bienban tag``.

    What ``--resume`` keeps: a last line cut short by an interrupt, and the records of files that failed,
    are left out, so that those files are tagged again. Streams: the output of a large batch is never
    held in memory. Raises InputError on a whole line that is not a result: the file is something else,
    and rewriting it would lose it.
    """
    import json

    from .errors import InputError

    if not os.path.exists(path):
        return
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.endswith(b"\n"):
                break  # the end of a file whose writer was stopped mid-line
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError:
                record = None
            if not (isinstance(record, dict) and isinstance(record.get("file"), str)):
                raise InputError("err.resume_not_results", file=str(path), line=number)
            if "error" not in record:
                yield record["file"], raw.decode("utf-8")
