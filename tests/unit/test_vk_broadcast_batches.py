"""VK broadcasts go in batches: one `messages.send` with `peer_ids` for up to 100 people; VK
answers each peer apart and each delivery records its own outcome; a batch whose process died,
or whose request failed as a whole, is sent again as the same batch, and VK drops what it
already delivered; so does a delivery claimed alone before batches existed. A document is
uploaded once a batch, and every member can open it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.broadcast_queue import LEASE
from bot.core.conversation import Incoming, Reply
from bot.core.models import Account, BroadcastDelivery, DeliveryStatus, Person
from bot.core.services import broadcasts
from bot.core.services.broadcasts import Audience
from bot.db import Database
from bot.platforms import delivery
from bot.platforms.vk import VkPlatform
from handlers.broadcasts import stop_buttons
from scheduler.broadcaster import Broadcaster
from tests.fakes.clock import FakeClock
from tests.fakes.vk import FakeVK
from tests.unit.test_broadcast_sending import statuses
from tests.unit.test_broadcasts import account
from tests.unit.test_survey_campaigns import person

TEXT = "Сбор в пятницу"
FIRST = 500_000  # the first VK id


@pytest.fixture
async def vk() -> AsyncIterator[FakeVK]:
    fake = FakeVK()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


async def ignore(incoming: Incoming) -> list[Reply]:
    return []


def platform(vk: FakeVK, tmp_path: Path) -> VkPlatform:
    return VkPlatform(vk.token, vk.group_id, f"{vk.base_url}/method/", tmp_path, ignore)


async def on_vk(
    db: Database, clock: FakeClock, vk: FakeVK, count: int, upload: broadcasts.Upload | None = None
) -> list[int]:
    """A broadcast to `count` people on VK (with `upload`); their peer ids."""
    curator = await person(db, "Куратор", "curator")
    peers = list(range(FIRST, FIRST + count))
    for peer in peers:
        await account(db, "vk", str(peer), await person(db, f"Ученик {peer}", "mentee"))
        vk.user(peer)
    async with db.transaction() as session:
        await broadcasts.create(session, TEXT, upload, Audience("all"), curator, clock())
    return peers


async def test_250_people_take_3_requests_and_each_gets_it_once_a_blocked_one_recorded(
    db: Database, clock: FakeClock, vk: FakeVK, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "RETRY_DELAY", 0)
    peers = await on_vk(db, clock, vk, 250)
    blocked, flaky = peers[130], peers[140]  # both in the second batch
    vk.block(blocked)
    vk.fail_peer_next(flaky, error_code=10)  # VK's internal error, for this peer alone
    vk_platform = platform(vk, tmp_path)
    worker = Broadcaster(db, {"vk": vk_platform}, {}, clock)
    assert await worker.run_once() == 250
    assert vk.method_counts["messages.send"] == 3
    assert [len(c["peer_ids"].split(",")) for c in vk.calls_of("messages.send")] == [100, 100, 50]
    assert all(vk.sends_to(p, TEXT) == 1 for p in peers if p not in (blocked, flaky))
    assert vk.sends_to(blocked, TEXT) == 0 and vk.sends_to(flaky, TEXT) == 0
    assert await statuses(db) == {"sent": 248, "unreachable": 1, "pending": 1}
    async with db.transaction() as session:
        rows = {
            r.account_id: r for r in (await session.execute(select(BroadcastDelivery))).scalars()
        }
        unreachable = [r for r in rows.values() if r.status == "unreachable"]
        assert "901" in (unreachable[0].last_error or "")
        waiting = next(r for r in rows.values() if r.status == "pending")
        assert waiting.batch_id is None  # not delivered: it leaves its batch

    clock.advance(seconds=3)  # past the back-off
    assert await worker.run_once() == 1
    assert vk.method_counts["messages.send"] == 4  # a fresh batch of one
    assert vk.sends_to(flaky, TEXT) == 1
    assert await statuses(db) == {"sent": 249, "unreachable": 1}
    assert {c.get("intent") for c in vk.calls_of("messages.send")} == {"non_promo_newsletter"}
    await vk_platform.close()


async def test_a_batch_whose_process_died_is_sent_again_as_the_same_batch_and_vk_drops_it(
    db: Database, clock: FakeClock, vk: FakeVK, tmp_path: Path
) -> None:
    peers = await on_vk(db, clock, vk, 150)
    vk.held.hold("messages.send")  # VK delivers, the answers never come back
    dying = platform(vk, tmp_path)
    sending = asyncio.create_task(Broadcaster(db, {"vk": dying}, {}, clock).run_once())
    await vk.wait_for(lambda: vk.held.holding == 2, 10, "both batches delivered")
    sending.cancel()  # the process dies before it hears back
    await asyncio.gather(sending, return_exceptions=True)
    await dying.close()
    vk.held.release()
    assert all(vk.sends_to(p, TEXT) == 1 for p in peers)
    assert await statuses(db) == {"sending": 150}

    clock.advance(seconds=LEASE.total_seconds() + 1)  # the lease lapses
    restarted = platform(vk, tmp_path)
    assert await Broadcaster(db, {"vk": restarted}, {}, clock).run_once() == 150
    first, second, again_first, again_second = vk.calls_of("messages.send")
    assert sorted([first["random_id"], second["random_id"]]) == sorted(
        [again_first["random_id"], again_second["random_id"]]
    )
    assert all(vk.sends_to(p, TEXT) == 1 for p in peers)  # VK dropped every repeat
    assert await statuses(db) == {"sent": 150}
    await restarted.close()


async def test_a_failed_request_keeps_its_batch_for_the_retry(
    db: Database, clock: FakeClock, vk: FakeVK, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "RETRY_DELAY", 0)
    peers = await on_vk(db, clock, vk, 30)
    vk.lose_answer_next("messages.send", error_code=10, count=3)  # delivered, answers lost
    vk_platform = platform(vk, tmp_path)
    worker = Broadcaster(db, {"vk": vk_platform}, {}, clock)
    await worker.run_once()
    assert await statuses(db) == {"pending": 30}  # to retry, still one batch
    clock.advance(seconds=3)
    await worker.run_once()
    assert await statuses(db) == {"sent": 30}
    assert len({c["random_id"] for c in vk.calls_of("messages.send")}) == 1
    assert all(vk.sends_to(p, TEXT) == 1 for p in peers)  # VK dropped the repeats
    await vk_platform.close()


async def test_a_delivery_claimed_alone_before_an_upgrade_is_sent_alone_again_and_vk_drops_it(
    db: Database, clock: FakeClock, vk: FakeVK, tmp_path: Path
) -> None:
    """The version before batches claimed and sent one delivery a request (its `random_id`
    from the delivery row), then was upgraded before it recorded the outcome."""
    peers = await on_vk(db, clock, vk, 3)
    async with db.transaction() as session:
        rows = list((await session.execute(select(BroadcastDelivery))).scalars())
        for row in rows:
            row.status, row.claim_token, row.locked_until = DeliveryStatus.SENDING, "old", clock()
    old = platform(vk, tmp_path)
    first = min(rows, key=lambda row: row.id)
    await old.send(str(peers[0]), [Reply(TEXT)], dedup_key=f"broadcast:{first.id}")
    await old.close()

    clock.advance(seconds=LEASE.total_seconds() + 1)  # the lease lapses after the upgrade
    upgraded = platform(vk, tmp_path)
    assert await Broadcaster(db, {"vk": upgraded}, {}, clock).run_once() == 3
    assert all(vk.sends_to(p, TEXT) == 1 for p in peers)  # VK dropped the repeat
    assert await statuses(db) == {"sent": 3}
    await upgraded.close()


async def test_a_document_is_uploaded_once_a_batch_and_every_member_gets_it(
    db: Database, clock: FakeClock, vk: FakeVK, tmp_path: Path
) -> None:
    """VK makes a document uploaded for a community message the property of the peer it was
    uploaded for; the batch's attachment carries its access key, so the rest can open it."""
    programme = broadcasts.Upload("Программа.pdf", "application/pdf", b"%PDF-1.4 programme")
    peers = await on_vk(db, clock, vk, 3, programme)
    vk_platform = platform(vk, tmp_path)
    assert await Broadcaster(db, {"vk": vk_platform}, {}, clock).run_once() == 3
    assert vk.method_counts["docs.getMessagesUploadServer"] == 1
    for peer in peers:
        (got,) = [m for m in vk.sent if m.peer_id == peer]
        assert got.doc_title == "Программа.pdf" and got.doc_bytes == b"%PDF-1.4 programme"
    assert await statuses(db) == {"sent": 3}
    await vk_platform.close()


async def test_a_batch_speaks_one_language_and_its_button_is_in_it(
    db: Database, clock: FakeClock, vk: FakeVK, tmp_path: Path
) -> None:
    """People of one broadcast with different languages go in different batches: the button
    under it is each reader's own."""
    peers = await on_vk(db, clock, vk, 5)
    async with db.transaction() as session:
        english = (
            await session.execute(select(Account).where(Account.external_id == str(peers[1])))
        ).scalar_one()
        (await session.get(Person, english.person_id)).locale = "en"  # type: ignore[union-attr]
    vk_platform = platform(vk, tmp_path)
    worker = Broadcaster(db, {"vk": vk_platform}, {}, clock)
    worker.buttons = stop_buttons
    assert await worker.run_once() == 5
    assert vk.method_counts["messages.send"] == 2
    labels = {m.peer_id: [label for row in m.buttons for label, _ in row] for m in vk.sent}
    assert labels == {
        peer: ["🔕 No more announcements" if peer == peers[1] else "🔕 Не присылать объявления"]
        for peer in peers
    }
    await vk_platform.close()
