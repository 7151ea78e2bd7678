"""An event of the media plan changed or cancelled: a new date moves its press release (and, a
bot draft, drafts it anew) to approve again, a date past is refused and changes nothing, and a
cancelled event's posts not yet out are cancelled while a published one stays; nothing more is
drafted for it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core.models import MediaEvent, MediaPostChange
from bot.core.refusal import Refusal
from bot.core.services import mediaplan, mediaplan_events
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_media_plan_schedule import PLAN, all_posts, curator, event, tick


async def test_a_new_date_moves_the_press_release_and_drafts_it_anew(
    db: Database, clock: FakeClock
) -> None:
    curator_id = await curator(db, clock)
    event_id = await event(db, clock, 4, "День наставника")
    await tick(db, clock)
    [press] = await all_posts(db)
    async with db.transaction() as session:
        await mediaplan.approve(session, press.id, curator_id, clock())
    later = clock() + timedelta(days=5)
    async with db.transaction() as session:
        with pytest.raises(Refusal):  # a date past: refused
            await mediaplan_events.change(
                session, event_id, curator_id, "when", clock() - timedelta(hours=1), clock(), PLAN
            )
    async with db.transaction() as session:
        [done] = await mediaplan_events.change(
            session, event_id, curator_id, "when", later, clock(), PLAN
        )
        assert done.outcome == "moved" and not done.own_text
        await mediaplan_events.change(
            session, event_id, curator_id, "place", "Библиотека", clock(), PLAN
        )
    [press] = await all_posts(db)
    assert (press.status, press.publish_at) == ("draft", later - timedelta(days=3))
    assert "Библиотека" in press.text and "Актовый зал" not in press.text
    async with db.transaction() as session:
        found = await session.get(MediaEvent, event_id)
        assert found is not None and found.starts_at == later
        actions = await session.execute(
            select(MediaPostChange.action, MediaPostChange.detail).where(
                MediaPostChange.post_id == press.id
            )
        )
        assert ("event-changed", "when") in actions.all()


async def test_cancelling_an_event_cancels_its_posts_not_out_and_keeps_a_published_one(
    db: Database, clock: FakeClock
) -> None:
    curator_id = await curator(db, clock)
    event_id = await event(db, clock, 4)
    await tick(db, clock)
    [press] = await all_posts(db)
    async with db.transaction() as session:  # the press release is out already
        await mediaplan.approve(session, press.id, curator_id, clock())
    clock.now = press.publish_at - mediaplan.AHEAD
    await tick(db, clock)
    async with db.transaction() as session:
        await mediaplan.on_wall(session, press.id, 7, press.publish_at)
    other = await event(db, clock, 3, "Фестиваль")
    await tick(db, clock)
    async with db.transaction() as session:
        [out] = await mediaplan_events.cancel(session, event_id, curator_id, clock())
        assert (out.post.id, out.outcome) == (press.id, "out")
        [void] = await mediaplan_events.cancel(session, other, curator_id, clock())
        assert void.outcome == "cancelled"
    clock.advance(days=4)
    await tick(db, clock)  # after the events: no post-release asked for either
    statuses = [(p.kind, p.status) for p in await all_posts(db) if p.kind != "digest"]
    assert statuses == [("press-release", "published"), ("press-release", "cancelled")]
