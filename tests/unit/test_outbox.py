"""The outbox: idempotent scheduling, atomic claims with a lease, back-off, cancelling by key."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core import outbox
from bot.core.models import Notification, NotificationStatus, Person
from bot.db import Database
from tests.unit.conftest import FakeClock


async def _person(db: Database) -> int:
    async with db.transaction() as session:
        person = Person(locale="ru", timezone="Europe/Moscow", status="active")
        session.add(person)
        await session.flush()
        return person.id


async def _schedule(db: Database, person_id: int, key: str, due_at, **kw) -> bool:
    async with db.transaction() as session:
        return await outbox.schedule(
            session,
            person_id=person_id,
            template="notify-parent-consented",
            due_at=due_at,
            key=key,
            **kw,
        )


async def _rows(db: Database) -> dict[str, Notification]:
    async with db.transaction() as session:
        rows = (await session.execute(select(Notification))).scalars().all()
        return {row.idempotency_key: row for row in rows}


async def _claim(db: Database, now, limit: int = 50) -> list[Notification]:
    async with db.transaction() as session:
        return await outbox.claim_due(session, now, limit)


async def test_schedule_is_idempotent_on_the_key(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    assert await _schedule(db, pid, "welcome:1", clock.now, params={"n": 1}) is True
    assert await _schedule(db, pid, "welcome:1", clock.now + timedelta(hours=1)) is False
    assert await _schedule(db, pid, "welcome:2", clock.now) is True
    rows = await _rows(db)
    assert sorted(rows) == ["welcome:1", "welcome:2"]
    assert rows["welcome:1"].due_at == clock.now  # the first one stays as it was
    assert rows["welcome:1"].params == {"n": 1}


async def test_duplicate_does_not_undo_the_rest_of_the_transaction(
    db: Database, clock: FakeClock
) -> None:
    """The duplicate is refused inside a savepoint: other changes of the same unit survive."""
    pid = await _person(db)
    await _schedule(db, pid, "k", clock.now)
    async with db.transaction() as session:
        person = await session.get(Person, pid)
        assert person is not None
        person.name = "Анна"
        assert not await outbox.schedule(
            session, person_id=pid, template="t", due_at=clock.now, key="k"
        )
        assert await outbox.schedule(
            session, person_id=pid, template="t", due_at=clock.now, key="k2"
        )
    async with db.transaction() as session:
        person = await session.get(Person, pid)
        assert person is not None and person.name == "Анна"
    assert sorted(await _rows(db)) == ["k", "k2"]


async def test_claim_returns_only_due_pending_rows(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, "past", clock.now - timedelta(minutes=5))
    await _schedule(db, pid, "now", clock.now)
    await _schedule(db, pid, "future", clock.now + timedelta(seconds=1))
    await _schedule(db, pid, "voided", clock.now - timedelta(minutes=5))
    async with db.transaction() as session:
        await outbox.void(session, "voided")

    claimed = await _claim(db, clock.now)

    assert [row.idempotency_key for row in claimed] == ["past", "now"]
    rows = await _rows(db)
    for key in ("past", "now"):
        assert rows[key].status == NotificationStatus.SENDING
        assert rows[key].attempts == 1
        assert rows[key].locked_until == clock.now + outbox.LEASE
    assert rows["future"].status == NotificationStatus.PENDING
    assert rows["future"].attempts == 0
    assert rows["voided"].status == NotificationStatus.VOID


async def test_claim_respects_the_limit(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    for i in range(5):
        await _schedule(db, pid, f"k{i}", clock.now - timedelta(minutes=5 - i))
    first = await _claim(db, clock.now, limit=2)
    second = await _claim(db, clock.now, limit=10)
    assert [r.idempotency_key for r in first] == ["k0", "k1"]  # oldest first
    assert [r.idempotency_key for r in second] == ["k2", "k3", "k4"]


async def test_claimed_row_is_not_claimed_again(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, "once", clock.now)
    assert len(await _claim(db, clock.now)) == 1
    assert await _claim(db, clock.now) == []
    clock.advance(seconds=outbox.LEASE.total_seconds() - 1)
    assert await _claim(db, clock.now) == []  # lease still running


async def test_two_claimers_in_sequence_on_the_same_file(
    db: Database, db_url: str, clock: FakeClock
) -> None:
    other = Database(db_url)
    try:
        pid = await _person(db)
        for i in range(3):
            await _schedule(db, pid, f"k{i}", clock.now)
        first = await _claim(db, clock.now)
        second = await _claim(other, clock.now)
        assert len(first) == 3
        assert second == []
    finally:
        await other.close()


async def test_two_instances_racing_never_claim_one_row_twice(
    db: Database, db_url: str, clock: FakeClock
) -> None:
    """Two bot instances (two engines on one file) claim at the same moment."""
    instances = [Database(db_url) for _ in range(3)]
    try:
        pid = await _person(db)
        for i in range(30):
            await _schedule(db, pid, f"k{i:02}", clock.now)
        results = await asyncio.gather(*(_claim(inst, clock.now) for inst in instances))
        ids = [row.id for rows in results for row in rows]
        assert len(ids) == len(set(ids)), "a row was claimed by two instances"
        assert len(ids) == 30
        rows = await _rows(db)
        assert all(row.attempts == 1 for row in rows.values())
    finally:
        for inst in instances:
            await inst.close()


async def test_lapsed_lease_is_reclaimable(db: Database, clock: FakeClock) -> None:
    """An instance that died mid-send leaves its row; another takes it after the lease."""
    pid = await _person(db)
    await _schedule(db, pid, "orphan", clock.now)
    await _claim(db, clock.now)
    clock.advance(seconds=outbox.LEASE.total_seconds() + 1)
    again = await _claim(db, clock.now)
    assert [row.idempotency_key for row in again] == ["orphan"]
    assert again[0].attempts == 2
    assert again[0].locked_until == clock.now + outbox.LEASE
    assert await _claim(db, clock.now) == []


async def test_sent_row_is_never_claimed_again(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, "k", clock.now)
    async with db.transaction() as session:
        (row,) = await outbox.claim_due(session, clock.now)
        outbox.mark_sent(row, clock.now)
    clock.advance(hours=1)
    assert await _claim(db, clock.now) == []
    row = (await _rows(db))["k"]
    assert row.status == NotificationStatus.SENT
    assert row.sent_at == clock.now - timedelta(hours=1)
    assert row.locked_until is None


async def test_retry_later_backs_off_then_gives_up(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, "flaky", clock.now)
    delays = []
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        async with db.transaction() as session:
            rows = await outbox.claim_due(session, clock.now)
            assert len(rows) == 1, f"attempt {attempt} was not claimable"
            row = rows[0]
            assert row.attempts == attempt
            outbox.retry_later(row, clock.now, f"boom {attempt}")
            if row.status == NotificationStatus.PENDING:
                delays.append(row.due_at - clock.now)
                assert row.locked_until is None
                clock.now = row.due_at
    assert delays == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480)]
    row = (await _rows(db))["flaky"]
    assert row.status == NotificationStatus.FAILED
    assert row.attempts == outbox.MAX_ATTEMPTS
    assert "gave up" in (row.last_error or "") and "boom 6" in (row.last_error or "")
    clock.advance(days=1)
    assert await _claim(db, clock.now) == []


async def test_retry_later_honours_the_platforms_delay(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, "k", clock.now)
    async with db.transaction() as session:
        (row,) = await outbox.claim_due(session, clock.now)
        outbox.retry_later(row, clock.now, "429 Too Many Requests", after=17)
    row = (await _rows(db))["k"]
    assert row.status == NotificationStatus.PENDING
    assert row.due_at == clock.now + timedelta(seconds=17)
    assert row.last_error == "429 Too Many Requests"
    assert await _claim(db, clock.now + timedelta(seconds=16)) == []
    assert len(await _claim(db, clock.now + timedelta(seconds=17))) == 1


async def test_mark_failed_keeps_the_reason_short(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, "k", clock.now)
    async with db.transaction() as session:
        (row,) = await outbox.claim_due(session, clock.now)
        outbox.mark_failed(row, "blocked " + "x" * 2000)
    row = (await _rows(db))["k"]
    assert row.status == NotificationStatus.FAILED
    assert row.last_error is not None and len(row.last_error) == 500
    assert row.last_error.startswith("blocked")


async def test_void_touches_only_pending_rows_with_the_prefix(
    db: Database, clock: FakeClock
) -> None:
    pid = await _person(db)
    for key in ("remind:1:a", "remind:1:b", "remind:1:sent", "remind:12:a", "remind:2:a", "x"):
        await _schedule(db, pid, key, clock.now + timedelta(hours=1))
    await _schedule(db, pid, "remind:1:sending", clock.now)
    await _claim(db, clock.now)
    async with db.transaction() as session:
        row = (
            await session.execute(
                select(Notification).where(Notification.idempotency_key == "remind:1:sent")
            )
        ).scalar_one()
        row.status = NotificationStatus.SENT

    async with db.transaction() as session:
        count = await outbox.void(session, "remind:1:")

    assert count == 2
    status = {key: row.status for key, row in (await _rows(db)).items()}
    assert status == {
        "remind:1:a": NotificationStatus.VOID,
        "remind:1:b": NotificationStatus.VOID,
        "remind:1:sent": NotificationStatus.SENT,
        "remind:1:sending": NotificationStatus.SENDING,
        "remind:12:a": NotificationStatus.PENDING,
        "remind:2:a": NotificationStatus.PENDING,
        "x": NotificationStatus.PENDING,
    }


@pytest.mark.parametrize(
    ("prefix", "voided"),
    [("a%", {"a%b:1"}), ("a_", {"a_c:1"}), ("a/", {"a/d:1"}), ("a\\", {"a\\e:1"})],
)
async def test_void_prefix_with_wildcards_is_literal(
    db: Database, clock: FakeClock, prefix: str, voided: set[str]
) -> None:
    pid = await _person(db)
    keys = ["a%b:1", "axb:1", "a_c:1", "abc:1", "a/d:1", "a\\e:1", "zzz"]
    for key in keys:
        await _schedule(db, pid, key, clock.now)
    async with db.transaction() as session:
        assert await outbox.void(session, prefix) == 1
    rows = await _rows(db)
    assert {k for k, r in rows.items() if r.status == NotificationStatus.VOID} == voided


async def test_void_prefix_is_case_sensitive(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, "remind:1", clock.now)
    await _schedule(db, pid, "Remind:1", clock.now)
    async with db.transaction() as session:
        assert await outbox.void(session, "Remind:") == 1
    rows = await _rows(db)
    assert rows["remind:1"].status == NotificationStatus.PENDING
