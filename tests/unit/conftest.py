"""Shared fixtures for the unit tests: an empty database, settings, a hand-moved clock."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import event

from bot.config import Settings
from bot.db import Database
from tests.conftest import no_fsync
from tests.fakes.clock import FakeClock


def make_settings(tmp_path: Path, db_url: str) -> Settings:
    """Settings for a test: only the given database and data folder, never a developer's .env."""
    return Settings(
        _env_file=None,
        DATABASE_URL=db_url,
        DATA_DIR=str(tmp_path),
        DEFAULT_LOCALE="ru",
        DEFAULT_TIMEZONE="Europe/Moscow",
        TELEGRAM_BOT_TOKEN="",
        VK_GROUP_TOKEN="",
        VK_GROUP_ID="",
    )


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite file of this test's own."""
    return f"sqlite+aiosqlite:///{tmp_path}/t.sqlite3"


@pytest.fixture
async def db(db_url: str, tmp_path: Path, migrated_file: Path) -> AsyncIterator[Database]:
    """The database at `db_url`: a copy of the migrated file, so each test starts empty."""
    shutil.copyfile(migrated_file, tmp_path / "t.sqlite3")
    database = Database(db_url)
    # A throwaway file need not survive a power cut: skip the fsync of every commit.
    event.listen(database.engine.sync_engine, "connect", no_fsync)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def clock() -> FakeClock:
    """A clock that only moves when the test says so."""
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """Settings pointing at the test's database and folder."""
    return make_settings(tmp_path, db_url)
