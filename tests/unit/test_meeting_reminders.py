"""Meeting reminders and the mentor's question after a meeting, sent by the real dispatcher as
the clock moves: at the right local times, the day-ahead one waiting out the night, none after
the start, the question asked once more the next day and kept in /pending."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import Meeting, Person
from bot.core.services import meetings
from bot.core.services.meetings import Details
from bot.db import Database
from handlers import build_router, notifications
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_flows import joined
from tests.unit.test_programme_edge_cases import Setup, programme, programme_setup


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def confirmed(db: Database, setup: Setup, start: datetime, now: datetime) -> int:
    """A meeting of the pair at `start`, proposed by the mentor and confirmed by the mentee."""
    prog = await programme(db, setup.programme_id)
    async with db.transaction() as session:
        mentor = await session.get(Person, prog.mentor_id)
        assert mentor is not None
        meeting = await meetings.propose(session, prog, mentor, Details(start), now)
        (_, mentee), *_ = [
            (part, p)
            for part, p in await meetings.participants(session, meeting.id)
            if p.id != mentor.id
        ]
        await meetings.confirm(session, meeting, mentee, now)
        return meeting.id


class Sent:
    """Runs the dispatcher at moments of the clock; what each console user received."""

    def __init__(self, db: Database, clock: FakeClock) -> None:
        self.platform = RecordingPlatform()
        self.dispatcher = Dispatcher(db, {"console": self.platform}, notifications.render, clock)
        self.clock = clock

    async def at(self, moment: datetime) -> None:
        self.clock.now = moment
        await self.dispatcher.run_once()

    def new(self, user: str) -> list[str]:
        texts = self.platform.to(user)
        self.platform.sent = [(who, t) for who, t in self.platform.sent if who != user]
        return texts


async def test_reminders_come_a_day_and_an_hour_before_on_the_local_clock(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    start = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday 18:00 in Moscow
    await confirmed(db, setup, start, clock.now)
    sent = Sent(db, clock)
    await sent.at(clock.now)
    assert any("Встреча подтверждена" in t for t in sent.new("3"))
    sent.new("2")
    await sent.at(start - timedelta(hours=24, minutes=1))
    assert sent.new("3") == []
    await sent.at(start - timedelta(hours=24))  # Thursday 18:00 in Moscow
    (day_before,) = sent.new("3")
    assert "встреча через 24 часа" in day_before and "пт, 27 ноября, 18:00" in day_before
    assert len(sent.new("2")) == 1
    await sent.at(start - timedelta(hours=1))
    assert ["через 1 час" in t for t in sent.new("2")] == [True]


async def test_the_day_ahead_reminder_waits_for_morning_the_hour_one_does_not(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    start = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)  # Friday 07:30 in Moscow
    await confirmed(db, setup, start, clock.now)
    sent = Sent(db, clock)
    await sent.at(clock.now)
    sent.new("3")
    await sent.at(start - timedelta(hours=24))  # 07:30 Thursday: quiet until 08:00
    assert sent.new("3") == []
    await sent.at(start - timedelta(hours=23, minutes=30))  # 08:00 Thursday
    assert ["через 24 часа" in t for t in sent.new("3")] == [True]
    await sent.at(start - timedelta(hours=1))  # 06:30 Friday: the hour one goes at night
    assert ["через 1 час" in t for t in sent.new("3")] == [True]


async def test_a_reminder_past_the_start_is_dropped(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    start = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    await confirmed(db, setup, start, clock.now)
    sent = Sent(db, clock)
    await sent.at(clock.now)
    sent.new("3")
    await sent.at(start + timedelta(minutes=5))  # the bot was down over both moments
    assert not any("Напоминание" in t for t in sent.new("3"))


async def test_the_mentor_is_asked_after_the_end_and_once_more_next_day(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    start = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # 15:00 in Moscow, an hour long
    meeting_id = await confirmed(db, setup, start, clock.now)
    sent = Sent(db, clock)
    await sent.at(start + timedelta(minutes=59))
    assert not any("Встреча состоялась?" in t for t in sent.new("2"))
    await sent.at(start + timedelta(hours=1))
    assert sum("Встреча состоялась?" in t for t in sent.new("2")) == 1
    assert not any("состоялась?" in t for t in sent.new("3"))  # only the mentor is asked
    await sent.at(start + timedelta(days=1, hours=1))
    assert sum("Встреча состоялась?" in t for t in sent.new("2")) == 1
    clock.now = start + timedelta(days=2)
    assert "Встреча состоялась?" in joined(await setup.mentor.send("/pending"))
    replies = await setup.mentor.press(f"meet-outcome:held:{meeting_id}")
    assert "Кто был на встрече?" in joined(replies)
    await setup.mentor.press(f"meet-came:{meeting_id}:{await mentee_id(db, meeting_id)}")
    assert "присутствовали: 1" in joined(await setup.mentor.press(f"meet-came:{meeting_id}:0"))
    async with db.transaction() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.held_at == start + timedelta(days=2)
    assert "Встреча состоялась?" not in joined(await setup.mentor.send("/pending"))


async def mentee_id(db: Database, meeting_id: int) -> int:
    async with db.transaction() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        people = await meetings.participants(session, meeting_id)
        return next(p.id for part, p in people if part.person_id != people[0][1].id)


async def test_after_downtime_the_mentor_is_asked_once_not_twice(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    start = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    await confirmed(db, setup, start, clock.now)
    sent = Sent(db, clock)
    await sent.at(start + timedelta(days=2))  # the bot was down past both moments
    assert sum("Встреча состоялась?" in t for t in sent.new("2")) == 1
