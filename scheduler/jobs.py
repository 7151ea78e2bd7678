"""APScheduler wiring: the periodic tick that drains the outbox."""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from scheduler.dispatch import Dispatcher


def build_scheduler(dispatcher: Dispatcher, tick_seconds: float) -> AsyncIOScheduler:
    """A scheduler that runs a dispatch pass every tick; missed ticks collapse into one."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        dispatcher.run_once,
        "interval",
        seconds=tick_seconds,
        id="dispatch-outbox",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    return scheduler
