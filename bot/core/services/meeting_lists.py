"""Lists of meetings for a person: the upcoming ones (/meetings, the calendar of them all) and
what awaits their answer (/pending)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Meeting,
    MeetingAnswer,
    MeetingParticipant,
    MeetingStatus,
    Programme,
    ProgrammeStatus,
)
from bot.core.services import meeting_reminders
from bot.core.services.meetings import LIVE, end_of


async def upcoming(session: AsyncSession, person_id: int, now: datetime) -> list[Meeting]:
    """The person's live meetings not over yet, soonest first (declined ones left out)."""
    query = (
        select(Meeting)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .join(Programme, Programme.id == Meeting.programme_id)
        .where(
            MeetingParticipant.person_id == person_id,
            MeetingParticipant.answer != MeetingAnswer.DECLINED,
            Meeting.status.in_(LIVE),
            Meeting.start > now - timedelta(hours=3),
            Programme.status == ProgrammeStatus.ACTIVE,
        )
        .order_by(Meeting.start, Meeting.id)
    )
    return [m for m in (await session.execute(query)).scalars() if end_of(m) > now]


async def awaiting(
    session: AsyncSession, person_id: int, now: datetime
) -> list[tuple[Programme, str, int]]:
    """What awaits this person's answer in meetings, as (programme, notice template, meeting id):
    proposals to answer (a series once), other times proposed to them, and for a mentor the
    question whether a meeting took place."""
    mine = (
        select(Meeting, Programme, MeetingParticipant.answer)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .join(Programme, Programme.id == Meeting.programme_id)
        .where(
            MeetingParticipant.person_id == person_id,
            Programme.status == ProgrammeStatus.ACTIVE,
            Meeting.status.in_(LIVE),
        )
        .order_by(Meeting.start, Meeting.id)
    )
    found: list[tuple[Programme, str, int]] = []
    series: set[int] = set()
    for meeting, programme, answer in (await session.execute(mine)).all():
        asked = meeting.status == MeetingStatus.PROPOSED and answer == MeetingAnswer.PENDING
        fresh = meeting.series_id is None or meeting.series_id not in series
        if asked and meeting.start > now and fresh:
            found.append((programme, "meeting-proposed", meeting.id))
            if meeting.series_id is not None:
                series.add(meeting.series_id)
        if meeting.counter_start is not None and meeting.proposed_by == person_id:
            found.append((programme, "meeting-counter", meeting.id))
        over = meeting.status == MeetingStatus.CONFIRMED and end_of(meeting) <= now
        if over and programme.mentor_id == person_id:
            found.append((programme, meeting_reminders.OUTCOME, meeting.id))
    return found
