"""The organisation's own data: its pair types and formats of work (a TOML file it may replace
with ORG_DATA_FILE) and the names that go into its documents (ORG_NAME and the like).

`configure()` is called once when the core starts; everything else reads `current()`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bot import resources
from bot.config import SUPPORTED_LOCALES
from bot.core import texts

OTHER = "other"  # always offered last; asks for a text, kept beside the key
OTHER_LABELS = {"pair_types": "pair-type-other", "formats": "activity-other"}  # locale keys
SHIPPED = resources.folder("templates") / "organisation.toml"
KEY = re.compile(r"[a-z][a-z0-9_]{0,23}")
MAX_LABEL = 40  # labels are buttons
LISTS = ("pair_types", "formats")


class OrgDataError(ValueError):
    """The data file is missing, not TOML, or not of the expected shape."""


@dataclass(frozen=True)
class Entry:
    """One pair type or format: its stored key and its label in each language."""

    key: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Organisation:
    """What the organisation says about itself."""

    pair_types: tuple[Entry, ...]
    formats: tuple[Entry, ...]
    name: str = ""
    director: str = ""
    curator: str = ""
    fallback: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def entries(self, kind: str) -> tuple[Entry, ...]:
        """The pair types (`pair_types`) or formats (`formats`) offered now."""
        return self.pair_types if kind == "pair_types" else self.formats

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


def load(path: Path) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
    """The pair types and formats of a data file, checked; `OrgDataError` says what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OrgDataError(f"{path}: {exc}") from exc
    return _entries(data, "pair_types", path), _entries(data, "formats", path)


_current: list[Organisation] = []


def configure(
    data_file: Path | None, name: str = "", director: str = "", curator: str = ""
) -> None:
    """Use this data file (None: the shipped one) and these names from now on."""
    pair_types, formats = load(data_file or SHIPPED)
    shipped = load(SHIPPED)
    fallback = {kind: {e.key: e for e in shipped[i]} for i, kind in enumerate(LISTS)}
    _current[:] = [Organisation(pair_types, formats, name, director, curator, fallback)]


def current() -> Organisation:
    """The organisation as configured (the shipped lists and no names until then)."""
    if not _current:
        configure(None)
    return _current[0]


def shown(kind: str, key: str, note: str | None, locale: str) -> str:
    """How a stored pair type or format reads: its label, or «Другое: what was typed»."""
    if key == OTHER:
        other = texts.t(OTHER_LABELS[kind], locale)
        if not note:  # chosen before "other" asked for words
            return texts.plain(other)
        return texts.plain(texts.t("org-other-noted", locale, other=other, note=note))
    return current().label(kind, key, locale) or key


def other_button(kind: str, locale: str) -> str:
    """The label of the "other" choice."""
    return texts.plain(texts.t(OTHER_LABELS[kind], locale))
