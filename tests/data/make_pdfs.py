"""Make the committed PDF fixtures tests/data/pdf/*.pdf from the test split's gold minutes (run once per batch).

Each line of the .txt becomes a paragraph set the way Vietnamese administrative documents are typed:
DejaVu Serif 12 pt, first line indented 1 cm, body lines wrapped by the layout at a width narrower than
the .txt lines, so most lines wrap; a blank line becomes a blank gap. Reading the PDF back has to undo
the layout's wrapping to give the same segments as the .txt (tests/test_roundtrip.py).

Needs fpdf2 (``pip install fpdf2``) and the DejaVu fonts (Debian's fonts-dejavu-core); CI never runs it.
    python tests/data/make_pdfs.py
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).parents[2]
OUT = Path(__file__).parent / "pdf"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SIZE, LEADING, INDENT = 12, 6.0, 10.0  # points, mm, mm


def wrap(pdf: FPDF, text: str, first: float, rest: float) -> list[str]:
    """Greedy line breaking, as word processors do: a word goes to the next line when it does not fit."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        width = first if not lines else rest
        candidate = f"{line} {word}" if line else word
        if line and pdf.get_string_width(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def make(txt: Path, out: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_creator("bienban tests/data/make_pdfs.py")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))  # reproducible bytes
    pdf.add_font("DejaVuSerif", "", str(FONT))
    pdf.set_font("DejaVuSerif", size=SIZE)
    pdf.add_page()
    body = pdf.w - pdf.l_margin - pdf.r_margin
    for raw in txt.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            pdf.ln(LEADING)
            continue
        for i, line in enumerate(wrap(pdf, raw, body - INDENT, body)):
            pdf.set_x(pdf.l_margin + (INDENT if i == 0 else 0))
            pdf.cell(0, LEADING, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


def main() -> None:
    """PDFs for the minutes of the test split (data/splits.json) that have none yet: existing ones stay as they are."""
    import json

    OUT.mkdir(exist_ok=True)
    patterns = json.loads((ROOT / "data" / "splits.json").read_text(encoding="utf-8"))["test"]
    for pattern in patterns:
        for gold in sorted((ROOT / "data").glob(pattern)):
            if not gold.name.endswith(".gold.json"):
                continue
            txt = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
            out = OUT / f"{txt.stem}.pdf"
            if not out.exists():
                make(txt, out)
                print(out)


if __name__ == "__main__":
    main()
