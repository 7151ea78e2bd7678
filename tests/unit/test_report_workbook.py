"""The report workbook read back with openpyxl (read-only): every number is the database's,
recounted here in SQL; an empty period is a valid workbook of headers and zeros; names appear
only on the curator's sheet of individual answers."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from bot.core.reports.files import render, report_files
from bot.core.services.period_figures import Period
from bot.core.services.reports import ReportKind, collect
from bot.db import Database
from tests.unit.report_data import AUTUMN, NAMES, TODAY, ZONE, autumn

Rows = list[tuple[Any, ...]]

# The autumn's bounds in UTC as SQLite stores them (Moscow is UTC+3 all year).
START, END = "2026-08-31 21:00:00", "2026-11-30 21:00:00"
MONTHS = {  # Moscow months in UTC
    "сентябрь 2026": ("2026-08-31 21:00:00", "2026-09-30 21:00:00"),
    "октябрь 2026": ("2026-09-30 21:00:00", "2026-10-31 21:00:00"),
    "ноябрь 2026": ("2026-10-31 21:00:00", "2026-11-30 21:00:00"),
}
RAN = (
    "p.status IN ('active', 'completed', 'ended') AND p.started_at < :end "
    "AND (p.closed_at IS NULL OR p.closed_at >= :start)"
)


async def sql(db: Database, query: str, **params: Any) -> Any:
    """One number counted in SQL, independently of the report's code."""
    async with db.transaction() as session:
        params = {"start": START, "end": END, **params}
        return (await session.execute(text(query), params)).scalar_one()


async def build(db: Database, kind: ReportKind, period: Period = AUTUMN, **kw: Any) -> bytes:
    async with db.transaction() as session:
        report = await collect(session, kind, period, TODAY, curator=kw.pop("curator", False), **kw)
    return render(report, "ru", with_charts=False)[0].content


