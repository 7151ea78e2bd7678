"""Fixtures: a running bot on fake Telegram and VK servers, and a platform parameter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.harness import PLATFORMS, Harness


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    """Fake servers with the real bot running against them."""
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
