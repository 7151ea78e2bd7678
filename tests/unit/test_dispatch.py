"""The dispatcher: due outbox rows reach the right chat once, and failures are recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.core import outbox, texts
from bot.core.conversation import Reply
from bot.core.models import Account, Notification, NotificationStatus, Person, Subject
from bot.db import Database
from bot.platforms.base import DeliveryRefused, RecipientUnavailable, RetryLater
from handlers import notifications
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform

TEMPLATE = "notify-parent-consented"


async def add_person(
    db: Database,
    accounts: Sequence[tuple[str, str, datetime]] = (),
    locale: str = "ru",
) -> int:
    """A person with the given (platform, external id, last seen) accounts."""
    async with db.transaction() as session:
        person = Person(name="Анна", locale=locale, timezone="Europe/Moscow", status="active")
        session.add(person)
        await session.flush()
        for platform, external_id, seen in accounts:
            session.add(
                Account(
                    platform=platform,
                    external_id=external_id,
                    locale=locale,
                    person_id=person.id,
                    last_seen_at=seen,
                )
            )
        return person.id


async def add_row(
    db: Database,
    person_id: int | None,
    due_at: datetime,
    key: str = "k",
    template: str = TEMPLATE,
    quiet_hours: bool = False,
) -> None:
    """An outbox row about the person, `key` its occasion."""
    async with db.transaction() as session:
        session.add(
            Notification(
                person_id=person_id,
                subject_kind=Subject.PERSON,
                subject_id=person_id or 0,
                purpose=template,
                occasion=key,
                template=template,
                params={},
                due_at=due_at,
                quiet_hours=quiet_hours,
            )
        )


async def row(db: Database, key: str = "k") -> Notification:
    async with db.transaction() as session:
        query = select(Notification).where(Notification.occasion == key)
        return (await session.execute(query)).scalar_one()


def dispatcher(db: Database, clock: FakeClock, *platforms: RecordingPlatform) -> Dispatcher:
    return Dispatcher(db, {p.name: p for p in platforms}, notifications.render, clock)


async def test_due_row_is_sent_in_the_persons_language(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)], locale="en")
    await add_row(db, pid, clock.now)

    assert await dispatcher(db, clock, tg).run_once() == 1

    assert tg.sent == [("42", [texts.t(TEMPLATE, "en")])]
    sent = await row(db)
    assert sent.status == NotificationStatus.SENT
    assert sent.sent_at == clock.now
    assert sent.attempts == 1


async def test_sent_exactly_once_when_run_twice(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now)
    d = dispatcher(db, clock, tg)

    await d.run_once()
    await d.run_once()
    clock.advance(hours=1)
    await d.run_once()

    assert len(tg.sent) == 1


async def test_sent_exactly_once_when_run_concurrently(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    for i in range(5):
        await add_row(db, pid, clock.now, key=f"k{i}")
    d = dispatcher(db, clock, tg)

    await asyncio.gather(d.run_once(), d.run_once(), d.run_once())

    assert len(tg.sent) == 5


async def test_two_instances_on_one_database_send_each_row_once(
    db: Database, db_url: str, clock: FakeClock
) -> None:
    """Two bot processes sharing the database (each with its own engine and dispatcher)."""
    tg_a, tg_b = RecordingPlatform("telegram"), RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    for i in range(10):
        await add_row(db, pid, clock.now, key=f"k{i}")
    other = Database(db_url)
    try:
        await asyncio.gather(
            dispatcher(db, clock, tg_a).run_once(), dispatcher(other, clock, tg_b).run_once()
        )
    finally:
        await other.close()
    assert len(tg_a.sent) + len(tg_b.sent) == 10
    async with db.transaction() as session:
        statuses = (await session.execute(select(Notification.status))).scalars().all()
    assert set(statuses) == {NotificationStatus.SENT}


async def test_wake_sends_soon_and_drain_waits_for_it(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now)
    d = dispatcher(db, clock, tg)
    d.wake()
    await d.drain()
    assert len(tg.sent) == 1


async def test_blocked_recipient_is_failed_and_not_retried(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform(
        "telegram", RecipientUnavailable("Forbidden: bot was blocked by the user")
    )
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now)
    d = dispatcher(db, clock, tg)

    await d.run_once()
    clock.advance(days=1)
    await d.run_once()

    failed = await row(db)
    assert failed.status == NotificationStatus.FAILED
    assert "blocked by the user" in (failed.last_error or "")
    assert failed.attempts == 1
    assert failed.locked_until is None


async def test_retry_later_puts_the_row_back_for_the_asked_delay(
    db: Database, clock: FakeClock
) -> None:
    tg = RecordingPlatform("telegram", RetryLater("Too Many Requests: retry after 25", after=25))
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now)
    d = dispatcher(db, clock, tg)

    await d.run_once()

    waiting = await row(db)
    assert waiting.status == NotificationStatus.PENDING
    assert waiting.due_at == clock.now + timedelta(seconds=25)
    assert "Too Many Requests" in (waiting.last_error or "")

    tg.error = None
    clock.advance(seconds=24)
    await d.run_once()
    assert tg.sent == []
    clock.advance(seconds=1)
    await d.run_once()
    assert len(tg.sent) == 1
    assert (await row(db)).status == NotificationStatus.SENT


async def test_unexpected_error_is_retried_with_back_off(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram", RuntimeError("connection reset"))
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now)

    await dispatcher(db, clock, tg).run_once()

    waiting = await row(db)
    assert waiting.status == NotificationStatus.PENDING
    assert waiting.due_at == clock.now + timedelta(seconds=30)
    assert "connection reset" in (waiting.last_error or "")


async def test_one_failing_row_does_not_stop_the_others(db: Database, clock: FakeClock) -> None:
    class Picky(RecordingPlatform):
        async def send(
            self, external_id: str, replies: Sequence[Reply], dedup_key: str | None = None
        ) -> None:
            if external_id == "bad":
                raise RecipientUnavailable("blocked")
            await super().send(external_id, replies)

    tg = Picky("telegram")
    bad = await add_person(db, [("telegram", "bad", clock.now)])
    good = await add_person(db, [("telegram", "good", clock.now)])
    await add_row(db, bad, clock.now, key="bad")
    await add_row(db, good, clock.now + timedelta(seconds=1), key="good")
    clock.advance(seconds=1)

    assert await dispatcher(db, clock, tg).run_once() == 2

    assert [external_id for external_id, _ in tg.sent] == ["good"]
    assert (await row(db, "bad")).status == NotificationStatus.FAILED
    assert (await row(db, "good")).status == NotificationStatus.SENT


async def test_person_without_linked_account_is_failed(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [])
    await add_row(db, pid, clock.now, key="nobody")
    await add_row(db, None, clock.now, key="no-person")

    await dispatcher(db, clock, tg).run_once()

    assert tg.sent == []
    for key in ("nobody", "no-person"):
        failed = await row(db, key)
        assert failed.status == NotificationStatus.FAILED
        assert "no reachable account" in (failed.last_error or "")


async def test_account_only_on_a_platform_that_is_not_running(
    db: Database, clock: FakeClock
) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("vk", "7", clock.now)])
    await add_row(db, pid, clock.now)
    await dispatcher(db, clock, tg).run_once()
    assert tg.sent == []
    assert (await row(db)).status == NotificationStatus.FAILED


async def test_most_recently_seen_account_is_used(db: Database, clock: FakeClock) -> None:
    tg, vk = RecordingPlatform("telegram"), RecordingPlatform("vk")
    vk_recent = await add_person(
        db, [("telegram", "100", clock.now - timedelta(days=2)), ("vk", "200", clock.now)]
    )
    tg_recent = await add_person(
        db, [("telegram", "101", clock.now), ("vk", "201", clock.now - timedelta(hours=1))]
    )
    await add_row(db, vk_recent, clock.now, key="a")
    await add_row(db, tg_recent, clock.now, key="b")

    await dispatcher(db, clock, tg, vk).run_once()

    assert [external_id for external_id, _ in vk.sent] == ["200"]
    assert [external_id for external_id, _ in tg.sent] == ["101"]


async def test_future_row_waits_for_the_clock(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now + timedelta(minutes=10))
    d = dispatcher(db, clock, tg)

    assert await d.run_once() == 0
    clock.advance(minutes=9, seconds=59)
    assert await d.run_once() == 0
    assert tg.sent == []
    assert (await row(db)).status == NotificationStatus.PENDING

    clock.advance(seconds=1)
    assert await d.run_once() == 1
    assert len(tg.sent) == 1


async def test_unknown_template_is_retried_not_lost(db: Database, clock: FakeClock) -> None:
    """A row the code cannot render (say, a template removed in a newer version) stays visible."""
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now, template="no-such-template")
    await dispatcher(db, clock, tg).run_once()
    waiting = await row(db)
    assert tg.sent == []
    assert waiting.status == NotificationStatus.PENDING
    assert "no-such-template" in (waiting.last_error or "")


async def test_many_rows_are_sent_across_batches(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    async with db.transaction() as session:
        for i in range(7):
            await outbox.schedule(
                session,
                to=pid,
                subject=Subject.PERSON,
                subject_id=pid,
                purpose=TEMPLATE,
                occasion=f"k{i}",
                due_at=clock.now,
            )
    d = Dispatcher(db, {"telegram": tg}, notifications.render, clock, concurrency=1)
    assert await d.run_once() == 7
    assert len(tg.sent) == 7


class SlowPlatform(RecordingPlatform):
    """Each send takes `seconds` of the clock; `during` runs inside the `nth` send (a second
    instance working meanwhile, say)."""

    def __init__(self, clock: FakeClock, seconds: float, sent: list[tuple[str, list[str]]]) -> None:
        super().__init__("telegram")
        self.clock, self.seconds, self.sent = clock, seconds, sent
        self.during: tuple[int, Callable[[], Awaitable[object]]] | None = None
        self.calls = 0

    async def send(
        self, external_id: str, replies: Sequence[Reply], dedup_key: str | None = None
    ) -> None:
        self.calls += 1
        self.clock.advance(seconds=self.seconds)
        if self.during is not None and self.during[0] == self.calls:
            await self.during[1]()
        self.sent.append((external_id, [reply.text for reply in replies]))


async def test_sends_slower_than_the_lease_still_send_each_row_once(
    db: Database, db_url: str, clock: FakeClock
) -> None:
    """Instance A sends slowly, one row after another; meanwhile instance B sees A's lease of
    the rows still waiting lapse and takes them over. Every row reaches the person once."""
    sent: list[tuple[str, list[str]]] = []
    pids = [await add_person(db, [("telegram", f"p{i}", clock.now)]) for i in range(6)]
    for i, pid in enumerate(pids):
        await add_row(db, pid, clock.now, key=f"k{i}")
    other = Database(db_url)
    slow = SlowPlatform(clock, outbox.LEASE.total_seconds() * 0.6, sent)
    b = Dispatcher(other, {"telegram": SlowPlatform(clock, 0, sent)}, notifications.render, clock)
    slow.during = (2, b.run_once)
    a = Dispatcher(db, {"telegram": slow}, notifications.render, clock, concurrency=1)
    try:
        await a.run_once()
    finally:
        await other.close()

    assert sorted(external_id for external_id, _ in sent) == [f"p{i}" for i in range(6)]
    async with db.transaction() as session:
        statuses = (await session.execute(select(Notification.status))).scalars().all()
    assert set(statuses) == {NotificationStatus.SENT}


async def test_a_slow_chat_does_not_hold_up_the_others(db: Database, clock: FakeClock) -> None:
    """One recipient's send hangs until everyone else has been served: sends run side by side."""
    everyone_else = asyncio.Event()

    class OneSlowChat(RecordingPlatform):
        async def send(
            self, external_id: str, replies: Sequence[Reply], dedup_key: str | None = None
        ) -> None:
            if external_id == "slow":
                await everyone_else.wait()
            await super().send(external_id, replies)
            if len(self.sent) == 3:
                everyone_else.set()

    tg = OneSlowChat("telegram")
    for name in ("slow", "a", "b", "c"):
        await add_row(db, await add_person(db, [("telegram", name, clock.now)]), clock.now, name)

    await asyncio.wait_for(dispatcher(db, clock, tg).run_once(), timeout=10)

    assert [external_id for external_id, _ in tg.sent][-1] == "slow"


