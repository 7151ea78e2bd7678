"""The curator's reports: which figures each kind holds, gathered for a period.

`collect()` returns plain values; `bot.core.reports` turns them into a workbook and charts.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import SurveyKind
from bot.core.services import period_figures as pf
from bot.core.services import survey_figures as sf


class ReportKind(enum.StrEnum):
    """What a report is for."""

    PROGRAMMES = "programmes"  # the programmes' course: meetings, plans, mentor load
    MONITORING = "monitoring"  # the twice-yearly monitoring (§3.5): surveys foremost
    ANNUAL = "annual"  # participant numbers for the regional mentoring centre


@dataclass(frozen=True)
class Report:
    """Everything one report shows; `answers` only in the curator's copy (None otherwise)."""

    kind: ReportKind
    period: pf.Period
    participants: pf.Participants
    programmes: pf.Programmes
    meetings: list[pf.MonthMeetings]
    milestones: pf.Milestones
    mentor_load: list[pf.MentorLoad]
    runs: list[sf.RunFigures]
    questions: list[sf.QuestionFigures]
    answers: list[sf.IndividualAnswer] | None


async def collect(
    session: AsyncSession,
    kind: ReportKind,
    period: pf.Period,
    today: date,
    *,
    curator: bool,
    run_id: int | None = None,
) -> Report:
    """The figures of a report for the period; a monitoring report covers monitoring runs only
    (or just `run_id`), the others every run."""
    kinds = (SurveyKind.MONITORING.value,) if kind is ReportKind.MONITORING else None
    answers = None
    if curator:
        answers = await sf.individual_answers(session, period, kinds, run_id)
    return Report(
        kind=kind,
        period=period,
        participants=await pf.participants(session, period),
        programmes=await pf.programmes(session, period),
        meetings=await pf.meetings(session, period),
        milestones=await pf.milestones(session, period, today),
        mentor_load=await pf.mentor_load(session, period),
        runs=await sf.runs(session, period, kinds, run_id),
        questions=await sf.questions(session, period, kinds, run_id),
        answers=answers,
    )
