"""What every platform adapter offers the core, and the errors its sends may raise."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, runtime_checkable

from bot.core.conversation import Incoming, Reply

Handle = Callable[[Incoming], Awaitable[list[Reply]]]  # the core's entry point, as adapters see it


class RecipientUnavailable(Exception):
    """The person blocked the bot or deleted the chat: record it, do not retry."""


class DeliveryRefused(Exception):
    """The platform refused the request as it is (a bad request): record it, do not retry."""


class PlatformRejected(Exception):
    """The platform refused our credentials: retrying cannot help; start-up stops with this."""


class RetryLater(Exception):
    """The platform asked to slow down or failed temporarily: try again later."""

    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


class Platform(Protocol):
    """A running platform adapter: receives updates itself, sends replies on request."""

    name: str
    rate: float  # notifications a second the outbox may send through it

    async def send(
        self,
        external_id: str,
        replies: Sequence[Reply],
        in_place_of: str | None = None,
        dedup_key: str | None = None,
    ) -> None:
        """Deliver replies to one chat; raise `RecipientUnavailable`, `DeliveryRefused` or
        `RetryLater`.

        A reply marked `replace` edits the message `in_place_of` (the one whose button was
        pressed) where the platform allows it. The same `dedup_key` (an outbox row, an incoming
        message) makes a repeated send recognisable to platforms that deduplicate (VK).
        """

    async def edit(self, external_id: str, message: str, reply: Reply) -> None:
        """Show `reply` in place of a message sent earlier (`message`: its id, as a button press
        brings it in `Incoming.message`). An unchanged text is no error; a message that can no
        longer be edited raises `DeliveryRefused`; otherwise the errors of `send`."""

    async def run(self) -> None:
        """Receive updates until cancelled."""

    async def close(self) -> None:
        """Release network sessions."""


@runtime_checkable
class Multicast(Protocol):
    """A platform that sends one message to many chats in one request (VK's `peer_ids`)."""

    async def send_many(
        self, external_ids: Sequence[str], reply: Reply, dedup_key: str
    ) -> dict[str, Exception]:
        """Deliver `reply` to up to `PEERS` chats in one request; the chats it did not reach,
        each with its own `RecipientUnavailable` or `RetryLater`. A failure of the whole
        request raises, as `Platform.send` does. The same `dedup_key` makes a repeat of the
        request recognisable to the platform, which drops it."""
