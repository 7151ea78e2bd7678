"""Speed mentoring's rules against the real SQLite: who is invited, capacity, one slot per event,
the race for the last place, forged payloads, reminders and the event's cancellation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.core.models import (
    Audience,
    MemberRole,
    Notification,
    NotificationStatus,
    Person,
    PersonRole,
    PersonStatus,
    Profile,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
    SpeedBooking,
    SpeedSlot,
    Subject,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import erasure, speed
from bot.db import Database

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
START = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # 18:00 in Moscow, three days on


async def add_person(
    db: Database, name: str, role: Role = Role.MENTEE, forms: str = "virtual", active: bool = True
) -> int:
    async with db.transaction() as session:
        person = Person(name=name, locale="ru", timezone="Europe/Moscow", age_group="adult")
        person.status = PersonStatus.ACTIVE if active else PersonStatus.ERASED
        person.roles.append(PersonRole(role=role))
        session.add(person)
        await session.flush()
        session.add(Profile(person_id=person.id, forms=forms))
        return person.id


async def add_programme(db: Database, mentor: int, mentee: int) -> int:
    async with db.transaction() as session:
        programme = Programme(
            mentor_id=mentor,
            form="goal",
            pair_type="other",
            term=3,
            goals="Олимпиада",
            status=ProgrammeStatus.ACTIVE,
            agreement_version="test",
        )
        session.add(programme)
        await session.flush()
        session.add_all(
            [
                ProgrammeMember(
                    programme_id=programme.id, person_id=mentor, role=MemberRole.MENTOR
                ),
                ProgrammeMember(
                    programme_id=programme.id, person_id=mentee, role=MemberRole.MENTEE
                ),
            ]
        )
        return programme.id


def plan(
    audience: Audience = Audience.ALL,
    ref: str | None = None,
    capacity: int = 1,
    slots: int = 3,
    starts_at: datetime = START,
) -> speed.Plan:
    return speed.Plan(
        guest_id=None,
        guest_name="Гость Профессионалов",
        starts_at=starts_at,
        place="Актовый зал",
        slot_minutes=15,
        slots=slots,
        capacity=capacity,
        audience=audience,
        audience_ref=ref,
    )


async def create(db: Database, curator: int, chosen: speed.Plan) -> tuple[int, list[int]]:
    async with db.transaction() as session:
        event, _ = await speed.create(session, curator, chosen, NOW)
        return event.id, [s.id for s in await speed.slots(session, event.id)]


async def book(db: Database, person: int, slot: int, now: datetime = NOW) -> speed.Booked:
    async with db.transaction() as session:
        return await speed.book(session, person, slot, now)


async def booked(db: Database, slot: int) -> tuple[int, int]:
    """The slot's counter and its live bookings, which must agree."""
    async with db.transaction() as session:
        row = await session.get(SpeedSlot, slot)
        assert row is not None
        live = await session.scalar(
            select(func.count()).where(
                SpeedBooking.slot_id == slot, SpeedBooking.cancelled_at.is_(None)
            )
        )
        return row.booked, int(live or 0)


async def rows(db: Database, subject: Subject, status: str | None = None) -> list[Notification]:
    async with db.transaction() as session:
        query = select(Notification).where(Notification.subject_kind == subject.value)
        if status is not None:
            query = query.where(Notification.status == status)
        return list((await session.execute(query.order_by(Notification.id))).scalars())


@pytest.fixture
async def people(db: Database) -> dict[str, int]:
    found = {
        "curator": await add_person(db, "Ольга Куратова", Role.CURATOR),
        "anna": await add_person(db, "Анна", forms="speed,virtual"),
        "boris": await add_person(db, "Борис"),
        "vera": await add_person(db, "Вера"),
        "mentor": await add_person(db, "Иван Наставников", Role.MENTOR, forms="speed"),
        "gone": await add_person(db, "Ушедший", active=False),
    }
    found["programme"] = await add_programme(db, found["mentor"], found["vera"])
    return found


async def test_audience_all_a_form_or_one_programme(db: Database, people: dict[str, int]) -> None:
    async with db.transaction() as session:
        everyone = await speed.audience(session, Audience.ALL, None)
        by_form = await speed.audience(session, Audience.FORM, "speed")
        of_programme = await speed.audience(session, Audience.PROGRAMME, str(people["programme"]))
        with pytest.raises(StaleButton):  # a forged form
            await speed.audience(session, Audience.FORM, "chess")
    assert {p.name for p in everyone} == {"Анна", "Борис", "Вера"}  # no mentor, nobody erased
    assert [p.name for p in by_form] == ["Анна"]
    assert [p.name for p in of_programme] == ["Вера"]


