"""Logging as set up at start-up: the scheduler's every-tick lines do not flood INFO."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.__main__ import setup_logging
from bot.config import Settings

TICK_LOGGER = "apscheduler.executors.default"  # "Running job ..." / "... executed successfully"


@pytest.fixture(autouse=True)
def _restore_levels() -> Iterator[None]:
    names = ("apscheduler", "alembic", "aiosqlite", "")
    levels = {name: logging.getLogger(name).level for name in names}
    factory = logging.getLogRecordFactory()
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    logging.setLogRecordFactory(factory)


def _settings(level: str) -> Settings:
    return Settings(_env_file=None, LOG_LEVEL=level)  # type: ignore[call-arg]


def test_scheduler_ticks_are_quiet_at_info_but_its_warnings_show() -> None:
    setup_logging(_settings("INFO"), to_file=False)
    logging.getLogger().setLevel(logging.INFO)  # as basicConfig does outside pytest
    tick = logging.getLogger(TICK_LOGGER)
    assert not tick.isEnabledFor(logging.INFO)
    assert tick.isEnabledFor(logging.WARNING)


def test_scheduler_ticks_show_at_debug() -> None:
    setup_logging(_settings("DEBUG"), to_file=False)
    logging.getLogger().setLevel(logging.DEBUG)  # as basicConfig does outside pytest
    assert logging.getLogger(TICK_LOGGER).isEnabledFor(logging.INFO)


def test_database_driver_chatter_stays_out_of_a_debug_log() -> None:
    """At DEBUG, aiosqlite's two lines per SQL call would bury everything else (and fill a
    service manager's pipe); they stay out."""
    setup_logging(_settings("DEBUG"), to_file=False)
    logging.getLogger().setLevel(logging.DEBUG)
    assert not logging.getLogger("aiosqlite").isEnabledFor(logging.DEBUG)
    assert logging.getLogger("bot").isEnabledFor(logging.DEBUG)
