"""Speed mentoring, the mentee's side: the invitation with a button per free slot, booking and
cancelling, the reminders and the word that an event was cancelled. Times are shown in the
reader's own zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts, timezones, when
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    Notification,
    Person,
    SpeedBooking,
    SpeedEvent,
    SpeedEventStatus,
    SpeedSlot,
)
from bot.core.services import speed
from handlers.buttons import SpeedBook, SpeedOpen, SpeedUnbook
from handlers.notifications import help_button, renderer, shown_name

router = Router()


def moment(at: datetime, person: Person) -> str:
    """A moment on the reader's clock, as meetings show it: «пт, 4 декабря, 18:00»."""
    return when.format_when(at, ZoneInfo(person.timezone), person.locale)


def slot_time(slot: SpeedSlot, event: SpeedEvent, person: Person) -> str:
    """A slot's start and end on the reader's clock: «18:00–18:15»."""
    start = timezones.to_local(slot.starts_at, person.timezone)
    end = start + timedelta(minutes=event.slot_minutes)
    return f"{start:%H:%M}–{end:%H:%M}"


async def guest_name(session: AsyncSession, event: SpeedEvent, locale: str) -> str:
    """The guest mentor as the reader sees them: a registered one's current name, or the name
    the curator typed."""
    if event.guest_id is not None:
        return shown_name(await session.get(Person, event.guest_id), locale)
    return event.guest_name or "—"


async def invitation(session: AsyncSession, event: SpeedEvent, person: Person) -> Reply:
    """The invitation as it stands now: the slots with their free places, a button per slot the
    person may book (full ones are not offered), and Cancel when they have booked."""
    locale = person.locale
    booking = await speed.booking_of(session, event.id, person.id)
    lines, buttons = [], []
    for slot in await speed.slots(session, event.id):
        free = event.capacity - slot.booked
        when = slot_time(slot, event, person)
        mine = booking is not None and booking.slot_id == slot.id
        key = "speed-slot-mine" if mine else "speed-slot-line"
        lines.append(texts.t(key, locale, time=when, free=free))
        if free > 0 and not mine:
            label = texts.t("btn-speed-book", locale, time=when, free=free)
            buttons.append([Button(label, SpeedBook(slot.id).pack())])
    if booking is not None:
        buttons.append([Button(texts.t("btn-speed-unbook", locale), SpeedUnbook(event.id).pack())])
    text = texts.t(
        "speed-invite",
        locale,
        guest=await guest_name(session, event, locale),
        when=moment(event.starts_at, person),
        place=event.place,
        minutes=event.slot_minutes,
        slots=Markup("\n").join(lines),
        booked=int(booking is not None),
        full=int(not buttons),
    )
    return Reply(text, buttons)


@renderer("speed-invite")
async def render_invitation(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The invitation while the event is open (the row itself expires when it begins)."""
    event = await session.get(SpeedEvent, int(row.params.get("event_id", 0)))
    if event is None or event.status != SpeedEventStatus.OPEN:
        return None
    return [await invitation(session, event, person)]


@renderer("speed-reminder")
async def render_reminder(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A reminder of a live booking at an open event (void otherwise)."""
    booking = await session.get(SpeedBooking, int(row.params.get("booking_id", 0)))
    if booking is None or booking.cancelled_at is not None:
        return None
    event = await session.get(SpeedEvent, booking.event_id)
    slot = await session.get(SpeedSlot, booking.slot_id)
    if event is None or slot is None or event.status != SpeedEventStatus.OPEN:
        return None
    locale = person.locale
    text = texts.t(
        f"speed-{row.purpose}",
        locale,
        guest=await guest_name(session, event, locale),
        when=moment(slot.starts_at, person),
        time=slot_time(slot, event, person),
        place=event.place,
    )
    unbook = [Button(texts.t("btn-speed-unbook", locale), SpeedUnbook(event.id).pack())]
    return [Reply(text, [unbook, *help_button(locale)])]


@renderer("speed-cancelled")
async def render_cancelled(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The word that an event the person booked was cancelled."""
    event = await session.get(SpeedEvent, int(row.params.get("event_id", 0)))
    if event is None:
        return None
    locale = person.locale
    text = texts.t(
        "speed-cancelled",
        locale,
        guest=await guest_name(session, event, locale),
        when=moment(event.starts_at, person),
    )
    return [Reply(text, help_button(locale))]


@renderer("speed-guest")
async def render_guest(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The guest mentor's notice or reminder of an open event: when, where, the slots on their
    clock, and a button to see who booked which slot."""
    event = await session.get(SpeedEvent, int(row.params.get("event_id", 0)))
    if event is None or event.status != SpeedEventStatus.OPEN:
        return None
    locale = person.locale
    slots = [slot_time(slot, event, person) for slot in await speed.slots(session, event.id)]
    text = texts.t(
        f"speed-{row.purpose}",
        locale,
        when=moment(event.starts_at, person),
        place=event.place,
        minutes=event.slot_minutes,
        slots=", ".join(slots),
    )
    roster = [Button(texts.t("btn-speed-roster", locale), SpeedOpen(event.id).pack())]
    return [Reply(text, [roster, *help_button(locale)])]


@renderer("speed-guest-cancelled")
async def render_guest_cancelled(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The word to the guest mentor that their event was cancelled."""
    event = await session.get(SpeedEvent, int(row.params.get("event_id", 0)))
    if event is None:
        return None
    text = texts.t("speed-guest-cancelled", person.locale, when=moment(event.starts_at, person))
    return [Reply(text, help_button(person.locale))]


@router.button(SpeedBook)
async def book(ctx: Context, payload: SpeedBook) -> Replies:
    """Book a slot; a slot taken meanwhile is answered with the slots still free."""
    assert ctx.person is not None
    result = await speed.book(ctx.session, ctx.person.id, payload.slot_id, ctx.now)
    slot = await ctx.session.get(SpeedSlot, payload.slot_id)
    assert slot is not None  # `book` refused a missing one
    event = await ctx.session.get(SpeedEvent, slot.event_id)
    assert event is not None
    when = slot_time(slot, event, ctx.person)
    if result == speed.Booked.FULL:
        answer = ctx.reply("speed-full", time=when)
        return [answer, await invitation(ctx.session, event, ctx.person)]
    unbook = [[ctx.button("btn-speed-unbook", SpeedUnbook(event.id))]]
    return [ctx.reply(f"speed-{result.value}", unbook, time=when)]


@router.button(SpeedUnbook)
async def unbook(ctx: Context, payload: SpeedUnbook) -> Replies:
    """Cancel one's booking: the place is free again; the invitation to book another."""
    assert ctx.person is not None
    await speed.cancel_booking(ctx.session, ctx.person.id, payload.event_id, ctx.now)
    event = await ctx.session.get(SpeedEvent, payload.event_id)
    assert event is not None
    await ctx.session.flush()
    return [ctx.reply("speed-unbooked"), await invitation(ctx.session, event, ctx.person)]
