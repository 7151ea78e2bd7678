"""The media plan's posts: their way from draft to the wall, every change logged, and the
curators told through the outbox."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, posts
from bot.core.models import (
    MediaEvent,
    MediaPhoto,
    MediaPost,
    MediaPostChange,
    PostKind,
    PostStatus,
    Subject,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import programmes

LEASE = timedelta(minutes=5)  # a claimed post not recorded by then is tried again (same guid)
AHEAD = timedelta(hours=1)  # a post goes to the wall this long before its time (publish_date)
SLOT_MOVE = timedelta(hours=1)  # how far a post moves when VK says its slot is taken
MAX_TITLE, MAX_WORDS = 200, 4000
NO_TOKEN = "no-user-token"  # the failure of a post handed to the curators for want of a token
LONGREAD_MIN = 2000  # a longread is a post over 2,000 characters (regulation, §1.3)
EDITABLE = (PostStatus.DRAFT, PostStatus.APPROVED)
OPEN = (*EDITABLE, PostStatus.PUBLISHING, PostStatus.SCHEDULED)


def clean(text: str | None, limit: int) -> str:
    """Typed text trimmed; `Refusal` when empty or over `limit` characters."""
    value = (text or "").strip()
    if not value or len(value) > limit:
        raise Refusal("media-text-invalid", max=limit)
    return value


async def log(
    session: AsyncSession, post: MediaPost, action: str, by: int | None, now: datetime,
    detail: str = "",
) -> None:  # fmt: skip
    """Add a line to the post's history."""
    session.add(
        MediaPostChange(
            post_id=post.id, at=now, by_id=by, action=action, status=post.status, detail=detail
        )
    )


async def tell_curators(
    session: AsyncSession, post: MediaPost, purpose: str, now: datetime, **params: Any
) -> None:
    """An outbox row about `post` to every curator (once per purpose and occasion)."""
    occasion = str(params.pop("occasion", ""))
    for curator in await programmes.curators(session):
        await outbox.schedule(
            session, to=curator.id, subject=Subject.MEDIA_POST, subject_id=post.id,
            purpose=purpose, due_at=now, occasion=occasion, params=params,
        )  # fmt: skip


async def new_post(
    session: AsyncSession, kind: str, occasion: str, text: str, publish_at: datetime,
    now: datetime, *, status: PostStatus = PostStatus.DRAFT, event_id: int | None = None,
) -> MediaPost | None:  # fmt: skip
    """A post, unless the bot already made one of this kind for this occasion."""
    found = await session.execute(
        select(MediaPost.id).where(MediaPost.kind == kind, MediaPost.occasion == occasion)
    )
    if found.first() is not None:
        return None
    post = MediaPost(
        kind=kind, occasion=occasion, text=text, publish_at=publish_at, status=status,
        event_id=event_id, created_at=now,
    )  # fmt: skip
    session.add(post)
    await session.flush()
    await log(session, post, "drafted", None, now)
    return post


async def get(session: AsyncSession, post_id: int, *states: PostStatus) -> MediaPost:
    """The post, if it is in one of `states` (any, when none given); else a stale button."""
    post = await session.get(MediaPost, post_id)
    if post is None or (states and post.status not in states):
        raise StaleButton()
    return post


async def _move(
    session: AsyncSession, post: MediaPost, status: PostStatus, action: str, by: int | None,
    now: datetime, detail: str = "",
) -> MediaPost:  # fmt: skip
    post.status = status
    await log(session, post, action, by, now, detail)
    return post


async def approve(session: AsyncSession, post_id: int, by: int, now: datetime) -> MediaPost:
    """A draft approved: it goes to the wall at its time. A photo album needs its photos."""
    post = await get(session, post_id, PostStatus.DRAFT)
    if post.kind == PostKind.ALBUM and not await photos(session, post.id):
        raise Refusal("media-album-empty")
    return await _move(session, post, PostStatus.APPROVED, "approved", by, now)


