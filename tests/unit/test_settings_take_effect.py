"""Every documented setting changes what the bot does (README's table, `.env.example`).

Settings proven elsewhere: TELEGRAM_BOT_TOKEN and VK_GROUP_TOKEN in tests/e2e/test_startup.py (a
rejected one stops the bot) and tests/unit/test_cli.py (none set: the bot says what to set);
TELEGRAM_API_BASE, VK_API_BASE and VK_GROUP_ID in every e2e test, which reaches the fake servers
only through them (the fake VK refuses any other group); DATA_DIR also in
tests/unit/test_installed_wheel.py and tests/e2e/test_shutdown.py. ORG_DATA_FILE in
tests/unit/test_org_data.py and tests/e2e/test_org_data.py; ORG_NAME, DIRECTOR_NAME and
CURATOR_NAME in tests/e2e/test_agreement_document.py. MAX_UPLOAD_MB and HELP_ANSWER_HOURS in
tests/unit/test_ask.py. MONITORING_DEADLINES, MONITORING_LEAD_DAYS and MONITORING_REMINDER_DAYS
in tests/unit/test_monitoring_schedule.py; ANNUAL_REPORT_REMINDER in
tests/unit/test_annual_report_reminder.py. PRESS_RELEASE_DAYS, DIGEST_WEEKDAY and DIGEST_TIME in
tests/unit/test_media_plan_schedule.py; VK_USER_TOKEN in tests/e2e/test_media_plan.py (set: the
post is on the fake wall; unset: the curator gets it to publish by hand).
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import Notification, NotificationStatus, Person
from bot.db import Database
from handlers import build_router, notifications
from scheduler.dispatch import Dispatcher
from scheduler.jobs import expire_parent_codes
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_cli import run_bot
from tests.unit.test_dispatch import add_person, add_row, row
from tests.unit.test_flows import Chat, person_of, register
from tests.unit.test_graceful_stop import SlowPlatform
from tests.unit.test_programme_edge_cases import add_milestone, programme_setup, rows

MOSCOW = ZoneInfo("Europe/Moscow")


def changed(settings: Settings, **values: Any) -> Settings:
    """The settings as if these environment variables were set."""
    env = {field.alias: getattr(settings, name) for name, field in Settings.model_fields.items()}
    return Settings(_env_file=None, **{**env, **values})  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# QUIET_HOURS


@pytest.mark.parametrize(
    ("window", "held_until"),
    [("13:00-15:00", time(15, 0)), (None, None)],  # None: the default 22:00-08:00
)
async def test_quiet_hours_hold_a_notification_until_the_window_ends(
    db: Database,
    settings: Settings,
    clock: FakeClock,
    window: str | None,
    held_until: time | None,
) -> None:
    clock.now = datetime(2026, 11, 24, 14, 0, tzinfo=MOSCOW).astimezone(UTC)
    app = App(changed(settings, QUIET_HOURS=window) if window else settings, clock=clock)
    telegram = RecordingPlatform("telegram")
    app.platforms[telegram.name] = telegram
    person = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, person, clock.now, quiet_hours=True)
    try:
        await app.dispatcher.run_once()
        if held_until is None:
            assert len(telegram.sent) == 1
            return
        held = await row(db)
        assert telegram.sent == []
        assert held.status == NotificationStatus.PENDING
        assert held.due_at.astimezone(MOSCOW).time() == held_until
        clock.now = held.due_at
        await app.dispatcher.run_once()
        assert len(telegram.sent) == 1
    finally:
        await app.db.close()


# ---------------------------------------------------------------------------------------------
# REMINDER_TIME and OVERDUE_ALERT_DAYS


@pytest.mark.parametrize(
    ("values", "at", "alert_after_days"),
    [({}, time(10, 0), 4), ({"REMINDER_TIME": "09:15", "OVERDUE_ALERT_DAYS": 5}, time(9, 15), 6)],
)
async def test_reminder_time_and_overdue_alert_days(
    db: Database,
    settings: Settings,
    clock: FakeClock,
    values: dict[str, Any],
    at: time,
    alert_after_days: int,
) -> None:
    core = Core(db, changed(settings, **values), build_router(), clock)
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать корпус", "25.12")
    due = {
        (row.template, row.due_at.astimezone(MOSCOW))
        for row in await rows(db, Notification)
        if row.template.startswith("ms-")  # the milestone's reminders and the curator's alert
    }
    on_the_day = datetime(2026, 12, 25, at.hour, at.minute, tzinfo=MOSCOW)
    assert ("ms-day", on_the_day) in due
    assert ("ms-overdue-curator", on_the_day + timedelta(days=alert_after_days)) in due
    assert {moment.time() for _, moment in due} == {at}


# ---------------------------------------------------------------------------------------------
# PARENT_CODE_DAYS


@pytest.mark.parametrize(("values", "days"), [({}, 14), ({"PARENT_CODE_DAYS": 3}, 3)])
async def test_parent_code_days(
    db: Database, settings: Settings, clock: FakeClock, values: dict[str, Any], days: int
) -> None:
    """The child is told how long the code lives; a day before its end nothing happens, after
    it the child's name is erased."""
    core = Core(db, changed(settings, **values), build_router(), clock)
    replies = await register(Chat(core), name="Петя Сидоров", age="teen")
    assert f"{days} дн" in replies[0].text
    dispatcher = Dispatcher(db, {"console": RecordingPlatform()}, notifications.render, clock)

    clock.advance(days=days - 1)
    assert await expire_parent_codes(dispatcher) == 0
    clock.advance(days=1)
    assert await expire_parent_codes(dispatcher) == 1
    async with db.transaction() as session:
        assert (await session.execute(select(Person.name))).scalars().all() == [None]


