"""Fake Telegram Bot API and VK API servers for end-to-end tests and benchmarks.

Both fakes are real HTTP servers on 127.0.0.1 (random port) that the real aiogram and
vkbottle libraries talk to.  Shared plumbing lives here; the fakes themselves are in
:mod:`tests.fakes.telegram` and :mod:`tests.fakes.vk`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from aiohttp import web

__all__ = ["FakeServer", "FakeTelegram", "FakeUser", "FakeVK", "Signal"]


class Signal:
    """Edge-triggered notifier: ``notify()`` is sync, ``wait_for()`` re-checks a predicate.

    Cheap when nobody waits (no Event is allocated), so it can be notified on hot paths.
    """

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def notify(self) -> None:
        """Wake every current waiter so it re-evaluates its predicate."""
        event = self._event
        if event is not None:
            self._event = None
            event.set()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float) -> bool:
        """Wait until ``predicate()`` is truthy; return False if ``timeout`` passed first."""
        if predicate():
            return True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return bool(predicate())
            if self._event is None:
                self._event = asyncio.Event()
            event = self._event
            try:
                async with asyncio.timeout(remaining):
                    await event.wait()
            except TimeoutError:
                pass
            if predicate():
                return True


M = TypeVar("M")


class FakeUser(Generic[M]):
    """What both platforms' fake users share: the messages the bot sent them, and waiting for
    the next one. Subclasses set ``label`` and ``describe`` (a printout for failures)."""

    label = "user"

    def __init__(self, user_id: int) -> None:
        self.id = user_id
        self.messages: list[M] = []
        self._inbox: deque[M] = deque()
        self._signal = Signal()

    @staticmethod
    def describe(messages: Any) -> str:
        """The messages, one line each, for a failure report."""
        return "\n".join(f"  {m!r}" for m in messages) or "  (nothing)"

    @property
    def last_message(self) -> M | None:
        """The latest message the bot sent to this user (consumed or not)."""
        return self.messages[-1] if self.messages else None

    @property
    def unread(self) -> list[M]:
        """Deliveries not yet returned by :meth:`next_message`."""
        return list(self._inbox)

    async def next_message(self, timeout: float = 10) -> M:
        """The next unconsumed message (or edit) the bot sent to this user."""
        if not await self._signal.wait_for(lambda: self._inbox, timeout):
            raise AssertionError(
                f"{self.label} {self.id} got no new message within {timeout}s; all so far:\n"
                + self.describe(self.messages)
            )
        return self._inbox.popleft()

    def _latest_with_buttons(self) -> M | None:
        for candidate in reversed(self.messages):
            if getattr(candidate, "buttons", None) and not getattr(candidate, "deleted", False):
                return candidate
        return None

    def _deliver(self, message: M) -> None:
        self._inbox.append(message)
        self._signal.notify()


class FakeServer:
    """Base class: serves ``self.build_app()`` on 127.0.0.1 with an OS-chosen port."""

    def __init__(self) -> None:
        self.base_url: str | None = None
        self.closing = False
        self.signal = Signal()
        self._runner: web.AppRunner | None = None
        #: Awaited after each message the bot sent, with its chat (a test's hook: move a clock,
        #: press a button while a batch is in flight); the bot's request waits for it.
        self.on_sent: Callable[[int], Awaitable[None]] | None = None
        #: Every successful edit, as a copy of the message after it, in order.
        self.edits: list[Any] = []

    async def _after_send(self, chat: int) -> None:
        if self.on_sent is not None:
            await self.on_sent(chat)

    def build_app(self) -> web.Application:  # pragma: no cover - abstract
        """Return the aiohttp application with the fake's routes."""
        raise NotImplementedError

    async def start(self) -> str:
        """Start serving and return the base URL, e.g. ``http://127.0.0.1:40123``."""
        self.closing = False
        app = self.build_app()
        # handler_cancellation: a long poll whose client went away (bot stopped) is
        # cancelled instead of lingering as a phantom "parked" poll.
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=1.0, handler_cancellation=True
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        """Release parked long polls and shut the server down."""
        self.closing = True
        self.signal.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 10, what: str = "condition"
    ) -> None:
        """Wait until ``predicate()`` holds (re-checked after every API call or push)."""
        if not await self.signal.wait_for(predicate, timeout):
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")

    async def __aenter__(self) -> Any:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


def __getattr__(name: str) -> Any:
    """Lazy re-exports, so ``from tests.fakes import FakeTelegram, FakeVK`` works."""
    if name == "FakeTelegram":
        from .telegram import FakeTelegram

        return FakeTelegram
    if name == "FakeVK":
        from .vk import FakeVK

        return FakeVK
    raise AttributeError(name)
