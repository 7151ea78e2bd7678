"""The annual report for the regional mentoring centre, due 30 December: each curator is
reminded once on ANNUAL_REPORT_REMINDER (10:00 on 23 December by default), with the way to the
reports and to help; a bot that was down that day reminds when it starts, until the year ends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from bot.config import Settings
from bot.core.conversation import Reply
from bot.core.models import PersonRole
from bot.db import Database
from scheduler.jobs import run_monitoring
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_monitoring_schedule import Bot, configured, person

DUE = "Ежегодный отчёт за 2026 год"


class Keeping(RecordingPlatform):
    """Also keeps the replies, buttons and all."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: list[Reply] = []

    async def send(self, external_id: str, replies: Sequence[Reply], **extra: object) -> None:
        await super().send(external_id, replies, **extra)
        self.replies += replies


async def test_the_curator_is_reminded_once_on_23_december(
    db: Database, clock: FakeClock, settings: Settings
) -> None:
    curator = await person(db, "Ольга", curator=True)
    mentor = await person(db, "Иван")
    bot = Bot(db, clock, settings)
    bot.console = bot.dispatcher.platforms["console"] = Keeping()  # type: ignore[index]
    await bot.tick(datetime(2026, 12, 23, 6, 59, tzinfo=UTC))  # 09:59 in Moscow
    assert bot.received(curator, DUE) == 0
    await bot.tick(datetime(2026, 12, 23, 7, 0, tzinfo=UTC))
    assert bot.received(curator, DUE) == 1
    reply, *charts = bot.console.replies
    assert "до 30 декабря 2026" in reply.text
    assert reply.file is not None and reply.file.name == "report-annual-20260101-20261231.xlsx"
    assert load_workbook(BytesIO(reply.file.content), read_only=True).sheetnames
    assert charts and all(c.file is not None and c.file.is_photo for c in charts)
    assert [b.payload for row in charts[-1].buttons for b in row] == ["menu:report", "menu:help"]
    await bot.tick(datetime(2026, 12, 28, 7, 0, tzinfo=UTC))
    assert bot.received(curator, DUE) == 1
    assert bot.received(mentor, DUE) == 0


async def test_a_bot_down_on_the_day_reminds_when_it_starts_but_not_next_year(
    db: Database, clock: FakeClock, settings: Settings
) -> None:
    curator = await person(db, "Ольга", curator=True)
    late = Bot(db, clock, settings)
    await late.tick(datetime(2026, 12, 26, 9, 0, tzinfo=UTC))
    assert late.received(curator, DUE) == 1
    other = await person(db, "Анна", curator=True)
    await late.tick(datetime(2027, 1, 2, 9, 0, tzinfo=UTC))
    assert late.received(other, "Ежегодный отчёт") == 0


async def test_annual_report_reminder_moves_the_day(
    db: Database, clock: FakeClock, tmp_path: Path, db_url: str
) -> None:
    curator = await person(db, "Ольга", curator=True)
    early = Bot(db, clock, configured(tmp_path, db_url, ANNUAL_REPORT_REMINDER="12-10"))
    await early.tick(datetime(2026, 12, 10, 7, 0, tzinfo=UTC))
    assert early.received(curator, DUE) == 1


async def test_one_no_longer_a_curator_when_it_is_sent_gets_no_report(
    db: Database, clock: FakeClock, settings: Settings
) -> None:
    curator = await person(db, "Ольга", curator=True)
    bot = Bot(db, clock, settings)
    clock.now = datetime(2026, 12, 23, 7, 0, tzinfo=UTC)
    await run_monitoring(bot.dispatcher, settings)  # the reminder is written
    async with db.transaction() as session:
        await session.execute(delete(PersonRole).where(PersonRole.person_id == curator))
    await bot.dispatcher.run_once()
    assert bot.console.sent == []


def test_a_bad_reminder_day_is_refused_at_start_up(tmp_path: Path, db_url: str) -> None:
    with pytest.raises(ValueError, match="MM-DD"):
        configured(tmp_path, db_url, ANNUAL_REPORT_REMINDER="23.12")
