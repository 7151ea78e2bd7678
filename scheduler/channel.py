"""The media plan's posts copied to the Telegram channel (`TELEGRAM_CHANNEL_ID`) through the
Telegram adapter, once each: claimed, sent, then recorded. A crash after Telegram took a post and
before it was recorded posts it again once its claim lapses (Telegram has no idempotency key):
at most one duplicate per crash, within that window."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from aiohttp import ClientError

from bot.core.conversation import File
from bot.core.models import MediaPost
from bot.core.services import mediaplan, mediaplan_channel
from bot.db import Database
from bot.platforms.base import DeliveryRefused, RecipientUnavailable, RetryLater

log = logging.getLogger(__name__)


@runtime_checkable
class ChannelPoster(Protocol):
    """What posts to a channel: the Telegram adapter."""

    async def post_to_channel(self, channel: str, text: str, photos: Sequence[File]) -> int:
        """Post; the first message's id."""
        ...


class ChannelJob:
    """Sends the posts due in `channel`; `poster` gives the running Telegram adapter, if any."""

    def __init__(
        self, db: Database, channel: str, poster: Callable[[], ChannelPoster | None],
        clock: Callable[[], datetime],
    ) -> None:  # fmt: skip
        self.db, self.channel, self.poster, self.clock = db, channel, poster, clock

    async def run_once(self) -> int:
        """Claim and send what is due; posts claimed."""
        poster = self.poster()
        if poster is None:  # Telegram is not running (yet)
            return 0
        async with self.db.transaction() as session:
            claimed = await mediaplan_channel.claim(session, self.clock())
        for post_id in claimed:
            await self._post(poster, post_id)
        return len(claimed)

    async def _post(self, poster: ChannelPoster, post_id: int) -> None:
        async with self.db.transaction() as session:
            post = await session.get(MediaPost, post_id)
            assert post is not None
            text = post.text
            photos = [
                File(p.name, p.content, p.mime) for p in await mediaplan.photos(session, post_id)
            ]
        try:
            message_id = await poster.post_to_channel(self.channel, text, photos)
        except RetryLater as exc:
            log.warning("channel post %s: %s; to be tried again", post_id, exc)
            async with self.db.transaction() as session:
                await mediaplan_channel.later(session, post_id, exc.after, self.clock())
            return
        except (ClientError, TimeoutError):  # its claim lapses and it is tried again
            log.warning("channel post %s: Telegram could not be reached", post_id, exc_info=True)
            return
        except (RecipientUnavailable, DeliveryRefused) as exc:
            reason = (
                mediaplan_channel.NOT_ADMIN if isinstance(exc, RecipientUnavailable) else str(exc)
            )
            async with self.db.transaction() as session:
                await mediaplan_channel.failed(session, post_id, reason, self.clock())
            return
        async with self.db.transaction() as session:
            await mediaplan_channel.sent(session, post_id, message_id, self.clock())
