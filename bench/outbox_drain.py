"""Outbox delivery: how fast the dispatcher sends a backlog of due notifications.

A fake Bot API server on 127.0.0.1 answers every sendMessage after ``--latency`` ms (a server far
away). The database holds ``--history`` rows already sent (months of reminders) and ``--rows``
rows due now for ``--people`` people; the real `App` (Telegram only) drains them with
`dispatcher.run_once()`. The platform's own rate (25 notifications a second on Telegram) is
lifted to ``--rate`` so that the pipeline itself is measured. Prints figures; asserts nothing.

    python bench/outbox_drain.py                  # 2000 due rows, 300 people, 50k history, 20 ms
    python bench/outbox_drain.py --latency 0 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bot.app import App  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.models import Account, Notification, Person  # noqa: E402
from tests.fakes.telegram import DEFAULT_TOKEN, FakeTelegram  # noqa: E402

FIRST_USER_ID = 200_000_001


def notification(person_id: int, n: int, due_at: datetime, status: str) -> dict[str, object]:
    """One outbox row as the bot writes it (a milestone reminder)."""
    return {
        "person_id": person_id,
        "subject_kind": "milestone",
        "subject_id": n,
        "purpose": "notify-parent-consented",
        "occasion": f"bench-{n}",
        "template": "notify-parent-consented",
        "params": {},
        "due_at": due_at,
        "status": status,
        "attempts": 0,
        "interruptions": 0,
        "quiet_hours": False,
    }


async def fill(app: App, fake: FakeTelegram, args: argparse.Namespace, now: datetime) -> None:
    """People with Telegram accounts, old sent rows, and the due backlog."""
    async with app.db.transaction() as session:
        ids = []
        for n in range(args.people):
            fake.user(FIRST_USER_ID + n)
            person = Person(name=f"P{n}", locale="ru", timezone="Europe/Moscow", status="active")
            session.add(person)
            await session.flush()
            session.add(
                Account(
                    platform="telegram", external_id=str(FIRST_USER_ID + n), person_id=person.id
                )
            )
            ids.append(person.id)
        old = now - timedelta(days=90)
        history = [
            notification(ids[n % len(ids)], n, old + timedelta(minutes=n), "sent")
            for n in range(args.history)
        ]
        due = [
            notification(ids[n % len(ids)], args.history + n, now - timedelta(seconds=1), "pending")
            for n in range(args.rows)
        ]
        for chunk in range(0, len(history) + len(due), 5000):
            await session.execute(insert(Notification), (history + due)[chunk : chunk + 5000])


async def run(args: argparse.Namespace) -> dict[str, float]:
    """One drain; the figures."""
    fake = FakeTelegram(DEFAULT_TOKEN)
    fake.latency = args.latency / 1000
    base = await fake.start()
    with tempfile.TemporaryDirectory(prefix="nastavnik-outbox-") as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
            TELEGRAM_API_BASE=base,
            DATABASE_URL=f"sqlite+aiosqlite:///{tmp}/bench.sqlite3",
            DATA_DIR=str(Path(tmp) / "data"),
            SCHEDULER_TICK_SECONDS=3600,
        )
        now = datetime.now(UTC)
        app = App(settings, clock=lambda: now)
        app.add_telegram()
        app.platforms["telegram"].rate = args.rate
        await app.start()
        await app.dispatcher.drain()
        try:
            await fill(app, fake, args, now)
            began = time.perf_counter()
            handled = await app.dispatcher.run_once()
            seconds = time.perf_counter() - began
        finally:
            await app.stop()
            await fake.stop()
    return {
        "rows": args.rows,
        "handled": handled,
        "sent": len(fake.sent),
        "seconds": round(seconds, 2),
        "rows_per_second": round(args.rows / seconds, 1),
    }


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, drain once, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=2000, help="due rows (2000)")
    parser.add_argument("--people", type=int, default=300, help="recipients (300)")
    parser.add_argument("--history", type=int, default=50_000, help="rows sent earlier (50000)")
    parser.add_argument("--latency", type=float, default=20, help="ms per sendMessage (20)")
    parser.add_argument("--rate", type=float, default=1000, help="platform rate, msg/s (1000)")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    figures = asyncio.run(run(args))
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"{figures['sent']} of {args.rows} rows sent to {args.people} people in "
            f"{figures['seconds']} s: {figures['rows_per_second']} rows/s "
            f"({args.history} older rows in the table, {args.latency:g} ms per call)"
        )


if __name__ == "__main__":
    main()
