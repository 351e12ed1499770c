"""Header metadata of a minutes text: the cell's name and type, the meeting date and the kind of meeting.

Minutes follow the administrative layout of Party documents: the organs (``ĐẢNG BỘ ...``, ``CHI BỘ ...``) at the
top left, the place and date at the top right, then the title (``BIÊN BẢN SINH HOẠT CHI BỘ THƯỜNG KỲ ...``), then
the opening sentence with the time of the meeting. Everything here is read from those first lines with rules;
nothing is learned, so a user can correct any value with a metadata CSV (:class:`MetaTable`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from .errors import InputError
from .normalise import nfc

FIELDS: tuple[str, ...] = ("cell_name", "cell", "date", "kind")
KINDS: tuple[str, ...] = (
    "thuong_ky",
    "chuyen_de",
    "ket_nap",
    "cong_nhan_chinh_thuc",
    "kiem_diem",
    "nghi_quyet",
    "bao_cao",
)
UNKNOWN = "unknown"

# ---------------------------------------------------------------------------------------------------------------
# words
# ---------------------------------------------------------------------------------------------------------------

# Abbreviations of unit names, expanded when names are compared or typed (lower case, after tone folding).
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "htx": "hợp tác xã",
    "tdp": "tổ dân phố",
    "kp": "khu phố",
    "th": "tiểu học",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "mn": "mầm non",
    "đh": "đại học",
    "csđt": "cảnh sát điều tra",
    "csgt": "cảnh sát giao thông",
    "ttxh": "trật tự xã hội",
    "tt": "trật tự",
    "pt": "phát thanh",
    "ptnt": "phát triển nông thôn",
    "bđbp": "bộ đội biên phòng",
    "tnhh": "trách nhiệm hữu hạn",
    "mtv": "một thành viên",
    "cp": "cổ phần",
    "bv": "bệnh viện",
    "tyt": "trạm y tế",
    "p": "phường",
    "q": "quận",
    "tp": "thành phố",
    "tx": "thị xã",
    "cđ": "cao đẳng",
    "cntt": "công nghệ thông tin",
    "ptdtbt": "phổ thông dân tộc bán trú",
    "ptdtnt": "phổ thông dân tộc nội trú",
}
ADMIN_WORDS = ("thị trấn", "thị xã", "thành phố", "xã", "phường", "huyện", "quận", "tỉnh")
# words of unit names that are not a proper name: a cell called only by these needs its place to be told apart
_GENERIC = set(
    "cơ quan ủy ban nhân dân chính quyền trạm y tế chi cục thuế hợp tác xã dịch vụ nông nghiệp đảng mặt trận tổ quốc "
    "đoàn thể văn phòng trường mầm non tiểu học trung cơ sở phổ thông khối hội đồng quân sự công an phường thị trấn "
    "huyện quận tỉnh thành phố và các hạt kiểm lâm tâm phục hành công ban quản lý tư pháp thống kê".split()
)
# kept in lower case when a name written in capitals is given its usual case
_LOWER = set("xã phường huyện quận tỉnh thị trấn thôn ấp bản buôn xóm làng sóc số và khu vực".split())
# unit words in their usual case, used before the body's spelling when a name is written in capitals
_PHRASES = {
    tuple(p.casefold().split()): p.split()
    for p in (
        "Cơ quan, Ủy ban nhân dân, Chính quyền, Hưu trí, Khu phố, Khu vực, Tổ dân phố, Đa khoa, Cổ phần, Biên phòng, "
        "Đại học, Sư phạm, Nông nghiệp, Y tế, Mầm non, Tiểu học, Hợp tác xã, Chi nhánh, Phòng Giao dịch, Thời sự, "
        "Vận động quần chúng, Quản lý, Công an, Bệnh viện, Văn phòng, Sinh học, Hồi sức, Chi cục, Dịch vụ, Cấp nước, "
        "Thoát nước, Bao bì, Gây mê"
    ).split(", ")
}
_ACRONYMS = {"tkv"}  # kept in capitals when a name is recased, with every key of ABBREVIATIONS

# cell types, tried in order on the cell's own name, then on its name with its parent organs
_CELL_RULES: tuple[tuple[str, str], ...] = (
    ("overseas_workers", r"\b(ở|tại) nước ngoài|\bngoài nước"),
    ("retirees", r"hưu trí|cựu chiến binh hưu"),
    ("student", r"\bsinh viên|học viên"),
    ("border_guard", r"biên phòng|bộ đội biên phòng"),
    ("army", r"đại đội|tiểu đoàn|trung đoàn|sư đoàn|lữ đoàn|quân sự|quân đội|hải đội|trung đội|\bkho k\d"),
    ("police", r"công an|cảnh sát"),
    ("tax_office", r"\bthuế\b"),
    ("customs", r"hải quan"),
    ("court_procuracy", r"tòa án|viện kiểm sát|thi hành án"),
    ("forest_ranger", r"kiểm lâm|rừng phòng hộ|vườn quốc gia"),
    ("social_insurance", r"bảo hiểm xã hội"),
    ("bank", r"ngân hàng|agribank|vietcombank|vietinbank|bidv|quỹ tín dụng|phòng giao dịch"),
    ("health_station", r"trạm y tế"),
    ("hospital", r"bệnh viện|trung tâm y tế|phòng khám"),
    ("kindergarten", r"mầm non|mẫu giáo|nhà trẻ"),
    ("secondary_school", r"trung học|thcs|thpt|phổ thông dân tộc nội trú|giáo dục thường xuyên"),
    ("primary_school", r"tiểu học|trường th\b|phổ thông dân tộc bán trú"),
    ("university_faculty", r"đại học|cao đẳng|học viện"),
    ("press_agency", r"\bbáo\b(?! cáo)|phát thanh|truyền hình|tạp chí|thông tấn|\bđài\b"),
    ("cooperative", r"hợp tác xã"),
    ("agricultural_extension", r"khuyến nông|khuyến ngư|bảo vệ thực vật|thú y"),
    ("culture_sport", r"văn hóa|thể thao|thư viện|bảo tàng|di tích|nhà văn hóa"),
    ("state_enterprise", r"xí nghiệp|phân xưởng|tkv|tổng công ty|một thành viên|nhà máy|\bmỏ\b|điện lực|cấp nước"),
    ("transport_service", r"vận tải|bến xe|đường sắt|đường bộ|\bcảng\b|giao thông|đăng kiểm"),
    ("private_company", r"công ty|doanh nghiệp"),
    ("urban_residential", r"tổ dân phố|khu phố|khu dân cư|khối phố|\bkhóm\b|\btổ \d|khu \d"),
    (
        "village",
        r"(?<!nông )\bthôn\b|\bấp\b|\bbản\b|\bbuôn\b|\bxóm\b|\blàng\b|\bsóc\b|\bplei\b|\bpalei\b|\btổ nhân dân\b",
    ),
    ("ward_agency", r"cơ quan.*(phường|thị trấn)|(phường|thị trấn).*cơ quan"),
    ("commune_agency", r"cơ quan|chính quyền|ủy ban nhân dân"),
    ("government_office", r"\bsở\b|\bphòng\b|chi cục|\bcục\b|\bban\b|văn phòng|trung tâm|ủy ban|\bvụ\b"),
)
# a work site abroad names its country in brackets: "CÔNG TRƯỜNG THỦY ĐIỆN NẬM SỎI (HỦA PHĂN - LÀO)"
_ABROAD = re.compile(r"\([^)]*\b(lào|campuchia|cambodia|angola|mozambique|algeria|myanmar|venezuela)\s*\)", re.I)
_WEAK_RULES = 3  # ward_agency, commune_agency, government_office
CELL_TYPES: tuple[str, ...] = tuple(dict.fromkeys(name for name, _ in _CELL_RULES))

# ---------------------------------------------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# "hoà" and "hòa", "thuỷ" and "thủy": the old and new places of the tone mark, folded to one
_TONE_SHIFT = re.compile(rf"(?<![qg])([oOuU])([aAeEyY])([{_TONES}])(?!\w)")


def fold_tones(text: str) -> str:
    """One place for the tone mark in oa/oe/uy syllables, so that "Hoà" and "Hòa" compare equal."""
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_TONE_SHIFT.sub(r"\1\3\2", decomposed))


def _is_upper(text: str) -> bool:
    """Every letter a capital, and at least one letter (letters without case, as in CJK, are not capitals)."""
    return any(map(str.isalpha, text)) and all(map(str.isupper, filter(str.isalpha, text)))


def _expand(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        out.extend(ABBREVIATIONS.get(word, word).split())
    return out


def cell_key(name: str) -> str:
    """The name reduced for comparing and grouping: case, tone placement, punctuation and abbreviations ignored."""
    return re.sub(r"^(chi bộ|cb) ", "", _words_key(name))


def _words_key(text: str) -> str:
    text = fold_tones(text).casefold().replace("&", " và ").replace("pt-th", "phát thanh truyền hình")
    text = re.sub(r"(?<=[^\W\d])(?=\d)", " ", text)  # KP4 -> KP 4
    return " ".join(_expand(re.findall(r"\w+", text)))


# ---------------------------------------------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------------------------------------------

_DATE_WORDS = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{2,4})|(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\5\s*(\d{4}|\d{2})(?![\d/])",
    re.I,
)
_TIME = re.compile(r"(?<![\d/])\d{1,2}\s*(?:giờ|h|g)(?:\s*\d{1,2}(?:\s*phút)?)?(?![a-zà-ỹ])", re.I)
_MEETING_CUE = re.compile(
    r"(thời gian|\btg\b|hôm nay|vào (lúc|hồi)|\bhồi\b|bắt đầu|họp|sinh hoạt|shcb|tiến hành|khai mạc)", re.I
)
# a date that is not the meeting's: a birth date, a cited document's date
_NOT_MEETING = re.compile(
    r"(sinh|số|quy định|quyết định|nghị quyết|chỉ thị|kế hoạch|hướng dẫn|công văn|thông báo|kết luận|"
    r"kết nạp|ban hành|từ|đến|trước|sau)\s*(ngày)?\s*[\w./-]{0,14}\s*$",
    re.I,
)
_PLACE_DATE = re.compile(r"^(?:[^\d,]{2,40},\s*)?ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{2,4}", re.I)
_MONTH_ONLY = re.compile(r"tháng\s*(\d{1,2})\s*(?:/|năm|-)\s*(\d{4})|\bT(\d{1,2})\s*/\s*(\d{4})", re.I)


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        this = dt.date.today().year % 100
        year += 2000 if year <= this + 1 else 1900
    return year


def _make_date(day: str, month: str, year: str) -> str | None:
    try:
        found = dt.date(_year(year), int(month), int(day))
    except ValueError:
        return None
    return found.isoformat() if 1930 <= found.year <= 2100 else None


def parse_date(text: str) -> str | None:
    """An ISO date (or ``YYYY-MM``) from "2019-08-06", "06/8/2019", "6-8-19" or "ngày 06 tháng 8 năm 2019"."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if iso:
        if iso.group(3) is None:
            month = int(iso.group(2))
            return f"{int(iso.group(1)):04d}-{month:02d}" if 1 <= month <= 12 else None
        return _make_date(iso.group(3), iso.group(2), iso.group(1))
    for found, _start in _dates_in(text):
        return found
    only = _MONTH_ONLY.search(text)
    if only:
        m, y = (only.group(1), only.group(2)) if only.group(1) else (only.group(3), only.group(4))
        return f"{int(y):04d}-{int(m):02d}" if 1 <= int(m) <= 12 else None
    return None


