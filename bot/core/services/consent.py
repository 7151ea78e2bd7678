"""Consent to personal-data processing (152-FZ): give, give for a minor, withdraw and erase."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Account,
    Consent,
    ConsentGiver,
    ConversationState,
    Notification,
    NotificationStatus,
    OneTimeCode,
    Person,
    PersonStatus,
    Profile,
)
from bot.core.services import people
from bot.core.services import state as flow_state

# Bump when the consent text in templates/*/consent*.j2 changes in substance.
CONSENT_VERSION = "2026-11.2"  # .2: a parent may see and withdraw from their own account


def text_version(locale: str) -> str:
    """The version label stored with a consent: which text, in which language."""
    return f"{CONSENT_VERSION}/{locale}"


def give(session: AsyncSession, person: Person, locale: str, now: datetime) -> Consent:
    """Record the person's own consent."""
    consent = Consent(
        person_id=person.id,
        text_version=text_version(locale),
        given_by=ConsentGiver.SELF,
        given_at=now,
    )
    session.add(consent)
    return consent


async def record_as_assent(session: AsyncSession, person: Person) -> None:
    """The person turned out to be a minor: their own agreement is the child's assent."""
    await session.execute(
        update(Consent)
        .where(Consent.person_id == person.id, Consent.given_by == ConsentGiver.SELF)
        .values(given_by=ConsentGiver.CHILD_ASSENT)
    )


def give_for_minor(
    session: AsyncSession,
    minor: Person,
    representative: tuple[str, Account],
    locale: str,
    now: datetime,
) -> Consent:
    """Record a parent's or legal representative's consent in a minor's name: their full name,
    and the account they gave it from (where they may see and withdraw it)."""
    name, account = representative
    consent = Consent(
        person_id=minor.id,
        text_version=text_version(locale),
        given_by=ConsentGiver.PARENT,
        representative_name=name,
        representative_account_id=account.id,
        given_at=now,
    )
    session.add(consent)
    return consent


async def active(session: AsyncSession, person_id: int) -> list[Consent]:
    """The person's consents that have not been withdrawn."""
    query = select(Consent).where(Consent.person_id == person_id, Consent.withdrawn_at.is_(None))
    return list((await session.execute(query)).scalars())


async def has_parent_consent(session: AsyncSession, person_id: int) -> bool:
    """True when a parent's consent is on record and not withdrawn."""
    return any(c.given_by == ConsentGiver.PARENT for c in await active(session, person_id))


async def given_as_parent(
    session: AsyncSession, account: Account, *, active_only: bool = False
) -> list[tuple[Consent, Person]]:
    """The consents given as a parent from this account (or any account of its person), each
    with the child it was given for, oldest first."""
    owner = [Account.person_id == account.person_id] if account.person_id else []
    accounts = select(Account.id).where(or_(Account.id == account.id, *owner))
    query = (
        select(Consent, Person)
        .join(Person, Person.id == Consent.person_id)
        .where(
            Consent.given_by == ConsentGiver.PARENT,
            Consent.representative_account_id.in_(accounts),
        )
        .order_by(Consent.given_at, Consent.id)
    )
    if active_only:
        query = query.where(Consent.withdrawn_at.is_(None), Person.status != PersonStatus.ERASED)
    return [(c, p) for c, p in (await session.execute(query)).all()]


async def parent_account(session: AsyncSession, child_id: int) -> int | None:
    """The account a parent's standing consent for this child was given from, if any."""
    query = select(Consent.representative_account_id).where(
        Consent.person_id == child_id,
        Consent.given_by == ConsentGiver.PARENT,
        Consent.withdrawn_at.is_(None),
        Consent.representative_account_id.is_not(None),
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


async def parents_of(session: AsyncSession, child_ids: list[int]) -> set[int]:
    """The people who consented, as parents, for any of these children (not withdrawn)."""
    query = (
        select(Account.person_id)
        .join(Consent, Consent.representative_account_id == Account.id)
        .where(
            Consent.person_id.in_(child_ids),
            Consent.given_by == ConsentGiver.PARENT,
            Consent.withdrawn_at.is_(None),
            Account.person_id.is_not(None),
        )
    )
    return {int(i) for i in (await session.execute(query)).scalars() if i is not None}


async def withdraw_and_erase(session: AsyncSession, person: Person, now: datetime) -> None:
    """Withdraw every consent and erase the person's personal values.

    The person row stays as an anonymous record (for aggregate counts); names, answers, roles,
    codes, pending messages and links to platform accounts are removed.
    """
    await session.execute(
        update(Consent)
        .where(Consent.person_id == person.id, Consent.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
    )
    await session.execute(
        update(Consent).where(Consent.person_id == person.id).values(representative_name=None)
    )
    await session.execute(delete(OneTimeCode).where(OneTimeCode.person_id == person.id))
    await session.execute(delete(Profile).where(Profile.person_id == person.id))
    await session.execute(
        update(Notification)
        .where(
            Notification.person_id == person.id,
            Notification.status.in_([NotificationStatus.PENDING, NotificationStatus.SENDING]),
        )
        .values(status=NotificationStatus.VOID, params={})
    )
    accounts = await people.accounts_of(session, person.id)
    account_ids = [a.id for a in accounts]
    await session.execute(
        delete(ConversationState).where(ConversationState.account_id.in_(account_ids))
    )
    await flow_state.drop_paused(session, account_ids)
    await session.execute(
        update(Account)
        .where(Account.person_id == person.id)
        .values(person_id=None, locale=person.locale)
    )
    person.name = None
    person.age_group = None
    person.roles.clear()
    person.status = PersonStatus.ERASED
    person.erased_at = now
    await session.flush()
    for account in accounts:
        await session.refresh(account, ["person_id", "locale", "person"])
