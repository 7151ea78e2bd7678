"""Survey runs through the service API: one run per occasion, one response per person,
reminders only to those yet to answer, closing once, late answers refused, and answers read
against the survey as it was when the run was sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core import survey_files
from bot.core.models import (
    Notification,
    NotificationStatus,
    Person,
    PersonStatus,
    ResponseStatus,
    Subject,
    SurveyAnswer,
    SurveyKind,
    SurveyResponse,
    SurveyRun,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import surveys
from bot.db import Database
from handlers import notifications
from scheduler.dispatch import Dispatcher
from scheduler.jobs import close_surveys
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_dispatch import add_person

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CLOSES = NOW + timedelta(days=7)


@pytest.fixture(autouse=True)
def shipped_surveys_afterwards() -> Iterator[None]:
    """Whatever a test configured, the tests after it see the shipped surveys."""
    yield
    survey_files.configure()


async def people(db: Database, count: int) -> list[int]:
    """`count` registered people (no chat needed here)."""
    async with db.transaction() as session:
        found = [
            Person(name=f"Человек {i}", locale="ru", timezone="UTC", status=PersonStatus.ACTIVE)
            for i in range(count)
        ]
        session.add_all(found)
        await session.flush()
        return [p.id for p in found]


async def feedback_run(db: Database, ids: list[int], occasion: str = "7") -> int:
    """A meeting-feedback run with everyone in `ids` invited as a mentee; the run's id."""
    async with db.transaction() as session:
        run = await surveys.open_run(
            session,
            "meeting-feedback",
            SurveyKind.MEETING,
            now=NOW,
            closes_at=CLOSES,
            occasion=occasion,
        )
        await surveys.invite(session, run, [(i, None, "mentee") for i in ids], NOW)
        return run.id


async def response_of(db: Database, run_id: int, person_id: int) -> int:
    async with db.transaction() as session:
        query = select(SurveyResponse.id).where(
            SurveyResponse.run_id == run_id, SurveyResponse.person_id == person_id
        )
        return (await session.execute(query)).scalar_one()


async def rows(db: Database, purpose: str, status: str = NotificationStatus.PENDING) -> list[int]:
    """Recipients of the survey rows of a purpose in a status."""
    async with db.transaction() as session:
        query = select(Notification.person_id).where(
            Notification.subject_kind == Subject.SURVEY_RESPONSE,
            Notification.purpose == purpose,
            Notification.status == status,
        )
        return sorted((await session.execute(query)).scalars())


async def complete_mentee(db: Database, response_id: int, person_id: int, at: datetime) -> None:
    """Answer the mentee's questions of meeting-feedback, skipping the comment."""
    async with db.transaction() as session:
        step = await surveys.answer(session, response_id, person_id, 0, 4, at)
        step = await surveys.answer(session, response_id, person_id, step.index, ["study"], at)
        step = await surveys.skip(session, response_id, person_id, step.index, at)
        assert step.question is None


async def test_a_run_is_opened_once_per_occasion(db: Database) -> None:
    async with db.transaction() as session:
        first = await surveys.open_run(
            session,
            "meeting-feedback",
            SurveyKind.MEETING,
            now=NOW,
            closes_at=CLOSES,
            occasion="12",
        )
        again = await surveys.open_run(
            session,
            "meeting-feedback",
            SurveyKind.MEETING,
            now=NOW,
            closes_at=CLOSES,
            occasion="12",
        )
        curator = [
            await surveys.open_run(
                session, "completion", SurveyKind.CURATOR, now=NOW, closes_at=CLOSES
            )
            for _ in range(2)
        ]
        assert again.id == first.id
        assert curator[0].id != curator[1].id
        assert curator[0].version_id != first.version_id
        assert curator[0].version_id == curator[1].version_id  # one version of an unchanged file


async def test_each_person_is_invited_once(db: Database) -> None:
    ann, bob = await people(db, 2)
    run_id = await feedback_run(db, [ann])
    async with db.transaction() as session:
        run = await session.get(SurveyRun, run_id)
        assert run is not None
        added = await surveys.invite(
            session, run, [(ann, None, "mentee"), (bob, None, "mentor")], NOW
        )
        assert added == 1
        assert await surveys.invite(session, run, [(bob, None, "mentor")], NOW) == 0
    assert await rows(db, surveys.INVITE) == [ann, bob]
    async with db.transaction() as session:
        query = select(Notification.expires_at).where(Notification.purpose == surveys.INVITE)
        assert {e.replace(tzinfo=UTC) for e in (await session.execute(query)).scalars()} == {CLOSES}


