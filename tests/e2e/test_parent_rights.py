"""A parent's rights over the consent they gave for a child: see it, withdraw it from their own
account; and a parent is never suggested as their own child's mentor."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.core.models import Person, Programme, ProgrammeStatus
from handlers.buttons import AgreementAnswer
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Chat, Harness
from tests.e2e.helpers import finish_registration, register

CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")
PLATFORMS = [("telegram", "vk"), ("vk", "telegram")]


async def _child_with_consent(harness: Harness, child: Chat, parent: Chat, name: str) -> None:
    """A minor registers, the parent consents from their own account, the child completes."""
    msg = await register(child, name=name, age="14–17")
    code = CODE.search(msg.text).group(0)  # type: ignore[union-attr]
    text = await parent.say(f"/parent {code}", "Согласие родителя")
    assert "в своём аккаунте" in text.text  # the consent text says the parent may withdraw
    await parent.click("Даю согласие", "фамилию, имя и отчество")
    await parent.say("Котова Ирина Петровна", "может продолжить регистрацию")
    await child.expect("Родитель дал согласие")
    await child.click("Продолжить регистрацию", "Кем вы хотите быть")
    await finish_registration(child)


@pytest.mark.parametrize(("child_on", "parent_on"), PLATFORMS)
async def test_parent_sees_and_withdraws_the_consent_for_the_child(
    harness: Harness, child_on: str, parent_on: str
) -> None:
    child = harness.chat(child_on, 3001)
    parent = harness.chat(parent_on, 3002)
    await _child_with_consent(harness, child, parent, "Миша Котов")

    data = await parent.say("/mydata", "Согласия, которые вы дали")
    assert "ребёнок: Миша Котов; представитель: Котова Ирина Петровна" in data.text
    await parent.expect("JSON")

    choice = await parent.say("/forget", "Чьё согласие отозвать")
    assert choice.buttons == ["За ребёнка: Миша Котов", "Нет, оставить"]
    confirm = await parent.click("За ребёнка: Миша Котов", "данное за ребёнка (Миша Котов)")
    assert "нет действующих программ" in confirm.text
    await parent.click("Нет, оставить", "ничего не меняю")
    await parent.say("/forget")
    await parent.click("За ребёнка: Миша Котов")
    await parent.click("Да, удалить", "данное за ребёнка (Миша Котов), отозвано")

    note = await child.expect("Родитель отозвал согласие")
    assert "Начать" in note.buttons
    db = harness.database()
    async with db.transaction() as session:
        names = list((await session.execute(select(Person.name))).scalars())
    await db.close()
    assert names == [None]
    data = await parent.say("/mydata", "Согласия, которые вы дали")
    assert "отозвано" in data.text and "Миша Котов" not in data.text
    await parent.expect("JSON")
    await parent.say("/forget", "Отзывать нечего")


async def test_a_parent_is_not_suggested_as_their_childs_mentor(
    harness: Harness, platform: str
) -> None:
    cur = await steps.curator(harness, platform, 3100)
    parent = await steps.mentor(harness, platform, 3101, "Ирина Котова")
    await steps.mentor(harness, platform, 3102, "Иван Наставников")
    child = harness.chat("vk" if platform == "telegram" else "telegram", 3103)
    await _child_with_consent(harness, child, parent, "Миша Котов")

    await cur.say("/pairs", "Пары и группы")
    await cur.click("Сформировать пару", "Выберите наставляемого")
    await cur.click("Миша Котов", "Выбраны")
    suggestions = await cur.click("Дальше: наставник", "Выберите наставника")
    assert "Иван Наставников" in suggestions.text
    assert "Ирина Котова" not in suggestions.text
    db = harness.database()
    async with db.transaction() as session:
        parent_id = (
            await session.execute(select(Person.id).where(Person.name == "Ирина Котова"))
        ).scalar_one()
    await db.close()
    cur.press_payload(f"pair-mentor:{parent_id}")
    await cur.expect("родитель")


@pytest.mark.parametrize(("child_on", "parent_on"), PLATFORMS)
async def test_a_minors_agreement_waits_for_the_parent(
    harness: Harness, child_on: str, parent_on: str
) -> None:
    cur = await steps.curator(harness, child_on, 3200)
    men = await steps.mentor(harness, child_on, 3201, "Иван Наставников")
    child = harness.chat(child_on, 3202)
    parent = harness.chat(parent_on, 3203)
    await _child_with_consent(harness, child, parent, "Миша Котов")
    await steps.form_pair(cur, "Миша Котов", "Иван Наставников")

    await men.expect("Соглашение о сотрудничестве")
    await child.expect("Соглашение о сотрудничестве")
    for_child = await parent.expect("от имени ребёнка — Миша Котов")
    assert "Соглашение о сотрудничестве" in for_child.text
    await men.click("Принимаю", "когда соглашение примут все")
    await child.click("Принимаю", "когда соглашение примут все")  # the parent has not yet
    # The parent finds it again where they look: /pending, with the same buttons.
    await parent.say("/pending", "Ждёт вашего ответа")
    await parent.expect("от имени ребёнка — Миша Котов")
    await parent.click("Принимаю за ребёнка", "программа началась")
    await child.expect("началась")
    await men.expect("началась")
    await cur.expect("началась")


async def test_a_parent_may_decline_the_minors_agreement(harness: Harness, platform: str) -> None:
    cur = await steps.curator(harness, platform, 3300)
    men = await steps.mentor(harness, platform, 3301, "Иван Наставников")
    child = harness.chat(platform, 3302)
    parent = harness.chat(platform, 3303)
    await _child_with_consent(harness, child, parent, "Миша Котов")
    await steps.form_pair(cur, "Миша Котов", "Иван Наставников")
    await men.expect("Соглашение о сотрудничестве")
    await child.expect("Соглашение о сотрудничестве")
    await parent.expect("от имени ребёнка — Миша Котов")
    await men.click("Принимаю", "когда соглашение примут все")
    await parent.click("Не принимаю", "программа не начнётся")
    for chat in (men, child, cur):
        await chat.expect("законный представитель участника Миша Котов")
    db = harness.database()
    async with db.transaction() as session:
        programme = (await session.execute(select(Programme))).scalar_one()
    await db.close()
    assert programme.status == ProgrammeStatus.DECLINED
    child.press_payload(AgreementAnswer(True, programme.id).pack())  # the child's own button
    await child.expect("больше не действует")
