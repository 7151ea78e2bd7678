"""Curator: a speed-mentoring event's roster (slots and who booked them), its CSV file, and
cancelling the event (everyone booked is told)."""

from __future__ import annotations

from markupsafe import Markup

from bot import banks_csv
from bot.core import texts
from bot.core.conversation import File, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, SpeedEvent
from bot.core.refusal import StaleButton
from bot.core.services import speed
from handlers.buttons import SpeedCsv, SpeedOpen, SpeedStop
from handlers.common import help_hint
from handlers.notifications import shown_name
from handlers.speed_invite import guest_name, moment, slot_time

router = Router()

CSV_COLUMNS = ("slot", "time", "name")


async def _event(ctx: Context, event_id: int) -> SpeedEvent:
    event = await ctx.session.get(SpeedEvent, event_id)
    if event is None:
        raise StaleButton()
    return event


@router.button(SpeedOpen)
async def card(ctx: Context, payload: SpeedOpen) -> Replies:
    """The event: guest, time, place, each slot with who booked it; for staff CSV and Cancel.
    The registered guest mentor sees it too, without those buttons."""
    event = await _event(ctx, payload.event_id)
    staff = ctx.is_staff
    if ctx.person is None or not (staff or (ctx.registered and event.guest_id == ctx.person.id)):
        raise StaleButton()
    lines = []
    for slot, people in await speed.roster(ctx.session, event.id):
        names = ", ".join(shown_name(p, ctx.locale) for p in people)
        lines.append(
            ctx.t(
                "speed-roster-line",
                number=slot.number,
                time=slot_time(slot, event, ctx.person),
                names=names or "—",
                booked=slot.booked,
                capacity=event.capacity,
            )
        )
    text = ctx.t(
        "speed-card",
        guest=await guest_name(ctx.session, event, ctx.locale),
        when=moment(event.starts_at, ctx.person),
        place=event.place,
        status=event.status,
        lines=Markup("\n").join(lines),
    )
    if not staff:
        return [Reply(text, help_hint(ctx))]
    rows = [[ctx.button("btn-speed-csv", SpeedCsv(event.id))]]
    if await speed.open_event(ctx.session, event.id, ctx.now) is not None:
        rows.append([ctx.button("btn-speed-stop", SpeedStop(event.id))])
    return [Reply(text, rows + help_hint(ctx))]


@router.button(SpeedCsv, roles=STAFF)
async def roster_file(ctx: Context, payload: SpeedCsv) -> Replies:
    """The roster as CSV, one row per booking (a `;` and a BOM for Russian Excel)."""
    assert ctx.person is not None
    event = await _event(ctx, payload.event_id)
    header = [texts.plain(ctx.t(f"speed-csv-{column}")) for column in CSV_COLUMNS]
    rows = [
        [
            str(slot.number),
            slot_time(slot, event, ctx.person),
            banks_csv.as_text(shown_name(person, ctx.locale)),
        ]
        for slot, people in await speed.roster(ctx.session, event.id)
        for person in people
    ]
    content = banks_csv.csv_bytes(header, rows, ctx.locale)
    file = File(f"speed-{event.id}.csv", content, "text/csv")
    return [Reply(ctx.t("speed-csv-ready", count=len(rows)), file=file)]


@router.button(SpeedStop, roles=STAFF)
async def stop(ctx: Context, payload: SpeedStop) -> Replies:
    """Cancel the event after asking; everyone booked is told through the outbox."""
    if await speed.open_event(ctx.session, payload.event_id, ctx.now) is None:
        raise StaleButton()
    if not payload.sure:
        rows = [
            [
                ctx.button("btn-speed-stop-sure", SpeedStop(payload.event_id, sure=True)),
                ctx.button("btn-back", SpeedOpen(payload.event_id)),
            ]
        ]
        return [ctx.reply("speed-stop-ask", rows)]
    told = await speed.cancel_event(ctx.session, payload.event_id, ctx.now)
    return [ctx.reply("speed-stopped", help_hint(ctx), count=told)]
