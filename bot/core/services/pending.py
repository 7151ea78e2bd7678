"""What awaits a person's answer: agreements, the plan to agree to, the other members' proposals,
questions asked with /ask and, for staff, the mentees' requests for another mentor and the
achievements to check and media-plan posts to publish by hand. Each item names the notice that
asked, so it is shown (and answered) exactly as that notice was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Account,
    AgreementStatus,
    Person,
    Programme,
    ProgrammeMember,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestKind,
    RequestStatus,
    utcnow,
)
from bot.core.services import (
    achievements,
    consent,
    help_threads,
    mediaplan,
    meeting_lists,
    programmes,
    proposals,
)

BY_HAND_DAYS = timedelta(days=7)  # a post to publish by hand waits in /pending this long


@dataclass(frozen=True)
class Awaiting:
    """One thing awaiting an answer: the notice that asked for it (its template and params)."""

    programme: Programme | None  # None: a question to the curators, of no programme
    request: ProgrammeRequest | None = None  # None: the agreement itself (or a meeting's)
    meeting: tuple[str, int] | None = None  # a meeting's notice: its template and meeting id
    question: tuple[int, int] | None = None  # a help thread and its latest question (ids)
    achievement: tuple[str, int] | None = None  # an achievement's notice: template and id
    post: int | None = None  # a media-plan post to publish by hand (its id)

    @property
    def template(self) -> str:
        """The notice's template: `agreement`, `plan-for-agreement`, `request-<kind>`,
        `help-question`, an achievement's, `media-by-hand` or the meeting notice's."""
        if self.post is not None:
            return "media-by-hand"
        if self.meeting is not None:
            return self.meeting[0]
        if self.achievement is not None:
            return self.achievement[0]
        if self.question is not None:
            return help_threads.QUESTION
        if self.request is None:
            return "agreement"
        if self.request.kind == RequestKind.PLAN_AGREEMENT:
            return "plan-for-agreement"
        return f"request-{self.request.kind}"

    @property
    def subject_id(self) -> int | None:
        """The notice's subject: the media-plan post, for one to publish by hand."""
        return self.post

    @property
    def params(self) -> dict[str, int]:
        """The notice's parameters."""
        if self.question is not None:
            return {"thread_id": self.question[0], "message_id": self.question[1]}
        if self.achievement is not None:
            return {"achievement_id": self.achievement[1]}
        if self.programme is None:
            return {}
        if self.meeting is not None:
            return {"meeting_id": self.meeting[1], "programme_id": self.programme.id}
        if self.request is None or self.request.kind == RequestKind.PLAN_AGREEMENT:
            return {"programme_id": self.programme.id}
        return {"request_id": self.request.id}


async def awaiting(
    session: AsyncSession,
    person: Person,
    staff: bool,
    programme_id: int | None = None,
    now: datetime | None = None,
) -> list[Awaiting]:
    """Everything awaiting this person's answer (in one programme, if given), oldest first."""
    items = await _agreements(session, person.id)
    for request, programme in await _pending_requests(session):
        if await _answers(session, request, programme, person, staff):
            items.append(Awaiting(programme, request))
    items += [
        Awaiting(programme, meeting=(template, meeting_id))
        for programme, template, meeting_id in await meeting_lists.awaiting(
            session, person.id, now or utcnow()
        )
    ]
    items += await _questions(session, person, staff)
    items += await _achievements(session, person, staff)
    if staff:
        since = (now or utcnow()) - BY_HAND_DAYS
        items += [Awaiting(None, post=p) for p in await mediaplan.handed_over(session, since)]
    return [
        i
        for i in items
        if programme_id is None or (i.programme is not None and i.programme.id == programme_id)
    ]


async def _questions(session: AsyncSession, person: Person, staff: bool) -> list[Awaiting]:
    """Questions asked of this person (or, for staff, of the curators) not yet answered."""
    items = []
    for thread in await help_threads.open_for(session, person, staff):
        question = await help_threads.last_question(session, thread)
        if question is not None:
            programme = await session.get(Programme, thread.programme_id or 0)
            items.append(Awaiting(programme, question=(thread.id, question.id)))
    return items