def _dates_in(line: str) -> list[tuple[str, int]]:
    out = []
    for m in _DATE_WORDS.finditer(line):
        if m.group(1):
            found = _make_date(m.group(1), m.group(2), m.group(3))
        else:
            found = _make_date(m.group(4), m.group(6), m.group(7))
        if found:
            out.append((found, m.start()))
    return out


def _meeting_dates(line: str) -> list[str]:
    """Dates on a line that a time of day or a cue such as "Thời gian:" or "Hôm nay" marks as the meeting's."""
    out = []
    for found, start in _dates_in(line):
        before = line[max(0, start - 45) : start]
        if _NOT_MEETING.search(before):
            continue
        end = start + 30
        near = line[max(0, start - 30) : end]
        if _TIME.search(near) or _MEETING_CUE.search(before):
            out.append(found)
    return out


# ---------------------------------------------------------------------------------------------------------------
# the header
# ---------------------------------------------------------------------------------------------------------------

_TITLE = re.compile(r"^(biên bản|bb\b|nghị quyết|báo cáo|shcb\b)", re.I)
_BODY_START = re.compile(
    r"^([-–*•]\s*)?(thời gian|tg\b|hôm nay|vào (lúc|hồi)|hồi \d|căn cứ|thực hiện|i\.|1[./)]|ngày \d|địa điểm|"
    r"hội nghị bắt đầu)",
    re.I,
)
_ORGAN = re.compile(r"^(chi bộ|cb|đảng bộ|đảng ủy|đảng uỷ|đb|đu)\s+(.+)$", re.I)
_SKIP = re.compile(r"^(đảng cộng sản việt nam|[*\-–_=.\s]+|số\s*[:\d].*|.*ngày\s+\d{1,2}\s+tháng.*|ngày .*)$", re.I)
_SPLIT_ORGANS = re.compile(r"\s+[-–]\s+(?=(?:chi bộ|cb|đảng bộ|đảng ủy|đb)\b)", re.I)


