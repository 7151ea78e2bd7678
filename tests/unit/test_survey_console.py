"""The feedback survey after a held meeting, answered in the console over the real core: a
typed number, ticks and Done, Back, Skip, typed text, both branches of a `show_if`; an old
button after the end, another's button, a late answer; the mentor's ticks of who came invite
and un-invite; FEEDBACK_DAYS sets how long answers are taken; every keyboard fits VK."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.core import survey_files
from bot.core.conversation import MAX_BUTTONS, MAX_LABEL_CHARS, MAX_ROWS
from bot.core.engine import Core
from bot.core.models import SurveyAnswer, SurveyResponse, SurveyRun
from bot.core.services import surveys
from bot.db import Database
from handlers import build_router, survey_view
from handlers.buttons import SurveyOpen, SurveyPick
from tests.fakes.clock import FakeClock
from tests.unit.test_console_pair_wizard import Console
from tests.unit.test_flows import joined
from tests.unit.test_meeting_attendance import held
from tests.unit.test_programme_edge_cases import person_id, programme_setup

VK_ROW = 5  # VK cuts an inline keyboard's row at five buttons


def core_with(db: Database, settings: Settings, clock: FakeClock, **changes: object) -> Core:
    return Core(db, settings.model_copy(update=changes), build_router(), clock)


async def responses(db: Database) -> dict[int, SurveyResponse]:
    """Every response by the person's id."""
    async with db.transaction() as session:
        found = (await session.execute(select(SurveyResponse))).scalars()
        return {r.person_id: r for r in found}


async def answers(db: Database, response_id: int) -> dict[str, tuple[object, bool]]:
    async with db.transaction() as session:
        query = select(SurveyAnswer).where(SurveyAnswer.response_id == response_id)
        return {a.question: (a.value, a.skipped) for a in (await session.execute(query)).scalars()}


