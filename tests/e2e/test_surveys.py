"""Feedback after a meeting on each platform: the mentor logs it as held, both who came get the
survey, the mentee ticks and unticks, goes back, leaves half-way, comes back after a restart
through /pending and types the last answer; the mentor's «Отчасти» opens the branch that asks
what got in the way, and skips. The answers are stored as given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.models import Person, Programme, SurveyAnswer, SurveyResponse
from bot.core.services import meetings
from bot.core.services.meetings import Details
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness

START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def confirmed_meeting(harness: Harness) -> None:
    """The pair's meeting on Thursday, proposed and confirmed for both by the mentor."""
    db = harness.database()
    async with db.transaction() as session:
        programme = (await session.execute(select(Programme))).scalar_one()
        mentor = await session.get(Person, programme.mentor_id)
        assert mentor is not None
        meeting = await meetings.propose(
            session, programme, mentor, Details(START), harness.clock.now
        )
        await meetings.confirm(session, meeting, mentor, harness.clock.now, for_all=True)
    await db.close()


async def stored_answers(harness: Harness) -> dict[str, dict[str, object]]:
    """Each person's answers by name, then by question."""
    db = harness.database()
    async with db.transaction() as session:
        query = (
            select(Person.name, SurveyAnswer.question, SurveyAnswer.value)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .join(Person, Person.id == SurveyResponse.person_id)
        )
        found: dict[str, dict[str, object]] = {}
        for name, question, value in (await session.execute(query)).all():
            found.setdefault(name, {})[question] = value
    await db.close()
    return found


async def test_feedback_after_a_held_meeting(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await confirmed_meeting(harness)
    await harness.dispatch_due()
    for chat in (pair.mentor, pair.mentee):
        while chat.unread():  # the proposal's notices: no survey before the meeting
            assert "Как прошла встреча" not in (await chat.expect()).text

    harness.clock.now = START + timedelta(hours=2)
    await harness.dispatch_due()
    await pair.mentor.expect("Встреча состоялась?")
    await pair.mentor.click("Да, состоялась", "Кто был на встрече?")
    await pair.mentor.click("Готово", "присутствовали: 2")
    await harness.dispatch_due()
    assert pair.mentee.unread() == []  # the invitations wait while the mentor ticks who came
    harness.clock.now += timedelta(minutes=15)
    await harness.dispatch_due()
    invitation = await pair.mentee.expect("Как прошла встреча")
    assert "Начать опрос" in invitation.buttons
    await pair.mentor.expect("Как прошла встреча")

    # The mentee: a number, ticks and an untick, Done, Back, ticks again; then leaves.
    first = await pair.mentee.click("Начать опрос", "вопрос 1 из 3")
    assert first.buttons == ["1", "2", "3", "4", "5"]
    await pair.mentee.click("4", "О чём вы говорили?")
    await pair.mentee.click("Учёба", "О чём вы говорили?")
    await pair.mentee.click("Проект", "О чём вы говорили?")
    ticked = await pair.mentee.click("✓ Учёба", "О чём вы говорили?")
    assert "✓ Проект" in ticked.buttons and "Учёба" in ticked.buttons
    await pair.mentee.click("Готово", "вопрос 3 из 3")
    back = await pair.mentee.click("← Назад", "вопрос 2 из 3")
    assert not any(b.startswith("✓") for b in back.buttons)  # the answer was taken back
    await pair.mentee.click("Личное", "О чём вы говорили?")
    await pair.mentee.click("Готово", "Что хотите добавить?")

    # A restart in the middle: /pending offers to continue from the first unanswered question.
    await harness.restart_bot()
    pending = await pair.mentee.say("/pending", "Ждёт вашего ответа")
    if "Как прошла встреча" not in pending.text:
        pending = await pair.mentee.expect("Как прошла встреча")
    assert "Продолжить опрос" in pending.buttons
    await pair.mentee.click("Продолжить опрос", "вопрос 3 из 3")
    await pair.mentee.say("Разобрали схему шасси & <датчики>", "Спасибо! Ответы записаны.")

    # The mentor: «Отчасти» opens the question of what got in the way; both skipped.
    await pair.mentor.click("Начать опрос", "вопрос 1 из 3")
    await pair.mentor.click("5", "Удалось ли достичь цели встречи?")
    await pair.mentor.click("Отчасти", "Что помешало?")
    await pair.mentor.click("Пропустить", "Что хотите добавить?")
    await pair.mentor.click("Пропустить", "Спасибо! Ответы записаны.")

    assert await stored_answers(harness) == {
        "Петя Учеников": {
            "useful": 4,
            "topics": ["personal"],
            "comment": "Разобрали схему шасси & <датчики>",
        },
        "Иван Наставников": {"useful": 5, "goal": "partly", "obstacle": None, "comment": None},
    }
    # One answer set: the invitation's button now says it is answered.
    await pair.mentee.say("/pending", "ничего не ждёт")
