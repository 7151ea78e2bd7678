"""Surveys sent by the curator: whom a segment takes in, sending a survey to it (the segment
frozen on the run), the live response figures, the one reminder to those yet to answer, and
the individual answers, which only the curator reads.

The survey engine (`surveys`) does the opening, inviting and reminding; this module decides who.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import organisation, survey_files
from bot.core.models import (
    Form,
    Person,
    PersonRole,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    ResponseStatus,
    Role,
    SurveyKind,
    SurveyResponse,
    SurveyRun,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import surveys

# A segment: everyone taking part, one role, or the members of the active programmes of a form,
# of a pair type, or of one programme.
SEGMENTS = ("all", "mentors", "mentees", "form", "pair_type", "programme")
ROLE_OF = {"mentors": Role.MENTOR, "mentees": Role.MENTEE}
PARTICIPANTS = (Role.MENTEE, Role.MENTOR)


@dataclass(frozen=True)
class Segment:
    """Whom a survey goes to: a kind from `SEGMENTS` and, for the last three, its value."""

    kind: str
    value: str | None = None

    def audience(self, people: list[int]) -> dict[str, Any]:
        """The segment as the run keeps it, with the people it took in when sent."""
        return {"segment": self.kind, "value": self.value, "people": people}


@dataclass(frozen=True)
class Figures:
    """A run's responses as they stand: invited, started (not finished), completed."""

    invited: int
    started: int
    completed: int

    @property
    def rate(self) -> int:
        """Completed, in whole per cent of those invited."""
        return round(100 * self.completed / self.invited) if self.invited else 0


async def _memberships(session: AsyncSession) -> list[tuple[int, int, str, Programme]]:
    """(person, programme, role in it, programme) of every active person in an active
    programme, the oldest programme first."""
    query = (
        select(ProgrammeMember.person_id, Programme.id, ProgrammeMember.role, Programme)
        .join(Programme, Programme.id == ProgrammeMember.programme_id)
        .join(Person, Person.id == ProgrammeMember.person_id)
        .where(Programme.status == ProgrammeStatus.ACTIVE, Person.status == PersonStatus.ACTIVE)
        .order_by(Programme.id, ProgrammeMember.id)
    )
    return [(p, g, r, prog) for p, g, r, prog in (await session.execute(query)).all()]


async def _holding(session: AsyncSession, roles: tuple[Role, ...]) -> dict[int, set[str]]:
    """Active people holding any of `roles`, with the roles they hold of them."""
    query = (
        select(PersonRole.person_id, PersonRole.role)
        .join(Person, Person.id == PersonRole.person_id)
        .where(Person.status == PersonStatus.ACTIVE, PersonRole.role.in_(roles))
    )
    found: dict[int, set[str]] = {}
    for person_id, role in (await session.execute(query)).all():
        found.setdefault(person_id, set()).add(role)
    return found


def _matches(segment: Segment, programme: Programme) -> bool:
    if segment.kind == "form":
        return programme.form == segment.value
    if segment.kind == "pair_type":
        return programme.pair_type == segment.value
    return str(programme.id) == segment.value


async def check(session: AsyncSession, segment: Segment) -> None:
    """A segment that names no form, pair type or active programme is a forged button."""
    if segment.kind not in SEGMENTS:
        raise StaleButton()
    if segment.kind == "form" and segment.value not in set(Form):
        raise StaleButton()
    org = organisation.current()
    if segment.kind == "pair_type" and org.label("pair_types", segment.value or "", "ru") is None:
        raise StaleButton()
    if segment.kind == "programme":
        programme = await session.get(Programme, int(segment.value or 0))
        if programme is None or programme.status != ProgrammeStatus.ACTIVE:
            raise StaleButton()


async def active_programmes(session: AsyncSession) -> list[Programme]:
    """The active programmes, the newest first (pair types and programmes to choose from)."""
    query = (
        select(Programme)
        .where(Programme.status == ProgrammeStatus.ACTIVE)
        .order_by(Programme.id.desc())
    )
    return list((await session.execute(query)).scalars())


async def recipients(session: AsyncSession, segment: Segment, key: str) -> list[surveys.Invitee]:
    """Everyone the segment takes in now whom survey `key` asks anything (a mentor's
    self-assessment is not sent to mentees), each once: their id, the programme the answers are
    about (their first active one; None outside any) and their part in it."""
    definition = survey_files.definition(key)
    return [i for i in await taken_in(session, segment) if survey_files.asks(definition, i[2])]


