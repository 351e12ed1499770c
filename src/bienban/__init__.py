"""bienban: how Party cell meetings spend their attention, read from their minutes.

The pipeline: read -> normalise -> segment -> tokenise -> classify -> shares and flags -> report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import BienbanError, DataError, InputError, ModelError, PolicyError
from .types import CONTENT_LABELS, LABELS, DocumentResult, Flag, Segment

if TYPE_CHECKING:
    from .distribute import tag_parallel
    from .meta import MetaTable, load_meta_csv, read_meta
    from .periods import summarise
    from .policy import Policy, load_policy
    from .report import render_html
    from .tagger import Tagger

__all__ = [
    "CONTENT_LABELS",
    "LABELS",
    "BienbanError",
    "DataError",
    "DocumentResult",
    "Flag",
    "InputError",
    "MetaTable",
    "ModelError",
    "Policy",
    "PolicyError",
    "Segment",
    "Tagger",
    "evaluate",
    "load_meta_csv",
    "load_policy",
    "read_meta",
    "render_html",
    "summarise",
    "tag_parallel",
    "train",
]

_LAZY = {"Tagger": "tagger", "Policy": "policy", "render_html": "report"}
_LAZY |= {"load_policy": "policy", "summarise": "periods"}
_LAZY |= dict.fromkeys(("MetaTable", "load_meta_csv", "read_meta"), "meta")
_LAZY |= {"tag_parallel": "distribute"}


def __getattr__(name: str) -> Any:
    """Import the heavy stages (scikit-learn, underthesea) only when they are used: fast start-up."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def train(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """Train a model; see :func:`bienban.training.train`."""
    from .training import train as _train

    return _train(*args, **kwargs)


def evaluate(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """Evaluate a model; see :func:`bienban.training.evaluate`."""
    from .training import evaluate as _evaluate

    return _evaluate(*args, **kwargs)
