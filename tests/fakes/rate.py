"""A rate the fake servers enforce, as the real platforms do: above it, "too many requests"."""

from __future__ import annotations

import time
from collections import deque


class RateGate:
    """Lets at most `per_second` calls through in any one-second window (None: any number);
    counts the calls it refused."""

    def __init__(self, per_second: float | None = None) -> None:
        self.per_second = per_second
        self.refused = 0
        self._times: deque[float] = deque()

    def allow(self) -> bool:
        """Whether one more call may go through now (recorded if so)."""
        if self.per_second is None:
            return True
        now = time.monotonic()
        while self._times and self._times[0] <= now - 1.0:
            self._times.popleft()
        if len(self._times) >= self.per_second:
            self.refused += 1
            return False
        self._times.append(now)
        return True
