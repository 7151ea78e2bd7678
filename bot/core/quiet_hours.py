"""Quiet hours: messages should not wake people at night, on their own clock.

A quiet window is a pair of local wall-clock times `(start, end)`: start inclusive, end exclusive;
it wraps midnight when start > end, and start == end means no quiet hours at all. All moments in
and out are aware datetimes; results are in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_QUIET = (time(22, 0), time(8, 0))


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"an aware datetime is needed, got {moment!r}")


def _inside(wall: time, quiet: tuple[time, time]) -> bool:
    start, end = (edge.replace(tzinfo=None) for edge in quiet)
    if start == end:
        return False
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


def is_quiet(moment: datetime, zone: str, quiet: tuple[time, time] = DEFAULT_QUIET) -> bool:
    """True when `moment` (aware) falls inside the quiet window on the clock of `zone`."""
    _require_aware(moment)
    wall = moment.astimezone(ZoneInfo(zone)).time()
    return _inside(wall, quiet)


def _wall(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None, fold=0)


def _occurrences(day: date, at: time, zone: tzinfo) -> list[datetime]:
    """Every UTC moment when the clock of `zone` shows `at` on `day`, earliest first.

    Usually one; two in the repeated hour when clocks go back. When the time is skipped because
    clocks go forward, the moment they jump: the first existing local time after it.
    """
    wall = datetime.combine(day, at.replace(tzinfo=None))
    found: set[datetime] = set()
    for fold in (0, 1):
        candidate = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if _wall(candidate, zone) == wall:
            found.add(candidate)
    if found:
        return sorted(found)
    # In a gap zoneinfo reads the time with the offsets from either side of the transition, so
    # the two folds land on both sides of the jump. Find the jump between them, to the second.
    low, high = sorted(int(wall.replace(tzinfo=zone, fold=fold).timestamp()) for fold in (0, 1))
    offset_before = datetime.fromtimestamp(low, zone).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return [datetime.fromtimestamp(high, UTC)]


def local_moment(day: date, at: time, zone: str) -> datetime:
    """The aware UTC moment when the clock in `zone` shows `at` on `day`.

    A time repeated when clocks go back is its first occurrence; a time skipped when they go
    forward is the moment of the jump, the first existing local time after it.
    """
    return _occurrences(day, at, ZoneInfo(zone))[0]


def next_allowed(moment: datetime, zone: str, quiet: tuple[time, time] = DEFAULT_QUIET) -> datetime:
    """`moment` (in UTC) when it is not quiet in `zone`, else the UTC moment the window ends."""
    _require_aware(moment)
    moment = moment.astimezone(UTC)
    if not is_quiet(moment, zone, quiet):
        return moment
    tz = ZoneInfo(zone)
    local = moment.astimezone(tz)
    start, end = (edge.replace(tzinfo=None) for edge in quiet)
    day = local.date()
    if start > end and local.time() >= start:  # before midnight: the window ends tomorrow
        day += timedelta(days=1)
    for candidate in _occurrences(day, end, tz):
        if candidate > moment:
            return candidate
    # Only reachable in pathological zones; never hand back a time inside the window.
    return _occurrences(day + timedelta(days=1), end, tz)[0]
