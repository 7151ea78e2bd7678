"""Curator: a speed-mentoring event, step by step — the guest, when, where, the slots and their
capacity, the audience; then the mentees are invited."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core import when
from bot.core.conversation import Button, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Audience, Form, Person, Programme, ProgrammeStatus, Role
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import banks, programmes, speed
from handlers.buttons import (
    SPEED_CAPACITY,
    SPEED_MINUTES,
    SPEED_SLOTS,
    SpeedAudience,
    SpeedCapacity,
    SpeedConfirm,
    SpeedGuest,
    SpeedMinutes,
    SpeedNew,
    SpeedOpen,
    SpeedProgramme,
    SpeedSlots,
)
from handlers.common import number
from handlers.programme import label
from handlers.speed_invite import guest_name, moment

router = Router()

GUESTS = 8  # registered mentors offered as buttons; anyone else is typed
LISTED = 8  # upcoming events, or programmes to invite, as buttons (with one more: VK's ten)
MAX_NAME = 100
MAX_PLACE = 300


@router.command("speed", roles=STAFF, aliases=("скоростное",))
async def speed_command(ctx: Context) -> Replies:
    """The upcoming events, each opening its roster, and New event."""
    events = await speed.upcoming(ctx.session, ctx.now)
    assert ctx.person is not None
    rows = []
    for event in events[:LISTED]:  # the time first: it tells events apart
        guest = await guest_name(ctx.session, event, ctx.locale)
        label = fit_label(f"{moment(event.starts_at, ctx.person)} · {guest}")
        rows.append([Button(label, SpeedOpen(event.id).pack())])
    rows.append([ctx.button("btn-speed-new", SpeedNew())])
    return [ctx.reply("speed-title", rows, count=len(events))]


@router.button(SpeedNew, roles=STAFF)
async def new_event(ctx: Context, _: SpeedNew) -> Replies:
    """Start the wizard (or offer to continue the one left in the middle)."""
    return await ctx.router.begin(ctx, "speed")


async def begin(ctx: Context) -> Replies:
    """Step 1: the guest."""
    await ctx.goto("sp_guest")
    return await ask_guest(ctx)


async def ask_guest(ctx: Context) -> Replies:
    """Registered mentors as buttons; any other guest's name typed."""
    mentors = await banks.bank(ctx.session, Role.MENTOR)
    rows = [
        [Button(fit_label(e.person.name or "—"), SpeedGuest(e.person.id).pack())]
        for e in mentors[:GUESTS]
    ]
    return [ctx.reply("speed-ask-guest", rows, max=MAX_NAME)]


@router.button(SpeedGuest, states=["sp_guest"], roles=STAFF)
async def pick_guest(ctx: Context, payload: SpeedGuest) -> Replies:
    """A registered mentor as the guest."""
    mentors = {e.person.id for e in await banks.bank(ctx.session, Role.MENTOR)}
    if payload.person_id not in mentors:
        raise StaleButton()
    await ctx.goto("sp_when", guest_id=payload.person_id, guest_name=None)
    return await ask_when(ctx)


async def type_guest(ctx: Context) -> Replies:
    """A guest who is not registered: just a name."""
    name = banks.clean_text(ctx.incoming.text, MAX_NAME)
    if name is None:
        return [ctx.reply("q-text-invalid", max=MAX_NAME)]
    await ctx.goto("sp_when", guest_id=None, guest_name=name)
    return await ask_when(ctx)


async def ask_when(ctx: Context) -> Replies:
    """Step 2: the date and time of the first slot, typed."""
    return [ctx.reply("speed-ask-when")]


async def type_when(ctx: Context) -> Replies:
    """The start, read on the curator's clock as meetings read it; one that is not a future
    moment is refused with the reason, and asked again."""
    assert ctx.person is not None
    zone = ZoneInfo(ctx.person.timezone)
    at = when.parse_when(ctx.incoming.text or "", ctx.now, zone, ctx.locale)
    await ctx.goto("sp_place", **{**ctx.data, "starts_at": at.isoformat()})
    return await ask_place(ctx)


async def ask_place(ctx: Context) -> Replies:
    """Step 3: the place or the link."""
    return [ctx.reply("speed-ask-place", max=MAX_PLACE)]


