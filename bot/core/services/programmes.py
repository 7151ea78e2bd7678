"""Pairs and groups: forming them, the agreement, and the programme's life until it closes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import dates, outbox, quiet_hours, timezones
from bot.core.models import (
    AgeGroup,
    AgreementStatus,
    Form,
    MemberRole,
    Milestone,
    Person,
    PersonRole,
    PersonStatus,
    Profile,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
    Subject,
    TermUnit,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import banks, consent

AGREEMENT_VERSION = "2026-11"
MAX_TERM_MONTHS = 36  # about the longest a school programme runs
# The longest term in each unit.
MAX_TERM = {TermUnit.DAYS: 366, TermUnit.WEEKS: 156, TermUnit.MONTHS: MAX_TERM_MONTHS}
DEFAULT_REMIND_AT = time(10, 0)  # local time of day of the term's end notice (REMINDER_TIME)
TERM_ENDED = "programme-term-ended"  # the purpose of the end-of-term notice


def check_term(count: int, unit: TermUnit) -> None:
    """Refuse a term shorter than one unit or longer than the unit's limit."""
    if not 1 <= count <= MAX_TERM[unit]:
        raise Refusal("pair-error-term", max=MAX_TERM[unit], unit=unit.value)


def term_end(start: date, count: int, unit: str) -> date:
    """The day a term of `count` `unit`s that began on `start` ends."""
    if unit == TermUnit.DAYS:
        return start + timedelta(days=count)
    if unit == TermUnit.WEEKS:
        return start + timedelta(weeks=count)
    return dates.add_months(start, count)


async def check_candidate(session: AsyncSession, person_id: int, role: MemberRole) -> Person:
    """The person, if they may join a pair in `role`; otherwise a `Refusal` saying why."""
    person = await session.get(Person, person_id)
    if person is None or person.status == PersonStatus.ERASED:
        raise Refusal("pair-error-no-consent", name="—")
    name = person.name or "—"
    if not await consent.active(session, person.id):
        raise Refusal("pair-error-no-consent", name=name)
    minor = person.age_group is not None and AgeGroup(person.age_group).is_minor
    if minor and not await consent.has_parent_consent(session, person.id):
        raise Refusal("pair-error-no-parent-consent", name=name)
    if person.status != PersonStatus.ACTIVE:
        raise Refusal("pair-error-not-registered", name=name)
    needed = Role.MENTOR if role == MemberRole.MENTOR else Role.MENTEE
    if needed not in person.role_set:
        raise Refusal(f"pair-error-not-{needed.value}", name=name)
    if role == MemberRole.MENTEE and await banks.in_open_programme(session, person.id, role):
        raise Refusal("pair-error-mentee-busy", name=name)
    return person


async def check_capacity(session: AsyncSession, mentor: Person, extra: int) -> None:
    """Refuse when `extra` more mentees would take the mentor over the capacity they gave."""
    profile = await session.get(Profile, mentor.id)
    capacity = profile.capacity if profile and profile.capacity else 0
    taken = await banks.mentees_taken(session, mentor.id)
    if taken + extra > capacity:
        name = mentor.name or "—"
        raise Refusal("pair-error-capacity", name=name, capacity=capacity, taken=taken)


async def check_not_parent(session: AsyncSession, mentor: Person, mentee_ids: list[int]) -> None:
    """Refuse a mentor who gave a parent's consent for one of the mentees."""
    if mentor.id in await consent.parents_of(session, mentee_ids):
        raise Refusal("pair-error-own-parent", name=mentor.name or "—")