async def hold(session: AsyncSession, post_id: int, by: int, now: datetime) -> MediaPost:
    """An approved post held back: a draft again, until approved."""
    post = await get(session, post_id, PostStatus.APPROVED)
    return await _move(session, post, PostStatus.DRAFT, "held", by, now)


async def cancel(session: AsyncSession, post_id: int, by: int, now: datetime) -> MediaPost:
    """A post that will not be published."""
    post = await get(session, post_id, *EDITABLE)
    return await _move(session, post, PostStatus.CANCELLED, "cancelled", by, now)


async def edit(
    session: AsyncSession, post_id: int, by: int, text: str | None, now: datetime
) -> MediaPost:
    """The curator's own text for the post; a draft again, to be approved."""
    post = await get(session, post_id, *EDITABLE)
    post.text = clean(text, posts.MAX_TEXT)
    if post.kind == PostKind.LONGREAD and len(post.text) <= LONGREAD_MIN:
        raise Refusal("media-longread-short", min=LONGREAD_MIN)
    return await _move(session, post, PostStatus.DRAFT, "edited", by, now)


async def add_item(
    session: AsyncSession, by: int, kind: PostKind, text: str | None, publish_at: datetime,
    now: datetime,
) -> MediaPost:  # fmt: skip
    """A post of the curator's own (an album, a playlist, a longread): a draft to approve."""
    if kind not in (PostKind.ALBUM, PostKind.PLAYLIST, PostKind.LONGREAD):
        raise StaleButton()
    if publish_at <= now:
        raise Refusal("media-time-past")
    post = MediaPost(
        kind=kind, occasion="", text="", publish_at=publish_at, status=PostStatus.DRAFT,
        created_at=now,
    )  # fmt: skip
    session.add(post)
    await session.flush()
    post.occasion = f"item:{post.id}"
    await log(session, post, "drafted", by, now)
    return await edit(session, post.id, by, text, now)


async def reschedule(
    session: AsyncSession, post_id: int, by: int, when: datetime, now: datetime
) -> MediaPost:
    """Another time for the post; it must lie ahead."""
    post = await get(session, post_id, *EDITABLE)
    if when <= now:
        raise Refusal("media-time-past")
    post.publish_at = when
    return await _move(session, post, PostStatus(post.status), "moved", by, now, when.isoformat())


async def add_photo(
    session: AsyncSession, post_id: int, by: int, name: str, mime: str, content: bytes,
    now: datetime,
) -> MediaPost:  # fmt: skip
    """A photo for the post; a draft again, to be approved."""
    post = await get(session, post_id, *EDITABLE)
    session.add(MediaPhoto(post_id=post.id, name=name, mime=mime, content=content))
    return await _move(session, post, PostStatus.DRAFT, "photo", by, now, name)


async def photos(session: AsyncSession, post_id: int) -> list[MediaPhoto]:
    """The post's photos, in the order sent."""
    query = select(MediaPhoto).where(MediaPhoto.post_id == post_id).order_by(MediaPhoto.id)
    return list((await session.execute(query)).scalars())


async def add_event(
    session: AsyncSession, by: int, title: str | None, starts_at: datetime, place: str,
    description: str, now: datetime,
) -> MediaEvent:  # fmt: skip
    """An event of the plan; it must lie ahead."""
    if starts_at <= now:
        raise Refusal("media-time-past")
    event = MediaEvent(
        title=clean(title, MAX_TITLE), starts_at=starts_at, place=place[:MAX_TITLE],
        description=description[:MAX_WORDS], curator_id=by, created_at=now,
    )  # fmt: skip
    session.add(event)
    await session.flush()
    return event


