"""A survey the curator sends, on each platform: to the mentees, until a week from now; three
of four answer (one only after the reminder), the curator watches the share who answered grow,
reminds once — only those yet to answer get it — and cannot remind twice; the mentor sees the
figures of their group only once three have answered, never a name or a typed text."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import AgreementStatus, Programme, ProgrammeMember, SurveyRun
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Chat, Harness
from tests.e2e.helpers import person_of


async def into_the_group(harness: Harness, *chats: Chat) -> None:
    """The mentees join the pair's programme, making it a group (set up in the database)."""
    db = harness.database()
    async with db.transaction() as session:
        programme = (await session.execute(select(Programme))).scalar_one()
        for chat in chats:
            person = await person_of(harness, chat)
            assert person is not None
            session.add(
                ProgrammeMember(
                    programme_id=programme.id,
                    person_id=person.id,
                    role="mentee",
                    agreement=AgreementStatus.ACCEPTED,
                )
            )
    await db.close()


async def run_id(harness: Harness) -> int:
    db = harness.database()
    async with db.transaction() as session:
        found = (await session.execute(select(SurveyRun.id))).scalar_one()
    await db.close()
    return found


async def answer(chat: Chat, score: str, topic: str) -> None:
    """Start the survey from its invitation and answer all three questions."""
    await chat.click("Начать опрос", "вопрос 1 из 3")
    await chat.click(score, "О чём вы говорили?")
    await chat.click(topic, "О чём вы говорили?")
    await chat.click("Готово", "Что хотите добавить?")
    await chat.say("Только куратору: всё отлично", "Спасибо! Ответы записаны.")


async def test_curator_survey_rate_reminder_and_mentor_summary(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    masha = await steps.mentee(harness, platform, 9003, "Маша Ученикова")
    kolya = await steps.mentee(harness, platform, 9004, "Коля Новиков")
    anya = await steps.mentee(harness, platform, 9005, "Аня Одиночкина")  # no pair
    await into_the_group(harness, masha, kolya)
    petya, curator, mentor = pair.mentee, pair.curator, pair.mentor

    # The curator sends the feedback survey to the mentees, until a week from now.
    await curator.say("/stats", "Участники программы")
    await curator.click("Опросы", "Вы ещё не отправляли опросов")
    await curator.click("Отправить опрос", "Какой опрос отправить?")
    await curator.click("Как прошла встреча", "Кому отправить опрос?")
    await curator.click("Наставляемым", "До какого дня принимать ответы?")
    preview = await curator.click("Через неделю", "Проверьте перед отправкой")
    assert "Получателей: 4" in preview.text  # not the curator, though a mentee too
    await curator.click("Отправить", "Опрос отправлен: 4 приглашения")
    await harness.dispatch_due()
    for chat in (petya, masha, kolya, anya):
        await chat.expect("Как прошла встреча")
    assert mentor.unread() == [] and curator.unread() == []

    # Two answer; the mentor sees no figures yet.
    await answer(petya, "4", "Учёба")
    await answer(masha, "5", "Проект")
    await mentor.say("/surveys", "Опросы о ваших парах и группах")
    few = await mentor.click("Как прошла встреча", "Ответили полностью: 2")
    assert "меньше трёх человек" in few.text

    # The curator's card, counted afresh: Коля starts, Refresh shows it.
    await curator.say("/surveys", "Отправленные опросы")
    card = await curator.click("Как прошла встреча · 50%", "Приглашено: 4")
    assert "Ответили полностью: 2 (50%)" in card.text and "Начали отвечать: 0" in card.text
    await kolya.click("Начать опрос", "вопрос 1 из 3")
    await kolya.click("3", "О чём вы говорили?")
    refreshed = await curator.click("Обновить", "Начали отвечать: 1")
    assert "Ещё не ответили: 2" in refreshed.text

    # One reminder, only to those yet to answer.
    await curator.click("Напомнить", "Напоминание отправлено: 2 людям")
    after = await curator.expect("Напоминание уже отправлено")
    assert "Напомнить" not in after.buttons
    await harness.dispatch_due()
    assert "Продолжить опрос" in (await kolya.expect("Напоминаем об опросе")).buttons
    assert "Начать опрос" in (await anya.expect("Напоминаем об опросе")).buttons
    assert petya.unread() == [] and masha.unread() == [] and mentor.unread() == []
    run = await run_id(harness)
    curator.press_payload(f"sv-remind:{run}")
    await curator.expect("второй раз напомнить нельзя")
    mentor.press_payload(f"sv-remind:{run}")
    await mentor.expect("только куратору")
    await harness.dispatch_due()
    assert kolya.unread() == [] and anya.unread() == []  # no second reminder

    # Коля finishes: the third answer, and the mentor's figures appear.
    await kolya.click("Продолжить опрос", "О чём вы говорили?")
    await kolya.click("Учёба", "О чём вы говорили?")
    await kolya.click("Готово", "Что хотите добавить?")
    await kolya.click("Пропустить", "Спасибо! Ответы записаны.")
    await mentor.say("/surveys", "Опросы о ваших парах и группах")
    shown = await mentor.click("Как прошла встреча", "Ответили полностью: 3")
    assert "Насколько полезной была встреча? — в среднем 4,0 из 5 (ответов: 3)" in shown.text
    assert "Учёба: 2; Проект: 1" in shown.text
    assert "Только куратору" not in shown.text and "Маша" not in shown.text

    # The curator: 75 %, and everyone's answers as a file.
    await curator.say("/surveys", "Отправленные опросы")
    await curator.click("Как прошла встреча · 75%", "Ответили полностью: 3 (75%)")
    document = await curator.click("Ответы файлом", "Ответы всех приглашённых: 4 человека")
    assert document.document_bytes is not None
    table = document.document_bytes.decode("utf-8-sig")
    assert "Маша Ученикова" in table and "Только куратору: всё отлично" in table
    assert "Аня Одиночкина" in table and "не начинал(а)" in table