async def test_feedback_answered_in_the_console(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    core = core_with(db, settings, clock)
    setup = await programme_setup(core, db)
    await held(db, setup, clock)
    console = Console(core, tmp_path / "files")
    clock.advance(minutes=15)  # the invitations wait while the mentor ticks who came
    mentee, mentor = await person_id(db, "3"), await person_id(db, "2")

    console.platform.user = "3"
    invitation = await console.type("/pending")
    assert "Как прошла встреча" in invitation and "Ответы принимаются до" in invitation
    first = await console.press("Начать опрос")
    assert "вопрос 1 из 3" in first and "Насколько полезной была встреча?" in first
    assert "1 — совсем нет, 5 — очень" in first
    assert [b.label for b in console.platform.choices] == ["1", "2", "3", "4", "5"]  # no Back
    assert "от 1 до 5 цифрами" in await console.type("'7")  # beyond the scale: asked again
    topics = await console.type("'4")  # a typed number counts
    assert "вопрос 2 из 3" in topics and topics.count("Отметьте всё, что подходит") == 1
    await console.press("Учёба")
    await console.press("Проект")
    ticked = await console.press("✓ Учёба")  # untick
    assert "✓ Проект" in ticked and "✓ Учёба" not in ticked
    comment = await console.press("Готово")
    assert "вопрос 3 из 3" in comment and "Вопрос можно пропустить" in comment
    again = await console.press("← Назад")
    assert "вопрос 2 из 3" in again and "✓" not in again  # the answer was taken back
    assert "хотя бы один" in await console.press("Готово")  # nothing ticked: refused
    await console.press("Личное")
    await console.press("Готово")
    assert "Спасибо! Ответы записаны." in await console.press("Пропустить")
    assert "Как прошла встреча" not in await console.type("/pending")
    rid = (await responses(db))[mentee].id
    assert await answers(db, rid) == {
        "useful": (4, False),
        "topics": (["personal"], False),
        "comment": (None, True),
    }
    old = await setup.mentee.press(SurveyPick(rid, 0, 1).pack())  # an old button
    assert "Вы уже ответили на этот опрос" in joined(old)
    assert await answers(db, rid) == {
        "useful": (4, False),
        "topics": (["personal"], False),
        "comment": (None, True),
    }

    # The mentor's questions: no topics; «Отчасти» asks what got in the way, «Да» does not.
    console.platform.user = "2"
    await console.type("/pending")
    assert "вопрос 1 из 3" in await console.press("Начать опрос")
    goal = await console.press("2")
    assert "вопрос 2 из 3" in goal and "Удалось ли достичь цели встречи?" in goal
    obstacle = await console.press("Отчасти")
    assert "вопрос 3 из 4" in obstacle and "Что помешало?" in obstacle
    assert "Удалось ли достичь" in await console.press("← Назад")
    comment = await console.press("Да")
    assert "вопрос 3 из 3" in comment and "Что хотите добавить?" in comment
    await console.press("← Назад")
    await console.press("Нет")
    await console.type("Не хватило времени")
    assert "Спасибо!" in await console.type("Всё по плану")
    mentor_rid = (await responses(db))[mentor].id
    assert await answers(db, mentor_rid) == {
        "useful": (2, False),
        "goal": ("no", False),
        "obstacle": ("Не хватило времени", False),
        "comment": ("Всё по плану", False),
    }
    foreign = await setup.mentee.press(SurveyOpen(mentor_rid).pack())  # another's response
    assert "Эта кнопка больше не действует" in joined(foreign)


async def test_a_late_answer_is_refused_and_a_typed_one_after_a_break_resumes(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    core = core_with(db, settings, clock)
    setup = await programme_setup(core, db)
    await held(db, setup, clock)
    clock.advance(minutes=15)
    rid = (await responses(db))[await person_id(db, "3")].id
    await setup.mentee.press(SurveyOpen(rid).pack())
    await setup.mentee.press(SurveyPick(rid, 0, 5).pack())
    await setup.mentee.send("/help")  # leaves the survey for something else
    resumed = await setup.mentee.press(SurveyOpen(rid).pack())
    assert "вопрос 2 из 3" in joined(resumed)
    clock.advance(days=7)
    late = await setup.mentee.press(SurveyPick(rid, 1, 0).pack())
    assert "Опрос уже закрыт" in joined(late)
    assert await answers(db, rid) == {"useful": (5, False)}
    assert "Опрос уже закрыт" in joined(await setup.mentee.press(SurveyOpen(rid).pack()))


@pytest.mark.parametrize(("days", "open_after_three_days"), [(7, True), (2, False)])
async def test_feedback_days_sets_how_long_answers_are_taken(
    db: Database, settings: Settings, clock: FakeClock, days: int, open_after_three_days: bool
) -> None:
    core = core_with(db, settings, clock, feedback_days=days)
    setup = await programme_setup(core, db)
    await held(db, setup, clock)
    async with db.transaction() as session:
        run = (await session.execute(select(SurveyRun))).scalar_one()
        assert run.closes_at - run.opens_at == timedelta(days=days)
    rid = (await responses(db))[await person_id(db, "3")].id
    clock.advance(days=3, minutes=15)
    replies = joined(await setup.mentee.press(SurveyOpen(rid).pack()))
    assert ("вопрос 1 из 3" in replies) is open_after_three_days
    assert ("Опрос уже закрыт" in replies) is not open_after_three_days


async def test_ticking_who_came_invites_and_uninvites(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    core = core_with(db, settings, clock)
    setup = await programme_setup(core, db)
    meeting_id, _ = await held(db, setup, clock)
    mentee = await person_id(db, "3")
    assert set(await responses(db)) == {mentee, await person_id(db, "2")}
    await setup.mentor.press(f"meet-came:{meeting_id}:{mentee}:0")  # did not come after all
    assert mentee not in await responses(db)
    assert "Как прошла встреча" not in joined(await setup.mentee.send("/pending"))
    await setup.mentor.press(f"meet-came:{meeting_id}:{mentee}:0")  # came
    assert mentee in await responses(db)
    await setup.mentor.press(f"meet-came:{meeting_id}:0")  # «Готово»: nobody invited twice
    assert len(await responses(db)) == 2


def test_every_question_of_every_shipped_survey_fits_vk() -> None:
    """Each question's keyboard, each half of a 0–10 scale, with Back and Skip."""
    for key in survey_files.load_all()[0]:
        definition = survey_files.definition(key)
        run = SurveyRun(id=1, version_id=1)
        response = SurveyResponse(id=999_999, run_id=1, person_id=1)
        for index, question in enumerate(definition["questions"]):
            step = surveys.Step(response, run, definition, question, index, 2, 5, {})
            for half in ("low", "high"):
                for locale in ("ru", "en"):
                    reply = survey_view.question(step, locale, ticked=2**7 - 1, half=half)
                    labels = [b.label for row in reply.buttons for b in row]
                    assert len(labels) <= MAX_BUTTONS and len(reply.buttons) <= MAX_ROWS
                    assert all(len(row) <= VK_ROW for row in reply.buttons), labels
                    assert all(len(label) <= MAX_LABEL_CHARS for label in labels)
                    if question["kind"] == "scale" and question["max"] == 10:
                        shown = {"low": "0", "high": "10"}[half]
                        assert shown in labels, labels


async def test_surveys_dir_replaces_the_shipped_feedback(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    folder = tmp_path / "our-surveys"
    folder.mkdir()
    (folder / "meeting-feedback.yaml").write_text(
        "title: {ru: Отзыв о занятии, en: Session feedback}\n"
        "questions:\n"
        "  - {id: mood, kind: scale, min: 0, max: 10, text: {ru: Ваше настроение, en: Mood}}\n",
        encoding="utf-8",
    )
    try:
        core = core_with(db, settings, clock, surveys_dir=folder)
        setup = await programme_setup(core, db)
        await held(db, setup, clock)
        clock.advance(minutes=15)
        rid = (await responses(db))[await person_id(db, "3")].id
        first = await setup.mentee.press(SurveyOpen(rid).pack())
        assert "Отзыв о занятии · вопрос 1 из 1" in joined(first)
        assert "Ваше настроение" in joined(first)
        labels = [b.label for row in first[0].buttons for b in row]
        assert labels == ["0", "1", "2", "3", "4", "5", "6–10 →"]
        turn = [b.payload for row in first[0].buttons for b in row][-1]
        high = await setup.mentee.press(turn)
        assert high[0].replace  # the other half in place
        labels = [b.label for row in high[0].buttons for b in row]
        assert labels == ["6", "7", "8", "9", "10", "← 0–5"]
        done = await setup.mentee.press([b.payload for b in high[0].buttons[0]][-1])
        assert "Спасибо!" in joined(done)
        assert await answers(db, rid) == {"mood": (10, False)}
    finally:
        survey_files.configure()
