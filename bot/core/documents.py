"""Documents to download: a text rendered from a template, laid out as a DOCX file.

A line that is bold as a whole (`<b>…</b>`) becomes a heading, the first one the title; every
other line a paragraph. Word processors bring their own Cyrillic fonts, so nothing is embedded.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.shared import Pt

from bot.core.texts import plain

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HEADING = re.compile(r"<b>(.*)</b>")


def docx(text: str) -> bytes:
    """The text (limited HTML, one paragraph a line) as a DOCX file."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    first = True
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        heading = _HEADING.fullmatch(line)
        if heading:
            document.add_heading(plain(heading[1]), level=0 if first else 1)
            if first:
                document.core_properties.title = plain(heading[1])
        else:
            document.add_paragraph(plain(line))
        first = False
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
