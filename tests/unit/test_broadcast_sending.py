"""Sending broadcasts: two workers never send a delivery twice, a blocked person is marked
unreachable and not retried, a transient failure is retried after a back-off, a paused
broadcast sends nothing until resumed, a retry-after holds the whole platform until its
deadline, the rate setting bounds the pace, and the curator gets the report with the file of
those not reached."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from bot.core.conversation import Reply
from bot.core.models import Account, BroadcastDelivery, DeliveryStatus, Notification, Person
from bot.core.services import broadcasts
from bot.core.services.broadcasts import Audience
from bot.db import Database
from bot.platforms import delivery
from bot.platforms.base import RecipientUnavailable, RetryLater
from bot.platforms.delivery import Failure, Kind, Sender
from handlers.broadcasts import report
from scheduler.broadcaster import Broadcaster
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.conftest import make_settings
from tests.unit.test_broadcasts import account
from tests.unit.test_survey_campaigns import person


class Scripted(RecordingPlatform):
    """Refuses the chats in `blocked` for good and fails each of `flaky` once."""

    def __init__(
        self, blocked: frozenset[str] = frozenset(), flaky: frozenset[str] = frozenset()
    ) -> None:
        super().__init__("console")
        self.blocked, self.flaky = blocked, set(flaky)

    async def send(self, external_id: str, replies: Sequence[Reply], **kw: object) -> None:
        if external_id in self.blocked:
            raise RecipientUnavailable("Forbidden: bot was blocked by the user")
        if external_id in self.flaky:
            self.flaky.discard(external_id)
            raise RetryLater("Internal Server Error")
        await super().send(external_id, replies)


async def broadcast_to(db: Database, count: int, clock: FakeClock) -> tuple[int, int]:
    """A curator and `count` mentees with a console account each; the broadcast's id."""
    curator = await person(db, "Куратор", "curator")
    for i in range(count):
        await account(db, "console", str(i), await person(db, f"Ученик {i}", "mentee"))
    async with db.transaction() as session:
        found = await broadcasts.create(session, "Сбор", None, Audience("all"), curator, clock())
        return found.id, curator


