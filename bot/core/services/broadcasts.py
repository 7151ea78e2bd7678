"""Curators' announcements: whom an audience takes in, the preview, freezing the recipient
accounts at confirmation, the opt-out switch, pausing, resuming and cancelling, and the figures.

Segments of people (everyone, a role, a form, a pair type, a programme) are the surveys'
(`campaigns`); parents of minors and those yet to answer a survey run are added here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.models import (
    Account,
    AgeGroup,
    AnnouncementOptOut,
    Broadcast,
    BroadcastDelivery,
    BroadcastStatus,
    Consent,
    ConsentGiver,
    DeliveryStatus,
    Person,
    PersonStatus,
    ResponseStatus,
    SurveyResponse,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import campaigns

AUDIENCES = (*campaigns.SEGMENTS, "parents", "survey")
MAX_TEXT = 3500  # characters: one message on either platform, with room to spare
VK_INTENT = "non_promo_newsletter"  # an informational newsletter, per VK's messages.send docs
MINORS = (AgeGroup.CHILD.value, AgeGroup.TEEN.value)


@dataclass(frozen=True)
class Audience:
    """Whom an announcement goes to: a kind from `AUDIENCES` and, for some, its value."""

    kind: str
    value: str | None = None


@dataclass(frozen=True)
class Preview:
    """Accounts an announcement would reach per platform, and the opted-out people skipped."""

    accounts: dict[str, int]
    skipped: int


@dataclass(frozen=True)
class Figures:
    """A broadcast's deliveries as they stand."""

    sent: int
    pending: int
    failed: int
    skipped: int
    status: str


async def _people(session: AsyncSession, audience: Audience) -> set[int]:
    """The people (not accounts) the audience takes in now."""
    if audience.kind in campaigns.SEGMENTS:
        segment = campaigns.Segment(audience.kind, audience.value)
        return {i[0] for i in await campaigns.taken_in(session, segment)}
    if audience.kind == "survey":
        run = await campaigns.run_of(session, int(audience.value or 0))
        query = (
            select(SurveyResponse.person_id)
            .join(Person, Person.id == SurveyResponse.person_id)
            .where(
                SurveyResponse.run_id == run.id,
                SurveyResponse.status != ResponseStatus.COMPLETED,
                Person.status == PersonStatus.ACTIVE,
            )
        )
        return set((await session.execute(query)).scalars())
    raise StaleButton()


async def _parent_accounts(session: AsyncSession) -> list[Account]:
    """The accounts parents consented from for a minor who has not left."""
    query = (
        select(Account)
        .join(Consent, Consent.representative_account_id == Account.id)
        .join(Person, Person.id == Consent.person_id)
        .where(
            Consent.given_by == ConsentGiver.PARENT,
            Consent.withdrawn_at.is_(None),
            Person.age_group.in_(MINORS),
            Person.status != PersonStatus.ERASED,
        )
        .order_by(Account.id)
    )
    return list(dict.fromkeys((await session.execute(query)).scalars()))


async def _opted_out(session: AsyncSession) -> set[int]:
    return set((await session.execute(select(AnnouncementOptOut.person_id))).scalars())


async def recipients(
    session: AsyncSession, audience: Audience, sender: int
) -> tuple[list[Account], int]:
    """Every linked account of everyone the audience takes in now (the sender left out), and
    how many people were skipped because they switched announcements off."""
    if audience.kind not in AUDIENCES:
        raise StaleButton()
    off = await _opted_out(session)
    if audience.kind == "parents":
        found = await _parent_accounts(session)
        kept = [a for a in found if a.person_id not in off or a.person_id is None]
        skipped = {a.person_id for a in found if a.person_id in off}
        return [a for a in kept if a.person_id != sender], len(skipped)
    people = await _people(session, audience) - {sender}
    skipped = people & off
    query = (
        select(Account)
        .where(Account.person_id.in_(people - skipped))
        .order_by(Account.person_id, Account.id)
    )
    return list((await session.execute(query)).scalars()), len(skipped)


async def preview(session: AsyncSession, audience: Audience, sender: int) -> Preview:
    """How many accounts per platform the announcement would reach now, and who is skipped."""
    accounts, skipped = await recipients(session, audience, sender)
    counts: dict[str, int] = {}
    for account in accounts:
        counts[account.platform] = counts.get(account.platform, 0) + 1
    return Preview(counts, skipped)


@dataclass(frozen=True)
class Upload:
    """The one photo or document of an announcement."""

    name: str
    mime: str
    content: bytes


def check_text(text: str) -> str:
    """The announcement's text, trimmed; refused empty or too long."""
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise Refusal("broadcast-text-invalid", limit=MAX_TEXT)
    return text


