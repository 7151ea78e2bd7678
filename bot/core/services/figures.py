"""Programme figures for the curator: pairs and groups by status, who is waiting, what is late.

Counts only, never names: `/stats` may be shown on a screen in the staff room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    MemberRole,
    Milestone,
    MilestoneStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
)
from bot.core.services import banks


@dataclass(frozen=True)
class ProgrammeFigures:
    """How the programmes stand today."""

    pairs: dict[str, int]  # programme status → pairs (one mentee)
    groups: dict[str, int]  # programme status → groups (several mentees)
    mentees_without_pair: int
    overdue_items: int


async def programme_figures(session: AsyncSession, today: date) -> ProgrammeFigures:
    """Pairs and groups by status, mentees in no open programme, overdue items of running ones."""
    mentees = (
        select(ProgrammeMember.programme_id, func.count().label("n"))
        .where(ProgrammeMember.role == MemberRole.MENTEE)
        .group_by(ProgrammeMember.programme_id)
        .subquery()
    )
    rows = await session.execute(
        select(Programme.status, mentees.c.n > 1, func.count())
        .join(mentees, mentees.c.programme_id == Programme.id)
        .group_by(Programme.status, mentees.c.n > 1)
    )
    pairs = {status.value: 0 for status in ProgrammeStatus}
    groups = dict(pairs)
    for status, is_group, count in rows.all():
        (groups if is_group else pairs)[status] = int(count)
    overdue = await session.execute(overdue_items(today))
    unmatched = await banks.bank(session, Role.MENTEE, only_unmatched=True)
    return ProgrammeFigures(pairs, groups, len(unmatched), int(overdue.scalar_one()))


def overdue_items(today: date) -> Select[int]:
    """The count of open plan items of running programmes due before `today` (a caller may
    narrow it further)."""
    return (
        select(func.count())
        .select_from(Milestone)
        .join(Programme, Programme.id == Milestone.programme_id)
        .where(
            Programme.status == ProgrammeStatus.ACTIVE,
            Milestone.status == MilestoneStatus.OPEN,
            Milestone.due_on < today,
        )
    )
