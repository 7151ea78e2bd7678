"""The media plan's copy in the Telegram channel (`TELEGRAM_CHANNEL_ID`): a post goes there once
it is out — published on the wall (by the bot or, said so, by hand) or, with no VK user token,
when its time comes. Claimed like the wall publish; the outcome is kept on the post and logged."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import ChannelStatus, MediaPost, PostStatus
from bot.core.services import mediaplan

LOOK_BACK = timedelta(days=1)  # older posts never go to a channel set up after them
NOT_ADMIN = "channel-not-admin"  # the failure when Telegram says the bot may not post there


def _claimable(now: datetime) -> ColumnElement[bool]:
    out = or_(
        and_(MediaPost.status == PostStatus.PUBLISHED, MediaPost.published_at > now - LOOK_BACK),
        and_(
            MediaPost.status == PostStatus.FAILED, MediaPost.failure == mediaplan.NO_TOKEN,
            MediaPost.publish_at <= now, MediaPost.publish_at > now - LOOK_BACK,
        ),
    )  # fmt: skip
    lapsed = and_(
        MediaPost.channel_status == ChannelStatus.SENDING, MediaPost.channel_claimed_until < now
    )
    return or_(and_(out, MediaPost.channel_status.is_(None)), lapsed)


async def claim(session: AsyncSession, now: datetime) -> list[int]:
    """Claim the posts due in the channel (and those whose claim lapsed): their ids. One
    conditional update per post, so two passes never claim the same post."""
    due = await session.execute(select(MediaPost.id).where(_claimable(now)))
    claimed = []
    for post_id in due.scalars():
        result = await session.execute(
            update(MediaPost)
            .where(MediaPost.id == post_id, _claimable(now))
            .values(
                channel_status=ChannelStatus.SENDING, channel_claimed_until=now + mediaplan.LEASE
            )
        )
        if getattr(result, "rowcount", 0) == 1:
            claimed.append(post_id)
    return claimed


async def _claimed(session: AsyncSession, post_id: int) -> MediaPost:
    post = await session.get(MediaPost, post_id)
    assert post is not None and post.channel_status == ChannelStatus.SENDING
    return post


async def sent(session: AsyncSession, post_id: int, message_id: int, now: datetime) -> None:
    """The channel took the post."""
    post = await _claimed(session, post_id)
    post.channel_status, post.channel_message_id = ChannelStatus.SENT, message_id
    await mediaplan.log(session, post, "channel", None, now)


async def later(session: AsyncSession, post_id: int, after: float | None, now: datetime) -> None:
    """Telegram asked to wait (429) or failed for now (5xx): tried again after `after` seconds
    (or when the claim lapses)."""
    if after:
        post = await _claimed(session, post_id)
        post.channel_claimed_until = now + timedelta(seconds=after)


async def failed(session: AsyncSession, post_id: int, reason: str, now: datetime) -> None:
    """The channel refused the post for good: the reason kept and logged, the curators told."""
    post = await _claimed(session, post_id)
    post.channel_status, post.channel_failure = ChannelStatus.FAILED, reason[:200]
    await mediaplan.log(session, post, "channel-failed", None, now, reason[:200])
    await mediaplan.tell_curators(session, post, "media-channel-failed", now, occasion="channel")
