"""The values that travel through the pipeline; their ``to_dict`` is the JSON contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .errors import BienbanError

CONTENT_LABELS: tuple[str, ...] = (
    "party_building",
    "ideology",
    "inspection",
    "member_development",
    "professional_work",
)
PROCEDURAL = "procedural"
LABELS: tuple[str, ...] = (*CONTENT_LABELS, PROCEDURAL)


class Context(NamedTuple):
    """What the model reads for one segment: its text, the heading it sits under, the segment before it and
    the document's title ("BIÊN BẢN ... KẾT NẠP ĐẢNG VIÊN"). A short bullet is often decided by its heading."""

    text: str
    heading: str = ""
    previous: str = ""
    title: str = ""


@dataclass(frozen=True)
class Segment:
    """One agenda segment of a document, with its predicted label."""

    index: int
    text: str
    label: str
    confidence: float
    syllables: int
    needs_review: bool = False
    alternatives: tuple[tuple[str, float], ...] = ()
    explanation: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": self.index,
            "text": self.text,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "syllables": self.syllables,
            "needs_review": self.needs_review,
        }
        if self.needs_review:
            out["alternatives"] = [{"label": lab, "probability": round(p, 4)} for lab, p in self.alternatives]
        if self.explanation:
            out["explanation"] = list(self.explanation)
        return out


def interval_beyond(value: float, threshold: float, interval: tuple[float, float]) -> bool:
    """Whether the whole interval lies on the side of the threshold that ``value`` is on."""
    lo, hi = interval
    return lo > threshold if value > threshold else hi < threshold


@dataclass(frozen=True)
class Flag:
    """A policy finding; ``message`` is Vietnamese and ``message_en`` English, so JSON never depends on --lang."""

    code: str
    severity: str
    message: str
    message_en: str
    value: float | None = None
    threshold: float | None = None
    evidence: tuple[int, ...] = ()
    interval: tuple[float, float] | None = None  # the 90% interval of ``value``, when the shares have one

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "message_en": self.message_en,
        }
        if self.value is not None:
            out["value"] = round(self.value, 4)
        if self.threshold is not None:
            out["threshold"] = self.threshold
        out["evidence"] = list(self.evidence)
        if self.interval is not None:
            out["interval"] = [round(self.interval[0], 4), round(self.interval[1], 4)]
            out["certain"] = self.certain
        return out

    @property
    def certain(self) -> bool:
        """False unless the whole 90% interval of the value lies on the flagged side of the threshold."""
        if self.interval is None or self.threshold is None or self.value is None:
            return True
        return interval_beyond(self.value, self.threshold, self.interval)

    def text(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message


@dataclass(frozen=True)
class DocumentResult:
    """Everything bienban says about one input; a failed input has only ``file`` and ``error``.

    ``meta``: cell_name, cell, date (ISO), kind read from the header (or given by the user);
    ``intervals``: a 90% interval per content label; ``corrected``: shares adjusted for the model's confusion.
    """

    file: str
    segments: tuple[Segment, ...] = ()
    shares: dict[str, float] = field(default_factory=dict)
    flags: tuple[Flag, ...] = ()
    model: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    corrected: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    error_en: str | None = None
    error_code: str | None = None

    @classmethod
    def failed(cls, file: str, error: BienbanError) -> DocumentResult:
        """The result of an input that could not be tagged: its name and the reason, in both languages."""
        return cls(file, error=error.vi, error_en=error.en, error_code=error.code)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"file": self.file, "error": self.error, "error_en": self.error_en, "error_code": self.error_code}
        return {
            "file": self.file,
            "segments": [s.to_dict() for s in self.segments],
            "shares": {k: round(self.shares.get(k, 0.0), 4) for k in CONTENT_LABELS},
            "flags": [f.to_dict() for f in self.flags],
            "model": self.model,
            "meta": dict(self.meta),
            "intervals": {k: [round(lo, 4), round(hi, 4)] for k, (lo, hi) in self.intervals.items()},
            "shares_corrected": {k: round(v, 4) for k, v in self.corrected.items()},
        }