async def test_each_invited_mentee_gets_one_outbox_row(
    db: Database, people: dict[str, int]
) -> None:
    await create(db, people["curator"], plan())
    invites = await rows(db, Subject.SPEED_EVENT)
    assert sorted(r.person_id or 0 for r in invites) == sorted(
        [people["anna"], people["boris"], people["vera"]]
    )
    assert {r.purpose for r in invites} == {speed.INVITE}
    assert all(r.expires_at == START for r in invites)  # not sent once the event has begun


async def test_bad_events_are_refused(db: Database, people: dict[str, int]) -> None:
    for chosen, key in (
        (plan(starts_at=NOW - timedelta(hours=1)), "speed-error-past"),
        (plan(slots=9), "speed-error-slots"),
        (plan(capacity=0), "speed-error-capacity"),
        (plan(Audience.FORM, "reverse"), "speed-error-nobody"),
    ):
        with pytest.raises(Refusal) as refused:
            await create(db, people["curator"], chosen)
        assert refused.value.key == key
    assert await rows(db, Subject.SPEED_EVENT) == []


async def test_a_full_slot_takes_nobody_more(db: Database, people: dict[str, int]) -> None:
    _, (first, *_) = await create(db, people["curator"], plan(capacity=1))
    assert await book(db, people["anna"], first) == speed.Booked.BOOKED
    assert await book(db, people["boris"], first) == speed.Booked.FULL
    assert await booked(db, first) == (1, 1)
    async with db.transaction() as session:
        assert await speed.booking_of(session, 1, people["boris"]) is None


async def test_another_slot_moves_the_booking(db: Database, people: dict[str, int]) -> None:
    event, (first, second, _) = await create(db, people["curator"], plan(capacity=2))
    assert await book(db, people["anna"], first) == speed.Booked.BOOKED
    assert await book(db, people["anna"], first) == speed.Booked.ALREADY
    assert await book(db, people["anna"], second) == speed.Booked.MOVED
    assert await booked(db, first) == (0, 0)
    assert await booked(db, second) == (1, 1)
    live = [r for r in await rows(db, Subject.SPEED_BOOKING) if r.status != "void"]
    async with db.transaction() as session:
        booking = await speed.booking_of(session, event, people["anna"])
    assert booking is not None and booking.slot_id == second
    assert {r.subject_id for r in live} == {booking.id}  # the old slot's reminders are void


async def test_cancelling_frees_the_place_and_voids_reminders(
    db: Database, people: dict[str, int]
) -> None:
    event, (first, *_) = await create(db, people["curator"], plan(capacity=1))
    await book(db, people["anna"], first)
    async with db.transaction() as session:
        await speed.cancel_booking(session, people["anna"], event, NOW)
    assert await booked(db, first) == (0, 0)
    assert {r.status for r in await rows(db, Subject.SPEED_BOOKING)} == {NotificationStatus.VOID}
    assert await book(db, people["boris"], first) == speed.Booked.BOOKED


async def test_two_mentees_race_for_the_last_place(db: Database, people: dict[str, int]) -> None:
    """Two units of work both see the last place free; each books it before the other commits.
    Exactly one gets it: the database decides, not the process."""
    _, (first, *_) = await create(db, people["curator"], plan(capacity=1))
    one, other = db.sessions(), db.sessions()
    try:
        for session in (one, other):  # both read the slot while it is free (as their offer did)
            seen = await session.get(SpeedSlot, first)
            assert seen is not None and seen.booked == 0
        first_result = await speed.book(one, people["anna"], first, NOW)
        await one.commit()
        second_result = await speed.book(other, people["boris"], first, NOW)
        await other.commit()
    finally:
        await one.close()
        await other.close()
    assert sorted([first_result, second_result]) == sorted([speed.Booked.BOOKED, speed.Booked.FULL])
    assert await booked(db, first) == (1, 1)


async def test_forged_and_foreign_payloads_change_nothing(
    db: Database, people: dict[str, int]
) -> None:
    event, (first, *_) = await create(db, people["curator"], plan(Audience.FORM, "speed"))
    for person, slot in (
        (people["boris"], first),  # not invited
        (people["anna"], 999_999),  # no such slot
    ):
        with pytest.raises(StaleButton):
            await book(db, person, slot)
    with pytest.raises(StaleButton):  # nothing booked to cancel
        async with db.transaction() as session:
            await speed.cancel_booking(session, people["anna"], event, NOW)
    with pytest.raises(StaleButton):  # the slot has begun
        await book(db, people["anna"], first, START)
    assert await booked(db, first) == (0, 0)


