"""Calendar files (.ics, RFC 5545) for meetings: single ones, weekly series, changes, cancellations.

Times are written in the participant's zone with a `VTIMEZONE` for it, so a series keeps its
local wall time across a clock change. A calendar app that imported a file updates the meeting
from a later one with the same `UID` and a higher `SEQUENCE`; a cancelled meeting goes out in a
`METHOD:CANCEL` file. Texts are plain: the file is not HTML.

Every VEVENT names its ORGANIZER and ATTENDEEs, as iTIP (RFC 5546) wants of a REQUEST or a
CANCEL. No e-mail address is known, so a person's address is a URI of their own that is not a
mailbox (RFC 5545 allows any URI for a CAL-ADDRESS), stable across files: see `Party`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache, partial
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vRecur

PRODID = "-//Nastavnik//Meetings//RU"
METHODS = ("PUBLISH", "REQUEST", "CANCEL")


PARTSTATS = ("NEEDS-ACTION", "ACCEPTED", "DECLINED")


@dataclass(frozen=True)
class Party:
    """A person in the file: `uri` (e.g. `urn:uuid:…`), the name shown (CN) and, for an
    attendee, their answer (PARTSTAT)."""

    uri: str
    name: str
    partstat: str = "NEEDS-ACTION"

    def address(self, attendee: bool) -> vCalAddress:
        """The ORGANIZER or ATTENDEE value with its parameters."""
        if self.partstat not in PARTSTATS:
            raise ValueError(f"unknown PARTSTAT {self.partstat!r}")
        address = vCalAddress(self.uri)
        address.params["cn"] = self.name
        if attendee:
            address.params["cutype"] = "INDIVIDUAL"
            address.params["role"] = "REQ-PARTICIPANT"
            address.params["partstat"] = self.partstat
        return address


@dataclass(frozen=True)
class MovedOccurrence:
    """One occurrence of a series moved elsewhere (all times UTC)."""

    original_start: datetime  # the series slot it replaces (RECURRENCE-ID)
    start: datetime
    duration: timedelta


@dataclass(frozen=True)
class CalendarEvent:
    """A meeting or a weekly series of them, as a calendar app should show it (times UTC)."""

    uid: str  # stable, e.g. f"meeting-{id}@nastavnik"
    sequence: int  # raised on every change
    start: datetime
    duration: timedelta
    summary: str
    description: str = ""
    location: str = ""  # place, or the online link
    cancelled: bool = False  # STATUS:CANCELLED
    every_weeks: int | None = None  # a series: RRULE FREQ=WEEKLY;INTERVAL=n
    count: int | None = None  # ... with COUNT, or
    until: datetime | None = None  # ... UNTIL (UTC)
    cancelled_starts: tuple[datetime, ...] = ()  # EXDATE (UTC series slots)
    moved: tuple[MovedOccurrence, ...] = ()  # extra VEVENTs with the same UID + RECURRENCE-ID
    organizer: Party | None = None
    attendees: tuple[Party, ...] = ()


@lru_cache(maxsize=64)
def _vtimezone(tz: str) -> Timezone:
    """The zone's VTIMEZONE (slow to build, so kept; it is never changed once built)."""
    return Timezone.from_tzid(tz)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"a calendar time must be aware: {moment!r}")
    return moment.astimezone(UTC)


def _rrule(event: CalendarEvent) -> vRecur | None:
    if event.every_weeks is None:
        if event.count is not None or event.until is not None or event.cancelled_starts:
            raise ValueError(f"{event.uid}: COUNT, UNTIL and EXDATE need a series")
        return None
    if event.count is not None and event.until is not None:
        raise ValueError(f"{event.uid}: a series ends by COUNT or by UNTIL, not both")
    rule = vRecur(freq="WEEKLY", interval=event.every_weeks)
    if event.count is not None:
        rule["count"] = event.count
    if event.until is not None:
        rule["until"] = _utc(event.until)
    return rule


def _vevent(
    event: CalendarEvent,
    start: datetime,
    duration: timedelta,
    zone: ZoneInfo,
    *,
    cancelled: bool,
    stamp: datetime,
    alarm_before: timedelta | None,
) -> Event:
    """One VEVENT: what a master and a moved occurrence have in common."""
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _utc(start).astimezone(zone))
    vevent.add("dtend", (_utc(start) + duration).astimezone(zone))
    vevent.add("summary", event.summary)
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
        if event.location.startswith(("https://", "http://")):
            vevent.add("url", event.location)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if event.organizer is not None:
        vevent.add("organizer", event.organizer.address(attendee=False))
    for party in event.attendees:
        vevent.add("attendee", party.address(attendee=True))
    if alarm_before is not None and not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.summary)
        alarm.add("trigger", -alarm_before)
        vevent.add_component(alarm)
    return vevent


def _calendar(tz: str, method: str) -> tuple[Calendar, ZoneInfo, datetime]:
    """An empty calendar in zone `tz` with its METHOD, the zone and the DTSTAMP to write."""
    if method not in METHODS:
        raise ValueError(f"unknown METHOD {method!r}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(_vtimezone(tz))
    return calendar, ZoneInfo(tz), datetime.now(UTC).replace(microsecond=0)


def calendar_file(
    events: Sequence[CalendarEvent],
    tz: str,
    *,
    method: str = "PUBLISH",
    alarm_before: timedelta | None = timedelta(hours=1),
) -> bytes:
    """The .ics file of `events`, in the participant's zone `tz` (an IANA name).

    With `method="CANCEL"` every event is written as cancelled. A series' moved occurrences
    follow it as VEVENTs with its UID and a RECURRENCE-ID; its cancelled slots are EXDATEs.
    """
    calendar, zone, stamp = _calendar(tz, method)
    for event in events:
        write = partial(
            _vevent,
            event,
            zone=zone,
            cancelled=event.cancelled or method == "CANCEL",
            stamp=stamp,
            alarm_before=alarm_before,
        )
        master = write(event.start, event.duration)
        rule = _rrule(event)
        if rule is not None:
            master.add("rrule", rule)
        for slot in event.cancelled_starts:
            master.add("exdate", _utc(slot).astimezone(zone))
        calendar.add_component(master)
        for moved in event.moved:
            if rule is None:
                raise ValueError(f"{event.uid}: only an occurrence of a series can be moved")
            occurrence = write(moved.start, moved.duration)
            occurrence.add("recurrence-id", _utc(moved.original_start).astimezone(zone))
            calendar.add_component(occurrence)
    return bytes(calendar.to_ical())


def cancel_occurrences_file(
    event: CalendarEvent, occurrences: Sequence[MovedOccurrence], tz: str
) -> bytes:
    """METHOD:CANCEL of some occurrences of the series `event`, each a VEVENT with the series'
    UID and its RECURRENCE-ID (RFC 5546, 3.2.5): a calendar drops just those and keeps the rest,
    what took place included (a CANCEL of the series itself would drop it all)."""
    if event.every_weeks is None or not occurrences:
        raise ValueError(f"{event.uid}: only occurrences of a series can be cancelled one by one")
    calendar, zone, stamp = _calendar(tz, "CANCEL")
    for item in occurrences:
        vevent = _vevent(
            event, item.start, item.duration, zone, cancelled=True, stamp=stamp, alarm_before=None
        )
        vevent.add("recurrence-id", _utc(item.original_start).astimezone(zone))
        calendar.add_component(vevent)
    return bytes(calendar.to_ical())
