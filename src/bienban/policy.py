"""Shares to flags: the thresholds a district sets for its cells' meetings, per meeting and per quarter.

The thresholds live in a TOML file; the one shipped with bienban (``policy.toml`` beside this module) holds
the defaults of :class:`Policy`, and ``bienban tag --policy FILE`` reads another.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from .errors import PolicyError
from .messages import both, label_name
from .meta import KINDS, UNKNOWN
from .types import CONTENT_LABELS, Flag, Segment, interval_beyond

SEVERITIES = ("info", "warning", "error")
# flag families whose severity the policy sets; a family names several codes (share_low: ideology_low, ...)
FLAG_FAMILIES = ("no_content", "professional_dominant", "share_low", "missing_label", "no_thematic_meeting")
DEFAULT_FILE = "policy.toml"


def _default_min_share() -> dict[str, float]:
    return {"ideology": 0.10, "party_building": 0.05}


def _default_severity() -> dict[str, str]:
    return {
        "no_content": "warning",
        "professional_dominant": "warning",
        "share_low": "info",
        "missing_label": "warning",
        "no_thematic_meeting": "warning",
    }


class Meeting(NamedTuple):
    """What the quarter rules need of one meeting."""

    file: str
    shares: Mapping[str, float]
    kind: str


@dataclass(frozen=True)
class Policy:
    """Thresholds for meetings and quarters; the defaults equal the shipped ``policy.toml``.

    ``professional_max``: the share above which a meeting is a work meeting. ``min_share``: the least share
    of a label in a meeting of the kinds in ``min_share_kinds``. ``each_quarter``: labels each cell discusses
    (share at least ``discussed_min``) in some meeting of every quarter. ``thematic_per_quarter``: thematic
    meetings (kind ``chuyen_de``) each cell holds per quarter.
    """

    professional_max: float = 0.5
    min_share: Mapping[str, float] = field(default_factory=_default_min_share)
    min_share_kinds: tuple[str, ...] = ("thuong_ky", "nghi_quyet", "bao_cao", UNKNOWN)
    each_quarter: tuple[str, ...] = ("inspection", "member_development")
    discussed_min: float = 0.02
    thematic_per_quarter: int = 1
    severity: Mapping[str, str] = field(default_factory=_default_severity)
    source: str = field(default="", compare=False)

    def flags(
        self,
        segments: Sequence[Segment],
        shares: Mapping[str, float],
        kind: str = "",
        intervals: Mapping[str, tuple[float, float]] | None = None,
    ) -> list[Flag]:
        """The flags of one meeting; ``kind`` ("" when unknown) decides whether the minimum shares apply.

        With ``intervals`` (90% intervals of the shares), a threshold flag carries the interval of its share
        and says so when the interval reaches across the threshold.
        """
        intervals = intervals or {}
        found: list[Flag] = []
        if not any(s.label in CONTENT_LABELS for s in segments):
            vi, en = both("flag.no_content")
            found.append(Flag("no_content", self._severity("no_content"), vi, en))
            return found
        value = shares.get("professional_work", 0.0)
        if value > self.professional_max:
            vi, en = both("flag.professional_dominant", value=value, threshold=self.professional_max)
            evidence = tuple(s.index for s in segments if s.label == "professional_work")
            severity = self._severity("professional_dominant")
            interval = intervals.get("professional_work")
            vi, en = _with_interval(vi, en, value, interval, self.professional_max)
            found.append(
                Flag("professional_dominant", severity, vi, en, value, self.professional_max, evidence, interval)
            )
        if (kind or UNKNOWN) in self.min_share_kinds:
            for label, minimum in self.min_share.items():
                value = shares.get(label, 0.0)
                if value < minimum:
                    vi, en = label_message("flag.share_low", label, value=value, threshold=minimum)
                    evidence = tuple(s.index for s in segments if s.label == label)
                    interval = intervals.get(label)
                    vi, en = _with_interval(vi, en, value, interval, minimum)
                    severity = self._severity("share_low")
                    found.append(Flag(f"{label}_low", severity, vi, en, value, minimum, evidence, interval))
        return found

    def quarter_flags(self, quarter: str, meetings: Sequence[Meeting]) -> list[dict[str, Any]]:
        """Flags of one cell's quarter: labels no meeting discussed, too few thematic meetings.

        Judged only on the meetings read: the messages say how many, since an archive may be incomplete.
        """
        if not meetings:
            return []
        files = [m.file for m in meetings]
        out: list[dict[str, Any]] = []
        for label in self.each_quarter:
            best = max(m.shares.get(label, 0.0) for m in meetings)
            if best < self.discussed_min or best == 0.0:
                vi, en = label_message("period.missing_label", label, quarter=quarter, n=len(meetings))
                out.append(
                    _period_flag(f"no_{label}", self._severity("missing_label"), vi, en, best, self.discussed_min)
                    | {"evidence": files, "quarter": quarter}
                )
        thematic = [m.file for m in meetings if m.kind == "chuyen_de"]
        if len(thematic) < self.thematic_per_quarter:
            vi, en = both(
                "period.no_thematic", quarter=quarter, found=len(thematic), required=self.thematic_per_quarter,
                n=len(meetings),
            )  # fmt: skip
            severity = self._severity("no_thematic_meeting")
            flag = _period_flag("no_thematic_meeting", severity, vi, en, len(thematic), self.thematic_per_quarter)
            out.append(flag | {"evidence": files, "quarter": quarter})
        return out

    def _severity(self, family: str) -> str:
        return self.severity.get(family, "warning")


def label_message(key: str, label: str, **values: object) -> tuple[str, str]:
    vi, _ = both(key, label=_lower_first(label_name(label, "vi")), **values)
    _, en = both(key, label=label_name(label, "en").lower(), **values)
    return vi, en


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _period_flag(code: str, severity: str, vi: str, en: str, value: float, threshold: float) -> dict[str, Any]:
    return {
        "code": code,
        "severity": severity,
        "message": vi,
        "message_en": en,
        "value": round(value, 4),
        "threshold": threshold,
        "scope": "quarter",
    }


# ---------------------------------------------------------------------------------------------------------------
# reading a policy file
# ---------------------------------------------------------------------------------------------------------------


def default_policy_text() -> str:
    return resources.files("bienban").joinpath(DEFAULT_FILE).read_text(encoding="utf-8")


def load_policy(path: str | os.PathLike[str] | None = None) -> Policy:
    """The policy in a TOML file (the shipped one when ``path`` is None); raises PolicyError when invalid."""
    if path is None:
        return parse_policy(default_policy_text(), DEFAULT_FILE)
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise PolicyError("err.policy_missing", file=name) from None
    except PermissionError:
        raise PolicyError("err.permission", file=name) from None
    except UnicodeDecodeError:
        raise PolicyError("err.policy_toml", file=name, reason="not UTF-8 text") from None
    return parse_policy(text, name)


_FLOAT, _INT, _KINDS, _LABELS, _SHARES, _SEVERITY = "share", "count", "kinds", "labels", "shares", "severity"
SCHEMA: dict[str, dict[str, tuple[str, str]]] = {
    "meeting": {
        "professional_max": (_FLOAT, "professional_max"),
        "min_share": (_SHARES, "min_share"),
        "min_share_kinds": (_KINDS, "min_share_kinds"),
    },
    "period": {
        "each_quarter": (_LABELS, "each_quarter"),
        "discussed_min": (_FLOAT, "discussed_min"),
        "thematic_per_quarter": (_INT, "thematic_per_quarter"),
    },
    "severity": {family: (_SEVERITY, family) for family in FLAG_FAMILIES},
}


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    """A Policy from TOML text; raises PolicyError naming ``source``, the key and the problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError("err.policy_toml", file=source, reason=str(exc)) from None
    values: dict[str, Any] = {}
    severity = _default_severity()
    for section, table in raw.items():
        if section not in SCHEMA:
            raise PolicyError("err.policy_key", file=source, setting=section, known=", ".join(SCHEMA))
        if not isinstance(table, dict):
            raise PolicyError("err.policy_type", file=source, setting=section, **_expected("table"), got=table)
        for key, value in table.items():
            where = f"{section}.{key}"
            if key not in SCHEMA[section]:
                raise PolicyError("err.policy_key", file=source, setting=where, known=", ".join(SCHEMA[section]))
            kind, attribute = SCHEMA[section][key]
            checked = _check(kind, where, value, source)
            if kind == _SEVERITY:
                severity[attribute] = checked
            else:
                values[attribute] = checked
    return Policy(**values, severity=severity, source=source)


