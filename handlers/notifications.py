"""How outbox rows become messages: each template key is rendered in the recipient's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core import texts
from bot.core.conversation import Button, Reply
from bot.core.models import Notification

Renderer = Callable[[Notification, str], list[Reply]]

# Templates that need more than a text and a Help button register a renderer here.
RENDERERS: dict[str, Renderer] = {}


def render(notification: Notification, locale: str) -> list[Reply]:
    """The messages for one notification, in `locale`."""
    custom = RENDERERS.get(notification.template)
    if custom is not None:
        return custom(notification, locale)
    params: dict[str, Any] = dict(notification.params)
    text = texts.t(notification.template, locale, **params)
    return [Reply(text, [[Button(texts.t("btn-help", locale), "menu:help")]])]
