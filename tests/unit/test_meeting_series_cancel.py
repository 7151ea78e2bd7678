"""Cancelling a whole series: only its mentor or proposer, after a second «yes»; every
occurrence still ahead is off with its reminders, everyone else is told once with the file
that takes the series off their calendar; what already took place stays as it was."""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
import pytest
import recurring_ical_events
from sqlalchemy import select

from bot.config import Settings
from bot.core import texts
from bot.core.engine import Core
from bot.core.models import (
    Meeting,
    MeetingStatus,
    Notification,
    NotificationStatus,
    Person,
)
from bot.core.refusal import Refusal
from bot.core.services import meeting_reminders, meetings
from bot.core.services.meetings import Details, Repeat
from bot.db import Database
from handlers import build_router, notifications
from handlers.meeting_calendar import meeting_file
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import joined, payloads
from tests.unit.test_meetings import NOW, START, make_programme, people_of, rows
from tests.unit.test_programme_edge_cases import programme, programme_setup


async def series_of(session, series_id: int) -> list[Meeting]:
    return await meetings.occurrences(session, series_id)


async def test_the_mentor_cancels_a_series_everyone_told_once_reminders_void(
    db: Database,
) -> None:
    async with db.transaction() as session:
        prog = await make_programme(session, ("Иван", "Петя", "Маша"))
        mentor, petya, masha = await people_of(session, prog)
        first = await meetings.propose(
            session, prog, mentor, Details(START), NOW, repeat=Repeat(1, 4)
        )
        await meetings.confirm(session, first, mentor, NOW, for_all=True)
        every = await series_of(session, first.series_id)
        await meetings.reschedule(
            session, every[1], mentor, every[1].start + timedelta(hours=2), NOW
        )
        await meetings.cancel(session, every[2], mentor, NOW)
        assert await rows(session, "meeting-reminder")

        assert await meetings.cancel_series(session, every[3], mentor, NOW) == 3
        assert {m.status for m in every} == {MeetingStatus.CANCELLED}
        assert await rows(session, "meeting-reminder") == []
        asked = select(Notification).where(
            Notification.purpose == meeting_reminders.OUTCOME,
            Notification.status == NotificationStatus.PENDING,
        )
        assert list((await session.execute(asked)).scalars()) == []
        told = await rows(session, "meeting-series-cancelled")
        assert sorted(n.person_id for n in told) == sorted([petya.id, masha.id])

        person = await session.get(Person, petya.id)
        assert person is not None
        replies = await notifications.render(session, told[0], person)
        assert replies is not None
        assert "Иван отменил всю серию встреч" in replies[0].text
        file = replies[-1].file
        assert file is not None
        calendar = icalendar.Calendar.from_ical(file.content)
        assert str(calendar["METHOD"]) == "CANCEL"
        uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
        assert uids == {f"meeting-series-{first.series_id}@nastavnik"}
        assert {str(e["STATUS"]) for e in calendar.walk("VEVENT")} == {"CANCELLED"}


async def test_a_series_cancelled_midway_keeps_what_took_place(db: Database) -> None:
    async with db.transaction() as session:
        prog = await make_programme(session)
        mentor, mentee = await people_of(session, prog)
        first = await meetings.propose(
            session, prog, mentor, Details(START), NOW, repeat=Repeat(1, 3)
        )
        await meetings.confirm(session, first, mentee, NOW)
        person = await session.get(Person, mentee.id)
        assert person is not None
        imported = (await meeting_file(session, first, person)).content  # the file they got
        later = START + timedelta(days=2)
        await meeting_reminders.record_outcome(session, first, True, later)
        assert await meetings.cancel_series(session, first, mentor, later) == 2
        every = await series_of(session, first.series_id)
        assert [m.status for m in every] == [
            MeetingStatus.HELD,
            MeetingStatus.CANCELLED,
            MeetingStatus.CANCELLED,
        ]
        # METHOD:CANCEL of the two ahead, each by its RECURRENCE-ID (RFC 5546, 3.2.5): a
        # calendar that applies it keeps the meeting that took place and drops the two.
        (told,) = await rows(session, "meeting-series-cancelled")
        replies = await notifications.render(session, told, person)
        assert replies is not None and replies[-1].file is not None
        cancel = icalendar.Calendar.from_ical(replies[-1].file.content)
        assert str(cancel["METHOD"]) == "CANCEL"
        instances = cancel.walk("VEVENT")
        assert [e["RECURRENCE-ID"].dt for e in instances] == [m.slot for m in every[1:]]
        assert {str(e["UID"]) for e in instances} == {f"meeting-series-{first.series_id}@nastavnik"}
        assert all(str(e["STATUS"]) == "CANCELLED" and "ORGANIZER" in e for e in instances)
        window = (START - timedelta(days=1), START + timedelta(weeks=5))
        assert shown(imported, *window) == [m.start for m in every]
        assert shown(applied(imported, replies[-1].file.content), *window) == [START]


