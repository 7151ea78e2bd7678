"""Delivering due outbox rows through whichever platform the recipient uses.

A pass claims a small batch under a claim token and renders it in that one transaction; then it
sends: one person's rows in order, up to `concurrency` people at once, each platform within its
own rate and within the platform's total shared with the broadcasts (a retry-after pauses
only that platform, in its adapter). Every outcome is recorded in a
transaction of its own, only while the claim still holds, and recording renews the lease of the
rest of the batch; a row whose lease may have lapsed is checked before it is sent. No database
transaction is open while a platform is being talked to.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, time

from aiolimiter import AsyncLimiter
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, quiet_hours
from bot.core.conversation import Reply
from bot.core.models import Account, Notification, Person, utcnow
from bot.core.services import people
from bot.db import Database
from bot.platforms.base import DeliveryRefused, Platform, RecipientUnavailable, RetryLater

log = logging.getLogger(__name__)

Render = Callable[[AsyncSession, Notification, Person], Awaitable[list[Reply] | None]]
Outcome = Callable[[Notification], None]

SEND_TIMEOUT = 60.0  # seconds one row's send may take; well inside the outbox lease


@dataclass(frozen=True)
class _Ready:
    """A claimed row rendered and ready to go: where, and what."""

    row_id: int
    person_id: int
    platform: Platform
    external_id: str
    address: str
    replies: list[Reply]


@dataclass
class _Claim:
    """This pass's claim: its token, and until when its lease surely holds."""

    token: str
    until: datetime


