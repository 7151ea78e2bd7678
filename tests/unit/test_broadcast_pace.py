"""The broadcast pace, on a simulated clock: senders that wake a few milliseconds late (a
busy event loop) lose nothing, and still no one-second window at the platform holds more
than the limit, even when each request takes up to 10 ms to get there."""

from __future__ import annotations

import asyncio
import random

import pytest
from aiolimiter import AsyncLimiter

from scheduler.broadcaster import MARGIN, pace

STEP = 0.0005  # the simulation's tick, in seconds


class _Clock:
    """Stands in for the event loop the limiter reads the time from."""

    def __init__(self) -> None:
        self.now = 0.0

    def time(self) -> float:
        return self.now

    def is_closed(self) -> bool:
        return False


def _send_times(limiter: AsyncLimiter, sends: int, late: float, seed: int) -> list[float]:
    """When `sends` back-to-back sends go out: each sender wakes when the limiter has room
    for it, plus up to `late` seconds."""
    clock, draw = _Clock(), random.Random(seed)
    limiter._event_loop = clock  # type: ignore[attr-defined]  # the simulated time
    times: list[float] = []
    loop = asyncio.new_event_loop()
    try:
        while len(times) < sends:
            while not limiter.has_capacity():
                clock.now += STEP
            clock.now += draw.uniform(0, late)
            loop.run_until_complete(limiter.acquire())  # room is there: no waiting
            times.append(clock.now)
    finally:
        loop.close()
    return times


def _busiest_second(times: list[float], jitter: float, seed: int) -> int:
    """The most requests the platform sees in one second, each arriving up to `jitter` late."""
    draw = random.Random(seed)
    arrived = sorted(t + draw.uniform(0, jitter) for t in times)
    busiest, start = 0, 0
    for end, at in enumerate(arrived):
        while arrived[start] <= at - 1.0:
            start += 1
        busiest = max(busiest, end - start + 1)
    return busiest


@pytest.mark.parametrize("rate", [2, 20, 30, 100])
def test_late_wake_ups_are_caught_up_within_the_limit(rate: int) -> None:
    sends = 10 * rate
    times = _send_times(pace(rate), sends, late=0.008, seed=rate)
    steady = (sends - 1) * MARGIN / rate  # the time an on-time sender takes
    assert times[-1] - times[0] < steady + 0.05  # the late wake-ups did not add up
    for seed in range(5):
        assert _busiest_second(times, jitter=0.01, seed=seed) <= rate


def test_a_bucket_of_one_loses_every_late_wake_up() -> None:
    """Why the bucket holds a little more than one send: with room for exactly one, each
    sender's delay adds to the whole broadcast's time."""
    rate, sends = 30, 300
    times = _send_times(AsyncLimiter(1, MARGIN / rate), sends, late=0.008, seed=1)
    assert times[-1] - times[0] > (sends - 1) * MARGIN / rate + 0.5
