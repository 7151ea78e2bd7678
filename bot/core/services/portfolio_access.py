"""Who may see a person's portfolio: the person, a minor's parent (from the account the consent
came from), the person's mentors and the curators; nobody else."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    STAFF,
    Account,
    Person,
    PersonStatus,
)
from bot.core.services import achievements, consent


async def children(session: AsyncSession, account: Account) -> list[Person]:
    """The registered minors a parent consented for from this account (or its person)."""
    given = await consent.given_as_parent(session, account, active_only=True)
    return [child for _, child in given if child.status == PersonStatus.ACTIVE]


async def choices(session: AsyncSession, account: Account) -> list[Person]:
    """Whose portfolio `/portfolio` offers this account: the person's own, then their children's,
    then their mentees' (each once)."""
    person = account.person
    found: list[Person] = []
    if person is not None and person.status == PersonStatus.ACTIVE:
        found.append(person)
    found += await children(session, account)
    if person is not None and person.status == PersonStatus.ACTIVE:
        found += await achievements.mentees_of(session, person.id)
    unique: dict[int, Person] = {}
    for someone in found:
        unique.setdefault(someone.id, someone)
    return list(unique.values())


async def visible(session: AsyncSession, account: Account, person_id: int) -> Person | None:
    """The person whose portfolio is asked for, if this account may see it; else None."""
    target = await session.get(Person, person_id)
    if target is None or target.status != PersonStatus.ACTIVE:
        return None
    viewer = account.person
    if viewer is not None and viewer.status == PersonStatus.ACTIVE and viewer.role_set & STAFF:
        return target
    offered = {someone.id for someone in await choices(session, account)}
    return target if target.id in offered else None
