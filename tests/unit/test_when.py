"""Reading a meeting's date and time as people type them, in their zone, and showing it back.

`CASES` is the table the parser must pass (`bench/when_parser.py` measures a library on it too):
Russian and English, relative and absolute, with and without a time, in Moscow (no DST) and in
Berlin and New York across their clock changes, each with a fixed `now`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core import dates, texts
from bot.core.refusal import Refusal
from bot.core.when import format_when, parse_when

MOSCOW = ZoneInfo("Europe/Moscow")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# The person's zone and their `now`: a Tuesday in Moscow (UTC+3 all year); a Thursday in Berlin
# three days before the clocks go back (Sun 25 Oct 2026, 03:00 CEST → 02:00 CET; forward again
# on Sun 28 Mar 2027); the night of that change in Berlin; a Friday in New York two days before
# its change (Sun 1 Nov 2026, 02:00 EDT → 01:00 EST; forward on Sun 14 Mar 2027).
NOWS: dict[str, datetime] = {
    "msk": datetime(2026, 11, 24, 10, 0, tzinfo=MOSCOW),
    "ber": datetime(2026, 10, 22, 10, 0, tzinfo=BERLIN),
    "ber-night": datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN),
    "nyc": datetime(2026, 10, 30, 9, 0, tzinfo=NEW_YORK),
}
ZONES = {"msk": MOSCOW, "ber": BERLIN, "ber-night": BERLIN, "nyc": NEW_YORK}

# (now, typed, expected): the UTC instant as "YYYY-MM-DD HH:MM", or the refusal's locale key.
CASES: list[tuple[str, str, str]] = [
    # Moscow, now Tue 24 Nov 2026 10:00 (07:00 UTC): the forms the issue names
    ("msk", "завтра 15:00", "2026-11-25 12:00"),
    ("msk", "послезавтра в 9", "2026-11-26 06:00"),
    ("msk", "сегодня в 18:30", "2026-11-24 15:30"),
    ("msk", "в пятницу в 18:30", "2026-11-27 15:30"),
    ("msk", "пт 18:30", "2026-11-27 15:30"),
    ("msk", "в следующий вторник 10:00", "2026-12-01 07:00"),
    ("msk", "25.12 18:30", "2026-12-25 15:30"),
    ("msk", "25.12.2026 18:30", "2026-12-25 15:30"),
    ("msk", "25 декабря в 18:30", "2026-12-25 15:30"),
    ("msk", "18:30 25.12", "2026-12-25 15:30"),
    ("msk", "через 2 часа", "2026-11-24 09:00"),
    ("msk", "через 30 минут", "2026-11-24 07:30"),
    ("msk", "через 3 дня в 15:00", "2026-11-27 12:00"),
    ("msk", "tomorrow 3pm", "2026-11-25 12:00"),
    ("msk", "tomorrow at 15:00", "2026-11-25 12:00"),
    ("msk", "Fri 18:30", "2026-11-27 15:30"),
    ("msk", "next Friday 6:30 pm", "2026-11-27 15:30"),
    ("msk", "Dec 25 18:30", "2026-12-25 15:30"),
    ("msk", "25 Dec 6pm", "2026-12-25 15:00"),
    ("msk", "in 2 hours", "2026-11-24 09:00"),
    ("msk", "in 3 days at 10am", "2026-11-27 07:00"),
    ("msk", "today 18:00", "2026-11-24 15:00"),
    ("msk", "2026-12-25 18:30", "2026-12-25 15:30"),
    ("msk", "15.00", "2026-11-24 12:00"),
    ("msk", "15-00", "2026-11-24 12:00"),
    ("msk", "15ч", "2026-11-24 12:00"),
    # Moscow: more ways to say the time of day
    ("msk", "завтра в 15ч", "2026-11-25 12:00"),
    ("msk", "завтра 15 ч", "2026-11-25 12:00"),
    ("msk", "завтра в 15 часов", "2026-11-25 12:00"),
    ("msk", "завтра 15ч30", "2026-11-25 12:30"),
    ("msk", "завтра в 6 вечера", "2026-11-25 15:00"),
    ("msk", "завтра в 9 утра", "2026-11-25 06:00"),
    ("msk", "завтра в 3 дня", "2026-11-25 12:00"),
    ("msk", "завтра в 12 дня", "2026-11-25 09:00"),
    ("msk", "завтра в 11 ночи", "2026-11-25 20:00"),
    ("msk", "в 9 вечера", "2026-11-24 18:00"),
    ("msk", "в 9", "2026-11-25 06:00"),
    ("msk", "в 18:30", "2026-11-24 15:30"),
    ("msk", "18:30", "2026-11-24 15:30"),
    ("msk", "9:30", "2026-11-25 06:30"),
    ("msk", "10:00", "2026-11-25 07:00"),
    ("msk", "в 15:00 завтра", "2026-11-25 12:00"),
    ("msk", "Завтра, 15:00", "2026-11-25 12:00"),
    ("msk", "завтра 15.30", "2026-11-25 12:30"),
    ("msk", "завтра 15-30", "2026-11-25 12:30"),
    # Moscow: spans from now
    ("msk", "через час", "2026-11-24 08:00"),
    ("msk", "через полчаса", "2026-11-24 07:30"),
    ("msk", "через пару часов", "2026-11-24 09:00"),
    ("msk", "через 90 минут", "2026-11-24 08:30"),
    ("msk", "через 15 мин", "2026-11-24 07:15"),
    ("msk", "in an hour", "2026-11-24 08:00"),
    ("msk", "in half an hour", "2026-11-24 07:30"),
    ("msk", "in 45 min", "2026-11-24 07:45"),
    ("msk", "in a couple of hours", "2026-11-24 09:00"),
    # Moscow: days of the week, dates in words and figures
    ("msk", "через неделю в 12:00", "2026-12-01 09:00"),
    ("msk", "в среду в 12:00", "2026-11-25 09:00"),
    ("msk", "во вторник в 12:00", "2026-12-01 09:00"),
    ("msk", "в субботу, 11:00", "2026-11-28 08:00"),
    ("msk", "сб 11:00", "2026-11-28 08:00"),
    ("msk", "1 декабря 14:00", "2026-12-01 11:00"),
    ("msk", "1 янв 10:00", "2027-01-01 07:00"),
    ("msk", "5.01 10:00", "2027-01-05 07:00"),
    ("msk", "25/12 18:30", "2026-12-25 15:30"),
    ("msk", "25.12.26 18:30", "2026-12-25 15:30"),
    ("msk", "18:30, 25 декабря", "2026-12-25 15:30"),
    ("msk", "25 декабря 2026 г. в 18:30", "2026-12-25 15:30"),
    ("msk", "2026-12-25T18:30", "2026-12-25 15:30"),
    ("msk", "December 25th at 6:30pm", "2026-12-25 15:30"),
    ("msk", "25th December 18:30", "2026-12-25 15:30"),
    ("msk", "tomorrow 9am", "2026-11-25 06:00"),
    ("msk", "tomorrow at 9", "2026-11-25 06:00"),
    ("msk", "today at 5 pm", "2026-11-24 14:00"),
    ("msk", "today 5:30 p.m.", "2026-11-24 14:30"),
    ("msk", "the day after tomorrow 10am", "2026-11-26 07:00"),
    ("msk", "Monday 10am", "2026-11-30 07:00"),
    ("msk", "on Monday at 10:00", "2026-11-30 07:00"),
    ("msk", "next Tuesday 12:00", "2026-12-01 09:00"),
    ("msk", "12am tomorrow", "2026-11-24 21:00"),
    ("msk", "12pm tomorrow", "2026-11-25 09:00"),
    ("msk", "in 2 days at 3pm", "2026-11-26 12:00"),
    # Moscow: refused
    ("msk", "31.02 18:30", "date-no-such"),
    ("msk", "31 апреля 10:00", "date-no-such"),
    ("msk", "29.02.2027 10:00", "date-no-such"),
    ("msk", "завтра 25:00", "when-no-such-time"),
    ("msk", "25:00", "when-no-such-time"),
    ("msk", "завтра 18:60", "when-no-such-time"),
    ("msk", "завтра 13pm", "when-no-such-time"),
    ("msk", "завтра в 2 вечера", "when-no-such-time"),
    ("msk", "tomorrow 0am", "when-no-such-time"),
    ("msk", "завтра", "when-no-time"),
    ("msk", "25.12", "when-no-time"),
    ("msk", "в пятницу", "when-no-time"),
    ("msk", "через 3 дня", "when-no-time"),
    ("msk", "tomorrow", "when-no-time"),
    ("msk", "Dec 25", "when-no-time"),
    ("msk", "вчера в 10:00", "when-past"),
    ("msk", "сегодня в 9:00", "when-past"),
    ("msk", "today 9am", "when-past"),
    ("msk", "20.11 18:00", "when-past"),
    ("msk", "25.12.2025 18:30", "when-past"),
    ("msk", "через 0 минут", "when-past"),
    ("msk", "привет", "when-not-understood"),
    ("msk", "завтра вечером", "when-not-understood"),
    ("msk", "15", "when-not-understood"),
    ("msk", "", "when-not-understood"),
    ("msk", "sometime next week", "when-not-understood"),
    ("msk", "через 2 часа в 15:00", "when-not-understood"),
    ("msk", "завтра 15:00 " + "очень " * 20, "when-not-understood"),
    # Moscow: after a date, a bare number is the hour
    ("msk", "завтра 15", "2026-11-25 12:00"),
    ("msk", "в пятницу 9", "2026-11-27 06:00"),
    ("msk", "Dec 25 18", "2026-12-25 15:00"),
    ("msk", "завтра 24", "when-no-such-time"),
    # Berlin, now Thu 22 Oct 2026 10:00 CEST (08:00 UTC); clocks go back on Sunday
    ("ber", "завтра 15:00", "2026-10-23 13:00"),
    ("ber", "суббота 15:00", "2026-10-24 13:00"),
    ("ber", "в воскресенье в 15:00", "2026-10-25 14:00"),
    ("ber", "Sunday 3pm", "2026-10-25 14:00"),
    ("ber", "через 3 дня в 15:00", "2026-10-25 14:00"),
    ("ber", "in 3 days at 10am", "2026-10-25 09:00"),
    ("ber", "26.10 09:00", "2026-10-26 08:00"),
    ("ber", "25.10 01:30", "2026-10-24 23:30"),
    ("ber", "25.10 3:00", "2026-10-25 02:00"),
    ("ber", "25.10 03:30", "2026-10-25 02:30"),
    ("ber", "25.10 02:30", "when-dst-fold"),
    ("ber", "25 октября 2:00", "when-dst-fold"),
    ("ber", "в воскресенье в 2:30", "when-dst-fold"),
    ("ber", "Sunday 2:30am", "when-dst-fold"),
    ("ber", "28.03 01:30", "2027-03-28 00:30"),
    ("ber", "28.03 3:00", "2027-03-28 01:00"),
    ("ber", "28.03 03:30", "2027-03-28 01:30"),
    ("ber", "28.03 02:30", "when-dst-gap"),
    ("ber", "28.03 2:00", "when-dst-gap"),
    ("ber", "28.03.2027 2:15", "when-dst-gap"),
    ("ber", "Mar 28 2:30am", "when-dst-gap"),
    ("ber", "через 2 часа", "2026-10-22 10:00"),
    ("ber", "next Friday 6:30 pm", "2026-10-23 16:30"),
    ("ber", "сегодня в 18:30", "2026-10-22 16:30"),
    ("ber", "1.11 10:00", "2026-11-01 09:00"),
    ("ber", "2026-11-01 10:00", "2026-11-01 09:00"),
    ("ber", "в 9", "2026-10-23 07:00"),
    ("ber", "сегодня в 9:00", "when-past"),
    ("ber", "25 декабря в 18:30", "2026-12-25 17:30"),
    ("ber", "Dec 25 6pm", "2026-12-25 17:00"),
    # Berlin, the night of the change: now 01:30 CEST (23:30 UTC on the 24th)
    ("ber-night", "через 2 часа", "2026-10-25 01:30"),
    ("ber-night", "через час", "2026-10-25 00:30"),
    ("ber-night", "in 30 minutes", "2026-10-25 00:00"),
    ("ber-night", "в 9", "2026-10-25 08:00"),
    ("ber-night", "сегодня в 2:30", "when-dst-fold"),
    # New York, now Fri 30 Oct 2026 09:00 EDT (13:00 UTC); clocks go back on Sunday
    ("nyc", "tomorrow 3pm", "2026-10-31 19:00"),
    ("nyc", "Sunday 3pm", "2026-11-01 20:00"),
    ("nyc", "в воскресенье в 10:00", "2026-11-01 15:00"),
    ("nyc", "in 2 days at 10am", "2026-11-01 15:00"),
    ("nyc", "1.11 10:00", "2026-11-01 15:00"),
    ("nyc", "next Monday 9am", "2026-11-02 14:00"),
    ("nyc", "today at 5 pm", "2026-10-30 21:00"),
    ("nyc", "Dec 25 6pm", "2026-12-25 23:00"),
    ("nyc", "Nov 1 1:30am", "when-dst-fold"),
    ("nyc", "Mar 14 2:30am", "when-dst-gap"),
    ("nyc", "yesterday 3pm", "when-past"),
    ("nyc", "today 8am", "when-past"),
    ("nyc", "31.12.9999 23:00", "when-not-understood"),  # past year 9999 in UTC
]


def expected_instant(expected: str) -> datetime | None:
    """The row's UTC instant, or None when the row expects a refusal."""
    if not expected[0].isdigit():
        return None
    return datetime.strptime(expected, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def outcome(now_name: str, typed: str) -> str:
    """What the parser makes of a row: the UTC instant as in the table, or the refusal key."""
    try:
        moment = parse_when(typed, NOWS[now_name], ZONES[now_name], "ru")
    except Refusal as refusal:
        return refusal.key
    assert moment.tzinfo is UTC
    return moment.strftime("%Y-%m-%d %H:%M")


def test_the_table_is_large_and_covers_both_languages_and_zones() -> None:
    assert len(CASES) >= 100
    assert len({typed for _, typed, _ in CASES}) > 100
    assert {now for now, _, _ in CASES} == set(NOWS)
    assert NOWS["msk"].weekday() == 1 and NOWS["ber"].weekday() == 3


@pytest.mark.parametrize(("now_name", "typed", "expected"), CASES)
def test_the_table(now_name: str, typed: str, expected: str) -> None:
    assert outcome(now_name, typed) == expected


def test_now_without_a_zone_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_when("завтра 15:00", datetime(2026, 11, 24, 10, 0), MOSCOW, "ru")


def test_the_locale_does_not_change_the_moment() -> None:
    now = NOWS["msk"]
    assert parse_when("Fri 18:30", now, MOSCOW, "en") == parse_when("пт 18:30", now, MOSCOW, "ru")


def test_the_same_words_in_another_zone_are_another_instant() -> None:
    now = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    moscow = parse_when("завтра 15:00", now, MOSCOW, "ru")
    berlin = parse_when("завтра 15:00", now, BERLIN, "ru")
    assert berlin - moscow == MOSCOW.utcoffset(now) - BERLIN.utcoffset(now)  # type: ignore[operator]


def refusal(typed: str, now_name: str = "msk", locale: str = "ru") -> Refusal:
    with pytest.raises(Refusal) as caught:
        parse_when(typed, NOWS[now_name], ZONES[now_name], locale)
    return caught.value


@pytest.mark.parametrize(
    ("typed", "now_name", "key"),
    [
        ("привет", "msk", "when-not-understood"),
        ("завтра", "msk", "when-no-time"),
        ("25:00", "msk", "when-no-such-time"),
        ("вчера 10:00", "msk", "when-past"),
        ("31.02 10:00", "msk", "date-no-such"),
        ("28.03 02:30", "ber", "when-dst-gap"),
        ("25.10 02:30", "ber", "when-dst-fold"),
    ],
)
@pytest.mark.parametrize("locale", ["ru", "en"])
def test_every_refusal_has_a_text_in_both_languages(
    typed: str, now_name: str, key: str, locale: str
) -> None:
    found = refusal(typed, now_name, locale)
    assert found.key == key
    assert texts.t(found.key, locale, **found.params)


def test_a_refusal_for_a_missing_time_echoes_the_date_typed() -> None:
    found = refusal("В пятницу")
    assert texts.t(found.key, "ru", **found.params).endswith("«в пятницу 15:00».")


def test_the_past_refusal_shows_the_persons_own_clock() -> None:
    """A wrong time zone shows up at once: the answer says what time the bot thinks it is."""
    assert "вт, 24 ноября, 10:00" in texts.t(**_rendered(refusal("сегодня в 9:00")))
    english = refusal("today 9am", "nyc", "en")
    assert "Fri, 30 October, 09:00" in texts.t(**_rendered(english, "en"))


def test_the_clock_change_refusals_name_the_day_and_the_time() -> None:
    gap = texts.t(**_rendered(refusal("28.03 02:30", "ber")))
    assert "вс, 28 марта" in gap and "02:30" in gap and "вперёд" in gap
    fold = texts.t(**_rendered(refusal("Nov 1 1:30am", "nyc", "en"), "en"))
    assert "Sun, 1 November" in fold and "01:30" in fold and "twice" in fold


def _rendered(found: Refusal, locale: str = "ru") -> dict[str, object]:
    return {"key": found.key, "locale": locale, **found.params}


def test_format_when_shows_weekday_date_and_time_in_the_persons_zone() -> None:
    moment = datetime(2026, 12, 25, 15, 30, tzinfo=UTC)
    assert format_when(moment, MOSCOW, "ru") == "пт, 25 декабря, 18:30"
    assert format_when(moment, MOSCOW, "en") == "Fri, 25 December, 18:30"
    assert format_when(moment, BERLIN, "ru") == "пт, 25 декабря, 16:30"
    assert format_when(datetime(2026, 11, 24, 22, 0, tzinfo=UTC), MOSCOW, "ru").startswith(
        "ср, 25 ноября"
    )


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("locale", ["ru", "en"])
def test_format_when_names_months_as_format_date_does(month: int, locale: str) -> None:
    moment = datetime(2027, month, 10, 12, 0, tzinfo=UTC)
    day_and_month = dates.format_date(moment.date(), locale).rsplit(" ", 1)[0]
    assert f", {day_and_month}, " in format_when(moment, ZoneInfo("UTC"), locale)


def test_what_format_when_shows_reads_back_as_the_same_moment() -> None:
    now = NOWS["msk"]
    for typed in ("завтра 15:00", "через 2 часа", "25 Dec 6pm"):
        moment = parse_when(typed, now, MOSCOW, "ru")
        shown = format_when(moment, MOSCOW, "ru").split(", ", 1)[1].replace(",", "")
        assert parse_when(shown, now, MOSCOW, "ru") == moment