async def test_reminders_reach_only_those_yet_to_answer(db: Database) -> None:
    ann, bob, cid = await people(db, 3)
    run_id = await feedback_run(db, [ann, bob, cid])
    await complete_mentee(db, await response_of(db, run_id, ann), ann, NOW)
    async with db.transaction() as session:
        run = await session.get(SurveyRun, run_id)
        assert run is not None
        after_close = CLOSES + timedelta(hours=1)
        count = await surveys.schedule_reminders(
            session, run, [NOW + timedelta(days=2), NOW + timedelta(days=5), after_close]
        )
    assert count == 4  # bob and cid, twice each; none after the close, none to ann
    assert await rows(db, surveys.REMIND) == [bob, bob, cid, cid]
    await complete_mentee(db, await response_of(db, run_id, bob), bob, NOW + timedelta(days=1))
    assert await rows(db, surveys.REMIND) == [cid, cid]
    assert await rows(db, surveys.INVITE, NotificationStatus.VOID) == [ann, bob]


async def test_closing_happens_once_and_voids_what_is_pending(db: Database) -> None:
    ann, bob = await people(db, 2)
    run_id = await feedback_run(db, [ann, bob])
    async with db.transaction() as session:
        run = await session.get(SurveyRun, run_id)
        assert run is not None
        await surveys.schedule_reminders(session, run, [NOW + timedelta(days=3)])
        assert await surveys.close_due(session, CLOSES - timedelta(seconds=1)) == []
    async with db.transaction() as session:
        closed = await surveys.close_due(session, CLOSES)
        assert [r.id for r in closed] == [run_id]
        assert closed[0].closed_at == CLOSES
    async with db.transaction() as session:
        assert await surveys.close_due(session, CLOSES + timedelta(days=1)) == []
    assert await rows(db, surveys.INVITE) == await rows(db, surveys.REMIND) == []
    assert await rows(db, surveys.REMIND, NotificationStatus.VOID) == [ann, bob]


async def test_a_late_answer_is_refused_and_changes_nothing(db: Database) -> None:
    (ann,) = await people(db, 1)
    run_id = await feedback_run(db, [ann])
    response_id = await response_of(db, run_id, ann)
    for late in (CLOSES, CLOSES + timedelta(days=30)):
        async with db.transaction() as session:
            with pytest.raises(Refusal) as refused:
                await surveys.answer(session, response_id, ann, 0, 5, late)
            assert refused.value.key == "survey-closed"
    async with db.transaction() as session:
        assert await surveys.answers_of(session, response_id) == {}
        assert await surveys.unanswered(session, ann, CLOSES) == []


async def test_another_persons_response_is_a_stale_button(db: Database) -> None:
    ann, bob = await people(db, 2)
    run_id = await feedback_run(db, [ann])
    response_id = await response_of(db, run_id, ann)
    async with db.transaction() as session:
        with pytest.raises(StaleButton):
            await surveys.answer(session, response_id, bob, 0, 5, NOW)
        with pytest.raises(StaleButton):
            await surveys.current(session, response_id + 99, ann, NOW)


async def test_answering_back_skip_and_one_answer_set(db: Database) -> None:
    (ann,) = await people(db, 1)
    run_id = await feedback_run(db, [ann])
    rid = await response_of(db, run_id, ann)
    async with db.transaction() as session:
        step = await surveys.current(session, rid, ann, NOW)
        assert (step.question or {})["id"] == "useful" and step.first
        assert step.total == 3  # a mentee: useful, topics, comment
        with pytest.raises(Refusal) as refused:
            await surveys.skip(session, rid, ann, 0, NOW)
        assert refused.value.key == "survey-required"
        with pytest.raises(Refusal) as refused:
            await surveys.answer(session, rid, ann, 0, 6, NOW)  # beyond the scale
        assert refused.value.key == "survey-bad-answer"
        step = await surveys.answer(session, rid, ann, 0, 2, NOW)
        assert (step.question or {})["id"] == "topics" and step.number == 2
        with pytest.raises(Refusal) as refused:
            await surveys.answer(session, rid, ann, step.index, [], NOW)
        assert refused.value.key == "survey-choose-some"
        step = await surveys.back(session, rid, ann, step.index, NOW)
        assert (step.question or {})["id"] == "useful"
        assert step.answers == {}
        step = await surveys.answer(session, rid, ann, 0, 5, NOW)
        step = await surveys.answer(session, rid, ann, step.index, ["project", "study"], NOW)
        with pytest.raises(Refusal) as refused:
            await surveys.answer(session, rid, ann, 0, 1, NOW)  # an older question's button
        assert refused.value.key == "survey-moved-on"
        step = await surveys.answer(session, rid, ann, step.index, "  Спасибо!  ", NOW)
        assert step.question is None
        with pytest.raises(Refusal) as refused:
            await surveys.answer(session, rid, ann, 4, "ещё", NOW)
        assert refused.value.key == "survey-already-answered"
    async with db.transaction() as session:
        assert await surveys.answers_of(session, rid) == {
            "useful": 5,
            "topics": ["study", "project"],  # in the survey's order
            "comment": "Спасибо!",
        }
        response = await session.get(SurveyResponse, rid)
        assert response is not None and response.status == ResponseStatus.COMPLETED
        assert await surveys.unanswered(session, ann, NOW) == []


