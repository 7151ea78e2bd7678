"""Requests inside a programme: extension, plan changes and plan agreement by mutual consent,
and a mentee's request for another mentor. One member proposes; the others (or the curator) answer.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox
from bot.core.models import (
    Person,
    Programme,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestKind,
    RequestStatus,
    Subject,
)
from bot.core.services.programmes import (
    DEFAULT_REMIND_AT,
    members,
    membership,
    notify,
    schedule_term_end,
    staff_for,
    term_end,
)


async def propose(
    session: AsyncSession,
    programme: Programme,
    kind: RequestKind,
    by: Person,
    details: dict[str, Any],
    now: datetime,
) -> ProgrammeRequest:
    """Record a request and send it to whoever must answer it."""
    request = ProgrammeRequest(
        programme_id=programme.id, kind=kind, proposed_by=by.id, details=details, created_at=now
    )
    session.add(request)
    await session.flush()
    if kind == RequestKind.REPLACE_MENTOR:
        recipients = [p.id for p in await staff_for(session, programme)]
    else:
        recipients = [p.id for _, p in await members(session, programme.id) if p.id != by.id]
    for person_id in recipients:
        await outbox.schedule(
            session,
            to=person_id,
            subject=Subject.REQUEST,
            subject_id=request.id,
            purpose=f"request-{kind.value}",
            due_at=now,
            params={"request_id": request.id},
        )
    return request


async def pending_request(
    session: AsyncSession, programme_id: int, kind: RequestKind
) -> ProgrammeRequest | None:
    """A request of this kind still waiting for an answer in the programme, if any."""
    query = select(ProgrammeRequest).where(
        ProgrammeRequest.programme_id == programme_id,
        ProgrammeRequest.kind == kind,
        ProgrammeRequest.status == RequestStatus.PENDING,
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


ACCEPTED_BY = "accepted_by"  # a request's details key: who has agreed so far
REASON = "reason"  # a request's details key: why, in its author's words


async def open_request(
    session: AsyncSession, request_id: int, person_id: int
) -> tuple[ProgrammeRequest, Programme] | None:
    """A pending request this person may still answer (a member other than its author)."""
    request = await session.get(ProgrammeRequest, request_id)
    if request is None or request.status != RequestStatus.PENDING:
        return None
    if person_id in request.details.get(ACCEPTED_BY, []):
        return None
    programme = await session.get(Programme, request.programme_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return None
    if (
        request.proposed_by == person_id
        or await membership(session, programme.id, person_id) is None
    ):
        return None
    return request, programme


async def answer(
    session: AsyncSession,
    request: ProgrammeRequest,
    programme: Programme,
    by: Person,
    accept: bool,
    now: datetime,
    remind_at: time = DEFAULT_REMIND_AT,
) -> str:
    """One member's answer: `declined` at the first no, `accepted` once every member but the
    author has agreed (mutual consent, in a group too), else `waiting` for the others."""
    if accept:
        agreed = [*request.details.get(ACCEPTED_BY, []), by.id]
        others = {p.id for _, p in await members(session, programme.id)} - {request.proposed_by}
        if not others <= set(agreed):
            request.details = {**request.details, ACCEPTED_BY: agreed}
            return "waiting"
    await resolve(session, request, programme, by, accept, now, remind_at)
    return "accepted" if accept else "declined"


async def resolve(
    session: AsyncSession,
    request: ProgrammeRequest,
    programme: Programme,
    by: Person,
    accept: bool,
    now: datetime,
    remind_at: time = DEFAULT_REMIND_AT,
) -> None:
    """Accept or decline a request; an accepted extension moves the end date."""
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.resolved_at = now
    if accept and request.kind == RequestKind.EXTEND:
        count = int(request.details.get("count", 0))
        programme.term += count
        if programme.ends_on is not None:
            programme.ends_on = term_end(programme.ends_on, count, programme.term_unit)
            await schedule_term_end(session, programme, remind_at, now)
    outcome = "accepted" if accept else "declined"
    await notify(
        session,
        programme,
        f"request-{outcome}",
        now,
        about=(Subject.REQUEST, request.id),
        params={"request_id": request.id, "by_id": by.id},
        exclude=by.id,
        include_curator=request.kind == RequestKind.EXTEND,
    )


async def withdraw_all(session: AsyncSession, person_id: int, now: datetime) -> None:
    """The person withdrew consent: every request of theirs still waiting is withdrawn (nobody is
    asked to answer it any more), and the reasons they typed are erased from all their requests.
    """
    query = select(ProgrammeRequest).where(ProgrammeRequest.proposed_by == person_id)
    for request in (await session.execute(query)).scalars():
        if request.status == RequestStatus.PENDING:
            request.status, request.resolved_at = RequestStatus.WITHDRAWN, now
            await outbox.void(session, Subject.REQUEST, request.id)
        if REASON in request.details:
            request.details = {k: v for k, v in request.details.items() if k != REASON}
