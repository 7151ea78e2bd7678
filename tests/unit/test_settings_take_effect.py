"""Every documented setting changes what the bot does (README's table, `.env.example`).

Settings proven elsewhere: TELEGRAM_BOT_TOKEN and VK_GROUP_TOKEN in tests/e2e/test_startup.py (a
rejected one stops the bot) and tests/unit/test_cli.py (none set: the bot says what to set);
TELEGRAM_API_BASE, VK_API_BASE and VK_GROUP_ID in every e2e test, which reaches the fake servers
only through them (the fake VK refuses any other group); DATA_DIR also in
tests/unit/test_installed_wheel.py and tests/e2e/test_shutdown.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.config import Settings
from bot.core import outbox
from bot.core.models import NotificationStatus
from bot.db import Database
from tests.unit.conftest import FakeClock
from tests.unit.test_dispatch import TEMPLATE, FakePlatform, add_person, row

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
    telegram = FakePlatform("telegram")
    app.platforms[telegram.name] = telegram
    person = await add_person(db, [("telegram", "42", clock.now)])
    async with db.transaction() as session:
        await outbox.schedule(
            session, person_id=person, template=TEMPLATE, due_at=clock.now, key="k",
            quiet_hours=True,
        )  # fmt: skip
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
