"""APScheduler wiring: the periodic tick that drains the outbox and expires parents' codes."""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.services import minors
from scheduler.dispatch import Dispatcher


async def expire_parent_codes(dispatcher: Dispatcher) -> int:
    """Erase the minors whose parent's code ran out unused and tell them; how many."""
    async with dispatcher.db.transaction() as session:
        erased = await minors.expire_codes(session, dispatcher.clock())
    if erased:
        dispatcher.wake()
    return erased


def build_scheduler(dispatcher: Dispatcher, tick_seconds: float) -> AsyncIOScheduler:
    """A scheduler that runs a dispatch pass and the expiry of parents' codes every tick;
    missed ticks collapse into one."""
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
    scheduler.add_job(
        expire_parent_codes,
        "interval",
        args=[dispatcher],
        seconds=tick_seconds,
        id="expire-parent-codes",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    return scheduler
