"""Fixtures for every suite: the schema built once by the real migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot import migrate


def no_fsync(dbapi_connection: Any, _record: Any) -> None:
    """A throwaway test database need not survive a power cut: skip the fsync of every commit."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file brought to the newest schema by the real migrations, once per run."""
    path = tmp_path_factory.mktemp("schema") / "migrated.sqlite3"
    migrate.upgrade_sync(f"sqlite+aiosqlite:///{path}")
    return path
