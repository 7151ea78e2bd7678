"""A command in the middle of a wizard keeps its answers: the person can continue it later."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import Form, Profile, Programme
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Chat, Harness


async def _to_term_step(curator: Chat) -> None:
    """The pair wizard up to step 5: mentee, mentor, form and type chosen."""
    await curator.say("/pairs", "Пары и группы")
    await curator.click("Сформировать пару", "Выберите наставляемого")
    await curator.click("Петя Учеников", "Выбраны")
    suggestions = await curator.click("Дальше: наставник", "Выберите наставника")
    label = next(b for b in suggestions.buttons if "Иван Наставников" in b)
    await curator.click(label, "Выберите форму наставничества")
    await curator.click("Реверсивная", "Выберите тип пары")
    await curator.click("Вожатый — волонтёр", "Шаг 5 из 6")


async def _programme(harness: Harness) -> Programme:
    db = harness.database()
    async with db.transaction() as session:
        programme = (await session.execute(select(Programme))).scalars().one()
    await db.close()
    return programme


async def test_pair_wizard_continues_after_a_command_with_earlier_answers(
    harness: Harness, platform: str
) -> None:
    cur = await steps.curator(harness, platform, 9000)
    await steps.mentor(harness, platform, 9001, "Иван Наставников")
    await steps.mentee(harness, platform, 9002, "Петя Учеников")
    await _to_term_step(cur)

    # /help leaves the question open: the step is asked again after the help.
    await cur.say("/help", "Что я умею")
    await cur.expect("Шаг 5 из 6")

    # /programme interrupts: its own answer, then the offer to continue.
    await cur.say("/programme", "не участвуете")
    offer = await cur.expect("Не закончено: формирование пары")
    assert "Продолжить формирование пары" in offer.buttons

    # /help shows the offer too; Continue asks step 5 again, and the earlier answers hold.
    await cur.say("/help", "Что я умею")
    await cur.expect("Не закончено: формирование пары")
    await cur.click("Продолжить формирование пары", "Шаг 5 из 6")
    await cur.click("6 месяцев", "цели и задачи")
    summary = await cur.say("Собрать робота", "Проверьте пару")
    assert "Реверсивная" in summary.text and "Вожатый — волонтёр" in summary.text
    await cur.click("Сформировать", "сформирована")

    programme = await _programme(harness)
    assert (programme.form, programme.pair_type) == (Form.REVERSE, "counsellor_volunteer")
    assert programme.term == 6


async def test_starting_the_pair_wizard_again_offers_to_continue_or_start_over(
    harness: Harness, platform: str
) -> None:
    cur = await steps.curator(harness, platform, 9000)
    await steps.mentor(harness, platform, 9001, "Иван Наставников")
    await steps.mentee(harness, platform, 9002, "Петя Учеников")
    await _to_term_step(cur)
    await cur.say("/programme", "не участвуете")
    await cur.expect("Не закончено: формирование пары")
    await cur.say("/pairs", "Пары и группы")
    await cur.click("Сформировать пару", "Вы уже начали формировать пару")
    await cur.click("Продолжить", "Шаг 5 из 6")

    await cur.say("/programme", "не участвуете")
    await cur.expect("Не закончено: формирование пары")
    await cur.say("/pairs", "Пары и группы")
    await cur.click("Сформировать пару", "Вы уже начали формировать пару")
    await cur.click("Начать заново", "Шаг 1 из 6")
    # Started over: nothing is left to continue.
    await cur.say("/help", "Что я умею")
    assert cur.unread() == []


async def test_questionnaire_continues_with_the_forms_ticked(
    harness: Harness, platform: str
) -> None:
    tee = await steps.mentee(harness, platform, 9002, "Петя Учеников")
    await tee.say("/profile", "Петя Учеников")
    await tee.click("Изменить формы", "Какие формы наставничества")
    await tee.click("Скоростная", "Какие формы наставничества")

    await tee.say("/programme", "не участвуете")
    await tee.expect("Не закончено: анкета")
    await tee.click("Продолжить анкету", "Какие формы наставничества")
    assert "✓ Скоростная" in tee.user.last_message.button_labels
    await tee.click("Готово", "Сохранено")

    db = harness.database()
    async with db.transaction() as session:
        profile = (await session.execute(select(Profile))).scalars().one()
    await db.close()
    assert "speed" in (profile.forms or "")
