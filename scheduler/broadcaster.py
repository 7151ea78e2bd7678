"""Sending broadcasts: claim a batch of deliveries, send each within the platform's limits,
record every outcome; when a broadcast has nothing left, tell its curator (the report).

The curator's progress message (the card Send turned into) is edited as batches are recorded:
at most once every `interval` of the clock while sending, at once when a paused or cancelled
broadcast's last sends are recorded, and once more with the final figures. An edit that fails
is logged and skipped; a message that can no longer be edited is edited no more.

Limits: a shared `AsyncLimiter` per platform, spacing requests evenly
(`BROADCAST_TELEGRAM_RATE`, `BROADCAST_VK_RATE`; see `pace`) and, on Telegram, one message a
second per chat. On VK one request carries a batch of up to 100 deliveries (`peer_ids`). A
"too many requests" pauses the whole platform until a deadline every send on it honours (the
adapter's `Sender`). The first claims of a run are small, so the first messages go out at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import broadcast_queue, outbox
from bot.core.conversation import Button, File, Reply
from bot.core.models import (
    Account,
    Broadcast,
    BroadcastDelivery,
    BroadcastStatus,
    DeliveryStatus,
    Person,
    Subject,
    utcnow,
)
from bot.db import Database
from bot.platforms.base import (
    DeliveryRefused,
    Multicast,
    Platform,
    RecipientUnavailable,
    RetryLater,
)

log = logging.getLogger(__name__)

SEND_TIMEOUT = 60.0  # seconds one delivery may take; well inside the lease
MARGIN = 1.02  # sends are spaced 2 % wider than the limit, so no one-second window exceeds it
PER_CHAT = 1.0  # Telegram: messages a second to one chat
DONE = "broadcast-done"  # the outbox purpose of the curator's final report

# The curator's progress card of a broadcast and the account whose chat it is in (None: none).
Progress = Callable[[AsyncSession, Broadcast], Awaitable[tuple[Account, Reply] | None]]


class Broadcaster:
    """Claims due broadcast deliveries, sends them within the limits, records each outcome."""

    def __init__(
        self,
        db: Database,
        platforms: Mapping[str, Platform],
        rates: Mapping[str, float],
        clock: Callable[[], datetime] = utcnow,
        batch: int = 100,
        progress: Progress | None = None,
        interval: float = 5.0,
    ) -> None:
        self.db = db
        self.platforms = platforms
        self.clock = clock
        self.batch = batch
        self.progress = progress
        self.interval = timedelta(seconds=interval)  # at least between two progress edits
        self._shown: dict[int, datetime] = {}  # when each broadcast's progress was last shown
        self._cards_due: dict[int, _Card] = {}  # the latest card of each broadcast, to show
        self._showing: asyncio.Task[None] | None = None
        self.limits = {name: pace(rate) for name, rate in rates.items()}
        self._chats: dict[str, AsyncLimiter] = {}
        self._lock = asyncio.Lock()
        self._stopping = False
        self.on_report: Callable[[], None] = lambda: None  # wake the outbox for the report
        # the buttons under an announcement, in the language of its reader (None: unknown)
        self.buttons: Callable[[str | None], list[list[Button]]] = lambda locale: []

    async def run_once(self) -> int:
        """Send everything due now, batch after batch; how many deliveries were handled. The
        next batch is claimed while a batch is being sent, and queues for the limiter behind
        it (so the limiter never idles between batches); outcomes are recorded as the sends
        complete (see `_Recorder`)."""
        handled = 0
        async with self._lock:
            recorder = _Recorder(self._record)
            tenths = 1  # of a full claim: the first claims are small, so sending starts soon
            claiming = asyncio.create_task(self._claim(tenths))
            sending: asyncio.Future[list[None]] | None = None
            try:
                while True:
                    token, claimed, work = await claiming
                    if not claimed:
                        break
                    previous = sending
                    sending = asyncio.gather(*(self._sent(token, i, recorder) for i in work))
                    if previous is not None:
                        await previous
                    tenths = min(2 * tenths, 10)
                    claiming = asyncio.create_task(self._claim(tenths))
                    handled += claimed
            except BaseException:  # cancelled (shutting down hard) or failed: stop sending
                if sending is not None:
                    sending.cancel()
                raise
            finally:
                if sending is not None:
                    await asyncio.gather(sending, return_exceptions=True)
                await recorder.close()
                if not claiming.done():
                    claiming.cancel()
            await self._report()
        return handled

    async def _claim(self, tenths: int) -> tuple[str, int, list[_Work]]:
        """`tenths` of a full batch claimed under a new token and made ready to send (none
        while stopping)."""
        token = outbox.new_token()
        if self._stopping:
            return token, 0, []
        batched_on = [n for n, p in self.platforms.items() if isinstance(p, Multicast)]
        size = max(1, self.batch * tenths // 10)
        batches = max(1, broadcast_queue.BATCHES * tenths // 10)
        async with self.db.transaction() as session:
            now = self.clock()
            rows = await broadcast_queue.claim(session, now, token, size, batched_on, batches)
            return token, len(rows), await self._prepare(session, rows)

    async def stop(self) -> None:
        """Shutting down: finish the batch under way and claim no more."""
        self._stopping = True
        async with self._lock:
            pass

    async def _prepare(self, session: AsyncSession, rows: list[BroadcastDelivery]) -> list[_Work]:
        """Where each claimed delivery goes and what: the text escaped once, the file, the
        intent (accounts and broadcasts read in one query each); a batch's members as one."""
        if not rows:
            return []
        query = select(
            Account.id, Account.platform, Account.external_id, Account.person_id, Person.locale
        ).outerjoin(Person, Person.id == Account.person_id)
        found = await session.execute(query.where(Account.id.in_({r.account_id for r in rows})))
        accounts = {a.id: (a.platform, a.external_id, a.person_id, a.locale) for a in found}
        casts = await _by_id(session, Broadcast, {r.broadcast_id for r in rows})
        replies: dict[tuple[int, str, str], Reply] = {}
        work: list[_Work] = []
        batches: dict[int, _Work] = {}
        for row in rows:
            platform, chat, owner, locale = accounts[row.account_id]
            if row.person_id is not None and owner != row.person_id:
                # withdrew consent (or unlinked the account) since the list was frozen
                broadcast_queue.finish(row, DeliveryStatus.FAILED, self.clock(), "left")
                continue
            key = (row.broadcast_id, row.intent, locale or "")
            if key not in replies:
                buttons = self.buttons(locale)
                replies[key] = _reply(casts[row.broadcast_id], row.intent, buttons)
            item = batches.get(row.batch_id) if row.batch_id is not None else None
            if item is None:
                item = _Work(platform, replies[key], row.batch_id)
                work.append(item)
                if row.batch_id is not None:
                    batches[row.batch_id] = item
            item.rows.append(row.id)
            item.chats.append(chat)
        return work

    async def _sent(self, token: str, item: _Work, recorder: _Recorder) -> None:
        outcomes = await self._deliver(item)
        recorder.add(token, list(zip(item.rows, outcomes, strict=True)))

    async def _deliver(self, item: _Work) -> list[_Outcome]:
        """Send one delivery (or a batch) outside any transaction; how to record each."""
        platform = self.platforms.get(item.platform)
        if platform is None:
            failed = _final(DeliveryStatus.FAILED, f"{item.platform} is not running")
            return [failed] * len(item.rows)
        return await self._send(platform, item)

    async def _record(self, token: str, outcomes: list[tuple[int, _Outcome]]) -> None:
        """Outcomes in one transaction, each only while the claim still holds it (a process
        dying before this sends them again: see `broadcast_queue`)."""
        async with self.db.transaction() as session:
            now = self.clock()
            held = await broadcast_queue.owned(session, [row_id for row_id, _ in outcomes], token)
            touched = set()
            for row_id, outcome in outcomes:
                if row_id in held:
                    outcome(held[row_id], now)
                    touched.add(held[row_id].broadcast_id)
            cards = await self._cards(session, await _by_id(session, Broadcast, touched), now)
        self._queue_cards(cards)

    def _queue_cards(self, cards: Iterable[_Card]) -> None:
        """Show the cards apart from recording (an edit waiting out a 429 must not hold the
        outcomes back); a card not yet shown gives way to a newer one of its broadcast."""
        for card in cards:
            self._cards_due[card[0]] = card
        if self._cards_due and (self._showing is None or self._showing.done()):
            self._showing = asyncio.create_task(self._show_due())

    async def _show_due(self) -> None:
        while self._cards_due:
            cards = list(self._cards_due.values())
            self._cards_due.clear()
            await self._show(cards)

    async def _shown_all(self) -> None:
        """Wait for the cards queued so far to be shown."""
        if self._showing is not None:
            await self._showing

    async def _cards(
        self,
        session: AsyncSession,
        found: Mapping[int, Broadcast],
        now: datetime,
        final: bool = False,
    ) -> list[_Card]:
        """The progress cards due an edit now: a sending broadcast's once per `interval`, a
        paused or cancelled one's (its last sends recorded) and a `final` one's at once."""
        if self.progress is None:
            return []
        cards = []
        for broadcast in found.values():
            last = self._shown.get(broadcast.id, broadcast.created_at)
            sending = broadcast.status == BroadcastStatus.SENDING
            if sending and not final and now - last < self.interval:
                continue
            shown = await self.progress(session, broadcast)
            if shown is None or broadcast.progress_message is None:
                continue
            self._shown[broadcast.id] = now
            if broadcast.status == BroadcastStatus.CANCELLED:
                self._shown.pop(broadcast.id)  # its last card: nothing will follow
            account, reply = shown
            where = (account.platform, account.external_id, broadcast.progress_message)
            cards.append((broadcast.id, *where, reply))
        return cards

    async def _show(self, cards: Iterable[_Card]) -> None:
        """Edit each progress message; failures are logged, never raised: the broadcast goes
        on. A message that can no longer be edited is forgotten."""
        for broadcast_id, platform_name, chat, message, reply in cards:
            platform = self.platforms.get(platform_name)
            if platform is None:
                continue
            try:
                async with self._limit(platform), asyncio.timeout(SEND_TIMEOUT):
                    await platform.edit(chat, message, reply)
            except (DeliveryRefused, RecipientUnavailable) as exc:
                log.info("broadcast %s: progress message not editable: %s", broadcast_id, exc)
                await self._forget_message(broadcast_id)
            except (RetryLater, TimeoutError) as exc:
                log.info("broadcast %s: progress not shown this time: %r", broadcast_id, exc)
            except Exception:
                log.exception("broadcast %s: progress not shown", broadcast_id)

    async def _forget_message(self, broadcast_id: int) -> None:
        async with self.db.transaction() as session:
            broadcast = await session.get(Broadcast, broadcast_id)
            if broadcast is not None:
                broadcast.progress_message = None

    def _limit(self, platform: Platform) -> AsyncLimiter:
        """The platform's shared limiter (its own rate where no setting names it)."""
        if platform.name not in self.limits:
            self.limits[platform.name] = pace(platform.rate)
        return self.limits[platform.name]

    def _chat_limit(self, platform: str, chat: str) -> AsyncLimiter | None:
        if platform != "telegram":
            return None
        if len(self._chats) > 10 * self.batch:
            self._chats.clear()
        return self._chats.setdefault(chat, AsyncLimiter(1, PER_CHAT))

    async def _send(self, platform: Platform, item: _Work) -> list[_Outcome]:
        """One request: a delivery, or a batch to many chats in one (its `random_id` from
        the batch row); a failure of the whole request is every member's outcome."""
        chat_limit = self._chat_limit(platform.name, item.chats[0])
        missed: dict[str, Exception] = {}
        try:
            if chat_limit is not None:
                await chat_limit.acquire()
            async with self._limit(platform), asyncio.timeout(SEND_TIMEOUT):
                if item.batch is not None and isinstance(platform, Multicast):
                    key = f"broadcast-batch:{item.batch}"
                    missed = await platform.send_many(item.chats, item.reply, key)
                else:
                    key = f"broadcast:{item.rows[0]}"
                    await platform.send(item.chats[0], [item.reply], dedup_key=key)
        except Exception as exc:
            return [_outcome(exc, alone=False, rows=item.rows)] * len(item.rows)
        return [_outcome(missed.get(chat), alone=True, rows=item.rows) for chat in item.chats]

    async def _report(self) -> None:
        """Broadcasts with nothing left are done; each curator gets the final report."""
        now = self.clock()
        async with self.db.transaction() as session:
            done = await broadcast_queue.finished(session, now)
            cards = await self._cards(session, {b.id: b for b in done}, now, final=True)
            for broadcast in done:
                self._shown.pop(broadcast.id, None)
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
        await self._shown_all()
        await self._show(cards)
        if added:
            self.on_report()


