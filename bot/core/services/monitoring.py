"""The twice-yearly monitoring (§3.5 of the regulation): a lead time before each deadline every
member of an active programme is invited (mentees to `monitoring-mentee`, mentors to
`monitoring-mentor` and `mentor-self-assessment`, a run each), those yet to answer are reminded,
the runs close at 23:59 on the deadline day and the curators are sent the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.core import outbox, quiet_hours
from bot.core.models import (
    MemberRole,
    Person,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    ResponseStatus,
    Subject,
    SurveyKind,
    SurveyResponse,
    SurveyRun,
)
from bot.core.services import programmes, surveys

SURVEYS = (
    ("monitoring-mentee", MemberRole.MENTEE),
    ("monitoring-mentor", MemberRole.MENTOR),
    ("mentor-self-assessment", MemberRole.MENTOR),
)
REPORT = "monitoring-report"  # outbox purpose (and template): the report to the curators
MIDNIGHT, LAST_MINUTE = time(0, 0), time(23, 59)  # a window's first and last minutes


@dataclass(frozen=True)
class Calendar:
    """When monitoring happens: deadlines (month, day), the lead and reminder days, and the
    zone and time of day the dates are read in."""

    deadlines: list[tuple[int, int]]
    lead_days: int
    reminder_days: list[int]
    zone: str
    at: time

    @classmethod
    def of(cls, settings: Settings) -> Calendar:
        """The calendar the settings describe."""
        return cls(
            settings.monitoring_days,
            settings.monitoring_lead_days,
            settings.monitoring_reminders,
            settings.default_timezone,
            settings.reminder_clock,
        )


@dataclass(frozen=True)
class Window:
    """One monitoring: its deadline day, when it opens and closes, and the reminders."""

    deadline: date
    opens: datetime
    closes: datetime
    reminders: list[datetime]


def windows(calendar: Calendar, now: datetime) -> list[Window]:
    """The monitorings taking answers at `now` (usually none or one): each from its lead day's
    start until 23:59 of its deadline day (which the invitation names)."""
    found = (
        _window(calendar, date(year, month, day))
        for year in (now.year - 1, now.year, now.year + 1)
        for month, day in calendar.deadlines
    )
    return [w for w in found if w.opens <= now < w.closes]


def _window(calendar: Calendar, deadline: date) -> Window:
    def moment(days_before: int, at: time) -> datetime:
        day = deadline - timedelta(days=days_before)
        return quiet_hours.local_moment(day, at, calendar.zone)

    opens, closes = moment(calendar.lead_days, MIDNIGHT), moment(0, LAST_MINUTE)
    reminders = (moment(n, calendar.at) for n in calendar.reminder_days)
    return Window(deadline, opens, closes, sorted(m for m in reminders if opens < m < closes))


async def members(session: AsyncSession) -> list[surveys.Invitee]:
    """Everyone in an active programme with their role there (the newest programme first)."""
    query = (
        select(ProgrammeMember.person_id, ProgrammeMember.programme_id, ProgrammeMember.role)
        .join(Programme, Programme.id == ProgrammeMember.programme_id)
        .join(Person, Person.id == ProgrammeMember.person_id)
        .where(Programme.status == ProgrammeStatus.ACTIVE, Person.status == PersonStatus.ACTIVE)
        .order_by(Programme.id.desc())
    )
    return [(p, g, r) for p, g, r in (await session.execute(query)).all()]


async def tick(session: AsyncSession, calendar: Calendar, now: datetime) -> int:
    """Inside a monitoring window: open its runs (once), invite the members not yet invited and
    remind them at the moments still ahead; how many were invited now."""
    open_now = windows(calendar, now)
    everyone = await members(session) if open_now else []
    invited = 0
    for found in open_now:
        for key, role in SURVEYS:
            run = await surveys.open_run(
                session,
                key,
                SurveyKind.MONITORING,
                now=now,
                closes_at=found.closes,
                occasion=f"{found.deadline.isoformat()}/{key}",
            )
            added = await surveys.invite(session, run, [m for m in everyone if m[2] == role], now)
            if added:
                ahead = [m for m in found.reminders if m > now]
                await surveys.schedule_reminders(session, run, ahead)
            invited += added
    return invited


async def report_to_curators(
    session: AsyncSession, closed: list[SurveyRun], now: datetime, zone: str
) -> int:
    """The monitoring runs just closed: each deadline's report to every curator (once, in the
    morning if the run closed at night), its days read on the clock of `zone`; how many rows."""
    count = 0
    for deadline in sorted(
        {r.occasion.split("/")[0] for r in closed if r.kind == SurveyKind.MONITORING}
    ):
        runs = await runs_of(session, deadline)
        first = min(r.opens_at for r in runs).astimezone(ZoneInfo(zone)).date()
        params = {"deadline": deadline, "first": first.isoformat(), "zone": zone}
        for curator in await programmes.curators(session):
            count += await outbox.schedule(
                session,
                to=curator.id,
                subject=Subject.SURVEY_RUN,
                subject_id=runs[0].id,
                purpose=REPORT,
                occasion=deadline,
                due_at=now,
                params=params,
                quiet_hours=True,
            )
    return count


async def runs_of(session: AsyncSession, deadline: str) -> list[SurveyRun]:
    """The runs of one monitoring (by its deadline day, `2026-12-20`)."""
    query = (
        select(SurveyRun)
        .where(
            SurveyRun.kind == SurveyKind.MONITORING, SurveyRun.occasion.startswith(f"{deadline}/")
        )
        .order_by(SurveyRun.id)
    )
    return list((await session.execute(query)).scalars())


async def response_rates(session: AsyncSession, deadline: str) -> list[tuple[SurveyRun, int, int]]:
    """Each run of one monitoring with how many were invited and how many answered."""
    found = []
    for run in await runs_of(session, deadline):
        query = select(SurveyResponse.status, func.count()).where(SurveyResponse.run_id == run.id)
        counts = dict((await session.execute(query.group_by(SurveyResponse.status))).all())
        found.append((run, sum(counts.values()), counts.get(ResponseStatus.COMPLETED, 0)))
    return found
