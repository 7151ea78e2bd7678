"""Figures of the programmes over a period, for the reports: participants, programmes, meetings
per month, plan items and mentor load.

Counts only, never names: these go into aggregate sheets and charts. A programme *ran* in the
period when it started before the period's end and was not closed before its start.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Meeting,
    MeetingStatus,
    MemberRole,
    Milestone,
    MilestoneStatus,
    Person,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
)
from bot.core.services import figures

UNKNOWN = "unknown"  # an age group not given (or erased)
STARTED = (ProgrammeStatus.ACTIVE, ProgrammeStatus.COMPLETED, ProgrammeStatus.ENDED)


@dataclass(frozen=True)
class Period:
    """Calendar days `first`..`last` (both included) on the organisation's clock `zone`."""

    first: date
    last: date
    zone: str

    @property
    def start(self) -> datetime:
        """The first moment of the period."""
        return datetime.combine(self.first, time(), ZoneInfo(self.zone))

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.last + timedelta(days=1), time(), ZoneInfo(self.zone))

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        found, year, month = [], self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


@dataclass(frozen=True)
class Participants:
    """People in programmes that ran in the period, each counted once per group."""

    total: int
    by_role: dict[str, int]
    by_age: dict[str, int]
    by_form: dict[str, int]
    by_pair_type: dict[str, int]


@dataclass(frozen=True)
class Programmes:
    """Programmes started in the period, running at its end, completed and ended early in it."""

    started: int
    active: int
    completed: int
    ended: int


@dataclass(frozen=True)
class MonthMeetings:
    """Meetings starting in one month: all proposed, and how they went."""

    year: int
    month: int
    proposed: int
    held: int
    not_held: int
    cancelled: int


@dataclass(frozen=True)
class Milestones:
    """Plan items due in the period: all, done, and still open past their date."""

    total: int
    done: int
    overdue: int

    @property
    def rate(self) -> float:
        """Share of items done (0 without items)."""
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class MentorLoad:
    """One mentor's mentees and programmes running at the period's end (no name)."""

    mentees: int
    programmes: int


def ran_in(period: Period) -> ColumnElement[bool]:
    """The programmes that ran at some time in the period."""
    return and_(
        Programme.status.in_(STARTED),
        Programme.started_at < period.end,
        or_(Programme.closed_at.is_(None), Programme.closed_at >= period.start),
    )


def running_at_end(period: Period) -> ColumnElement[bool]:
    """The programmes running when the period ended."""
    return and_(
        ran_in(period), or_(Programme.closed_at.is_(None), Programme.closed_at >= period.end)
    )


async def participants(session: AsyncSession, period: Period) -> Participants:
    """Distinct people by role, age group, form and pair type."""
    rows = (
        await session.execute(
            select(
                ProgrammeMember.person_id,
                ProgrammeMember.role,
                Person.age_group,
                Programme.form,
                Programme.pair_type,
            )
            .join(Programme, Programme.id == ProgrammeMember.programme_id)
            .join(Person, Person.id == ProgrammeMember.person_id)
            .where(ran_in(period))
        )
    ).all()

    def distinct(column: int) -> dict[str, int]:
        pairs = {(str(row[column] or UNKNOWN), row[0]) for row in rows}
        return dict(Counter(key for key, _ in pairs))

    return Participants(
        total=len({row[0] for row in rows}),
        by_role={role.value: distinct(1).get(role.value, 0) for role in MemberRole},
        by_age=distinct(2),
        by_form=distinct(3),
        by_pair_type=distinct(4),
    )


async def _count(session: AsyncSession, *where: ColumnElement[bool]) -> int:
    found = await session.scalar(select(func.count()).select_from(Programme).where(*where))
    return int(found or 0)


async def programmes(session: AsyncSession, period: Period) -> Programmes:
    """How many programmes started, ran on, completed and ended early."""
    closed_in = and_(Programme.closed_at >= period.start, Programme.closed_at < period.end)
    return Programmes(
        started=await _count(
            session,
            Programme.status.in_(STARTED),
            Programme.started_at >= period.start,
            Programme.started_at < period.end,
        ),
        active=await _count(session, running_at_end(period)),
        completed=await _count(session, Programme.status == ProgrammeStatus.COMPLETED, closed_in),
        ended=await _count(session, Programme.status == ProgrammeStatus.ENDED, closed_in),
    )


async def meetings(session: AsyncSession, period: Period) -> list[MonthMeetings]:
    """Meetings by the month of their start on the organisation's clock, every month shown."""
    rows = await session.execute(
        select(Meeting.start, Meeting.status).where(
            Meeting.start >= period.start, Meeting.start < period.end
        )
    )
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    zone = ZoneInfo(period.zone)
    for start, status in rows.all():
        local = start.astimezone(zone)
        counts[(local.year, local.month)][status] += 1
    return [
        MonthMeetings(
            year,
            month,
            proposed=sum(counts[(year, month)].values()),
            held=counts[(year, month)][MeetingStatus.HELD],
            not_held=counts[(year, month)][MeetingStatus.NOT_HELD],
            cancelled=counts[(year, month)][MeetingStatus.CANCELLED],
        )
        for year, month in period.months()
    ]


async def milestones(session: AsyncSession, period: Period, today: date) -> Milestones:
    """Plan items of programmes that ran, due in the period; overdue: still open on `today`
    (or the period's end, if earlier) though due before it."""
    due_in = and_(Milestone.due_on >= period.first, Milestone.due_on <= period.last)
    rows = await session.execute(
        select(Milestone.status, func.count())
        .join(Programme, Programme.id == Milestone.programme_id)
        .where(ran_in(period), due_in, Milestone.status != MilestoneStatus.DELETED)
        .group_by(Milestone.status)
    )
    by_status = {status: int(count) for status, count in rows.all()}
    as_of = min(today, period.last + timedelta(days=1))
    overdue = await session.scalar(
        figures.overdue_items(as_of).where(Milestone.due_on >= period.first)
    )
    return Milestones(
        total=sum(by_status.values()),
        done=by_status.get(MilestoneStatus.DONE, 0),
        overdue=int(overdue or 0),
    )


async def mentor_load(session: AsyncSession, period: Period) -> list[MentorLoad]:
    """Every mentor with a programme running at the period's end, busiest first."""
    mentees = (
        select(
            Programme.mentor_id,
            func.count(func.distinct(ProgrammeMember.person_id)),
            func.count(func.distinct(Programme.id)),
        )
        .join(ProgrammeMember, ProgrammeMember.programme_id == Programme.id)
        .where(running_at_end(period), ProgrammeMember.role == MemberRole.MENTEE)
        .group_by(Programme.mentor_id)
    )
    rows = (await session.execute(mentees)).all()
    loads = [MentorLoad(int(n), int(p)) for _, n, p in rows]
    return sorted(loads, key=lambda load: (-load.mentees, -load.programmes))
