"""The Telegram channel copy against the fake Bot API, with a hand-moved clock: Telegram's 429
holds the post for the wait it asks (no failure, no notice) and it goes once afterwards; a claim
left behind by a crash is taken up again once it lapses, and the post goes once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.core.models import MediaPost, Notification
from bot.core.services import mediaplan, mediaplan_channel
from bot.db import Database
from bot.platforms.telegram import TelegramPlatform
from scheduler.channel import ChannelJob
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.telegram_channel import CHANNEL
from tests.unit.test_media_plan_publishing import approved_album, job


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


async def no_answer(_: object) -> list[object]:
    return []


async def send(db: Database, clock: FakeClock, tg: FakeTelegram) -> int:
    """One channel pass with a fresh adapter (as after a restart); posts claimed."""
    adapter = TelegramPlatform(tg.token, tg.base_url, no_answer)  # type: ignore[arg-type]
    try:
        return await ChannelJob(db, CHANNEL, lambda: adapter, clock).run_once()
    finally:
        await adapter.close()


async def published_album(db: Database, clock: FakeClock) -> int:
    """An approved album, out on the wall (no user token: handed over, its time come)."""
    post_id = await approved_album(db, clock)
    await job(db, clock, None).run_once()
    clock.advance(minutes=30)
    return post_id


async def test_a_429_holds_the_post_for_the_wait_asked_then_it_goes_once(
    db: Database, clock: FakeClock, tg: FakeTelegram
) -> None:
    post_id = await published_album(db, clock)
    tg.fail_next("sendPhoto", 429, retry_after=60)
    assert await send(db, clock, tg) == 1
    assert tg.channel.posts == []
    clock.advance(seconds=30)
    assert await send(db, clock, tg) == 0  # still waiting
    clock.advance(seconds=31)
    assert await send(db, clock, tg) == 1
    assert await send(db, clock, tg) == 0
    [post] = tg.channel.posts
    assert (post.method, post.text) == ("sendphoto", "Экскурсия в музей")
    async with db.transaction() as session:
        row = await session.get(MediaPost, post_id)
        assert row is not None and (row.channel_status, row.channel_failure) == ("sent", None)
        told = await session.execute(
            select(Notification).where(Notification.purpose == "media-channel-failed")
        )
        assert told.first() is None


async def test_a_claim_left_by_a_crash_is_taken_up_once_it_lapses(
    db: Database, clock: FakeClock, tg: FakeTelegram
) -> None:
    await published_album(db, clock)
    async with db.transaction() as session:  # claimed, then the bot stopped before sending
        assert len(await mediaplan_channel.claim(session, clock())) == 1
    assert await send(db, clock, tg) == 0
    clock.advance(minutes=mediaplan.LEASE.total_seconds() / 60 + 1)
    assert await send(db, clock, tg) == 1
    clock.advance(minutes=10)
    assert await send(db, clock, tg) == 0
    assert len(tg.channel.posts) == 1
