"""A media-plan event in the console: the curator adds it, moves it (a past date asked again),
cancels it (asked first); a forged cancel from someone who is not staff changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import MediaEvent, Role
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_console_pair_wizard import Console
from tests.unit.test_flows import Chat, joined, register
from tests.unit.test_programme_edge_cases import grant


async def test_an_event_moved_and_cancelled_in_the_console(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    core = Core(db, settings, build_router(), clock)
    await register(Chat(core, "1"), name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    mentee = Chat(core, "2")
    await register(mentee, name="Петя Учеников")
    console = Console(core, tmp_path / "files")

    await console.type("/mediaplan")
    await console.press("➕ Событие")
    await console.type("Экскурсия")
    await console.type("5 декабря 15:00")
    await console.type("Музей")
    assert "в медиаплане" in await console.type("Поездка в краеведческий музей")
    await console.type("/mediaplan")
    await console.press("📅 События")
    card = await console.press("Экскурсия · 05.12 15:00")
    assert "Где: Музей" in card
    await console.press("🕒 Дата и время")
    assert "уже прошло" in await console.type("вчера 10:00")
    assert "Когда: вт, 8 декабря, 15:00" in await console.type("8 декабря 15:00")

    forged = await mentee.press("mevent:1:confirm")  # not staff: refused, nothing changes
    assert "отменено" not in joined(forged)
    async with db.transaction() as session:
        event = (await session.execute(select(MediaEvent))).scalar_one()
        assert event.cancelled_at is None

    assert "Отменить событие «Экскурсия»?" in await console.press("✖️ Отменить событие")
    assert "Событие «Экскурсия» отменено" in await console.press("Да, отменить событие")
    assert "Событий пока нет" in await console.type("/mediaplan")
