"""Locale strings (Fluent, `locales/<lang>/*.ftl`) and long texts (Jinja2, `templates/<lang>/`).

`t()` and `render()` return `Markup`: the limited HTML that `Reply.text` carries, every value in it
escaped exactly once. A plain `str` value (whatever a person typed) is escaped; a `Markup` one (a
text rendered here before: a form's name, a line of a list) goes in as it is, never escaped again.
So join rendered pieces with `Markup("\n").join(...)`: `str.join`, f-strings and `+` on plain
strings make them `str`, and the next text would escape them a second time. `plain()` gives the
text a person reads (VK, the console, text files, button labels).
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from bot import resources
from bot.config import SUPPORTED_LOCALES

LOCALES_DIR = resources.folder("locales")
TEMPLATES_DIR = resources.folder("templates")


_TAG = re.compile(r"</?(?:b|i|u|s|code)>")
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>')


def plain(text: str) -> str:
    """Limited HTML as plain text (for VK, the console, text files and button labels); a link
    reads «text (address)»."""
    linked = _LINK.sub(lambda m: m[2] if m[2] == m[1] else f"{m[2]} ({m[1]})", text)
    return html.unescape(_TAG.sub("", linked))


class MissingText(KeyError):
    """A locale key or template that does not exist: a programming error, caught by tests."""


def _escape(value: Any) -> Any:
    """A string escaped unless it is Markup already; numbers and dates stay Fluent's to format."""
    return escape(value) if isinstance(value, str) else value


@cache
def _bundle(locale: str) -> FluentBundle:
    bundle = FluentBundle([locale], use_isolating=False)
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


def keys(locale: str) -> set[str]:
    """Every message key defined for a locale."""
    return set(_bundle(locale)._messages)


def has(key: str, locale: str) -> bool:
    """True when the locale defines `key`."""
    return _bundle(locale).has_message(key)


def t(key: str, locale: str, **params: Any) -> Markup:
    """A short localized string; `str` parameters are HTML-escaped, `Markup` ones kept."""
    bundle = _bundle(locale)
    if not bundle.has_message(key):
        raise MissingText(f"{locale}: {key}")
    message = bundle.get_message(key)
    if message.value is None:
        raise MissingText(f"{locale}: {key} has no value")
    text, errors = bundle.format_pattern(message.value, {k: _escape(v) for k, v in params.items()})
    if errors:
        raise MissingText(f"{locale}: {key}: {errors[0]}")
    return Markup(text)


@cache
def _jinja() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def render(name: str, locale: str, **params: Any) -> Markup:
    """A long text from `templates/<locale>/<name>.j2`; values are autoescaped, Markup kept."""
    template = _jinja().get_template(f"{locale}/{name}.j2")
    return Markup(template.render(t=lambda key, **kw: t(key, locale, **kw), **params).strip())


def pick_locale(language_code: str | None, default: str) -> str:
    """The supported locale matching a platform language code such as `en-GB`."""
    if language_code:
        short = language_code.split("-")[0].lower()
        if short in SUPPORTED_LOCALES:
            return short
    return default
