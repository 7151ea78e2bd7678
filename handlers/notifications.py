"""How outbox rows become messages: each template is rendered in the recipient's language.

A template with no renderer of its own is a locale key shown with a Help button. A renderer may
return None: the notification is no longer relevant (say, the milestone was done) and is voided.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, Reply
from bot.core.models import Notification, Person, PersonStatus
from handlers.buttons import Menu

Renderer = Callable[[AsyncSession, Notification, Person], Awaitable[list[Reply] | None]]

RENDERERS: dict[str, Renderer] = {}


def renderer(template: str) -> Callable[[Renderer], Renderer]:
    """Register the renderer of one notification template."""

    def register(func: Renderer) -> Renderer:
        RENDERERS[template] = func
        return func

    return register


def help_button(locale: str) -> list[list[Button]]:
    """The Help button under a notification."""
    return [[Button(texts.t("btn-help", locale), Menu("help").pack())]]


def shown_name(person: Person | None, locale: str) -> str:
    """A person as a notice names them, looked up when it is sent: once they have withdrawn
    consent (or if they never gave a name) a neutral word, never an old name."""
    if person is None or person.status == PersonStatus.ERASED or not person.name:
        return texts.t("person-erased", locale)
    return person.name


async def render(
    session: AsyncSession, notification: Notification, person: Person
) -> list[Reply] | None:
    """The messages for one notification, in the recipient's language (None: void it)."""
    custom = RENDERERS.get(notification.template)
    if custom is not None:
        return await custom(session, notification, person)
    params: dict[str, Any] = dict(notification.params)
    text = texts.t(notification.template, person.locale, **params)
    return [Reply(text, help_button(person.locale))]
