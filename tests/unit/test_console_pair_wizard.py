"""The pair wizard in the console, as a curator at a camp would use it: numbered buttons, a
pair type from the second page, a 21-day term typed, and the agreement saved as a DOCX file."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import Role
from bot.db import Database
from bot.platforms.console import ConsolePlatform
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import grant, set_capacity


class Console:
    """The console platform over the real core; lines typed one at a time."""

    def __init__(self, core: Core, files: Path) -> None:
        out = io.StringIO()
        self.platform = ConsolePlatform(core.handle, "1", files, "ru", io.StringIO(), out)
        self.core = core

    async def type(self, line: str) -> str:
        """Type a line as the current user; what was printed for it."""
        out = self.platform.stdout
        start = len(out.getvalue())  # type: ignore[attr-defined]
        incoming = self.platform._incoming(line)
        await self.platform.send(self.platform.user, await self.core.handle(incoming))
        return str(out.getvalue()[start:])  # type: ignore[attr-defined]

    async def press(self, label: str) -> str:
        """Type the number of the button with this label."""
        labels = [b.label for b in self.platform.choices]
        assert label in labels, f"no {label!r} in {labels}"
        return await self.type(str(labels.index(label) + 1))


async def test_a_camp_pair_formed_in_the_console(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    core = Core(db, settings, build_router(), clock)
    await register(Chat(core, "1"), name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(Chat(core, "2"), name="Иван Наставников", role="mentor")
    await set_capacity(db, "2", 2)
    await register(Chat(core, "3"), name="Петя Учеников")
    console = Console(core, tmp_path / "files")

    await console.type("/pairs")
    await console.press("Сформировать пару")
    await console.press("Петя Учеников")
    await console.press("Дальше: наставник")
    await console.press(next(b.label for b in console.platform.choices if "Иван" in b.label))
    assert "Выберите тип пары" in await console.press("Виртуальная")
    await console.press("Ещё типы →")
    assert "Срок программы" in await console.press("Студент — ученик")
    assert "цели и задачи" in await console.type("21 день")
    summary = await console.type("Подготовить смену")
    assert "Тип пары: Студент — ученик" in summary and "Срок: 21 день" in summary
    assert "сформирована" in await console.press("Сформировать")

    for user in ("2", "3"):
        console.platform.user = user
        await console.type("/programme")
        await console.press("Принимаю")
    await console.type("/programme")
    await console.press("Скачать соглашение")
    saved = tmp_path / "files" / "3-agreement-1.docx"
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert "Соглашение действует 21 день со дня его принятия всеми сторонами" in text
    assert "с 24 ноября 2026 по 15 декабря 2026" in text
    assert "тип пары: Студент — ученик" in text
