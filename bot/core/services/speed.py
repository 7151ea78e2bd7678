"""Speed mentoring (§3.1): an event with a guest mentor, cut into slots that mentees book.

The curator creates an event for an audience; each mentee of it is invited through the outbox.
A mentee holds at most one live booking per event; booking another slot moves them. A place is
taken by one conditional UPDATE (`booked < capacity`, checked by the database), so two mentees
racing for the last place never both get it; one person pressing from two linked accounts at
once meets the unique index, and the later press is refused whole. Reminders 24 h and 1 h
before the slot are outbox rows keyed by the booking, voided when it is cancelled.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox
from bot.core.models import (
    Audience,
    Form,
    MemberRole,
    Notification,
    NotificationStatus,
    Person,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
    SpeedBooking,
    SpeedEvent,
    SpeedEventStatus,
    SpeedSlot,
    Subject,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import banks

MAX_SLOTS = 8  # the invitation's slot buttons, with Cancel, within VK's ten
MAX_CAPACITY = 50
SLOT_MINUTES = (5, 180)
INVITE = "invite"
CANCELLED = "cancelled"
REMINDERS = (("remind-24h", timedelta(hours=24), True), ("remind-1h", timedelta(hours=1), False))
GUEST = "guest"  # the registered guest mentor's notice, and their reminders:
GUEST_REMINDERS = (
    ("guest-24h", timedelta(hours=24), True),
    ("guest-1h", timedelta(hours=1), False),
)


class Booked(enum.StrEnum):
    """What a press of a slot button did."""

    BOOKED = "booked"
    MOVED = "moved"  # from another slot of the same event
    ALREADY = "already"  # that very slot was theirs
    FULL = "full"  # no place left: nothing changed


@dataclass(frozen=True)
class Plan:
    """What the curator chose for a new event."""

    guest_id: int | None
    guest_name: str | None
    starts_at: datetime
    place: str
    slot_minutes: int
    slots: int
    capacity: int
    audience: Audience
    audience_ref: str | None = None


def check_minutes(minutes: int) -> None:
    """Refuse a slot length out of range."""
    if not SLOT_MINUTES[0] <= minutes <= SLOT_MINUTES[1]:
        raise Refusal("speed-error-minutes", low=SLOT_MINUTES[0], high=SLOT_MINUTES[1])


def check_slots(slots: int) -> None:
    """Refuse a number of slots out of range."""
    if not 1 <= slots <= MAX_SLOTS:
        raise Refusal("speed-error-slots", high=MAX_SLOTS)


def check_capacity(capacity: int) -> None:
    """Refuse a capacity per slot out of range."""
    if not 1 <= capacity <= MAX_CAPACITY:
        raise Refusal("speed-error-capacity", high=MAX_CAPACITY)


async def audience(session: AsyncSession, kind: Audience, ref: str | None) -> list[Person]:
    """The active mentees an event invites: all, those who chose a form, or a programme's."""
    if kind == Audience.PROGRAMME:
        programme = await session.get(Programme, int(ref or 0))
        if programme is None or programme.status != ProgrammeStatus.ACTIVE:
            raise StaleButton()
        query = (
            select(Person)
            .join(ProgrammeMember, ProgrammeMember.person_id == Person.id)
            .where(
                ProgrammeMember.programme_id == programme.id,
                ProgrammeMember.role == MemberRole.MENTEE,
                Person.status == PersonStatus.ACTIVE,
            )
            .order_by(Person.id)
        )
        return list((await session.execute(query)).scalars())
    form = Form(ref) if kind == Audience.FORM and ref in set(Form) else None
    if kind == Audience.FORM and form is None:
        raise StaleButton()
    return [entry.person for entry in await banks.bank(session, Role.MENTEE, form=form)]


async def invitees(session: AsyncSession, plan: Plan, curator_id: int) -> list[Person]:
    """Whom the event invites: its audience, but the guest and the curator who creates it."""
    found = await audience(session, plan.audience, plan.audience_ref)
    return [p for p in found if p.id not in (plan.guest_id, curator_id)]


async def create(
    session: AsyncSession, curator_id: int, plan: Plan, now: datetime
) -> tuple[SpeedEvent, int]:
    """Create the event and its slots and invite its audience (one outbox row each); the event
    and how many were invited."""
    check_minutes(plan.slot_minutes)
    check_slots(plan.slots)
    check_capacity(plan.capacity)
    if plan.starts_at <= now:
        raise Refusal("speed-error-past")
    invited = await invitees(session, plan, curator_id)
    if not invited:
        raise Refusal("speed-error-nobody")
    event = SpeedEvent(
        guest_id=plan.guest_id,
        guest_name=plan.guest_name,
        starts_at=plan.starts_at,
        place=plan.place,
        slot_minutes=plan.slot_minutes,
        capacity=plan.capacity,
        audience=plan.audience.value,
        audience_ref=plan.audience_ref,
        status=SpeedEventStatus.OPEN.value,
        created_by=curator_id,
        created_at=now,
    )
    session.add(event)
    await session.flush()
    step = timedelta(minutes=plan.slot_minutes)
    session.add_all(
        SpeedSlot(event_id=event.id, number=n, starts_at=plan.starts_at + step * (n - 1), booked=0)
        for n in range(1, plan.slots + 1)
    )
    if plan.guest_id is not None:
        await _tell_guest(session, event, plan.guest_id, now)
    count = 0
    for person in invited:
        count += await _tell(session, event, person.id, INVITE, "speed-invite", now, before=True)
    return event, count


