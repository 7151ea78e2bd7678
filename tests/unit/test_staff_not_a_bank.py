"""Staff are not a bank: a curator is neither suggested nor counted as a mentor or mentee, unless
they hold that role explicitly."""

from __future__ import annotations

from bot.admin import change_role
from bot.config import Settings
from bot.core import texts
from bot.core.engine import Core
from bot.core.models import Role
from bot.core.services import banks
from bot.db import Database
from handlers import notifications
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_flows import Chat, joined, payloads, register
from tests.unit.test_programme_edge_cases import core, grant, person_id, set_capacity

__all__ = ["core"]


async def test_a_curator_is_not_suggested_or_counted_as_a_mentor(core: Core, db: Database) -> None:
    curator = Chat(core, user="1")
    await curator.send("/start")
    await curator.press("consent:y")
    await grant(db, "1", Role.CURATOR)  # granted while registering
    done = await curator.send("Ольга Кураторова")
    assert "menu:pairs" in payloads(done)  # the staff menu, no role question
    await register(Chat(core, user="2"), name="Иван Наставников", role="mentor")
    await set_capacity(db, "2", 3)
    also_mentor = Chat(core, user="3")
    await register(also_mentor, name="Мария Наставникова", role="mentor")
    await set_capacity(db, "3", 3)
    await grant(db, "3", Role.CURATOR)  # a curator who chose to mentor too
    await register(Chat(core, user="4"), name="Петя Учеников")

    mentee = await person_id(db, "4")
    async with db.transaction() as session:
        suggested = [s.mentor.name for s in await banks.suggest_mentors(session, [mentee])]
        in_bank = [e.person.name for e in await banks.bank(session, Role.MENTOR)]
        mentees = [e.person.name for e in await banks.bank(session, Role.MENTEE)]
    assert sorted(suggested) == ["Иван Наставников", "Мария Наставникова"]
    assert in_bank == ["Иван Наставников", "Мария Наставникова"]
    assert mentees == ["Петя Учеников"]

    (stats, *_) = await curator.send("/stats")
    assert "Зарегистрированы: 4 (наставляемых: 1, наставников: 2)" in texts.plain(stats.text)


async def test_a_curator_who_chose_to_mentor_finishes_the_questionnaire(
    core: Core, db: Database, settings: Settings, clock: FakeClock
) -> None:
    chat = Chat(core, user="1")
    await chat.send("/start")
    await chat.press("consent:y")
    await chat.send("Мария Наставникова")
    await chat.press("age:adult")
    await chat.press("role:mentor")  # chosen before the grant: an explicit mentor
    ok, message = await change_role(settings, "grant", "curator", "console:1", clock)
    assert ok, message
    platform = RecordingPlatform()
    await Dispatcher(db, {"console": platform}, notifications.render, clock).run_once()
    (notice,) = platform.to("1")
    assert "отправьте /start" in notice and "анкету" not in notice
    assert "Несколько вопросов для анкеты" in joined(await chat.send("/start"))
