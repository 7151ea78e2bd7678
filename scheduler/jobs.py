"""APScheduler wiring: the periodic tick that drains the outbox, expires parents' codes,
closes the survey runs past their deadline, runs the monitoring calendar, sends broadcasts and
runs the media plan."""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import Settings
from bot.core.models import SurveyRun
from bot.core.services import annual, minors, monitoring, surveys
from scheduler.broadcaster import Broadcaster
from scheduler.dispatch import Dispatcher
from scheduler.media import MediaPlanJob


async def expire_parent_codes(dispatcher: Dispatcher) -> int:
    """Erase the minors whose parent's code ran out unused and tell them; how many."""
    async with dispatcher.db.transaction() as session:
        erased = await minors.expire_codes(session, dispatcher.clock())
    if erased:
        dispatcher.wake()
    return erased


async def close_surveys(dispatcher: Dispatcher, zone: str) -> list[SurveyRun]:
    """Close the survey runs whose deadline has passed (their pending invitations and reminders
    are voided, the curators are sent a closed monitoring's report, its days on the clock of
    `zone`); the runs closed."""
    now = dispatcher.clock()
    async with dispatcher.db.transaction() as session:
        closed = await surveys.close_due(session, now)
        reports = await monitoring.report_to_curators(session, closed, now, zone)
    if reports:
        dispatcher.wake()
    return closed


async def run_monitoring(dispatcher: Dispatcher, settings: Settings) -> int:
    """Inside a monitoring window invite those not yet invited; from the annual report's
    reminder day remind the curators (each once); how many were invited."""
    now = dispatcher.clock()
    async with dispatcher.db.transaction() as session:
        invited = await monitoring.tick(session, monitoring.Calendar.of(settings), now)
        reminded = await annual.remind(
            session,
            settings.annual_report_day,
            settings.reminder_clock,
            settings.default_timezone,
            now,
        )
    if invited or reminded:
        dispatcher.wake()
    return invited


def build_scheduler(
    dispatcher: Dispatcher,
    settings: Settings,
    broadcaster: Broadcaster | None = None,
    media: MediaPlanJob | None = None,
) -> AsyncIOScheduler:
    """A scheduler that runs a dispatch pass, the expiry of parents' codes, the closing of
    survey runs, the monitoring calendar, a broadcast pass and the media plan's pass every
    tick; missed ticks collapse into one."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    tick_seconds = settings.scheduler_tick_seconds
    jobs = {
        "dispatch-outbox": (dispatcher.run_once, []),
        "expire-parent-codes": (expire_parent_codes, [dispatcher]),
        "close-surveys": (close_surveys, [dispatcher, settings.default_timezone]),
        "monitoring": (run_monitoring, [dispatcher, settings]),
    }
    if broadcaster is not None:
        jobs["send-broadcasts"] = (broadcaster.run_once, [])
    if media is not None:
        jobs["media-plan"] = (media.run_once, [])
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
