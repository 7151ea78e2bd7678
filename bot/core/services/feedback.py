"""Feedback after a meeting: once the mentor logs it as held, everyone who came is asked the
`meeting-feedback` survey (each only the questions of their role in the programme)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import Meeting, MeetingStatus, PersonStatus, SurveyKind, SurveyRun
from bot.core.services import meetings, programmes, surveys

SURVEY = "meeting-feedback"
SETTLE = timedelta(minutes=15)  # the invitations wait while the mentor ticks who came


async def _run(session: AsyncSession, meeting: Meeting, now: datetime, days: int) -> SurveyRun:
    """The meeting's feedback run (opened on first use): it opens, and the invitations go out,
    a little after the log, and takes answers for `days`."""
    return await surveys.open_run(
        session,
        SURVEY,
        SurveyKind.MEETING,
        now=now + SETTLE,
        closes_at=now + SETTLE + timedelta(days=days),
        occasion=str(meeting.id),
        programme_id=meeting.programme_id,
        meeting_id=meeting.id,
    )


async def meeting_held(session: AsyncSession, meeting: Meeting, now: datetime, days: int) -> int:
    """Invite everyone who came to the held meeting (once each); how many were invited now."""
    if meeting.status != MeetingStatus.HELD:
        return 0
    run = await _run(session, meeting, now, days)
    invitees: list[surveys.Invitee] = []
    for part, person in await meetings.participants(session, meeting.id):
        if part.attended and person.status != PersonStatus.ERASED:
            member = await programmes.membership(session, meeting.programme_id, person.id)
            role = member.role if member is not None else None
            invitees.append((person.id, meeting.programme_id, role))
    return await surveys.invite(session, run, invitees, now)


async def attendance_changed(
    session: AsyncSession, meeting: Meeting, person_id: int, came: bool, now: datetime, days: int
) -> None:
    """The mentor ticked one who came (invite them) or unticked them (take back an invitation
    they have not begun answering)."""
    if came:
        await meeting_held(session, meeting, now, days)
    else:
        await surveys.withdraw(session, await _run(session, meeting, now, days), person_id)
