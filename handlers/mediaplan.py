"""The curator's media plan in chat: the plan, and a post's card (preview, approve, hold, edit,
move, cancel, photos and a few words, published by hand, the history)."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import or_, select

from bot.core.conversation import Reply, TooLarge
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, MediaEvent, MediaPost, PostKind, PostStatus
from bot.core.payload import Payload
from bot.core.posts import MAX_TEXT
from bot.core.refusal import Refusal
from bot.core.services import mediaplan, mediaplan_events
from bot.core.services.mediaplan import NO_TOKEN
from bot.core.services.mediaplan_schedule import WEEK, plan_of, post_release_text
from bot.core.when import format_when, parse_when
from handlers.buttons import Menu
from handlers.common import help_hint
from handlers.mediaplan_history import channel_failure, history

router = Router()
SHOWN = 6  # posts with a button of their own on the plan
LABELS = {"done": "btn-media-published"}  # acts whose button's key is not `btn-media-<act>`


class PostAction(Payload, prefix="post"):
    """A curator's step on one post of the media plan."""

    post_id: int
    act: Literal["show", "approve", "hold", "edit", "move", "cancel", "photos", "done", "history"]


class EventAction(Payload, prefix="mevent"):
    """A curator's step on one event of the media plan: its card, a fact to change, or its
    cancellation (asked, then confirmed)."""

    event_id: int
    act: Literal["show", "title", "when", "place", "about", "cancel", "confirm"]


class EventList(Payload, prefix="mevents"):
    """The events ahead, a page of them."""

    page: int


class NewEntry(Payload, prefix="mnew"):
    """Add to the media plan: an event, or a post of one of the curator's own kinds (`kinds`:
    which kind)."""

    what: Literal["event", "kinds", "album", "playlist", "longread"]


def when_of(ctx: Context, post: MediaPost | MediaEvent) -> str:
    moment = post.publish_at if isinstance(post, MediaPost) else post.starts_at
    return format_when(moment, ZoneInfo(ctx.settings.default_timezone), ctx.locale)


@router.command("mediaplan", roles=STAFF, aliases=("медиаплан",))
async def show_plan(ctx: Context) -> Replies:
    """The plan: events ahead, the posts not yet on the wall and those that failed this week,
    each post with a button."""
    events = await mediaplan_events.ahead(ctx.session, ctx.now)
    found = await ctx.session.execute(
        select(MediaPost)
        .where(
            or_(
                MediaPost.status.in_(mediaplan.OPEN),
                (MediaPost.status == PostStatus.FAILED) & (MediaPost.publish_at > ctx.now - WEEK),
            )
        )
        .order_by(MediaPost.publish_at)
    )
    open_posts = list(found.scalars())
    lines = [ctx.t("media-plan-heading")]
    lines += [ctx.t("media-plan-event", title=e.title, when=when_of(ctx, e)) for e in events]
    has_events = len(lines) > 1
    if not has_events:
        lines.append(ctx.t("media-plan-no-events"))
    rows = [
        [ctx.button("btn-media-post", PostAction(p.id, "show"), **_labels(ctx, p))]
        for p in open_posts[:SHOWN]
    ]
    if not open_posts:
        lines.append(ctx.t("media-plan-no-posts"))
    entries = [ctx.button("btn-media-events", EventList(0))] if has_events else []
    entries += [
        ctx.button("btn-media-event", NewEntry("event")),
        ctx.button("btn-media-item", NewEntry("kinds")),
    ]
    rows.append(entries)
    return [Reply(Markup("\n").join(lines), [*rows, *help_hint(ctx)])]


def _labels(ctx: Context, post: MediaPost) -> dict[str, str]:
    return {
        "kind": str(ctx.t(f"media-kind-{post.kind}")),
        "status": str(ctx.t(f"media-status-{post.status}")),
        "when": when_of(ctx, post),
    }


