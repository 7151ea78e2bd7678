"""The calendar files of meetings, built from the database: one UID for a meeting's whole life,
SEQUENCE raised by every change, METHOD:CANCEL once it is off, the recipient's own zone."""

from __future__ import annotations

from datetime import timedelta

import icalendar

from bot.core.models import Notification, Person
from bot.core.services import meetings
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