async def create(
    session: AsyncSession,
    text: str,
    upload: Upload | None,
    audience: Audience,
    sender: int,
    now: datetime,
) -> Broadcast:
    """The broadcast of `text` (limited HTML: its simple formatting, the rest escaped) and one
    delivery row per recipient account, frozen as they stand now."""
    check_text(texts.plain(text))
    accounts, skipped = await recipients(session, audience, sender)
    if not accounts:
        raise Refusal("broadcast-nobody")
    broadcast = Broadcast(
        text=text.strip(),
        audience={"kind": audience.kind, "value": audience.value},
        skipped=skipped,
        created_by=sender,
        created_at=now,
        status=BroadcastStatus.SENDING,
    )
    if upload is not None:
        broadcast.file_name, broadcast.file_mime = upload.name, upload.mime
        broadcast.file_content = upload.content
    session.add(broadcast)
    await session.flush()
    session.add_all(
        BroadcastDelivery(
            broadcast_id=broadcast.id,
            account_id=a.id,
            person_id=a.person_id,
            platform=a.platform,
            intent=VK_INTENT,
            status=DeliveryStatus.PENDING,
            attempts=0,
            due_at=now,
        )
        for a in accounts
    )
    await session.flush()
    return broadcast


async def opted_out(session: AsyncSession, person_id: int) -> bool:
    """Whether the person switched announcements off."""
    return await session.get(AnnouncementOptOut, person_id) is not None


async def switch(session: AsyncSession, person_id: int, on: bool) -> None:
    """Switch announcements on or off for the person."""
    mine = AnnouncementOptOut.person_id == person_id
    await session.execute(delete(AnnouncementOptOut).where(mine))
    if not on:
        session.add(AnnouncementOptOut(person_id=person_id))


async def of(session: AsyncSession, broadcast_id: int) -> Broadcast:
    """A broadcast by id; any other id is a stale button."""
    broadcast = await session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise StaleButton()
    return broadcast


CONTROLS: dict[str, tuple[tuple[str, ...], str]] = {
    "pause": ((BroadcastStatus.SENDING,), BroadcastStatus.PAUSED),
    "resume": ((BroadcastStatus.PAUSED,), BroadcastStatus.SENDING),
    "cancel": ((BroadcastStatus.SENDING, BroadcastStatus.PAUSED), BroadcastStatus.CANCELLED),
}


async def control(session: AsyncSession, broadcast_id: int, act: str, now: datetime) -> Broadcast:
    """Pause, resume or cancel; cancelling drops every delivery not yet claimed. A broadcast
    already in another state refuses the act."""
    broadcast = await of(session, broadcast_id)
    allowed, to = CONTROLS[act]
    if broadcast.status not in allowed:
        raise Refusal(f"broadcast-cannot-{act}")
    broadcast.status = to
    if to == BroadcastStatus.CANCELLED:
        broadcast.finished_at = now
        await session.execute(
            update(BroadcastDelivery)
            .where(
                BroadcastDelivery.broadcast_id == broadcast_id,
                BroadcastDelivery.status == DeliveryStatus.PENDING,
            )
            .values(status=DeliveryStatus.CANCELLED)
        )
    return broadcast


async def figures(session: AsyncSession, broadcast_id: int) -> Figures:
    """Sent, still to send, not reached (failed or unreachable), skipped."""
    broadcast = await of(session, broadcast_id)
    query = (
        select(BroadcastDelivery.status, func.count())
        .where(BroadcastDelivery.broadcast_id == broadcast_id)
        .group_by(BroadcastDelivery.status)
    )
    counts: dict[str, int] = {s: n for s, n in (await session.execute(query)).all()}
    pending = counts.get(DeliveryStatus.PENDING, 0) + counts.get(DeliveryStatus.SENDING, 0)
    failed = counts.get(DeliveryStatus.FAILED, 0) + counts.get(DeliveryStatus.UNREACHABLE, 0)
    sent = counts.get(DeliveryStatus.SENT, 0)
    return Figures(sent, pending, failed, broadcast.skipped, broadcast.status)


async def not_reached(session: AsyncSession, broadcast_id: int) -> list[dict[str, Any]]:
    """Every delivery that did not arrive: the account, the person's name, why."""
    query = (
        select(BroadcastDelivery, Account, Person)
        .join(Account, Account.id == BroadcastDelivery.account_id)
        .outerjoin(Person, Person.id == BroadcastDelivery.person_id)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.status != DeliveryStatus.SENT,
        )
        .order_by(BroadcastDelivery.id)
    )
    return [
        {
            "address": account.address,
            "name": person.name if person is not None else "",
            "status": delivery.status,
            "reason": delivery.last_error or "",
        }
        for delivery, account, person in (await session.execute(query)).all()
    ]
