"""How a practice reads, wherever it is shown: its card, its files, its label on a button."""

from __future__ import annotations

from typing import Literal

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import organisation, texts
from bot.core.conversation import Button, File, Reply
from bot.core.models import Person, Practice
from bot.core.services import practices
from handlers.notifications import shown_name
from handlers.practice_buttons import PracticeReview


def form_of(practice: Practice, locale: str) -> str:
    """The practice's form of mentoring as it reads ("" before it is chosen)."""
    return texts.plain(texts.t(f"form-{practice.form}", locale)) if practice.form else ""


def format_of(practice: Practice, locale: str) -> str:
    """The practice's format of work as it reads ("" before it is chosen)."""
    if not practice.format:
        return ""
    return organisation.shown("formats", practice.format, practice.format_note, locale)


async def card(
    session: AsyncSession, practice: Practice, locale: str, *, author: bool = True,
    status: bool = False, comment: bool = False,
) -> Markup:  # fmt: skip
    """The practice as text: title, form, format, (author, status,) what was done, results,
    how many files (and the curator's comment)."""
    person = await session.get(Person, practice.author_id) if author else None
    return texts.render(
        "practice", locale, title=practice.title, form=form_of(practice, locale),
        format=format_of(practice, locale), author=shown_name(person, locale) if author else "",
        status=texts.t(f"practice-status-{practice.status}", locale) if status else "",
        done=practice.done, results=practice.results,
        files=len(await practices.files(session, practice.id)),
        comment=practice.comment if comment else "",
    )  # fmt: skip


async def file_replies(session: AsyncSession, practice: Practice, locale: str) -> list[Reply]:
    """The practice's files, one a message, each captioned with its title."""
    caption = texts.t("practice-file-caption", locale, title=practice.title)
    return [
        Reply(caption, file=File(f.name, f.content, f.mime))
        for f in await practices.files(session, practice.id)
    ]


def label(practice: Practice, locale: str) -> str:
    """A practice on a button: its title (or a word for an untitled draft)."""
    return practice.title or texts.plain(texts.t("practice-untitled", locale))


def review_rows(locale: str, practice_id: int) -> list[list[Button]]:
    """The curator's three verdict buttons."""

    def button(key: str, act: Literal["approve", "changes", "decline"]) -> Button:
        return Button(texts.t(key, locale), PracticeReview(practice_id, act).pack())

    return [
        [button("btn-practice-approve", "approve"), button("btn-practice-changes", "changes")],
        [button("btn-practice-decline", "decline")],
    ]
