"""One way to call a platform's API: a pause after "too many requests", retries of transient
failures, and the exceptions the dispatcher understands.

Each adapter says how to read its own errors (`classify`); the loop is written once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from bot.core.conversation import Incoming
from bot.platforms.base import DeliveryRefused, Handle, Platform, RecipientUnavailable, RetryLater

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_DELAY = 0.5  # seconds, growing with each attempt, after a 5xx or a network error


class Kind(Enum):
    """What a failed call means for the message."""

    UNAVAILABLE = "unavailable"  # the person blocked the bot or the chat is gone: never retry
    REFUSED = "refused"  # the platform rejected this request as it is: retrying cannot help
    TRANSIENT = "transient"  # 5xx, a timeout, the network, "too many requests": try again


@dataclass(frozen=True)
class Failure:
    """How an adapter reads one error; `after` is the platform's own "retry after" in seconds."""

    kind: Kind
    after: float | None = None


Classify = Callable[[BaseException], Failure | None]


class Sender:
    """Calls one platform's API; a retry-after pauses the whole platform (not the process):
    short pauses are waited out inline, long ones handed back to the outbox."""

    def __init__(
        self,
        platform: str,
        classify: Classify,
        *,
        attempts: int = 3,
        max_wait: float = 30.0,
    ) -> None:
        self.platform = platform
        self.classify = classify
        self.attempts = attempts
        self.max_wait = max_wait
        self._resume_at = 0.0  # event-loop time before which nothing is sent

    def pause(self, seconds: float) -> None:
        """Send nothing on this platform for `seconds`."""
        loop = asyncio.get_running_loop()
        self._resume_at = max(self._resume_at, loop.time() + seconds)

    async def _wait_out_pause(self) -> None:
        loop = asyncio.get_running_loop()
        while (left := self._resume_at - loop.time()) > 0:
            if left > self.max_wait:
                raise RetryLater(f"{self.platform} asked to wait {left:.0f} s", left)
            await asyncio.sleep(left)

    async def call(self, method: Callable[..., Awaitable[T]], *args: Any, **params: Any) -> T:
        """One API call; raises `RecipientUnavailable`, `DeliveryRefused` or `RetryLater`."""
        for attempt in range(1, self.attempts + 1):
            await self._wait_out_pause()
            try:
                return await method(*args, **params)
            except Exception as exc:
                failure = self.classify(exc)
                if failure is None:
                    raise
                error: Exception = exc
            if failure.kind is Kind.UNAVAILABLE:
                raise RecipientUnavailable(str(error)) from error
            if failure.kind is Kind.REFUSED:
                raise DeliveryRefused(str(error)) from error
            if failure.after is not None:
                log.info("%s asks to wait %ss", self.platform, failure.after)
                self.pause(failure.after)
            if attempt == self.attempts or (failure.after or 0) > self.max_wait:
                raise RetryLater(str(error), failure.after) from error
            if failure.after is None:
                await asyncio.sleep(RETRY_DELAY * attempt)
        raise AssertionError("unreachable")


async def answer(
    platform: Platform,
    handle: Handle,
    chat: str,
    incoming: Incoming,
    dedup_key: str | None = None,
) -> None:
    """Handle one update and send the answer to its chat (a reply marked `replace` in place of
    the message whose button was pressed). A failed send is logged (the person can write
    again), never raised into the platform's polling loop."""
    replies = await handle(incoming)
    try:
        await platform.send(chat, replies, incoming.message, dedup_key)
    except (RecipientUnavailable, DeliveryRefused, RetryLater) as exc:
        log.warning("reply to %s:%s not delivered: %s", platform.name, chat, exc)
    except Exception:
        log.exception("reply to %s:%s failed", platform.name, chat)
