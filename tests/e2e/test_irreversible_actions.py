"""One-tap actions that cannot be undone ask first: a reason, or a confirmation."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import AgreementStatus, Programme, ProgrammeMember, ProgrammeStatus
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