async def test_reminders_24h_and_1h_before_the_slot(db: Database, people: dict[str, int]) -> None:
    _, (first, second, _) = await create(db, people["curator"], plan(capacity=2))
    await book(db, people["anna"], second)
    slot_start = START + timedelta(minutes=15)
    reminders = await rows(db, Subject.SPEED_BOOKING)
    assert [(r.purpose, r.due_at, r.quiet_hours) for r in reminders] == [
        ("remind-24h", slot_start - timedelta(hours=24), True),
        ("remind-1h", slot_start - timedelta(hours=1), False),
    ]
    assert all(r.expires_at == slot_start for r in reminders)  # never after the start
    late = START - timedelta(hours=2)  # booked two hours before: only the 1 h reminder
    await book(db, people["boris"], first, late)
    purposes = [
        r.purpose for r in await rows(db, Subject.SPEED_BOOKING) if r.person_id == people["boris"]
    ]
    assert purposes == ["remind-1h"]


async def test_cancelling_the_event_tells_everyone_booked(
    db: Database, people: dict[str, int]
) -> None:
    event, (first, *_) = await create(db, people["curator"], plan(capacity=2))
    await book(db, people["anna"], first)
    async with db.transaction() as session:
        assert await speed.cancel_event(session, event, NOW) == 1
    told = await rows(db, Subject.SPEED_EVENT, NotificationStatus.PENDING)
    assert [(r.purpose, r.person_id) for r in told] == [(speed.CANCELLED, people["anna"])]
    assert {r.status for r in await rows(db, Subject.SPEED_BOOKING)} == {NotificationStatus.VOID}
    with pytest.raises(StaleButton):  # booking a cancelled event
        await book(db, people["boris"], first)


async def test_withdrawing_consent_frees_the_place(db: Database, people: dict[str, int]) -> None:
    _, (first, *_) = await create(db, people["curator"], plan(capacity=1))
    await book(db, people["anna"], first)
    async with db.transaction() as session:
        anna = await session.get(Person, people["anna"])
        assert anna is not None
        await erasure.forget(session, anna, NOW)
    assert await booked(db, first) == (0, 0)
    assert {r.status for r in await rows(db, Subject.SPEED_BOOKING)} == {NotificationStatus.VOID}
    assert await book(db, people["boris"], first) == speed.Booked.BOOKED


async def test_one_person_books_from_two_accounts_at_once(
    db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anna presses two slots from her Telegram and her VK at the same instant. The second unit
    of work read «no booking yet» before the first committed; it is refused with a clear answer,
    all of it undone, and the first booking stands."""
    event, (first, second, _) = await create(db, people["curator"], plan(capacity=2))
    one, other = db.sessions(), db.sessions()
    take_place = speed._take_place
    results: list[speed.Booked] = []

    async def first_wins(session: Any, slot: SpeedSlot, chosen: Any) -> bool:
        if session is other and not results:  # «other» is past its reads: «one» books now
            results.append(await speed.book(one, people["anna"], first, NOW))
            await one.commit()
        return await take_place(session, slot, chosen)

    monkeypatch.setattr(speed, "_take_place", first_wins)
    try:
        with pytest.raises(Refusal) as refused:
            await speed.book(other, people["anna"], second, NOW)
        await other.rollback()
    finally:
        await one.close()
        await other.close()
    assert results == [speed.Booked.BOOKED]
    assert refused.value.key == "speed-booked-elsewhere"
    assert await booked(db, first) == (1, 1)
    assert await booked(db, second) == (0, 0)
    async with db.transaction() as session:
        booking = await speed.booking_of(session, event, people["anna"])
    assert booking is not None and booking.slot_id == first
    assert {r.subject_id for r in await rows(db, Subject.SPEED_BOOKING)} == {booking.id}


async def test_the_guest_mentor_is_told_reminded_and_told_of_the_cancel(
    db: Database, people: dict[str, int]
) -> None:
    """A guest picked from the bank gets the notice now and reminders 24 h and 1 h before the
    first slot, keyed by the event; cancelling the event voids them and tells the guest."""
    chosen = plan()
    chosen = speed.Plan(**{**chosen.__dict__, "guest_id": people["mentor"], "guest_name": None})
    event, _ = await create(db, people["curator"], chosen)
    mine = [r for r in await rows(db, Subject.SPEED_EVENT) if r.person_id == people["mentor"]]
    assert {(r.purpose, r.due_at.replace(tzinfo=UTC)) for r in mine} == {
        ("guest", NOW),
        ("guest-24h", START - timedelta(hours=24)),
        ("guest-1h", START - timedelta(hours=1)),
    }
    assert {r.subject_id for r in mine} == {event}
    async with db.transaction() as session:
        await speed.cancel_event(session, event, NOW)
    after = [r for r in await rows(db, Subject.SPEED_EVENT) if r.person_id == people["mentor"]]
    live = {r.purpose for r in after if r.status != NotificationStatus.VOID}
    assert live == {"cancelled"}
