"""The points of the digital footprint: a normalised table (kind × level × result) read from
`templates/points.toml`, or the file FOOTPRINT_POINTS_FILE names, and checked at start-up.

`configure()` is called once when the core starts; `score()` reads the table configured.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot import resources
from bot.core import organisation
from bot.core.models import AchievementLevel, AchievementResult

SHIPPED = resources.folder("templates") / "points.toml"
# the kinds shipped in templates/organisation.toml, and "other": each needs its weight
KINDS = (
    *(kind.key for kind in organisation.load(organisation.SHIPPED)["achievement_kinds"]),
    "other",
)
KEY = re.compile(r"[a-z][a-z0-9_]{0,31}")  # a kind the organisation added may have its weight
MAX_NUMBER = 1000
SECTIONS: dict[str, tuple[str, ...]] = {
    "kinds": KINDS,
    "levels": tuple(level.value for level in AchievementLevel),
    "results": tuple(result.value for result in AchievementResult),
}


class PointsFileError(ValueError):
    """A points file that cannot be used: one line naming the file, the entry and why."""


@dataclass(frozen=True)
class Table:
    """A number for every kind, level and result."""

    kinds: dict[str, float]
    levels: dict[str, float]
    results: dict[str, float]


@dataclass(frozen=True)
class Score:
    """How one achievement scored: its three numbers and their product."""

    kind: float
    level: float
    result: float

    @property
    def points(self) -> float:
        """The product, rounded to two decimals."""
        return round(self.kind * self.level * self.result, 2)


def _number(value: object, where: str) -> float:
    """A weight or factor: a number above 0, at most `MAX_NUMBER`."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or not math.isfinite(number) or not 0 < number <= MAX_NUMBER:
        raise PointsFileError(
            f"{where} must be a number above 0, at most {MAX_NUMBER}, not {value!r}"
        )
    return float(number)


def _section(data: dict[str, object], name: str, path: Path) -> dict[str, float]:
    raw = data.get(name)
    if not isinstance(raw, dict):
        raise PointsFileError(f"{path}: the [{name}] table is missing")
    found: dict[str, float] = {}
    for key in SECTIONS[name]:
        value = raw.get(key)
        if value is None:
            raise PointsFileError(f"{path}: [{name}] has no entry for {key!r}")
        found[key] = _number(value, f"{path}: [{name}] {key}")
    for key in sorted(set(raw) - set(SECTIONS[name])):
        if name != "kinds" or not KEY.fullmatch(key):
            raise PointsFileError(f"{path}: [{name}] has an unknown entry {key!r}")
        found[key] = _number(raw[key], f"{path}: [{name}] {key}")
    return found


def load(path: Path) -> Table:
    """The table of a points file, checked; `PointsFileError` says what is wrong, in one line."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PointsFileError(f"{path}: {exc}".replace("\n", " ")) from exc
    return Table(*(_section(data, name, path) for name in SECTIONS))


_current: list[Table] = []


def configure(path: Path | None = None) -> None:
    """Use this points file (None: the shipped one) from now on."""
    _current[:] = [load(path or SHIPPED)]


def current() -> Table:
    """The table configured (the shipped one until then)."""
    if not _current:
        configure()
    return _current[0]


def score(kind: str, level: str, result: str) -> Score:
    """The numbers an achievement of this kind, level and result scores by; a kind the table
    does not know (one the organisation added later) counts as `other`."""
    table = current()
    weight = table.kinds.get(kind, table.kinds["other"])
    return Score(weight, table.levels.get(level, 1.0), table.results.get(result, 1.0))


def number(value: float) -> str:
    """A number as the score shows it: 60, not 60.0; 7.5 as is; never in exponent form."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
