"""A small organisation's autumn written straight into the tables, for the report tests: people,
programmes that started, ran, completed and ended, meetings, plan items and two survey runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from bot.core.models import (
    Meeting,
    MeetingStatus,
    Milestone,
    MilestoneStatus,
    Person,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    ResponseStatus,
    SurveyAnswer,
    SurveyKind,
    SurveyResponse,
    SurveyRun,
    SurveyVersion,
)
from bot.core.services.period_figures import Period
from bot.db import Database

ZONE = "Europe/Moscow"
AUTUMN = Period(date(2026, 9, 1), date(2026, 11, 30), ZONE)
TODAY = date(2026, 12, 1)
NAMES = (
    "Иван Наставников",
    "Мария Менторова",
    "Петя Учеников",
    "Вася Школьников",
    "Лена Отличникова",
    "Коля Младший",
    "Оля Поздняя",
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def _texts(ru: str, en: str) -> dict[str, str]:
    return {"ru": ru, "en": en}


MONITORING = {
    "key": "monitoring-mentee",
    "title": _texts("Мониторинг: наставляемые", "Monitoring: mentees"),
    "questions": [
        {
            "id": "useful",
            "kind": "scale",
            "min": 1,
            "max": 5,
            "required": True,
            "text": _texts("Насколько полезны встречи?", "How useful are the meetings?"),
        },
        {
            "id": "format",
            "kind": "single",
            "required": True,
            "text": _texts("Какой формат удобнее?", "Which format suits you?"),
            "options": [
                {"key": "online", "text": _texts("Онлайн", "Online")},
                {"key": "offline", "text": _texts("Очно", "In person")},
            ],
        },
        {
            "id": "topics",
            "kind": "multi",
            "required": False,
            "text": _texts("Какие темы важны?", "Which topics matter?"),
            "options": [
                {"key": "career", "text": _texts("Карьера", "Career")},
                {"key": "study", "text": _texts("Учёба", "Study")},
                {"key": "hobby", "text": _texts("Увлечения", "Hobbies")},
            ],
        },
        {
            "id": "comment",
            "kind": "text",
            "required": False,
            "text": _texts("Что улучшить?", "What to improve?"),
        },
    ],
}
FEEDBACK = {
    "key": "meeting-feedback",
    "title": _texts("Отзыв о встрече", "Meeting feedback"),
    "questions": [
        {
            "id": "useful",
            "kind": "scale",
            "min": 1,
            "max": 5,
            "required": True,
            "text": _texts("Встреча была полезной?", "Was the meeting useful?"),
        }
    ],
}


@dataclass
class Autumn:
    """Ids of what was written."""

    people: dict[str, int]
    monitoring_run: int
    feedback_run: int


async def autumn(db: Database) -> Autumn:
    """Write the data; see the comments for what each row is there to prove."""
    async with db.transaction() as s:
        ages = ("adult", "adult", "teen", "teen", "child", None, "adult")
        people = [
            Person(name=n, locale="ru", timezone=ZONE, age_group=a, status=PersonStatus.ACTIVE)
            for n, a in zip(NAMES, ages, strict=True)
        ]
        s.add_all(people)
        await s.flush()
        ivan, maria, petya, vasya, lena, kolya, olya = (p.id for p in people)

        def programme(mentor: int, status: str, form: str, pair: str, **dates: Any) -> Programme:
            row = Programme(
                mentor_id=mentor,
                form=form,
                pair_type=pair,
                term=6,
                goals="—",
                agreement_version="1",
                status=status,
                **dates,
            )
            s.add(row)
            return row

        active = programme(  # ran all autumn, still going
            ivan,
            ProgrammeStatus.ACTIVE,
            "virtual",
            "counsellor_pupil",
            started_at=utc(2026, 8, 20, 9),
        )
        group = programme(  # a group of two, completed in November
            ivan,
            ProgrammeStatus.COMPLETED,
            "goal",
            "volunteer_pupil",
            started_at=utc(2026, 9, 10, 9),
            closed_at=utc(2026, 11, 5, 9),
        )
        early = programme(  # ended early in October
            maria,
            ProgrammeStatus.ENDED,
            "virtual",
            "counsellor_pupil",
            started_at=utc(2026, 9, 15, 9),
            closed_at=utc(2026, 10, 15, 9),
        )
        before = programme(  # closed before the autumn: not in it
            maria,
            ProgrammeStatus.COMPLETED,
            "reverse",
            "pupil_pupil",
            started_at=utc(2026, 3, 1, 9),
            closed_at=utc(2026, 8, 20, 9),
        )
        late = programme(  # started on 1 December, Moscow time: after the autumn
            maria,
            ProgrammeStatus.ACTIVE,
            "situational",
            "pupil_pupil",
            started_at=utc(2026, 11, 30, 21, 30),
        )
        proposed = programme(maria, ProgrammeStatus.PROPOSED, "speed", "pupil_pupil")
        await s.flush()
        members = [
            (active, ivan, "mentor"), (active, petya, "mentee"),
            (group, ivan, "mentor"), (group, vasya, "mentee"), (group, lena, "mentee"),
            (early, maria, "mentor"), (early, kolya, "mentee"),
            (before, maria, "mentor"), (before, olya, "mentee"),
            (late, maria, "mentor"), (late, olya, "mentee"),
            (proposed, maria, "mentor"), (proposed, olya, "mentee"),
        ]  # fmt: skip
        s.add_all(
            ProgrammeMember(programme_id=p.id, person_id=who, role=role) for p, who, role in members
        )
        meetings = [
            # 31 Aug 22:00 UTC is 1 September in Moscow: counted in September.
            (active, utc(2026, 8, 31, 22), MeetingStatus.HELD),
            (active, utc(2026, 9, 14, 12), MeetingStatus.HELD),
            (group, utc(2026, 9, 20, 12), MeetingStatus.HELD),
            (group, utc(2026, 10, 3, 12), MeetingStatus.NOT_HELD),
            (early, utc(2026, 10, 5, 12), MeetingStatus.CANCELLED),
            (active, utc(2026, 11, 12, 12), MeetingStatus.CONFIRMED),
            (active, utc(2026, 11, 20, 12), MeetingStatus.PROPOSED),
            # 30 Nov 21:30 UTC is 1 December in Moscow: not in the autumn.
            (active, utc(2026, 11, 30, 21, 30), MeetingStatus.PROPOSED),
            (before, utc(2026, 8, 10, 12), MeetingStatus.HELD),
        ]
        s.add_all(
            Meeting(programme_id=p.id, slot=at, start=at, status=status)
            for p, at, status in meetings
        )
        milestones = [
            (active, date(2026, 9, 30), MilestoneStatus.DONE),
            (active, date(2026, 10, 30), MilestoneStatus.OPEN),  # overdue
            (active, date(2026, 11, 29), MilestoneStatus.OPEN),  # overdue
            (active, date(2026, 12, 20), MilestoneStatus.OPEN),  # after the autumn
            (active, date(2026, 10, 1), MilestoneStatus.DELETED),
            (group, date(2026, 10, 10), MilestoneStatus.DONE),
            (group, date(2026, 10, 20), MilestoneStatus.OPEN),  # its programme is over
            (before, date(2026, 9, 5), MilestoneStatus.OPEN),  # not a programme of the autumn
        ]
        s.add_all(
            Milestone(programme_id=p.id, title="Пункт", due_on=due, status=status)
            for p, due, status in milestones
        )
        monitoring = await _run(s, MONITORING, SurveyKind.MONITORING, utc(2026, 11, 1, 9))
        feedback = await _run(s, FEEDBACK, SurveyKind.MEETING, utc(2026, 9, 20, 14))
        answers = {
            petya: {"useful": 5, "format": "online", "topics": ["career", "study"],
                    "comment": "Больше практики"},
            vasya: {"useful": 4, "format": "online", "topics": ["career"], "comment": None},
            lena: {"useful": 5, "format": "offline"},  # started, not finished
            kolya: {},  # invited only
        }  # fmt: skip
        await _answer(s, monitoring, answers, done={petya, vasya})
        await _answer(
            s, feedback, {petya: {"useful": 3}, vasya: {"useful": 4}}, done={petya, vasya}
        )
    names = dict(zip(NAMES, (ivan, maria, petya, vasya, lena, kolya, olya), strict=True))
    return Autumn(names, monitoring, feedback)


async def _run(s: Any, definition: dict[str, Any], kind: str, opens: datetime) -> int:
    version = SurveyVersion(key=definition["key"], digest=definition["key"], definition=definition)
    s.add(version)
    await s.flush()
    closes = opens.replace(day=opens.day + 10)
    run = SurveyRun(version_id=version.id, kind=kind, opens_at=opens, closes_at=closes)
    s.add(run)
    await s.flush()
    return int(run.id)


async def _answer(s: Any, run: int, answers: dict[int, dict[str, Any]], done: set[int]) -> None:
    """Each person's answers (None: skipped); those in `done` completed the survey."""
    for person, given in answers.items():
        complete = person in done
        status = ResponseStatus.COMPLETED if complete else ResponseStatus.STARTED
        if not given:
            status = ResponseStatus.INVITED
        response = SurveyResponse(
            run_id=run,
            person_id=person,
            status=status,
            started_at=utc(2026, 11, 2, 9) if given else None,
            completed_at=utc(2026, 11, 3, 9) if complete else None,
        )
        s.add(response)
        await s.flush()
        for question, value in given.items():
            s.add(
                SurveyAnswer(
                    response_id=response.id, question=question, value=value, skipped=value is None
                )
            )
