import dataclasses
import re
from html.parser import HTMLParser

import pytest

from bienban.messages import LABEL_NAMES, t
from bienban.report import COLOURS, STACK, render_html
from bienban.types import CONTENT_LABELS, DocumentResult, Flag, Segment

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children, self.text_parts = tag, dict(attrs), parent, [], []

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def text(self):
        return "".join(
            self.text_parts[0:1] + [c.text() + tail for c, tail in zip(self.children, self.text_parts[1:], strict=True)]
        )

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes())
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert found, (tag, cls, attrs)
        return found[0]


class Tree(HTMLParser):
    """A small DOM from the stdlib parser; it fails on unbalanced tags, so broken markup cannot pass."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#root", {})
        self.node.text_parts.append("")
        self.feed(page)
        self.close()
        assert self.node is self.root, f"unclosed <{self.node.tag}>"

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.node)
        node.text_parts.append("")
        self.node.children.append(node)
        self.node.text_parts.append("")
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.node = self.node.parent

    def handle_endtag(self, tag):
        assert self.node.tag == tag, f"</{tag}> closes <{self.node.tag}>"
        self.node = self.node.parent

    def handle_data(self, data):
        self.node.text_parts[-1] += data


def parse(page):
    return Tree(page).root


def flat(text):
    return " ".join(text.split())


def segment(index, label, confidence=0.9, text=None, **kw):
    text = text or f"Đoạn {index} nói về {label}"
    return Segment(index, text, label, confidence, len(text.split()), **kw)


@pytest.fixture(scope="module")
def documents(tagger, minutes_text):
    """A real tagged document, a synthetic one with every optional part, a dated series and a failed file."""
    real = tagger.tag_text(minutes_text, name="tests/data/minutes.txt")
    real = dataclasses.replace(real, meta={}, intervals={}, corrected={})  # undated, plain shares
    flag = Flag(
        "professional_dominant",
        "warning",
        "công tác chuyên môn chiếm 68%, vượt ngưỡng 50%",
        "professional work takes 68% of the meeting, above the 50% limit",
        0.68,
        0.5,
        (1, 2),
    )
    rich = DocumentResult(
        "archive/xa <b>A</b> & co.txt",
        segments=(
            segment(0, "procedural", 0.99, text="Tổng số đảng viên 15 đồng chí, có mặt 14."),
            segment(1, "professional_work", 0.95),
            segment(
                2,
                "professional_work",
                0.41,
                needs_review=True,
                alternatives=(("professional_work", 0.41), ("ideology", 0.38)),
                explanation=("thu ngân sách", "nông thôn mới"),
            ),
            segment(3, "ideology", 0.9, text="<script>alert(1)</script> học tập nghị quyết"),
        ),
        shares={
            "party_building": 0.1,
            "ideology": 0.22,
            "inspection": 0.0,
            "member_development": 0.0,
            "professional_work": 0.68,
        },
        flags=(flag,),
        model="bienban-test",
        meta={"cell_name": "Chi bộ Cơ quan", "date": "2019-08-06", "kind": "thuong_ky"},
        intervals={"professional_work": (0.61, 0.74), "ideology": (0.15, 0.3)},
        corrected={"professional_work": 0.655, "ideology": 0.231},
    )
    later = [
        dataclasses.replace(real, file=f"minutes-{month}.txt", meta={"cell_name": cell, "date": f"2019-{month:02d}-05"})
        for cell, month in (
            ("Chi bộ Cơ quan", 9),
            ("CHI BỘ CƠ QUAN", 11),
            ("Chi bộ ấp Tân Hòa", 10),
            ("Chi bộ ấp Tân Hòa", 12),
            ("Chi bộ ấp Bình Lợi", 10),
        )
    ]
    failed = DocumentResult(
        "old.doc",
        error="old.doc: định dạng Word cũ (.doc); hãy lưu lại dưới dạng .docx",
        error_en="old.doc: old Word format (.doc); save it as .docx",
        error_code="doc",
    )
    return [real, rich, *later, failed]


@pytest.fixture(scope="module", params=["vi", "en"])
def page(request, documents):
    return request.param, parse(render_html(documents, lang=request.param))


def test_the_page_is_in_the_chosen_language(page):
    lang, root = page
    assert root.find("html").attrs["lang"] == lang
    assert flat(root.find("h1").text()) == t("r.title", lang)
    headings = [flat(h.text()) for h in root.find_all("h2")]
    assert headings[:2] == [t("r.summary", lang), t("r.failed", lang)]
    assert t("r.details", lang) in headings


def test_every_document_is_in_the_summary_and_has_its_details(page, documents):
    _, root = page
    ok = [d for d in documents if d.ok]
    rows = root.find("section", id="summary").find_all("tr")[1:]
    assert [r.attrs["data-file"] for r in rows] == [d.file for d in ok]
    articles = root.find_all("article", cls="doc")
    assert [a.attrs["data-file"] for a in articles] == [d.file for d in ok]
    for article in articles:  # the summary links to each article
        assert root.find("a", href="#" + article.attrs["id"])


def test_shares_intervals_and_corrected_values(page, documents):
    _, root = page
    rich = documents[1]
    row = root.find("tr", data_file=rich.file)
    cells = {td.attrs["data-label"]: td for td in row.find_all("td", cls="num")}
    assert list(cells) == list(STACK)
    assert {k: float(td.attrs["data-share"]) for k, td in cells.items()} == pytest.approx(rich.shares)
    professional = cells["professional_work"]
    assert flat(professional.find("b").text()) == "68%"
    assert flat(professional.find("small", cls="ci").text()) == "(61–74%)"
    assert flat(professional.find("small", cls="corr").text()) == "→ 66%"
    assert not cells["inspection"].find_all("small", cls="ci")  # no interval given for it: none drawn
    detail = root.find("article", data_file=rich.file)
    prow = detail.find("div", cls="srow", data_label="professional_work")
    assert "68%" in prow.text() and "(61–74%)" in prow.text() and "→ 66%" in prow.text()
    real_row = root.find("tr", data_file=documents[0].file)
    assert not real_row.find_all("small", cls="ci") and not real_row.find_all("small", cls="corr")


def test_flags_are_highlighted_in_the_chosen_language(page, documents):
    lang, root = page
    rich = documents[1]
    flag = rich.flags[0]
    other = flag.message if lang == "en" else flag.message_en
    for place in (root.find("tr", data_file=rich.file), root.find("article", data_file=rich.file)):
        item = place.find("li", cls="flag", data_code="professional_dominant")
        assert "sev-warning" in item.classes()
        assert flag.text(lang) in flat(item.text()) and t("sev.warning", lang) in item.text()
        assert other not in item.text()
    evidence = root.find("article", data_file=rich.file).find("li", cls="flag")
    anchor = root.find("article", data_file=rich.file).attrs["id"]
    assert [a.attrs["href"] for a in evidence.find_all("a")] == [f"#{anchor}-s1", f"#{anchor}-s2"]
    assert root.find("li", id=f"{anchor}-s2")


def test_meta_is_shown_with_names_for_kinds(page, documents):
    lang, root = page
    line = flat(root.find("article", data_file=documents[1].file).find("p", cls="muted").text())
    date = "2019-08-06" if lang == "en" else "06/08/2019"
    kind = "regular" if lang == "en" else "thường kỳ"
    assert line == f"{t('h.cell', lang)}: Chi bộ Cơ quan · {t('r.date', lang)}: {date} · {t('r.kind', lang)}: {kind}"


def test_failed_files_are_listed_with_their_error(page, documents):
    lang, root = page
    failed = documents[-1]
    item = root.find("section", id="failed").find("li", data_file="old.doc")
    assert flat(item.text()) == (failed.error_en if lang == "en" else failed.error)
    assert t("r.subtitle", lang, documents=len(documents) - 1, failed=1) in root.find("header").text()


def test_segments_are_coloured_by_label_with_confidence_review_and_terms(page, documents):
    lang, root = page
    rich = documents[1]
    article = root.find("article", data_file=rich.file)
    items = article.find_all("li", cls="seg")
    assert [i.attrs["data-label"] for i in items] == [s.label for s in rich.segments]
    for item, seg in zip(items, rich.segments, strict=True):
        assert f"l-{seg.label}" in item.classes()
        assert flat(item.find("span", cls="chip").text()) == LABEL_NAMES[seg.label][lang]
        assert float(item.attrs["data-confidence"]) == pytest.approx(seg.confidence, abs=1e-4)
        assert flat(item.find("p", cls="seg-text").text()) == seg.text
    review = items[2]
    assert "review" in review.classes() and t("w.review", lang) in review.find("span", cls="badge").text()
    alternatives = flat(review.find("p", cls="alts").text())
    assert f"{LABEL_NAMES['professional_work'][lang]} 41%" in alternatives
    assert f"{LABEL_NAMES['ideology'][lang]} 38%" in alternatives
    assert [flat(s.text()) for s in review.find_all("span", cls="term")] == ["thu ngân sách", "nông thôn mới"]
    assert not items[1].find_all("span", cls="badge") and not items[1].find_all("p", cls="terms")
    real = root.find("article", data_file=documents[0].file)
    assert len(real.find_all("li", cls="seg")) == len(documents[0].segments)


def test_text_is_escaped(documents):
    page = render_html(documents, lang="vi")
    root = parse(page)
    assert not root.find_all("script")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "archive/xa &lt;b&gt;A&lt;/b&gt; &amp; co.txt" in page
    assert root.find("article", data_file="archive/xa <b>A</b> & co.txt")


def test_no_network_is_needed(documents):
    page = render_html(documents, lang="en", periods=[])
    root = parse(page)
    assert not root.find_all("script") and not root.find_all("link") and not root.find_all("img")
    for node in root.iter():
        for name in ("src", "href", "xlink:href", "action"):
            value = node.attrs.get(name)
            assert value is None or value.startswith("#"), (node.tag, name, value)
    assert not re.search(r"https?://|url\(|@import", page.replace('xmlns="http://www.w3.org/2000/svg"', ""))


def test_legend_and_colours_name_every_label(page):
    lang, root = page
    legend = root.find("section", id="summary").find("ul", cls="legend")
    assert [flat(li.text()) for li in legend.find_all("li")] == [LABEL_NAMES[k][lang] for k in STACK]
    assert [li.classes()[0] for li in legend.find_all("li")] == [f"l-{k}" for k in STACK]
    style = root.find("style").text()
    for label, colour in COLOURS.items():
        assert f".l-{label}{{--c:{colour};" in style
    assert len(set(COLOURS.values())) == len(COLOURS)
    assert set(STACK) == set(CONTENT_LABELS)
    bar = root.find("tr", data_file="archive/xa <b>A</b> & co.txt").find("svg", cls="bar")
    fills = [r.attrs["fill"] for r in bar.find_all("rect")]  # professional work first, empty labels left out
    assert fills == [COLOURS["professional_work"], COLOURS["party_building"], COLOURS["ideology"]]
    assert LABEL_NAMES["professional_work"][lang] in bar.attrs["aria-label"]


def test_timeline_per_cell_when_dates_span_periods(page):
    lang, root = page
    timeline = root.find("section", id="timeline")
    cells = timeline.find_all("div", cls="cell")
    # Vietnamese order ("ấp" before "Cơ"); one cell however its name is cased; undated minutes left out, and
    # cells with minutes from one month only (Bình Lợi) counted in the note
    assert [c.attrs["data-cell"] for c in cells] == ["Chi bộ ấp Tân Hòa", "Chi bộ Cơ quan"]
    assert t("r.note_single", lang, n=1) in timeline.text()
    office = cells[1]
    assert t("r.meetings", lang, n=3) in office.text()
    svg = office.find("svg", cls="timeline")
    titles = [flat(n.text()) for n in svg.find_all("title")]
    assert any(t("r.no_meeting", lang) in x for x in titles)  # October: no minutes from this cell
    assert any(LABEL_NAMES["professional_work"][lang] + " 68%" in x for x in titles)  # August's meeting


def test_no_timeline_within_one_month(documents):
    root = parse(render_html(documents[:2], lang="vi"))
    assert not root.find_all("section", id="timeline")
    assert not root.find_all("a", href="#timeline")


def test_period_rows_are_rendered_with_their_flags(documents):
    flag = Flag("inspection_missing", "error", "quý không bàn công tác kiểm tra", "no inspection this quarter")
    periods = [
        {
            "cell": "Chi bộ Cơ quan",
            "period": "2019-Q3",
            "documents": 2,
            "files": ["a.txt", "b.txt"],
            "shares": {"professional_work": 0.6, "party_building": 0.2, "ideology": 0.2},
            "shares_corrected": {"professional_work": 0.57, "party_building": 0.23, "ideology": 0.2},
            "flags": [flag],
        },
        {
            "cell": "Chi bộ ấp Tân Hòa",
            "period": "2019-Q4",
            "documents": 1,
            "files": ["c.txt"],
            "shares": {"party_building": 1.0},
            "flags": [
                {
                    "code": "thematic_missing",
                    "severity": "info",
                    "message": "chưa có chuyên đề",
                    "message_en": "no thematic meeting",
                }
            ],
        },
        {"cell": "unknown", "period": "unknown", "documents": 1, "files": ["d.txt"], "shares": {}, "flags": []},
    ]
    for lang in ("vi", "en"):
        section = parse(render_html(documents, lang=lang, periods=periods)).find("section", id="periods")
        rows = [r for r in section.find_all("tr") if "data-cell" in r.attrs]
        assert [(r.attrs["data-cell"], r.attrs["data-period"]) for r in rows] == [
            ("Chi bộ Cơ quan", "2019-Q3"),
            ("Chi bộ ấp Tân Hòa", "2019-Q4"),
            ("unknown", "unknown"),
        ]
        first, second, third = rows
        professional = first.find("td", data_label="professional_work")
        assert float(professional.attrs["data-share"]) == 0.6 and "→ 57%" in professional.text()
        assert "a.txt" in first.text() and "b.txt" in first.text()
        assert flag.text(lang) in first.find("li", cls="flag").text()
        assert "sev-error" in first.find("li", cls="flag").classes()
        assert ("no thematic meeting" if lang == "en" else "chưa có chuyên đề") in second.text()
        assert t("r.unknown_cell", lang) in third.text() and t("r.unknown_period", lang) in third.text()
    assert not parse(render_html(documents, lang="vi")).find_all("section", id="periods")


def test_an_empty_batch_still_makes_a_page():
    root = parse(render_html([], lang="en"))
    assert t("r.empty", "en") in root.find("section", id="summary").text()


def test_limit_follows_the_flags_threshold(documents):
    rich = documents[1]
    stricter = dataclasses.replace(rich, flags=(dataclasses.replace(rich.flags[0], threshold=0.4),))
    page = render_html([stricter], lang="en")
    assert t("r.note_limit", "en", limit=0.4) in page
    assert 'x1="40.00"' in page
