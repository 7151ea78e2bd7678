"""One-time codes: typed on another platform (link) or by a parent (consent for a minor)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import CodePurpose, OneTimeCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud and retype
LENGTH = 8
LINK_LIFETIME = timedelta(minutes=15)  # a parent's code lives PARENT_CODE_DAYS (settings)


def normalize(text: str) -> str:
    """A code as typed (any case, spaces or dashes) in its stored form."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def display(code: str) -> str:
    """A code as shown to people: `ABCD-EFGH`."""
    return f"{code[:4]}-{code[4:]}"


async def issue(
    session: AsyncSession,
    person_id: int,
    purpose: CodePurpose,
    now: datetime,
    lifetime: timedelta = LINK_LIFETIME,
) -> OneTimeCode:
    """A fresh code for the person, valid for `lifetime`; earlier unused codes of the same
    purpose stop working."""
    await session.execute(
        delete(OneTimeCode).where(
            OneTimeCode.person_id == person_id,
            OneTimeCode.purpose == purpose,
            OneTimeCode.used_at.is_(None),
        )
    )
    code = OneTimeCode(
        code="".join(secrets.choice(ALPHABET) for _ in range(LENGTH)),
        purpose=purpose,
        person_id=person_id,
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(code)
    await session.flush()
    return code


async def current_or_issue(
    session: AsyncSession,
    person_id: int,
    purpose: CodePurpose,
    now: datetime,
    lifetime: timedelta = LINK_LIFETIME,
) -> OneTimeCode:
    """The person's unused, unexpired code for `purpose`, or a fresh one valid for `lifetime`."""
    query = select(OneTimeCode).where(
        OneTimeCode.person_id == person_id,
        OneTimeCode.purpose == purpose,
        OneTimeCode.used_at.is_(None),
        OneTimeCode.expires_at > now,
    )
    existing = (await session.execute(query)).scalars().first()
    if existing is not None:
        return existing
    return await issue(session, person_id, purpose, now, lifetime)


async def find_valid(
    session: AsyncSession, text: str, purpose: CodePurpose, now: datetime
) -> OneTimeCode | None:
    """The unused, unexpired code matching what was typed, or None."""
    code = normalize(text)
    if len(code) != LENGTH:
        return None
    query = select(OneTimeCode).where(OneTimeCode.code == code, OneTimeCode.purpose == purpose)
    row = (await session.execute(query)).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    return row
