"""The notifications outbox: the only way anything is sent later or to someone else.

A row is written in the same transaction as the change that causes it. The dispatcher claims due
rows atomically (a lease, so several instances never send one row twice), sends, and marks them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import Notification, NotificationStatus

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 6


async def schedule(
    session: AsyncSession,
    *,
    person_id: int,
    template: str,
    due_at: datetime,
    key: str,
    params: dict[str, Any] | None = None,
    quiet_hours: bool = False,
) -> bool:
    """Add a notification unless one with the same idempotency key exists; True when added.

    With `quiet_hours`, a row falling due at night in the recipient's zone waits for morning.
    """
    row = Notification(
        person_id=person_id,
        template=template,
        params=params or {},
        due_at=due_at,
        idempotency_key=key,
        quiet_hours=quiet_hours,
    )
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


async def void(session: AsyncSession, key_prefix: str) -> int:
    """Cancel pending notifications whose key starts with `key_prefix`; how many were voided."""
    result = await session.execute(
        update(Notification)
        .where(
            func.substr(Notification.idempotency_key, 1, len(key_prefix)) == key_prefix,
            Notification.status == NotificationStatus.PENDING,
        )
        .values(status=NotificationStatus.VOID)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def claim_due(session: AsyncSession, now: datetime, limit: int = 50) -> list[Notification]:
    """Claim up to `limit` due rows for this instance (pending, or sending with a lapsed lease).

    Each row is taken with a conditional UPDATE, so two instances racing for it cannot both win.
    """
    claimable = or_(
        Notification.status == NotificationStatus.PENDING,
        and_(Notification.status == NotificationStatus.SENDING, Notification.locked_until < now),
    )
    candidates = (
        await session.execute(
            select(Notification.id, Notification.status, Notification.locked_until)
            .where(Notification.due_at <= now, claimable)
            .order_by(Notification.due_at, Notification.id)
            .limit(limit)
        )
    ).all()
    claimed: list[int] = []
    for row_id, status, locked_until in candidates:
        result = await session.execute(
            update(Notification)
            .where(
                Notification.id == row_id,
                Notification.status == status,
                Notification.locked_until.is_(None)
                if locked_until is None
                else Notification.locked_until == locked_until,
            )
            .values(
                status=NotificationStatus.SENDING,
                locked_until=now + LEASE,
                attempts=Notification.attempts + 1,
            )
        )
        if getattr(result, "rowcount", 0) == 1:
            claimed.append(row_id)
    if not claimed:
        return []
    rows = await session.execute(
        select(Notification).where(Notification.id.in_(claimed)).order_by(Notification.due_at)
    )
    return list(rows.scalars())


def mark_sent(row: Notification, now: datetime) -> None:
    """The notification reached the person."""
    row.status, row.sent_at, row.locked_until, row.last_error = (
        NotificationStatus.SENT,
        now,
        None,
        None,
    )


def mark_failed(row: Notification, reason: str) -> None:
    """The notification cannot be delivered (blocked bot, no account): recorded, not retried."""
    row.status, row.locked_until, row.last_error = NotificationStatus.FAILED, None, reason[:500]


STALE_AFTER = "stale_after"  # a params key: past this moment the row is pointless, void it


def is_stale(row: Notification, now: datetime) -> bool:
    """True when the row was due to be useful only until a moment that has passed."""
    until = row.params.get(STALE_AFTER)
    return isinstance(until, str) and now >= datetime.fromisoformat(until)


def mark_void(row: Notification) -> None:
    """The notification no longer applies (its milestone was done, say): never sent."""
    row.status, row.locked_until = NotificationStatus.VOID, None


def postpone(row: Notification, until: datetime) -> None:
    """Hold the row until `until` (quiet hours) without counting an attempt."""
    row.status, row.locked_until, row.due_at = NotificationStatus.PENDING, None, until
    row.attempts = max(row.attempts - 1, 0)


def retry_later(row: Notification, now: datetime, reason: str, after: float | None = None) -> None:
    """Put the row back for another try, with exponential back-off unless `after` is given."""
    if row.attempts >= MAX_ATTEMPTS:
        mark_failed(row, f"gave up after {row.attempts} attempts: {reason}")
        return
    delay = after if after is not None else min(30 * 2 ** (row.attempts - 1), 3600)
    row.status, row.locked_until, row.last_error = NotificationStatus.PENDING, None, reason[:500]
    row.due_at = now + timedelta(seconds=delay)
