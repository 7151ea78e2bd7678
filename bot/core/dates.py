"""Reading a calendar date as people type it, and showing one back, in Russian and English.

Used for plan milestones and meetings. `today` is always the person's local date: the caller
converts from UTC with their time zone. Day and month order is always day first (`05.01` is the
5th of January), as Russian speakers write it; only a four-digit year may come first (ISO).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.core.refusal import Refusal

MAX_INPUT_CHARS = 64
# How many years ahead a date without a year may land (29.02 can be up to eight years away).
_YEAR_SEARCH = 9
# A day and month without a year that fell this recently mean that past date (a slip, answered
# "it has passed"), not the same day next year.
RECENT_PAST = timedelta(days=14)

RU_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
RU_MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
RU_WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _table(*groups: tuple[str, ...]) -> dict[str, int]:
    """Words to their 1-based position; every group lists the same twelve or seven things."""
    return {word.lower(): index for group in groups for index, word in enumerate(group, 1)}


_RU_MONTH_WORDS = _table(
    RU_MONTHS_GENITIVE,
    RU_MONTHS_NOMINATIVE,
    ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    ("янв", "февр", "март", "апр", "мая", "июня", "июля", "авг", "сент", "окт", "нояб", "дек"),
)
_EN_MONTH_WORDS = _table(
    EN_MONTHS,
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    ("jan", "feb", "mar", "apr", "may", "june", "july", "aug", "sept", "oct", "nov", "dec"),
)
# Weekday words (nominative and the accusative of «в пятницу») to 0 = Monday ... 6 = Sunday.
_WEEKDAY_WORDS = {
    word: index - 1
    for word, index in _table(
        RU_WEEKDAYS,
        ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"),
        ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
        EN_WEEKDAYS,
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        ("mon", "tues", "wed", "thur", "fri", "sat", "sun"),
        ("mon", "tue", "wed", "thurs", "fri", "sat", "sun"),
    ).items()
}
_DAYS_FROM_TODAY = {
    "позавчера": -2,
    "вчера": -1,
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
    "day before yesterday": -2,
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "day after tomorrow": 2,
    "the day after tomorrow": 2,
}
_COUNT_WORDS = {
    "один": 1,
    "одну": 1,
    "пару": 2,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "a": 1,
    "an": 1,
    "one": 1,
    "a couple of": 2,
    "couple of": 2,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# A unit word to (days, months) per one of it.
_UNITS: dict[str, tuple[int, int]] = {
    **dict.fromkeys(("день", "дня", "дней", "дн", "day", "days"), (1, 0)),
    **dict.fromkeys(("неделю", "неделя", "недели", "недель", "нед", "week", "weeks"), (7, 0)),
    **dict.fromkeys(("месяц", "месяца", "месяцев", "мес", "month", "months"), (0, 1)),
    **dict.fromkeys(("год", "года", "лет", "year", "years"), (0, 12)),
    "полгода": (0, 6),
}

_STRIP = " \t\r\n.,;:!?()[]{}<>\"'«»„“”‘’—–-"
_RU_RELATIVE = re.compile(r"через(?: (?P<count>\d{1,4}|[а-я]+))? (?P<unit>[а-я]+)")
_EN_RELATIVE = re.compile(r"in (?P<count>\d{1,4}|(?:a )?couple of|[a-z]+) (?P<unit>[a-z]+)")
_WEEKDAY = re.compile(
    r"(?:(?:в|во|на|on|by) )?(?:(?:следующий|следующую|следующее|следующая|next) )?"
    r"(?P<weekday>[a-zа-я]+)"
)
_DEADLINE_PREFIX = re.compile(r"^(?:на|к|on|by) ")
_ISO = re.compile(r"(?P<year>\d{4})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_NUMERIC = re.compile(
    r"(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?:(?P=sep)(?P<year>\d{4}|\d{2}))?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,? ?(?P<year>\d{4})(?: ?(?:г|года?))?)?"
_DAY_MONTH = re.compile(
    rf"(?:the )?(?P<day>\d{{1,2}}){_ORDINAL} ?(?:of )?(?P<month>[a-zа-я]+)\.?{_YEAR}"
)
_MONTH_DAY = re.compile(rf"(?P<month>[a-z]+)\.? (?:the )?(?P<day>\d{{1,2}}){_ORDINAL}{_YEAR}")


_TERM = re.compile(r"(?P<count>\d{1,4}) ?(?P<unit>[a-zа-я]*)")


def parse_term(text: str) -> tuple[int, str] | None:
    """A length such as «21 день», «3 недели», «1 год» or a bare number of months, as
    (count, unit) with the unit `days`, `weeks` or `months`; None if it is not one."""
    match = _TERM.fullmatch(" ".join(text.lower().replace("ё", "е").strip(_STRIP).split()))
    if match is None or (match["unit"] and match["unit"] not in _UNITS):
        return None
    count = int(match["count"])
    days, months = _UNITS[match["unit"]] if match["unit"] else (0, 1)
    if days:
        return (count, "weeks") if days == 7 else (count, "days")
    return count * months, "months"


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, the day clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    year, month_index = divmod(d.year * 12 + d.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    month = month_index + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def normalize(text: str) -> str:
    """Lowercase, «ё» as «е», single spaces, no punctuation at either end."""
    return " ".join(text.lower().replace("ё", "е").split()).strip(_STRIP)


class NoSuchDate(Refusal):
    """A day the month does not have (31.02, 31 April, 29.02.2027): answered as such."""

    def __init__(self) -> None:
        super().__init__("date-no-such")


def _checked(year: int, month: int, day: int) -> date | None:
    """The date; None for numbers no date has; `NoSuchDate` for a day its month lacks."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        raise NoSuchDate from None


