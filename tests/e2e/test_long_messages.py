"""A text longer than a platform message is split, markup intact, buttons on the last part."""

from __future__ import annotations

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness


async def test_a_long_plan_arrives_in_parts(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    description = "Подготовить & проверить <детали> шасси. " * 24  # ~950 characters, with markup
    for day in range(1, 6):
        pair.mentor.send("/plan")
        while "Добавить пункт" not in (await pair.mentor.expect()).buttons:
            pass  # a long plan comes in several parts; the buttons are on the last
        await pair.mentor.click("Добавить пункт", "Как называется пункт")
        await pair.mentor.say(f"Этап {day}", "Когда срок")
        await pair.mentor.say(f"0{day}.12", "формат работы")
        await pair.mentor.click("Пропустить", "описание")
        await pair.mentor.say(description, f"«Этап {day}» добавлен")
        while "Добавить пункт" not in (await pair.mentor.expect()).buttons:
            pass  # the plan shown after adding may come in several parts

    pair.mentee.send("/plan")
    first = await pair.mentee.expect("Индивидуальный план")
    second = await pair.mentee.expect()
    assert len(first.text) <= 4096 and len(second.text) <= 4096
    assert first.buttons == [] and "Отметить выполненным" in second.buttons
    whole = first.text + "\n" + second.text
    assert whole.count("<детали>") == 5 * 24 and "&" in whole  # as typed, never as markup
    assert all(f"Этап {day}" in whole for day in range(1, 6))