_MEETING_TAIL = re.compile(
    r"\s+((?:sinh hoạt|họp)\b.*\b(?:tháng|năm|quý|thường kỳ|định kỳ|chuyên đề|kết nạp)\b.*)$", re.IGNORECASE
)


class _Header:
    def __init__(self, text: str) -> None:
        # header lines are short: a cap keeps a pathological one-line file from costing seconds
        lines = [line.strip()[:1000] for line in nfc(text[:200_000]).splitlines()[:60]]
        self.lines = lines
        self.title_at = next((i for i, line in enumerate(lines[:25]) if _TITLE.match(line)), None)
        head_end = self.title_at if self.title_at is not None else min(len(lines), 8)
        self.own = ""
        self.parents: list[str] = []
        last: list[str] | None = None
        for line in lines[:head_end]:
            for column in re.split(r"\s{3,}|\t+", line):
                column = column.strip(" *")
                if not column:
                    continue
                for part in _SPLIT_ORGANS.split(column):
                    match = _ORGAN.match(part)
                    # an organ line is in capitals, or short and not a sentence ("ĐB phường Đông Khê - CB TDP số 9")
                    if match and not _is_upper(part) and (len(part.split()) > 9 or re.search(r"[.,;:]\s|\d/", part)):
                        match = None
                    if match:
                        if match.group(1).casefold() in ("chi bộ", "cb"):
                            self.own = match.group(2).strip()
                            last = None
                        else:
                            self.parents.append(match.group(2).strip())
                            last = self.parents
                    elif last is not None and _is_upper(part) and not _SKIP.match(part):
                        last[-1] = f"{last[-1]} {part}"  # a parent written over two lines
        # a website's post may name the cell and the meeting on one line: "CHI BỘ TRƯỜNG MN BÌNH HẢI SINH HOẠT
        # THƯỜNG KỲ THÁNG 9 NĂM 2023"; the meeting is the title, the rest the cell
        own_title = ""
        tail = _MEETING_TAIL.search(self.own)
        if tail and len(self.own[: tail.start()].split()) >= 2:
            self.own, own_title = self.own[: tail.start()].strip(), tail.group(1)
        self.title_lines: list[str] = []
        if self.title_at is not None:
            for line in lines[self.title_at : self.title_at + 4]:
                if not line or (self.title_lines and _BODY_START.match(line)):
                    if self.title_lines and not line and len(self.title_lines) == 1:
                        continue
                    break
                self.title_lines.append(line)
        if not self.title_lines and own_title:
            self.title_lines = [own_title]
        if not self.title_lines:  # no header at all: a post whose first line says what met ("... sinh hoạt tháng 5")
            first = next((line for line in lines[:3] if line), "")
            tail = _MEETING_TAIL.search(" " + first)
            if tail:
                self.title_lines = [tail.group(1)]
        start = self.title_at if self.title_at is not None else 0
        self.body = [line for line in lines[start:] if line and not _is_upper(line)]

    @property
    def town(self) -> str:
        """The place of the date line ("Quảng Hợp" in "Quảng Hợp, ngày 06 tháng 8 năm 2019")."""
        for line in self.lines[: (self.title_at or 10) + 1]:
            for column in re.split(r"\s{3,}|\t+", line):
                found = re.match(r"^([^\d,]{2,40}),\s*ngày\s+\d", column.strip(), re.I)
                if found:
                    return found.group(1).strip()
        return ""

    def place_dates(self) -> list[str]:
        end = self.title_at if self.title_at is not None else 10
        out: list[str] = []
        for line in self.lines[: end + 1]:
            for column in re.split(r"\s{3,}|\t+", line):
                if _PLACE_DATE.match(column.strip()):
                    out.extend(found for found, _ in _dates_in(column))
        return out

    def meeting_dates(self) -> list[str]:
        start = self.title_at if self.title_at is not None else 0
        out = []
        for line in self.lines[start : start + 16]:
            out.extend(_meeting_dates(line))
        return out

    def other_dates(self) -> list[str]:
        out = []
        for line in self.lines[:16]:
            for found, start in _dates_in(line):
                if not _NOT_MEETING.search(line[max(0, start - 45) : start]):
                    out.append(found)
        return out