def sheets(content: bytes) -> dict[str, Rows]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def charts_of(content: bytes) -> int:
    """Native charts in the file (openpyxl's read-only mode does not load them)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(name.startswith("xl/charts/chart") for name in archive.namelist())


def table(rows: Rows, key_columns: int = 1) -> dict[Any, tuple[Any, ...]]:
    """Data rows by their first column(s)."""
    return {row[:key_columns] if key_columns > 1 else row[0]: row for row in rows[1:]}


async def test_programmes_report_numbers_are_the_databases(db: Database) -> None:
    await autumn(db)
    found = sheets(await build(db, ReportKind.PROGRAMMES))
    assert list(found) == [
        "Отчёт",
        "Участники",
        "Программы",
        "Встречи",
        "План",
        "Нагрузка наставников",
        "Опросы",
        "Ответы по вопросам",
    ]

    people = table(found["Участники"], 2)
    assert found["Участники"][0] == ("Группа", "Значение", "Человек")
    members = f"FROM programme_members m JOIN programmes p ON p.id = m.programme_id WHERE {RAN}"
    assert people[("Всего участников", "Всего участников")][2] == await sql(
        db, f"SELECT count(DISTINCT m.person_id) {members}"
    )
    for role, label in (("mentor", "наставник"), ("mentee", "наставляемый")):
        assert people[("Роль", label)][2] == await sql(
            db, f"SELECT count(DISTINCT m.person_id) {members} AND m.role = :r", r=role
        )
    with_age = members.replace("WHERE", "JOIN people h ON h.id = m.person_id WHERE")
    aged = f"SELECT count(DISTINCT m.person_id) {with_age}"
    for age, label in (
        ("teen", "14–17 лет"),
        ("child", "младше 14 лет"),
        ("adult", "18 лет и старше"),
    ):
        assert people[("Возраст", label)][2] == await sql(db, f"{aged} AND h.age_group = :a", a=age)
    assert people[("Возраст", "не указан")][2] == await sql(db, f"{aged} AND h.age_group IS NULL")
    for form, label in (
        ("virtual", "Виртуальная"),
        ("goal", "Краткосрочная (целеполагание)"),
        ("reverse", "Реверсивная"),
    ):
        assert people[("Форма наставничества", label)][2] == await sql(
            db, f"SELECT count(DISTINCT m.person_id) {members} AND p.form = :f", f=form
        )
    for pair, label in (
        ("counsellor_pupil", "Вожатый — воспитанник"),
        ("pupil_pupil", "Ученик — ученик"),
        ("volunteer_pupil", "Волонтёр — воспитанник"),
    ):
        assert people[("Тип пары", label)][2] == await sql(
            db, f"SELECT count(DISTINCT m.person_id) {members} AND p.pair_type = :t", t=pair
        )

    programmes = table(found["Программы"])
    assert programmes["Начаты за период"][1] == await sql(
        db,
        "SELECT count(*) FROM programmes WHERE status IN ('active', 'completed', 'ended') "
        "AND started_at >= :start AND started_at < :end",
    )
    assert programmes["Идут на конец периода"][1] == await sql(
        db,
        f"SELECT count(*) FROM programmes p WHERE {RAN} "
        "AND (p.closed_at IS NULL OR p.closed_at >= :end)",
    )
    for status, label in (("completed", "Завершены"), ("ended", "Прекращены досрочно")):
        assert programmes[label][1] == await sql(
            db,
            "SELECT count(*) FROM programmes WHERE status = :s "
            "AND closed_at >= :start AND closed_at < :end",
            s=status,
        )

    meetings = table(found["Встречи"])
    assert found["Встречи"][0] == ("Месяц", "Предложено", "Состоялось", "Не состоялось", "Отменено")
    assert list(meetings) == list(MONTHS)
    for month, (first, after) in MONTHS.items():
        count = "SELECT count(*) FROM meetings WHERE start >= :a AND start < :b"
        assert meetings[month][1] == await sql(db, count, a=first, b=after)
        for column, status in ((2, "held"), (3, "not_held"), (4, "cancelled")):
            assert meetings[month][column] == await sql(
                db, f"{count} AND status = :s", a=first, b=after, s=status
            )
    assert meetings["сентябрь 2026"][2] == 3  # 1 September 01:00 in Moscow is September's

    plan = table(found["План"])
    items = (
        f"SELECT count(*) FROM milestones i JOIN programmes p ON p.id = i.programme_id WHERE {RAN} "
        "AND i.due_on BETWEEN '2026-09-01' AND '2026-11-30' AND i.status != 'deleted'"
    )
    total, done = await sql(db, items), await sql(db, f"{items} AND i.status = 'done'")
    assert plan["Пунктов плана со сроком в периоде"][1] == total == 5
    assert plan["Выполнено"][1] == done
    assert plan["Доля выполненных"][1] == pytest.approx(done / total)
    assert plan["Просрочено"][1] == await sql(
        db, f"{items} AND i.status = 'open' AND p.status = 'active' AND i.due_on < '2026-12-01'"
    )

    load = found["Нагрузка наставников"]
    assert load[0] == ("Наставник №", "Наставляемых", "Идущих программ")
    running = await sql(
        db,
        f"SELECT count(DISTINCT p.mentor_id) FROM programmes p WHERE {RAN} "
        "AND (p.closed_at IS NULL OR p.closed_at >= :end)",
    )
    assert len(load) - 1 == running
    assert sum(row[1] for row in load[1:]) == await sql(
        db,
        f"SELECT count(*) FROM programme_members m JOIN programmes p ON p.id = m.programme_id "
        f"WHERE {RAN} AND (p.closed_at IS NULL OR p.closed_at >= :end) AND m.role = 'mentee'",
    )

    runs = table(found["Опросы"])
    for run_id, row in runs.items():
        responses = "SELECT count(*) FROM survey_responses WHERE run_id = :r"
        assert row[5] == await sql(db, responses, r=run_id)
        assert row[6] == await sql(db, f"{responses} AND started_at IS NOT NULL", r=run_id)
        assert row[7] == await sql(db, f"{responses} AND status = 'completed'", r=run_id)
        assert row[8] == pytest.approx(row[7] / row[5])
    assert len(runs) == 2

    answers = table(found["Ответы по вопросам"], 3)
    picked = (
        "SELECT count(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id "
        "WHERE r.run_id = :r AND a.question = :q AND NOT a.skipped"
    )
    for (run_id, question, answer), row in answers.items():
        qid = {
            "Насколько полезны встречи?": "useful",
            "Встреча была полезной?": "useful",
            "Какой формат удобнее?": "format",
            "Какие темы важны?": "topics",
            "Что улучшить?": "comment",
        }[question]
        if isinstance(answer, int):
            expected = await sql(db, f"{picked} AND a.value = :v", r=run_id, q=qid, v=answer)
        elif answer == "Текстовых ответов":
            expected = await sql(db, picked, r=run_id, q=qid)
        else:
            key = {
                "Онлайн": "online",
                "Очно": "offline",
                "Карьера": "career",
                "Учёба": "study",
                "Увлечения": "hobby",
            }[answer]
            # json_each reads a single choice's key and a multiple choice's list alike.
            chosen = "EXISTS (SELECT 1 FROM json_each(a.value) WHERE value = :k)"
            expected = await sql(db, f"{picked} AND {chosen}", r=run_id, q=qid, k=key)
        assert row[3] == expected, (question, answer)
    mean = answers[(1, "Насколько полезны встречи?", 1)][4]
    assert mean == pytest.approx(
        await sql(
            db,
            "SELECT avg(a.value) FROM survey_answers a JOIN survey_responses r "
            "ON r.id = a.response_id WHERE r.run_id = 1 AND a.question = 'useful'",
        )
    )


async def test_an_empty_period_is_a_valid_workbook_of_headers_and_zeros(db: Database) -> None:
    await autumn(db)
    summer = Period(date(2025, 6, 1), date(2025, 8, 31), ZONE)
    for kind in ReportKind:
        content = await build(db, kind, summer, curator=True)
        found = sheets(content)
        for title, rows in found.items():
            assert rows and all(isinstance(cell, str) for cell in rows[0]), title
            numbers = [
                cell for row in rows[1:] for cell in row[1:] if isinstance(cell, (int, float))
            ]
            if title != "Отчёт":
                assert all(n == 0 for n in numbers), (kind, title, numbers)
        assert found["Ответы участников"] == [("Участник", "Опрос №", "Вопрос", "Ответ")]
        assert found["Опросы"][1:] == []
    programmes = sheets(await build(db, ReportKind.PROGRAMMES, summer))
    assert [row[0] for row in programmes["Встречи"][1:]] == [
        "июнь 2025",
        "июль 2025",
        "август 2025",
    ]
    assert table(programmes["Участники"], 2)[("Роль", "наставник")][2] == 0


async def test_names_only_on_the_curators_sheet_of_individual_answers(db: Database) -> None:
    await autumn(db)
    for kind in ReportKind:
        public = sheets(await build(db, kind))
        assert "Ответы участников" not in public
        curators = sheets(await build(db, kind, curator=True))
        assert list(curators)[-1] == "Ответы участников"
        for title, rows in curators.items():
            cells = " ".join(str(cell) for row in rows for cell in row)
            if title == "Ответы участников":
                continue
            for name in NAMES:
                for part in name.split():
                    assert part not in cells, (kind, title, part)
    answers = sheets(await build(db, ReportKind.MONITORING, curator=True))["Ответы участников"]
    assert ("Петя Учеников", 1, "Какие темы важны?", "Карьера; Учёба") in answers
    assert ("Петя Учеников", 1, "Насколько полезны встречи?", 5) in answers
    assert ("Вася Школьников", 1, "Что улучшить?", "пропущен") in answers
    assert ("Петя Учеников", 1, "Что улучшить?", "Больше практики") in answers
    assert not any(row[0] == "Коля Младший" for row in answers)  # invited, never answered


async def test_monitoring_report_puts_surveys_first_and_may_keep_to_one_run(db: Database) -> None:
    data = await autumn(db)
    content = await build(db, ReportKind.MONITORING)
    found = sheets(content)
    assert list(found)[:3] == ["Отчёт", "Опросы", "Ответы по вопросам"]
    assert [row[0] for row in found["Опросы"][1:]] == [data.monitoring_run]  # no meeting feedback
    assert charts_of(content) >= 3
    one = sheets(await build(db, ReportKind.MONITORING, run_id=data.feedback_run))
    assert one["Опросы"][1:] == []
    annual = sheets(await build(db, ReportKind.ANNUAL))
    assert list(annual)[1] == "Участники"
    assert [row[0] for row in annual["Опросы"][1:]] == [data.feedback_run, data.monitoring_run]


async def test_main_sheets_carry_native_charts(db: Database) -> None:
    await autumn(db)
    content = await build(db, ReportKind.PROGRAMMES)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        drawings = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
        charts = [
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/")
        ]
    # Participants, programmes, meetings, mentor load, surveys, and each counted question.
    assert len(drawings) >= 6 and len(charts) >= 9
    assert not any(part in chart for chart in charts for name in NAMES for part in name.split())


async def test_report_files_are_the_workbook_then_png_charts(db: Database) -> None:
    await autumn(db)
    async with db.transaction() as session:
        files = await report_files(
            session, ReportKind.PROGRAMMES, AUTUMN, TODAY, "en", curator=False
        )
    workbook, *pictures = files
    assert workbook.name == "report-programmes-20260901-20261130.xlsx"
    assert list(sheets(workbook.content))[:2] == ["Report", "Participants"]
    assert [p.name for p in pictures] == ["meetings.png", "responses.png", "scores.png"]
    from PIL import Image

    for picture in pictures:
        assert picture.mime == "image/png" and picture.is_photo
        assert picture.content.startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(io.BytesIO(picture.content)) as image:
            image.verify()
            assert image.size[0] > 0 and image.size[1] > 0
