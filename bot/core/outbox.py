"""The outbox: the only way anything is sent later or to someone else.

A row is written in the same transaction as the change that causes it, and names its subject
(`milestone` 12), purpose, recipient and occasion; among rows that are not void those are unique,
so scheduling twice adds nothing. The dispatcher claims due rows with a claim token and a lease,
checks it still owns a row before sending and when recording the outcome, so a row is sent once
even when several instances run. Transient failures are retried with capped back-off for as long
as the message still matters; permanent ones are recorded at once.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import Notification, NotificationStatus, Subject

LEASE = timedelta(minutes=2)  # longer than any send may take (see SEND_TIMEOUT in dispatch)
MAX_INTERRUPTIONS = 3  # claims that lapsed mid-send (the process died) before we give up
RETRY_FOR = timedelta(days=1)  # transient failures are retried this long unless the row expires
BACKOFF_FIRST, BACKOFF_MAX = 30.0, 600.0  # seconds between retries: doubling, capped
ADDED = "outbox_added"  # `session.info` flag: this unit of work wrote rows (dispatch them soon)


async def schedule(
    session: AsyncSession,
    *,
    to: int,
    subject: Subject,
    subject_id: int,
    purpose: str,
    due_at: datetime,
    template: str | None = None,
    occasion: str = "",
    params: dict[str, Any] | None = None,
    quiet_hours: bool = False,
    expires_at: datetime | None = None,
    account: int | None = None,
) -> bool:
    """Add a row for person `to` unless a live one with the same subject, purpose and occasion
    exists; True when added.

    `template` (default: the purpose) says how it is rendered. With `quiet_hours`, a row falling
    due at night in the recipient's zone waits for morning; past `expires_at` it is voided unsent.
    An `account` is written to instead of the person's own accounts (they may be unlinked).
    """
    values = {
        "person_id": to,
        "account_id": account,
        "subject_kind": subject.value,
        "subject_id": subject_id,
        "purpose": purpose,
        "occasion": occasion,
        "template": template or purpose,
        "params": params or {},
        "due_at": due_at,
        "expires_at": expires_at,
        "quiet_hours": quiet_hours,
        "status": NotificationStatus.PENDING.value,
        "attempts": 0,
        "interruptions": 0,
    }
    insert = postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert
    statement = insert(Notification).values(**values).on_conflict_do_nothing()
    result = await session.execute(statement)
    added = int(getattr(result, "rowcount", 0) or 0) == 1
    if added:
        session.info[ADDED] = True
    return added


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def void(
    session: AsyncSession,
    subject: Subject,
    subject_id: int,
    *,
    purposes: tuple[str, ...] = (),
    occasion: str | None = None,
) -> int:
    """Cancel pending rows of a subject (only these purposes / this occasion, if given).

    Voiding frees the rows' slot, so the same reminder can be scheduled again later.
    """
    conditions = [
        Notification.subject_kind == subject.value,
        Notification.subject_id == subject_id,
        Notification.status == NotificationStatus.PENDING,
    ]
    if purposes:
        conditions.append(Notification.purpose.in_(purposes))
    if occasion is not None:
        conditions.append(Notification.occasion == occasion)
    result = await session.execute(
        update(Notification).where(*conditions).values(status=NotificationStatus.VOID)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def new_token() -> str:
    """A claim token: names one dispatcher's claim of some rows."""
    return secrets.token_hex(8)