def _check(kind: str, where: str, value: Any, source: str) -> Any:
    if kind == _FLOAT:
        return _share(where, value, source)
    if kind == _INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise PolicyError("err.policy_type", file=source, setting=where, **_expected("count"), got=value)
        if value < 0:
            raise PolicyError("err.policy_negative", file=source, setting=where, value=value)
        return value
    if kind == _SEVERITY:
        if not isinstance(value, str):
            raise PolicyError("err.policy_type", file=source, setting=where, **_expected("text"), got=value)
        return _one_of(where, value, SEVERITIES, source)
    if kind == _SHARES:
        if not isinstance(value, dict):
            raise PolicyError("err.policy_type", file=source, setting=where, **_expected("shares"), got=value)
        for label in value:
            if label not in CONTENT_LABELS:
                known = ", ".join(CONTENT_LABELS)
                raise PolicyError("err.policy_key", file=source, setting=f"{where}.{label}", known=known)
        return {label: _share(f"{where}.{label}", share, source) for label, share in value.items()}
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError("err.policy_type", file=source, setting=where, **_expected("list"), got=value)
    allowed: tuple[str, ...] = (*KINDS, UNKNOWN) if kind == _KINDS else CONTENT_LABELS
    return tuple(_one_of(where, v, allowed, source) for v in value)