async def type_place(ctx: Context) -> Replies:
    """The place or link typed."""
    place = banks.clean_text(ctx.incoming.text, MAX_PLACE)
    if place is None:
        return [ctx.reply("q-text-invalid", max=MAX_PLACE)]
    await ctx.goto("sp_minutes", **{**ctx.data, "place": place})
    return await ask_minutes(ctx)


async def ask_minutes(ctx: Context) -> Replies:
    """Step 4: how long a slot is, in minutes: a button, or any length typed."""
    low, high = speed.SLOT_MINUTES
    row = [ctx.button("btn-speed-minutes", SpeedMinutes(m), minutes=m) for m in SPEED_MINUTES]
    return [ctx.reply("speed-ask-minutes", [row], low=low, high=high)]


async def ask_slots(ctx: Context) -> Replies:
    """Step 5: how many slots: a button, or any number typed."""
    row = [Button(str(n), SpeedSlots(n).pack()) for n in SPEED_SLOTS]
    return [ctx.reply("speed-ask-slots", [row], high=speed.MAX_SLOTS)]


async def ask_capacity(ctx: Context) -> Replies:
    """Step 6: how many mentees a slot takes: a button, or any number typed."""
    row = [Button(str(n), SpeedCapacity(n).pack()) for n in SPEED_CAPACITY]
    return [ctx.reply("speed-ask-capacity", [row], high=speed.MAX_CAPACITY)]


def _typed_number(ctx: Context) -> int:
    value = number((ctx.incoming.text or "").strip())
    if value is None:
        raise Refusal("speed-number-invalid")
    return value


async def _set_minutes(ctx: Context, minutes: int) -> Replies:
    speed.check_minutes(minutes)
    await ctx.goto("sp_slots", **{**ctx.data, "minutes": minutes})
    return await ask_slots(ctx)


async def _set_slots(ctx: Context, slots: int) -> Replies:
    speed.check_slots(slots)
    await ctx.goto("sp_capacity", **{**ctx.data, "slots": slots})
    return await ask_capacity(ctx)


async def _set_capacity(ctx: Context, capacity: int) -> Replies:
    speed.check_capacity(capacity)
    await ctx.goto("sp_audience", **{**ctx.data, "capacity": capacity})
    return await ask_audience(ctx)


async def type_minutes(ctx: Context) -> Replies:
    """The slot length typed."""
    return await _set_minutes(ctx, _typed_number(ctx))


@router.button(SpeedMinutes, states=["sp_minutes"], roles=STAFF)
async def pick_minutes(ctx: Context, payload: SpeedMinutes) -> Replies:
    """The slot length pressed."""
    return await _set_minutes(ctx, payload.minutes)


async def type_slots(ctx: Context) -> Replies:
    """The number of slots typed."""
    return await _set_slots(ctx, _typed_number(ctx))


@router.button(SpeedSlots, states=["sp_slots"], roles=STAFF)
async def pick_slots(ctx: Context, payload: SpeedSlots) -> Replies:
    """The number of slots pressed."""
    return await _set_slots(ctx, payload.slots)


async def type_capacity(ctx: Context) -> Replies:
    """The capacity typed."""
    return await _set_capacity(ctx, _typed_number(ctx))


@router.button(SpeedCapacity, states=["sp_capacity"], roles=STAFF)
async def pick_capacity(ctx: Context, payload: SpeedCapacity) -> Replies:
    """The capacity pressed."""
    return await _set_capacity(ctx, payload.capacity)


async def ask_audience(ctx: Context) -> Replies:
    """Step 7: all mentees, those who chose a form, or one programme's."""
    rows = [[ctx.button("btn-speed-all", SpeedAudience(Audience.ALL))]]
    forms = [ctx.button(f"form-{f.value}", SpeedAudience(Audience.FORM, f)) for f in Form]
    rows += [forms[i : i + 2] for i in range(0, len(forms), 2)]  # within VK's six rows
    rows.append([ctx.button("btn-speed-programme", SpeedAudience(Audience.PROGRAMME))])
    return [ctx.reply("speed-ask-audience", rows)]


