"""The curator writes to a participant through the bot: in the console, and the refusals."""

from __future__ import annotations

import io
from pathlib import Path

from bot.core.engine import Core
from bot.core.models import Notification, Role
from bot.core.services import people
from bot.db import Database
from bot.platforms.console import ConsolePlatform
from handlers import notifications
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, all_rows, joined, payloads, register
from tests.unit.test_programme_edge_cases import core, grant, person_id, programme_setup

__all__ = ["core"]

QUESTION = "Встреча в 15:00 <в кабинете 12> & «Кванториум»"


async def test_curator_and_participant_write_to_each_other_in_the_console(
    core: Core, db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    boss = Chat(core, user="1")
    await register(boss, name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(Chat(core, user="2"), name="Пётр Учеников")
    pupil = await person_id(db, "2")

    out = io.StringIO()
    console = ConsolePlatform(core.handle, "1", tmp_path / "files", "ru", io.StringIO(), out)
    dispatcher = Dispatcher(db, {"console": console}, notifications.render, clock)
    await boss.press(f"write:{pupil}")
    await boss.send(QUESTION)
    assert await dispatcher.run_once() == 1

    console.stdin = io.StringIO(":user 2\n1\nДа, приду & <возьму ноутбук>\n:user 1\n:quit\n")
    await console.run()
    assert await dispatcher.run_once() == 1

    shown = out.getvalue()
    assert f"Сообщение от куратора Ольга Куратова:\n{QUESTION}" in shown  # as typed
    assert "[1] Ответить куратору" in shown
    assert "Ответ отправлен куратору" in shown
    assert "Ответ участника Пётр Учеников:\nДа, приду & <возьму ноутбук>" in shown
    assert "[1] Ответить" in shown.rsplit("Ответ участника", 1)[1]


async def test_an_empty_or_too_long_message_or_a_revoked_curator_sends_nothing(
    core: Core, db: Database
) -> None:
    boss = Chat(core, user="1")
    await register(boss, name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(Chat(core, user="2"), name="Пётр Учеников")
    await boss.press(f"write:{await person_id(db, '2')}")
    assert "не длиннее 2\xa0000" in joined(await boss.send("Я" * 2001))
    assert "не длиннее 2\xa0000" in joined(await boss.send("   "))
    async with db.transaction() as session:
        acc = await people.find_account(session, "console", "1")
        assert acc is not None and acc.person is not None
        people.revoke(acc.person, Role.CURATOR)
    assert "только куратору" in joined(await boss.send("Добрый день"))
    assert [r for r in await all_rows(db, Notification) if r.template.startswith("relay")] == []


async def test_the_curator_writes_to_a_member_from_the_pair_card(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    pid = setup.programme_id
    card = await setup.curator.press(f"programme:{pid}")
    assert f"write-pick:{pid}" in payloads(card)
    assert f"write-pick:{pid}" not in payloads(await setup.mentee.press(f"programme:{pid}"))

    picker = await setup.curator.press(f"write-pick:{pid}")
    labels = [b.label for r in picker for row in r.buttons for b in row]
    assert "Наставнику: Иван Наставников" in labels
    mentee = await person_id(db, "3")
    await setup.curator.press(f"write:{mentee}")
    await setup.curator.send("Завтра встреча в 15:00")
    (row,) = [r for r in await all_rows(db, Notification) if r.template.startswith("relay")]
    assert row.person_id == mentee and row.params["text"] == "Завтра встреча в 15:00"
    # A mentee's forged press of the curator's button shows nothing of the pair.
    refused = await setup.mentee.press(f"write-pick:{pid}")
    assert "Наставнику" not in joined(refused)
