"""/forget as one use case: consent withdrawn and every value the person gave or typed erased."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import Notification, Person
from bot.core.services import (
    achievements,
    consent,
    help_threads,
    meetings,
    practices,
    programmes,
    proposals,
    relay,
    speed,
    surveys,
)
from bot.db import wipe_after_commit


async def forget(session: AsyncSession, person: Person, now: datetime) -> None:
    """Withdraw the person's consent and erase their personal values (152-FZ art. 9 and 21).

    Nobody is left waiting on them: their programmes end or go on without them, their requests
    still waiting for an answer are withdrawn and their speed-mentoring places freed. What they
    typed goes: name and answers, reasons for ending a programme or asking for another mentor,
    messages to or from the curator, what they wrote with /ask, the files they sent, their
    achievements with their proof files, their survey answers and their practices. Plan
    items stay: they are the pair's plan, written by the mentor for everyone in it.
    Once the transaction commits, the old copies SQLite keeps in its write-ahead log are wiped.
    """
    await programmes.leave_all(session, person, now)
    await proposals.withdraw_all(session, person.id, now)
    await speed.withdraw_all(session, person.id, now)
    await programmes.erase_close_reasons(session, person.id)
    await relay.erase(session, person.id)
    await meetings.erase(session, person.id)
    await achievements.erase(session, person.id)
    await help_threads.erase(session, person.id)
    await surveys.erase(session, person.id)
    await practices.erase(session, person.id)
    if person.name:
        await _scrub_old_notices(session, person.name)
    await consent.withdraw_and_erase(session, person, now)
    wipe_after_commit(session)


async def _scrub_old_notices(session: AsyncSession, name: str) -> None:
    """Outbox rows written before notices looked people up when sent carry the name itself (and
    a reason the person typed): those values go, the ids the rows are about stay."""
    query = select(Notification).where(Notification.params["by"].as_string() == name)
    for row in (await session.execute(query)).scalars():
        row.params = {k: v for k, v in row.params.items() if k not in ("by", "reason")}