async def test_one_persons_rows_go_out_in_order(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    for i in range(6):
        await add_row(db, pid, clock.now + timedelta(seconds=i), key=f"k{i}")
    clock.advance(seconds=5)
    await dispatcher(db, clock, tg).run_once()
    async with db.transaction() as session:
        order = (
            await session.execute(select(Notification.occasion).order_by(Notification.sent_at))
        ).scalars()
        assert list(order) == [f"k{i}" for i in range(6)]
    assert len(tg.sent) == 6


async def test_a_permanent_refusal_is_recorded_not_retried(db: Database, clock: FakeClock) -> None:
    tg = RecordingPlatform("telegram", DeliveryRefused("Bad Request: message is too long"))
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now)
    await dispatcher(db, clock, tg).run_once()
    clock.advance(hours=1)
    await dispatcher(db, clock, tg).run_once()
    failed = await row(db)
    assert failed.status == NotificationStatus.FAILED and failed.attempts == 1
    assert "too long" in (failed.last_error or "")


async def test_the_outbox_row_is_the_platforms_dedup_key(db: Database, clock: FakeClock) -> None:
    """Every try of one row hands the platform the same key (VK turns it into `random_id`)."""
    keys: list[str | None] = []

    class Flaky(RecordingPlatform):
        async def send(
            self, external_id: str, replies: Sequence[Reply], dedup_key: str | None = None
        ) -> None:
            keys.append(dedup_key)
            if len(keys) == 1:
                raise RetryLater("timeout")
            await super().send(external_id, replies)

    tg = Flaky("telegram")
    pid = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, pid, clock.now)
    await dispatcher(db, clock, tg).run_once()
    clock.advance(minutes=1)
    await dispatcher(db, clock, tg).run_once()
    assert len(keys) == 2 and keys[0] == keys[1] and keys[0] is not None
