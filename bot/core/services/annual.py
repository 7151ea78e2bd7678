"""The annual report for the regional mentoring centre, due 30 December: on the reminder day
(`ANNUAL_REPORT_REMINDER`) every curator is sent a reminder with the year's report attached."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, quiet_hours
from bot.core.models import Subject
from bot.core.services import programmes

REMIND = "annual-report"  # outbox purpose (and template)
DUE = (12, 30)  # the day the centre expects the report


async def remind(
    session: AsyncSession, day: tuple[int, int], at: time, zone: str, now: datetime
) -> int:
    """From the reminder day until the year's end, remind each curator once of this year's
    report; how many rows were added."""
    year = now.astimezone(ZoneInfo(zone)).year
    moment = quiet_hours.local_moment(date(year, *day), at, zone)
    year_end = quiet_hours.local_moment(date(year + 1, 1, 1), time(0, 0), zone)
    if not moment <= now < year_end:
        return 0
    added = 0
    for curator in await programmes.curators(session):
        added += await outbox.schedule(
            session,
            to=curator.id,
            subject=Subject.PERSON,
            subject_id=curator.id,
            purpose=REMIND,
            occasion=str(year),
            due_at=now,
            params={"year": year, "zone": zone},
            quiet_hours=True,
            expires_at=year_end,
        )
    return added
