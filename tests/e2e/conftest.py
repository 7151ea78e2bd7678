"""Fixtures: a running bot on fake Telegram and VK servers, and a platform parameter."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool

from tests.conftest import no_fsync
from tests.e2e.harness import PLATFORMS, Harness


@pytest.fixture(autouse=True, scope="session")
def _throwaway_databases() -> Iterator[None]:
    """Test databases skip the fsync of every commit (the bot's own pragmas are untouched)."""
    event.listen(Pool, "connect", no_fsync)
    yield
    event.remove(Pool, "connect", no_fsync)


@pytest.fixture
async def harness(tmp_path: Path, migrated_file: Path) -> AsyncIterator[Harness]:
    """Fake servers with the real bot running against them, on an empty migrated database."""
    shutil.copyfile(migrated_file, tmp_path / Harness.DATABASE_FILE)
    h = Harness(tmp_path)
    await h.open()
    await h.start_bot()
    try:
        yield h
    finally:
        await h.close()


@pytest.fixture(params=PLATFORMS)
def platform(request: pytest.FixtureRequest) -> str:
    """Each scenario runs once on Telegram and once on VK."""
    return str(request.param)
