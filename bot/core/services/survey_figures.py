"""Survey figures for the reports: response rates per run, answers per question counted, and
the curator-only list of individual answers.

Reads the survey tables as the definition contract has them (see `SurveyVersion.definition`):
scale answers are ints, single choice an option key, multiple choice a list of keys, text a str.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Person,
    ResponseStatus,
    SurveyAnswer,
    SurveyResponse,
    SurveyRun,
    SurveyVersion,
)
from bot.core.services.period_figures import Period

Texts = dict[str, str]  # a text in each language, as in the survey file


@dataclass(frozen=True)
class RunFigures:
    """One run: its survey, dates and how many were invited, started and completed."""

    run_id: int
    kind: str
    title: Texts
    opens_at: datetime
    closes_at: datetime
    invited: int
    started: int
    completed: int

    @property
    def rate(self) -> float:
        """Share of those invited who completed (0 when nobody was invited)."""
        return self.completed / self.invited if self.invited else 0.0


@dataclass(frozen=True)
class Count:
    """How many answers chose one value (a scale point or an option)."""

    value: str
    label: Texts | None  # the option's text; None for a scale point
    count: int


@dataclass(frozen=True)
class QuestionFigures:
    """The answers to one question of one run, counted."""

    run_id: int
    question: str
    kind: str
    text: Texts
    answered: int
    counts: list[Count]
    mean: float | None  # scale questions only


@dataclass(frozen=True)
class IndividualAnswer:
    """One person's answer to one question: for the curator's eyes only."""

    name: str | None
    run_id: int
    question: Texts
    kind: str
    value: Any
    options: dict[str, Texts]


def _scope(
    period: Period, kinds: tuple[str, ...] | None, run_id: int | None
) -> ColumnElement[bool]:
    where = and_(SurveyRun.opens_at < period.end, SurveyRun.closes_at >= period.start)
    if kinds is not None:
        where = and_(where, SurveyRun.kind.in_(kinds))
    if run_id is not None:
        where = and_(where, SurveyRun.id == run_id)
    return where


async def runs(
    session: AsyncSession,
    period: Period,
    kinds: tuple[str, ...] | None = None,
    run_id: int | None = None,
) -> list[RunFigures]:
    """Runs open at some time in the period (of `kinds`, or only `run_id`), oldest first."""
    started = case((SurveyResponse.started_at.is_not(None), 1), else_=0)
    completed = case((SurveyResponse.status == ResponseStatus.COMPLETED, 1), else_=0)
    rows = await session.execute(
        select(
            SurveyRun,
            SurveyVersion.definition,
            func.count(SurveyResponse.id),
            func.coalesce(func.sum(started), 0),
            func.coalesce(func.sum(completed), 0),
        )
        .join(SurveyVersion, SurveyVersion.id == SurveyRun.version_id)
        .outerjoin(SurveyResponse, SurveyResponse.run_id == SurveyRun.id)
        .where(_scope(period, kinds, run_id))
        .group_by(SurveyRun.id, SurveyVersion.definition)
        .order_by(SurveyRun.opens_at, SurveyRun.id)
    )
    return [
        RunFigures(
            run.id,
            run.kind,
            definition.get("title", {}),
            run.opens_at,
            run.closes_at,
            int(invited),
            int(begun),
            int(done),
        )
        for run, definition, invited, begun, done in rows.all()
    ]


def _count(run_id: int, question: dict[str, Any], values: list[Any]) -> QuestionFigures:
    kind = question["kind"]
    tally: Counter[str] = Counter()
    mean = None
    if kind == "scale":
        numbers = [int(v) for v in values]
        tally.update(str(n) for n in numbers)
        counts = [
            Count(str(n), None, tally[str(n)]) for n in range(question["min"], question["max"] + 1)
        ]
        mean = sum(numbers) / len(numbers) if numbers else None
    elif kind in ("single", "multi"):
        for value in values:
            tally.update(value if isinstance(value, list) else [value])
        counts = [Count(o["key"], o["text"], tally[o["key"]]) for o in question["options"]]
    else:
        counts = []
        values = [v for v in values if str(v).strip()]
    return QuestionFigures(
        run_id, question["id"], kind, question["text"], len(values), counts, mean
    )


async def questions(
    session: AsyncSession,
    period: Period,
    kinds: tuple[str, ...] | None = None,
    run_id: int | None = None,
) -> list[QuestionFigures]:
    """Every question of every run in scope with its answers counted (skipped ones left out):
    scale points with the mean, options, or the number of texts."""
    rows = await session.execute(
        select(SurveyRun.id, SurveyVersion.definition)
        .join(SurveyVersion, SurveyVersion.id == SurveyRun.version_id)
        .where(_scope(period, kinds, run_id))
        .order_by(SurveyRun.opens_at, SurveyRun.id)
    )
    found = []
    for run, definition in rows.all():
        answers = await session.execute(
            select(SurveyAnswer.question, SurveyAnswer.value)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.run_id == run, SurveyAnswer.skipped.is_(False))
        )
        by_question: dict[str, list[Any]] = {}
        for question, value in answers.all():
            if value is not None:
                by_question.setdefault(question, []).append(value)
        found += [_count(run, q, by_question.get(q["id"], [])) for q in definition["questions"]]
    return found


async def individual_answers(
    session: AsyncSession,
    period: Period,
    kinds: tuple[str, ...] | None = None,
    run_id: int | None = None,
) -> list[IndividualAnswer]:
    """Who answered what: run by run, person by person, in the survey's question order."""
    rows = await session.execute(
        select(Person.name, SurveyResponse.id, SurveyRun.id, SurveyVersion.definition, SurveyAnswer)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .join(Person, Person.id == SurveyResponse.person_id)
        .join(SurveyRun, SurveyRun.id == SurveyResponse.run_id)
        .join(SurveyVersion, SurveyVersion.id == SurveyRun.version_id)
        .where(_scope(period, kinds, run_id))
        .order_by(SurveyRun.opens_at, SurveyRun.id, Person.name, SurveyResponse.id)
    )
    found = []
    for position, (name, response, run, definition, answer) in enumerate(rows.all()):
        order = [q["id"] for q in definition["questions"]]
        if answer.question not in order:
            continue  # not a question of this version: nothing to show it against
        question = definition["questions"][order.index(answer.question)]
        options = {o["key"]: o["text"] for o in question.get("options", [])}
        value = None if answer.skipped else answer.value
        item = IndividualAnswer(name, run, question["text"], question["kind"], value, options)
        found.append(((position, response), order.index(answer.question), item))
    # Keep the runs' and people's order (first row of each response), questions in survey order.
    first: dict[int, int] = {}
    for (position, response), _, _ in found:
        first.setdefault(response, position)
    found.sort(key=lambda row: (first[row[0][1]], row[1]))
    return [item for _, _, item in found]
