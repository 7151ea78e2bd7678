"""One-tap actions that cannot be undone ask first: a reason, or a confirmation."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import (
    AgreementStatus,
    MilestoneStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
)
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness


async def _programme(harness: Harness) -> tuple[Programme, list[ProgrammeMember]]:
    db = harness.database()
    async with db.transaction() as session:
        programme = (await session.execute(select(Programme))).scalars().one()
        members = list((await session.execute(select(ProgrammeMember))).scalars())
    await db.close()
    return programme, members


async def test_declining_the_agreement_asks_why_and_tells_the_curator(
    harness: Harness, platform: str
) -> None:
    cur = await steps.curator(harness, platform, 9000)
    men = await steps.mentor(harness, platform, 9001, "Иван Наставников")
    tee = await steps.mentee(harness, platform, 9002, "Петя Учеников")
    await steps.form_pair(cur, "Петя Учеников", "Иван Наставников")
    agreement = await tee.expect("Соглашение о сотрудничестве")

    # Cancel keeps the agreement undecided, says so, and offers a way on.
    question = await tee.click("Не принимаю", "Почему вы не принимаете соглашение")
    kept = await tee.click("Отмена", "Ничего не изменилось")
    assert "Открыть программу" in kept.buttons
    programme, members = await _programme(harness)
    assert programme.status == ProgrammeStatus.PROPOSED
    assert all(m.agreement == AgreementStatus.PENDING for m in members)
    # The Cancel button pressed again later is stale.
    tee.user.press("Отмена", question.raw)
    await tee.expect("больше не действует")

    tee.user.press("Не принимаю", agreement.raw)
    await tee.expect("Почему вы не принимаете соглашение")
    await tee.say("Не подходит расписание", "Вы отклонили соглашение")
    notice = await cur.expect("отклонено")
    assert "Петя Учеников" in notice.text and "Не подходит расписание" in notice.text
    programme, _ = await _programme(harness)
    assert programme.status == ProgrammeStatus.DECLINED
    assert programme.close_reason == "Не подходит расписание"
    await men.expect("Соглашение о сотрудничестве")
    await men.expect("Кто отклонил: Петя Учеников")


async def test_ending_early_asks_to_confirm_before_the_reason(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentee.say("/programme")
    question = await pair.mentee.click("Прекратить досрочно", "Прекратить программу №1 досрочно?")
    kept = await pair.mentee.click("Отмена", "Ничего не изменилось")
    assert "Открыть программу" in kept.buttons
    programme, _ = await _programme(harness)
    assert programme.status == ProgrammeStatus.ACTIVE
    pair.mentee.user.press("Да, прекратить", question.raw)  # stale after the cancel
    await pair.mentee.expect("больше не действует")

    await pair.mentee.say("/programme")
    await pair.mentee.click("Прекратить досрочно", "досрочно?")
    await pair.mentee.click("Да, прекратить", "Почему программа прекращается")
    await pair.mentee.say("Переезжаю", "Программа прекращена")
    await pair.mentor.expect("Причина: Переезжаю")


async def test_forget_says_first_what_ends(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    question = await pair.mentee.say("/forget", "Отозвать согласие")
    assert question.text.startswith("Закончится программа №1 (Иван Наставников)")
    await pair.mentee.click("Нет, оставить", "ничего не меняю")
    question = await pair.curator.say("/forget", "Отозвать согласие")
    assert question.text.startswith("Сейчас у вас нет действующих программ")


async def test_completing_asks_to_confirm_and_warns_of_open_items(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "через неделю")
    await steps.add_milestone(pair.mentor, "Хакатон", "15.12")
    await pair.mentee.say("/plan")
    await pair.mentee.click("Отметить выполненным", "Какой пункт выполнен")
    chosen = next(b for b in pair.mentee.user.last_message.button_labels if "Хакатон" in b)
    await pair.mentee.click(chosen, "«Хакатон» выполнен")
    await pair.mentor.expect("«Хакатон»")

    await pair.mentor.say("/programme", "выполнено 1 из 2")
    question = await pair.mentor.click("Завершить: план выполнен", "Не выполнено пунктов плана: 1")
    await pair.mentor.click("Отмена", "Ничего не изменилось")
    programme, _ = await _programme(harness)
    assert programme.status == ProgrammeStatus.ACTIVE
    pair.mentor.user.press("Да, завершить", question.raw)  # stale after the cancel
    await pair.mentor.expect("больше не действует")

    await pair.mentor.say("/programme", "выполнено 1 из 2")
    await pair.mentor.click("Завершить: план выполнен", "Завершить программу №1")
    await pair.mentor.click("Да, завершить", "Программа завершена")
    await pair.mentee.expect("завершена: план выполнен")
    programme, _ = await _programme(harness)
    assert programme.status == ProgrammeStatus.COMPLETED


async def test_deleting_a_plan_item_asks_to_confirm(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "через неделю")
    await pair.mentor.say("/plan", "Собрать шасси")
    await pair.mentor.click("Удалить", "Какой пункт удалить")
    chosen = next(b for b in pair.mentor.user.last_message.button_labels if "Собрать" in b)
    await pair.mentor.click(chosen, "Удалить пункт «Собрать шасси»")
    await pair.mentor.click("Отмена", "Собрать шасси")
    assert (await steps.milestone_ids(harness)) != {}
    milestone = await steps.milestone(
        harness, (await steps.milestone_ids(harness))["Собрать шасси"]
    )
    assert milestone.status == MilestoneStatus.OPEN

    await pair.mentor.say("/plan", "Собрать шасси")
    await pair.mentor.click("Удалить", "Какой пункт удалить")
    chosen = next(b for b in pair.mentor.user.last_message.button_labels if "Собрать" in b)
    await pair.mentor.click(chosen, "Удалить пункт «Собрать шасси»")
    await pair.mentor.click("Да, удалить", "удалён из плана")
    milestone = await steps.milestone(harness, milestone.id)
    assert milestone.status == MilestoneStatus.DELETED