async def _tell(
    session: AsyncSession,
    event: SpeedEvent,
    to: int,
    purpose: str,
    template: str,
    due_at: datetime,
    *,
    before: bool = False,
    quiet: bool = False,
    **params: Any,
) -> bool:
    """An outbox row about the event for person `to`; one `before` it is void once it began."""
    return await outbox.schedule(
        session,
        to=to,
        subject=Subject.SPEED_EVENT,
        subject_id=event.id,
        purpose=purpose,
        template=template,
        due_at=due_at,
        params={"event_id": event.id, **params},
        quiet_hours=quiet,
        expires_at=event.starts_at if before else None,
    )


async def _tell_guest(
    session: AsyncSession, event: SpeedEvent, guest_id: int, now: datetime
) -> None:
    """The guest mentor's notice now, and reminders 24 h and 1 h before the first slot."""
    moments = [(GUEST, now, False)]
    moments += [(purpose, event.starts_at - b, q) for purpose, b, q in GUEST_REMINDERS]
    for purpose, at, quiet in moments:
        if at < now:
            continue
        await _tell(session, event, guest_id, purpose, "speed-guest", at, before=True, quiet=quiet)


async def slots(session: AsyncSession, event_id: int) -> list[SpeedSlot]:
    """The event's slots in time order."""
    query = select(SpeedSlot).where(SpeedSlot.event_id == event_id).order_by(SpeedSlot.number)
    return list((await session.execute(query)).scalars())


async def is_invited(session: AsyncSession, event_id: int, person_id: int) -> bool:
    """True when the person was invited to the event."""
    query = select(Notification.id).where(
        Notification.subject_kind == Subject.SPEED_EVENT.value,
        Notification.subject_id == event_id,
        Notification.purpose == INVITE,
        Notification.person_id == person_id,
    )
    return (await session.execute(query.limit(1))).first() is not None


async def open_event(session: AsyncSession, event_id: int, now: datetime) -> SpeedEvent | None:
    """The event while it is open and has not started."""
    event = await session.get(SpeedEvent, event_id)
    if event is None or event.status != SpeedEventStatus.OPEN or event.starts_at <= now:
        return None
    return event


async def booking_of(session: AsyncSession, event_id: int, person_id: int) -> SpeedBooking | None:
    """The person's live booking at the event, if any."""
    query = select(SpeedBooking).where(
        SpeedBooking.event_id == event_id,
        SpeedBooking.person_id == person_id,
        SpeedBooking.cancelled_at.is_(None),
    )
    return (await session.execute(query)).scalar_one_or_none()


async def _guest_event(
    session: AsyncSession, event_id: int, person_id: int, now: datetime
) -> SpeedEvent:
    """The open event this person was invited to; a stale button otherwise."""
    event = await open_event(session, event_id, now)
    if event is None or not await is_invited(session, event.id, person_id):
        raise StaleButton()
    return event


