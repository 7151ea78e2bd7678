"""Changing or cancelling an event of the media plan, and what that does to its bot posts not
yet published: a new date moves them (the press release before it, the post-release after it),
a bot draft is drafted anew from the event, and each goes back to the curators to approve;
cancelling voids them. A post already out stays, and the caller is told so."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import posts
from bot.core.models import MediaEvent, MediaPost, MediaPostChange, PostKind, PostStatus
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import mediaplan
from bot.core.services.mediaplan_schedule import (
    LATEST_PRESS,
    POST_RELEASE_BY,
    Plan,
    event_params,
    post_release_text,
)

log = logging.getLogger(__name__)
Field = Literal["title", "when", "place", "about"]
Outcome = Literal["redrafted", "moved", "cancelled", "out"]
OUT = (PostStatus.PUBLISHING, PostStatus.SCHEDULED, PostStatus.PUBLISHED)


@dataclass(frozen=True)
class Replanned:
    """What became of one of the event's posts: drafted anew, moved (to `post.publish_at`),
    cancelled, or already out (on the wall or on its way) and left as it is."""

    post: MediaPost
    outcome: Outcome
    own_text: bool = False  # a curator's text, kept as it is: to be checked


async def ahead(session: AsyncSession, now: datetime) -> list[MediaEvent]:
    """The events still ahead (not cancelled), soonest first."""
    found = await session.execute(
        select(MediaEvent)
        .where(MediaEvent.starts_at > now, MediaEvent.cancelled_at.is_(None))
        .order_by(MediaEvent.starts_at)
    )
    return list(found.scalars())


async def event_of(session: AsyncSession, event_id: int) -> MediaEvent:
    """The event, unless cancelled; else a stale button."""
    event = await session.get(MediaEvent, event_id)
    if event is None or event.cancelled_at is not None:
        raise StaleButton()
    return event


async def _posts(session: AsyncSession, event_id: int) -> list[MediaPost]:
    query = select(MediaPost).where(MediaPost.event_id == event_id).order_by(MediaPost.id)
    return list((await session.execute(query)).scalars())


async def _edited(session: AsyncSession, post_id: int) -> bool:
    """Whether a curator put their own text (or words) in the post."""
    found = await session.execute(
        select(MediaPostChange.id).where(
            MediaPostChange.post_id == post_id, MediaPostChange.action == "edited"
        )
    )
    return found.first() is not None


def _time(post: MediaPost, event: MediaEvent, now: datetime) -> datetime:
    if post.kind == PostKind.PRESS_RELEASE:
        return max(now, event.starts_at - LATEST_PRESS)
    return max(now, event.starts_at + POST_RELEASE_BY)


def _text(post: MediaPost, event: MediaEvent, plan: Plan) -> str:
    if post.kind == PostKind.PRESS_RELEASE:
        return posts.render(PostKind.PRESS_RELEASE, plan.locale, **event_params(event, plan))
    return post_release_text(event, plan)


async def change(
    session: AsyncSession, event_id: int, by: int, field: Field, value: str | datetime,
    now: datetime, plan: Plan,
) -> list[Replanned]:  # fmt: skip
    """One of the event's facts changed (a date must lie ahead); its posts not yet out are
    drafted anew (unless a curator wrote their text) and moved with it, to approve again."""
    event = await event_of(session, event_id)
    if field == "when":
        assert isinstance(value, datetime)
        if value <= now:
            raise Refusal("media-time-past")
        event.starts_at = value
    else:
        limit = mediaplan.MAX_WORDS if field == "about" else mediaplan.MAX_TITLE
        text = mediaplan.clean(str(value), limit)
        if field == "title":
            event.title = text
        elif field == "place":
            event.place = text
        else:
            event.description = text
    log.info("media event %s: %s changed by person %s", event.id, field, by)
    done = []
    for post in await _posts(session, event.id):
        if post.status in mediaplan.EDITABLE:
            own = await _edited(session, post.id)
            if not own:
                post.text = _text(post, event, plan)
            moved = field == "when" and post.publish_at != _time(post, event, now)
            post.publish_at = _time(post, event, now)
            post.status = PostStatus.DRAFT
            await mediaplan.log(session, post, "event-changed", by, now, field)
            done.append(Replanned(post, "moved" if moved else "redrafted", own))
        elif post.status in OUT:
            done.append(Replanned(post, "out"))
    return done


async def cancel(session: AsyncSession, event_id: int, by: int, now: datetime) -> list[Replanned]:
    """The event will not take place: its posts not yet out are cancelled; none are drafted
    for it any more."""
    event = await event_of(session, event_id)
    event.cancelled_at = now
    log.info("media event %s: cancelled by person %s", event.id, by)
    done = []
    for post in await _posts(session, event.id):
        if post.status in mediaplan.EDITABLE:
            post.status = PostStatus.CANCELLED
            await mediaplan.log(session, post, "event-cancelled", by, now)
            done.append(Replanned(post, "cancelled"))
        elif post.status in OUT:
            done.append(Replanned(post, "out"))
    return done
