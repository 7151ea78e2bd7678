"""Publishing the media plan against the fake VK: a post VK refuses for good is *not published*
with VK's reason and the curators hear it; without a user token the finished post and its photos
come to the curators, saying why; the wall takes the group's own token for no post."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select

import handlers  # noqa: F401  (registers the notification renderers)
from bot.core import texts
from bot.core.models import MediaPost, Notification, Person, PostKind
from bot.core.refusal import Refusal
from bot.core.services import mediaplan
from bot.core.services.mediaplan_schedule import Plan
from bot.db import Database
from bot.platforms.vk_wall import Wall
from handlers import notifications
from scheduler.media import MediaPlanJob
from tests.fakes.clock import FakeClock
from tests.fakes.vk import FakeVK
from tests.unit.test_media_plan_schedule import PLAN, curator

PHOTO = b"\x89PNG\r\n\x1a\n" + b"album" * 30


@pytest.fixture
async def vk() -> AsyncIterator[FakeVK]:
    fake = FakeVK()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


async def approved_album(db: Database, clock: FakeClock) -> int:
    """A curator's approved photo album with one photo, due in half an hour; its id."""
    curator_id = await curator(db, clock)
    async with db.transaction() as session:
        when = clock() + timedelta(minutes=30)
        post = await mediaplan.add_item(
            session, curator_id, PostKind.ALBUM, "Экскурсия в музей", when, clock()
        )
        await mediaplan.add_photo(
            session, post.id, curator_id, "museum.png", "image/png", PHOTO, clock()
        )
        await mediaplan.approve(session, post.id, curator_id, clock())
        return post.id


async def notices(db: Database) -> list[list[str]]:
    """Each media-plan notice as its curator would read it: texts and file names."""
    async with db.transaction() as session:
        rows = await session.execute(
            select(Notification).where(Notification.purpose.like("media-%"))
        )
        shown = []
        for row in rows.scalars():
            person = await session.get(Person, row.person_id)
            assert person is not None
            replies = await notifications.render(session, row, person) or []
            shown.append([texts.plain(r.text) + (r.file.name if r.file else "") for r in replies])
        return shown


def job(db: Database, clock: FakeClock, wall: Wall | None, plan: Plan = PLAN) -> MediaPlanJob:
    return MediaPlanJob(db, plan, wall, clock, lambda: None)


async def test_a_post_vk_refuses_is_not_published_with_the_reason(
    db: Database, clock: FakeClock, vk: FakeVK
) -> None:
    post_id = await approved_album(db, clock)
    group_token = Wall(vk.token, vk.group_id, f"{vk.base_url}/method/")
    assert await job(db, clock, group_token).run_once() == 1
    assert vk.wall_posts == []
    async with db.transaction() as session:
        post = await session.get(MediaPost, post_id)
        assert post is not None and post.status == "failed"
        assert post.failure is not None and "VK error 27" in post.failure
    [[notice]] = [n for n in await notices(db) if "не опубликован" in n[0]]
    assert "Фотоальбом" in notice and "VK error 27" in notice


async def test_without_a_user_token_the_curators_get_the_post_and_its_photos(
    db: Database, clock: FakeClock, vk: FakeVK
) -> None:
    post_id = await approved_album(db, clock)
    assert await job(db, clock, None).run_once() == 1
    assert vk.calls == []
    async with db.transaction() as session:
        post = await session.get(MediaPost, post_id)
        assert post is not None and (post.status, post.failure) == ("failed", "no-user-token")
    [by_hand] = [n for n in await notices(db) if "VK_USER_TOKEN" in n[0]]
    assert "Экскурсия в музей" in by_hand[0]
    assert by_hand[1] == "Фото к постуmuseum.png"
    assert "нажмите «Опубликовано»" in by_hand[2]  # the way to say it is out
    user_token = Wall(vk.user_token, vk.group_id, f"{vk.base_url}/method/")
    assert await job(db, clock, user_token).run_once() == 0  # handed over: not posted later
    assert vk.wall_posts == []


@pytest.mark.parametrize("marked", [True, False])
async def test_a_post_published_by_hand_counts_for_the_weekly_guarantee(
    db: Database, clock: FakeClock, marked: bool
) -> None:
    post_id = await approved_album(db, clock)
    assert await job(db, clock, None).run_once() == 1  # handed over; the week starts now
    clock.advance(minutes=10)
    if marked:
        async with db.transaction() as session:
            curator_id = await session.scalar(select(Person.id))
            assert curator_id is not None
            post = await mediaplan.done_by_hand(session, post_id, curator_id, clock())
            assert (post.status, post.published_at) == ("published", clock())
    clock.advance(days=6, minutes=-5)  # the first week's alert is due, the next is not yet
    await job(db, clock, None).run_once()
    async with db.transaction() as session:
        due = await session.execute(
            select(Notification).where(
                Notification.purpose == "media-quiet", Notification.due_at <= clock()
            )
        )
        alerts = []
        for row in due.scalars():
            person = await session.get(Person, row.person_id)
            assert person is not None
            alerts += await notifications.render(session, row, person) or []
    assert bool(alerts) is not marked


async def test_a_photo_album_without_photos_is_not_approved(db: Database, clock: FakeClock) -> None:
    """An empty album is refused with the way to fill it, and stays a draft; with a photo it
    is approved."""
    curator_id = await curator(db, clock)
    async with db.transaction() as session:
        when = clock() + timedelta(days=1)
        post = await mediaplan.add_item(
            session, curator_id, PostKind.ALBUM, "Осенняя смена", when, clock()
        )
        post_id = post.id
    with pytest.raises(Refusal) as refused:
        async with db.transaction() as session:
            await mediaplan.approve(session, post_id, curator_id, clock())
    assert refused.value.key == "media-album-empty"
    async with db.transaction() as session:
        assert (await session.get(MediaPost, post_id)).status == "draft"  # type: ignore[union-attr]
        await mediaplan.add_photo(
            session, post_id, curator_id, "a.png", "image/png", PHOTO, clock()
        )
        assert (await mediaplan.approve(session, post_id, curator_id, clock())).status == "approved"
