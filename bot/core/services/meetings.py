"""Meetings of a pair or group: proposed, answered, moved, cancelled; one-off or a series.

A meeting is proposed by a member and answered by the others; it is confirmed when everyone
invited has confirmed (the mentor may confirm for all). Every change raises its `sequence` (the
calendar files' SEQUENCE) and tells the others through the outbox. A series is one row of
`MeetingSeries` and a `Meeting` row per occurrence: each can be moved or cancelled on its own.
Every act checks the person is invited and a member of the running programme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox
from bot.core.models import (
    Meeting,
    MeetingAnswer,
    MeetingParticipant,
    MeetingSeries,
    MeetingStatus,
    MemberRole,
    Person,
    PersonStatus,
    Programme,
    ProgrammeStatus,
    Subject,
)
from bot.core.refusal import Refusal
from bot.core.services import meeting_reminders, programmes

MAX_OCCURRENCES = 52  # a series of a year of weeks at most
MAX_PLACE, MAX_AGENDA = 500, 1000
LIVE = (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)


@dataclass(frozen=True)
class Details:
    """What a proposal says: when, how long, where, in which format, about what."""

    start: datetime
    minutes: int = 60
    place: str | None = None
    format: str | None = None
    format_note: str | None = None
    agenda: str | None = None
    milestone_id: int | None = None


@dataclass(frozen=True)
class Repeat:
    """A series: every one or two weeks, `count` times (None: until the programme's term ends)."""

    every_weeks: int
    count: int | None = None


def end_of(meeting: Meeting) -> datetime:
    """When the meeting is over."""
    return meeting.start + timedelta(minutes=meeting.minutes)


async def participants(
    session: AsyncSession, meeting_id: int
) -> list[tuple[MeetingParticipant, Person]]:
    """Everyone invited to a meeting, in the order they were invited (the mentor first)."""
    query = (
        select(MeetingParticipant, Person)
        .join(Person, Person.id == MeetingParticipant.person_id)
        .where(MeetingParticipant.meeting_id == meeting_id)
        .order_by(MeetingParticipant.id)
    )
    return [(m, p) for m, p in (await session.execute(query)).all()]


async def member_meeting(
    session: AsyncSession, meeting_id: int, person_id: int
) -> tuple[Meeting, Programme, MemberRole]:
    """The meeting, its running programme and the person's role there, if the person is invited
    and still a member; else `meeting-not-yours` (a forged or foreign button says no more)."""
    meeting = await session.get(Meeting, meeting_id)
    programme = await session.get(Programme, meeting.programme_id) if meeting else None
    if meeting is None or programme is None or programme.status != ProgrammeStatus.ACTIVE:
        raise Refusal("meeting-not-yours")
    member = await programmes.membership(session, programme.id, person_id)
    invited = {p.id for _, p in await participants(session, meeting.id)}
    if member is None or person_id not in invited:
        raise Refusal("meeting-not-yours")
    return meeting, programme, MemberRole(member.role)


async def clashes(
    session: AsyncSession,
    person_ids: list[int],
    start: datetime,
    minutes: int,
    exclude: tuple[int, ...] = (),
) -> list[Meeting]:
    """Live meetings of any of these people (in any programme) overlapping the given time."""
    end = start + timedelta(minutes=minutes)
    query = (
        select(Meeting)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .where(
            MeetingParticipant.person_id.in_(person_ids),
            MeetingParticipant.answer != MeetingAnswer.DECLINED,
            Meeting.status.in_(LIVE),
            Meeting.start < end,
            Meeting.start > start - timedelta(days=1),
            Meeting.id.not_in(exclude),
        )
        .order_by(Meeting.start)
    )
    found = (await session.execute(query)).scalars().unique()
    return [m for m in found if end_of(m) > start]


def _check_start(start: datetime, now: datetime) -> None:
    if start <= now:
        raise Refusal("meeting-in-past")


def _slots(programme: Programme, start: datetime, repeat: Repeat | None) -> list[datetime]:
    """The starts of a one-off meeting or of every occurrence of a series."""
    if repeat is None:
        return [start]
    step = timedelta(weeks=repeat.every_weeks)
    if repeat.count is not None:
        count = repeat.count
    else:
        if programme.ends_on is None:
            raise Refusal("meeting-series-no-end")
        last = datetime.combine(programme.ends_on, time.max, UTC)
        count = 0
        while start + step * count <= last and count < MAX_OCCURRENCES:
            count += 1
    if not 2 <= count <= MAX_OCCURRENCES:
        raise Refusal("meeting-series-count", max=MAX_OCCURRENCES)
    return [start + step * i for i in range(count)]


async def _refuse_clash(
    session: AsyncSession, people: list[int], starts: list[datetime], minutes: int, skip: int = 0
) -> None:
    for start in starts:
        if await clashes(session, people, start, minutes, exclude=(skip,)):
            raise Refusal("meeting-clash")


async def propose(
    session: AsyncSession,
    programme: Programme,
    by: Person,
    details: Details,
    now: datetime,
    *,
    repeat: Repeat | None = None,
    despite_clash: bool = False,
) -> Meeting:
    """Propose a meeting (or a series) to the programme's members; the first one is returned.

    A time in the past is refused; one over another meeting of anyone invited is refused unless
    the proposer saw the warning and chose `despite_clash`.
    """
    member = await programmes.membership(session, programme.id, by.id)
    if member is None or programme.status != ProgrammeStatus.ACTIVE:
        raise Refusal("meeting-not-yours")
    _check_start(details.start, now)
    starts = _slots(programme, details.start, repeat)
    people = [p.id for _, p in await programmes.members(session, programme.id)]
    if not despite_clash:
        await _refuse_clash(session, people, starts, details.minutes)
    series = None
    if repeat is not None:
        series = MeetingSeries(
            programme_id=programme.id, every_weeks=repeat.every_weeks, created_at=now
        )
        session.add(series)
        await session.flush()
    created = [
        await _create(session, programme, by, details, start, series, people, now)
        for start in starts
    ]
    await _tell(session, created[0], programme, "meeting-proposed", now, by.id)
    return created[0]


async def _create(
    session: AsyncSession,
    programme: Programme,
    by: Person,
    details: Details,
    start: datetime,
    series: MeetingSeries | None,
    people: list[int],
    now: datetime,
) -> Meeting:
    meeting = Meeting(
        programme_id=programme.id,
        series_id=series.id if series else None,
        slot=start,
        start=start,
        minutes=details.minutes,
        place=details.place,
        format=details.format,
        format_note=details.format_note,
        agenda=details.agenda,
        milestone_id=details.milestone_id,
        proposed_by=by.id,
        status=MeetingStatus.PROPOSED,
        sequence=0,
        created_at=now,
    )
    session.add(meeting)
    await session.flush()
    for person_id in people:
        answer = MeetingAnswer.CONFIRMED if person_id == by.id else MeetingAnswer.PENDING
        session.add(MeetingParticipant(meeting_id=meeting.id, person_id=person_id, answer=answer))
    await session.flush()
    return meeting


async def _tell(
    session: AsyncSession,
    meeting: Meeting,
    programme: Programme,
    template: str,
    now: datetime,
    by: int | None,
    only: int | None = None,
) -> None:
    """Tell the others invited (or only one of them) about the meeting; each act is an occasion
    of its own."""
    for _, person in await participants(session, meeting.id):
        if person.id == by or (only is not None and person.id != only):
            continue
        if person.status == PersonStatus.ERASED:
            continue  # withdrew consent: nothing more reaches them
        await outbox.schedule(
            session,
            to=person.id,
            subject=Subject.MEETING,
            subject_id=meeting.id,
            purpose=template,
            occasion=f"{meeting.sequence}:{by}:{now.isoformat()}",
            due_at=now,
            params={"meeting_id": meeting.id, "programme_id": programme.id, "by_id": by},
        )


async def _front(session: AsyncSession, meeting: Meeting) -> list[Meeting]:
    """The meetings an answer applies to: a proposed series is answered as a whole."""
    if meeting.series_id is None or meeting.status != MeetingStatus.PROPOSED:
        return [meeting]
    query = select(Meeting).where(
        Meeting.series_id == meeting.series_id, Meeting.status == MeetingStatus.PROPOSED
    )
    return list((await session.execute(query.order_by(Meeting.start))).scalars())


async def occurrences(session: AsyncSession, series_id: int) -> list[Meeting]:
    """Every occurrence of a series, by its place in the series."""
    query = select(Meeting).where(Meeting.series_id == series_id).order_by(Meeting.slot)
    return list((await session.execute(query)).scalars())


async def _set_answer(
    session: AsyncSession, meeting: Meeting, person_id: int, answer: MeetingAnswer
) -> None:
    for part, person in await participants(session, meeting.id):
        if person.id == person_id:
            part.answer = answer


def _answerable(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise Refusal("meeting-already-cancelled")
    if meeting.status != MeetingStatus.PROPOSED:
        raise Refusal("meeting-already-answered")


async def confirm(
    session: AsyncSession, meeting: Meeting, person: Person, now: datetime, *, for_all: bool = False
) -> bool:
    """The person confirms (the mentor `for_all`: the meeting is on without waiting for the
    others); True once the meeting is confirmed."""
    _answerable(meeting)
    _check_start(meeting.start, now)
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    if for_all and programme.mentor_id != person.id:
        raise Refusal("meeting-not-yours")
    front = await _front(session, meeting)
    for item in front:
        await _set_answer(session, item, person.id, MeetingAnswer.CONFIRMED)
    return await _settle(session, front, programme, now, for_all)


async def decline(session: AsyncSession, meeting: Meeting, person: Person, now: datetime) -> bool:
    """The person declines; True when the meeting is off for it (nobody else would come)."""
    _answerable(meeting)
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    front = await _front(session, meeting)
    for item in front:
        await _set_answer(session, item, person.id, MeetingAnswer.DECLINED)
    await _tell(
        session, meeting, programme, "meeting-declined", now, person.id, meeting.proposed_by
    )
    await _settle(session, front, programme, now, False)
    return meeting.status == MeetingStatus.CANCELLED


async def _settle(
    session: AsyncSession, front: list[Meeting], programme: Programme, now: datetime, force: bool
) -> bool:
    """Confirm once everyone answered (at least two will come), or call off when nobody else
    will come; the calendar files and reminders follow a confirmation."""
    answers = [a.answer for a, _ in await participants(session, front[0].id)]
    coming = answers.count(MeetingAnswer.CONFIRMED)
    if not force and MeetingAnswer.PENDING in answers:
        return False
    status = MeetingStatus.CONFIRMED if coming >= 2 or force else MeetingStatus.CANCELLED
    for item in front:
        item.status = status
        item.sequence += 1
        if status == MeetingStatus.CONFIRMED:
            await meeting_reminders.schedule(session, item, programme, now)
    await _raise_series(session, front[0])
    template = "meeting-confirmed" if status == MeetingStatus.CONFIRMED else "meeting-called-off"
    await _tell(session, front[0], programme, template, now, None)
    return status == MeetingStatus.CONFIRMED


async def _raise_series(session: AsyncSession, meeting: Meeting) -> None:
    if meeting.series_id is not None:
        series = await session.get(MeetingSeries, meeting.series_id)
        assert series is not None
        series.sequence += 1


def _may_change(meeting: Meeting, programme: Programme, person: Person) -> None:
    """Moving or cancelling is for the mentor and whoever proposed it, while it is still on."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise Refusal("meeting-already-cancelled")
    if meeting.status not in LIVE:
        raise Refusal("meeting-already-answered")
    if person.id not in (programme.mentor_id, meeting.proposed_by):
        raise Refusal("meeting-not-yours")


async def reschedule(
    session: AsyncSession,
    meeting: Meeting,
    person: Person,
    start: datetime,
    now: datetime,
    *,
    despite_clash: bool = False,
) -> None:
    """Move one meeting (one occurrence of a series): old reminders void, new ones written,
    everyone told with a new calendar file. The others' answers stand for a confirmed one."""
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    _may_change(meeting, programme, person)
    _check_start(start, now)
    people = [p.id for _, p in await participants(session, meeting.id)]
    if not despite_clash:
        await _refuse_clash(session, people, [start], meeting.minutes, skip=meeting.id)
    await _move(session, meeting, programme, start, now)
    await _tell(session, meeting, programme, "meeting-moved", now, person.id)


async def _move(
    session: AsyncSession, meeting: Meeting, programme: Programme, start: datetime, now: datetime
) -> None:
    await meeting_reminders.void(session, meeting)
    meeting.start, meeting.counter_start, meeting.counter_by = start, None, None
    meeting.sequence += 1
    await _raise_series(session, meeting)
    if meeting.status == MeetingStatus.CONFIRMED:
        await meeting_reminders.schedule(session, meeting, programme, now)


async def cancel(session: AsyncSession, meeting: Meeting, person: Person, now: datetime) -> None:
    """Call one meeting (one occurrence) off: its reminders void, everyone told."""
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    _may_change(meeting, programme, person)
    await _call_off(session, meeting)
    await _tell(session, meeting, programme, "meeting-cancelled", now, person.id)


async def series_ahead(
    session: AsyncSession, meeting: Meeting, person: Person, now: datetime
) -> list[Meeting]:
    """The occurrences still ahead of the meeting's series, if the person may cancel them
    (its mentor or proposer); refused for a one-off meeting or a series already over."""
    if meeting.series_id is None:
        raise Refusal("meeting-not-a-series")
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    if person.id not in (programme.mentor_id, meeting.proposed_by):
        raise Refusal("meeting-not-yours")
    every = await occurrences(session, meeting.series_id)
    ahead = [m for m in every if m.status in LIVE and m.start > now]
    if not ahead:
        raise Refusal("meeting-already-cancelled")
    return ahead


async def cancel_series(
    session: AsyncSession, meeting: Meeting, person: Person, now: datetime
) -> int:
    """Call off every occurrence of the meeting's series still ahead (what took place stays):
    their reminders void, everyone else told once. How many were called off."""
    ahead = await series_ahead(session, meeting, person, now)
    for item in ahead:
        await _call_off(session, item)
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    await _tell(session, ahead[0], programme, "meeting-series-cancelled", now, person.id)
    return len(ahead)


async def _call_off(session: AsyncSession, meeting: Meeting) -> None:
    await meeting_reminders.void(session, meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    await _raise_series(session, meeting)


async def counter(
    session: AsyncSession, meeting: Meeting, person: Person, start: datetime, now: datetime
) -> None:
    """The person proposes another time; whoever proposed the meeting answers."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise Refusal("meeting-already-cancelled")
    if meeting.status not in LIVE or person.id == meeting.proposed_by:
        raise Refusal("meeting-already-answered")
    _check_start(start, now)
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    meeting.counter_start, meeting.counter_by = start, person.id
    await _tell(session, meeting, programme, "meeting-counter", now, person.id, meeting.proposed_by)


async def answer_counter(
    session: AsyncSession, meeting: Meeting, person: Person, accept: bool, now: datetime
) -> None:
    """The proposer takes the other time (the meeting moves there) or keeps the first one."""
    if meeting.counter_start is None or meeting.proposed_by != person.id:
        raise Refusal("meeting-already-answered")
    programme = await session.get(Programme, meeting.programme_id)
    assert programme is not None
    by = meeting.counter_by
    if not accept:
        meeting.counter_start, meeting.counter_by = None, None
        await _tell(session, meeting, programme, "meeting-counter-declined", now, person.id, by)
        return
    _check_start(meeting.counter_start, now)
    if by is not None:
        await _set_answer(session, meeting, by, MeetingAnswer.CONFIRMED)
    await _move(session, meeting, programme, meeting.counter_start, now)
    await _tell(session, meeting, programme, "meeting-moved", now, person.id)
    if meeting.status == MeetingStatus.PROPOSED:
        await _settle(session, [meeting], programme, now, False)


async def end_with_programme(
    session: AsyncSession, programme: Programme, by: int, now: datetime
) -> None:
    """The programme closed: its meetings still ahead are called off, their reminders void;
    whoever had one confirmed is told once a meeting or series (with the calendar file that
    takes it off their calendar), but the one who closed it."""
    query = select(Meeting).where(
        Meeting.programme_id == programme.id, Meeting.status.in_(LIVE), Meeting.start > now
    )
    told: set[tuple[str, int]] = set()
    for meeting in list((await session.execute(query)).scalars()):
        confirmed = meeting.status == MeetingStatus.CONFIRMED
        await _call_off(session, meeting)
        key = ("series", meeting.series_id) if meeting.series_id else ("one", meeting.id)
        if confirmed and key not in told:
            told.add(key)
            await _tell(session, meeting, programme, "meeting-programme-ended", now, by)


async def erase(session: AsyncSession, person_id: int) -> None:
    """Forget the places, formats in words and agendas a person typed (they withdrew consent)."""
    query = select(Meeting).where(Meeting.proposed_by == person_id)
    for meeting in (await session.execute(query)).scalars():
        meeting.place = meeting.agenda = meeting.format_note = None


async def mark_attended(
    session: AsyncSession, meeting: Meeting, person_id: int, attended: bool
) -> None:
    """Record whether one invited person came to a meeting that took place."""
    if meeting.status != MeetingStatus.HELD:
        raise Refusal("meeting-already-answered")
    for part, person in await participants(session, meeting.id):
        if person.id == person_id:
            part.attended = attended
            return
    raise Refusal("meeting-not-yours")


async def reschedule_reminders(session: AsyncSession, programme: Programme, now: datetime) -> None:
    """Write anew the reminders of the programme's confirmed meetings ahead (its reminder
    schedule changed)."""
    query = select(Meeting).where(
        Meeting.programme_id == programme.id,
        Meeting.status == MeetingStatus.CONFIRMED,
        Meeting.start > now,
    )
    for meeting in (await session.execute(query)).scalars():
        await meeting_reminders.void(session, meeting)
        await meeting_reminders.schedule(session, meeting, programme, now)
