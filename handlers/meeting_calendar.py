"""Calendar files of meetings, built from the database when they are sent (so always current):
one event for a one-off meeting, one RRULE event for a series with EXDATE for its cancelled
occurrences and RECURRENCE-ID overrides for its moved ones; each in the recipient's own zone."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

from markupsafe import escape
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.calendar import (
    CalendarEvent,
    MovedOccurrence,
    Party,
    calendar_file,
    cancel_occurrences_file,
)
from bot.core.conversation import File
from bot.core.models import Meeting, MeetingAnswer, MeetingSeries, MeetingStatus, Person
from bot.core.services import meetings
from handlers.notifications import shown_name

OFF = (MeetingStatus.CANCELLED,)
PARTSTAT: dict[str, str] = {
    MeetingAnswer.PENDING: "NEEDS-ACTION",
    MeetingAnswer.CONFIRMED: "ACCEPTED",
    MeetingAnswer.DECLINED: "DECLINED",
}
PEOPLE = uuid.UUID("6f1c1f0e-8d3b-5c57-9a57-4e2b7c1d9a10")  # the namespace of people's URNs


def person_uri(person_id: int) -> str:
    """A person's calendar address: a URN of their own, the same in every file, no mailbox."""
    return uuid.uuid5(PEOPLE, str(person_id)).urn


async def _people(
    session: AsyncSession, meeting: Meeting, person: Person
) -> tuple[str, Party | None, tuple[Party, ...]]:
    """The summary naming everyone, the organizer (who proposed, else the mentor, invited
    first) and the attendees with their answers; a person who withdrew consent is not named."""
    invited = await meetings.participants(session, meeting.id)
    locale = person.locale
    attendees = tuple(
        Party(person_uri(p.id), texts.plain(escape(shown_name(p, locale))), PARTSTAT[m.answer])
        for m, p in invited
    )
    ids = [p.id for _, p in invited]
    lead = ids.index(meeting.proposed_by) if meeting.proposed_by in ids else 0
    organizer = Party(attendees[lead].uri, attendees[lead].name) if attendees else None
    names = " · ".join(a.name for a in attendees)
    summary = texts.plain(texts.t("meeting-ics-summary", person.locale, names=names))
    return summary, organizer, attendees


async def event_of(session: AsyncSession, meeting: Meeting, person: Person) -> CalendarEvent:
    """The calendar event of a meeting, or of the whole series it belongs to."""
    summary, organizer, attendees = await _people(session, meeting, person)
    event = CalendarEvent(
        uid=f"meeting-{meeting.id}@nastavnik",
        sequence=meeting.sequence,
        start=meeting.start,
        duration=timedelta(minutes=meeting.minutes),
        summary=summary,
        description=meeting.agenda or "",
        location=meeting.place or "",
        cancelled=meeting.status in OFF,
        organizer=organizer,
        attendees=attendees,
    )
    if meeting.series_id is None:
        return event
    series = await session.get(MeetingSeries, meeting.series_id)
    assert series is not None
    every = await meetings.occurrences(session, series.id)
    return dataclasses.replace(
        event,
        uid=f"meeting-series-{series.id}@nastavnik",
        sequence=series.sequence,
        start=every[0].slot,
        duration=timedelta(minutes=every[0].minutes),
        every_weeks=series.every_weeks,
        count=len(every),
        cancelled=all(m.status in OFF for m in every),
        cancelled_starts=tuple(m.slot for m in every if m.status in OFF),
        moved=tuple(
            MovedOccurrence(m.slot, m.start, timedelta(minutes=m.minutes))
            for m in every
            if m.status not in OFF and m.start != m.slot
        ),
    )


async def meeting_file(
    session: AsyncSession, meeting: Meeting, person: Person, series_off: bool = False
) -> File:
    """The .ics of one meeting (its series) for this person; METHOD:CANCEL once it is off.
    `series_off`: the series was called off while some of it took place — a CANCEL of just
    its occurrences that are off, so the calendar keeps the rest."""
    event = await event_of(session, meeting, person)
    name = f"meeting-{meeting.series_id or meeting.id}.ics"
    if series_off and not event.cancelled and meeting.series_id is not None:
        every = await meetings.occurrences(session, meeting.series_id)
        off = [
            MovedOccurrence(m.slot, m.start, timedelta(minutes=m.minutes))
            for m in every
            if m.status in OFF
        ]
        return File(name, cancel_occurrences_file(event, off, person.timezone), "text/calendar")
    method = "CANCEL" if event.cancelled else "PUBLISH"
    content = calendar_file([event], person.timezone, method=method)
    return File(name, content, "text/calendar")


async def schedule_file(session: AsyncSession, person: Person, items: list[Meeting]) -> File:
    """One .ics of all these meetings (a series once)."""
    events: dict[str, CalendarEvent] = {}
    for meeting in items:
        event = await event_of(session, meeting, person)
        events.setdefault(event.uid, event)
    content = calendar_file(list(events.values()), person.timezone)
    return File("meetings.ics", content, "text/calendar")
