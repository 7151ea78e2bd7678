"""Documents to download as PDF: a text rendered from a template, laid out on A4 pages with a
Cyrillic font embedded (DejaVu Sans, shipped with matplotlib), so it reads the same anywhere.

A line bold as a whole (`<b>…</b>`) is a heading, the first one the title; consecutive lines
with tabs are the rows of a table (the first row its header); every other line a paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from bot.core.texts import plain

PDF_MIME = "application/pdf"
FONT = "DejaVu"
_HEADING = re.compile(r"<b>(.*)</b>")


def _fonts() -> Path:
    """The folder of the TTF fonts matplotlib ships (never a system path)."""
    import matplotlib  # heavy: only when a PDF is made

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _document(title: str) -> FPDF:
    doc = FPDF(format="A4")
    folder = _fonts()
    doc.add_font(FONT, "", str(folder / "DejaVuSans.ttf"))
    doc.add_font(FONT, "B", str(folder / "DejaVuSans-Bold.ttf"))
    doc.set_margins(20, 20, 20)
    doc.set_auto_page_break(True, margin=20)
    doc.set_title(title)
    doc.set_creator("Nastavnik")
    doc.add_page()
    return doc


def _table(doc: FPDF, rows: list[list[str]]) -> None:
    doc.set_font(FONT, size=10)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    # Each column as wide as its longest cell asks, within bounds: numbers narrow, text wide.
    widths = [
        min(max(max(len(row[i]) for row in rows if i < len(row)), 10), 60)
        for i in range(len(rows[0]))
    ]
    with doc.table(
        col_widths=widths, headings_style=heading, line_height=6, padding=1.5, text_align="LEFT"
    ) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    doc.ln(3)


def pdf(text: str) -> bytes:
    """The text (limited HTML, one paragraph a line, tabbed lines a table) as an A4 PDF."""
    lines = [line.strip() for line in text.split("\n")]
    title = next((plain(m[1]) for m in map(_HEADING.fullmatch, lines) if m), "")
    doc = _document(title)
    rows: list[list[str]] = []
    first = True
    for line in [*lines, ""]:
        if "\t" in line:
            rows.append([plain(cell) for cell in line.split("\t")])
            continue
        if rows:
            _table(doc, rows)
            rows = []
        if not line:
            continue
        heading = _HEADING.fullmatch(line)
        if heading:
            doc.set_font(FONT, "B", 16 if first else 13)
            doc.ln(0 if first else 4)
            doc.multi_cell(0, 8, plain(heading[1]), align="L", new_x="LMARGIN", new_y="NEXT")
            doc.ln(1)
        else:
            doc.set_font(FONT, size=11)
            doc.multi_cell(0, 6, plain(line), align="L", new_x="LMARGIN", new_y="NEXT")
        first = False
    return bytes(doc.output())
