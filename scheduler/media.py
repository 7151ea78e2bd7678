"""The media plan's tick: drafts and alerts fall due, approved posts go to the VK wall (or,
with no user token, to the curators to publish by hand), and those out go to the Telegram
channel when one is set."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from aiohttp import ClientError

from bot.core.models import MediaPost
from bot.core.services import mediaplan, mediaplan_schedule
from bot.core.services.mediaplan_schedule import Plan
from bot.db import Database
from bot.platforms.vk_wall import SLOT_TAKEN, TRANSIENT, Photo, Wall, WallRefused
from scheduler.channel import ChannelJob

log = logging.getLogger(__name__)


def guid(post_id: int) -> str:
    """The wall.post guid of a post row: the same on every try."""
    return f"nastavnik-post-{post_id}"


class MediaPlanJob:
    """Runs the plan's pass and publishes what it claimed; `wall` None: no user token;
    `channel` None: no Telegram channel."""

    def __init__(
        self, db: Database, plan: Plan, wall: Wall | None, clock: Callable[[], datetime],
        wake: Callable[[], None], channel: ChannelJob | None = None,
    ) -> None:  # fmt: skip
        self.db, self.plan, self.wall, self.clock, self.wake = db, plan, wall, clock, wake
        self.channel = channel

    async def run_once(self) -> int:
        """Everything due now: drafts, digest, alerts, then publishing (the wall, then the
        channel); posts claimed for the wall."""
        async with self.db.transaction() as session:
            await mediaplan_schedule.run(session, self.clock(), self.plan)
            claimed = await mediaplan.claim_due(session, self.clock())
        for post_id in claimed:
            await self._publish(post_id)
        if self.channel is not None:
            await self.channel.run_once()
        self.wake()
        return len(claimed)

    async def _publish(self, post_id: int) -> None:
        async with self.db.transaction() as session:
            post = await session.get(MediaPost, post_id)
            assert post is not None
            text, at = post.text, post.publish_at
            photos = [Photo(p.name, p.content) for p in await mediaplan.photos(session, post_id)]
            if self.wall is None:
                await mediaplan.by_hand(session, post_id, self.clock())
                return
        now = self.clock()
        try:
            wall_id = await self.wall.post(text, photos, guid(post_id), at if at > now else None)
        except WallRefused as refused:
            if refused.code in TRANSIENT:  # its claim lapses and it is tried again (same guid)
                log.warning("media post %s: %s; to be tried again", post_id, refused)
                return
            async with self.db.transaction() as session:
                if refused.code == SLOT_TAKEN:
                    await mediaplan.slot_taken(session, post_id, self.clock())
                else:
                    await mediaplan.failed(session, post_id, str(refused), self.clock())
            return
        except (ClientError, TimeoutError):  # its claim lapses and it is tried again (same guid)
            log.warning("media post %s: the wall could not be reached", post_id, exc_info=True)
            return
        async with self.db.transaction() as session:
            await mediaplan.on_wall(session, post_id, wall_id, self.clock())
