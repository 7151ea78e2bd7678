"""Stopping the bot: a send under way finishes and is recorded; the database file is left whole."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from bot.app import App
from bot.core.conversation import Reply
from bot.core.models import Notification, NotificationStatus
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.conftest import make_settings
from tests.unit.test_dispatch import add_person, add_row, row


class SlowPlatform(RecordingPlatform):
    """A platform whose sends wait until the test lets them through."""

    def __init__(self) -> None:
        super().__init__("telegram")
        self.sending = asyncio.Event()
        self.release = asyncio.Event()

    async def send(self, external_id: str, replies: Sequence[Reply], **_: object) -> None:
        self.sending.set()
        await self.release.wait()
        await super().send(external_id, replies)


async def test_stop_finishes_a_send_the_tick_started(
    db: Database, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    settings = make_settings(tmp_path, db_url).model_copy(update={"scheduler_tick_seconds": 0.01})
    app = App(settings, clock=clock)
    platform = SlowPlatform()
    app.platforms[platform.name] = platform
    await app.start()
    await app.dispatcher.drain()  # the catch-up pass at start-up found nothing
    person = await add_person(db, [("telegram", "42", clock.now)])
    await add_row(db, person, clock.now)
    await asyncio.wait_for(platform.sending.wait(), timeout=10)  # the tick took the row

    stopping = asyncio.create_task(app.stop())
    await asyncio.sleep(0)
    platform.release.set()
    await stopping

    assert [chat for chat, _ in platform.sent] == ["42"]
    assert (await row(db)).status == NotificationStatus.SENT


async def test_closing_folds_the_write_ahead_log_into_the_file(
    db_url: str, tmp_path: Path, migrated_file: Path
) -> None:
    file = tmp_path / "t.sqlite3"
    shutil.copyfile(migrated_file, file)
    database = Database(db_url)
    await add_person(database)
    wal = Path(f"{file}-wal")
    with sqlite3.connect(file) as other:  # say, `python -m bot grant` at the same moment
        other.execute("select count(*) from people").fetchall()
        assert wal.stat().st_size > 0
        await database.close()
        assert wal.stat().st_size == 0
        assert other.execute("select count(*) from people").fetchone() == (1,)


async def test_stop_finishes_the_batch_under_way_and_leaves_the_rest_pending(
    db: Database, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    """A long backlog does not hold a shutdown: the batch being sent is finished and recorded,
    the rest stays pending for the next start (a service manager kills a slow stop)."""
    app = App(make_settings(tmp_path, db_url), clock=clock)
    platform = SlowPlatform()
    app.platforms[platform.name] = platform
    for n in range(app.dispatcher.batch * 3):
        person = await add_person(db, [("telegram", f"p{n}", clock.now)])
        await add_row(db, person, clock.now, key=f"k{n}")
    passing = asyncio.create_task(app.dispatcher.run_once())
    await asyncio.wait_for(platform.sending.wait(), timeout=10)

    stopping = asyncio.create_task(app.stop())
    await asyncio.sleep(0)
    platform.release.set()
    await stopping

    assert await passing == app.dispatcher.batch
    assert len(platform.sent) == app.dispatcher.batch
    async with db.transaction() as session:
        statuses = Counter((await session.execute(select(Notification.status))).scalars())
    assert statuses == {
        NotificationStatus.SENT: app.dispatcher.batch,
        NotificationStatus.PENDING: app.dispatcher.batch * 2,
    }
