"""Reading a time zone as people type it, and showing it back with its offset."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core import timezones

WINTER = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Москва", "Europe/Moscow"),
        ("москва", "Europe/Moscow"),
        ("  МОСКВА  ", "Europe/Moscow"),
        ("Moscow", "Europe/Moscow"),
        ("Санкт-Петербург", "Europe/Moscow"),
        ("Нижний   Новгород", "Europe/Moscow"),
        ("Новосибирск", "Asia/Novosibirsk"),
        ("novosibirsk", "Asia/Novosibirsk"),
        ("Екатеринбург", "Asia/Yekaterinburg"),
        ("Калининград", "Europe/Kaliningrad"),
        ("Владивосток", "Asia/Vladivostok"),
        ("Петропавловск-Камчатский", "Asia/Kamchatka"),
        ("Khabarovsk", "Asia/Vladivostok"),
    ],
)
def test_cities_in_russian_and_english(typed: str, zone: str) -> None:
    assert timezones.parse(typed) == zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("UTC+3", "Etc/GMT-3"),  # POSIX names invert the sign
        ("utc + 3", "Etc/GMT-3"),
        ("UTC+03:00", "Etc/GMT-3"),
        ("+5", "Etc/GMT-5"),
        ("GMT-4", "Etc/GMT+4"),
        ("UTC−3", "Etc/GMT+3"),  # a typographic minus sign
        ("UTC+14", "Etc/GMT-14"),
        ("UTC", "Etc/UTC"),
        ("gmt", "Etc/UTC"),
        ("UTC+0", "Etc/UTC"),
        ("мск+4", "Etc/GMT-7"),  # Moscow time + 4 = UTC+7
        ("МСК+0", "Etc/GMT-3"),
        ("мск-1", "Etc/GMT-2"),
        ("мск-5", "Etc/GMT+2"),  # 3 - 5 = UTC-2
    ],
)
def test_utc_and_moscow_offsets(typed: str, zone: str) -> None:
    assert timezones.parse(typed) == zone


@pytest.mark.parametrize(
    "typed", ["Europe/Berlin", "America/New_York", "Asia/Kolkata", " Asia/Omsk "]
)
def test_iana_names(typed: str) -> None:
    assert timezones.parse(typed) == typed.strip()


def test_iana_name_typed_with_a_space() -> None:
    assert timezones.parse("America/New York") == "America/New_York"


@pytest.mark.parametrize(("typed", "zone"), [("asia/tokyo", "Asia/Tokyo")])
def test_iana_names_in_lower_case(typed: str, zone: str) -> None:
    assert timezones.parse(typed) == zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("tokyo", "Asia/Tokyo"),
        ("Tokyo", "Asia/Tokyo"),
        ("new york", "America/New_York"),
        ("New  York", "America/New_York"),
        ("Berlin", "Europe/Berlin"),
    ],
)
def test_world_cities_by_zone_name_suffix(typed: str, zone: str) -> None:
    assert timezones.parse(typed) == zone


def test_city_with_two_zone_names_gets_one_of_them() -> None:
    """The tz database keeps an old alias for some cities; either name is the same clock."""
    assert timezones.parse("buenos aires") in {
        "America/Argentina/Buenos_Aires",
        "America/Buenos_Aires",
    }


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "asdfgh",
        "Атлантида",
        "UTC+15",
        "+99",
        "мск+12",  # UTC+15
        "UTC+",
        "+",
        "3",
        "Europe/Nowhere",
        "../../etc/passwd",
        "/etc/passwd",
        "Москва" * 20,
        "x" * 65,
        "utc+3; drop table people",
    ],
)
def test_what_cannot_be_understood_is_none(typed: str) -> None:
    assert timezones.parse(typed) is None


def test_describe_shows_the_offset_and_the_city() -> None:
    assert timezones.describe("Europe/Moscow", WINTER, "ru") == "UTC+3 (Москва)"
    assert timezones.describe("Asia/Novosibirsk", WINTER, "ru") == "UTC+7 (Новосибирск)"
    assert timezones.describe("Asia/Novosibirsk", WINTER, "en") == "UTC+7 (Novosibirsk)"
    assert timezones.describe("Asia/Kolkata", WINTER, "en") == "UTC+5:30 (Kolkata)"
    assert timezones.describe("America/New_York", WINTER, "en") == "UTC-5 (New York)"
    assert timezones.describe("America/New_York", SUMMER, "en") == "UTC-4 (New York)"
    assert timezones.describe("Etc/UTC", SUMMER, "ru") == "UTC"


def test_parsed_offset_describes_as_what_was_typed_never_as_etc_gmt() -> None:
    """Whatever POSIX sign trick is used inside, the person sees the offset they typed."""
    for typed, shown in [
        ("UTC+7", "UTC+7 (Новосибирск)"),
        ("мск+4", "UTC+7 (Новосибирск)"),
        ("UTC+3", "UTC+3 (Москва)"),
        ("GMT-4", "UTC-4"),
        ("UTC+5:30", "UTC+5:30 (Калькутта)"),
        ("+05:30", "UTC+5:30 (Калькутта)"),
        ("мск+2:30", "UTC+5:30 (Калькутта)"),
        ("UTC+5:45", "UTC+5:45 (Катманду)"),
    ]:
        zone = timezones.parse(typed)
        assert zone is not None, typed
        assert timezones.describe(zone, WINTER, "ru") == shown, typed


@pytest.mark.parametrize("typed", ["UTC+5:17", "UTC+5:99", "мск+2:15"])
def test_offsets_no_zone_keeps_are_not_understood(typed: str) -> None:
    assert timezones.parse(typed) is None


def test_to_local_uses_the_persons_clock() -> None:
    local = timezones.to_local(WINTER, "Asia/Vladivostok")
    assert local.strftime("%H:%M") == "22:00"
    assert local == WINTER