async def form(
    session: AsyncSession,
    *,
    curator_id: int,
    mentor_id: int,
    mentee_ids: list[int],
    form: Form,
    pair_type: str,
    pair_type_note: str | None,
    term: int,
    term_unit: TermUnit,
    goals: str,
    now: datetime,
) -> Programme:
    """Form a pair or group and send each member the agreement to accept."""
    if not mentee_ids or mentor_id in mentee_ids or len(set(mentee_ids)) != len(mentee_ids):
        raise Refusal("pair-error-members")
    check_term(term, term_unit)
    mentor = await check_candidate(session, mentor_id, MemberRole.MENTOR)
    for mentee_id in mentee_ids:
        await check_candidate(session, mentee_id, MemberRole.MENTEE)
    await check_capacity(session, mentor, len(mentee_ids))
    await check_not_parent(session, mentor, mentee_ids)
    programme = Programme(
        mentor_id=mentor_id,
        form=form,
        pair_type=pair_type,
        pair_type_note=pair_type_note,
        term=term,
        term_unit=term_unit,
        goals=goals,
        status=ProgrammeStatus.PROPOSED,
        agreement_version=AGREEMENT_VERSION,
        created_by=curator_id,
        created_at=now,
        reminder_days=[3, 1],
    )
    session.add(programme)
    await session.flush()
    session.add(
        ProgrammeMember(programme_id=programme.id, person_id=mentor_id, role=MemberRole.MENTOR)
    )
    for mentee_id in mentee_ids:
        session.add(
            ProgrammeMember(programme_id=programme.id, person_id=mentee_id, role=MemberRole.MENTEE)
        )
    await session.flush()
    for person_id in [mentor_id, *mentee_ids]:
        await outbox.schedule(
            session,
            to=person_id,
            subject=Subject.PROGRAMME,
            subject_id=programme.id,
            purpose="agreement",
            due_at=now,
            params={"programme_id": programme.id},
        )
    await _ask_parents(session, programme, now)
    return programme


GUARDIAN_AGREEMENT = "agreement-guardian"  # the purpose of a minor's agreement sent to the parent


async def _ask_parents(session: AsyncSession, programme: Programme, now: datetime) -> None:
    """Send each minor mentee's agreement to the parent who consented for them, to accept on
    the child's behalf (appendix 3)."""
    for member, person in await members(session, programme.id):
        account_id = await consent.parent_account(session, person.id)
        if member.role != MemberRole.MENTEE or account_id is None:
            continue
        member.guardian_agreement = AgreementStatus.PENDING
        await outbox.schedule(
            session,
            to=person.id,
            subject=Subject.PROGRAMME,
            subject_id=programme.id,
            purpose=GUARDIAN_AGREEMENT,
            due_at=now,
            params={"programme_id": programme.id},
            account=account_id,
        )


async def members(session: AsyncSession, programme_id: int) -> list[tuple[ProgrammeMember, Person]]:
    """Everyone in a programme, mentor first."""
    query = (
        select(ProgrammeMember, Person)
        .join(Person, Person.id == ProgrammeMember.person_id)
        .where(ProgrammeMember.programme_id == programme_id)
        .order_by(ProgrammeMember.role.desc(), ProgrammeMember.id)
    )
    return [(m, p) for m, p in (await session.execute(query)).all()]


async def membership(
    session: AsyncSession, programme_id: int, person_id: int
) -> ProgrammeMember | None:
    """The person's membership of a programme, if any."""
    query = select(ProgrammeMember).where(
        ProgrammeMember.programme_id == programme_id, ProgrammeMember.person_id == person_id
    )
    return (await session.execute(query)).scalar_one_or_none()


async def programmes_of(
    session: AsyncSession, person_id: int, statuses: tuple[str, ...] = banks.OPEN_STATUSES
) -> list[Programme]:
    """Programmes the person is a member of, newest first."""
    query = (
        select(Programme)
        .join(ProgrammeMember, ProgrammeMember.programme_id == Programme.id)
        .where(ProgrammeMember.person_id == person_id, Programme.status.in_(statuses))
        .order_by(Programme.id.desc())
    )
    return list((await session.execute(query)).scalars())