async def claim_due(
    session: AsyncSession, now: datetime, token: str, limit: int
) -> list[Notification]:
    """Claim up to `limit` due rows under `token`: pending ones, and ones whose lease lapsed.

    A lapsed lease means a process died mid-send; after `MAX_INTERRUPTIONS` of those the row is
    failed instead of tried again. Each UPDATE is conditional, so two instances never both win.
    """
    lease = now + LEASE
    await session.execute(
        update(Notification)
        .where(
            Notification.status == NotificationStatus.SENDING,
            Notification.locked_until < now,
            Notification.interruptions >= MAX_INTERRUPTIONS - 1,
        )
        .values(
            status=NotificationStatus.FAILED,
            claim_token=None,
            locked_until=None,
            interruptions=Notification.interruptions + 1,
            last_error="gave up: sending was interrupted too often",
        )
    )
    await session.execute(
        update(Notification)
        .where(
            Notification.id.in_(
                _candidates(session, Notification.status == NotificationStatus.SENDING, limit)
                .where(Notification.locked_until < now)
                .order_by(Notification.locked_until)
            ),
            Notification.status == NotificationStatus.SENDING,
            Notification.locked_until < now,
        )
        .values(
            claim_token=token,
            locked_until=lease,
            attempts=Notification.attempts + 1,
            interruptions=Notification.interruptions + 1,
        )
    )
    await session.execute(
        update(Notification)
        .where(
            Notification.id.in_(
                _candidates(session, Notification.status == NotificationStatus.PENDING, limit)
                .where(Notification.due_at <= now)
                .order_by(Notification.due_at, Notification.id)
            ),
            Notification.status == NotificationStatus.PENDING,
        )
        .values(
            status=NotificationStatus.SENDING,
            claim_token=token,
            locked_until=lease,
            attempts=Notification.attempts + 1,
            first_attempt_at=func.coalesce(Notification.first_attempt_at, now),
        )
    )
    rows = await session.execute(
        select(Notification)
        .where(
            Notification.claim_token == token,
            Notification.status == NotificationStatus.SENDING,
        )
        .order_by(Notification.due_at, Notification.id)
        .limit(limit)
    )
    return list(rows.scalars())


def _candidates(session: AsyncSession, status: Any, limit: int) -> Any:
    """Ids to claim; on PostgreSQL rows another instance is claiming right now are skipped."""
    query = select(Notification.id).where(status).limit(limit)
    if _dialect(session) == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return query


async def owned(
    session: AsyncSession, row_id: int, token: str, now: datetime | None = None
) -> Notification | None:
    """The row if this claim still holds it (renewing its lease from `now`), else None."""
    row = (
        await session.execute(
            select(Notification).where(
                and_(
                    Notification.id == row_id,
                    Notification.claim_token == token,
                    Notification.status == NotificationStatus.SENDING,
                )
            )
        )
    ).scalar_one_or_none()
    if row is not None and now is not None:
        row.locked_until = now + LEASE
    return row


async def renew(session: AsyncSession, token: str, now: datetime) -> datetime:
    """Extend the lease of every row this claim still holds; the new end of the lease."""
    until = now + LEASE
    await session.execute(
        update(Notification)
        .where(
            Notification.claim_token == token,
            Notification.status == NotificationStatus.SENDING,
        )
        .values(locked_until=until)
    )
    return until


def _release(row: Notification, status: NotificationStatus) -> None:
    row.status, row.claim_token, row.locked_until = status, None, None


def mark_sent(row: Notification, now: datetime) -> None:
    """The notification reached the person."""
    _release(row, NotificationStatus.SENT)
    row.sent_at, row.last_error = now, None


def mark_failed(row: Notification, reason: str) -> None:
    """The notification cannot be delivered (blocked bot, bad request): recorded, not retried."""
    _release(row, NotificationStatus.FAILED)
    row.last_error = reason[:500]


def is_stale(row: Notification, now: datetime) -> bool:
    """True when the row was only useful until a moment that has passed."""
    return row.expires_at is not None and now >= row.expires_at


def mark_void(row: Notification) -> None:
    """The notification no longer applies (its milestone was done, say): never sent."""
    _release(row, NotificationStatus.VOID)


def postpone(row: Notification, until: datetime) -> None:
    """Hold the row until `until` (quiet hours) without counting an attempt."""
    _release(row, NotificationStatus.PENDING)
    row.due_at = until
    row.attempts = max(row.attempts - 1, 0)


def deadline(row: Notification, now: datetime) -> datetime:
    """Until when a transiently failing row is worth retrying."""
    return row.expires_at or (row.first_attempt_at or now) + RETRY_FOR


def retry_later(row: Notification, now: datetime, reason: str, after: float | None = None) -> None:
    """Put the row back for another try after a transient failure (back-off unless `after`);
    past the row's deadline it fails with the reason."""
    delay = after if after is not None else BACKOFF_FIRST * 2 ** max(row.attempts - 1, 0)
    at = now + timedelta(seconds=min(delay, BACKOFF_MAX) if after is None else delay)
    if at >= deadline(row, now):
        mark_failed(row, f"gave up after {row.attempts} attempts: {reason}")
        return
    _release(row, NotificationStatus.PENDING)
    row.due_at, row.last_error = at, reason[:500]
