"""A person's digital footprint: verified achievements with their points, and what the bot
already knows — programmes taken part in, meetings attended, plan items done, surveys answered.

Plain values only; dates are on the clock of the zone asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import points, timezones
from bot.core.models import (
    Achievement,
    AchievementStatus,
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    Milestone,
    MilestoneStatus,
    Person,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    ResponseStatus,
    SurveyResponse,
    SurveyRun,
)
from bot.core.services import surveys

# How a programme's status reads in the footprint; proposed and declined ones are left out.
PROGRAMME_OUTCOMES = {
    ProgrammeStatus.COMPLETED: "completed",
    ProgrammeStatus.ACTIVE: "running",
    ProgrammeStatus.ENDED: "ended",
}
Day = Callable[[datetime], date]  # a moment's date on the clock asked for


@dataclass(frozen=True)
class AchievementItem:
    """A verified achievement, when the curator verified it, and its points."""

    id: int
    title: str
    kind: str
    level: str
    result: str
    achieved_on: date
    verified_on: date
    proof_url: str | None
    score: points.Score


@dataclass(frozen=True)
class ProgrammeItem:
    """A programme taken part in: form, role, term and how it stands (`PROGRAMME_OUTCOMES`)."""

    id: int
    form: str
    role: str
    term: int
    term_unit: str
    outcome: str
    started_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class Dated:
    """A meeting attended, a plan item done or a survey answered: what and when."""

    title: str
    on: date


@dataclass(frozen=True)
class Footprint:
    """Everything the portfolio shows, in the order it shows it."""

    person_id: int
    name: str
    made_on: date
    achievements: list[AchievementItem]
    programmes: list[ProgrammeItem]
    meetings: list[Dated]
    milestones: list[Dated]
    surveys: list[Dated]

    @property
    def total(self) -> float:
        """The points of every verified achievement together."""
        return round(sum(a.score.points for a in self.achievements), 2)


async def build(
    session: AsyncSession, person: Person, zone: str, now: datetime, locale: str
) -> Footprint:
    """The person's footprint; dates on the clock of `zone`, survey titles in `locale`."""

    def day(moment: datetime) -> date:
        return timezones.to_local(moment, zone).date()

    return Footprint(
        person_id=person.id,
        name=person.name or "",
        made_on=day(now),
        achievements=await _achievements(session, person.id, day),
        programmes=await _programmes(session, person.id, day),
        meetings=await _meetings(session, person.id, day),
        milestones=await _milestones(session, person.id, day),
        surveys=await _surveys(session, person.id, day, locale),
    )


async def _achievements(session: AsyncSession, person_id: int, day: Day) -> list[AchievementItem]:
    query = (
        select(Achievement)
        .where(Achievement.person_id == person_id, Achievement.status == AchievementStatus.VERIFIED)
        .order_by(Achievement.achieved_on, Achievement.id)
    )
    return [
        AchievementItem(
            id=a.id,
            title=a.title,
            kind=a.kind,
            level=a.level,
            result=a.result,
            achieved_on=a.achieved_on,
            verified_on=day(a.reviewed_at or a.updated_at),
            proof_url=a.proof_url,
            score=points.score(a.kind, a.level, a.result),
        )
        for a in (await session.execute(query)).scalars()
    ]


async def _programmes(session: AsyncSession, person_id: int, day: Day) -> list[ProgrammeItem]:
    query = (
        select(ProgrammeMember, Programme)
        .join(Programme, Programme.id == ProgrammeMember.programme_id)
        .where(
            ProgrammeMember.person_id == person_id,
            Programme.status.in_(list(PROGRAMME_OUTCOMES)),
        )
        .order_by(Programme.started_at, Programme.id)
    )
    return [
        ProgrammeItem(
            id=programme.id,
            form=programme.form,
            role=member.role,
            term=programme.term,
            term_unit=programme.term_unit,
            outcome=PROGRAMME_OUTCOMES[ProgrammeStatus(programme.status)],
            started_on=day(programme.started_at) if programme.started_at else None,
            closed_on=day(programme.closed_at) if programme.closed_at else None,
        )
        for member, programme in (await session.execute(query)).all()
    ]


async def _meetings(session: AsyncSession, person_id: int, day: Day) -> list[Dated]:
    query = (
        select(Meeting)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .where(
            MeetingParticipant.person_id == person_id,
            MeetingParticipant.attended.is_(True),
            Meeting.status == MeetingStatus.HELD,
        )
        .order_by(Meeting.start, Meeting.id)
    )
    return [Dated(m.agenda or "", day(m.start)) for m in (await session.execute(query)).scalars()]


async def _milestones(session: AsyncSession, person_id: int, day: Day) -> list[Dated]:
    query = (
        select(Milestone)
        .join(ProgrammeMember, ProgrammeMember.programme_id == Milestone.programme_id)
        .where(ProgrammeMember.person_id == person_id, Milestone.status == MilestoneStatus.DONE)
        .order_by(Milestone.done_at, Milestone.id)
    )
    return [
        Dated(m.title, day(m.done_at) if m.done_at else m.due_on)
        for m in (await session.execute(query)).scalars()
    ]


async def _surveys(session: AsyncSession, person_id: int, day: Day, locale: str) -> list[Dated]:
    query = (
        select(SurveyResponse, SurveyRun)
        .join(SurveyRun, SurveyRun.id == SurveyResponse.run_id)
        .where(
            SurveyResponse.person_id == person_id,
            SurveyResponse.status == ResponseStatus.COMPLETED,
        )
        .order_by(SurveyResponse.completed_at, SurveyResponse.id)
    )
    found = []
    for response, run in (await session.execute(query)).all():
        definition = await surveys.definition_of(session, run)
        title = str(definition["title"].get(locale) or definition["key"])
        found.append(Dated(title, day(response.completed_at or response.invited_at)))
    return found


SCHEMA = "nastavnik-portfolio/1"  # docs/portfolio.schema.json describes this shape


def _dated(items: list[Dated]) -> list[dict[str, str]]:
    return [{"title": item.title, "on": item.on.isoformat()} for item in items]


def as_json(footprint: Footprint, organisation: str) -> dict[str, object]:
    """The footprint for another platform: language-neutral keys, ISO dates."""
    return {
        "schema": SCHEMA,
        "person": {"name": footprint.name},
        "organisation": organisation or None,
        "made_on": footprint.made_on.isoformat(),
        "achievements": [
            {
                "title": a.title,
                "kind": a.kind,
                "level": a.level,
                "result": a.result,
                "achieved_on": a.achieved_on.isoformat(),
                "verified_on": a.verified_on.isoformat(),
                "proof_url": a.proof_url,
                "points": {
                    "kind": a.score.kind,
                    "level": a.score.level,
                    "result": a.score.result,
                    "total": a.score.points,
                },
            }
            for a in footprint.achievements
        ],
        "programmes": [
            {
                "form": p.form,
                "role": p.role,
                "term": p.term,
                "term_unit": p.term_unit,
                "status": p.outcome,
                "started_on": p.started_on.isoformat() if p.started_on else None,
                "closed_on": p.closed_on.isoformat() if p.closed_on else None,
            }
            for p in footprint.programmes
        ],
        "meetings_attended": _dated(footprint.meetings),
        "milestones_done": _dated(footprint.milestones),
        "surveys_answered": _dated(footprint.surveys),
        "total_points": footprint.total,
    }
