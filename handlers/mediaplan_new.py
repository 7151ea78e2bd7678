"""New entries of the media plan in chat: an event (title, time, place, a few words), or a post
of the curator's own kind (a photo album, a playlist, a longread over 2,000 characters)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from bot.core.conversation import Button
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, PostKind
from bot.core.posts import MAX_TEXT
from bot.core.refusal import Refusal
from bot.core.services import mediaplan
from bot.core.when import parse_when
from handlers.buttons import Menu
from handlers.mediaplan import NewEntry, card, when_of

router = Router()
OWN_KINDS: tuple[Literal["album", "playlist", "longread"], ...] = ("album", "playlist", "longread")


@router.button(NewEntry, roles=STAFF)
async def new_entry(ctx: Context, payload: NewEntry) -> Replies:
    """An event: its title first; a post: its kind first, then its text."""
    if payload.what == "event":
        await ctx.goto("media_event_title")
    elif payload.what == "kinds":
        rows = [[ctx.button(f"media-kind-{kind}", NewEntry(kind))] for kind in OWN_KINDS]
        return [ctx.reply("media-ask-kind", [*rows, *_cancel(ctx)])]
    else:
        await ctx.goto("media_item_text", kind=payload.what)
    return await ctx.router.prompt(ctx)


def _cancel(ctx: Context) -> list[list[Button]]:
    """Under each question: leave the new entry (as /cancel does)."""
    return [[ctx.button("btn-cancel", Menu("cancel"))]]


def _when(ctx: Context) -> datetime:
    zone = ZoneInfo(ctx.settings.default_timezone)
    return parse_when(ctx.incoming.text or "", ctx.now, zone, ctx.locale)


async def ask_item_text(ctx: Context) -> Replies:
    """Question: the post's text (a longread's over 2,000 characters)."""
    key = "media-ask-longread" if ctx.data["kind"] == PostKind.LONGREAD else "media-ask-item"
    return [ctx.reply(key, _cancel(ctx), min=mediaplan.LONGREAD_MIN, max=MAX_TEXT)]


async def take_item_text(ctx: Context) -> Replies:
    """The text; then when it is to go out."""
    text = mediaplan.clean(ctx.incoming.text, MAX_TEXT)
    if ctx.data["kind"] == PostKind.LONGREAD and len(text) <= mediaplan.LONGREAD_MIN:
        raise Refusal("media-longread-short", min=mediaplan.LONGREAD_MIN)
    await ctx.goto("media_item_when", **ctx.data, text=text)
    return await ask_item_time(ctx)


async def ask_item_time(ctx: Context) -> Replies:
    """Question: when the post goes out."""
    return [ctx.reply("media-ask-time", _cancel(ctx))]


async def take_item_time(ctx: Context) -> Replies:
    """The post is a draft in the plan: its card, to add photos and approve."""
    assert ctx.person is not None
    post = await mediaplan.add_item(
        ctx.session, ctx.person.id, PostKind(ctx.data["kind"]), ctx.data["text"], _when(ctx),
        ctx.now,
    )  # fmt: skip
    await ctx.finish()
    return await card(ctx, post)


async def ask_title(ctx: Context) -> Replies:
    """Question: the event's title."""
    return [ctx.reply("media-ask-title", _cancel(ctx), max=mediaplan.MAX_TITLE)]


async def take_title(ctx: Context) -> Replies:
    """The title; then when."""
    title = mediaplan.clean(ctx.incoming.text, mediaplan.MAX_TITLE)
    await ctx.goto("media_event_when", title=title)
    return await ask_event_time(ctx)


async def ask_event_time(ctx: Context) -> Replies:
    """Question: when the event starts."""
    return [ctx.reply("media-ask-event-time", _cancel(ctx))]


async def take_event_time(ctx: Context) -> Replies:
    """When; then where."""
    await ctx.goto("media_event_place", **ctx.data, starts=_when(ctx).isoformat())
    return await ask_place(ctx)


async def ask_place(ctx: Context) -> Replies:
    """Question: where the event is."""
    return [ctx.reply("media-ask-place", _cancel(ctx))]


async def take_place(ctx: Context) -> Replies:
    """Where; then what it is about."""
    place = mediaplan.clean(ctx.incoming.text, mediaplan.MAX_TITLE)
    await ctx.goto("media_event_about", **ctx.data, place=place)
    return await ask_about(ctx)


async def ask_about(ctx: Context) -> Replies:
    """Question: a few words on the event."""
    return [ctx.reply("media-ask-about", _cancel(ctx), max=mediaplan.MAX_WORDS)]


async def take_about(ctx: Context) -> Replies:
    """The event is added; its press release will be drafted in time."""
    assert ctx.person is not None
    about = mediaplan.clean(ctx.incoming.text, mediaplan.MAX_WORDS)
    event = await mediaplan.add_event(
        ctx.session, ctx.person.id, ctx.data["title"], datetime.fromisoformat(ctx.data["starts"]),
        ctx.data["place"], about, ctx.now,
    )  # fmt: skip
    await ctx.finish()
    back = [[ctx.button("btn-media-plan", Menu("mediaplan"))]]
    days = ctx.settings.press_release_days
    when = when_of(ctx, event)
    return [ctx.reply("media-event-added", back, title=event.title, when=when, days=days)]


router.state("media_item_text", ask_item_text, take_item_text)
router.state("media_item_when", ask_item_time, take_item_time)
router.state("media_event_title", ask_title, take_title)
router.state("media_event_when", ask_event_time, take_event_time)
router.state("media_event_place", ask_place, take_place)
router.state("media_event_about", ask_about, take_about)