async def claim_due(session: AsyncSession, now: datetime) -> list[int]:
    """Claim the approved posts due within `AHEAD` (and those whose claim lapsed): their ids.
    Claiming is one conditional update per post, so two passes never claim the same post."""
    due = await session.execute(
        select(MediaPost.id).where(
            or_(
                (MediaPost.status == PostStatus.APPROVED) & (MediaPost.publish_at <= now + AHEAD),
                (MediaPost.status == PostStatus.PUBLISHING) & (MediaPost.claimed_until < now),
            )
        )
    )
    claimed = []
    for post_id in due.scalars():
        result = await session.execute(
            update(MediaPost)
            .where(
                MediaPost.id == post_id,
                or_(
                    MediaPost.status == PostStatus.APPROVED,
                    (MediaPost.status == PostStatus.PUBLISHING) & (MediaPost.claimed_until < now),
                ),
            )
            .values(status=PostStatus.PUBLISHING, claimed_until=now + LEASE)
        )
        if getattr(result, "rowcount", 0) == 1:
            claimed.append(post_id)
    return claimed


async def on_wall(
    session: AsyncSession, post_id: int, wall_post_id: int, now: datetime
) -> MediaPost:
    """The wall took the post: published, or scheduled when its time is still ahead."""
    post = await get(session, post_id, PostStatus.PUBLISHING)
    post.wall_post_id = wall_post_id
    if post.publish_at > now:
        return await _move(session, post, PostStatus.SCHEDULED, "scheduled", None, now)
    post.published_at = now
    return await _move(session, post, PostStatus.PUBLISHED, "published", None, now)


async def slot_taken(session: AsyncSession, post_id: int, now: datetime) -> MediaPost:
    """VK refused the slot (taken, or 50 posts a day): the post moves on and waits again."""
    post = await get(session, post_id, PostStatus.PUBLISHING)
    post.publish_at = max(post.publish_at, now) + SLOT_MOVE
    await _move(session, post, PostStatus.APPROVED, "slot-moved", None, now)
    await tell_curators(session, post, "media-slot-moved", now, occasion=post.publish_at)
    return post


async def failed(session: AsyncSession, post_id: int, reason: str, now: datetime) -> MediaPost:
    """The wall refused the post for good: failed, with the reason, and the curators told."""
    post = await get(session, post_id, PostStatus.PUBLISHING)
    post.failure = reason[:200]
    await _move(session, post, PostStatus.FAILED, "failed", None, now, reason[:200])
    await tell_curators(session, post, "media-failed", now)
    return post


async def by_hand(session: AsyncSession, post_id: int, now: datetime) -> MediaPost:
    """No token to post with: the finished post goes to the curators to publish by hand."""
    post = await get(session, post_id, PostStatus.PUBLISHING)
    post.failure = NO_TOKEN
    await _move(session, post, PostStatus.FAILED, "by-hand", None, now, NO_TOKEN)
    await tell_curators(session, post, "media-by-hand", now)
    return post


async def done_by_hand(session: AsyncSession, post_id: int, by: int, now: datetime) -> MediaPost:
    """The curator published a post the bot could not (no token, or the wall refused it): it
    counts as published now, for the weekly guarantee too."""
    post = await get(session, post_id, PostStatus.FAILED)
    post.published_at = now
    return await _move(session, post, PostStatus.PUBLISHED, "done-by-hand", by, now)


async def handed_over(session: AsyncSession, since: datetime) -> list[int]:
    """Posts handed to the curators to publish by hand since `since`, not yet said published."""
    found = await session.execute(
        select(MediaPost.id)
        .where(
            MediaPost.status == PostStatus.FAILED, MediaPost.failure == NO_TOKEN,
            MediaPost.publish_at > since,
        )
        .order_by(MediaPost.publish_at)
    )  # fmt: skip
    return list(found.scalars())


async def went_live(session: AsyncSession, now: datetime) -> int:
    """Scheduled posts whose time has come are published; how many."""
    due = await session.execute(
        select(MediaPost).where(
            MediaPost.status == PostStatus.SCHEDULED, MediaPost.publish_at <= now
        )
    )
    posts = list(due.scalars())
    for post in posts:
        post.published_at = post.publish_at
        await _move(session, post, PostStatus.PUBLISHED, "published", None, now)
    return len(posts)
