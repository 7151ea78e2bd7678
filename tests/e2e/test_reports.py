"""The curator's /report through the real frameworks: from /stats to the report, a period typed
as two dates, the workbook as a document (with the curator's sheet of individual answers) and
the charts as photos; a mentee is refused."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from PIL import Image

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.unit.report_data import autumn


async def test_the_curator_gets_the_monitoring_report_with_charts(
    harness: Harness, platform: str
) -> None:
    db = harness.database()
    try:
        data = await autumn(db)
    finally:
        await db.close()
    curator = await steps.curator(harness, platform, 101)
    mentee = await steps.mentee(harness, platform, 102, "Петя Новиков")
    refused = await mentee.say("/report", "только куратору")
    assert "Мониторинг" not in refused.buttons

    stats = await curator.say("/stats", "Участники программы")
    assert "Отчёт" in stats.buttons
    kinds = await curator.click("Отчёт", "Какой отчёт подготовить?")
    assert kinds.buttons[:3] == ["Программы", "Мониторинг", "Годовой"]
    await curator.click("Мониторинг", "за какой период?")
    await curator.say("с осени", "Не получилось прочитать период")
    await curator.expect("за какой период?")

    document = await curator.say("01.09.2026–30.11.2026", "с 1 сентября 2026 по 30 ноября 2026")
    assert document.document_name == "report-monitoring-20260901-20261130.xlsx"
    assert document.document_bytes is not None and not document.photo
    book = load_workbook(io.BytesIO(document.document_bytes), read_only=True)
    assert book.sheetnames[:3] == ["Отчёт", "Опросы", "Ответы по вопросам"]
    assert book.sheetnames[-1] == "Ответы участников"
    surveys = list(book["Опросы"].iter_rows(values_only=True))
    assert [(row[0], row[5], row[6], row[7]) for row in surveys[1:]] == [
        (data.monitoring_run, 4, 3, 2)
    ]

    for name in ("responses", "scores"):
        photo = await curator.expect("График к отчёту «Мониторинг»")
        assert photo.photo and photo.document_bytes is not None, name
        assert photo.document_bytes.startswith(b"\x89PNG")
        with Image.open(io.BytesIO(photo.document_bytes)) as image:
            assert image.format == "PNG" and image.size[0] > 100
    assert "Помощь" in photo.buttons