def _kind(title: list[str]) -> str:
    if not title:
        return ""
    first = title[0].casefold()
    if first.startswith("nghị quyết"):
        return "nghi_quyet"
    if first.startswith("báo cáo"):
        return "bao_cao"
    rules = (
        (
            "cong_nhan_chinh_thuc",
            r"công nhận\b.{0,50}\bchính thức|chuyển đảng chính thức|dự bị thành đảng viên chính thức",
        ),
        ("ket_nap", r"kết nạp"),
        ("kiem_diem", r"kiểm điểm|xếp loại"),
        ("chuyen_de", r"chuyên đề"),
    )
    for line in title:
        low = line.casefold()
        for kind, pattern in rules:
            found = re.search(pattern, low)
            if found and not (kind == "chuyen_de" and re.search(r"thường kỳ|định kỳ", low[: found.start()])):
                return kind  # "thường kỳ ... gắn với chuyên đề": a regular meeting with a thematic part
    return "thuong_ky"


def _recase(words: list[str], body: str, first_capital: bool) -> list[str]:
    """Give a name written in capitals the case it has in the body, word runs first, then word by word."""
    out: list[str] = []
    # In Vietnamese text any phrase the regex finds is in here (re.I also folds ſ, ϑ, İ, which lower() does
    # not); most spans are not, and skip the regex.
    flat = " ".join(body.split()).lower()
    i = 0
    while i < len(words):
        phrase = next(
            (p for k in (4, 3, 2, 1) if (p := _PHRASES.get(tuple(w.casefold() for w in words[i : i + k])))), None
        )
        if phrase:
            out.extend(phrase)
            i += len(phrase)
            continue
        for j in range(len(words), i, -1):
            if j - i < 2 or " ".join(words[i:j]).lower() not in flat:
                found = None
            else:
                pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words[i:j]) + r"(?!\w)"
                found = re.search(pattern, body, re.I)
            if found and not _is_upper(found.group(0)):
                out.extend(found.group(0).split())
                i = j
                break
        else:
            low = words[i].casefold()
            if any(part in _ACRONYMS or part in ABBREVIATIONS for part in low.split("-")) or re.search(r"\d", low):
                out.append(words[i])
            elif low in _LOWER:
                out.append(low)
            else:
                out.append(low[:1].upper() + low[1:])
            i += 1
    if first_capital and out and out[0][:1].islower():
        out[0] = out[0][:1].upper() + out[0][1:]
    return out


