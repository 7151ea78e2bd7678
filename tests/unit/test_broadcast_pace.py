"""The broadcast pace, on a simulated clock: senders that wake a few milliseconds late (a
busy event loop) lose nothing, and still no one-second window at the platform holds more
than the limit, even when each request takes up to 10 ms to get there; notifications and
announcements sent at once share that limit."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence

import pytest
from aiolimiter import AsyncLimiter

from bot.core.conversation import Reply
from bot.db import Database
from handlers import notifications
from scheduler.broadcaster import MARGIN, Broadcaster, pace
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_broadcast_sending import broadcast_to
from tests.unit.test_dispatch import add_person, add_row

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


class _Timed(RecordingPlatform):
    """Records when each send went out."""

    def __init__(self) -> None:
        super().__init__("console")
        self.times: list[float] = []

    async def send(self, external_id: str, replies: Sequence[Reply], **kw: object) -> None:
        await super().send(external_id, replies, **kw)
        self.times.append(asyncio.get_running_loop().time())


async def test_notifications_and_an_announcement_share_the_platforms_limit(
    db: Database, clock: FakeClock
) -> None:
    """Both at once, on one platform of 4 messages a second in total: no second holds more
    than 4, though the outbox alone may send far faster."""
    platform = _Timed()
    await broadcast_to(db, 6, clock)
    for number in range(6):
        person_id = await add_person(db, [("console", f"n{number}", clock())])
        await add_row(db, person_id, clock(), key=f"k{number}")
    broadcaster = Broadcaster(db, {"console": platform}, {"console": 4.0}, clock)
    dispatcher = Dispatcher(db, {"console": platform}, notifications.render, clock)
    dispatcher.shared = broadcaster.limits
    await asyncio.gather(broadcaster.run_once(), dispatcher.run_once())
    assert len(platform.times) == 12
    assert _busiest_second(platform.times, jitter=0, seed=0) <= 4
