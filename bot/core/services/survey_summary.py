"""What a mentor may see of surveys: per question, the mean of a scale and the count of each
option, over the completed answers from their own pairs and groups — and only once at least
`MIN_ANSWERS` people answered, so no one's answers can be told apart. Never a typed text,
never who said what; the mentor's own answers are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Programme,
    ResponseStatus,
    SurveyAnswer,
    SurveyResponse,
    SurveyRun,
)
from bot.core.refusal import StaleButton
from bot.core.services import surveys

MIN_ANSWERS = 3  # k: fewer people than this and a mentor sees no figures at all


@dataclass(frozen=True)
class QuestionFigures:
    """One question's figures: how many answered it, the mean of a scale, or how many chose
    each option (option key, count); `hidden` while fewer than `MIN_ANSWERS` answered."""

    question: dict[str, Any]
    answered: int
    mean: float | None
    options: list[tuple[str, int]]

    @property
    def hidden(self) -> bool:
        """Too few answers to show without telling whose they are."""
        return self.answered < MIN_ANSWERS


@dataclass(frozen=True)
class Summary:
    """A run as a mentor sees it: the survey, how many from their pairs completed it and, once
    that is at least `MIN_ANSWERS`, each question's figures."""

    run: SurveyRun
    definition: dict[str, Any]
    answered: int
    questions: list[QuestionFigures]

    @property
    def hidden(self) -> bool:
        """Too few answers for any figure."""
        return self.answered < MIN_ANSWERS


def _about_pairs_of(mentor_id: int) -> Any:
    """Responses about the mentor's own programmes, but the mentor's own."""
    mine = select(Programme.id).where(Programme.mentor_id == mentor_id)
    return (SurveyResponse.programme_id.in_(mine), SurveyResponse.person_id != mentor_id)


async def runs_for(session: AsyncSession, mentor_id: int, limit: int) -> list[SurveyRun]:
    """The runs that invited someone from the mentor's pairs, the newest first."""
    query = (
        select(SurveyRun)
        .where(SurveyRun.id.in_(select(SurveyResponse.run_id).where(*_about_pairs_of(mentor_id))))
        .order_by(SurveyRun.id.desc())
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


def _figures(question: dict[str, Any], values: list[Any]) -> QuestionFigures:
    if question["kind"] == "scale":
        numbers = [v for v in values if isinstance(v, int)]
        mean = sum(numbers) / len(numbers) if numbers else None
        return QuestionFigures(question, len(numbers), mean, [])
    if question["kind"] == "text":
        return QuestionFigures(question, len(values), None, [])
    chosen = [v if isinstance(v, list) else [v] for v in values]
    counts = [(o["key"], sum(o["key"] in c for c in chosen)) for o in question["options"]]
    return QuestionFigures(question, len(values), None, counts)


async def summary(session: AsyncSession, run_id: int, mentor_id: int) -> Summary:
    """The run's figures over the completed answers from the mentor's pairs; a run that
    invited no one from them is a stale button."""
    run = await session.get(SurveyRun, run_id)
    concerns = select(SurveyResponse.id).where(
        SurveyResponse.run_id == run_id, *_about_pairs_of(mentor_id)
    )
    if run is None or (await session.execute(concerns.limit(1))).first() is None:
        raise StaleButton()
    definition = await surveys.definition_of(session, run)
    completed = select(SurveyResponse.id).where(
        SurveyResponse.run_id == run_id,
        SurveyResponse.status == ResponseStatus.COMPLETED,
        *_about_pairs_of(mentor_id),
    )
    ids = list((await session.execute(completed)).scalars())
    if len(ids) < MIN_ANSWERS:
        return Summary(run, definition, len(ids), [])
    query = select(SurveyAnswer.question, SurveyAnswer.value).where(
        SurveyAnswer.response_id.in_(ids), SurveyAnswer.value.is_not(None)
    )
    values: dict[str, list[Any]] = {}
    for question, value in (await session.execute(query)).all():
        if value is not None:  # a JSON null is not SQL NULL
            values.setdefault(question, []).append(value)
    questions = [_figures(q, values.get(q["id"], [])) for q in definition["questions"]]
    return Summary(run, definition, len(ids), questions)
