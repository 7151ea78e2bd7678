"""Typed button payloads: one small class per action, a prefix word and typed fields.

    class OpenProgramme(Payload, prefix="programme"):
        programme_id: int

`OpenProgramme(5).pack()` is `programme:5`; `OpenProgramme.parse("programme:5")` reads it back
and gives None for anything malformed — a wrong number of fields, letters or a sign in a
number, a number of more than twelve digits, a value that is not one of the field's choices.
Fields are `int` (non-negative), `bool` (`y` / `n`), `str` (a lowercase word), a `StrEnum`, a
`Literal`, `Annotated[T, OneOf(choices)]`, or `T | None` (empty; left off at the end).
"""

from __future__ import annotations

import dataclasses
import enum
import re
import types
from collections.abc import Callable, Iterable
from typing import (
    Annotated,
    Any,
    ClassVar,
    Literal,
    Self,
    Union,
    dataclass_transform,
    get_args,
    get_origin,
)
from typing import get_type_hints as hints_of

from bot.core.conversation import MAX_PAYLOAD_BYTES

SEPARATOR = ":"
MAX_DIGITS = 12  # ids, pages and counts: far beyond any real row, within SQLite's integers
WORD = re.compile(r"[a-z][a-z0-9_-]{0,23}")


@dataclasses.dataclass(frozen=True)
class OneOf:
    """`Annotated[int, OneOf(EXTEND_CHOICES)]`: the field takes only these values."""

    choices: tuple[Any, ...]

    def __init__(self, choices: Iterable[Any]) -> None:
        object.__setattr__(self, "choices", tuple(choices))


@dataclasses.dataclass(frozen=True)
class _Codec:
    """How one field is read from its text (ValueError when it cannot be) and how long it gets."""

    read: Callable[[str], Any]
    longest: int


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    codec: _Codec
    default: str | None  # the default's text, for a field that may be left off at the end


def _read_int(text: str) -> int:
    # Only the canonical spelling: no sign, no leading zero, no other script's digits.
    if not (0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()):
        raise ValueError(text)
    if text != str(int(text)):
        raise ValueError(text)
    return int(text)


def _read_word(text: str) -> str:
    if not WORD.fullmatch(text):
        raise ValueError(text)
    return text


def _choice(choices: Iterable[Any]) -> _Codec:
    by_text = {_text(choice): choice for choice in choices}
    return _Codec(by_text.__getitem__, max(len(text.encode()) for text in by_text))


def _codec(hint: Any) -> _Codec:
    origin = get_origin(hint)
    if origin is Annotated:
        inner, *extras = get_args(hint)
        (one_of,) = [extra for extra in extras if isinstance(extra, OneOf)]
        return _choice(one_of.choices)
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        base = _codec(inner)
        return _Codec(lambda text: base.read(text) if text else None, base.longest)
    if origin is Literal:
        return _choice(get_args(hint))
    if hint is bool:
        return _choice((True, False))
    if hint is int:
        return _Codec(_read_int, MAX_DIGITS)
    if hint is str:
        return _Codec(_read_word, 24)
    if isinstance(hint, type) and issubclass(hint, enum.StrEnum):
        return _Codec(hint, max(len(member.value.encode()) for member in hint))
    raise TypeError(f"a payload field cannot be {hint!r}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "y" if value else "n"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


_FIELDS: dict[type[Payload], tuple[_Field, ...]] = {}


def _fields(kind: type[Payload]) -> tuple[_Field, ...]:
    """A payload class's fields, read from its annotations on first use."""
    if kind not in _FIELDS:
        hints = hints_of(kind, include_extras=True)
        _FIELDS[kind] = tuple(
            _Field(
                field.name,
                _codec(hints[field.name]),
                None if field.default is dataclasses.MISSING else _text(field.default),
            )
            for field in dataclasses.fields(kind)  # type: ignore[arg-type]
        )
    return _FIELDS[kind]


@dataclass_transform(frozen_default=True)
class Payload:
    """Base of the payload classes; each subclass is made a frozen dataclass. See the module's
    docstring."""

    prefix: ClassVar[str]
    legacy: ClassVar[tuple[str, ...]] = ()  # older prefixes still read, same fields

    def __init_subclass__(cls, *, prefix: str, legacy: tuple[str, ...] = (), **kwargs: Any):
        super().__init_subclass__(**kwargs)
        for word in (prefix, *legacy):
            if not WORD.fullmatch(word):
                raise ValueError(f"a payload prefix is a lowercase word, not {word!r}")
        cls.prefix, cls.legacy = prefix, legacy
        dataclasses.dataclass(frozen=True)(cls)

    def pack(self) -> str:
        """The payload as a button carries it; fields at their default at the end are left off."""
        fields = list(_fields(type(self)))
        parts = [_text(getattr(self, field.name)) for field in fields]
        while fields and parts[-1] == fields[-1].default:
            fields.pop()
            parts.pop()
        return SEPARATOR.join([self.prefix, *parts])

    @classmethod
    def parse(cls, payload: str) -> Self | None:
        """The payload read back, or None when it is not a well-formed one of this class."""
        prefix, *parts = payload.split(SEPARATOR)
        fields = _fields(cls)
        if prefix not in (cls.prefix, *cls.legacy) or len(parts) > len(fields):
            return None
        if any(field.default is None for field in fields[len(parts) :]):
            return None  # a field without a default is missing
        try:
            values = {
                field.name: field.codec.read(text)
                for field, text in zip(fields, parts, strict=False)
            }
        except (ValueError, KeyError):
            return None
        found = cls(**values)
        return found if found.valid() else None

    def valid(self) -> bool:
        """Rules across fields, for a class to add (a forged mix of valid fields is refused)."""
        return True

    @classmethod
    def longest(cls) -> int:
        """The most bytes a payload of this class can take."""
        return len(cls.prefix) + sum(1 + field.codec.longest for field in _fields(cls))

    @classmethod
    def check(cls) -> None:
        """Refuse at start-up a class whose payloads could outgrow a Telegram button."""
        if cls.longest() > MAX_PAYLOAD_BYTES:
            raise ValueError(f"{cls.__name__} payloads can reach {cls.longest()} bytes")
