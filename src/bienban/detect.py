"""Is this text minutes of a Party cell at all? English text or unrelated news gets a ``not_minutes``
flag instead of confident shares: the classifier always answers, so something must say when not to ask."""

from __future__ import annotations

import math
import re
from itertools import islice

from .normalise import clean

# Letters only Vietnamese uses among Latin scripts: a Vietnamese text has them in most syllables.
_VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)
# What a cell's minutes, resolutions and reports talk about, whatever their subject.
_PARTY = re.compile(
    r"\b(?:chi bộ|chi ủy|đảng viên|đảng ủy|đảng phí|bí thư|biên bản|nghị quyết|đồng chí|đ/c|đv|shcb|cấp ủy|"
    r"kết nạp|sinh hoạt|quần chúng|ủy ban kiểm tra|điều lệ đảng|xây dựng đảng|đảng bộ)\b",
    re.IGNORECASE,
)
# The same vocabulary typed without tone marks ("chi bo", "dang vien"): minutes, but not readable here.
_PARTY_FOLDED = re.compile(r"\b(?:chi bo|dang vien|bien ban|dong chi|dang uy|bi thu|nghi quyet)\b", re.IGNORECASE)
# A form's blanks: "ngày .… tháng.… năm …", "Thảo luận: ……………", "CHI BỘ……………..".
_BLANK = re.compile(r"(?:\.\s?){4,}|…\s?…|…\s?\.|\.\s?…|_{4,}")
MIN_BLANK_LINES = 0.3  # share of lines with a blank in an unfilled template
MIN_VIETNAMESE = 0.25  # share of word-like tokens with Vietnamese letters
MIN_PARTY_PER_1000 = 2.0  # party vocabulary per 1,000 syllables, for texts long enough to judge
LANGUAGE_SAMPLE = 600  # tokens enough to tell the language
MIN_TOPIC_TOKENS = 120  # below this, a text is too short to say it is off topic (one pasted paragraph)


def not_minutes_reason(text: str) -> str | None:
    """Why a text is not minutes: ``"language"`` (not Vietnamese), ``"no_diacritics"`` (minutes typed
    without tone marks), ``"template"`` (a form whose blanks are not filled in: its printed instructions
    would be read as content), ``"topic"`` (Vietnamese with no party-cell vocabulary), ``"empty"`` (not a
    single word); None for minutes. Short texts get the benefit of the doubt on the topic."""
    cleaned = clean(text)
    tokens = [t for t in cleaned.split() if any(map(str.isalpha, t))]
    if not tokens:
        return "empty" if cleaned else None  # dashes, numbers, symbols: nothing a meeting said
    sample = tokens[:LANGUAGE_SAMPLE]
    vietnamese = sum(bool(_VIETNAMESE.search(t)) for t in sample) / len(sample)
    if len(tokens) >= 8 and vietnamese < MIN_VIETNAMESE:
        return "no_diacritics" if len(_PARTY_FOLDED.findall(cleaned)) >= 2 else "language"
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) >= 5 and sum(bool(_BLANK.search(line)) for line in lines) >= MIN_BLANK_LINES * len(lines):
        return "template"
    if len(tokens) < MIN_TOPIC_TOKENS:
        return None
    # count party words only as far as the verdict needs: minutes have them on every line
    enough = max(1, math.ceil(MIN_PARTY_PER_1000 * len(tokens) / 1000))
    hits = sum(1 for _ in islice(_PARTY.finditer(cleaned), enough))
    sparse = len(tokens) >= 300 and hits * 1000 / len(tokens) < MIN_PARTY_PER_1000
    if hits == 0 or sparse:
        return "topic"
    return None