async def curators(session: AsyncSession) -> list[Person]:
    """Everyone holding the curator role."""
    query = (
        select(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(PersonRole.role == Role.CURATOR, Person.status == PersonStatus.ACTIVE)
    )
    return list((await session.execute(query)).scalars())


async def staff_for(session: AsyncSession, programme: Programme) -> list[Person]:
    """Who hears of a programme's alerts and requests: every curator, and whoever formed it.

    The pair's creator may be a director while nobody holds the curator role; without them a
    mentee's request for another mentor, or an overdue item, would reach no one.
    """
    staff = {person.id: person for person in await curators(session)}
    if programme.created_by is not None and programme.created_by not in staff:
        creator = await session.get(Person, programme.created_by)
        if creator is not None and creator.status == PersonStatus.ACTIVE:
            staff[creator.id] = creator
    return list(staff.values())


async def notify(
    session: AsyncSession,
    programme: Programme,
    template: str,
    now: datetime,
    *,
    about: tuple[Subject, int] | None = None,
    occasion: str = "",
    params: dict[str, Any] | None = None,
    exclude: int | None = None,
    include_curator: bool = True,
) -> None:
    """Tell every member (and the curator who formed the pair) about a change.

    The news is `about` the programme unless another subject is named; `template` is its
    purpose. Nobody who withdrew consent is written to: they must receive nothing more.
    """
    subject, subject_id = about or (Subject.PROGRAMME, programme.id)
    recipients = [p for _, p in await members(session, programme.id)]
    if include_curator and programme.created_by is not None:
        creator = await session.get(Person, programme.created_by)
        recipients += [creator] if creator is not None else []
    base = {"programme_id": programme.id, **(params or {})}
    reachable = {p.id: p for p in recipients if p.status != PersonStatus.ERASED}
    for person_id in reachable:
        if person_id == exclude:
            continue
        await outbox.schedule(
            session,
            to=person_id,
            subject=subject,
            subject_id=subject_id,
            purpose=template,
            occasion=occasion,
            due_at=now,
            params=base,
        )


async def answer_agreement(
    session: AsyncSession,
    programme: Programme,
    person_id: int,
    accept: bool,
    now: datetime,
    remind_at: time = DEFAULT_REMIND_AT,
    reason: str | None = None,
) -> str:
    """Record a member's answer; returns `active`, `waiting` or `declined` (a decline keeps
    its `reason` as the programme's close reason, erased with the decliner's data)."""
    member = await membership(session, programme.id, person_id)
    if member is None or programme.status != ProgrammeStatus.PROPOSED:
        raise StaleButton()
    if member.agreement != AgreementStatus.PENDING:
        raise StaleButton()
    member.agreement = AgreementStatus.ACCEPTED if accept else AgreementStatus.DECLINED
    member.responded_at = now
    if not accept:
        programme.status = ProgrammeStatus.DECLINED
        programme.closed_at, programme.closed_by = now, person_id
        programme.close_reason = reason
        await notify(
            session,
            programme,
            "programme-declined",
            now,
            params={"by_id": person_id},
            exclude=person_id,
        )
        return "declined"
    return await _start_if_all_accepted(session, programme, now, remind_at, exclude=person_id)


async def answer_as_guardian(
    session: AsyncSession,
    programme: Programme,
    child_id: int,
    accept: bool,
    now: datetime,
    remind_at: time = DEFAULT_REMIND_AT,
) -> str:
    """A parent's answer on a minor member's behalf; returns `active`, `waiting` or `declined`
    (everyone, the child and the curator included, hears of a decline)."""
    member = await membership(session, programme.id, child_id)
    if member is None or programme.status != ProgrammeStatus.PROPOSED:
        raise StaleButton()
    if member.guardian_agreement != AgreementStatus.PENDING:
        raise StaleButton()
    member.guardian_agreement = AgreementStatus.ACCEPTED if accept else AgreementStatus.DECLINED
    if not accept:
        programme.status = ProgrammeStatus.DECLINED
        programme.closed_at = now
        params = {"child_id": child_id}
        await notify(session, programme, "programme-declined-guardian", now, params=params)
        return "declined"
    return await _start_if_all_accepted(session, programme, now, remind_at)


async def _start_if_all_accepted(
    session: AsyncSession,
    programme: Programme,
    now: datetime,
    remind_at: time,
    exclude: int | None = None,
) -> str:
    """Start the programme once every member (and every minor's parent) has accepted."""
    everyone = await members(session, programme.id)
    if not all(
        m.agreement == AgreementStatus.ACCEPTED
        and m.guardian_agreement in (None, AgreementStatus.ACCEPTED)
        for m, _ in everyone
    ):
        return "waiting"
    mentor = next(p for m, p in everyone if m.role == MemberRole.MENTOR)
    programme.status = ProgrammeStatus.ACTIVE
    programme.started_at = now
    today = timezones.to_local(now, mentor.timezone).date()
    programme.ends_on = term_end(today, programme.term, programme.term_unit)
    await notify(session, programme, "programme-active", now, exclude=exclude)
    await schedule_term_end(session, programme, remind_at, now)
    return "active"


async def status_counts(session: AsyncSession) -> dict[str, int]:
    """How many programmes are in each status (every status present, zero if none)."""
    query = select(Programme.status, func.count()).group_by(Programme.status)
    found = {status: int(n) for status, n in (await session.execute(query)).all()}
    return {status.value: found.get(status.value, 0) for status in ProgrammeStatus}


async def listing(session: AsyncSession) -> list[tuple[Programme, list[str]]]:
    """Every programme, newest first, with its members' names (mentor first)."""
    result = []
    for programme in (
        await session.execute(select(Programme).order_by(Programme.id.desc()))
    ).scalars():
        names = [p.name or "—" for _, p in await members(session, programme.id)]
        result.append((programme, names))
    return result


async def close(
    session: AsyncSession,
    programme: Programme,
    status: ProgrammeStatus,
    by: Person,
    now: datetime,
    reason: str | None = None,
    notice: str | None = None,
) -> None:
    """Complete or end a programme: reminders voided, everyone concerned told, the members
    invited to the completion survey.

    `notice` replaces the usual news (and then says nothing of who ended it, or why).
    """
    programme.status = status
    programme.closed_at, programme.closed_by, programme.close_reason = now, by.id, reason
    ids = await session.execute(select(Milestone.id).where(Milestone.programme_id == programme.id))
    for milestone_id in ids.scalars():
        await outbox.void(session, Subject.MILESTONE, milestone_id)
    await outbox.void(session, Subject.PROGRAMME, programme.id, purposes=(TERM_ENDED,))
    from bot.core.services import completion, meetings  # they build on programmes

    await meetings.end_with_programme(session, programme, by.id, now)
    template = "programme-completed" if status == ProgrammeStatus.COMPLETED else "programme-ended"
    params = {"by_id": by.id} if notice is None else {}  # names and reason are read when sent
    await notify(
        session,
        programme,
        notice or template,
        now,
        params=params,
        exclude=by.id,
    )
    await completion.programme_closed(session, programme, now)  # after the news of the end


def goes_on_without(
    programme: Programme, everyone: list[tuple[ProgrammeMember, Person]], person_id: int
) -> bool:
    """Whether the programme goes on if this member leaves: only an active group, for a mentee."""
    mine = next(m for m, p in everyone if p.id == person_id)
    mentees = [m for m, _ in everyone if m.role == MemberRole.MENTEE]
    return (
        programme.status == ProgrammeStatus.ACTIVE
        and mine.role == MemberRole.MENTEE
        and len(mentees) > 1
    )


async def leave_all(session: AsyncSession, person: Person, now: datetime) -> None:
    """A person is withdrawing consent: nobody is left waiting on them in any open programme.

    A mentee of an active group leaves it and the group goes on; any other open programme (a
    pair, a group whose mentor leaves, one still waiting for the agreement) ends. The others
    and the curator are told, without the person's name. Call it before the data is erased.
    """
    for programme in await programmes_of(session, person.id):
        everyone = await members(session, programme.id)
        mine = next(m for m, p in everyone if p.id == person.id)
        if goes_on_without(programme, everyone, person.id):
            await session.delete(mine)
            await session.flush()
            await notify(
                session,
                programme,
                "programme-member-left",
                now,
                occasion=str(person.id),
                exclude=person.id,
            )
        else:
            await close(
                session,
                programme,
                ProgrammeStatus.ENDED,
                person,
                now,
                notice="programme-ended-withdrawn",
            )


async def erase_close_reasons(session: AsyncSession, person_id: int) -> None:
    """Forget the reasons this person typed when ending programmes (they withdrew consent)."""
    await session.execute(
        update(Programme).where(Programme.closed_by == person_id).values(close_reason=None)
    )


async def schedule_term_end(
    session: AsyncSession, programme: Programme, remind_at: time, now: datetime
) -> None:
    """On the last day of the term, at `remind_at` on each one's clock, tell the members and
    the curator who formed the pair that the term is over: complete the programme or extend it.
    """
    if programme.ends_on is None:
        return
    await outbox.void(session, Subject.PROGRAMME, programme.id, purposes=(TERM_ENDED,))
    recipients = {p.id: p for _, p in await members(session, programme.id)}
    creator = await session.get(Person, programme.created_by) if programme.created_by else None
    if creator is not None:
        recipients[creator.id] = creator
    ends_on = programme.ends_on.isoformat()
    for person in recipients.values():
        if person.status == PersonStatus.ERASED:
            continue
        at = quiet_hours.local_moment(programme.ends_on, remind_at, person.timezone)
        await outbox.schedule(
            session,
            to=person.id,
            subject=Subject.PROGRAMME,
            subject_id=programme.id,
            purpose=TERM_ENDED,
            occasion=ends_on,
            due_at=max(at, now),
            params={"programme_id": programme.id, "ends_on": ends_on},
            quiet_hours=True,
        )
