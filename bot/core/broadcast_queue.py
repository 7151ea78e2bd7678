"""Broadcast deliveries as a queue: claimed atomically under a token and a lease (like the
outbox), then recorded as sent, unreachable, failed or due again after a back-off.

On a batched platform (VK) the claim also puts up to `PEERS` deliveries of one broadcast in a
`BroadcastBatch`, sent as one request whose `random_id` comes from the batch row. A batch keeps
its members: when its lease lapses, or its whole request failed and the retry is due, the same
members are claimed again as the same batch, so VK drops what it already delivered. A member
that failed on its own (VK answers each peer apart) was not delivered: it leaves the batch and
joins a fresh one.

A claim is committed before anything is sent, so a process that dies mid-send leaves the rows
claimed; when their lease lapses they are claimed again. VK drops that repeat; Telegram has no
such key: a kill -9 re-sends the deliveries in flight at that moment — sent, the answer not yet
recorded (outcomes are recorded as the sends complete); at most the claim being sent and the
one queued behind it (`Broadcaster.batch` each) — so one person gets at most one repeat per
crash.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, false, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Broadcast,
    BroadcastBatch,
    BroadcastDelivery,
    BroadcastStatus,
    DeliveryStatus,
    Person,
)

LEASE = timedelta(minutes=2)
PEERS = 100  # deliveries in one batch: VK's `peer_ids` takes up to 100
BATCHES = 10  # batches one claim takes at most: half a second of VK's 20 requests
MAX_ATTEMPTS = 6  # transient failures before a delivery is given up
BACKOFF_FIRST, BACKOFF_MAX = 2.0, 120.0  # seconds: doubling, capped


async def claim(
    session: AsyncSession,
    now: datetime,
    token: str,
    limit: int,
    batched_on: Collection[str] = (),
    batches: int = BATCHES,
) -> list[BroadcastDelivery]:
    """Claim running broadcasts' due deliveries (pending ones, and claimed ones whose lease
    lapsed): up to `limit` single ones, and on the `batched_on` platforms up to `batches`
    batches (formed before and due again, then fresh ones). The conditional UPDATE means two
    workers never both win a row."""
    running = exists().where(
        Broadcast.id == BroadcastDelivery.broadcast_id,
        Broadcast.status == BroadcastStatus.SENDING,
    )
    due = and_(_due(now), running)
    single = or_(
        BroadcastDelivery.platform.not_in(batched_on),
        # claimed alone before batches existed (an upgrade mid-broadcast): sent alone again,
        # under the same key, so VK drops the repeat
        and_(
            BroadcastDelivery.status == DeliveryStatus.SENDING,
            BroadcastDelivery.batch_id.is_(None),
        ),
    )
    ids = select(BroadcastDelivery.id).where(due, single).order_by(BroadcastDelivery.id)
    await _take(session, BroadcastDelivery.id.in_(ids.limit(limit)), now, token)
    again = (
        select(BroadcastDelivery.batch_id)
        .distinct()
        .where(due, BroadcastDelivery.batch_id.is_not(None))
        .order_by(BroadcastDelivery.batch_id)
        .limit(batches)
    )
    formed = list((await session.execute(again)).scalars())
    await _take(session, BroadcastDelivery.batch_id.in_(formed), now, token)
    locale = select(Person.locale).where(Person.id == BroadcastDelivery.person_id)
    fresh = (
        select(
            BroadcastDelivery.id,
            BroadcastDelivery.broadcast_id,
            BroadcastDelivery.intent,
            locale.scalar_subquery(),
        )
        .where(
            due, BroadcastDelivery.platform.in_(batched_on), BroadcastDelivery.batch_id.is_(None)
        )
        .order_by(BroadcastDelivery.broadcast_id, BroadcastDelivery.intent, BroadcastDelivery.id)
        .limit((batches - len(formed)) * PEERS)
    )
    # a batch is one message: one broadcast, one intent, one language (of its button)
    rows = sorted(
        (await session.execute(fresh)).all(), key=lambda row: (row[1], row[2], row[3] or "")
    )
    chunks: list[tuple[BroadcastBatch, list[int]]] = []
    for (broadcast_id, *_), group in groupby(rows, key=lambda row: (row[1], row[2], row[3])):
        ids_in = [row[0] for row in group]
        chunks += [
            (BroadcastBatch(broadcast_id=broadcast_id), ids_in[start : start + PEERS])
            for start in range(0, len(ids_in), PEERS)
        ]
    session.add_all(batch for batch, _ in chunks)
    await session.flush()  # the batches' ids, in one statement
    for batch, members in chunks:
        await _take(session, BroadcastDelivery.id.in_(members), now, token, batch_id=batch.id)
    query = select(BroadcastDelivery).where(
        BroadcastDelivery.claim_token == token,
        BroadcastDelivery.status == DeliveryStatus.SENDING,
    )
    return list((await session.execute(query.order_by(BroadcastDelivery.id))).scalars())


def _still_due(now: datetime) -> ColumnElement[bool]:
    """`_due` for rows already picked by id, written so that it cannot use the due index:
    the database then looks the picked rows up by id instead of reading every due row (the
    planner of SQLite, without statistics, takes that index for the narrower one)."""
    return case(
        (BroadcastDelivery.status == DeliveryStatus.PENDING, BroadcastDelivery.due_at <= now),
        (BroadcastDelivery.status == DeliveryStatus.SENDING, BroadcastDelivery.locked_until < now),
        else_=false(),
    )


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(BroadcastDelivery.status == DeliveryStatus.PENDING, BroadcastDelivery.due_at <= now),
        and_(
            BroadcastDelivery.status == DeliveryStatus.SENDING,
            BroadcastDelivery.locked_until < now,
        ),
    )


async def _take(
    session: AsyncSession, where: ColumnElement[bool], now: datetime, token: str, **values: Any
) -> None:
    """Claim the due deliveries `where` picks under `token` (and set `values`)."""
    await session.execute(
        update(BroadcastDelivery)
        .where(where, _still_due(now))
        .values(
            status=DeliveryStatus.SENDING,
            claim_token=token,
            locked_until=now + LEASE,
            attempts=BroadcastDelivery.attempts + 1,
            **values,
        )
        .execution_options(synchronize_session=False)
    )


async def owned(
    session: AsyncSession, row_ids: Collection[int], token: str
) -> dict[int, BroadcastDelivery]:
    """Those of the deliveries this claim still holds, by id (read in one query)."""
    query = select(BroadcastDelivery).where(
        BroadcastDelivery.id.in_(row_ids),
        BroadcastDelivery.claim_token == token,
        BroadcastDelivery.status == DeliveryStatus.SENDING,
    )
    return {row.id: row for row in (await session.execute(query)).scalars()}


def finish(row: BroadcastDelivery, status: DeliveryStatus, now: datetime, reason: str = "") -> None:
    """Record a final outcome: sent, unreachable or failed."""
    row.status, row.claim_token, row.locked_until = status, None, None
    row.last_error = reason[:500] or None
    if status == DeliveryStatus.SENT:
        row.sent_at = now


def retry(
    row: BroadcastDelivery, now: datetime, reason: str, after: float | None, alone: bool = False
) -> None:
    """Due again after a back-off (or the platform's own delay); failed past `MAX_ATTEMPTS`.
    `alone`: this delivery failed apart from its batch (so it was not delivered) and leaves it;
    otherwise it stays in its batch, to be sent again with the same `random_id`."""
    if alone:
        row.batch_id = None
    if row.attempts >= MAX_ATTEMPTS:
        finish(row, DeliveryStatus.FAILED, now, f"gave up after {row.attempts} tries: {reason}")
        return
    delay = after if after is not None else BACKOFF_FIRST * 2 ** max(row.attempts - 1, 0)
    row.status, row.claim_token, row.locked_until = DeliveryStatus.PENDING, None, None
    row.due_at = now + timedelta(seconds=min(delay, BACKOFF_MAX))
    row.last_error = reason[:500]


async def finished(session: AsyncSession, now: datetime) -> list[Broadcast]:
    """Running broadcasts with nothing left to send, now marked done (and a cancelled one's
    deliveries put back for a retry after the cancel, cancelled too)."""
    cancelled = select(Broadcast.id).where(Broadcast.status == BroadcastStatus.CANCELLED)
    await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id.in_(cancelled),
            BroadcastDelivery.status == DeliveryStatus.PENDING,
        )
        .values(status=DeliveryStatus.CANCELLED)
        .execution_options(synchronize_session=False)
    )
    left = exists().where(
        BroadcastDelivery.broadcast_id == Broadcast.id,
        BroadcastDelivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING)),
    )
    query = select(Broadcast).where(Broadcast.status == BroadcastStatus.SENDING, ~left)
    done = list((await session.execute(query)).scalars())
    for broadcast in done:
        broadcast.status, broadcast.finished_at = BroadcastStatus.DONE, now
    return done
