"""/report in chat: the curator chooses the kind and the period (a button or typed dates) and
gets the workbook and its charts; a typed period that cannot be read changes nothing and says
why; anyone else is refused."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from bot.core import texts
from bot.core.engine import Core
from bot.core.models import Role, SurveyRun
from bot.core.reports.files import run_period
from bot.core.services import people
from bot.db import Database
from handlers.reports import span_period, typed_period
from tests.unit.report_data import autumn, utc
from tests.unit.test_flows import Chat, joined, payloads, register
from tests.unit.test_programme_edge_cases import core, grant

__all__ = ["core"]

ZONE = "Europe/Moscow"


async def curator(core: Core, db: Database) -> Chat:
    chat = Chat(core, user="50")
    await register(chat, name="Ольга Куратова")
    await grant(db, "50", Role.CURATOR)
    return chat


def about(content: bytes) -> dict[str, str]:
    """The first sheet of a workbook: what the report is and its period."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {str(row[0]): str(row[1]) for row in book.worksheets[0].iter_rows(values_only=True)}


async def test_the_curator_gets_the_workbook_and_charts_for_last_month(
    core: Core, db: Database
) -> None:
    await autumn(db)
    chat = await curator(core, db)

    (stats,) = await chat.send("/stats")
    assert "menu:report" in payloads([stats])  # the curators' tools lead to it
    (question,) = await chat.press("menu:report")
    assert "Какой отчёт подготовить?" in question.text
    assert payloads([question])[:3] == [
        "report:programmes",
        "report:monitoring",
        "report:annual",
    ]
    (period,) = await chat.press("report:programmes")
    assert "Программы наставничества" in period.text and "01.09.2026–30.11.2026" in period.text
    labels = [texts.plain(b.label) for row in period.buttons for b in row]
    assert labels[:3] == ["Этот месяц", "Прошлый месяц", "Этот учебный год"]

    replies = await chat.press("report-period:programmes:last")  # the clock says 24 Nov 2026
    workbook, *pictures = replies
    assert workbook.file is not None
    assert workbook.file.name == "report-programmes-20261001-20261031.xlsx"
    assert "с 1 октября 2026 по 31 октября 2026" in workbook.text
    assert "не пересылайте" in workbook.text
    sheet = about(workbook.file.content)
    assert sheet["С"] == "01.10.2026" and sheet["По"] == "31.10.2026"
    assert pictures and all(p.file is not None and p.file.is_photo for p in pictures)
    assert all(p.file.content.startswith(b"\x89PNG") for p in pictures if p.file)
    assert "menu:help" in payloads(replies[-1:])


async def test_a_typed_period_is_read_and_a_bad_one_changes_nothing(
    core: Core, db: Database
) -> None:
    await autumn(db)
    chat = await curator(core, db)
    await chat.send("/report")
    await chat.press("report:monitoring")

    (refused, again) = await chat.send("с сентября по ноябрь")
    assert "Не получилось прочитать период" in refused.text
    assert "за какой период?" in again.text  # still asked: nothing was sent, nothing changed
    (reversed_, _) = await chat.send("30.11.2026 – 01.09.2026")
    assert "Начало периода позже его конца" in reversed_.text
    (too_long, _) = await chat.send("01.09.2016–30.11.2026")
    assert "Период длиннее 5 лет" in too_long.text
    replies = await chat.send("31.02.2026-30.11.2026")
    assert "Такой даты нет в календаре" in joined(replies)
    assert all(r.file is None for r in replies)

    workbook, *pictures = await chat.send("01.09.2026–30.11.2026")
    assert workbook.file is not None
    assert workbook.file.name == "report-monitoring-20260901-20261130.xlsx"
    book = load_workbook(io.BytesIO(workbook.file.content), read_only=True)
    assert book.sheetnames[-1] == "Ответы участников"  # the curator's copy
    assert [p.file.name for p in pictures if p.file] == ["responses.png", "scores.png"]
    (after,) = await chat.send("01.09.2026–30.11.2026")  # the question is over
    assert after.file is None


async def test_anyone_but_the_curator_is_refused(core: Core, db: Database) -> None:
    mentee = Chat(core, user="60")
    await register(mentee, name="Петя Учеников")
    for attempt in (mentee.send("/report"), mentee.press("report-period:annual:year")):
        (reply,) = await attempt
        assert "только куратору" in reply.text
        assert reply.file is None


def test_periods_of_the_buttons_and_typed_dates() -> None:
    today = date(2027, 1, 15)
    assert span_period("month", today, ZONE).first == date(2027, 1, 1)
    last = span_period("last", today, ZONE)
    assert (last.first, last.last) == (date(2026, 12, 1), date(2026, 12, 31))
    year = span_period("year", today, ZONE)
    assert (year.first, year.last) == (date(2026, 9, 1), today)
    autumn_year = span_period("year", date(2026, 9, 1), ZONE)
    assert autumn_year.first == date(2026, 9, 1)
    typed = typed_period("2026-09-01 — 2026-11-30", today, ZONE)
    assert (typed.first, typed.last) == (date(2026, 9, 1), date(2026, 11, 30))


def test_a_runs_period_is_its_open_days_on_the_organisations_clock() -> None:
    run = SurveyRun(opens_at=utc(2026, 11, 30, 21), closes_at=utc(2026, 12, 20, 20, 59))
    period = run_period(run, ZONE)
    assert (period.first, period.last) == (date(2026, 12, 1), date(2026, 12, 20))


async def test_a_curator_whose_role_was_taken_mid_question_gets_no_report(
    core: Core, db: Database
) -> None:
    await autumn(db)
    chat = await curator(core, db)
    await chat.send("/report")
    await chat.press("report:monitoring")
    async with db.transaction() as session:
        account = await people.find_account(session, "console", "50")
        assert account is not None and account.person is not None
        people.revoke(account.person, Role.CURATOR)

    replies = await chat.send("01.09.2026–30.11.2026")
    assert all(reply.file is None for reply in replies)
    assert "только куратору" in joined(replies)
    (again,) = await chat.send("01.09.2026–30.11.2026")  # the question is over
    assert again.file is None and "только куратору" not in again.text
