"""Meetings of a pair or group: answers, clashes, moves, series and the rules that say no.

The programme is written straight into a real SQLite database; the services are called as the
flows call them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.core.models import (
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    MemberRole,
    Notification,
    NotificationStatus,
    Person,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
)
from bot.core.refusal import Refusal
from bot.core.services import meetings, programmes
from bot.core.services.meetings import Details, Repeat
from bot.db import Database

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # Thursday, 15:00 in Moscow


async def make_programme(session, names=("Иван", "Петя"), zone="Europe/Moscow") -> Programme:
    people = [Person(name=n, locale="ru", timezone=zone, status=PersonStatus.ACTIVE) for n in names]
    session.add_all(people)
    await session.flush()
    programme = Programme(
        mentor_id=people[0].id,
        form="goal",
        pair_type="other",
        term=3,
        goals="Цели",
        status=ProgrammeStatus.ACTIVE,
        agreement_version="1",
        ends_on=date(2027, 1, 20),
    )
    session.add(programme)
    await session.flush()
    for i, person in enumerate(people):
        role = MemberRole.MENTOR if i == 0 else MemberRole.MENTEE
        session.add(ProgrammeMember(programme_id=programme.id, person_id=person.id, role=role))
    await session.flush()
    return programme


async def people_of(session, programme: Programme) -> list[Person]:
    return [p for _, p in await programmes.members(session, programme.id)]


async def rows(
    session, template: str, status: str = NotificationStatus.PENDING
) -> list[Notification]:
    query = select(Notification).where(
        Notification.template == template, Notification.status == status
    )
    return list((await session.execute(query)).scalars())


async def test_a_pair_meeting_is_confirmed_when_the_other_confirms(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, mentee = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        assert meeting.status == MeetingStatus.PROPOSED
        assert [n.person_id for n in await rows(session, "meeting-proposed")] == [mentee.id]
        assert await meetings.confirm(session, meeting, mentee, NOW)
        assert meeting.status == MeetingStatus.CONFIRMED and meeting.sequence == 1
        reminders = await rows(session, "meeting-reminder")
        assert sorted((r.person_id, r.due_at) for r in reminders) == sorted(
            (p.id, START - timedelta(hours=h)) for p in (mentor, mentee) for h in (24, 1)
        )
        assert all(r.expires_at == START for r in reminders)
        assert {r.quiet_hours for r in reminders if r.purpose.endswith("-1h")} == {False}
        assert len(await rows(session, "meeting-confirmed")) == 2


async def test_a_group_waits_for_everyone_but_the_mentor_may_confirm_for_all(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session, ("Иван", "Петя", "Маша"))
        mentor, petya, masha = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, petya, Details(START), NOW)
        assert not await meetings.confirm(session, meeting, masha, NOW)
        with pytest.raises(Refusal):
            await meetings.confirm(session, meeting, masha, NOW, for_all=True)
        assert await meetings.confirm(session, meeting, mentor, NOW, for_all=True)
        assert meeting.status == MeetingStatus.CONFIRMED


async def test_a_decline_in_a_pair_calls_the_meeting_off(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, mentee = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        assert await meetings.decline(session, meeting, mentee, NOW)
        assert meeting.status == MeetingStatus.CANCELLED
        assert [n.person_id for n in await rows(session, "meeting-declined")] == [mentor.id]
        with pytest.raises(Refusal) as refused:
            await meetings.confirm(session, meeting, mentee, NOW)
        assert refused.value.key == "meeting-already-cancelled"


async def test_a_past_time_is_refused(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, _ = await people_of(session, programme)
        with pytest.raises(Refusal) as refused:
            await meetings.propose(session, programme, mentor, Details(NOW), NOW)
        assert refused.value.key == "meeting-in-past"


async def test_not_a_member_of_the_pair_is_refused(db: Database) -> None:
    async with db.transaction() as session:
        ours = await make_programme(session)
        theirs = await make_programme(session, ("Олег", "Вика"))
        mentor, _ = await people_of(session, ours)
        stranger, _ = await people_of(session, theirs)
        meeting = await meetings.propose(session, ours, mentor, Details(START), NOW)
        with pytest.raises(Refusal) as refused:
            await meetings.propose(session, ours, stranger, Details(START), NOW)
        assert refused.value.key == "meeting-not-yours"
        with pytest.raises(Refusal):
            await meetings.member_meeting(session, meeting.id, stranger.id)


async def test_a_clash_in_another_programme_is_refused_unless_accepted(db: Database) -> None:
    async with db.transaction() as session:
        first = await make_programme(session)
        mentor, _ = await people_of(session, first)
        other_mentee = Person(name="Маша", locale="ru", timezone="UTC", status="active")
        session.add(other_mentee)
        await session.flush()
        second = Programme(
            mentor_id=mentor.id,
            form="goal",
            pair_type="other",
            term=3,
            goals="Г",
            status=ProgrammeStatus.ACTIVE,
            agreement_version="1",
        )
        session.add(second)
        await session.flush()
        session.add_all(
            [
                ProgrammeMember(
                    programme_id=second.id, person_id=mentor.id, role=MemberRole.MENTOR
                ),
                ProgrammeMember(programme_id=second.id, person_id=other_mentee.id, role="mentee"),
            ]
        )
        await meetings.propose(session, first, mentor, Details(START, minutes=60), NOW)
        overlapping = Details(START + timedelta(minutes=30))
        with pytest.raises(Refusal) as refused:
            await meetings.propose(session, second, other_mentee, overlapping, NOW)
        assert refused.value.key == "meeting-clash"
        await meetings.propose(session, second, other_mentee, overlapping, NOW, despite_clash=True)
        after = Details(START + timedelta(minutes=90))  # right after the last one
        await meetings.propose(session, second, other_mentee, after, NOW)


async def test_a_move_voids_the_old_reminders_and_raises_the_sequence(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, mentee = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        await meetings.confirm(session, meeting, mentee, NOW)
        later = START + timedelta(days=2)
        await meetings.reschedule(session, meeting, mentor, later, NOW)
        assert meeting.sequence == 2 and meeting.start == later
        void = await rows(session, "meeting-reminder", NotificationStatus.VOID)
        assert {r.due_at for r in void} == {START - timedelta(hours=h) for h in (24, 1)}
        live = await rows(session, "meeting-reminder")
        assert {r.due_at for r in live} == {later - timedelta(hours=h) for h in (24, 1)}
        assert [n.person_id for n in await rows(session, "meeting-moved")] == [mentee.id]
        with pytest.raises(Refusal):
            await meetings.reschedule(session, meeting, mentee, later, NOW)  # not theirs to move


async def test_a_counter_proposal_accepted_moves_the_meeting(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, mentee = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        other = START + timedelta(hours=3)
        await meetings.counter(session, meeting, mentee, other, NOW)
        assert [n.person_id for n in await rows(session, "meeting-counter")] == [mentor.id]
        with pytest.raises(Refusal):
            await meetings.answer_counter(session, meeting, mentee, True, NOW)
        await meetings.answer_counter(session, meeting, mentor, True, NOW)
        assert meeting.start == other and meeting.status == MeetingStatus.CONFIRMED


async def test_a_series_until_the_term_ends_and_its_end_with_the_programme(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, mentee = await people_of(session, programme)
        first = await meetings.propose(
            session, programme, mentor, Details(START), NOW, repeat=Repeat(2)
        )
        assert first.series_id is not None
        series = await meetings.occurrences(session, first.series_id)
        assert [m.start.date() for m in series] == [
            date(2026, 11, 26),
            date(2026, 12, 10),
            date(2026, 12, 24),
            date(2027, 1, 7),
        ]
        await meetings.confirm(session, first, mentee, NOW)
        assert {m.status for m in series} == {MeetingStatus.CONFIRMED}
        await meetings.cancel(session, series[1], mentor, NOW)
        await meetings.reschedule(
            session, series[2], mentor, series[2].start + timedelta(days=1), NOW
        )
        assert [m.status for m in series] == ["confirmed", "cancelled", "confirmed", "confirmed"]
        assert series[2].slot != series[2].start
        await programmes.close(
            session, programme, ProgrammeStatus.ENDED, mentor, START + timedelta(days=1)
        )
        assert [m.status for m in series] == ["confirmed", "cancelled", "cancelled", "cancelled"]
        live = await rows(session, "meeting-reminder")
        assert {r.subject_id for r in live} <= {series[0].id}
        told = await rows(session, "meeting-programme-ended")
        assert [n.person_id for n in told] == [mentee.id]  # once for the series; not who closed


async def test_a_series_needs_at_least_two_occurrences(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, _ = await people_of(session, programme)
        with pytest.raises(Refusal) as refused:
            await meetings.propose(
                session, programme, mentor, Details(START), NOW, repeat=Repeat(1, 60)
            )
        assert refused.value.key == "meeting-series-count"
        assert not (await session.execute(select(Meeting))).scalars().all()


async def test_held_is_logged_with_attendance_and_not_asked_again(db: Database) -> None:
    from bot.core.services import meeting_reminders

    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, mentee = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        await meetings.confirm(session, meeting, mentee, NOW)
        asks = await rows(session, "meeting-outcome")
        assert sorted(r.due_at for r in asks) == [
            START + timedelta(hours=1),
            START + timedelta(days=1, hours=1),
        ]
        with pytest.raises(Refusal):
            await meeting_reminders.record_outcome(session, meeting, True, NOW)
        after = START + timedelta(hours=2)
        await meeting_reminders.record_outcome(session, meeting, True, after)
        assert meeting.status == MeetingStatus.HELD and meeting.held_at == after
        assert not await rows(session, "meeting-outcome")
        await meetings.mark_attended(session, meeting, mentee.id, False)
        parts = (await session.execute(select(MeetingParticipant))).scalars().all()
        assert {p.person_id: p.attended for p in parts} == {mentor.id: True, mentee.id: False}


async def test_withdrawing_consent_erases_the_place_and_agenda_one_typed(db: Database) -> None:
    from bot.core.services import erasure

    async with db.transaction() as session:
        programme = await make_programme(session, ("Иван", "Петя", "Маша"))
        _, petya, _ = await people_of(session, programme)
        details = Details(START, place="ул. Ленина, 5, кв. 3", agenda="Личный разговор")
        meeting = await meetings.propose(session, programme, petya, details, NOW)
        await erasure.forget(session, petya, NOW)
        assert (meeting.place, meeting.agenda) == (None, None)
