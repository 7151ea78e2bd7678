"""The agreement download is a real DOCX: the organisation, the parties, the form and pair type,
the term with its dates, the goals, and each acceptance's date and time on the reader's clock."""

from __future__ import annotations

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.helpers import docx_text

ORG = "МУ ДО «ДООЦ «Мечта»"


async def test_the_agreement_file_is_a_docx_with_org_and_acceptance_times(
    harness: Harness, platform: str
) -> None:
    assert harness.settings is not None
    harness.settings = harness.settings.model_copy(
        update={"org_name": ORG, "director_name": "Карцева О. В.", "curator_name": "Ольга Куратова"}
    )
    await harness.restart_bot()
    pair = await steps.accepted_pair(harness, platform)  # accepted 24 Nov 2026, 09:00 UTC
    await pair.mentee.say("/timezone Владивосток", "UTC+10")

    card = await pair.mentee.say("/programme", "Программа №1")
    assert "Скачать соглашение" in card.buttons
    file_msg = await pair.mentee.click("Скачать соглашение")
    assert file_msg.document_name == "agreement-1.docx"
    assert file_msg.document_bytes is not None
    text = docx_text(file_msg.document_bytes)
    assert "Соглашение о сотрудничестве между наставником и наставляемым" in text
    assert f"Организация: {ORG}" in text
    assert "Руководитель: Карцева О. В." in text and "Куратор: Ольга Куратова" in text
    assert "Наставник: Иван Наставников" in text and "Наставляемый: Петя Учеников" in text
    assert "Форма наставничества: Виртуальная; тип пары: Вожатый — воспитанник." in text
    assert "действует 6 месяцев со дня его принятия всеми сторонами" in text
    assert "с 24 ноября 2026 по 24 мая 2027" in text
    assert "Собрать робота к весенним соревнованиям" in text
    # Both accepted at 09:00 UTC: 19:00 on the mentee's Vladivostok clock.
    assert "Наставник Иван Наставников: принято 24 ноября 2026 в 19:00, UTC+10" in text
    assert "Наставляемый Петя Учеников: принято 24 ноября 2026 в 19:00, UTC+10" in text
    assert "<b>" not in text and "&" not in text.replace("&amp;", "")

    report = await pair.curator.say("/stats", "Участники программы")
    assert report.text.startswith(f"Организация: {ORG}")


async def test_without_org_name_the_agreement_has_no_empty_line(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentor.say("/programme", "Программа №1")
    file_msg = await pair.mentor.click("Скачать соглашение")
    assert file_msg.document_bytes is not None
    text = docx_text(file_msg.document_bytes)
    assert "Организация" not in text and "Руководитель:" not in text
    assert "Наставник Иван Наставников: принято 24 ноября 2026 в 12:00, UTC+3" in text
    report = await pair.curator.say("/stats", "Участники программы")
    assert "Организация" not in report.text