async def _take_place(session: AsyncSession, slot: SpeedSlot, event: SpeedEvent) -> bool:
    """One place of the slot, if one is left: decided by the database in one UPDATE."""
    result = await session.execute(
        update(SpeedSlot)
        .where(SpeedSlot.id == slot.id, SpeedSlot.booked < event.capacity)
        .values(booked=SpeedSlot.booked + 1)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(slot)
    return int(getattr(result, "rowcount", 0) or 0) == 1


async def book(session: AsyncSession, person_id: int, slot_id: int, now: datetime) -> Booked:
    """Book the slot for the person (moving them from another slot of the event)."""
    slot = await session.get(SpeedSlot, slot_id)
    if slot is None or slot.starts_at <= now:
        raise StaleButton()
    event = await _guest_event(session, slot.event_id, person_id, now)
    current = await booking_of(session, event.id, person_id)
    if current is not None and current.slot_id == slot.id:
        return Booked.ALREADY
    if not await _take_place(session, slot, event):
        return Booked.FULL
    if current is not None:
        await _release(session, current, now)
        await session.flush()
    booking = SpeedBooking(event_id=event.id, slot_id=slot.id, person_id=person_id, created_at=now)
    session.add(booking)
    try:
        await session.flush()
    except IntegrityError as clash:  # booked meanwhile from their other linked account
        raise Refusal("speed-booked-elsewhere") from clash
    await _schedule_reminders(session, booking, slot, now)
    return Booked.MOVED if current is not None else Booked.BOOKED


async def cancel_booking(
    session: AsyncSession, person_id: int, event_id: int, now: datetime
) -> None:
    """Cancel the person's booking at the event: the place is free again, reminders void."""
    await _guest_event(session, event_id, person_id, now)
    booking = await booking_of(session, event_id, person_id)
    if booking is None:
        raise StaleButton()
    await _release(session, booking, now)


async def withdraw_all(session: AsyncSession, person_id: int, now: datetime) -> None:
    """Cancel the person's bookings at events yet to begin (they withdrew consent)."""
    query = (
        select(SpeedBooking)
        .join(SpeedSlot, SpeedSlot.id == SpeedBooking.slot_id)
        .where(
            SpeedBooking.person_id == person_id,
            SpeedBooking.cancelled_at.is_(None),
            SpeedSlot.starts_at > now,
        )
    )
    for booking in (await session.execute(query)).scalars():
        await _release(session, booking, now)


async def _release(session: AsyncSession, booking: SpeedBooking, now: datetime) -> None:
    booking.cancelled_at = now
    await session.execute(
        update(SpeedSlot)
        .where(SpeedSlot.id == booking.slot_id, SpeedSlot.booked > 0)
        .values(booked=SpeedSlot.booked - 1)
        .execution_options(synchronize_session="fetch")
    )
    await outbox.void(session, Subject.SPEED_BOOKING, booking.id)


async def _schedule_reminders(
    session: AsyncSession, booking: SpeedBooking, slot: SpeedSlot, now: datetime
) -> None:
    """The 24 h (outside quiet hours) and 1 h reminders; none whose moment has passed, none
    delivered after the start."""
    for purpose, before, quiet in REMINDERS:
        at = slot.starts_at - before
        if at <= now:
            continue
        await outbox.schedule(
            session,
            to=booking.person_id,
            subject=Subject.SPEED_BOOKING,
            subject_id=booking.id,
            purpose=purpose,
            template="speed-reminder",
            occasion=slot.starts_at.isoformat(),
            due_at=at,
            params={"booking_id": booking.id},
            quiet_hours=quiet,
            expires_at=slot.starts_at,
        )


async def roster(session: AsyncSession, event_id: int) -> list[tuple[SpeedSlot, list[Person]]]:
    """Each slot with the people booked in it, in booking order."""
    query = (
        select(SpeedBooking, Person)
        .join(Person, Person.id == SpeedBooking.person_id)
        .where(SpeedBooking.event_id == event_id, SpeedBooking.cancelled_at.is_(None))
        .order_by(SpeedBooking.id)
    )
    booked: dict[int, list[Person]] = {}
    for booking, person in (await session.execute(query)).all():
        booked.setdefault(booking.slot_id, []).append(person)
    return [(slot, booked.get(slot.id, [])) for slot in await slots(session, event_id)]


async def upcoming(session: AsyncSession, now: datetime) -> list[SpeedEvent]:
    """Open events that have not ended, soonest first."""
    query = (
        select(SpeedEvent)
        .where(SpeedEvent.status == SpeedEventStatus.OPEN)
        .order_by(SpeedEvent.starts_at, SpeedEvent.id)
    )
    events = (await session.execute(query)).scalars()
    return [e for e in events if ends_at(e, len(await slots(session, e.id))) > now]


def ends_at(event: SpeedEvent, slot_count: int) -> datetime:
    """When the event's last slot ends."""
    return event.starts_at + timedelta(minutes=event.slot_minutes * slot_count)


async def cancel_event(session: AsyncSession, event_id: int, now: datetime) -> int:
    """Cancel the event: invitations and reminders void, everyone booked told; how many."""
    event = await open_event(session, event_id, now)
    if event is None:
        raise StaleButton()
    event.status, event.cancelled_at = SpeedEventStatus.CANCELLED.value, now
    await outbox.void(session, Subject.SPEED_EVENT, event.id)
    if event.guest_id is not None:
        await _tell(session, event, event.guest_id, CANCELLED, "speed-guest-cancelled", now)
    told = 0
    for slot, people in await roster(session, event.id):
        for person in people:
            told += await _tell(
                session, event, person.id, CANCELLED, "speed-cancelled", now, slot_id=slot.id
            )
    bookings = select(SpeedBooking.id).where(
        SpeedBooking.event_id == event.id, SpeedBooking.cancelled_at.is_(None)
    )
    for booking_id in (await session.execute(bookings)).scalars():
        await outbox.void(session, Subject.SPEED_BOOKING, booking_id)
    return told


async def unanswered(session: AsyncSession, person_id: int, now: datetime) -> list[SpeedEvent]:
    """Open events the person was invited to and has not booked (nor cancelled) a slot of."""
    answered = select(SpeedBooking.event_id).where(SpeedBooking.person_id == person_id)
    invited = select(Notification.subject_id).where(
        Notification.subject_kind == Subject.SPEED_EVENT.value,
        Notification.purpose == INVITE,
        Notification.person_id == person_id,
        Notification.status != NotificationStatus.VOID,
    )
    query = (
        select(SpeedEvent)
        .where(
            SpeedEvent.id.in_(invited),
            SpeedEvent.id.not_in(answered),
            SpeedEvent.status == SpeedEventStatus.OPEN,
            SpeedEvent.starts_at > now,
        )
        .order_by(SpeedEvent.starts_at)
    )
    return list((await session.execute(query)).scalars())
