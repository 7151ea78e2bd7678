"""Quiet hours on the person's own clock: at night messages wait for the morning."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.core.quiet_hours import DEFAULT_QUIET, is_quiet, local_moment, next_allowed

MOSCOW = "Europe/Moscow"  # UTC+3 all year
BERLIN = "Europe/Berlin"  # CET/CEST: clocks go forward 29 Mar 2026 and back 25 Oct 2026
VLADIVOSTOK = "Asia/Vladivostok"  # UTC+10
KALININGRAD = "Europe/Kaliningrad"  # UTC+2


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_default_window_is_ten_at_night_to_eight_in_the_morning() -> None:
    start, end = DEFAULT_QUIET
    assert start == time(22, 0)
    assert end == time(8, 0)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (utc(2026, 11, 24, 18, 59), False),  # 21:59 in Moscow
        (utc(2026, 11, 24, 19, 0), True),  # 22:00: the start is quiet
        (utc(2026, 11, 24, 20, 30), True),  # 23:30
        (utc(2026, 11, 24, 21, 0), True),  # 00:00
        (utc(2026, 11, 25, 0, 0), True),  # 03:00
        (utc(2026, 11, 25, 4, 59, 59), True),  # 07:59:59
        (utc(2026, 11, 25, 5, 0), False),  # 08:00: the end is not
        (utc(2026, 11, 25, 9, 0), False),  # 12:00
    ],
)
def test_quiet_in_moscow_across_midnight(moment: datetime, quiet: bool) -> None:
    assert is_quiet(moment, MOSCOW) is quiet


def test_same_utc_moment_differs_by_zone() -> None:
    evening_in_vladivostok = utc(2026, 11, 24, 12, 30)  # 22:30 there, 14:30 in Kaliningrad
    assert is_quiet(evening_in_vladivostok, VLADIVOSTOK)
    assert not is_quiet(evening_in_vladivostok, KALININGRAD)
    morning_in_vladivostok = utc(2026, 11, 24, 22, 30)  # 08:30 there, 00:30 in Kaliningrad
    assert not is_quiet(morning_in_vladivostok, VLADIVOSTOK)
    assert is_quiet(morning_in_vladivostok, KALININGRAD)


def test_next_allowed_by_zone() -> None:
    assert next_allowed(utc(2026, 11, 24, 12, 30), VLADIVOSTOK) == utc(2026, 11, 24, 22, 0)
    assert next_allowed(utc(2026, 11, 24, 12, 30), KALININGRAD) == utc(2026, 11, 24, 12, 30)
    assert next_allowed(utc(2026, 11, 24, 22, 30), VLADIVOSTOK) == utc(2026, 11, 24, 22, 30)
    assert next_allowed(utc(2026, 11, 24, 22, 30), KALININGRAD) == utc(2026, 11, 25, 6, 0)


def test_next_allowed_before_midnight_waits_for_the_next_morning() -> None:
    assert next_allowed(utc(2026, 11, 24, 20, 30), MOSCOW) == utc(2026, 11, 25, 5, 0)  # 23:30
    assert next_allowed(utc(2026, 11, 24, 19, 0), MOSCOW) == utc(2026, 11, 25, 5, 0)  # 22:00


def test_next_allowed_after_midnight_waits_for_the_same_morning() -> None:
    assert next_allowed(utc(2026, 11, 25, 0, 0), MOSCOW) == utc(2026, 11, 25, 5, 0)  # 03:00
    assert next_allowed(utc(2026, 11, 25, 4, 59), MOSCOW) == utc(2026, 11, 25, 5, 0)  # 07:59
    assert next_allowed(utc(2026, 12, 31, 22, 0), MOSCOW) == utc(2027, 1, 1, 5, 0)  # New Year


def test_next_allowed_keeps_a_moment_outside_the_window() -> None:
    moment = utc(2026, 11, 25, 5, 0)  # 08:00 in Moscow
    assert next_allowed(moment, MOSCOW) == moment
    assert next_allowed(moment, MOSCOW).tzinfo is not None


def test_results_are_in_utc_whatever_zone_the_moment_came_in() -> None:
    moment = datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo(MOSCOW))
    result = next_allowed(moment, MOSCOW)
    assert result == utc(2026, 11, 25, 5, 0)
    assert result.utcoffset() == timedelta(0)
    daytime = datetime(2026, 11, 24, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    assert next_allowed(daytime, MOSCOW) == daytime
    assert next_allowed(daytime, MOSCOW).utcoffset() == timedelta(0)


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError):
        is_quiet(datetime(2026, 11, 24, 23, 0), MOSCOW)
    with pytest.raises(ValueError):
        next_allowed(datetime(2026, 11, 24, 23, 0), MOSCOW)


def test_a_window_with_equal_ends_means_no_quiet_hours() -> None:
    always = (time(9, 0), time(9, 0))
    for hour in range(24):
        moment = utc(2026, 11, 24, hour, 0)
        assert not is_quiet(moment, MOSCOW, always)
        assert next_allowed(moment, MOSCOW, always) == moment


def test_a_window_within_one_day() -> None:
    nap = (time(13, 0), time(15, 0))
    assert not is_quiet(utc(2026, 11, 24, 9, 59), MOSCOW, nap)  # 12:59
    assert is_quiet(utc(2026, 11, 24, 10, 0), MOSCOW, nap)  # 13:00
    assert not is_quiet(utc(2026, 11, 24, 12, 0), MOSCOW, nap)  # 15:00
    assert not is_quiet(utc(2026, 11, 24, 20, 0), MOSCOW, nap)  # 23:00
    assert next_allowed(utc(2026, 11, 24, 11, 0), MOSCOW, nap) == utc(2026, 11, 24, 12, 0)


def test_a_custom_window_across_midnight() -> None:
    late = (time(23, 30), time(6, 45))
    assert not is_quiet(utc(2026, 11, 24, 20, 29), MOSCOW, late)  # 23:29
    assert is_quiet(utc(2026, 11, 24, 20, 30), MOSCOW, late)  # 23:30
    assert next_allowed(utc(2026, 11, 24, 20, 30), MOSCOW, late) == utc(2026, 11, 25, 3, 45)


# Berlin, spring: at 01:00 UTC on 29 March 2026 the clock jumps from 02:00 CET to 03:00 CEST.


@pytest.mark.parametrize(
    "moment",
    [
        utc(2026, 3, 28, 22, 30),  # 23:30 CET
        utc(2026, 3, 29, 0, 30),  # 01:30 CET
        utc(2026, 3, 29, 1, 0),  # 03:00 CEST, right after the jump
        utc(2026, 3, 29, 5, 59),  # 07:59 CEST
    ],
)
def test_berlin_spring_forward_night_ends_at_eight_summer_time(moment: datetime) -> None:
    assert is_quiet(moment, BERLIN)
    result = next_allowed(moment, BERLIN)
    assert result == utc(2026, 3, 29, 6, 0)  # 08:00 CEST
    assert result.astimezone(ZoneInfo(BERLIN)).time() == time(8, 0)


def test_berlin_spring_forward_eight_in_the_morning_is_not_quiet() -> None:
    assert not is_quiet(utc(2026, 3, 29, 6, 0), BERLIN)
    assert is_quiet(utc(2026, 3, 28, 6, 59), BERLIN)  # 07:59 CET the day before
    assert next_allowed(utc(2026, 3, 28, 6, 59), BERLIN) == utc(2026, 3, 28, 7, 0)


def test_a_window_ending_in_the_skipped_hour_ends_when_the_clock_jumps() -> None:
    quiet = (time(22, 0), time(2, 30))  # 02:30 never happens on 29 March in Berlin
    result = next_allowed(utc(2026, 3, 28, 22, 0), BERLIN, quiet)  # 23:00 CET
    assert result == utc(2026, 3, 29, 1, 0)
    local = result.astimezone(ZoneInfo(BERLIN))
    assert local.time() == time(3, 0)
    assert local.time() >= quiet[1]
    assert not is_quiet(result, BERLIN, quiet)
    assert is_quiet(result - timedelta(seconds=1), BERLIN, quiet)


# Berlin, autumn: at 01:00 UTC on 25 October 2026 the clock goes back from 03:00 CEST to 02:00 CET.


@pytest.mark.parametrize(
    "moment",
    [
        utc(2026, 10, 24, 21, 30),  # 23:30 CEST
        utc(2026, 10, 25, 0, 30),  # 02:30 CEST, the first time
        utc(2026, 10, 25, 1, 30),  # 02:30 CET, the second time
        utc(2026, 10, 25, 6, 59),  # 07:59 CET
    ],
)
def test_berlin_fall_back_night_ends_at_eight_winter_time(moment: datetime) -> None:
    assert is_quiet(moment, BERLIN)
    result = next_allowed(moment, BERLIN)
    assert result == utc(2026, 10, 25, 7, 0)  # 08:00 CET
    assert result.astimezone(ZoneInfo(BERLIN)).time() == time(8, 0)


def test_a_window_ending_in_the_repeated_hour_ends_after_the_moment() -> None:
    quiet = (time(1, 0), time(2, 30))
    first = utc(2026, 10, 25, 0, 15)  # 02:15 CEST
    second = utc(2026, 10, 25, 1, 15)  # 02:15 CET, the same wall time an hour later
    assert next_allowed(first, BERLIN, quiet) == utc(2026, 10, 25, 0, 30)  # 02:30 CEST
    assert not is_quiet(utc(2026, 10, 25, 0, 45), BERLIN, quiet)  # 02:45 CEST
    assert is_quiet(utc(2026, 10, 25, 1, 0), BERLIN, quiet)  # 02:00 CET: the wall clock is back
    assert next_allowed(second, BERLIN, quiet) == utc(2026, 10, 25, 1, 30)  # 02:30 CET


@pytest.mark.parametrize("zone", [MOSCOW, BERLIN, VLADIVOSTOK, KALININGRAD])
@pytest.mark.parametrize(
    "quiet", [DEFAULT_QUIET, (time(1, 0), time(2, 30)), (time(22, 0), time(2, 30))]
)
@pytest.mark.parametrize("around", [date(2026, 3, 29), date(2026, 10, 25)])
def test_next_allowed_is_the_first_moment_out_of_the_window(
    zone: str, quiet: tuple[time, time], around: date
) -> None:
    start = datetime.combine(around - timedelta(days=1), time(0, 0), tzinfo=UTC)
    for step in range(0, 3 * 24 * 60, 10):
        moment = start + timedelta(minutes=step)
        result = next_allowed(moment, zone, quiet)
        assert result.utcoffset() == timedelta(0)
        assert result >= moment
        assert not is_quiet(result, zone, quiet)
        if result != moment:
            assert is_quiet(moment, zone, quiet)
            assert is_quiet(result - timedelta(seconds=1), zone, quiet)
            assert result - moment < timedelta(hours=24)
            local = result.astimezone(ZoneInfo(zone))
            assert local.time() >= quiet[1]
            assert local.astimezone(UTC) == result  # an existing local time


@pytest.mark.parametrize(
    ("day", "at", "zone", "expected"),
    [
        (date(2026, 12, 25), time(10, 0), MOSCOW, utc(2026, 12, 25, 7, 0)),
        (date(2026, 12, 25), time(10, 0), VLADIVOSTOK, utc(2026, 12, 25, 0, 0)),
        (date(2026, 12, 25), time(10, 0), KALININGRAD, utc(2026, 12, 25, 8, 0)),
        (date(2026, 12, 25), time(1, 0), VLADIVOSTOK, utc(2026, 12, 24, 15, 0)),
        (date(2026, 1, 15), time(10, 0), BERLIN, utc(2026, 1, 15, 9, 0)),
        (date(2026, 7, 15), time(10, 0), BERLIN, utc(2026, 7, 15, 8, 0)),
        (date(2026, 3, 29), time(10, 0), BERLIN, utc(2026, 3, 29, 8, 0)),
        (date(2026, 3, 29), time(1, 30), BERLIN, utc(2026, 3, 29, 0, 30)),
        (date(2026, 3, 29), time(2, 30), BERLIN, utc(2026, 3, 29, 1, 0)),  # skipped: 03:00 CEST
        (date(2026, 3, 29), time(2, 0), BERLIN, utc(2026, 3, 29, 1, 0)),  # skipped: 03:00 CEST
        (date(2026, 3, 29), time(3, 0), BERLIN, utc(2026, 3, 29, 1, 0)),
        (date(2026, 10, 25), time(2, 30), BERLIN, utc(2026, 10, 25, 0, 30)),  # repeated: first
        (date(2026, 10, 25), time(10, 0), BERLIN, utc(2026, 10, 25, 9, 0)),
    ],
)
def test_local_moment(day: date, at: time, zone: str, expected: datetime) -> None:
    result = local_moment(day, at, zone)
    assert result == expected
    assert result.utcoffset() == timedelta(0)