async def _achievements(session: AsyncSession, person: Person, staff: bool) -> list[Awaiting]:
    """Rejected achievements this person may fix and send again; for staff, those to check."""
    items = [
        Awaiting(None, achievement=(achievements.REJECTED, a.id))
        for a in await achievements.to_fix(session, person)
    ]
    if staff:
        items += [
            Awaiting(None, achievement=(achievements.SUBMITTED, a.id))
            for a in await achievements.queue(session)
        ]
    return items


async def for_children(session: AsyncSession, account: Account) -> list[tuple[Programme, Person]]:
    """Minors' agreements awaiting the answer of the parent who consented from this account:
    each programme with the child it is for."""
    children = [c.id for _, c in await consent.given_as_parent(session, account, active_only=True)]
    query = (
        select(Programme, Person)
        .join(ProgrammeMember, ProgrammeMember.programme_id == Programme.id)
        .join(Person, Person.id == ProgrammeMember.person_id)
        .where(
            ProgrammeMember.person_id.in_(children),
            ProgrammeMember.guardian_agreement == AgreementStatus.PENDING,
            Programme.status == ProgrammeStatus.PROPOSED,
        )
        .order_by(Programme.id)
    )
    return [(p, c) for p, c in (await session.execute(query)).all()]


async def _agreements(session: AsyncSession, person_id: int) -> list[Awaiting]:
    query = (
        select(Programme)
        .join(ProgrammeMember, ProgrammeMember.programme_id == Programme.id)
        .where(
            ProgrammeMember.person_id == person_id,
            ProgrammeMember.agreement == AgreementStatus.PENDING,
            Programme.status == ProgrammeStatus.PROPOSED,
        )
        .order_by(Programme.id)
    )
    return [Awaiting(p) for p in (await session.execute(query)).scalars()]


async def _pending_requests(session: AsyncSession) -> list[tuple[ProgrammeRequest, Programme]]:
    query = (
        select(ProgrammeRequest, Programme)
        .join(Programme, Programme.id == ProgrammeRequest.programme_id)
        .where(
            ProgrammeRequest.status == RequestStatus.PENDING,
            Programme.status == ProgrammeStatus.ACTIVE,
        )
        .order_by(ProgrammeRequest.id)
    )
    return [(r, p) for r, p in (await session.execute(query)).all()]


async def _answers(
    session: AsyncSession,
    request: ProgrammeRequest,
    programme: Programme,
    person: Person,
    staff: bool,
) -> bool:
    """Whether the person is the one to answer: staff a request for another mentor, a member
    anything else (the same rule the answer buttons check)."""
    if request.kind == RequestKind.REPLACE_MENTOR:
        if not staff or request.proposed_by is None:
            return False
        return person.id in {p.id for p in await programmes.staff_for(session, programme)}
    return await proposals.open_request(session, request.id, person.id) is not None


async def waiting_for(session: AsyncSession, request: ProgrammeRequest) -> list[Person]:
    """The members whose answer a proposal still awaits (for a request to staff: nobody named)."""
    if request.kind == RequestKind.REPLACE_MENTOR:
        return []
    answered = {request.proposed_by, *request.details.get(proposals.ACCEPTED_BY, [])}
    return [
        p
        for _, p in await programmes.members(session, request.programme_id)
        if p.id not in answered
    ]


async def requests_of(session: AsyncSession, programme_id: int) -> list[ProgrammeRequest]:
    """The programme's requests still awaiting an answer, oldest first."""
    query = select(ProgrammeRequest).where(
        ProgrammeRequest.programme_id == programme_id,
        ProgrammeRequest.status == RequestStatus.PENDING,
    )
    return list((await session.execute(query.order_by(ProgrammeRequest.id))).scalars())