class Dispatcher:
    """Claims due notifications, sends them, and records the outcome of each."""

    def __init__(
        self,
        db: Database,
        platforms: Mapping[str, Platform],
        render: Render,
        clock: Callable[[], datetime] = utcnow,
        quiet: tuple[time, time] = quiet_hours.DEFAULT_QUIET,
        concurrency: int = 8,
    ) -> None:
        self.db = db
        self.platforms = platforms
        self.render = render
        self.clock = clock
        self.quiet = quiet
        self.concurrency = concurrency
        self.batch = concurrency * 4  # small enough that a batch is sent well within its lease
        self._limits: dict[str, AsyncLimiter] = {}
        # each platform's total pace, shared with the broadcasts (`Broadcaster.limits`), so
        # notifications and announcements together stay within the platform's limit
        self.shared: Mapping[str, AsyncLimiter] = {}
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[int]] = set()
        self._stopping = False

    def wake(self) -> None:
        """Run a dispatch pass soon (after a unit of work wrote rows)."""
        if self._stopping:
            return
        task = asyncio.get_running_loop().create_task(self.run_once())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for passes started by `wake` or a tick (used at shutdown and in tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        async with self._lock:  # a pass the scheduler's tick started
            pass

    async def stop(self) -> None:
        """Shutting down: finish the batch under way, claim no more (the rest waits, pending,
        for the next start), and wait until it is recorded."""
        self._stopping = True
        await self.drain()

    async def run_once(self) -> int:
        """Send everything due now, batch after batch; how many rows were handled."""
        handled = 0
        async with self._lock:
            while not self._stopping:
                now = self.clock()
                claim = _Claim(outbox.new_token(), now + outbox.LEASE)
                async with self.db.transaction() as session:
                    rows = await outbox.claim_due(session, now, claim.token, self.batch)
                    ready = [await self._prepare(session, row, now) for row in rows]
                if not rows:
                    return handled
                queues: dict[int, list[_Ready]] = {}
                for item in ready:
                    if item is not None:
                        queues.setdefault(item.person_id, []).append(item)
                gate = asyncio.Semaphore(self.concurrency)
                await asyncio.gather(
                    *(self._deliver_queue(q, claim, gate) for q in queues.values())
                )
                handled += len(rows)
        return handled

    async def _deliver_queue(
        self, items: list[_Ready], claim: _Claim, gate: asyncio.Semaphore
    ) -> None:
        """One person's rows, in order."""
        async with gate:
            for item in items:
                await self._deliver(item, claim)

    async def _deliver(self, item: _Ready, claim: _Claim) -> None:
        """Send outside any transaction, then record the outcome while the claim holds."""
        if self.clock() >= claim.until and not await self._still_ours(item.row_id, claim):
            return  # the lease lapsed and another instance took the row over
        outcome = await self._send(item)
        async with self.db.transaction() as session:
            row = await outbox.owned(session, item.row_id, claim.token)
            if row is None:
                log.warning("notification %s: claim lost while sending; not recorded", item.row_id)
                return
            outcome(row)
            now = self.clock()
            if claim.until - now < outbox.LEASE / 2:
                claim.until = await outbox.renew(session, claim.token, now)

    async def _still_ours(self, row_id: int, claim: _Claim) -> bool:
        """Whether the claim still holds the row (renewing the lease of the batch if so)."""
        async with self.db.transaction() as session:
            if await outbox.owned(session, row_id, claim.token) is None:
                return False
            claim.until = await outbox.renew(session, claim.token, self.clock())
            return True

    async def _prepare(
        self, session: AsyncSession, row: Notification, now: datetime
    ) -> _Ready | None:
        """Render a claimed row; None (the row recorded as void, failed or held) if nothing is
        to be sent now."""
        person = await session.get(Person, row.person_id) if row.person_id else None
        account = await self._account(session, row, person)
        if person is None or account is None:
            outbox.mark_failed(row, "no reachable account")
            return None
        if outbox.is_stale(row, now):
            outbox.mark_void(row)  # e.g. a "due in 3 days" reminder caught up too late
            return None
        if row.quiet_hours and quiet_hours.is_quiet(now, person.timezone, self.quiet):
            outbox.postpone(row, quiet_hours.next_allowed(now, person.timezone, self.quiet))
            return None
        try:
            replies = await self.render(session, row, person)
        except Exception as exc:
            log.exception("notification %s could not be rendered", row.id)
            outbox.retry_later(row, now, repr(exc))
            return None
        if replies is None:
            outbox.mark_void(row)
            return None
        platform = self.platforms[account.platform]
        return _Ready(row.id, person.id, platform, account.external_id, account.address, replies)

    async def _account(
        self, session: AsyncSession, row: Notification, person: Person | None
    ) -> Account | None:
        """Where the row goes: the account it names, else the person's preferred one."""
        if row.account_id is not None:
            account = await session.get(Account, row.account_id)
            return account if account is not None and account.platform in self.platforms else None
        if person is None:
            return None
        return await people.preferred_account(session, person.id, set(self.platforms))

    def _limit(self, platform: Platform) -> AsyncLimiter:
        limit = self._limits.get(platform.name)
        if limit is None:
            limit = self._limits[platform.name] = AsyncLimiter(platform.rate, 1.0)
        return limit

    async def _send(self, ready: _Ready) -> Outcome:
        """Send within the platform's rate, and say how to record the result on the row."""
        row_id = ready.row_id
        try:
            total = self.shared.get(ready.platform.name) or contextlib.nullcontext()
            async with self._limit(ready.platform), total, asyncio.timeout(SEND_TIMEOUT):
                await ready.platform.send(
                    ready.external_id, ready.replies, dedup_key=f"outbox:{row_id}"
                )
        except RecipientUnavailable as exc:
            log.info("notification %s: %s blocked the bot (%s)", row_id, ready.address, exc)
            return _failed(f"recipient unavailable: {exc}")
        except DeliveryRefused as exc:
            log.warning("notification %s: refused by the platform (%s)", row_id, exc)
            return _failed(f"refused: {exc}")
        except RetryLater as exc:
            log.warning("notification %s: retry later (%s)", row_id, exc)
            return self._retry(str(exc), exc.after)
        except TimeoutError:
            log.warning("notification %s: no answer within %.0f s", row_id, SEND_TIMEOUT)
            return self._retry("send timed out", None)
        except Exception as exc:
            log.exception("notification %s failed", row_id)
            return self._retry(repr(exc), None)
        return lambda row: outbox.mark_sent(row, self.clock())

    def _retry(self, reason: str, after: float | None) -> Outcome:
        return lambda row: outbox.retry_later(row, self.clock(), reason, after)


def _failed(reason: str) -> Outcome:
    return lambda row: outbox.mark_failed(row, reason)
