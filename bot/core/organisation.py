"""The organisation's own data: its pair types, formats of work and achievement kinds (a TOML
file it may replace with ORG_DATA_FILE) and the names that go into its documents (ORG_NAME and
the like).

`configure()` is called once when the core starts; everything else reads `current()`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot import resources
from bot.config import SUPPORTED_LOCALES
from bot.core import texts

OTHER = "other"  # always offered last; asks for a text, kept beside the key
OTHER_LABELS = {  # locale keys
    "pair_types": "pair-type-other",
    "formats": "activity-other",
    "achievement_kinds": "achievement-kind-other",
}
SHIPPED = resources.folder("templates") / "organisation.toml"
KEY = re.compile(r"[a-z][a-z0-9_]{0,23}")
MAX_LABEL = 40  # labels are buttons
LISTS = ("pair_types", "formats", "achievement_kinds")
OPTIONAL = ("achievement_kinds",)  # a copy made before this list existed keeps the shipped one


class OrgDataError(ValueError):
    """The data file is missing, not TOML, or not of the expected shape."""


@dataclass(frozen=True)
class Entry:
    """One entry of a list: its stored key and its label in each language."""

    key: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Organisation:
    """What the organisation says about itself."""

    pair_types: tuple[Entry, ...]
    formats: tuple[Entry, ...]
    achievement_kinds: tuple[Entry, ...] = ()
    name: str = ""
    director: str = ""
    curator: str = ""
    fallback: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def entries(self, kind: str) -> tuple[Entry, ...]:
        """The entries of one list (`pair_types`, `formats`, `achievement_kinds`) offered now."""
        entries: tuple[Entry, ...] = getattr(self, kind)
        return entries

    def offers(self, kind: str, key: str) -> bool:
        """True when `key` is offered now (or is "other")."""
        return key == OTHER or any(e.key == key for e in self.entries(kind))

    def label(self, kind: str, key: str, locale: str) -> str | None:
        """The label of a stored key: from the current list, else the shipped one (a key the
        organisation dropped keeps showing), else None (the caller shows the key)."""
        found = {e.key: e for e in self.entries(kind)}.get(key) or self.fallback.get(kind, {}).get(
            key
        )
        return found.labels.get(locale) if found else None


def _entries(data: dict[str, object], kind: str, path: Path) -> tuple[Entry, ...]:
    raw = data.get(kind)
    if not isinstance(raw, list) or not raw:
        raise OrgDataError(f"{path}: [[{kind}]] entries are missing")
    entries: list[Entry] = []
    for i, item in enumerate(raw, start=1):
        where = f"{path}: {kind} #{i}"
        if not isinstance(item, dict):
            raise OrgDataError(f"{where}: not a table")
        key = item.get("key")
        if not isinstance(key, str) or not KEY.fullmatch(key) or key == OTHER:
            raise OrgDataError(f"{where}: key must be a-z, 0-9, _ (up to 24), not {OTHER!r}")
        if any(e.key == key for e in entries):
            raise OrgDataError(f"{where}: key {key!r} is listed twice")
        labels = {locale: item.get(locale) for locale in SUPPORTED_LOCALES}
        for locale, text in labels.items():
            if not isinstance(text, str) or not 0 < len(text.strip()) <= MAX_LABEL:
                raise OrgDataError(f"{where}: {locale!r} must be text of 1 to {MAX_LABEL} chars")
        entries.append(Entry(key, {k: str(v).strip() for k, v in labels.items()}))
    return tuple(entries)


def load(path: Path) -> dict[str, tuple[Entry, ...]]:
    """The lists of a data file by name, checked (an optional list left out is missing from
    the answer); `OrgDataError` says what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OrgDataError(f"{path}: {exc}") from exc
    return {
        kind: _entries(data, kind, path) for kind in LISTS if kind not in OPTIONAL or kind in data
    }


_current: list[Organisation] = []


def configure(
    data_file: Path | None, name: str = "", director: str = "", curator: str = ""
) -> None:
    """Use this data file (None: the shipped one) and these names from now on."""
    shipped = load(SHIPPED)
    lists = shipped | load(data_file or SHIPPED)
    fallback = {kind: {e.key: e for e in shipped[kind]} for kind in LISTS}
    found = Organisation(
        lists["pair_types"], lists["formats"], lists["achievement_kinds"], name, director, curator
    )
    _current[:] = [replace(found, fallback=fallback)]


def current() -> Organisation:
    """The organisation as configured (the shipped lists and no names until then)."""
    if not _current:
        configure(None)
    return _current[0]


def shown(kind: str, key: str, note: str | None, locale: str) -> str:
    """How a stored entry of a list reads: its label, or «Другое: what was typed»."""
    if key == OTHER:
        other = texts.t(OTHER_LABELS[kind], locale)
        if not note:  # chosen before "other" asked for words
            return texts.plain(other)
        return texts.plain(texts.t("org-other-noted", locale, other=other, note=note))
    return current().label(kind, key, locale) or key


def other_button(kind: str, locale: str) -> str:
    """The label of the "other" choice."""
    return texts.plain(texts.t(OTHER_LABELS[kind], locale))