@router.button(SpeedAudience, states=["sp_audience"], roles=STAFF)
async def pick_audience(ctx: Context, payload: SpeedAudience) -> Replies:
    """The audience chosen; a programme is picked next."""
    if payload.kind == Audience.PROGRAMME:
        listed = await programmes.listing(ctx.session)
        active = [p for p, _ in listed if p.status == ProgrammeStatus.ACTIVE]
        rows = [
            [Button(label(ctx, p, await _names(ctx, p)), SpeedProgramme(p.id).pack())]
            for p in active[:LISTED]
        ]
        if not rows:
            raise Refusal("speed-no-programmes")
        return [ctx.reply("speed-ask-programme", rows)]
    ref = payload.form.value if payload.form is not None else None
    return await _set_audience(ctx, payload.kind, ref)


async def _names(ctx: Context, programme: Programme) -> list[str]:
    return [p.name or "—" for _, p in await programmes.members(ctx.session, programme.id)]


@router.button(SpeedProgramme, states=["sp_audience"], roles=STAFF)
async def pick_programme(ctx: Context, payload: SpeedProgramme) -> Replies:
    """One programme's mentees."""
    return await _set_audience(ctx, Audience.PROGRAMME, str(payload.programme_id))


async def _set_audience(ctx: Context, kind: Audience, ref: str | None) -> Replies:
    await speed.audience(ctx.session, kind, ref)  # a forged programme or form is refused here
    await ctx.goto("sp_confirm", **{**ctx.data, "audience": kind.value, "ref": ref})
    return await ask_confirm(ctx)


def _plan(ctx: Context) -> speed.Plan:
    data = ctx.data
    return speed.Plan(
        guest_id=data.get("guest_id"),
        guest_name=data.get("guest_name"),
        starts_at=datetime.fromisoformat(str(data["starts_at"])),
        place=str(data["place"]),
        slot_minutes=int(data["minutes"]),
        slots=int(data["slots"]),
        capacity=int(data["capacity"]),
        audience=Audience(data["audience"]),
        audience_ref=data.get("ref"),
    )


async def ask_confirm(ctx: Context) -> Replies:
    """Step 8: everything chosen, with Create and Cancel."""
    assert ctx.person is not None
    plan = _plan(ctx)
    invited = len(await speed.invitees(ctx.session, plan, ctx.person.id))
    guest = plan.guest_name
    if plan.guest_id is not None:
        person = await ctx.session.get(Person, plan.guest_id)
        guest = person.name if person else None
    text = ctx.t(
        "speed-summary",
        guest=guest or "—",
        when=moment(plan.starts_at, ctx.person),
        place=plan.place,
        minutes=plan.slot_minutes,
        slots=plan.slots,
        capacity=plan.capacity,
        invited=invited,
    )
    rows = [
        [
            ctx.button("btn-speed-create", SpeedConfirm(confirm=True)),
            ctx.button("btn-cancel", SpeedConfirm(confirm=False)),
        ]
    ]
    return [Reply(text, rows)]


@router.button(SpeedConfirm, states=["sp_confirm"], roles=STAFF)
async def confirm(ctx: Context, payload: SpeedConfirm) -> Replies:
    """Create the event and invite its mentees, or drop it."""
    assert ctx.person is not None
    if not payload.confirm:
        await ctx.finish()
        return [ctx.reply("cancel-done")]
    event, invited = await speed.create(ctx.session, ctx.person.id, _plan(ctx), ctx.now)
    await ctx.finish()
    button = ctx.button("btn-speed-open", SpeedOpen(event.id))
    return [ctx.reply("speed-created", [[button]], invited=invited)]


router.state("sp_guest", ask_guest, type_guest)
router.state("sp_when", ask_when, type_when)
router.state("sp_place", ask_place, type_place)
router.state("sp_minutes", ask_minutes, type_minutes)
router.state("sp_slots", ask_slots, type_slots)
router.state("sp_capacity", ask_capacity, type_capacity)
router.state("sp_audience", ask_audience)
router.state("sp_confirm", ask_confirm)
router.wizard(
    "speed",
    (
        "sp_guest",
        "sp_when",
        "sp_place",
        "sp_minutes",
        "sp_slots",
        "sp_capacity",
        "sp_audience",
        "sp_confirm",
    ),
    roles=STAFF,
    start=begin,
)