async def test_show_if_branches_and_roles(db: Database) -> None:
    mentor, other = await people(db, 2)
    async with db.transaction() as session:
        run = await surveys.open_run(
            session, "meeting-feedback", SurveyKind.MEETING, now=NOW, closes_at=CLOSES
        )
        await surveys.invite(session, run, [(mentor, None, "mentor"), (other, None, "mentor")], NOW)
        run_id = run.id
    for person, goal, asked in ((mentor, "partly", "obstacle"), (other, "yes", "comment")):
        rid = await response_of(db, run_id, person)
        async with db.transaction() as session:
            step = await surveys.answer(session, rid, person, 0, 3, NOW)
            assert (step.question or {})["id"] == "goal"  # a mentor is not asked the topics
            step = await surveys.answer(session, rid, person, step.index, goal, NOW)
            assert (step.question or {})["id"] == asked


async def test_answers_keep_the_version_they_answered(db: Database, tmp_path: Path) -> None:
    (ann,) = await people(db, 1)
    run_id = await feedback_run(db, [ann])
    rid = await response_of(db, run_id, ann)
    async with db.transaction() as session:
        await surveys.answer(session, rid, ann, 0, 4, NOW)
    folder = tmp_path / "surveys"
    folder.mkdir()
    (folder / "meeting-feedback.yaml").write_text(
        "title: {ru: Отзыв, en: Feedback}\n"
        "questions:\n"
        "  - id: mood\n    kind: single\n    text: {ru: Как настроение, en: How are you}\n"
        "    options:\n"
        "      - {key: good, text: {ru: Хорошее, en: Good}}\n"
        "      - {key: bad, text: {ru: Плохое, en: Bad}}\n",
        encoding="utf-8",
    )
    survey_files.configure(folder)
    async with db.transaction() as session:
        newer = await surveys.open_run(
            session,
            "meeting-feedback",
            SurveyKind.MEETING,
            now=NOW,
            closes_at=CLOSES,
            occasion="8",
        )
        old = await session.get(SurveyRun, run_id)
        assert old is not None and newer.version_id != old.version_id
        step = await surveys.current(session, rid, ann, NOW)
        assert (step.question or {})["id"] == "topics"  # the old questions go on
        assert step.answers == {"useful": 4}
        assert [q["id"] for q in (await surveys.definition_of(session, newer))["questions"]] == [
            "mood"
        ]
        stored = (await session.execute(select(SurveyAnswer))).scalars().one()
        assert stored.question == "useful" and stored.value == 4


async def test_the_tick_sends_reminders_to_non_responders_and_closes_once(db: Database) -> None:
    """Through the dispatcher and the scheduler's job: the one who answered gets no reminder
    (voided on completion, and checked again when sent); the run closes once, and an unsent
    reminder then never goes."""
    clock = FakeClock(NOW)
    tg = RecordingPlatform("telegram")
    ann = await add_person(db, [("telegram", "1", NOW)])
    bob = await add_person(db, [("telegram", "2", NOW)])
    run_id = await feedback_run(db, [ann, bob])
    async with db.transaction() as session:
        run = await session.get(SurveyRun, run_id)
        assert run is not None
        await surveys.schedule_reminders(session, run, [NOW + timedelta(days=2), CLOSES])
        late = await surveys.schedule_reminders(session, run, [CLOSES - timedelta(hours=1)])
    assert late == 2
    dispatcher = Dispatcher(db, {"telegram": tg}, notifications.render, clock)
    await dispatcher.run_once()
    assert [len(tg.to("1")), len(tg.to("2"))] == [1, 1]  # the invitations
    assert "Как прошла встреча" in tg.to("1")[0]
    await complete_mentee(db, await response_of(db, run_id, ann), ann, NOW)
    clock.advance(days=2)
    await dispatcher.run_once()
    assert len(tg.to("1")) == 1
    assert "Напоминаем об опросе" in tg.to("2")[1]
    clock.now = CLOSES
    assert [r.id for r in await close_surveys(dispatcher, "UTC")] == [run_id]
    assert await close_surveys(dispatcher, "UTC") == []
    await dispatcher.run_once()
    assert len(tg.to("2")) == 2  # the reminder an hour before the close was voided with it
