"""The practice wizard in the console, as a mentor at a camp would use it: /practices, «Предложить
практику», numbered buttons, a format typed under «Другое», a photo sent with `:file`, a field
changed from the summary; the curator sees it in the queue under /stats."""

from __future__ import annotations

import io
from pathlib import Path

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import Role
from bot.db import Database
from bot.platforms.console import ConsolePlatform
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_console_pair_wizard import Console
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import grant


async def test_a_mentor_writes_a_practice_in_the_console(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    core = Core(db, settings, build_router(), clock)
    await register(Chat(core, "1"), name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(Chat(core, "2"), name="Иван Наставников", role="mentor")
    mentor = Console(core, tmp_path / "files")
    streams = io.StringIO(), io.StringIO()
    mentor.platform = ConsolePlatform(core.handle, "2", tmp_path, "ru", *streams)  # the mentor
    photo = tmp_path / "quest.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 quest")

    assert "Одобренных практик пока нет" in await mentor.type("/practices")
    assert "Как называется практика" in await mentor.press("Предложить практику")
    assert "Выберите форму наставничества" in await mentor.type("Квест по лагерю")
    assert "Выберите формат работы" in await mentor.press("Ситуационная")
    assert "какой это формат работы" in await mentor.press("Другое")
    assert "Что вы сделали" in await mentor.type("Прогулка-квест")
    assert "Каких результатов" in await mentor.type("Провели квест по территории лагеря")
    assert "Пришлите фото" in await mentor.type("Отряд запомнил, где что находится")
    incoming = mentor.platform._file(f":file {photo}")
    assert incoming is not None
    await mentor.platform.send("2", await core.handle(incoming))
    summary = await mentor.press("Готово")
    assert "Другое: Прогулка-квест" in summary and "Файлов: 1" in summary
    assert "Сейчас: Квест по лагерю" in await mentor.press("Изменить название")
    summary = await mentor.type("Квест «Найди свой отряд»")
    assert "Квест «Найди свой отряд»" in summary
    assert "отправлена куратору" in await mentor.press("Отправить куратору")

    curator = Console(core, tmp_path / "files")
    stats = await curator.type("/stats")
    assert "Практики на проверку (1)" in [b.label for b in curator.platform.choices], stats
    queue = await curator.press("Практики на проверку (1)")
    assert "Практики на проверку: 1" in queue
    card = await curator.press("Квест «Найди свой отряд»")
    assert "Автор: Иван Наставников" in card and "на проверке у куратора" in card
