"""Media-plan posts rendered from `templates/posts/<locale>/<kind>.j2` in a sandboxed Jinja2
environment: plain text for a wall, the curator's words passed in as data, never as a template."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from bot.core.texts import TEMPLATES_DIR

MAX_TEXT = 15_000  # characters a wall post may carry (VK's own limit is 16,384)


@cache
def _env() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES_DIR / "posts"),
        undefined=StrictUndefined,
        autoescape=False,  # a wall post is plain text
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(kind: str, locale: str, **params: Any) -> str:
    """The draft of a post of `kind` in `locale`, from the values in `params`."""
    text = _env().get_template(f"{locale}/{kind}.j2").render(**params)
    return text.strip()[:MAX_TEXT]