async def _by_id(session: AsyncSession, model: Any, ids: set[int]) -> dict[int, Any]:
    query = select(model).where(model.id.in_(ids))
    return {found.id: found for found in (await session.execute(query)).scalars()}


def _reply(broadcast: Broadcast, intent: str, buttons: list[list[Button]]) -> Reply:
    """What a broadcast sends: its text (limited HTML, escaped when it was written), its file,
    VK's intent, the buttons under it."""
    file = None
    if broadcast.file_content is not None:
        name, mime = broadcast.file_name or "file", broadcast.file_mime or ""
        file = File(name, broadcast.file_content, mime)
    return Reply(Markup(broadcast.text), buttons, file=file, intent=intent)


def pace(rate: float) -> AsyncLimiter:
    """A limiter that spaces sends evenly at `rate` / `MARGIN` a second.

    Its bucket holds a little more than one send: a sender woken late (a busy event loop)
    finds the next send's room already there instead of losing the delay, and the pace
    catches up. Half of the margin pays for that, the other half is left for the time a
    request takes to reach the platform, so no one-second window there sees more than
    `rate` (a bucket of C drained at r lets at most C + r·L sends into L seconds)."""
    capacity = 1 + rate * (1 - 1 / MARGIN) / 2
    return AsyncLimiter(capacity, capacity * MARGIN / rate)