def _cased(name: str, body: str) -> str:
    if not _is_upper(name):
        return name
    words = name.split()
    return " ".join(_recase(words, body, first_capital=words[0].casefold() not in _LOWER))


def _admin_place(parent: str, town: str) -> tuple[str, str] | None:
    """("xã", "Tân Khánh Trung") from "XÃ TÂN KHÁNH TRUNG" or "KHỐI CƠ QUAN HUYỆN NGHĨA HÀNH".

    A parent that ends with its level alone ("CƠ QUAN CHÍNH QUYỀN HUYỆN") takes the place of the date line.
    """
    pattern = r"(?<!\w)(" + "|".join(ADMIN_WORDS) + r"|p\.|tp\.)(?:\s+(.+))?$"
    found = None
    for found in re.finditer(pattern, parent, re.I):  # noqa: B007 - the last one: the nearest level
        pass
    if found is None or not (found.group(2) or town):
        return None
    word = {"p.": "phường", "tp.": "thành phố"}.get(found.group(1).casefold(), found.group(1))
    return word.casefold(), (found.group(2) or town).strip()


_ENDS_WITH_LEVEL = re.compile(r"(?<!\w)(" + "|".join(ADMIN_WORDS) + r")$")


def _cell_name(header: _Header) -> str:
    if not header.own:
        return _name_from_body(header.body)
    body = "\n".join(header.body)
    own = header.own
    parent = header.parents[-1] if header.parents else ""
    own_words = _words_key(own).split()
    name = _cased(own, body)
    place = _admin_place(parent, header.town) if parent else None
    if place and _ENDS_WITH_LEVEL.search(" ".join(own_words)):  # "CHI BỘ CƠ QUAN UBND XÃ"
        return f"Chi bộ {name} {_cased(place[1], body)}"
    # a cell named by its kind alone ("CHI BỘ CƠ QUAN"), or under a block of agencies grouped by place
    # ("ĐẢNG BỘ KHỐI CƠ QUAN HUYỆN ..."): the place tells it apart
    block = re.match(r"(khối (các )?)?cơ quan\b", parent, re.I)
    if place and (block or all(w in _GENERIC for w in own_words)):
        return f"Chi bộ {name} {place[0]} {_cased(place[1], body)}"
    if parent and not re.match(r"khối\b", parent, re.I) and _words_key(parent) not in _words_key(own):
        return f"Chi bộ {name}, {_cased(parent, body)}"
    return f"Chi bộ {name}"