async def card(ctx: Context, post: MediaPost, replace: bool = False) -> Replies:
    """A post's card: what, when, its state, the text as it will stand, and what can be done."""
    photos = len(await mediaplan.photos(ctx.session, post.id))
    head = ctx.t("media-card", photos=photos, **_labels(ctx, post))
    if post.failure:
        failure = ctx.t("media-no-token") if post.failure == NO_TOKEN else post.failure
        head += Markup("\n") + ctx.t("media-card-failure", failure=failure)
    if post.kind == PostKind.LONGREAD and len(post.text) <= mediaplan.LONGREAD_MIN:
        short = ctx.t(
            "media-longread-short-warning", count=len(post.text), min=mediaplan.LONGREAD_MIN
        )
        head += Markup("\n") + short
    if post.kind == PostKind.ALBUM and not photos:
        head += Markup("\n") + ctx.t("media-album-empty")
    if post.channel_status:
        failure = channel_failure(post, ctx.locale)
        head += Markup("\n") + ctx.t(f"media-card-channel-{post.channel_status}", failure=failure)
    text = Markup("\n\n").join([head, Markup.escape(post.text)])
    acts: list[Literal["approve", "hold", "edit", "move", "cancel", "photos", "done"]] = []
    if post.status == PostStatus.DRAFT:
        acts = ["approve", "edit", "move", "photos", "cancel"]
    elif post.status == PostStatus.APPROVED:
        acts = ["hold", "edit", "move", "photos", "cancel"]
    elif post.status == PostStatus.FAILED:
        acts = ["done"]
    buttons = [
        ctx.button(LABELS.get(act, f"btn-media-{act}"), PostAction(post.id, act)) for act in acts
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(
        [
            ctx.button("btn-media-history", PostAction(post.id, "history")),
            ctx.button("btn-media-plan", Menu("mediaplan")),
        ]
    )
    return [Reply(text, rows, replace=replace)]


@router.button(PostAction, roles=STAFF)
async def on_post(ctx: Context, payload: PostAction) -> Replies:
    """A button of a post's card."""
    assert ctx.person is not None
    by, post_id = ctx.person.id, payload.post_id
    if payload.act == "approve":
        post = await mediaplan.approve(ctx.session, post_id, by, ctx.now)
    elif payload.act == "hold":
        post = await mediaplan.hold(ctx.session, post_id, by, ctx.now)
    elif payload.act == "cancel":
        post = await mediaplan.cancel(ctx.session, post_id, by, ctx.now)
    elif payload.act == "done":
        post = await mediaplan.done_by_hand(ctx.session, post_id, by, ctx.now)
    elif payload.act == "history":
        await mediaplan.get(ctx.session, post_id)
        return await history(
            ctx, post_id, ctx.button("btn-media-open", PostAction(post_id, "show"))
        )
    elif payload.act in ("edit", "move", "photos"):
        await mediaplan.get(ctx.session, post_id, *mediaplan.EDITABLE)
        await ctx.goto(f"media_{payload.act}", post=post_id)
        return await ctx.router.prompt(ctx)
    else:
        post = await mediaplan.get(ctx.session, post_id)
    return await card(ctx, post, replace=payload.act != "show")


async def _done(ctx: Context, post: MediaPost) -> Replies:
    await ctx.finish()
    return await card(ctx, post)


async def ask_text(ctx: Context) -> Replies:
    """Question: the post's new text."""
    return [ctx.reply("media-ask-text", max=MAX_TEXT)]


async def take_text(ctx: Context) -> Replies:
    """The curator's text replaces the draft's; a draft again."""
    assert ctx.person is not None
    post = await mediaplan.edit(
        ctx.session, int(ctx.data["post"]), ctx.person.id, ctx.incoming.text, ctx.now
    )
    return await _done(ctx, post)


async def ask_time(ctx: Context) -> Replies:
    """Question: when the post is to go out."""
    return [ctx.reply("media-ask-time")]


async def take_time(ctx: Context) -> Replies:
    """The post moves to the time typed."""
    assert ctx.person is not None
    zone = ZoneInfo(ctx.settings.default_timezone)
    when = parse_when(ctx.incoming.text or "", ctx.now, zone, ctx.locale)
    post = await mediaplan.reschedule(
        ctx.session, int(ctx.data["post"]), ctx.person.id, when, ctx.now
    )
    return await _done(ctx, post)


async def ask_photos(ctx: Context) -> Replies:
    """Question: photos and a few words for the post; Done when all are sent."""
    done = ctx.button("btn-media-done", PostAction(int(ctx.data["post"]), "show"))
    return [ctx.reply("media-ask-photos", [[done]], mb=ctx.settings.max_upload_mb)]


async def take_photos(ctx: Context) -> Replies:
    """Photos are added to the post; words go into a post-release (as data) or replace the
    text of another post. The curator may send more, then Done."""
    assert ctx.person is not None
    by, post_id = ctx.person.id, int(ctx.data["post"])
    post = await mediaplan.get(ctx.session, post_id, *mediaplan.EDITABLE)
    pictures = [a for a in ctx.incoming.attachments if a.mime.startswith("image/")]
    words = (ctx.incoming.text or "").strip()
    if not pictures and not words:
        raise Refusal("media-photos-invalid", mb=ctx.settings.max_upload_mb)
    for picture in pictures:
        try:
            content = await picture.read(ctx.settings.max_upload_bytes)
        except TooLarge:
            raise Refusal("media-photos-invalid", mb=ctx.settings.max_upload_mb) from None
        await mediaplan.add_photo(
            ctx.session, post_id, by, picture.name, picture.mime, content, ctx.now
        )
    event = await ctx.session.get(MediaEvent, post.event_id or 0)
    if words and post.kind == PostKind.POST_RELEASE and event is not None:
        words = post_release_text(event, plan_of(ctx.settings), mediaplan.clean(words, 2000))
    if words:
        await mediaplan.edit(ctx.session, post_id, by, words, ctx.now)
    done = ctx.button("btn-media-done", PostAction(post_id, "show"))
    return [ctx.reply("media-photos-taken", [[done]], photos=len(pictures))]


router.state("media_edit", ask_text, take_text)
router.state("media_move", ask_time, take_time)
router.state("media_photos", ask_photos, take_photos)
