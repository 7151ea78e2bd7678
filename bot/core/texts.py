"""Locale strings (Fluent, `locales/<lang>/*.ftl`) and long texts (Jinja2, `templates/<lang>/`).

Every parameter is HTML-escaped before it is put into a text, so whatever a person typed can never
become markup. The result is the limited HTML that `Reply.text` carries.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bot import resources
from bot.config import SUPPORTED_LOCALES

LOCALES_DIR = resources.folder("locales")
TEMPLATES_DIR = resources.folder("templates")


_TAG = re.compile(r"</?(?:b|i|code)>")


def plain(text: str) -> str:
    """Limited HTML as plain text (for VK, the console and text files)."""
    return html.unescape(_TAG.sub("", text))


class MissingText(KeyError):
    """A locale key or template that does not exist: a programming error, caught by tests."""


def _escape(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value


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


def t(key: str, locale: str, **params: Any) -> str:
    """A short localized string, with HTML-escaped parameters."""
    bundle = _bundle(locale)
    if not bundle.has_message(key):
        raise MissingText(f"{locale}: {key}")
    message = bundle.get_message(key)
    if message.value is None:
        raise MissingText(f"{locale}: {key} has no value")
    text, errors = bundle.format_pattern(message.value, {k: _escape(v) for k, v in params.items()})
    if errors:
        raise MissingText(f"{locale}: {key}: {errors[0]}")
    return str(text)


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


def render(name: str, locale: str, **params: Any) -> str:
    """A long text from `templates/<locale>/<name>.j2`; values are autoescaped."""
    template = _jinja().get_template(f"{locale}/{name}.j2")
    return template.render(t=lambda key, **kw: Markup(t(key, locale, **kw)), **params).strip()


def pick_locale(language_code: str | None, default: str) -> str:
    """The supported locale matching a platform language code such as `en-GB`."""
    if language_code:
        short = language_code.split("-")[0].lower()
        if short in SUPPORTED_LOCALES:
            return short
    return default
