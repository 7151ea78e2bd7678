"""The agreement as a PDF next to its DOCX: the DOCX comes with a «PDF» button, and the PDF (read
back with pypdf) holds the same agreement, its Cyrillic font embedded; a stranger gets neither."""

from __future__ import annotations

import io

import pypdf
import pytest

from bot.config import Settings
from bot.core.engine import Core
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import programme_setup


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def test_the_agreement_comes_as_a_pdf_too(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    mentee = setup.mentees[0]
    (docx_reply,) = await mentee.press(f"agreement:{setup.programme_id}")
    assert docx_reply.file is not None and docx_reply.file.name.endswith(".docx")
    (pdf_button,) = [b for row in docx_reply.buttons for b in row if b.label == "Соглашение в PDF"]

    (pdf_reply,) = await mentee.press(pdf_button.payload)
    assert pdf_reply.file is not None
    assert pdf_reply.file.name == f"agreement-{setup.programme_id}.pdf"
    assert pdf_reply.file.mime == "application/pdf"
    assert pdf_reply.buttons  # a way forward
    reader = pypdf.PdfReader(io.BytesIO(pdf_reply.file.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Соглашение о сотрудничестве между наставником и наставляемым" in text
    assert "Наставник: Иван Наставников" in text and "Наставляемый: Петя Учеников" in text
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()

    stranger = Chat(core, user="9")
    await register(stranger, name="Чужой Человек")
    (refused,) = await stranger.press(pdf_button.payload)
    assert refused.file is None and "Эта кнопка больше не действует" in refused.text