# lower-case words that may sit inside a cell's name in running text ("Chi bộ Trường Mầm non Hoa Sen")
_INNER = set("học non quan dân phố tế xã phường thôn ấp bản buôn số cấp trí nghiệp vụ và khu vực tổ".split())


def _name_from_body(body: list[str]) -> str:
    """The name in running text ("... Chi bộ Trường Tiểu học Kim Đồng họp ...") when no header names it."""
    for line in body[:12]:
        for found in re.finditer(r"\bChi bộ\s+", line):
            words: list[str] = []
            for word in line[found.end() :].split():
                bare = word.strip(",.;:()")
                if not bare or not (bare[0].isupper() or bare[0].isdigit() or bare in _INNER):
                    break
                words.append(bare)
                if bare != word:
                    break
            while words and words[-1] in _INNER and not words[-1][0].isdigit():
                words.pop()
            if words and any(w[0].isupper() for w in words):
                return "Chi bộ " + " ".join(words)
    return ""


def cell_type(name: str, context: str = "") -> str:
    """The type of a cell from its name (and its parent organs as ``context``); "" when nothing fits."""
    if _ABROAD.search(name):
        return "overseas_workers"
    own = re.sub(r"^chi bộ ", "", _words_key(name.split(",")[0]))
    whole = _words_key(name)
    texts = (own, whole, f"{whole} {_words_key(context)}")
    # a department ("Phòng Thời sự") takes the type of what it belongs to ("Đài PT-TH"): the words that
    # only say "an agency" are tried last
    for rules in (_CELL_RULES[:-_WEAK_RULES], _CELL_RULES[-_WEAK_RULES:]):
        for text in texts:
            for kind, pattern in rules:
                if re.search(pattern, text):
                    if kind == "government_office":  # an office of a commune or ward is one of its agencies
                        level = re.match(r"(xã|thị trấn|phường)\b", _words_key(context))
                        kind = {None: kind, "phường": "ward_agency"}.get(level and level.group(1), "commune_agency")
                    return kind
    return ""


