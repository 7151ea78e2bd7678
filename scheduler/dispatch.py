"""Delivering due outbox rows through whichever platform the recipient uses."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, quiet_hours
from bot.core.conversation import Reply
from bot.core.models import Notification, Person, utcnow
from bot.core.services import people
from bot.db import Database
from bot.platforms.base import Platform, RecipientUnavailable, RetryLater

log = logging.getLogger(__name__)

Render = Callable[[AsyncSession, Notification, Person], Awaitable[list[Reply] | None]]


class Dispatcher:
    """Claims due notifications, sends them, and records the outcome of each."""

    def __init__(
        self,
        db: Database,
        platforms: Mapping[str, Platform],
        render: Render,
        clock: Callable[[], datetime] = utcnow,
        batch: int = 50,
        quiet: tuple[time, time] = quiet_hours.DEFAULT_QUIET,
    ) -> None:
        self.db = db
        self.platforms = platforms
        self.render = render
        self.clock = clock
        self.batch = batch
        self.quiet = quiet
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[int]] = set()

    def wake(self) -> None:
        """Run a dispatch pass soon (after a handler wrote rows due now)."""
        task = asyncio.get_running_loop().create_task(self.run_once())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for passes started by `wake` (used at shutdown and in tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def run_once(self) -> int:
        """Send everything due now, batch after batch; how many rows were handled."""
        handled = 0
        async with self._lock:
            while True:
                now = self.clock()
                async with self.db.transaction() as session:
                    rows = await outbox.claim_due(session, now, self.batch)
                if not rows:
                    return handled
                for row in rows:
                    await self._deliver(row.id)
                handled += len(rows)

    async def _deliver(self, row_id: int) -> None:
        async with self.db.transaction() as session:
            row = await session.get(Notification, row_id)
            if row is None:
                return
            person = await session.get(Person, row.person_id) if row.person_id else None
            account = (
                await people.preferred_account(session, person.id, set(self.platforms))
                if person
                else None
            )
            if person is None or account is None:
                outbox.mark_failed(row, "no reachable account")
                return
            if outbox.is_stale(row, self.clock()):
                outbox.mark_void(row)  # e.g. a "due in 3 days" reminder caught up too late
                return
            if row.quiet_hours and quiet_hours.is_quiet(self.clock(), person.timezone, self.quiet):
                outbox.postpone(row, quiet_hours.next_allowed(self.clock(), person.timezone, self.quiet))
                return
            try:
                replies = await self.render(session, row, person)
                if replies is None:
                    outbox.mark_void(row)
                    return
                await self.platforms[account.platform].send(account.external_id, replies)
            except RecipientUnavailable as exc:
                log.info("notification %s: %s blocked the bot (%s)", row.id, account.address, exc)
                outbox.mark_failed(row, f"recipient unavailable: {exc}")
            except RetryLater as exc:
                log.warning("notification %s: retry later (%s)", row.id, exc)
                outbox.retry_later(row, self.clock(), str(exc), exc.after)
            except Exception as exc:
                log.exception("notification %s failed", row.id)
                outbox.retry_later(row, self.clock(), repr(exc))
            else:
                outbox.mark_sent(row, self.clock())
