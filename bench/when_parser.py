"""Reading a meeting's date and time: our parser against `dateparser`, on the same table.

The table is `tests/unit/test_when.py`'s `CASES`: Russian and English expressions, each with a
fixed `now` and zone and the expected UTC instant or refusal. Prints, for each parser, how many
rows it gets right and the time per parse. `dateparser` is not a dependency of the project: the
script says so and skips it when it is not installed (`pip install dateparser` into the venv).

A library row counts as right when it returns the expected instant; for a row that must be
refused, when it returns nothing or (for `when-past`) a moment not after `now`, which a caller
could refuse; an exception is never right. It cannot tell *why* it refuses (no such time, no
time given, a clock change).

    python bench/when_parser.py            # figures
    python bench/when_parser.py --misses   # + the rows each parser gets wrong
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.unit.test_when import CASES, NOWS, ZONES, expected_instant, outcome  # noqa: E402

Row = tuple[str, str, str]


def ours_right(row: Row) -> bool:
    now_name, typed, expected = row
    return outcome(now_name, typed) == expected


def dateparser_reader() -> Callable[[str, str], datetime | None] | None:
    """`dateparser.parse` set up as well as it allows for this job, or None if not installed."""
    try:
        import dateparser
    except ImportError:
        return None

    def read(now_name: str, typed: str) -> datetime | None:
        now = NOWS[now_name]
        settings = {
            "TIMEZONE": ZONES[now_name].key,
            "TO_TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "RELATIVE_BASE": now.replace(tzinfo=None),  # the person's wall clock
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY",
        }
        found = dateparser.parse(typed, languages=["ru", "en"], settings=settings)
        return None if found is None else found.astimezone(UTC)

    return read


def library_right(read: Callable[[str, str], datetime | None], row: Row) -> bool:
    now_name, typed, expected = row
    try:
        found = read(now_name, typed)
    except Exception:  # it raised where it should answer: never right
        return False
    instant = expected_instant(expected)
    if instant is not None:
        return found == instant
    if expected == "when-past":
        return found is None or found <= NOWS[now_name]
    return found is None


def measure(name: str, right: Callable[[Row], bool], rounds: int, misses: bool) -> None:
    wrong = [row for row in CASES if not right(row)]  # also warms caches up
    started = time.perf_counter()
    for _ in range(rounds):
        for row in CASES:
            right(row)
    per_parse = (time.perf_counter() - started) / (rounds * len(CASES)) * 1e6
    good = len(CASES) - len(wrong)
    print(f"{name:<12} {good:>4}/{len(CASES)} right  {per_parse:>9.1f} µs per parse")
    if misses:
        for now_name, typed, expected in wrong:
            print(f"    {now_name:<10} {typed!r:<34} expected {expected}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="times through the table")
    parser.add_argument("--misses", action="store_true", help="list the rows each gets wrong")
    args = parser.parse_args()
    measure("nastavnik", ours_right, args.rounds, args.misses)
    read = dateparser_reader()
    if read is None:
        print("dateparser   not installed: pip install dateparser to compare")
        return
    measure(
        "dateparser", lambda row: library_right(read, row), max(args.rounds // 10, 1), args.misses
    )


if __name__ == "__main__":
    main()
