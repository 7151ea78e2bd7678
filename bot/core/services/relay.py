"""Messages between a curator and a participant, written through the bot and carried by the
outbox: each goes to the recipient's own platform, with a button to answer."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox
from bot.core.models import STAFF, Notification, Person, PersonStatus, Subject
from bot.core.refusal import Refusal, StaleButton

TO_PERSON = "relay-to-person"  # the curator's message, answered with «Reply to the curator»
TO_CURATOR = "relay-to-curator"  # a participant's answer, answered with «Reply»
TEMPLATES = (TO_PERSON, TO_CURATOR)
MAX_TEXT = 2000


def clean(text: str | None) -> str | None:
    """The message as typed, trimmed; None when empty or longer than MAX_TEXT."""
    cleaned = (text or "").strip()
    return cleaned if 0 < len(cleaned) <= MAX_TEXT else None


def reachable(person: Person | None) -> Person:
    """The person, if they can be written to; refused once they are gone or erased."""
    if person is None or person.status == PersonStatus.ERASED:
        raise Refusal("relay-person-gone")
    return person


def staff(person: Person | None) -> Person:
    """The curator (or director) to answer, while they still hold the role."""
    if person is None or person.status == PersonStatus.ERASED or not person.role_set & STAFF:
        raise Refusal("relay-curator-gone")
    return person


async def send(
    session: AsyncSession, sender: Person, to: Person, template: str, text: str, now: datetime
) -> None:
    """Queue `text` from `sender` for `to` as an outbox row rendered by `template`."""
    await outbox.schedule(
        session,
        to=reachable(to).id,
        subject=Subject.PERSON,
        subject_id=sender.id,
        purpose=template,
        occasion=secrets.token_hex(8),  # every message is its own, even in the same instant
        due_at=now,
        params={"from_id": sender.id, "text": text},
    )


async def curator_of(session: AsyncSession, message_id: int, reader: Person) -> Person:
    """Who wrote the curator's message `message_id` to `reader` (refused when it was not to them
    or the curator can no longer be answered)."""
    row = await session.get(Notification, message_id)
    if row is None or row.template != TO_PERSON or row.person_id != reader.id:
        raise StaleButton()
    return staff(await session.get(Person, int(row.params.get("from_id", 0))))


async def erase(session: AsyncSession, person_id: int) -> None:
    """Drop the texts of the messages the person wrote or was sent (their ids stay)."""
    query = select(Notification).where(
        Notification.template.in_(TEMPLATES),
        or_(
            Notification.person_id == person_id,
            Notification.params["from_id"].as_integer() == person_id,
        ),
    )
    for row in (await session.execute(query)).scalars():
        row.params = {k: v for k, v in row.params.items() if k != "text"}