async def statuses(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        found: dict[str, int] = {}
        for row in (await session.execute(select(BroadcastDelivery))).scalars():
            found[row.status] = found.get(row.status, 0) + 1
        return found


async def test_two_workers_send_each_delivery_once_and_the_curator_gets_the_report(
    db: Database, clock: FakeClock
) -> None:
    broadcast_id, curator = await broadcast_to(db, 30, clock)
    platform = Scripted(blocked=frozenset({"3"}), flaky=frozenset({"5"}))
    one = Broadcaster(db, {"console": platform}, {}, clock, batch=7)
    two = Broadcaster(db, {"console": platform}, {}, clock, batch=7)
    await asyncio.gather(one.run_once(), two.run_once())
    sent = [who for who, _ in platform.sent]
    assert sorted(sent) == sorted(str(i) for i in range(30) if i not in (3, 5))
    assert await statuses(db) == {"sent": 28, "unreachable": 1, "pending": 1}

    await one.run_once()  # the flaky one waits for its back-off
    assert len(platform.sent) == 28
    clock.advance(seconds=3)
    await one.run_once()
    assert sorted(who for who, _ in platform.sent) == sorted(str(i) for i in range(30) if i != 3)
    assert await statuses(db) == {"sent": 29, "unreachable": 1}  # the blocked one not retried

    async with db.transaction() as session:
        query = select(Notification).where(Notification.purpose == "broadcast-done")
        row = (await session.execute(query)).scalar_one()
        assert row.person_id == curator and row.subject_id == broadcast_id
        replies = await report(session, row, await session.get(Person, curator))  # type: ignore[arg-type]
    assert replies is not None
    assert "Доставлено: 29, не доставлено: 1, пропущено" in replies[0].text
    csv = replies[1].file
    assert csv is not None and "console:3" in csv.content.decode("utf-8-sig")
    assert "blocked" in csv.content.decode("utf-8-sig")


async def test_a_paused_broadcast_sends_nothing_until_resumed(
    db: Database, clock: FakeClock
) -> None:
    broadcast_id, _ = await broadcast_to(db, 3, clock)
    platform = Scripted()
    worker = Broadcaster(db, {"console": platform}, {}, clock)
    async with db.transaction() as session:
        await broadcasts.control(session, broadcast_id, "pause", clock())
    assert await worker.run_once() == 0 and platform.sent == []
    async with db.transaction() as session:
        await broadcasts.control(session, broadcast_id, "resume", clock())
    assert await worker.run_once() == 3


async def test_a_cancelled_broadcast_drops_what_is_left(db: Database, clock: FakeClock) -> None:
    broadcast_id, _ = await broadcast_to(db, 3, clock)
    async with db.transaction() as session:
        await broadcasts.control(session, broadcast_id, "cancel", clock())
    platform = Scripted()
    assert await Broadcaster(db, {"console": platform}, {}, clock).run_once() == 0
    assert await statuses(db) == {DeliveryStatus.CANCELLED: 3}


class Flood(Exception):
    """A "too many requests" with its retry-after."""


def classify(exc: BaseException) -> Failure | None:
    return Failure(Kind.TRANSIENT, 0.3) if isinstance(exc, Flood) else None


class Throttled(RecordingPlatform):
    """Answers the first call with a retry-after of 0.3 s; records when each send went."""

    def __init__(self) -> None:
        super().__init__("console")
        self.sender = Sender("console", classify)
        self.flooded = False
        self.times: list[float] = []

    async def _call(self, chat: str) -> None:
        if not self.flooded:
            self.flooded = True
            self.deadline = asyncio.get_running_loop().time() + 0.3
            raise Flood()
        self.times.append(asyncio.get_running_loop().time())

    async def send(self, external_id: str, replies: Sequence[Reply], **kw: object) -> None:
        await self.sender.call(self._call, external_id)


async def test_a_retry_after_holds_every_send_on_that_platform_until_its_deadline(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "RETRY_DELAY", 0)
    await broadcast_to(db, 12, clock)
    platform = Throttled()
    assert await Broadcaster(db, {"console": platform}, {}, clock).run_once() == 12
    assert len(platform.times) == 12  # the flooded one retried after the pause, in the send
    assert min(platform.times) >= platform.deadline  # nobody slipped through early


async def test_the_rate_setting_bounds_the_pace(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    await broadcast_to(db, 6, clock)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await Broadcaster(db, {"console": Scripted()}, {"console": 2.0}, clock).run_once()
    assert loop.time() - started >= 2.5  # one every half second (and a little)

    settings = make_settings(tmp_path, "sqlite+aiosqlite:///:memory:")
    tuned = settings.model_copy(update={"broadcast_telegram_rate": 5.0, "broadcast_vk_rate": 7.0})
    app = App(tuned)
    for name, rate in (("telegram", 5), ("vk", 7)):
        limit = app.broadcaster.limits[name]
        assert limit.max_rate / limit.time_period == pytest.approx(rate / 1.02)
    assert app.dispatcher.shared is app.broadcaster.limits  # notifications count too
    await app.db.close()


def test_vk_reads_flood_control_as_a_pause_and_an_intent_refusal_as_unreachable() -> None:
    from vkbottle import VKAPIError

    from bot.platforms.vk import classify as vk_classify

    def error(code: int) -> BaseException:
        return VKAPIError[code](error_msg="x", code=code)  # type: ignore[misc]

    for code in (6, 9):  # too many requests per second, flood control
        assert vk_classify(error(code)) == Failure(Kind.TRANSIENT, 1.0)
    for code in (943, 944, 901):  # intent refused or spent, messages forbidden
        assert vk_classify(error(code)) == Failure(Kind.UNAVAILABLE)


async def test_someone_who_withdrew_after_the_list_was_frozen_gets_nothing(
    db: Database, clock: FakeClock
) -> None:
    await broadcast_to(db, 3, clock)
    async with db.transaction() as session:
        gone = (await session.execute(select(BroadcastDelivery))).scalars().first()
        assert gone is not None
        account = await session.get(Account, gone.account_id)
        assert account is not None
        account.person_id = None  # /forget unlinks every account of the person
        left_chat = account.external_id
    platform = Scripted()
    assert await Broadcaster(db, {"console": platform}, {}, clock).run_once() == 3
    assert left_chat not in [who for who, _ in platform.sent] and len(platform.sent) == 2
    assert await statuses(db) == {"sent": 2, "failed": 1}
