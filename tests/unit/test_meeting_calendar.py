"""The calendar files of meetings, built from the database: one UID for a meeting's whole life,
SEQUENCE raised by every change, METHOD:CANCEL once it is off, the recipient's own zone."""

from __future__ import annotations

from datetime import timedelta

import icalendar

from bot.core.models import Notification, Person
from bot.core.services import erasure, meetings
from bot.core.services.meetings import Details
from bot.db import Database
from handlers import notifications
from handlers.meeting_calendar import meeting_file
from tests.unit.test_meetings import NOW, START, make_programme, people_of


def read(content: bytes) -> tuple[icalendar.Calendar, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


async def test_a_move_raises_the_sequence_and_a_cancel_sends_method_cancel(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session, zone="Asia/Novosibirsk")
        mentor, mentee = await people_of(session, programme)
        meeting = await meetings.propose(
            session, programme, mentor, Details(START, place="https://meet.example/x"), NOW
        )
        await meetings.confirm(session, meeting, mentee, NOW)
        person = await session.get(Person, mentee.id)
        assert person is not None
        calendar, first = read((await meeting_file(session, meeting, person)).content)
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert first["DTSTART"].dt.tzinfo is not None
        assert str(first["DTSTART"].params["TZID"]) == "Asia/Novosibirsk"
        assert first["DTSTART"].dt == START and str(first["LOCATION"]) == "https://meet.example/x"

        await meetings.reschedule(session, meeting, mentor, START + timedelta(days=1), NOW)
        _, moved = read((await meeting_file(session, meeting, person)).content)
        assert moved["UID"] == first["UID"] and moved["SEQUENCE"] > first["SEQUENCE"]
        assert moved["DTSTART"].dt == START + timedelta(days=1)

        await meetings.cancel(session, meeting, mentor, NOW)
        calendar, off = read((await meeting_file(session, meeting, person)).content)
        assert str(calendar["METHOD"]) == "CANCEL" and str(off["STATUS"]) == "CANCELLED"
        assert off["UID"] == first["UID"] and off["SEQUENCE"] > moved["SEQUENCE"]


async def test_only_a_confirmed_meeting_comes_with_a_calendar_file(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session)
        mentor, mentee = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        await meetings.reschedule(session, meeting, mentor, START + timedelta(hours=2), NOW)
        notice = Notification(
            template="meeting-moved",
            params={"meeting_id": meeting.id, "by_id": mentor.id},
        )
        replies = await notifications.render(session, notice, mentee)
        assert replies is not None and [r.file for r in replies] == [None]  # not confirmed yet
        await meetings.confirm(session, meeting, mentee, NOW)
        replies = await notifications.render(session, notice, mentee)
        assert replies is not None and replies[-1].file is not None


def parties(event: icalendar.Event) -> tuple[tuple[str, str], list[tuple[str, str]]]:
    """The ORGANIZER's (URI, CN) and every ATTENDEE's (CN, PARTSTAT), as an iTIP client reads."""
    organizer = event["ORGANIZER"]
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    return (str(organizer), str(organizer.params["CN"])), [
        (str(a.params["CN"]), str(a.params["PARTSTAT"])) for a in attendees
    ]


async def test_the_file_names_the_organizer_and_each_attendee_with_their_answer(
    db: Database,
) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session, names=("Иван", "Петя", "Оля"))
        mentor, petya, olya = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        await meetings.confirm(session, meeting, petya, NOW)
        calendar, event = read((await meeting_file(session, meeting, petya)).content)
        (uri, name), attendees = parties(event)
        assert name == "Иван" and uri.startswith("urn:uuid:")  # no e-mail is known: a stable URN
        assert attendees == [("Иван", "ACCEPTED"), ("Петя", "ACCEPTED"), ("Оля", "NEEDS-ACTION")]
        _, again = read((await meeting_file(session, meeting, olya)).content)
        assert str(again["ORGANIZER"]) == uri  # the same person, the same address, in every file

        await meetings.decline(session, meeting, olya, NOW)
        _, event = read((await meeting_file(session, meeting, petya)).content)
        assert parties(event)[1][2] == ("Оля", "DECLINED")

        await meetings.cancel(session, meeting, mentor, NOW)
        calendar, off = read((await meeting_file(session, meeting, petya)).content)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert parties(off) == parties(event)  # iTIP: a CANCEL names the organizer and attendees


async def test_a_person_who_used_forget_is_not_named_in_the_file(db: Database) -> None:
    async with db.transaction() as session:
        programme = await make_programme(session, names=("Иван", "Петя", "Оля"))
        mentor, petya, olya = await people_of(session, programme)
        meeting = await meetings.propose(session, programme, mentor, Details(START), NOW)
        await meetings.confirm(session, meeting, petya, NOW)
        await erasure.forget(session, olya, NOW)
        content = (await meeting_file(session, meeting, petya)).content
        assert "Оля".encode() not in content and "Оля" not in content.decode()
        _, event = read(content)
        (_, name), attendees = parties(event)
        assert name == "Иван" and [cn for cn, _ in attendees][:2] == ["Иван", "Петя"]
