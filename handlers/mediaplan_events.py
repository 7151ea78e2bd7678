"""The media plan's events in chat: the events ahead (a page at a time), an event's card, a
fact of it changed (title, date and time, place, description) and its cancellation, each
saying what became of the event's posts."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import select

from bot.core.conversation import Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, MediaEvent, MediaPost
from bot.core.services import mediaplan, mediaplan_events
from bot.core.services.mediaplan_events import Field, Replanned
from bot.core.services.mediaplan_schedule import plan_of
from bot.core.when import parse_when
from handlers.buttons import Menu
from handlers.mediaplan import EventAction, EventList, PostAction, when_of
from handlers.pages import page_rows

router = Router()
SHORT = 26  # characters of a title on a button
PAGE = 7  # events a page (with the page turns and the plan: 10 buttons, VK's most)
FIELDS: tuple[Field, ...] = ("title", "when", "place", "about")
ASK = {"title": "media-ask-title", "when": "media-ask-event-time", "place": "media-ask-place",
       "about": "media-ask-about"}  # fmt: skip


def _short(title: str) -> str:
    """A title cut to fit a button (with the date: 40 characters at most)."""
    return title if len(title) <= SHORT else title[: SHORT - 1] + "…"


@router.button(EventList, roles=STAFF)
async def event_list(ctx: Context, payload: EventList) -> Replies:
    """The events ahead, each a button to its card."""
    zone = ZoneInfo(ctx.settings.default_timezone)
    buttons = [
        ctx.button("btn-media-event-open", EventAction(e.id, "show"), title=_short(e.title),
                   when=e.starts_at.astimezone(zone).strftime("%d.%m %H:%M"))
        for e in await mediaplan_events.ahead(ctx.session, ctx.now)
    ]  # fmt: skip
    rows = page_rows(ctx, buttons, payload.page, PAGE, EventList)
    rows.append([ctx.button("btn-media-plan", Menu("mediaplan"))])
    key = "media-events-heading" if buttons else "media-plan-no-events"
    return [Reply(ctx.t(key), rows, replace=True)]


async def event_card(ctx: Context, event: MediaEvent, head: Markup | None = None) -> Replies:
    """The event as planned, its posts (a button each: at most two), and what can be done."""
    posts = await ctx.session.execute(
        select(MediaPost).where(MediaPost.event_id == event.id).order_by(MediaPost.id)
    )
    lines = [
        ctx.t("media-event-card", title=event.title, when=when_of(ctx, event), place=event.place,
              about=event.description),
    ]  # fmt: skip
    found = list(posts.scalars())
    lines += [
        ctx.t("media-event-post", kind=ctx.t(f"media-kind-{p.kind}"), when=when_of(ctx, p),
              status=ctx.t(f"media-status-{p.status}"))
        for p in found
    ]  # fmt: skip
    if head is not None:
        lines.insert(0, head)
    edits = [ctx.button(f"btn-media-event-{f}", EventAction(event.id, f)) for f in FIELDS]
    rows = [
        [ctx.button("btn-media-post", PostAction(p.id, "show"),
                    kind=ctx.t(f"media-kind-{p.kind}"), when=when_of(ctx, p))]
        for p in found
    ]  # fmt: skip
    rows += [
        edits[:2], edits[2:],
        [ctx.button("btn-media-event-cancel", EventAction(event.id, "cancel"))],
        [ctx.button("btn-media-events", EventList(0)),
         ctx.button("btn-media-plan", Menu("mediaplan"))],
    ]  # fmt: skip
    return [Reply(Markup("\n\n").join(lines), rows)]


def _outcomes(ctx: Context, done: list[Replanned]) -> Markup:
    """What became of each post, a line each."""
    lines = []
    for item in done:
        post = item.post
        line = ctx.t(
            f"media-event-post-{item.outcome}", kind=ctx.t(f"media-kind-{post.kind}"),
            when=when_of(ctx, post), status=ctx.t(f"media-status-{post.status}"),
        )  # fmt: skip
        if item.own_text:
            line += ctx.t("media-event-post-own-text")
        lines.append(line)
    return Markup("\n").join(lines)


@router.button(EventAction, roles=STAFF)
async def on_event(ctx: Context, payload: EventAction) -> Replies:
    """A button of an event's card."""
    assert ctx.person is not None
    event = await mediaplan_events.event_of(ctx.session, payload.event_id)
    if payload.act == "show":
        return await event_card(ctx, event)
    if payload.act == "cancel":
        sure = ctx.button("btn-media-event-confirm", EventAction(event.id, "confirm"))
        keep = ctx.button("btn-cancel", EventAction(event.id, "show"))
        return [ctx.reply("media-event-cancel-ask", [[sure], [keep]], title=event.title)]
    if payload.act == "confirm":
        done = await mediaplan_events.cancel(ctx.session, event.id, ctx.person.id, ctx.now)
        text = ctx.t("media-event-cancelled", title=event.title)
        if done:
            text += Markup("\n") + _outcomes(ctx, done)
        return [Reply(text, [[ctx.button("btn-media-plan", Menu("mediaplan"))]], replace=True)]
    await ctx.goto("media_event_edit", event=event.id, field=payload.act)
    return await ctx.router.prompt(ctx)


async def ask_fact(ctx: Context) -> Replies:
    """Question: the event's new title, date and time, place or description."""
    field = str(ctx.data["field"])
    cancel = ctx.button("btn-cancel", EventAction(int(ctx.data["event"]), "show"))
    limit = mediaplan.MAX_WORDS if field == "about" else mediaplan.MAX_TITLE
    return [ctx.reply(ASK[field], [[cancel]], max=limit)]


async def take_fact(ctx: Context) -> Replies:
    """The fact changes; the curator hears what became of the event's posts."""
    assert ctx.person is not None
    field: Field = ctx.data["field"]
    event_id = int(ctx.data["event"])
    value: str | datetime = ctx.incoming.text or ""
    if field == "when":
        zone = ZoneInfo(ctx.settings.default_timezone)
        value = parse_when(str(value), ctx.now, zone, ctx.locale)
    done = await mediaplan_events.change(
        ctx.session, event_id, ctx.person.id, field, value, ctx.now, plan_of(ctx.settings)
    )
    await ctx.finish()
    event = await mediaplan_events.event_of(ctx.session, event_id)
    head = ctx.t("media-event-changed")
    if done:
        head += Markup("\n") + _outcomes(ctx, done)
    return await event_card(ctx, event, head)


router.state("media_event_edit", ask_fact, take_fact)