_Outcome = Callable[[BroadcastDelivery, datetime], None]
_Card = tuple[int, str, str, str, Reply]  # broadcast id, platform, chat, message, the card
_Done = list[tuple[int, _Outcome]]  # delivery ids and how to record each


class _Recorder:
    """Records outcomes as the sends complete, one transaction taking all that came in since
    the last: a crash repeats on Telegram only the sends in flight, not a whole claim."""

    def __init__(self, record: Callable[[str, _Done], Awaitable[None]]) -> None:
        self._record = record
        self._waiting: dict[str, _Done] = {}  # claim token -> outcomes not yet recorded
        self._wake = asyncio.Event()
        self._closing = False
        self._task = asyncio.create_task(self._run())

    def add(self, token: str, done: _Done) -> None:
        """Outcomes to record under the claim `token`."""
        self._waiting.setdefault(token, []).extend(done)
        self._wake.set()

    async def close(self) -> None:
        """Record what is left, then stop."""
        self._closing = True
        self._wake.set()
        await self._task

    async def _run(self) -> None:
        while not (self._closing and not self._waiting):
            await self._wake.wait()
            self._wake.clear()
            waiting, self._waiting = self._waiting, {}
            for token, done in waiting.items():
                await self._record(token, done)


@dataclass
class _Work:
    """One request to make: what to send, where, and the deliveries it records."""

    platform: str
    reply: Reply
    batch: int | None  # a VK batch: one request to every chat
    rows: list[int] = field(default_factory=list)  # delivery ids, in the order of `chats`
    chats: list[str] = field(default_factory=list)


def _outcome(exc: Exception | None, alone: bool, rows: list[int]) -> _Outcome:
    """How to record a send that raised `exc` (None: sent); `alone`: the error was this
    delivery's own, not its whole batch's (see `broadcast_queue.retry`)."""
    if exc is None:
        return _final(DeliveryStatus.SENT, "")
    if isinstance(exc, RecipientUnavailable):
        return _final(DeliveryStatus.UNREACHABLE, str(exc) or "blocked")
    if isinstance(exc, DeliveryRefused):
        return _final(DeliveryStatus.FAILED, f"refused: {exc}")
    if isinstance(exc, RetryLater):
        return _retry(str(exc), exc.after, alone)
    if isinstance(exc, TimeoutError):
        return _retry("send timed out", None, alone)
    log.error("broadcast deliveries %s failed", rows, exc_info=exc)
    return _retry(repr(exc), None, alone)


def _final(status: DeliveryStatus, reason: str) -> _Outcome:
    return lambda row, now: broadcast_queue.finish(row, status, now, reason)


def _retry(reason: str, after: float | None, alone: bool) -> _Outcome:
    return lambda row, now: broadcast_queue.retry(row, now, reason, after, alone)
