"""Sending broadcasts: claim a batch of deliveries, send each within the platform's limits,
record every outcome; when a broadcast has nothing left, tell its curator (the report).

Limits: a shared `AsyncLimiter` per platform (`BROADCAST_TELEGRAM_RATE`, `BROADCAST_VK_RATE`)
and, on Telegram, one message a second per chat. A "too many requests" pauses the whole
platform until a deadline every send on it honours (the adapter's `Sender`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from aiolimiter import AsyncLimiter
from markupsafe import escape
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import broadcast_queue, outbox
from bot.core.conversation import File, Reply
from bot.core.models import (
    Account,
    Broadcast,
    BroadcastDelivery,
    DeliveryStatus,
    Subject,
    utcnow,
)
from bot.db import Database
from bot.platforms.base import DeliveryRefused, Platform, RecipientUnavailable, RetryLater

log = logging.getLogger(__name__)

SEND_TIMEOUT = 60.0  # seconds one delivery may take; well inside the lease
PER_CHAT = 1.0  # Telegram: messages a second to one chat
DONE = "broadcast-done"  # the outbox purpose of the curator's final report


class Broadcaster:
    """Claims due broadcast deliveries, sends them within the limits, records each outcome."""

    def __init__(
        self,
        db: Database,
        platforms: Mapping[str, Platform],
        rates: Mapping[str, float],
        clock: Callable[[], datetime] = utcnow,
        batch: int = 100,
    ) -> None:
        self.db = db
        self.platforms = platforms
        self.clock = clock
        self.batch = batch
        self.limits = {name: AsyncLimiter(rate, 1.0) for name, rate in rates.items()}
        self._chats: dict[str, AsyncLimiter] = {}
        self._lock = asyncio.Lock()
        self._stopping = False
        self.on_report: Callable[[], None] = lambda: None  # wake the outbox for the report

    async def run_once(self) -> int:
        """Send everything due now, batch after batch; how many deliveries were handled."""
        handled = 0
        async with self._lock:
            while not self._stopping:
                token = outbox.new_token()
                async with self.db.transaction() as session:
                    rows = await broadcast_queue.claim(session, self.clock(), token, self.batch)
                    work = [await self._prepare(session, row) for row in rows]
                if not rows:
                    break
                await asyncio.gather(*(self._deliver(item, token) for item in work))
                handled += len(rows)
            await self._report()
        return handled

    async def stop(self) -> None:
        """Shutting down: finish the batch under way and claim no more."""
        self._stopping = True
        async with self._lock:
            pass

    async def _prepare(
        self, session: AsyncSession, row: BroadcastDelivery
    ) -> tuple[int, str, str, Reply]:
        """Where a claimed delivery goes and what: the text escaped once, the file, the intent."""
        account = await session.get(Account, row.account_id)
        broadcast = await session.get(Broadcast, row.broadcast_id)
        assert account is not None and broadcast is not None
        file = None
        if broadcast.file_content is not None:
            name, mime = broadcast.file_name or "file", broadcast.file_mime or ""
            file = File(name, broadcast.file_content, mime)
        reply = Reply(escape(broadcast.text), file=file, intent=row.intent)
        return row.id, account.platform, account.external_id, reply

    async def _deliver(self, item: tuple[int, str, str, Reply], token: str) -> None:
        row_id, platform_name, chat, reply = item
        platform = self.platforms.get(platform_name)
        if platform is None:
            outcome = _final(DeliveryStatus.FAILED, f"{platform_name} is not running")
        else:
            outcome = await self._send(platform, chat, reply, row_id)
        async with self.db.transaction() as session:
            row = await broadcast_queue.owned(session, row_id, token)
            if row is not None:
                outcome(row, self.clock())

    def _limit(self, platform: Platform) -> AsyncLimiter:
        """The platform's shared limiter (its own rate where no setting names it)."""
        if platform.name not in self.limits:
            self.limits[platform.name] = AsyncLimiter(platform.rate, 1.0)
        return self.limits[platform.name]

    def _chat_limit(self, platform: str, chat: str) -> AsyncLimiter | None:
        if platform != "telegram":
            return None
        if len(self._chats) > 10 * self.batch:
            self._chats.clear()
        return self._chats.setdefault(chat, AsyncLimiter(1, PER_CHAT))

    async def _send(self, platform: Platform, chat: str, reply: Reply, row_id: int) -> _Outcome:
        chat_limit = self._chat_limit(platform.name, chat)
        try:
            if chat_limit is not None:
                await chat_limit.acquire()
            async with self._limit(platform), asyncio.timeout(SEND_TIMEOUT):
                await platform.send(chat, [reply], dedup_key=f"broadcast:{row_id}")
        except RecipientUnavailable as exc:
            return _final(DeliveryStatus.UNREACHABLE, str(exc) or "blocked")
        except DeliveryRefused as exc:
            return _final(DeliveryStatus.FAILED, f"refused: {exc}")
        except RetryLater as exc:
            return _retry(str(exc), exc.after)
        except TimeoutError:
            return _retry("send timed out", None)
        except Exception as exc:
            log.exception("broadcast delivery %s failed", row_id)
            return _retry(repr(exc), None)
        return _final(DeliveryStatus.SENT, "")

    async def _report(self) -> None:
        """Broadcasts with nothing left are done; each curator gets the final report."""
        now = self.clock()
        async with self.db.transaction() as session:
            for broadcast in await broadcast_queue.finished(session, now):
                if broadcast.created_by is not None:
                    await outbox.schedule(
                        session,
                        to=broadcast.created_by,
                        subject=Subject.BROADCAST,
                        subject_id=broadcast.id,
                        purpose=DONE,
                        due_at=now,
                    )
            added = bool(session.info.get(outbox.ADDED))
        if added:
            self.on_report()


_Outcome = Callable[[BroadcastDelivery, datetime], None]


def _final(status: DeliveryStatus, reason: str) -> _Outcome:
    return lambda row, now: broadcast_queue.finish(row, status, now, reason)


def _retry(reason: str, after: float | None) -> _Outcome:
    return lambda row, now: broadcast_queue.retry(row, now, reason, after)
