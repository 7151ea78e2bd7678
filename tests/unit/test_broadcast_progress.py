"""The curator's progress message while a broadcast goes: edited at most once per interval of
the broadcaster's clock (`BROADCAST_PROGRESS_SECONDS` sets it), then with the final figures; an
edit that fails for now is tried again later, one that cannot be made stops the edits; neither
stops the broadcast, nor its report. In the console the card is printed again as it changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.config import Settings
from bot.core.conversation import Reply
from bot.core.engine import Core
from bot.core.models import Account, Broadcast, DeliveryStatus, Notification, Role
from bot.db import Database
from bot.platforms.base import DeliveryRefused, RetryLater
from handlers import build_router
from handlers.broadcasts import progress
from scheduler.broadcaster import Broadcaster
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.conftest import make_settings
from tests.unit.test_broadcast_sending import broadcast_to, statuses
from tests.unit.test_broadcasts import account
from tests.unit.test_console_pair_wizard import Console
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import grant
from tests.unit.test_survey_campaigns import person

PEOPLE = 20


class Ticking(RecordingPlatform):
    """A second of `clock` passes with each message sent."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__("console")
        self.clock = clock

    async def send(self, external_id: str, replies: Sequence[Reply], **kw: object) -> None:
        await super().send(external_id, replies)
        self.clock.advance(seconds=1)


async def watched(db: Database, clock: FakeClock) -> int:
    """A broadcast to `PEOPLE` whose curator's progress message is message 7 of their chat."""
    broadcast_id, curator = await broadcast_to(db, PEOPLE, clock)
    own = await account(db, "console", "curator", curator)
    async with db.transaction() as session:
        found = await session.get(Broadcast, broadcast_id)
        assert found is not None
        found.progress_account_id, found.progress_message = own, "7"
    return broadcast_id


async def run(db: Database, platform: RecordingPlatform, clock: FakeClock, every: float) -> int:
    worker = Broadcaster(
        db, {"console": platform}, {}, clock, batch=2, progress=progress, interval=every
    )
    return await worker.run_once()


@pytest.mark.parametrize("every", [3, 8])
async def test_the_card_is_edited_once_per_interval_then_with_the_final_figures(
    db: Database, clock: FakeClock, every: int
) -> None:
    await watched(db, clock)
    platform = Ticking(clock)
    assert await run(db, platform, clock, every) == PEOPLE
    assert {(chat, message) for chat, message, _ in platform.edits} == {("curator", "7")}
    *live, final = [text for _, _, text in platform.edits]
    assert PEOPLE // every - 1 <= len(live) <= PEOPLE // every + 1  # 20 s of sending
    assert all("идёт рассылка" in text for text in live)
    assert "разослано" in final and f"Доставлено: {PEOPLE}, в очереди: 0" in final


async def test_the_setting_sets_the_interval(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, "sqlite+aiosqlite:///:memory:")
    app = App(settings.model_copy(update={"broadcast_progress_seconds": 12}))
    assert app.broadcaster.interval == timedelta(seconds=12)
    await app.db.close()


async def reports(db: Database) -> int:
    async with db.transaction() as session:
        query = select(func.count()).where(Notification.purpose == "broadcast-done")
        return int(await session.scalar(query) or 0)


@pytest.mark.parametrize(
    "error", [RetryLater("Too Many Requests: retry after 40", 40), RuntimeError("boom")]
)
async def test_an_edit_failing_for_now_is_tried_again_and_the_broadcast_goes_on(
    db: Database, clock: FakeClock, error: Exception
) -> None:
    broadcast_id = await watched(db, clock)
    platform = Ticking(clock)
    platform.edit_error = error
    assert await run(db, platform, clock, 3) == PEOPLE
    assert await statuses(db) == {DeliveryStatus.SENT: PEOPLE}
    assert platform.edit_tries >= PEOPLE // 3  # tried every time, the final one too
    assert await reports(db) == 1
    async with db.transaction() as session:
        found = await session.get(Broadcast, broadcast_id)
        assert found is not None and found.progress_message == "7"


async def test_a_message_that_cannot_be_edited_is_edited_no_more(
    db: Database, clock: FakeClock
) -> None:
    broadcast_id = await watched(db, clock)
    platform = Ticking(clock)
    platform.edit_error = DeliveryRefused("Bad Request: message to edit not found")
    assert await run(db, platform, clock, 3) == PEOPLE
    assert platform.edit_tries == 1
    assert await statuses(db) == {DeliveryStatus.SENT: PEOPLE}
    assert await reports(db) == 1
    async with db.transaction() as session:
        found = await session.get(Broadcast, broadcast_id)
        assert found is not None and found.progress_message is None


async def test_the_curator_in_the_console_sees_the_card_printed_again_as_it_goes(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    core = Core(db, settings, build_router(), clock)
    await register(Chat(core, "1"), name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    for user in "2345":
        await account(db, "console", user, await person(db, f"Ученик {user}", "mentee"))
    console = Console(core, tmp_path / "files")
    await console.type("/broadcast")
    await console.type("Сбор в пятницу")
    await console.press("Всем участникам")
    assert "Доставлено: 0, в очереди: 4" in await console.press("Отправить")

    def ticking() -> datetime:  # a second passes whenever the broadcaster looks
        clock.advance(seconds=1)
        return clock()

    platforms = {"console": console.platform}
    worker = Broadcaster(db, platforms, {}, ticking, batch=1, progress=progress, interval=2)
    out = console.platform.stdout
    start = len(out.getvalue())  # type: ignore[attr-defined]
    assert await worker.run_once() == 4
    printed = str(out.getvalue()[start:])  # type: ignore[attr-defined]
    going = printed.index("идёт рассылка")
    assert "Доставлено: 4" not in printed[:going] and "[2] Пауза" in printed[going:]
    final = printed.index("Объявление № 1 — разослано")
    assert going < final and "Доставлено: 4, в очереди: 0" in printed[final:]


async def test_a_curator_who_withdrew_consent_has_no_card_edited(
    db: Database, clock: FakeClock
) -> None:
    broadcast_id = await watched(db, clock)
    async with db.transaction() as session:  # /forget unlinks the person's accounts
        found = await session.get(Broadcast, broadcast_id)
        assert found is not None and found.progress_account_id is not None
        own = await session.get(Account, found.progress_account_id)
        assert own is not None
        own.person_id = None
    platform = Ticking(clock)
    assert await run(db, platform, clock, 3) == PEOPLE
    assert platform.edits == [] and platform.edit_tries == 0
    assert await statuses(db) == {DeliveryStatus.SENT: PEOPLE}
