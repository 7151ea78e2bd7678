"""Speed mentoring in the console: the curator creates an event (bad answers asked again, the
answers kept), a mentee finds the invitation in /pending and books, the roster is saved as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import Role
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_console_pair_wizard import Console
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import grant


async def test_a_speed_event_in_the_console(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    core = Core(db, settings, build_router(), clock)
    await register(Chat(core, "1"), name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(Chat(core, "2"), name="Петя Учеников")
    console = Console(core, tmp_path / "files")

    assert "Скоростное наставничество" in await console.type("/help")
    await console.press("Скоростное наставничество")
    assert "Кто будет гостем" in await console.press("Новая встреча")
    assert "Когда начинается" in await console.type("Мария Гостева")
    assert "Такой даты нет" in await console.type("31.02 18:00")  # asked again
    assert "Такого времени нет" in await console.type("завтра 25:00")
    assert "уже прошло" in await console.type("вчера 18:00")
    assert "Где пройдёт" in await console.type("завтра 18:00")
    assert "Сколько минут" in await console.type("Актовый зал")
    assert "от 5 до 180 минут" in await console.type("0")
    assert "Сколько будет слотов" in await console.type("15")
    await console.type("/pending")  # a command in the middle: the answers are kept
    assert "Сколько будет слотов" in await console.press("Продолжить создание встречи")
    assert "Сколько наставляемых" in await console.type("'2")  # a number as text, no button
    assert "Кого пригласить" in await console.type("'1")
    summary = await console.press("Все наставляемые")
    assert "Начало: ср, 25 ноября, 18:00" in summary
    assert "Приглашения получат: 1 чел." in summary
    assert "приглашения отправлены: 1" in await console.press("Создать и пригласить")

    console.platform.user = "2"
    invitation = await console.type("/pending")
    assert "Мария Гостева" in invitation and "18:00–18:15 — свободно: 1" in invitation
    assert "Вы записаны на слот 18:15–18:30" in await console.press("18:15–18:30 · свободно: 1")
    assert "Приглашение" not in await console.type("/pending")  # answered

    console.platform.user = "1"
    await console.type("/speed")
    card = await console.press("ср, 25 ноября, 18:00 · Мария Гостева")
    assert "2. 18:15–18:30 — Петя Учеников (1 из 1)" in card
    await console.press("Список участников (таблица)")
    saved = tmp_path / "files" / "1-speed-1.csv"
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel shows Cyrillic right
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table == [["Слот", "Время", "Участник"], ["2", "18:15–18:30", "Петя Учеников"]]


async def test_the_numbers_of_the_wizard_are_buttons(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    """Slot length, slot count and capacity are a press each; the prompt says a number may be
    typed too, and a typed one still counts."""
    core = Core(db, settings, build_router(), clock)
    await register(Chat(core, "1"), name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    console = Console(core, tmp_path / "files")

    await console.type("/speed")
    await console.press("Новая встреча")
    await console.type("Мария Гостева")
    await console.type("завтра 18:00")
    asked = await console.type("Актовый зал")
    assert "Выберите кнопку или напишите число от 5 до 180" in asked
    assert "Сколько будет слотов" in await console.press("20 мин")
    assert "Сколько наставляемых" in await console.press("6")
    assert "Кого пригласить" in await console.type("'4")  # typed, not a button
    summary = await console.press("Все наставляемые")
    assert "Слоты: 6 по 20 мин., на каждый — до 4 чел." in summary
