"""The outbox: rows named by subject, scheduled once, claimed under a token, retried sensibly."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select

from bot.core import outbox
from bot.core.models import Notification, NotificationStatus, Person, Subject
from bot.db import Database
from tests.fakes.clock import FakeClock

TEMPLATE = "notify-parent-consented"


async def _person(db: Database) -> int:
    async with db.transaction() as session:
        person = Person(locale="ru", timezone="Europe/Moscow", status="active")
        session.add(person)
        await session.flush()
        return person.id


async def _schedule(
    db: Database,
    person_id: int,
    due_at: datetime,
    occasion: str = "",
    subject_id: int = 1,
    **kw: Any,
) -> bool:
    async with db.transaction() as session:
        return await outbox.schedule(
            session,
            to=person_id,
            subject=kw.pop("subject", Subject.MILESTONE),
            subject_id=subject_id,
            purpose=kw.pop("purpose", TEMPLATE),
            occasion=occasion,
            due_at=due_at,
            **kw,
        )


async def _rows(db: Database) -> dict[str, Notification]:
    """Every row by occasion (the tests give each row an occasion of its own)."""
    async with db.transaction() as session:
        rows = (await session.execute(select(Notification))).scalars().all()
        return {row.occasion: row for row in rows}


async def _claim(db: Database, now: datetime, limit: int = 50, token: str = "t") -> list[str]:
    async with db.transaction() as session:
        return [row.occasion for row in await outbox.claim_due(session, now, token, limit)]


async def test_schedule_is_idempotent_on_subject_purpose_occasion_and_recipient(
    db: Database, clock: FakeClock
) -> None:
    pid = await _person(db)
    assert await _schedule(db, pid, clock.now, "a", params={"n": 1}) is True
    assert await _schedule(db, pid, clock.now + timedelta(hours=1), "a") is False
    assert await _schedule(db, pid, clock.now, "b") is True
    assert await _schedule(db, pid, clock.now, "a", subject_id=2) is True
    assert await _schedule(db, pid, clock.now, "a", purpose="other") is True
    async with db.transaction() as session:
        rows = (await session.execute(select(Notification))).scalars().all()
        first = [r for r in rows if (r.occasion, r.subject_id, r.purpose) == ("a", 1, TEMPLATE)]
    assert len(rows) == 4
    assert [(r.params, r.due_at) for r in first] == [({"n": 1}, clock.now)]


async def test_a_duplicate_does_not_undo_the_rest_of_the_unit_of_work(
    db: Database, clock: FakeClock
) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "k")
    async with db.transaction() as session:
        person = await session.get(Person, pid)
        assert person is not None
        person.name = "Анна"
        kw: dict[str, Any] = {"to": pid, "subject": Subject.MILESTONE, "subject_id": 1}
        assert not await outbox.schedule(
            session, **kw, purpose=TEMPLATE, occasion="k", due_at=clock.now
        )
        assert await outbox.schedule(
            session, **kw, purpose=TEMPLATE, occasion="k2", due_at=clock.now
        )
    async with db.transaction() as session:
        person = await session.get(Person, pid)
        assert person is not None and person.name == "Анна"
    assert sorted(await _rows(db)) == ["k", "k2"]


async def test_a_row_scheduled_in_a_unit_of_work_that_fails_is_rolled_back(
    db: Database, clock: FakeClock
) -> None:
    """Scheduling is the first statement of the transaction: nothing may commit it early."""
    pid = await _person(db)

    class Refused(Exception):
        pass

    with pytest.raises(Refused):
        async with db.transaction() as session:
            await outbox.schedule(
                session,
                to=pid,
                subject=Subject.PROGRAMME,
                subject_id=1,
                purpose=TEMPLATE,
                due_at=clock.now,
            )
            raise Refused

    assert await _rows(db) == {}


async def test_void_frees_the_slot_for_a_new_row(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "2026-12-25")
    async with db.transaction() as session:
        assert await outbox.void(session, Subject.MILESTONE, 1) == 1
    assert await _schedule(db, pid, clock.now, "2026-12-25") is True
    async with db.transaction() as session:
        statuses = sorted((await session.execute(select(Notification.status))).scalars())
    assert statuses == [NotificationStatus.PENDING, NotificationStatus.VOID]


async def test_void_touches_only_pending_rows_of_its_subject(
    db: Database, clock: FakeClock
) -> None:
    pid = await _person(db)
    later = clock.now + timedelta(hours=1)
    await _schedule(db, pid, later, "a")
    await _schedule(db, pid, later, "b", purpose="remind-day")
    await _schedule(db, pid, later, "sent")
    await _schedule(db, pid, clock.now, "sending")
    await _schedule(db, pid, later, "other-milestone", subject_id=12)
    await _schedule(db, pid, later, "programme", subject=Subject.PROGRAMME)
    await _claim(db, clock.now)
    async with db.transaction() as session:
        row = (
            await session.execute(select(Notification).where(Notification.occasion == "sent"))
        ).scalar_one()
        row.status = NotificationStatus.SENT
    async with db.transaction() as session:
        assert await outbox.void(session, Subject.MILESTONE, 1, purposes=("remind-day",)) == 1
        assert await outbox.void(session, Subject.MILESTONE, 1) == 1

    status = {key: row.status for key, row in (await _rows(db)).items()}
    assert status == {
        "a": NotificationStatus.VOID,
        "b": NotificationStatus.VOID,
        "sent": NotificationStatus.SENT,
        "sending": NotificationStatus.SENDING,
        "other-milestone": NotificationStatus.PENDING,
        "programme": NotificationStatus.PENDING,
    }


async def test_claim_takes_due_pending_rows_oldest_first(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now - timedelta(minutes=5), "past")
    await _schedule(db, pid, clock.now, "now")
    await _schedule(db, pid, clock.now + timedelta(seconds=1), "future")

    assert await _claim(db, clock.now, token="mine") == ["past", "now"]

    rows = await _rows(db)
    for key in ("past", "now"):
        assert rows[key].status == NotificationStatus.SENDING
        assert rows[key].claim_token == "mine"
        assert rows[key].attempts == 1
        assert rows[key].locked_until == clock.now + outbox.LEASE
    assert rows["future"].status == NotificationStatus.PENDING


async def test_claim_respects_the_limit(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    for i in range(5):
        await _schedule(db, pid, clock.now - timedelta(minutes=5 - i), f"k{i}")
    assert await _claim(db, clock.now, limit=2, token="a") == ["k0", "k1"]
    assert await _claim(db, clock.now, limit=10, token="b") == ["k2", "k3", "k4"]


async def test_a_claimed_row_is_not_claimed_again_while_its_lease_runs(
    db: Database, clock: FakeClock
) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "once")
    assert await _claim(db, clock.now, token="a") == ["once"]
    assert await _claim(db, clock.now, token="b") == []
    clock.advance(seconds=outbox.LEASE.total_seconds() - 1)
    assert await _claim(db, clock.now, token="c") == []


async def test_instances_racing_never_claim_one_row_twice(
    db: Database, db_url: str, clock: FakeClock
) -> None:
    instances = [Database(db_url) for _ in range(3)]
    try:
        pid = await _person(db)
        for i in range(30):
            await _schedule(db, pid, clock.now, f"k{i:02}")
        results = await asyncio.gather(
            *(_claim(inst, clock.now, token=f"i{n}") for n, inst in enumerate(instances))
        )
        keys = [key for claimed in results for key in claimed]
        assert sorted(keys) == sorted(set(keys)) and len(keys) == 30
    finally:
        for inst in instances:
            await inst.close()


async def test_a_lapsed_claim_is_taken_over_and_the_old_owner_loses_it(
    db: Database, clock: FakeClock
) -> None:
    """An instance that died mid-send leaves its row; another takes it after the lease."""
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "orphan")
    await _claim(db, clock.now, token="dead")
    clock.advance(seconds=outbox.LEASE.total_seconds() + 1)

    assert await _claim(db, clock.now, token="alive") == ["orphan"]

    async with db.transaction() as session:
        (row_id,) = (await session.execute(select(Notification.id))).scalars()
        assert await outbox.owned(session, row_id, "dead") is None
        row = await outbox.owned(session, row_id, "alive")
        assert row is not None and row.interruptions == 1 and row.attempts == 2


async def test_a_row_interrupted_too_often_fails_instead_of_being_sent_again(
    db: Database, clock: FakeClock
) -> None:
    """A row whose send keeps killing the process must not be retried forever."""
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "poison")
    for n in range(outbox.MAX_INTERRUPTIONS):
        assert await _claim(db, clock.now, token=f"run{n}") == ["poison"]
        clock.advance(seconds=outbox.LEASE.total_seconds() + 1)

    assert await _claim(db, clock.now, token="last") == []

    row = (await _rows(db))["poison"]
    assert row.status == NotificationStatus.FAILED
    assert "interrupted" in (row.last_error or "")


async def test_owned_renews_the_lease(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "k")
    await _claim(db, clock.now, token="me")
    clock.advance(minutes=1)
    async with db.transaction() as session:
        (row_id,) = (await session.execute(select(Notification.id))).scalars()
        await outbox.owned(session, row_id, "me", clock.now)
    clock.advance(minutes=1, seconds=30)  # past the first lease, inside the renewed one
    assert await _claim(db, clock.now, token="other") == []


async def _fail_transiently_until_given_up(db: Database, clock: FakeClock) -> list[timedelta]:
    delays = []
    for attempt in range(1, 1000):
        async with db.transaction() as session:
            rows = await outbox.claim_due(session, clock.now, f"t{attempt}", 1)
            if not rows:
                break
            outbox.retry_later(rows[0], clock.now, f"HTTP 502 #{attempt}")
            if rows[0].status == NotificationStatus.PENDING:
                delays.append(rows[0].due_at - clock.now)
                clock.now = rows[0].due_at
    return delays


async def test_transient_failures_back_off_and_are_retried_for_a_day(
    db: Database, clock: FakeClock
) -> None:
    """A 15-minute outage loses nothing: the row is still being retried after it."""
    pid = await _person(db)
    start = clock.now
    await _schedule(db, pid, clock.now, "flaky")

    delays = await _fail_transiently_until_given_up(db, clock)

    assert delays[:6] == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480, 600)]
    assert max(delays) == timedelta(seconds=outbox.BACKOFF_MAX)
    assert sum(delays, timedelta()) > timedelta(minutes=15)
    assert start + outbox.RETRY_FOR - timedelta(minutes=10) <= clock.now
    row = (await _rows(db))["flaky"]
    assert row.status == NotificationStatus.FAILED
    assert "gave up" in (row.last_error or "") and "HTTP 502" in (row.last_error or "")


async def test_transient_failures_stop_when_the_message_no_longer_matters(
    db: Database, clock: FakeClock
) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "today", expires_at=clock.now + timedelta(hours=1))
    await _fail_transiently_until_given_up(db, clock)
    row = (await _rows(db))["today"]
    assert row.status == NotificationStatus.FAILED
    assert clock.now < row.expires_at  # type: ignore[operator]


async def test_retry_later_honours_the_platforms_delay(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "k")
    async with db.transaction() as session:
        (row,) = await outbox.claim_due(session, clock.now, "t", 10)
        outbox.retry_later(row, clock.now, "429 Too Many Requests", after=17)
    row = (await _rows(db))["k"]
    assert row.status == NotificationStatus.PENDING
    assert row.due_at == clock.now + timedelta(seconds=17)
    assert row.claim_token is None and row.locked_until is None
    assert await _claim(db, clock.now + timedelta(seconds=16), token="a") == []
    assert await _claim(db, clock.now + timedelta(seconds=17), token="b") == ["k"]


async def test_mark_failed_keeps_the_reason_short(db: Database, clock: FakeClock) -> None:
    pid = await _person(db)
    await _schedule(db, pid, clock.now, "k")
    async with db.transaction() as session:
        (row,) = await outbox.claim_due(session, clock.now, "t", 10)
        outbox.mark_failed(row, "blocked " + "x" * 2000)
    row = (await _rows(db))["k"]
    assert row.status == NotificationStatus.FAILED
    assert row.last_error is not None and len(row.last_error) == 500


async def test_the_due_scan_searches_an_index_and_sorts_nothing(
    db: Database, clock: FakeClock
) -> None:
    """EXPLAIN QUERY PLAN of every statement of a tick: index searches, no temp B-tree."""
    pid = await _person(db)
    for i in range(20):
        await _schedule(db, pid, clock.now + timedelta(minutes=i - 10), f"k{i}")
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "UPDATE")):
            statements.append((statement, params))

    event.listen(db.engine.sync_engine, "before_cursor_execute", capture)
    await _claim(db, clock.now, limit=5)
    event.remove(db.engine.sync_engine, "before_cursor_execute", capture)

    assert len(statements) >= 3
    async with db.engine.connect() as conn:
        for statement, params in statements:
            plan = [
                row[-1]
                for row in (
                    await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
                ).all()
            ]
            joined = " | ".join(plan)
            assert "TEMP B-TREE" not in joined, (statement, joined)
            steps = [p for p in plan if "notifications" in p]
            assert steps and all(p.startswith("SEARCH") for p in steps), (statement, joined)
    assert "substr" not in " ".join(s for s, _ in statements).lower()
