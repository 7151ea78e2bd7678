"""The media plan by itself, with a hand-moved clock: the press release `PRESS_RELEASE_DAYS`
before an event, the ask for photos after it, the weekly digest at its day and time, the alert
before a week without a post, a post's way from draft to the wall, and the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from jinja2.exceptions import SecurityError
from sqlalchemy import select

from bot.config import Settings
from bot.core import posts
from bot.core.models import (
    MediaEvent,
    MediaPost,
    MediaPostChange,
    Notification,
    Person,
    PersonRole,
    PersonStatus,
    PostKind,
    PostStatus,
    Role,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import mediaplan, mediaplan_schedule
from bot.core.services.mediaplan_schedule import Plan, plan_of
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_settings_take_effect import changed

PLAN = Plan(4, 1, time(10, 0), "Europe/Moscow", "ru")
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # a Tuesday, 12:00 in Moscow


async def curator(db: Database, clock: FakeClock) -> int:
    """A registered curator (the install's first person); their id."""
    async with db.transaction() as session:
        person = Person(
            name="Куратор", locale="ru", timezone="Europe/Moscow",
            status=PersonStatus.ACTIVE, created_at=clock(),
        )  # fmt: skip
        person.roles.append(PersonRole(role=Role.CURATOR))
        session.add(person)
        await session.flush()
        return person.id


async def event(db: Database, clock: FakeClock, days: float, title: str = "Встреча") -> int:
    async with db.transaction() as session:
        found = await mediaplan.add_event(
            session, None, title, clock() + timedelta(days=days), "Актовый зал",  # type: ignore[arg-type]
            "Разговор о профессиях", clock(),
        )  # fmt: skip
        return found.id


async def tick(db: Database, clock: FakeClock, plan: Plan = PLAN) -> list[int]:
    """One pass of the plan; the posts it claimed for the wall."""
    async with db.transaction() as session:
        await mediaplan_schedule.run(session, clock(), plan)
        return await mediaplan.claim_due(session, clock())


async def all_posts(db: Database, kind: str | None = None) -> list[MediaPost]:
    async with db.transaction() as session:
        query = select(MediaPost).order_by(MediaPost.id)
        if kind is not None:
            query = query.where(MediaPost.kind == kind)
        return list((await session.execute(query)).scalars())


async def purposes(db: Database) -> list[str]:
    async with db.transaction() as session:
        rows = await session.execute(select(Notification.purpose).order_by(Notification.id))
        return list(rows.scalars())


@pytest.mark.parametrize("days", [4, 5])
async def test_the_press_release_is_drafted_press_release_days_ahead_and_waits_for_approval(
    db: Database, clock: FakeClock, settings: Settings, days: int
) -> None:
    plan = plan_of(changed(settings, PRESS_RELEASE_DAYS=days))
    curator_id = await curator(db, clock)
    event_id = await event(db, clock, 10, "День наставника")
    clock.advance(days=10 - days - 0.1)
    await tick(db, clock, plan)
    assert await all_posts(db, "press-release") == []

    clock.advance(days=0.2)
    await tick(db, clock, plan)
    await tick(db, clock, plan)  # a draft does not go to the wall; drafted once
    [post] = await all_posts(db, "press-release")
    assert (post.kind, post.status, post.event_id) == ("press-release", "draft", event_id)
    assert "День наставника" in post.text and "Актовый зал" in post.text
    assert post.publish_at == START + timedelta(days=7)  # three days before the event
    assert (await purposes(db)).count("media-draft") == 1

    async with db.transaction() as session:
        await mediaplan.approve(session, post.id, curator_id, clock())
    assert post.id not in await tick(db, clock, plan)  # approved; its time is not near yet
    clock.now = post.publish_at - mediaplan.AHEAD
    assert post.id in await tick(db, clock, plan)
    assert post.id not in await tick(db, clock, plan)  # claimed once


async def test_after_the_event_the_curator_is_asked_for_photos_and_a_post_release_is_drafted(
    db: Database, clock: FakeClock
) -> None:
    await curator(db, clock)
    await event(db, clock, 1, "Фестиваль")
    await tick(db, clock)
    clock.advance(days=1, hours=2)
    await tick(db, clock)
    assert [p.kind for p in await all_posts(db)] == ["press-release"]
    clock.advance(hours=1)
    await tick(db, clock)
    release = (await all_posts(db))[-1]
    assert (release.kind, release.status) == ("post-release", "draft")
    assert release.publish_at == START + timedelta(days=2)  # within a day of the event
    assert "Как прошло: Фестиваль" in release.text
    assert (await purposes(db))[-1] == "media-photos-wanted"


@pytest.mark.parametrize(
    ("env", "due"),
    [
        ({}, datetime(2026, 11, 30, 7, 0, tzinfo=UTC)),  # Monday 10:00 MSK
        ({"DIGEST_WEEKDAY": 3, "DIGEST_TIME": "18:30"}, datetime(2026, 11, 25, 15, 30, tzinfo=UTC)),
        ({"DEFAULT_TIMEZONE": "Asia/Yekaterinburg"}, datetime(2026, 11, 30, 5, 0, tzinfo=UTC)),
    ],
)
async def test_the_weekly_digest_is_due_at_its_day_and_time_and_reads_well_in_a_quiet_week(
    db: Database, clock: FakeClock, settings: Settings, env: dict[str, Any], due: datetime
) -> None:
    plan = plan_of(changed(settings, **env))
    await curator(db, clock)
    clock.now = due - timedelta(days=1, minutes=1)
    await tick(db, clock, plan)
    assert await all_posts(db) == []
    clock.advance(minutes=1)
    await tick(db, clock, plan)
    [digest] = await all_posts(db)
    assert (digest.kind, digest.status, digest.publish_at) == ("digest", "approved", due)
    assert "Неделя прошла спокойно" in digest.text and "наставников — 0" in digest.text
    assert "media-digest" in await purposes(db)
    clock.now = due
    assert await tick(db, clock, plan) == [digest.id]  # needs no approval
    assert len(await all_posts(db)) == 1  # one digest a week


async def test_the_digest_lists_the_week_s_events_and_those_ahead(
    db: Database, clock: FakeClock
) -> None:
    await curator(db, clock)
    await event(db, clock, 1, "Мастер-класс")
    await event(db, clock, 8, "Экскурсия")
    clock.now = datetime(2026, 11, 29, 7, 0, tzinfo=UTC)
    await tick(db, clock)
    [digest] = [p for p in await all_posts(db) if p.kind == "digest"]
    assert "На прошедшей неделе:\n• Мастер-класс" in digest.text
    assert "Скоро:\n• Экскурсия" in digest.text
    assert "спокойно" not in digest.text


async def quiet_rows(db: Database) -> list[datetime]:
    async with db.transaction() as session:
        rows = await session.execute(
            select(Notification.due_at).where(Notification.purpose == "media-quiet")
        )
        return list(rows.scalars())


async def test_a_week_without_a_post_alerts_the_curator_a_day_ahead_even_on_a_fresh_install(
    db: Database, clock: FakeClock
) -> None:
    curator_id = await curator(db, clock)
    await tick(db, clock)  # the plan's first pass on a fresh install
    await tick(db, clock)
    assert await quiet_rows(db) == [START + timedelta(days=6)]  # a day before the week is out
    clock.now = datetime(2026, 11, 29, 7, 0, tzinfo=UTC)
    await tick(db, clock)
    [digest] = await all_posts(db)  # approved, due on Monday: the week will not be quiet
    async with db.transaction() as session:
        assert not await mediaplan_schedule.still_quiet(session, START)
        await mediaplan.hold(session, digest.id, curator_id, clock())
        assert await mediaplan_schedule.still_quiet(session, START)  # held: quiet again
        await mediaplan.approve(session, digest.id, curator_id, clock())
    clock.now = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    assert await tick(db, clock) == [digest.id]
    async with db.transaction() as session:
        await mediaplan.on_wall(session, digest.id, 5, clock())
    await tick(db, clock)  # published: the next alert is due six days after it
    assert await quiet_rows(db) == [START + timedelta(days=6), clock() + timedelta(days=6)]


async def test_a_post_moves_draft_approved_scheduled_published_and_every_change_is_logged(
    db: Database, clock: FakeClock
) -> None:
    curator_id = await curator(db, clock)
    await event(db, clock, 4)
    await tick(db, clock)
    [post] = await all_posts(db)
    async with db.transaction() as session:
        await mediaplan.approve(session, post.id, curator_id, clock())
        await mediaplan.edit(session, post.id, curator_id, "Свой текст", clock())
        assert post.id in [p.id for p in await mediaplan_schedule_drafts(session)]
        with pytest.raises(Refusal):
            await mediaplan.reschedule(session, post.id, curator_id, clock(), clock())
        await mediaplan.reschedule(
            session, post.id, curator_id, clock() + timedelta(days=2), clock()
        )
        await mediaplan.approve(session, post.id, curator_id, clock())
    clock.advance(days=2)
    assert await tick(db, clock) == [post.id]
    async with db.transaction() as session:
        await mediaplan.on_wall(session, post.id, 17, clock() - timedelta(hours=1))
        with pytest.raises(StaleButton):  # on the wall: not to be changed in chat
            await mediaplan.cancel(session, post.id, curator_id, clock())
    async with db.transaction() as session:
        await mediaplan.went_live(session, clock())
        changes = await session.execute(
            select(MediaPostChange.action, MediaPostChange.status)
            .where(MediaPostChange.post_id == post.id)
            .order_by(MediaPostChange.id)
        )
        assert changes.all() == [
            ("drafted", "draft"), ("approved", "approved"), ("edited", "draft"),
            ("moved", "draft"), ("approved", "approved"), ("scheduled", "scheduled"),
            ("published", "published"),
        ]  # fmt: skip
        refreshed = await session.get(MediaPost, post.id)
        assert refreshed is not None and refreshed.text == "Свой текст"


async def mediaplan_schedule_drafts(session: object) -> list[MediaPost]:
    rows = await session.execute(  # type: ignore[attr-defined]
        select(MediaPost).where(MediaPost.status == PostStatus.DRAFT)
    )
    return list(rows.scalars())


async def test_curator_words_are_data_and_the_templates_are_sandboxed(clock: FakeClock) -> None:
    words = "{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %} {{ config }}"
    found = MediaEvent(
        title="{{ title }}", starts_at=clock(), place="", description="", created_at=clock()
    )
    text = mediaplan_schedule.post_release_text(found, PLAN, words)
    assert words in text and "49" not in text and "Как прошло: {{ title }}" in text
    env = posts._env()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()


async def test_the_curator_s_own_longread_must_be_over_2000_characters(
    db: Database, clock: FakeClock
) -> None:
    curator_id = await curator(db, clock)
    tomorrow = clock() + timedelta(days=1)
    with pytest.raises(Refusal) as short:
        async with db.transaction() as session:
            await mediaplan.add_item(
                session, curator_id, PostKind.LONGREAD, "а" * 2000, tomorrow, clock()
            )
    assert short.value.key == "media-longread-short"
    assert await all_posts(db) == []  # refused whole
    async with db.transaction() as session:
        post = await mediaplan.add_item(
            session, curator_id, PostKind.LONGREAD, "а" * 2001, tomorrow, clock()
        )
        album = await mediaplan.add_item(
            session, curator_id, PostKind.ALBUM, "Фото с экскурсии", tomorrow, clock()
        )
    assert (post.status, post.occasion, album.occasion) == (
        "draft",
        f"item:{post.id}",
        f"item:{album.id}",
    )
