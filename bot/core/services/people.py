"""People and their platform accounts: find, register, roles, erase."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import raiseload

from bot.core.models import Account, Person, PersonRole, PersonStatus, Role

SEEN_GRANULARITY = timedelta(minutes=1)  # how fresh "last seen" (which platform to write to) is
PLATFORM_ALIASES = {"tg": "telegram", "telegram": "telegram", "vk": "vk", "console": "console"}


async def touch_account(
    session: AsyncSession, platform: str, external_id: str, locale: str, now: datetime
) -> Account:
    """The account for a platform id, created on first contact with only its id and language."""
    account = await find_account(session, platform, external_id)
    if account is None:
        account = Account(
            platform=platform, external_id=external_id, locale=locale, last_seen_at=now
        )
        session.add(account)
        await session.flush()
    elif now - account.last_seen_at >= SEEN_GRANULARITY:
        account.last_seen_at = now  # not on every message: a write per update costs throughput
    return account


async def find_account(session: AsyncSession, platform: str, external_id: str) -> Account | None:
    """The account with this platform id, if the bot has seen it."""
    query = select(Account).where(Account.platform == platform, Account.external_id == external_id)
    return (await session.execute(query)).scalar_one_or_none()


def parse_address(address: str) -> tuple[str, str]:
    """Split `tg:123` / `vk:123` / `console:1` into (platform, id); ValueError when malformed."""
    prefix, _, external_id = address.partition(":")
    platform = PLATFORM_ALIASES.get(prefix.lower())
    if platform is None or not external_id.strip():
        raise ValueError(f"expected tg:<id>, vk:<id> or console:<id>, got {address!r}")
    return platform, external_id.strip()


async def create_person(
    session: AsyncSession, account: Account, locale: str, timezone: str
) -> Person:
    """A new person behind `account`, at the start of registration."""
    person = Person(locale=locale, timezone=timezone, status=PersonStatus.REGISTERING)
    session.add(person)
    await session.flush()
    account.person_id = person.id
    account.person = person
    return person


def set_roles(person: Person, roles: set[Role]) -> None:
    """Keep exactly the given programme roles (mentee / mentor), leaving staff roles alone."""
    programme = {Role.MENTEE, Role.MENTOR}
    for link in list(person.roles):
        if Role(link.role) in programme and Role(link.role) not in roles:
            person.roles.remove(link)
    for role in roles - person.role_set:
        person.roles.append(PersonRole(role=role))


def grant(person: Person, role: Role) -> bool:
    """Give a role; False when the person already had it."""
    if role in person.role_set:
        return False
    person.roles.append(PersonRole(role=role))
    return True


def revoke(person: Person, role: Role) -> bool:
    """Take a role away; False when the person did not have it."""
    for link in list(person.roles):
        if link.role == role:
            person.roles.remove(link)
            return True
    return False


async def accounts_of(session: AsyncSession, person_id: int) -> list[Account]:
    """Every platform account linked to the person, oldest first."""
    query = select(Account).where(Account.person_id == person_id).order_by(Account.id)
    return list((await session.execute(query)).scalars())


async def preferred_account(
    session: AsyncSession, person_id: int, platforms: set[str]
) -> Account | None:
    """The account the person used most recently among the platforms that are running."""
    query = (
        select(Account)
        .where(Account.person_id == person_id, Account.platform.in_(platforms))
        .order_by(Account.last_seen_at.desc(), Account.id)
        .limit(1)
        .options(raiseload(Account.person))
    )
    return (await session.execute(query)).scalar_one_or_none()
