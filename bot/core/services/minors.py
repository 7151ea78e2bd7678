"""A minor whose parent says no or never uses the code: the values go, the child is told."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox
from bot.core.models import CodePurpose, OneTimeCode, Person, PersonStatus, Subject
from bot.core.services import erasure, people

DECLINED = "notify-parent-declined"  # the purpose of the child's notice when the parent declined
EXPIRED = "notify-parent-code-expired"  # … when the parent's code ran out unused
WITHDRAWN = "notify-parent-withdrew"  # … when the parent withdrew the consent they gave


async def turn_away(session: AsyncSession, minor: Person, now: datetime, purpose: str) -> None:
    """Erase what the minor gave (as /forget does) and tell them on the accounts they used."""
    accounts = await people.accounts_of(session, minor.id)
    await erasure.forget(session, minor, now)
    for account in accounts:
        await outbox.schedule(
            session,
            to=minor.id,
            subject=Subject.PERSON,
            subject_id=minor.id,
            purpose=purpose,
            occasion=str(account.id),
            due_at=now,
            account=account.id,
        )


async def expire_codes(session: AsyncSession, now: datetime) -> int:
    """Turn away every minor still awaiting a parent whose code has run out; how many."""
    query = (
        select(Person)
        .join(OneTimeCode, OneTimeCode.person_id == Person.id)
        .where(
            OneTimeCode.purpose == CodePurpose.PARENT,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.expires_at <= now,
            Person.status == PersonStatus.AWAITING_PARENT,
        )
    )
    expired = list((await session.execute(query)).scalars().unique())
    for minor in expired:
        await turn_away(session, minor, now, EXPIRED)
    return len(expired)
