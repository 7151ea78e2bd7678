"""Broadcast deliveries as a queue: claimed atomically under a token and a lease (like the
outbox), then recorded as sent, unreachable, failed or due again after a back-off.

A claim is committed before anything is sent, so a process that dies mid-send leaves the row
claimed; when its lease lapses the row is claimed again. VK drops that repeat (its `random_id`
comes from the row); Telegram may show it twice — at most once per crash.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import Broadcast, BroadcastDelivery, BroadcastStatus, DeliveryStatus

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 6  # transient failures before a delivery is given up
BACKOFF_FIRST, BACKOFF_MAX = 2.0, 120.0  # seconds: doubling, capped


async def claim(
    session: AsyncSession, now: datetime, token: str, limit: int
) -> list[BroadcastDelivery]:
    """Claim up to `limit` due deliveries of running broadcasts (pending ones, and claimed ones
    whose lease lapsed); the conditional UPDATE means two workers never both win a row."""
    running = exists().where(
        Broadcast.id == BroadcastDelivery.broadcast_id,
        Broadcast.status == BroadcastStatus.SENDING,
    )
    due = or_(
        and_(BroadcastDelivery.status == DeliveryStatus.PENDING, BroadcastDelivery.due_at <= now),
        and_(
            BroadcastDelivery.status == DeliveryStatus.SENDING,
            BroadcastDelivery.locked_until < now,
        ),
    )
    ids = select(BroadcastDelivery.id).where(due, running).order_by(BroadcastDelivery.id)
    await session.execute(
        update(BroadcastDelivery)
        .where(BroadcastDelivery.id.in_(ids.limit(limit)), due)
        .values(
            status=DeliveryStatus.SENDING,
            claim_token=token,
            locked_until=now + LEASE,
            attempts=BroadcastDelivery.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    query = select(BroadcastDelivery).where(
        BroadcastDelivery.claim_token == token,
        BroadcastDelivery.status == DeliveryStatus.SENDING,
    )
    return list((await session.execute(query.order_by(BroadcastDelivery.id))).scalars())


async def owned(session: AsyncSession, row_id: int, token: str) -> BroadcastDelivery | None:
    """The delivery if this claim still holds it."""
    query = select(BroadcastDelivery).where(
        BroadcastDelivery.id == row_id,
        BroadcastDelivery.claim_token == token,
        BroadcastDelivery.status == DeliveryStatus.SENDING,
    )
    return (await session.execute(query)).scalar_one_or_none()


def finish(row: BroadcastDelivery, status: DeliveryStatus, now: datetime, reason: str = "") -> None:
    """Record a final outcome: sent, unreachable or failed."""
    row.status, row.claim_token, row.locked_until = status, None, None
    row.last_error = reason[:500] or None
    if status == DeliveryStatus.SENT:
        row.sent_at = now


def retry(row: BroadcastDelivery, now: datetime, reason: str, after: float | None) -> None:
    """Due again after a back-off (or the platform's own delay); failed past `MAX_ATTEMPTS`."""
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
