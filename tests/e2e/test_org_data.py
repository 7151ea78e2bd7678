"""Pair types and formats of work are the organisation's data: the shipped lists, "other" in
words, and an override file (ORG_DATA_FILE) that changes what the wizard offers."""

from __future__ import annotations

from pathlib import Path

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness

OVERRIDE = """
[[pair_types]]
key = "shift_camper"
ru = "Наставник смены — отдыхающий"
en = "Shift mentor — camper"

[[formats]]
key = "hike"
ru = "Поход"
en = "Hike"
"""


async def people(harness: Harness, platform: str) -> steps.Pair:
    cur = await steps.curator(harness, platform, 9000)
    men = await steps.mentor(harness, platform, 9001, "Иван Наставников")
    tee = await steps.mentee(harness, platform, 9002, "Петя Учеников")
    return steps.Pair(cur, men, tee)


async def test_target_model_pair_types_and_other_in_words(harness: Harness, platform: str) -> None:
    """The target model's forms are offered (on the second page), and "other" takes a text that
    the summary, the agreement and the card show."""
    pair = await people(harness, platform)
    question = await steps.open_type_step(pair.curator, "Петя Учеников", "Иван Наставников")
    assert "Ученик — ученик" in question.buttons and "Учитель — учитель" in question.buttons
    more = await pair.curator.click("Ещё типы →", "Выберите тип пары")
    assert {"Студент — ученик", "Работодатель — ученик", "Другое"} <= set(more.buttons)
    await pair.curator.click("Другое", "своими словами")
    await pair.curator.say("Вожатый-стажёр — вожатый", "Срок программы")
    await pair.curator.click("6 месяцев", "цели и задачи")
    summary = await pair.curator.say("Подготовить отряд к смене", "Проверьте пару")
    assert "Тип пары: Другое: Вожатый-стажёр — вожатый" in summary.text
    await pair.curator.click("Сформировать", "сформирована")
    agreement = await pair.mentor.expect("Соглашение о сотрудничестве")
    assert "тип пары: Другое: Вожатый-стажёр — вожатый" in agreement.text
    await steps.accept(pair, read_agreement=False)
    card = await pair.mentee.say("/programme", "Программа №1")
    assert "тип пары: Другое: Вожатый-стажёр — вожатый" in card.text


async def test_everyday_formats_and_other_format(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Знакомство", "через неделю", "Встреча")
    await steps.add_milestone(pair.mentor, "Разбор задач", "через 2 недели", "Консультация")
    await steps.add_milestone(pair.mentor, "Экскурсия", "через 3 недели", other="Прогулка по лесу")
    plan = await pair.mentee.say("/plan", "выполнено 0 из 3")
    assert "Знакомство (Встреча)" in plan.text
    assert "Разбор задач (Консультация)" in plan.text
    assert "Экскурсия (Другое: Прогулка по лесу)" in plan.text


async def test_an_override_file_changes_the_lists(
    harness: Harness, platform: str, tmp_path: Path
) -> None:
    """With ORG_DATA_FILE the wizard offers that file's pair types and formats; a pair formed
    before with a type the file no longer lists still shows it by name."""
    pair = await steps.accepted_pair(harness, platform)
    data = tmp_path / "org.toml"
    data.write_text(OVERRIDE, encoding="utf-8")
    assert harness.settings is not None
    harness.settings = harness.settings.model_copy(update={"org_data_file": data})
    await harness.restart_bot()

    card = await pair.mentee.say("/programme", "Программа №1")
    assert "тип пары: Вожатый — воспитанник" in card.text

    await steps.mentee(harness, platform, 9003, "Вася Новый")
    await harness.dispatch_due()
    question = await steps.open_type_step(pair.curator, "Вася Новый", "Иван Наставников")
    assert question.buttons == ["Наставник смены — отдыхающий", "Другое"]

    await steps.add_milestone(pair.mentor, "В горы", "через неделю", "Поход")
    plan = await pair.mentee.say("/plan", "В горы (Поход)")
    assert "Воркшоп" not in plan.buttons