# ---------------------------------------------------------------------------------------------
# DEFAULT_LOCALE and DEFAULT_TIMEZONE


@pytest.mark.parametrize(
    ("locale", "heading"),
    [("ru", "Согласие на обработку"), ("en", "Consent to personal data processing")],
)
async def test_default_locale_is_spoken_when_the_platform_names_none(
    db: Database, settings: Settings, clock: FakeClock, locale: str, heading: str
) -> None:
    core = Core(db, changed(settings, DEFAULT_LOCALE=locale), build_router(), clock)
    replies = await Chat(core, lang=None).send("/start")
    assert heading in replies[0].text


@pytest.mark.parametrize("zone", ["Europe/Moscow", "Asia/Novosibirsk"])
async def test_default_timezone_is_a_new_persons_zone(
    db: Database, settings: Settings, clock: FakeClock, zone: str
) -> None:
    core = Core(db, changed(settings, DEFAULT_TIMEZONE=zone), build_router(), clock)
    await register(Chat(core))
    person = await person_of(db)
    assert person is not None and person.timezone == zone


# ---------------------------------------------------------------------------------------------
# SCHEDULER_TICK_SECONDS


async def test_scheduler_tick_sends_what_fell_due_without_being_woken(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    """A row written by another process (no wake-up): the tick alone sends it. (With the
    e2e harness's tick of an hour, rows wait until a test dispatches them.)"""
    app = App(changed(settings, SCHEDULER_TICK_SECONDS=0.01), clock=clock)
    platform = SlowPlatform()
    platform.release.set()
    app.platforms[platform.name] = platform
    await app.start()
    try:
        await app.dispatcher.drain()
        person = await add_person(db, [("telegram", "42", clock.now)])
        await add_row(db, person, clock.now)
        # Well within the default tick of 5 s: only the setting makes it this quick.
        await asyncio.wait_for(platform.sending.wait(), timeout=3)
    finally:
        await app.stop()
    assert [chat for chat, _ in platform.sent] == ["42"]


# ---------------------------------------------------------------------------------------------
# DATABASE_URL, DATA_DIR and LOG_LEVEL, as `python -m bot migrate` reads them


@dataclass
class Migrated:
    cwd: Path
    stderr: str


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Migrated]:
    """`python -m bot migrate` with a database URL and DEBUG logs, and with a data folder."""
    runs = {
        "url": {"DATABASE_URL": "sqlite+aiosqlite:///elsewhere/my.db", "LOG_LEVEL": "DEBUG"},
        "data-dir": {"DATA_DIR": "state"},
    }
    result = {}
    for name, env in runs.items():
        cwd = tmp_path_factory.mktemp(name)
        done = run_bot(cwd, "migrate", env=env)
        assert done.returncode == 0, done.stderr
        result[name] = Migrated(cwd, done.stderr)
    return result


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("select name from sqlite_master")}


def test_database_url_is_the_database_used(migrated: dict[str, Migrated]) -> None:
    cwd = migrated["url"].cwd
    assert "notifications" in tables(cwd / "elsewhere" / "my.db")
    assert sorted(p.name for p in cwd.iterdir()) == ["elsewhere"]


def test_data_dir_holds_the_default_database(migrated: dict[str, Migrated]) -> None:
    cwd = migrated["data-dir"].cwd
    assert "notifications" in tables(cwd / "state" / "nastavnik.sqlite3")
    assert sorted(p.name for p in cwd.iterdir()) == ["state"]


def test_log_level_decides_what_is_logged(migrated: dict[str, Migrated]) -> None:
    assert " DEBUG " in migrated["url"].stderr
    assert " DEBUG " not in migrated["data-dir"].stderr  # the default, INFO
