"""Answers held back: the fake carries a call out and keeps its answer, as when the platform did
the work and the process that asked was killed before hearing of it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class AnswerHold:
    """After `after` answers of a method, each later call is carried out and its answer held
    until `release` (or the caller goes away); `holding` counts them."""

    def __init__(self, notify: Callable[[], None]) -> None:
        self.holding = 0
        self._notify = notify
        self._left: dict[str, int] = {}  # method -> answers still given before holding
        self._release = asyncio.Event()

    def hold(self, method: str, after: int = 0) -> None:
        """Answer the next `after` calls of `method`, then hold the answers of the rest."""
        self._left[method.lower()] = after
        self._release.clear()

    def release(self) -> None:
        """Give every held answer and hold no more."""
        self._left.clear()
        self._release.set()

    async def wait(self, method: str) -> None:
        """Called once a call of `method` is carried out: returns when it may be answered."""
        left = self._left.get(method.lower())
        if left is None:
            return
        if left > 0:
            self._left[method.lower()] = left - 1
            return
        self.holding += 1
        self._notify()
        await self._release.wait()