async def taken_in(session: AsyncSession, segment: Segment) -> list[surveys.Invitee]:
    """Everyone the segment takes in now, each once: their id, the programme they are in
    (their first active one; None outside any) and their part in it."""
    await check(session, segment)
    memberships = await _memberships(session)
    found: dict[int, surveys.Invitee] = {}
    if segment.kind in ("form", "pair_type", "programme"):
        for person_id, programme_id, role, programme in memberships:
            if _matches(segment, programme):
                found.setdefault(person_id, (person_id, programme_id, role))
        return sorted(found.values())
    wanted = (ROLE_OF[segment.kind],) if segment.kind in ROLE_OF else PARTICIPANTS
    holding = await _holding(session, wanted)
    for person_id, programme_id, role, _ in memberships:
        if role in holding.get(person_id, set()) and role in wanted:
            found.setdefault(person_id, (person_id, programme_id, role))
    for person_id, roles in holding.items():
        role = Role.MENTEE if Role.MENTEE in roles else Role.MENTOR
        found.setdefault(person_id, (person_id, None, role.value))
    return sorted(found.values())


async def send(
    session: AsyncSession,
    key: str,
    segment: Segment,
    closes_at: datetime,
    now: datetime,
    curator_id: int,
) -> tuple[SurveyRun, int]:
    """Send survey `key` to the segment as it stands now, taking answers until `closes_at`:
    the run (its audience frozen) and how many were invited."""
    if key not in survey_files.names():
        raise StaleButton()
    if closes_at <= now:
        raise Refusal("campaign-deadline-past")
    invitees = [i for i in await recipients(session, segment, key) if i[0] != curator_id]
    if not invitees:
        raise Refusal("campaign-nobody")
    run = await surveys.open_run(
        session,
        key,
        SurveyKind.CURATOR,
        now=now,
        closes_at=closes_at,
        audience=segment.audience([i[0] for i in invitees]),
        created_by=curator_id,
    )
    return run, await surveys.invite(session, run, invitees, now)


# The runs on the curator's list: a meeting's feedback or a programme's completion survey is
# one pair's, seen in the reports instead.
LISTED_KINDS = (SurveyKind.CURATOR, SurveyKind.MONITORING)


async def runs(session: AsyncSession, limit: int) -> list[SurveyRun]:
    """The curators' runs and the monitoring's, the newest first."""
    query = (
        select(SurveyRun)
        .where(SurveyRun.kind.in_(LISTED_KINDS))
        .order_by(SurveyRun.id.desc())
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


async def run_of(session: AsyncSession, run_id: int) -> SurveyRun:
    """A curator's or the monitoring's run; any other id is a stale button."""
    run = await session.get(SurveyRun, run_id)
    if run is None or run.kind not in LISTED_KINDS:
        raise StaleButton()
    return run


async def figures(session: AsyncSession, run_id: int) -> Figures:
    """The run's responses counted from the rows as they are now."""
    query = (
        select(SurveyResponse.status, func.count())
        .where(SurveyResponse.run_id == run_id)
        .group_by(SurveyResponse.status)
    )
    counts: dict[str, int] = {s: n for s, n in (await session.execute(query)).all()}
    total = sum(counts.values())
    started = counts.get(ResponseStatus.STARTED, 0)
    return Figures(total, started, counts.get(ResponseStatus.COMPLETED, 0))


async def remind(session: AsyncSession, run_id: int, now: datetime) -> int:
    """The one reminder to those invited who have not completed; how many are reminded.
    Refused for a closed run and once a reminder went out."""
    run = await run_of(session, run_id)
    if not surveys.is_open(run, now):
        raise Refusal("campaign-closed")
    claim = (
        update(SurveyRun)
        .where(SurveyRun.id == run.id, SurveyRun.reminded_at.is_(None))
        .values(reminded_at=now)
        .execution_options(synchronize_session=False)
    )
    if (await session.execute(claim)).rowcount != 1:  # type: ignore[attr-defined]
        raise Refusal("campaign-reminded-already")  # pressed before, or twice at once
    await session.refresh(run)
    count = await surveys.schedule_reminders(session, run, [now])
    if not count:
        raise Refusal("campaign-all-answered")
    return count


async def individual(
    session: AsyncSession, run_id: int
) -> list[tuple[Person, SurveyResponse, dict[str, Any]]]:
    """Everyone invited to the run with their response and answers (for the curator only)."""
    query = (
        select(Person, SurveyResponse)
        .join(SurveyResponse, SurveyResponse.person_id == Person.id)
        .where(SurveyResponse.run_id == run_id)
        .order_by(SurveyResponse.id)
    )
    return [
        (person, response, await surveys.answers_of(session, response.id))
        for person, response in (await session.execute(query)).all()
    ]
