"""Crash test of the outbox: the bot is killed again and again while it sends; what arrives?

Fake Telegram and VK servers run in this process on 127.0.0.1. The database holds ``--rows`` due
notifications, one to each of as many people (half on Telegram, half on VK). ``python -m bot`` is
started as a separate process and killed (``kill -9`` or SIGTERM, at random) after a random
moment, ``--kills`` times, then left to finish. Meanwhile the fakes fail some calls (a Telegram
5xx, a VK answer lost after the message was delivered). Then every person's messages are counted:
each should have exactly one. Prints figures; asserts nothing.

    python bench/crash_outbox.py                   # 400 rows, 40 kills
    python bench/crash_outbox.py --rows 200 --kills 20 --seed 7
"""

from __future__ import annotations

import argparse
import asyncio
import random
import signal
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bot import migrate  # noqa: E402
from bot.core import outbox  # noqa: E402
from bot.core.models import Account, Notification, NotificationStatus, Person, Subject  # noqa: E402
from bot.db import Database  # noqa: E402
from tests.e2e.bot_process import bot_env  # noqa: E402
from tests.fakes.telegram import DEFAULT_TOKEN, FakeTelegram  # noqa: E402
from tests.fakes.vk import FakeVK  # noqa: E402

FIRST_ID = 300_000_001
VK_GROUP = 777


async def fill(url: str, rows: int) -> list[tuple[str, int]]:
    """People (alternately on Telegram and VK), each with one notification due now."""
    await migrate.upgrade(url)
    db = Database(url)
    people = []
    async with db.transaction() as session:
        for n in range(rows):
            platform = "telegram" if n % 2 == 0 else "vk"
            person = Person(name=f"P{n}", locale="ru", timezone="Europe/Moscow", status="active")
            session.add(person)
            await session.flush()
            session.add(
                Account(platform=platform, external_id=str(FIRST_ID + n), person_id=person.id)
            )
            await outbox.schedule(
                session,
                to=person.id,
                subject=Subject.PERSON,
                subject_id=person.id,
                purpose="notify-parent-consented",
                due_at=datetime.now(UTC),
            )
            people.append((platform, FIRST_ID + n))
    await db.close()
    return people


async def unfinished(url: str) -> int:
    """Rows still pending or being sent."""
    db = Database(url)
    async with db.transaction() as session:
        query = select(func.count()).where(
            Notification.status.in_([NotificationStatus.PENDING, NotificationStatus.SENDING])
        )
        left = int((await session.execute(query)).scalar_one())
    await db.close()
    return left


async def statuses(url: str) -> Counter[str]:
    """How many rows ended in each status."""
    db = Database(url)
    async with db.transaction() as session:
        result = Counter((await session.execute(select(Notification.status))).scalars())
    await db.close()
    return result


def inject_faults(tg: FakeTelegram, vk: FakeVK, rng: random.Random) -> None:
    """A few failures for the next run: 5xx on Telegram, answers lost after delivery on VK."""
    tg.fail_next("sendMessage", status=502, count=rng.randint(0, 3))
    vk.lose_answer_next("messages.send", error_code=10, count=rng.randint(0, 3))


async def run(args: argparse.Namespace) -> None:
    """Kill the bot `--kills` times while it sends, let it finish, count what arrived."""
    rng = random.Random(args.seed)
    tg, vk = FakeTelegram(DEFAULT_TOKEN), FakeVK(group_id=VK_GROUP)
    tg_base, vk_base = await tg.start(), await vk.start()
    with tempfile.TemporaryDirectory(prefix="nastavnik-crash-") as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bot.sqlite3"
        people = await fill(url, args.rows)
        users = {(p, i): (tg.user(i) if p == "telegram" else vk.user(i)) for p, i in people}
        env = bot_env(
            TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
            TELEGRAM_API_BASE=tg_base,
            VK_GROUP_TOKEN=vk.token,
            VK_GROUP_ID=str(VK_GROUP),
            VK_API_BASE=f"{vk_base}/method/",
            DATABASE_URL=url,
            DATA_DIR=str(Path(tmp) / "data"),
            SCHEDULER_TICK_SECONDS="1",
            LOG_LEVEL="ERROR",
        )
        kills = Counter[str]()
        runs = 0
        while True:
            inject_faults(tg, vk, rng)
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=ROOT, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
            runs += 1
            if sum(kills.values()) < args.kills:
                await asyncio.sleep(rng.uniform(args.min_life, args.max_life))
                how = rng.choice([signal.SIGKILL, signal.SIGTERM])
                proc.send_signal(how)
                kills[how.name] += 1
                await proc.wait()
                continue
            # No more kills: let it finish (a lapsed lease takes two minutes to be taken over).
            while await unfinished(url):
                await asyncio.sleep(1)
            proc.send_signal(signal.SIGTERM)
            await proc.wait()
            break
        got = Counter(len(user.messages) for user in users.values())
        ended = await statuses(url)
    await tg.stop()
    await vk.stop()
    twice_tg = sum(1 for (p, _), u in users.items() if p == "telegram" and len(u.messages) > 1)
    twice_vk = sum(1 for (p, _), u in users.items() if p == "vk" and len(u.messages) > 1)
    print(f"rows: {args.rows}; bot runs: {runs}; kills: {dict(kills)}")
    print(f"rows ended as: {dict(ended)}")
    print(f"people by messages received: {dict(sorted(got.items()))}")
    print(f"lost (no message): {got[0]}; twice or more: Telegram {twice_tg}, VK {twice_vk}")


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and run the crash test."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=400, help="due notifications (400)")
    parser.add_argument("--kills", type=int, default=40, help="times the bot is killed (40)")
    parser.add_argument("--min-life", type=float, default=1.5, help="seconds before a kill, min")
    parser.add_argument("--max-life", type=float, default=4.0, help="seconds before a kill, max")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
