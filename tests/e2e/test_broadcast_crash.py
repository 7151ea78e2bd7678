"""A real kill -9 of the bot mid-broadcast, then a restart: on VK every reachable person gets
the announcement exactly once (the batch in flight is sent again as the same batch and VK drops
it); on Telegram nobody gets more than two copies, and the repeats are exactly the sends that
were in flight (delivered, not yet recorded) when the process was killed."""

from __future__ import annotations

import shutil
import signal
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import select, update

from bot.core.models import Account, BroadcastDelivery, DeliveryStatus, Person, PersonRole, utcnow
from bot.core.services import broadcasts
from bot.db import Database
from tests.e2e.bot_process import bot_process, terminate
from tests.e2e.harness import TG_TOKEN
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vk import FakeVK

TEXT = "Сбор в пятницу в 15:00"
CURATOR = 9000
TG_PEOPLE, VK_PEOPLE = 150, 250  # 250 on VK: three requests of 100, 100 and 50
TG_FIRST, VK_FIRST = 100_000, 200_000
GROUP = 777
TIMEOUT = 90  # seconds: a generous bound on a loaded machine, never a pause


async def seed(db: Database, tg: FakeTelegram, vk: FakeVK) -> None:
    """A curator on Telegram; mentees on Telegram and on VK; the curator's announcement to
    all of them, confirmed (the recipient list frozen)."""
    async with db.transaction() as session:
        boss = Person(name="Куратор", locale="ru", timezone="Europe/Moscow", status="active")
        session.add(boss)
        await session.flush()
        session.add(PersonRole(person_id=boss.id, role="curator"))
        session.add(Account(platform="telegram", external_id=str(CURATOR), person_id=boss.id))
        tg.user(CURATOR)
        people = [("telegram", TG_FIRST + i) for i in range(TG_PEOPLE)]
        people += [("vk", VK_FIRST + i) for i in range(VK_PEOPLE)]
        for platform, external in people:
            found = Person(name=f"N{external}", locale="ru", timezone="Europe/Moscow")
            found.status = "active"
            session.add(found)
            await session.flush()
            session.add(PersonRole(person_id=found.id, role="mentee"))
            session.add(Account(platform=platform, external_id=str(external), person_id=found.id))
            (tg if platform == "telegram" else vk).user(external)
        await session.flush()
        audience = broadcasts.Audience("all")
        await broadcasts.create(session, TEXT, None, audience, boss.id, utcnow())


def recorded(path: Path) -> int:
    """Telegram deliveries the bot has recorded as sent so far (read as another process)."""
    query = "SELECT count(*) FROM broadcast_deliveries WHERE platform = ? AND status = ?"
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute(query, ("telegram", "sent")).fetchone()[0])


async def in_flight(db: Database, tg: FakeTelegram) -> set[int]:
    """Telegram chats the fake delivered to whose delivery the killed process left unrecorded;
    and the leases of every unrecorded delivery made to lapse (time passes)."""
    async with db.transaction() as session:
        query = (
            select(Account.external_id)
            .join(BroadcastDelivery, BroadcastDelivery.account_id == Account.id)
            .where(BroadcastDelivery.status == DeliveryStatus.SENDING)
            .where(Account.platform == "telegram")
        )
        claimed = {int(chat) for chat in (await session.execute(query)).scalars()}
        await session.execute(
            update(BroadcastDelivery)
            .where(BroadcastDelivery.status == DeliveryStatus.SENDING)
            .values(locked_until=utcnow())
        )
    delivered = {m.chat_id for m in tg.sent if m.plain_text and TEXT in m.plain_text}
    return claimed & delivered


async def test_kill_9_mid_broadcast_then_a_restart(tmp_path: Path, migrated_file: Path) -> None:
    shutil.copyfile(migrated_file, tmp_path / "bot.sqlite3")
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    tg, vk = FakeTelegram(TG_TOKEN), FakeVK(group_id=GROUP)
    settings = {
        "TELEGRAM_BOT_TOKEN": TG_TOKEN,
        "TELEGRAM_API_BASE": await tg.start(),
        "VK_GROUP_TOKEN": vk.token,
        "VK_GROUP_ID": str(GROUP),
        "VK_API_BASE": f"{await vk.start()}/method/",
        "DATABASE_URL": url,
        "DATA_DIR": str(tmp_path),
        "SCHEDULER_TICK_SECONDS": "0.2",
    }
    db = Database(url)
    blocked_tg, blocked_vk = TG_FIRST + 7, VK_FIRST + 150  # the latter in the second batch
    tg.block(blocked_tg)
    vk.block(blocked_vk)
    try:
        await seed(db, tg, vk)
        # The first 20 Telegram sends and the first VK request are answered; every later one
        # is carried out and its answer held back: the kill lands while they are in flight.
        tg.held.hold("sendMessage", after=20)
        vk.held.hold("messages.send", after=1)
        async with bot_process(**settings) as proc:
            await vk.wait_for(lambda: vk.held.holding >= 1, TIMEOUT, "a VK batch in flight")
            # re-checked at every Telegram send: some answered sends recorded, some in flight
            mid = lambda: tg.held.holding >= 3 and recorded(tmp_path / "bot.sqlite3") >= 10  # noqa: E731
            await tg.wait_for(mid, TIMEOUT, "Telegram sends recorded and in flight")
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
        assert proc.returncode == -signal.SIGKILL
        tg.held.release()
        vk.held.release()
        vk_before = {m.peer_id for m in vk.sent if TEXT in m.text}
        assert VK_FIRST + 120 in vk_before  # the second batch was delivered before the kill
        window = await in_flight(db, tg)
        assert window  # some Telegram sends were delivered and never recorded
        delivered = {m.chat_id for m in tg.sent if m.plain_text and TEXT in m.plain_text}
        assert len(window) < len(delivered)  # outcomes recorded as they come, not per claim

        async with bot_process(**settings) as proc:
            boss = tg.users[CURATOR]
            reported = lambda: any("Доставлено" in (m.plain_text or "") for m in boss.messages)  # noqa: E731
            await tg.wait_for(reported, TIMEOUT, "the curator's report")
            log = await terminate(proc)
        assert proc.returncode == 0, log
    finally:
        await db.close()
        await tg.stop()
        await vk.stop()

    vk_reachable = set(range(VK_FIRST, VK_FIRST + VK_PEOPLE)) - {blocked_vk}
    assert {p: vk.sends_to(p, TEXT) for p in vk_reachable} == dict.fromkeys(vk_reachable, 1)
    assert vk.sends_to(blocked_vk, TEXT) == 0
    assert vk.method_counts["messages.send"] <= 2 * 3  # batches, sent again at most once
    copies: dict[int, int] = {}
    for message in tg.sent:
        if message.plain_text and TEXT in message.plain_text:
            copies[message.chat_id] = copies.get(message.chat_id, 0) + 1
    tg_reachable = set(range(TG_FIRST, TG_FIRST + TG_PEOPLE)) - {blocked_tg}
    assert set(copies) == tg_reachable
    assert max(copies.values()) <= 2  # one crash: at most one repeat a person
    assert {chat for chat, n in copies.items() if n == 2} == window  # only those in flight
