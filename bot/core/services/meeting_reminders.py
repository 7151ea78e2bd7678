"""A meeting's outbox rows: reminders before it and the mentor's question after it.

Reminders go to everyone invited (but who declined) the programme's `meeting_reminder_hours`
before the start; only those of a day or more wait out the night, and none arrives after the
start (it expires then). After the end the mentor is asked whether it took place, and once more
a day later. Moving or cancelling the meeting voids them all; the occasion is the start they
belong to.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox
from bot.core.models import (
    Meeting,
    MeetingAnswer,
    MeetingParticipant,
    MeetingStatus,
    Programme,
    Subject,
)
from bot.core.refusal import Refusal

OUTCOME, OUTCOME_AGAIN = "meeting-outcome", "meeting-outcome-again"
QUIET_FROM_HOURS = 24  # reminders this long before the start respect quiet hours
ASK_AGAIN = timedelta(days=1)


def reminder_purpose(hours: int) -> str:
    """The purpose of the reminder `hours` before a meeting."""
    return f"meeting-remind-{hours}h"


async def schedule(
    session: AsyncSession, meeting: Meeting, programme: Programme, now: datetime
) -> None:
    """Write the reminders and the after-meeting question of a confirmed meeting."""
    occasion = meeting.start.isoformat()
    params = {"meeting_id": meeting.id, "programme_id": programme.id}
    query = select(MeetingParticipant.person_id).where(
        MeetingParticipant.meeting_id == meeting.id,
        MeetingParticipant.answer != MeetingAnswer.DECLINED,
    )
    for person_id in (await session.execute(query)).scalars():
        for hours in sorted(set(programme.meeting_reminder_hours), reverse=True):
            at = meeting.start - timedelta(hours=hours)
            if at <= now:
                continue
            await outbox.schedule(
                session,
                to=person_id,
                subject=Subject.MEETING,
                subject_id=meeting.id,
                purpose=reminder_purpose(hours),
                template="meeting-reminder",
                occasion=occasion,
                due_at=at,
                params={**params, "hours": hours},
                quiet_hours=hours >= QUIET_FROM_HOURS,
                expires_at=meeting.start,
            )
    end = meeting.start + timedelta(minutes=meeting.minutes)
    again = end + ASK_AGAIN
    # Caught up after downtime, the first question is dropped once the second is due.
    for purpose, due, expires in ((OUTCOME, end, again), (OUTCOME_AGAIN, again, None)):
        await outbox.schedule(
            session,
            to=programme.mentor_id,
            subject=Subject.MEETING,
            subject_id=meeting.id,
            purpose=purpose,
            template=OUTCOME,
            occasion=occasion,
            due_at=due,
            params=params,
            quiet_hours=True,
            expires_at=expires,
        )


async def void(session: AsyncSession, meeting: Meeting) -> None:
    """Void the meeting's reminders and after-meeting questions (it moved or is off)."""
    await outbox.void(session, Subject.MEETING, meeting.id, occasion=meeting.start.isoformat())


async def record_outcome(
    session: AsyncSession, meeting: Meeting, held: bool, now: datetime
) -> None:
    """The mentor says the meeting took place (`held_at` is what the feedback survey looks
    for; everyone invited counts as come until the mentor says otherwise) or did not; the
    question is not asked again."""
    if meeting.status != MeetingStatus.CONFIRMED:
        raise Refusal("meeting-already-answered")
    if now < meeting.start:
        raise Refusal("meeting-not-yet")
    meeting.status = MeetingStatus.HELD if held else MeetingStatus.NOT_HELD
    meeting.held_at = now if held else None
    if held:
        query = select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
        for part in (await session.execute(query)).scalars():
            part.attended = part.answer != MeetingAnswer.DECLINED
    await outbox.void(session, Subject.MEETING, meeting.id, purposes=(OUTCOME, OUTCOME_AGAIN))
