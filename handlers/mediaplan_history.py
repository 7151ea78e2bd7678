"""A post's history in chat: every change, when (on the curator's clock) and by whom; and why
it is not in the Telegram channel, in words."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import func, select

from bot.core import texts
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies
from bot.core.models import MediaPost, MediaPostChange, Person
from bot.core.services import mediaplan_channel
from bot.core.when import format_when
from handlers.notifications import shown_name

SHOWN = 30  # the latest changes listed; the count of earlier ones is said


def channel_failure(post: MediaPost, locale: str) -> str:
    """Why the post is not in the Telegram channel, in words."""
    if post.channel_failure == mediaplan_channel.NOT_ADMIN:
        return texts.t("media-channel-not-admin", locale)
    return post.channel_failure or ""


async def history(ctx: Context, post_id: int, back: Button) -> Replies:
    """The post's changes, oldest first (the latest `SHOWN`), with a button back to its card."""
    total = await ctx.session.scalar(
        select(func.count()).select_from(MediaPostChange).where(MediaPostChange.post_id == post_id)
    )
    rows = await ctx.session.execute(
        select(MediaPostChange, Person)
        .outerjoin(Person, Person.id == MediaPostChange.by_id)
        .where(MediaPostChange.post_id == post_id)
        .order_by(MediaPostChange.id.desc())
        .limit(SHOWN)
    )
    lines = [ctx.t("media-history-heading")]
    earlier = (total or 0) - SHOWN
    if earlier > 0:
        lines.append(ctx.t("media-history-earlier", count=earlier))
    for change, person in reversed(rows.all()):
        who = shown_name(person, ctx.locale) if change.by_id else ctx.t("media-history-bot")
        lines.append(
            ctx.t(
                "media-history-line", action=ctx.t(f"media-change-{change.action}"), who=who,
                when=format_when(change.at, ZoneInfo(ctx.zone), ctx.locale),
            )
        )  # fmt: skip
    return [Reply(Markup("\n").join(lines), [[back]])]
