"""Reading a meeting's date and time as people type it, and showing one back in their zone.

The date part («завтра», «в пятницу», «25.12», «Dec 25») is read by `bot.core.dates`; this module
adds the time of day («18:30», «в 9», «3pm», «6 вечера», «15ч»), spans from now («через 2 часа»,
«in 30 minutes») and the checks a moment needs: a real time, in the future, neither skipped nor
doubled by a daylight-saving change in the person's zone. A local time the clocks pass twice is
refused, not guessed: both readings print the same, so the person could not see a wrong guess.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.core import dates
from bot.core.refusal import Refusal

MAX_INPUT_CHARS = 80

_TIME = re.compile(
    r"(?:(?P<prefix>в|во|at|@) ?)?(?P<hour>\d{1,2})(?:(?P<sep>[:.\-hч])(?P<minute>\d{2}))?"
    r" ?(?P<suffix>[ap]\.?m|ч|час|часа|часов|утра|дня|вечера|ночи)?"
)
# A time of day said with a part of the day: the hours it allows, and the clock hour of each.
_DAYPARTS: dict[str, dict[int, int]] = {
    "am": {hour: hour % 12 for hour in range(1, 13)},
    "pm": {hour: hour % 12 + 12 for hour in range(1, 13)},
    "утра": {hour: hour for hour in range(1, 12)},
    "дня": {12: 12} | {hour: hour + 12 for hour in range(1, 7)},
    "вечера": {hour: hour + 12 for hour in range(5, 12)},
    "ночи": {12: 0} | {hour: hour for hour in range(1, 5)} | {h: h + 12 for h in range(9, 12)},
}
_SPAN = re.compile(
    r"(?:через|in) (?:(?P<count>\d{1,4}|(?:a )?couple of|[a-zа-я]+) )?"
    r"(?P<unit>half an hour|[a-zа-я]+)"
)
_SPAN_UNITS: dict[str, timedelta] = {
    **dict.fromkeys(
        ("час", "часа", "часов", "ч", "hour", "hours", "hr", "hrs"), timedelta(hours=1)
    ),
    **dict.fromkeys(
        ("минуту", "минуты", "минут", "мин", "minute", "minutes", "min", "mins"),
        timedelta(minutes=1),
    ),
}
_HALF_HOUR_WORDS = ("полчаса", "half an hour")
_ISO_T = re.compile(r"(?<=\d)t(?=\d)")  # 2026-12-25T18:30


def _not_understood() -> Refusal:
    return Refusal("when-not-understood")


def _span(text: str) -> timedelta | None:
    """«через 2 часа», «через полчаса», «in an hour»: how far from now; None if not a span."""
    match = _SPAN.fullmatch(text)
    if match is None:
        return None
    count_text, unit = match["count"], match["unit"]
    if unit in _HALF_HOUR_WORDS:
        return timedelta(minutes=30) if count_text is None else None
    count = 1 if count_text is None else dates.count_of(count_text)
    if count is None or unit not in _SPAN_UNITS:
        return None
    return count * _SPAN_UNITS[unit]


def _clock(match: re.Match[str]) -> time:
    """The time of day a `_TIME` match names; a refusal for a time no clock shows (25:00)."""
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    suffix = (match["suffix"] or "").replace(".", "")
    if suffix in _DAYPARTS:
        if hour not in _DAYPARTS[suffix]:
            raise Refusal("when-no-such-time")
        hour = _DAYPARTS[suffix][hour]
    if hour > 23 or minute > 59:
        raise Refusal("when-no-such-time")
    return time(hour, minute)


def _time_of_day(text: str, *, after_a_date: bool) -> re.Match[str] | None:
    """A time of day: with minutes, a suffix or a preposition («18:30», «3pm», «в 9»); a bare
    number («15») only next to a date, since alone it could be a day."""
    match = _TIME.fullmatch(text.rstrip(","))
    if match is None:
        return None
    if not (after_a_date or match["sep"] or match["suffix"] or match["prefix"]):
        return None
    return match


def _splits(text: str) -> list[tuple[str, str]]:
    """Every way to read the text as (date, time of day): the time at the end, then first."""
    words = text.split(" ")
    at_end = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(len(words))]
    first = [(" ".join(words[k:]), " ".join(words[:k])) for k in range(1, len(words))]
    return at_end + first


def _day_and_clock(text: str, today: date) -> tuple[date | None, time]:
    """The date (None when only a time was typed) and the time of day."""
    if dates.parse_date(text, today) is not None:
        raise Refusal("when-no-time", typed=text)
    for day_text, clock_text in _splits(text):
        match = _time_of_day(clock_text, after_a_date=bool(day_text))
        if match is None:
            continue
        if not day_text:
            return None, _clock(match)
        day = dates.parse_date(day_text, today)
        if day is not None:
            return day, _clock(match)
    raise _not_understood()


def _instant(day: date, clock: time, tz: ZoneInfo, locale: str) -> datetime:
    """The UTC instant of a local wall time; refused if the zone skips it or passes it twice."""
    wall = datetime.combine(day, clock)
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        try:
            return first.astimezone(UTC)
        except OverflowError:  # 31.12.9999 west of Greenwich
            raise _not_understood() from None
    params = {
        "date": str(format_datetime(first, "EEE, d MMMM", locale=locale)),
        "time": clock.strftime("%H:%M"),
    }
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall:
        raise Refusal("when-dst-gap", **params)
    raise Refusal("when-dst-fold", **params)


def parse_when(text: str, now: datetime, tz: ZoneInfo, locale: str) -> datetime:
    """The moment the person typed, read in their zone `tz` relative to `now`, as aware UTC.

    A time alone means its next occurrence (today, or tomorrow if it has passed). Raises
    `Refusal` with a key `when-*` (or `date-no-such`) for what is not a future moment; texts
    in its parameters are in `locale`.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    cleaned = _ISO_T.sub(" ", dates.normalize(text))
    if not cleaned or len(cleaned) > MAX_INPUT_CHARS:
        raise _not_understood()
    span = _span(cleaned)
    if span is not None:
        moment = now.astimezone(UTC).replace(second=0, microsecond=0) + span
    else:
        local_now = now.astimezone(tz)
        day, clock = _day_and_clock(cleaned, local_now.date())
        if day is None:
            passed = datetime.combine(local_now.date(), clock) <= local_now.replace(tzinfo=None)
            day = local_now.date() + timedelta(days=int(passed))
        moment = _instant(day, clock, tz, locale)
    if moment <= now:
        raise Refusal("when-past", now=format_when(now, tz, locale))
    return moment


def format_when(dt_utc: datetime, tz: ZoneInfo, locale: str) -> str:
    """A moment in the person's zone with the weekday: «пт, 25 декабря, 18:30» (ru) or
    «Fri, 25 December, 18:30» (en); month names as in `dates.format_date`."""
    return str(format_datetime(dt_utc, "EEE, d MMMM, HH:mm", tzinfo=tz, locale=locale))
