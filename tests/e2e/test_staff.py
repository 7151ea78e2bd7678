"""Staff are not a bank: a curator registers without the mentee/mentor choice and is not counted
as a mentor or mentee."""

from __future__ import annotations

from bot.admin import change_role
from bot.core.models import PersonStatus, Role
from tests.e2e.harness import Chat, Harness
from tests.e2e.helpers import person_of
from tests.e2e.programme_steps import PREFIX, mentor


async def grant_curator(harness: Harness, chat: Chat) -> str:
    """The operator grants the curator role; the text of the notice the person reads."""
    address = f"{PREFIX[chat.platform]}:{chat.user_id}"
    ok, message = await change_role(harness.settings, "grant", "curator", address, harness.clock)
    assert ok, message
    await harness.dispatch_due()
    return (await chat.expect("Вам дана роль куратора")).text


async def test_a_curator_registers_without_the_role_question(
    harness: Harness, platform: str
) -> None:
    chat = harness.chat(platform, 8101)
    await chat.say("/start", "Согласие на обработку")
    await chat.click("Даю согласие", "согласие сохранено")
    await chat.expect("Как вас зовут?")
    notice = await grant_curator(harness, chat)
    assert "/start" in notice  # still registering: told how to finish
    assert "«Написать»" in notice  # and what the role lets them do

    done = await chat.say("Ольга Кураторова", "Готово, Ольга Кураторова, вы зарегистрированы")
    assert {"Пары и группы", "Банки", "Статистика"} <= set(done.buttons)
    person = await person_of(harness, chat)
    assert person is not None and person.status == PersonStatus.ACTIVE
    assert person.role_set == {Role.CURATOR}

    await mentor(harness, platform, 8102, "Иван Петров")
    stats = await chat.say("/stats", "Участники программы")
    assert "наставляемых: 0, наставников: 1" in stats.text


async def test_granted_mid_registration_the_curator_skips_the_rest(
    harness: Harness, platform: str
) -> None:
    chat = harness.chat(platform, 8103)
    await chat.say("/start", "Согласие на обработку")
    await chat.click("Даю согласие", "согласие сохранено")
    await chat.expect("Как вас зовут?")
    await chat.say("Ольга Кураторова", "Сколько вам лет")
    await grant_curator(harness, chat)
    await chat.say("/start", "Готово, Ольга Кураторова, вы зарегистрированы")
    person = await person_of(harness, chat)
    assert person is not None and person.role_set == {Role.CURATOR}
