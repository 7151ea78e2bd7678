"""A platform adapter for tests of the core and the dispatcher: it records what it is given."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from bot.core.conversation import Reply


class RecordingPlatform:
    """Records each send as (external id, [texts]) and each edit as (external id, message,
    text); raises `error` instead while one is set (`edit_error` for edits)."""

    rate = 1000.0

    def __init__(self, name: str = "console", error: Exception | None = None) -> None:
        self.name = name
        self.error = error
        self.sent: list[tuple[str, list[str]]] = []
        self.edits: list[tuple[str, str, str]] = []
        self.edit_error: Exception | None = None
        self.edit_tries = 0

    async def send(self, external_id: str, replies: Sequence[Reply], **_: object) -> None:
        """Record the texts (after letting other tasks run, as a network call would)."""
        await asyncio.sleep(0)
        if self.error is not None:
            raise self.error
        self.sent.append((external_id, [reply.text for reply in replies]))

    async def edit(self, external_id: str, message: str, reply: Reply) -> None:
        """Record the edit (or raise `edit_error`)."""
        await asyncio.sleep(0)
        self.edit_tries += 1
        if self.edit_error is not None:
            raise self.edit_error
        self.edits.append((external_id, message, reply.text))

    def to(self, external_id: str) -> list[str]:
        """Every text sent to one chat, in order."""
        return [text for who, texts in self.sent if who == external_id for text in texts]

    async def run(self) -> None:
        """Nothing to receive."""

    async def close(self) -> None:
        """Nothing to release."""
