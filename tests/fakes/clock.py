"""A clock the test moves by hand: the bot, the dispatcher and the fakes read the same time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Call it to read the time; `advance` moves it forward."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move forward, e.g. `advance(minutes=16)`."""
        self.now += timedelta(**delta)