def _upcoming(day: int, month: int, today: date) -> date | None:
    """The first `day.month` from two weeks ago on: a recent one (passed, for the caller to
    refuse), this year's or a later year's."""
    _checked(2000, month, day)  # a leap year: 31.02 is no date in any year
    for year in range(max(today.year - 1, 1), min(today.year + _YEAR_SEARCH, 9999) + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29.02 outside a leap year
            continue
        if candidate >= today - RECENT_PAST:
            return candidate
    return None


def _make(year: str | None, month: int, day: int, today: date) -> date | None:
    if year is None:
        return _upcoming(day, month, today)
    number = int(year)
    if len(year) == 2:
        number += 2000
    if number < 1:
        return None
    return _checked(number, month, day)


def count_of(text: str) -> int | None:
    """A count typed as digits («3») or a word («три», «пару», «a couple of»); None otherwise."""
    if text.isdigit():
        return int(text)
    return _COUNT_WORDS.get(text)


def _relative(text: str, today: date) -> date | None:
    if text in _DAYS_FROM_TODAY:
        return today + timedelta(days=_DAYS_FROM_TODAY[text])
    match = _RU_RELATIVE.fullmatch(text) or _EN_RELATIVE.fullmatch(text)
    if match is None or match["unit"] not in _UNITS:
        return None
    count_text: str | None = match["count"]
    if count_text is None:
        count: int | None = 1  # «через неделю», «через полгода»
    elif match["unit"] == "полгода":
        return None
    else:
        count = count_of(count_text)
    if count is None:
        return None
    days, months = _UNITS[match["unit"]]
    try:
        return add_months(today, count * months) + timedelta(days=count * days)
    except (ValueError, OverflowError):  # beyond year 9999
        return None


def _weekday(text: str, today: date) -> date | None:
    match = _WEEKDAY.fullmatch(text)
    if match is None or match["weekday"] not in _WEEKDAY_WORDS:
        return None
    ahead = (_WEEKDAY_WORDS[match["weekday"]] - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead)


def _numeric(text: str, today: date) -> date | None:
    match = _ISO.fullmatch(text)
    if match is not None:
        return _make(match["year"], int(match["month"]), int(match["day"]), today)
    match = _NUMERIC.fullmatch(text)
    if match is not None:
        return _make(match["year"], int(match["month"]), int(match["day"]), today)
    return None


def _textual(text: str, today: date) -> date | None:
    match = _DAY_MONTH.fullmatch(text)
    if match is not None:
        month = _RU_MONTH_WORDS.get(match["month"]) or _EN_MONTH_WORDS.get(match["month"])
    else:
        match = _MONTH_DAY.fullmatch(text)
        if match is None:
            return None
        month = _EN_MONTH_WORDS.get(match["month"])
    if month is None:
        return None
    return _make(match["year"], month, int(match["day"]), today)


def parse_date(text: str, today: date) -> date | None:
    """The date the person typed, relative to their local `today`, or None if not understood.

    A day and month without a year mean the next such date (today counts) unless it fell within
    `RECENT_PAST`; such a date, «вчера» and a full date in the past are returned as they are, for
    the caller to refuse. Raises `NoSuchDate` for a day its month does not have.
    """
    cleaned = normalize(text)
    if not cleaned or len(cleaned) > MAX_INPUT_CHARS:
        return None
    for reader in (_relative, _weekday, _numeric, _textual):
        found = reader(cleaned, today)
        if found is not None:
            return found
    bare = _DEADLINE_PREFIX.sub("", cleaned, count=1)  # «на завтра», «к 25 декабря», «by dec 25»
    if bare != cleaned:
        for reader in (_relative, _numeric, _textual):
            found = reader(bare, today)
            if found is not None:
                return found
    return None


def _check_locale(locale: str) -> None:
    if locale not in ("ru", "en"):
        raise ValueError(f"unsupported locale: {locale!r}")


def format_date(d: date, locale: str) -> str:
    """A date as people read it: «25 декабря 2026» (ru) or «25 December 2026» (en)."""
    _check_locale(locale)
    months = RU_MONTHS_GENITIVE if locale == "ru" else EN_MONTHS
    return f"{d.day} {months[d.month - 1]} {d.year}"


def weekday_name(d: date, locale: str) -> str:
    """The day of the week: «пятница» (ru, lowercase) or «Friday» (en)."""
    _check_locale(locale)
    names = RU_WEEKDAYS if locale == "ru" else EN_WEEKDAYS
    return names[d.weekday()]
