"""Reading a date as people type it for milestones and meetings, and showing one back."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.dates import NoSuchDate, add_months, format_date, parse_date, weekday_name

TODAY = date(2026, 11, 24)  # a Tuesday
FRIDAY = date(2026, 11, 27)


def test_today_is_a_tuesday() -> None:
    assert TODAY.weekday() == 1
    assert FRIDAY.weekday() == 4


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25.12", date(2026, 12, 25)),
        ("25.12.26", date(2026, 12, 25)),
        ("25.12.2026", date(2026, 12, 25)),
        ("25/12", date(2026, 12, 25)),
        ("25/12/2026", date(2026, 12, 25)),
        ("25-12", date(2026, 12, 25)),
        ("25-12-2026", date(2026, 12, 25)),
        ("5.1.27", date(2027, 1, 5)),
        ("2026-12-25", date(2026, 12, 25)),
        ("2027-1-5", date(2027, 1, 5)),
        ("  25.12.2026.  ", date(2026, 12, 25)),
        ("(25.12)", date(2026, 12, 25)),
    ],
)
def test_numeric_dates(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


def test_day_and_month_roll_over_to_next_year_once_long_passed() -> None:
    assert parse_date("05.01", TODAY) == date(2027, 1, 5)
    assert parse_date("9.11", TODAY) == date(2027, 11, 9)
    assert parse_date("24.11", TODAY) == TODAY  # today has not passed yet
    assert parse_date("25.11", TODAY) == date(2026, 11, 25)


def test_a_day_and_month_that_fell_days_ago_is_that_past_date_not_next_year() -> None:
    """«23.11» typed on the 24th is a slip, not a year ahead: the caller says it has passed."""
    assert parse_date("23.11", TODAY) == date(2026, 11, 23)
    assert parse_date("10.11", TODAY) == date(2026, 11, 10)
    assert parse_date("20 ноября", TODAY) == date(2026, 11, 20)
    assert parse_date("28.12", date(2027, 1, 5)) == date(2026, 12, 28)  # across New Year


def test_yesterday_is_a_past_date() -> None:
    assert parse_date("вчера", TODAY) == date(2026, 11, 23)
    assert parse_date("yesterday", TODAY) == date(2026, 11, 23)
    assert parse_date("позавчера", TODAY) == date(2026, 11, 22)


@pytest.mark.parametrize(
    "typed",
    ["31.02", "31.02.2027", "30.02", "29.02.2027", "2026-02-30", "31 апреля", "february 30"],
)
def test_a_day_the_month_does_not_have_is_no_such_date(typed: str) -> None:
    with pytest.raises(NoSuchDate):
        parse_date(typed, TODAY)


def test_a_full_date_in_the_past_is_returned_as_is() -> None:
    assert parse_date("01.01.2026", TODAY) == date(2026, 1, 1)
    assert parse_date("2020-05-01", TODAY) == date(2020, 5, 1)
    assert parse_date("1 мая 2025", TODAY) == date(2025, 5, 1)


def test_29_february_without_a_year_is_the_next_leap_day() -> None:
    assert parse_date("29.02", TODAY) == date(2028, 2, 29)
    assert parse_date("29 февраля", date(2028, 1, 10)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("сегодня", TODAY),
        ("Сегодня", TODAY),
        ("завтра", date(2026, 11, 25)),
        ("ЗАВТРА!", date(2026, 11, 25)),
        ("послезавтра", date(2026, 11, 26)),
        ("на завтра", date(2026, 11, 25)),
        ("через 3 дня", date(2026, 11, 27)),
        ("через 1 день", date(2026, 11, 25)),
        ("через 10 дней", date(2026, 12, 4)),
        ("через три дня", date(2026, 11, 27)),
        ("через пару дней", date(2026, 11, 26)),
        ("через неделю", date(2026, 12, 1)),
        ("через 2 недели", date(2026, 12, 8)),
        ("через две недели", date(2026, 12, 8)),
        ("через месяц", date(2026, 12, 24)),
        ("через 2 месяца", date(2027, 1, 24)),
        ("через полгода", date(2027, 5, 24)),
        ("через год", date(2027, 11, 24)),
    ],
)
def test_russian_relative_dates(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 25)),
        ("day after tomorrow", date(2026, 11, 26)),
        ("the day after tomorrow", date(2026, 11, 26)),
        ("in 3 days", date(2026, 11, 27)),
        ("in 1 day", date(2026, 11, 25)),
        ("in three days", date(2026, 11, 27)),
        ("in a couple of days", date(2026, 11, 26)),
        ("in a week", date(2026, 12, 1)),
        ("in 2 weeks", date(2026, 12, 8)),
        ("in two weeks", date(2026, 12, 8)),
        ("in a month", date(2026, 12, 24)),
        ("in 2 months", date(2027, 1, 24)),
        ("in a year", date(2027, 11, 24)),
    ],
)
def test_english_relative_dates(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("понедельник", date(2026, 11, 30)),
        ("пн", date(2026, 11, 30)),
        ("в понедельник", date(2026, 11, 30)),
        ("среда", date(2026, 11, 25)),
        ("в среду", date(2026, 11, 25)),
        ("ср", date(2026, 11, 25)),
        ("в следующую среду", date(2026, 11, 25)),
        ("в четверг", date(2026, 11, 26)),
        ("чт", date(2026, 11, 26)),
        ("пятница", FRIDAY),
        ("в пятницу", FRIDAY),
        ("на пятницу", FRIDAY),
        ("пт.", FRIDAY),
        ("В ПЯТНИЦУ", FRIDAY),
        ("в субботу", date(2026, 11, 28)),
        ("сб", date(2026, 11, 28)),
        ("в воскресенье", date(2026, 11, 29)),
        ("вс", date(2026, 11, 29)),
        ("в следующее воскресенье", date(2026, 11, 29)),
        ("в следующий понедельник", date(2026, 11, 30)),
        ("friday", FRIDAY),
        ("Friday", FRIDAY),
        ("fri", FRIDAY),
        ("next friday", FRIDAY),
        ("on friday", FRIDAY),
        ("on monday", date(2026, 11, 30)),
        ("mon", date(2026, 11, 30)),
        ("wed", date(2026, 11, 25)),
        ("thurs", date(2026, 11, 26)),
        ("sat", date(2026, 11, 28)),
        ("sunday", date(2026, 11, 29)),
    ],
)
def test_weekdays_are_the_next_one_after_today(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["вторник", "во вторник", "вт", "tuesday", "tue", "next tuesday"])
def test_todays_weekday_means_next_week(typed: str) -> None:
    assert parse_date(typed, TODAY) == date(2026, 12, 1)


def test_friday_on_a_friday_is_next_weeks_friday() -> None:
    assert parse_date("в пятницу", FRIDAY) == date(2026, 12, 4)
    assert parse_date("friday", FRIDAY) == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25 декабря", date(2026, 12, 25)),
        ("25 Декабря", date(2026, 12, 25)),
        ("25 декабря 2026", date(2026, 12, 25)),
        ("25 декабря 2026 г.", date(2026, 12, 25)),
        ("25 декабря 2026 года", date(2026, 12, 25)),
        ("к 25 декабря", date(2026, 12, 25)),
        ("1 мая", date(2027, 5, 1)),
        ("1 май", date(2027, 5, 1)),
        ("5 января", date(2027, 1, 5)),
        ("3 марта", date(2027, 3, 3)),
        ("25 дек", date(2026, 12, 25)),
        ("5 янв.", date(2027, 1, 5)),
        ("5 янв. 2028", date(2028, 1, 5)),
        ("10 сент", date(2027, 9, 10)),
        ("1 декабрь", date(2026, 12, 1)),
        ("  25   декабря  ", date(2026, 12, 25)),
        ("24 ноября", TODAY),
        ("23 ноября", date(2026, 11, 23)),  # yesterday: passed, not next year
        ("1 ноября", date(2027, 11, 1)),
    ],
)
def test_russian_month_names(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25 december", date(2026, 12, 25)),
        ("25 December", date(2026, 12, 25)),
        ("december 25", date(2026, 12, 25)),
        ("dec 25", date(2026, 12, 25)),
        ("Dec. 25", date(2026, 12, 25)),
        ("25 dec 2026", date(2026, 12, 25)),
        ("december 25, 2026", date(2026, 12, 25)),
        ("December 25th", date(2026, 12, 25)),
        ("the 1st of may", date(2027, 5, 1)),
        ("on 3 march", date(2027, 3, 3)),
        ("by jan 5", date(2027, 1, 5)),
        ("sept 10 2027", date(2027, 9, 10)),
    ],
)
def test_english_month_names(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


def test_months_clamp_to_the_end_of_the_month() -> None:
    assert parse_date("через месяц", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("in a month", date(2028, 1, 31)) == date(2028, 2, 29)
    assert parse_date("через 3 месяца", date(2026, 11, 30)) == date(2027, 2, 28)
    assert parse_date("через 2 месяца", date(2026, 12, 31)) == date(2027, 2, 28)
    assert parse_date("через год", date(2028, 2, 29)) == date(2029, 2, 28)


def test_add_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2026, 11, 24), 2) == date(2027, 1, 24)
    assert add_months(date(2026, 1, 15), -2) == date(2025, 11, 15)
    assert add_months(date(2026, 1, 15), 0) == date(2026, 1, 15)
    with pytest.raises(ValueError):
        add_months(date(9999, 12, 1), 1)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "...",
        "00.05",
        "0.5.2026",
        "32.01",
        "15.13",
        "15.00",
        "2026-13-01",
        "25.12.202",
        "25.12/2026",
        "1.2.3.4",
        "32 декабря",
        "0 мая",
        "25 блабря",
        "25 foo",
        "декабря 25",
        "в",
        "следующую",
        "next",
        "in week",
        "in some days",
        "через много дней",
        "через 2 полгода",
        "через 99999 дней",
        "через 9999 лет",
        "in 9999 years",
        "когда-нибудь",
        "завтра или послезавтра",
        "x" * 65,
        "завтра " * 10,
    ],
)
def test_not_a_date(typed: str) -> None:
    assert parse_date(typed, TODAY) is None


def test_overlong_input_is_refused_even_when_it_ends_in_a_date() -> None:
    assert parse_date("a" * 60 + " 25.12", TODAY) is None
    # The limit is on what remains once spaces and punctuation around and between are tidied.
    assert parse_date(" " * 100 + "25.12" + " " * 100, TODAY) == date(2026, 12, 25)
    assert parse_date("25   декабря" + " " * 100 + "2026!!!", TODAY) == date(2026, 12, 25)


def test_format_date() -> None:
    assert format_date(date(2026, 12, 25), "ru") == "25 декабря 2026"
    assert format_date(date(2027, 5, 1), "ru") == "1 мая 2027"
    assert format_date(date(2026, 3, 8), "ru") == "8 марта 2026"
    assert format_date(date(2026, 12, 25), "en") == "25 December 2026"
    assert format_date(date(2027, 5, 1), "en") == "1 May 2027"
    with pytest.raises(ValueError):
        format_date(TODAY, "de")


def test_weekday_name() -> None:
    assert weekday_name(FRIDAY, "ru") == "пятница"
    assert weekday_name(TODAY, "ru") == "вторник"
    assert weekday_name(date(2026, 11, 29), "ru") == "воскресенье"
    assert weekday_name(FRIDAY, "en") == "Friday"
    assert weekday_name(date(2026, 11, 30), "en") == "Monday"
    with pytest.raises(ValueError):
        weekday_name(TODAY, "fr")


@pytest.mark.parametrize("locale", ["ru", "en"])
def test_formatted_dates_read_back(locale: str) -> None:
    day = date(2027, 1, 1)
    while day.year == 2027:
        assert parse_date(format_date(day, locale), TODAY) == day
        assert parse_date(weekday_name(day, locale), TODAY) is not None
        day = add_months(day, 1)