_EXPECTED = {
    "table": ("một bảng [...]", "a table [...]"),
    "count": ("một số nguyên không âm", "a whole number, 0 or more"),
    "text": ("một chuỗi trong ngoặc kép", "a quoted text"),
    "shares": ("một bảng {nhãn = tỷ lệ}", "a table {label = share}"),
    "list": ('một danh sách ["...", ...]', 'a list ["...", ...]'),
    "share": ("một số từ 0 đến 1", "a number from 0 to 1"),
}


def _expected(kind: str) -> dict[str, str]:
    vi, en = _EXPECTED[kind]
    return {"expected_vi": vi, "expected_en": en}


def _share(where: str, value: Any, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PolicyError("err.policy_type", file=source, setting=where, **_expected("share"), got=value)
    if not 0.0 <= value <= 1.0:
        raise PolicyError("err.policy_range", file=source, setting=where, value=value)
    return float(value)


def _one_of(where: str, value: str, known: Sequence[str], source: str) -> str:
    if value not in known:
        raise PolicyError("err.policy_value", file=source, setting=where, value=value, known=", ".join(known))
    return value


def _with_interval(
    vi: str, en: str, value: float, interval: tuple[float, float] | None, threshold: float
) -> tuple[str, str]:
    """The flag's message with the share's 90% interval, and a word of caution unless the whole interval lies
    on the flagged side of the threshold."""
    if interval is None:
        return vi, en
    lo, hi = interval
    key = "flag.interval" if interval_beyond(value, threshold, interval) else "flag.interval_uncertain"
    extra_vi, extra_en = both(key, lo=lo, hi=hi)
    return vi + extra_vi, en + extra_en
