"""Calendar files read back by `icalendar` and expanded by `recurring-ical-events` give the very
instants (UTC) the meetings were made with: single, weekly, fortnightly, moved and cancelled,
across a clock change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar, Event

from bot.core.calendar import CalendarEvent, MovedOccurrence, calendar_file

BERLIN = ZoneInfo("Europe/Berlin")  # clocks go back on Sun 25 Oct 2026, 03:00 → 02:00
HOUR = timedelta(hours=1)
FROM, TO = datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def read(data: bytes) -> Calendar:
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    return Calendar.from_ical(data)


def instants(calendar: Calendar) -> list[tuple[datetime, datetime]]:
    """Every occurrence as a calendar app would show it: (start, end) in UTC, in order."""
    found = recurring_ical_events.of(calendar).between(FROM, TO)
    return sorted((e["DTSTART"].dt.astimezone(UTC), e["DTEND"].dt.astimezone(UTC)) for e in found)


def vevents(calendar: Calendar) -> list[Event]:
    return [c for c in calendar.walk("VEVENT")]


def meeting(**changes: object) -> CalendarEvent:
    fields: dict[str, object] = {
        "uid": "meeting-7@nastavnik",
        "sequence": 0,
        "start": utc(2026, 12, 25, 15, 30),
        "duration": HOUR,
        "summary": "Встреча с наставником; план, цели",
        "description": "Повестка:\n1. Цели на месяц <важно>",
        "location": "Ауд. 305, корпус «Б»",
    }
    fields.update(changes)
    return CalendarEvent(**fields)  # type: ignore[arg-type]


def test_a_single_meeting_reads_back_at_its_instant_with_its_texts() -> None:
    calendar = read(calendar_file([meeting()], "Europe/Moscow"))
    assert str(calendar["VERSION"]) == "2.0"
    assert "Nastavnik" in str(calendar["PRODID"])
    assert str(calendar["METHOD"]) == "PUBLISH"
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Moscow"
    [event] = vevents(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/Moscow"
    assert event["DTSTART"].dt.strftime("%H:%M") == "18:30"  # the participant's wall time
    assert str(event["UID"]) == "meeting-7@nastavnik"
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Встреча с наставником; план, цели"
    assert str(event["DESCRIPTION"]) == "Повестка:\n1. Цели на месяц <важно>"
    assert str(event["LOCATION"]) == "Ауд. 305, корпус «Б»"
    assert "URL" not in event
    assert instants(calendar) == [(utc(2026, 12, 25, 15, 30), utc(2026, 12, 25, 16, 30))]


def test_the_alarm_goes_off_before_the_start_or_not_at_all() -> None:
    [alarm] = read(calendar_file([meeting()], "Europe/Moscow")).walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == -HOUR
    assert str(alarm["DESCRIPTION"]) == "Встреча с наставником; план, цели"
    quarter = read(calendar_file([meeting()], "Europe/Moscow", alarm_before=timedelta(minutes=15)))
    assert [a["TRIGGER"].dt for a in quarter.walk("VALARM")] == [-timedelta(minutes=15)]
    assert read(calendar_file([meeting()], "Europe/Moscow", alarm_before=None)).walk("VALARM") == []


def test_an_online_link_is_the_location_and_the_url() -> None:
    link = "https://meet.example.org/abc-def?pwd=1"
    [event] = vevents(read(calendar_file([meeting(location=link)], "Europe/Moscow")))
    assert str(event["LOCATION"]) == link
    assert str(event["URL"]) == link


def test_a_weekly_series_keeps_its_local_time_across_the_clock_change() -> None:
    start = datetime(2026, 10, 13, 18, 0, tzinfo=BERLIN)  # Tuesdays 18:00, CEST then CET
    series = meeting(start=start.astimezone(UTC), every_weeks=1, count=4)
    calendar = read(calendar_file([series], "Europe/Berlin"))
    [event] = vevents(calendar)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["COUNT"] == [4]
    starts = [start for start, _ in instants(calendar)]
    assert starts == [
        utc(2026, 10, 13, 16, 0),
        utc(2026, 10, 20, 16, 0),
        utc(2026, 10, 27, 17, 0),
        utc(2026, 11, 3, 17, 0),
    ]
    assert {s.astimezone(BERLIN).strftime("%a %H:%M") for s in starts} == {"Tue 18:00"}
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_a_fortnightly_series_with_one_cancelled_and_one_moved_occurrence() -> None:
    series = meeting(
        sequence=3,
        start=utc(2026, 9, 29, 16, 0),  # 18:00 CEST
        every_weeks=2,
        until=utc(2026, 12, 8, 17, 0),  # 18:00 CET, the last slot
        cancelled_starts=(utc(2026, 11, 10, 17, 0),),
        moved=(
            MovedOccurrence(
                original_start=utc(2026, 11, 24, 17, 0),
                start=utc(2026, 11, 26, 15, 0),
                duration=timedelta(minutes=90),
            ),
        ),
    )
    calendar = read(calendar_file([series], "Europe/Berlin"))
    master, moved = vevents(calendar)
    assert master["RRULE"]["INTERVAL"] == [2]
    assert master["RRULE"]["UNTIL"] == [utc(2026, 12, 8, 17, 0)]
    assert [d.dt for d in master["EXDATE"].dts] == [datetime(2026, 11, 10, 18, 0, tzinfo=BERLIN)]
    assert str(moved["UID"]) == str(master["UID"]) == "meeting-7@nastavnik"
    assert int(moved["SEQUENCE"]) == int(master["SEQUENCE"]) == 3
    assert moved["RECURRENCE-ID"].dt.astimezone(UTC) == utc(2026, 11, 24, 17, 0)
    assert instants(calendar) == [
        (utc(2026, 9, 29, 16, 0), utc(2026, 9, 29, 17, 0)),
        (utc(2026, 10, 13, 16, 0), utc(2026, 10, 13, 17, 0)),
        (utc(2026, 10, 27, 17, 0), utc(2026, 10, 27, 18, 0)),
        (utc(2026, 11, 26, 15, 0), utc(2026, 11, 26, 16, 30)),
        (utc(2026, 12, 8, 17, 0), utc(2026, 12, 8, 18, 0)),
    ]


def test_a_change_keeps_the_uid_and_raises_the_sequence() -> None:
    first = vevents(read(calendar_file([meeting()], "Europe/Moscow")))[0]
    moved = meeting(sequence=1, start=utc(2026, 12, 26, 9, 0))
    calendar = read(calendar_file([moved], "Europe/Moscow"))
    [second] = vevents(calendar)
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    assert instants(calendar) == [(utc(2026, 12, 26, 9, 0), utc(2026, 12, 26, 10, 0))]


def test_a_cancelled_meeting_goes_out_as_method_cancel() -> None:
    calendar = read(
        calendar_file([meeting(sequence=2, cancelled=True)], "Europe/Moscow", method="CANCEL")
    )
    assert str(calendar["METHOD"]) == "CANCEL"
    [event] = vevents(calendar)
    assert str(event["UID"]) == "meeting-7@nastavnik"
    assert int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"
    assert calendar.walk("VALARM") == []  # nothing to remind of
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_the_whole_schedule_is_one_file_with_one_timezone() -> None:
    other = meeting(uid="meeting-8@nastavnik", start=utc(2027, 1, 12, 6, 0), every_weeks=1, count=2)
    calendar = read(calendar_file([meeting(), other], "Asia/Novosibirsk"))
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Novosibirsk"]
    assert {str(e["UID"]) for e in vevents(calendar)} == {
        "meeting-7@nastavnik",
        "meeting-8@nastavnik",
    }
    assert [start for start, _ in instants(calendar)] == [
        utc(2026, 12, 25, 15, 30),
        utc(2027, 1, 12, 6, 0),
        utc(2027, 1, 19, 6, 0),
    ]


@pytest.mark.parametrize(
    ("event", "method"),
    [
        (meeting(start=datetime(2026, 12, 25, 18, 30)), "PUBLISH"),  # naive: which zone?
        (meeting(every_weeks=1, count=3, until=utc(2027, 1, 1, 0, 0)), "PUBLISH"),
        (meeting(count=3), "PUBLISH"),
        (meeting(cancelled_starts=(utc(2026, 12, 25, 15, 30),)), "PUBLISH"),
        (
            meeting(
                moved=(MovedOccurrence(utc(2026, 12, 25, 15, 30), utc(2026, 12, 26, 15, 30), HOUR),)
            ),
            "PUBLISH",
        ),
        (meeting(), "SEND"),
    ],
)
def test_what_no_calendar_could_read_is_refused(event: CalendarEvent, method: str) -> None:
    with pytest.raises(ValueError):
        calendar_file([event], "Europe/Moscow", method=method)