def read_meta(text: str, given: Mapping[str, str] | None = None) -> dict[str, str]:
    """``cell_name``, ``cell`` (type), ``date`` (ISO) and ``kind`` of one minutes text; "" when not found.

    ``given`` values (from the user's metadata file) win over what the header says; a name given without a
    type gets the type its name implies.
    """
    header = _Header(text)
    kind = _kind(header.title_lines)
    place, meeting = header.place_dates(), header.meeting_dates()
    # A minutes file records a meeting: its date is the meeting's. A resolution or a report is dated when issued.
    order = (place, meeting) if kind in ("nghi_quyet", "bao_cao") else (meeting, place)
    candidates = [*order[0], *order[1], *header.other_dates()]
    date = candidates[0] if candidates else ""
    if not date:
        for line in header.title_lines:
            date = parse_date(line) or ""
            if date:
                break
    name = _cell_name(header)
    found = {
        "cell_name": name,
        "cell": cell_type(name, " ".join(header.parents)),
        "date": date,
        "kind": kind,
    }
    if given:
        for key in FIELDS:
            value = (given.get(key) or "").strip()
            if value:
                found[key] = value
        if (given.get("cell_name") or "").strip() and not (given.get("cell") or "").strip():
            found["cell"] = cell_type(found["cell_name"]) or found["cell"]
    return found


# ---------------------------------------------------------------------------------------------------------------
# the user's metadata file
# ---------------------------------------------------------------------------------------------------------------


class MetaTable:
    """Metadata a user gives per file (columns file, cell_name, cell, date, kind; any subset but file).

    A row matches a result whose file is the same path, ends with the row's path, or has the same file name.
    """

    def __init__(self, rows: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.rows: dict[str, dict[str, str]] = {}
        self._by_name: dict[str, list[str]] = {}
        for file, values in (rows or {}).items():
            key = _path_key(file)
            self.rows[key] = {k: v for k, v in values.items() if k in FIELDS and v}
            self._by_name.setdefault(key.rsplit("/", 1)[-1], []).append(key)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, file: str) -> dict[str, str]:
        key = _path_key(file)
        if key in self.rows:
            return self.rows[key]
        candidates = self._by_name.get(key.rsplit("/", 1)[-1], [])
        suffix = [c for c in candidates if key.endswith("/" + c) or c.endswith("/" + key)]
        if len(suffix) == 1:
            return self.rows[suffix[0]]
        if len(candidates) == 1:
            return self.rows[candidates[0]]
        return {}


def _path_key(file: str | os.PathLike[str]) -> str:
    return PurePath(os.path.normpath(str(file))).as_posix().lstrip("./") or str(file)


def parse_meta_csv(text: str, source: str) -> MetaTable:
    """A :class:`MetaTable` from CSV text; raises InputError naming the file, the line and the problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip() for c in reader.fieldnames or []]
    if "file" not in columns:
        raise InputError("err.meta_columns", file=source, columns=", ".join(("file", *FIELDS)))
    unknown = [c for c in columns if c not in ("file", *FIELDS)]
    if unknown:
        raise InputError("err.meta_column", file=source, column=unknown[0], columns=", ".join(("file", *FIELDS)))
    rows: dict[str, dict[str, str]] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): nfc((v or "").strip()) for k, v in raw.items() if k is not None}
        if not row.get("file"):
            raise InputError("err.meta_file", file=source, line=number)
        if row.get("kind") and row["kind"] not in KINDS:
            raise InputError("err.meta_kind", file=source, line=number, value=row["kind"], kinds=", ".join(KINDS))
        if row.get("date"):
            date = parse_date(row["date"])
            if not date:
                raise InputError("err.meta_date", file=source, line=number, value=row["date"])
            row["date"] = date
        if row.get("cell") and not re.fullmatch(r"[a-z][a-z0-9_]*", row["cell"]):
            raise InputError("err.meta_cell", file=source, line=number, value=row["cell"])
        rows[row.pop("file")] = row
    return MetaTable(rows)


def load_meta_csv(path: str | os.PathLike[str]) -> MetaTable:
    """The :class:`MetaTable` of a CSV file (UTF-8, with or without BOM); raises InputError naming the file."""
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except (FileNotFoundError, IsADirectoryError):
        raise InputError("err.not_found", file=name) from None
    except PermissionError:
        raise InputError("err.permission", file=name) from None
    except UnicodeDecodeError:
        raise InputError("err.not_text", file=name) from None
    return parse_meta_csv(text, name)
