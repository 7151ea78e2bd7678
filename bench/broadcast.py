"""Broadcast pace: the achieved request rate over the configured limit, against fakes that
enforce the limit (Telegram answers 429, VK error 6 above it), with the count of those refusals.

The real bot (its `App`, real aiogram and vkbottle senders) sends one announcement to
``--telegram`` people on Telegram and another to ``--vk`` people on VK; each is timed from the
start of sending until every delivery is recorded. A Telegram request is one message; a VK
request carries up to 100 people (`peer_ids`), so VK also prints people a second. Target: a
ratio of 0.95 or more, no 429s.

Run from the repository root::

    python bench/broadcast.py                      # 300 on Telegram, 20,000 on VK
    python bench/broadcast.py --telegram 600 --vk 40000
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.app import App  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.models import Account, Person, PersonRole, PersonStatus, utcnow  # noqa: E402
from bot.core.services import broadcasts  # noqa: E402
from tests.fakes.telegram import DEFAULT_TOKEN, FakeTelegram  # noqa: E402
from tests.fakes.vk import FakeVK  # noqa: E402

GROUP = 777


async def seed(app: App, platform: str, role: str, ids: range) -> None:
    """A person with one account on `platform` per id, all holding `role`."""
    async with app.db.transaction() as session:
        people = [
            Person(name=f"N{n}", locale="ru", timezone="Europe/Moscow", status=PersonStatus.ACTIVE)
            for n in ids
        ]
        session.add_all(people)
        await session.flush()
        for person, external in zip(people, ids, strict=True):
            session.add(PersonRole(person_id=person.id, role=role))
            session.add(Account(platform=platform, external_id=str(external), person_id=person.id))


async def measure(app: App, audience: str, count: int) -> float:
    """Seconds to send one announcement to `audience` (`count` accounts), from a curator."""
    async with app.db.transaction() as session:
        curator = Person(name="Куратор", locale="ru", timezone="Europe/Moscow")
        session.add(curator)
        await session.flush()
        sender = broadcasts.Audience(audience), curator.id
        await broadcasts.create(session, "Объявление", None, *sender, utcnow())
    started = time.perf_counter()
    handled = await app.broadcaster.run_once()
    assert handled >= count, (handled, count)
    return time.perf_counter() - started


async def main(args: argparse.Namespace) -> None:
    """Run both platforms and print the figures."""
    logging.basicConfig(level=logging.WARNING)
    tg, vk = FakeTelegram(DEFAULT_TOKEN), FakeVK(group_id=GROUP)
    tg_base, vk_base = await tg.start(), await vk.start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
            TELEGRAM_API_BASE=tg_base,
            VK_GROUP_TOKEN=vk.token,
            VK_GROUP_ID=GROUP,
            VK_API_BASE=f"{vk_base}/method/",
            DATABASE_URL=f"sqlite+aiosqlite:///{folder}/bench.sqlite3",
            DATA_DIR=folder,
            SCHEDULER_TICK_SECONDS=3600,
        )
        app = App(settings)
        app.add_configured_platforms()
        await app.start()
        tg_ids, vk_ids = range(10_000, 10_000 + args.telegram), range(20_000, 20_000 + args.vk)
        for external in tg_ids:
            tg.user(external)
        for external in vk_ids:
            vk.user(external)
        await seed(app, "telegram", "mentee", tg_ids)
        await seed(app, "vk", "mentor", vk_ids)
        tg.rate.per_second = settings.broadcast_telegram_rate
        vk.rate.per_second = settings.broadcast_vk_rate
        rows = [
            ("telegram", "mentees", args.telegram, settings.broadcast_telegram_rate, tg),
            ("vk", "mentors", args.vk, settings.broadcast_vk_rate, vk),
        ]
        for name, audience, count, limit, fake in rows:
            method = "sendMessage" if fake is tg else "messages.send"
            before = fake.method_counts[method] - fake.rate.refused
            seconds = await measure(app, audience, count)
            requests = fake.method_counts[method] - fake.rate.refused - before  # went through
            rate = requests / seconds
            print(
                f"{name:9} {count:6} people, {requests:4} requests in {seconds:6.2f} s:"
                f" {rate:6.2f}/s of {limit:g}/s — ratio {rate / limit:.3f},"
                f" {fake.rate.refused} refused (429 / error 6); {count / seconds:7.1f} people/s"
            )
        await app.stop()
    await tg.stop()
    await vk.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--telegram", type=int, default=300, help="people on Telegram")
    parser.add_argument("--vk", type=int, default=20_000, help="people on VK")
    asyncio.run(main(parser.parse_args()))
