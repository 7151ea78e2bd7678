"""APScheduler wiring: the periodic tick that drains the outbox, expires parents' codes and
closes the survey runs past their deadline, runs the media plan."""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.models import SurveyRun
from bot.core.services import minors, surveys
from scheduler.dispatch import Dispatcher
from scheduler.media import MediaPlanJob


async def expire_parent_codes(dispatcher: Dispatcher) -> int:
    """Erase the minors whose parent's code ran out unused and tell them; how many."""
    async with dispatcher.db.transaction() as session:
        erased = await minors.expire_codes(session, dispatcher.clock())
    if erased:
        dispatcher.wake()
    return erased


async def close_surveys(dispatcher: Dispatcher) -> list[SurveyRun]:
    """Close the survey runs whose deadline has passed (their pending invitations and reminders
    are voided); the runs closed."""
    async with dispatcher.db.transaction() as session:
        return await surveys.close_due(session, dispatcher.clock())


def build_scheduler(
    dispatcher: Dispatcher, tick_seconds: float, media: MediaPlanJob
) -> AsyncIOScheduler:
    """A scheduler that runs a dispatch pass, the expiry of parents' codes, the closing of
    survey runs and the media plan's pass every tick; missed ticks collapse into one."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    jobs = {
        "dispatch-outbox": (dispatcher.run_once, []),
        "expire-parent-codes": (expire_parent_codes, [dispatcher]),
        "close-surveys": (close_surveys, [dispatcher]),
        "media-plan": (media.run_once, []),
    }
    for name, (job, args) in jobs.items():
        scheduler.add_job(
            job,
            "interval",
            args=args,
            seconds=tick_seconds,
            id=name,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
    return scheduler
