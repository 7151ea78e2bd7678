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
        """Wait for passes started by `wake` or a tick (used at shutdown and in tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        async with self._lock:  # a pass the scheduler's tick started
            pass

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
        """Prepare in one transaction, send outside any, record the outcome in another.

        The row is claimed (a lease) throughout, so no other pass or instance takes it, and no
        database lock is held while the platform is being talked to.
        """
        now = self.clock()
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
            if outbox.is_stale(row, now):
                outbox.mark_void(row)  # e.g. a "due in 3 days" reminder caught up too late
                return
            if row.quiet_hours and quiet_hours.is_quiet(now, person.timezone, self.quiet):
                outbox.postpone(row, quiet_hours.next_allowed(now, person.timezone, self.quiet))
                return
            try:
                replies = await self.render(session, row, person)
            except Exception as exc:
                log.exception("notification %s could not be rendered", row.id)
                outbox.retry_later(row, now, repr(exc))
                return
            if replies is None:
                outbox.mark_void(row)
                return
            platform, address = self.platforms[account.platform], account.address
            external_id = account.external_id
        outcome = await self._send(platform, external_id, replies, row_id, address)
        async with self.db.transaction() as session:
            row = await session.get(Notification, row_id)
            if row is not None:
                outcome(row)

    async def _send(
        self,
        platform: Platform,
        external_id: str,
        replies: list[Reply],
        row_id: int,
        address: str,
    ) -> Callable[[Notification], None]:
        """Send, and say how to record the result on the row."""
        try:
            await platform.send(external_id, replies)
        except RecipientUnavailable as exc:
            log.info("notification %s: %s blocked the bot (%s)", row_id, address, exc)
            reason = f"recipient unavailable: {exc}"
            return lambda row: outbox.mark_failed(row, reason)
        except RetryLater as exc:
            log.warning("notification %s: retry later (%s)", row_id, exc)
            after, text = exc.after, str(exc)
            return lambda row: outbox.retry_later(row, self.clock(), text, after)
        except Exception as exc:
            log.exception("notification %s failed", row_id)
            text = repr(exc)
            return lambda row: outbox.retry_later(row, self.clock(), text)
        return lambda row: outbox.mark_sent(row, self.clock())
