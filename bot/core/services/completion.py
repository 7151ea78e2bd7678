"""The completion survey (appendix 4, stage 6, quality monitoring): when a programme ends —
carried out or ended early — its members are asked about it, in the unit of work that ends it;
a programme carried out invites its mentor to share a practice (§3.6, the collection)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import PersonStatus, Programme, SurveyKind
from bot.core.services import practices, programmes, surveys

SURVEY = "completion"
DAYS = 14  # how long the completion survey takes answers
LATER = timedelta(hours=1)  # the news of the end (and a new pair's agreement) is read first


async def programme_closed(session: AsyncSession, programme: Programme, now: datetime) -> int:
    """Invite every member of the ended programme to its completion survey (one run per
    programme), the invitations an hour later; how many were invited now. The mentor of a
    programme carried out is invited to share a practice."""
    await practices.invite(session, programme, now)
    run = await surveys.open_run(
        session,
        SURVEY,
        SurveyKind.COMPLETION,
        now=now + LATER,
        closes_at=now + LATER + timedelta(days=DAYS),
        occasion=str(programme.id),
        programme_id=programme.id,
    )
    invitees: list[surveys.Invitee] = [
        (person.id, programme.id, member.role)
        for member, person in await programmes.members(session, programme.id)
        if person.status != PersonStatus.ERASED
    ]
    return await surveys.invite(session, run, invitees, now)