def applied(imported: bytes, cancel: bytes) -> bytes:
    """A calendar that imported a series, after it takes a METHOD:CANCEL of some occurrences:
    each cancelled instance overrides the series' one with the same UID and RECURRENCE-ID."""
    calendar = icalendar.Calendar.from_ical(imported)
    for instance in icalendar.Calendar.from_ical(cancel).walk("VEVENT"):
        assert "RECURRENCE-ID" in instance  # never the whole series: what took place stays
        calendar.add_component(instance)
    return bytes(calendar.to_ical())


def shown(content: bytes, start: datetime, end: datetime) -> list[datetime]:
    """The starts a calendar app shows, as recurring-ical-events expands the file (cancelled
    occurrences are not shown)."""
    events = recurring_ical_events.of(icalendar.Calendar.from_ical(content)).between(start, end)
    return sorted(e["DTSTART"].dt for e in events if str(e.get("STATUS")) != "CANCELLED")


async def test_cancelling_a_series_is_refused_to_others_and_for_a_one_off(db: Database) -> None:
    async with db.transaction() as session:
        prog = await make_programme(session, ("Иван", "Петя", "Маша"))
        mentor, petya, masha = await people_of(session, prog)
        first = await meetings.propose(
            session, prog, petya, Details(START), NOW, repeat=Repeat(2, 3)
        )
        with pytest.raises(Refusal) as refused:
            await meetings.cancel_series(session, first, masha, NOW)  # neither mentor nor proposer
        assert refused.value.key == "meeting-not-yours"
        one_off = await meetings.propose(
            session, prog, mentor, Details(START + timedelta(days=1)), NOW
        )
        with pytest.raises(Refusal) as refused:
            await meetings.cancel_series(session, one_off, mentor, NOW)
        assert refused.value.key == "meeting-not-a-series"
        every = await series_of(session, first.series_id)
        assert {m.status for m in every} == {MeetingStatus.PROPOSED}
        assert await rows(session, "meeting-series-cancelled") == []
        assert await meetings.cancel_series(session, first, petya, NOW) == 3  # the proposer may
        with pytest.raises(Refusal) as refused:
            await meetings.cancel_series(session, first, petya, NOW)
        assert refused.value.key == "meeting-already-cancelled"


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def test_cancel_the_series_asks_first_from_the_meeting_card(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    prog = await programme(db, setup.programme_id)
    async with db.transaction() as session:
        mentor = await session.get(Person, prog.mentor_id)
        assert mentor is not None
        first = await meetings.propose(
            session, prog, mentor, Details(START), clock.now, repeat=Repeat(1, 4)
        )
        series_id, first_id = first.series_id, first.id
    listing = await setup.mentor.send("/meetings")
    assert f"meet-series-off:{first_id}" in payloads(listing)
    mentee_listing = await setup.mentee.send("/meetings")  # the mentee did not propose it
    assert not [p for p in payloads(mentee_listing) if p.startswith("meet-series-off:")]
    forged = await setup.mentee.press(f"meet-series-off:{first_id}:y")
    assert texts.t("meeting-not-yours", "ru") in joined(forged)

    ask = await setup.mentor.press(f"meet-series-off:{first_id}")
    assert "Впереди 4 встречи" in joined(ask) and f"meet-series-off:{first_id}:y" in payloads(ask)
    async with db.transaction() as session:
        assert {m.status for m in await series_of(session, series_id)} == {MeetingStatus.PROPOSED}
    done = await setup.mentor.press(f"meet-series-off:{first_id}:y")
    assert texts.t("meeting-series-cancelled-you", "ru", count=4) in joined(done)
    async with db.transaction() as session:
        every = await series_of(session, series_id)
        assert {m.status for m in every} == {MeetingStatus.CANCELLED}
    assert "Ближайших встреч пока нет" in joined(await setup.mentee.send("/meetings"))
