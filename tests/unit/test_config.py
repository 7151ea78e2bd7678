"""Settings: defaults follow DATA_DIR, and bad values are refused by name."""

from __future__ import annotations

from datetime import time

import pytest
from pydantic import ValidationError

from bot.config import Settings


def test_database_defaults_to_a_file_in_the_data_folder() -> None:
    settings = Settings(_env_file=None, DATA_DIR="/srv/nastavnik")  # type: ignore[call-arg]
    assert settings.database_url == "sqlite+aiosqlite:////srv/nastavnik/nastavnik.sqlite3"


def test_explicit_database_url_wins() -> None:
    url = "postgresql+asyncpg://bot@db/nastavnik"
    settings = Settings(_env_file=None, DATABASE_URL=url)  # type: ignore[call-arg]
    assert settings.database_url == url


def test_quiet_hours_and_reminder_time_are_read() -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, QUIET_HOURS="23:30-07:00", REMINDER_TIME="09:15"
    )
    assert settings.quiet_window == (time(23, 30), time(7, 0))
    assert settings.reminder_clock == time(9, 15)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("QUIET_HOURS", "ночью"),
        ("QUIET_HOURS", "22:00"),
        ("REMINDER_TIME", "25:00"),
        ("OVERDUE_ALERT_DAYS", "0"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus"),
        ("DEFAULT_LOCALE", "de"),
    ],
)
def test_bad_values_are_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None, **{name: value})  # type: ignore[arg-type]
    assert error.value.errors()[0]["loc"][0] == name
