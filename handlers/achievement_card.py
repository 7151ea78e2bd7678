"""How an achievement reads: its details (the card and the wizard's summary) and its card with
the proof, for the owner, the mentor, the curator and the notices."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import dates, organisation, texts
from bot.core.conversation import Button, File, Reply
from bot.core.models import Achievement, AchievementStatus, Person, StoredFile
from bot.core.services import achievements
from handlers.notifications import shown_name

MARKS = {"pending": "⏳", "verified": "✅", "rejected": "❌"}


def describe(
    locale: str, title: str, kind: str, level: str, result: str, achieved_on: date
) -> Markup:
    """What an achievement says, as its card and the wizard's summary show it."""
    return texts.t(
        "achievement-details",
        locale,
        title=title,
        kind=organisation.shown(achievements.KINDS, kind, None, locale),
        level=texts.t(f"achievement-level-{level}", locale),
        result=texts.t(f"achievement-result-{result}", locale),
        date=dates.format_date(achieved_on, locale),
    )


async def card(
    session: AsyncSession, found: Achievement, locale: str, buttons: list[list[Button]]
) -> Reply:
    """An achievement's card: whose, what, its status (and the curator's reason), its proof
    (a link shown, a photo or PDF sent with it)."""
    owner = await session.get(Person, found.person_id)
    lines = [
        texts.t("achievement-card-title", locale, name=shown_name(owner, locale)),
        describe(locale, found.title, found.kind, found.level, found.result, found.achieved_on),
        texts.t(
            "achievement-status",
            locale,
            mark=MARKS.get(found.status, ""),
            state=texts.t(f"achievement-state-{found.status}", locale),
        ),
    ]
    if found.status == AchievementStatus.REJECTED and found.reason:
        lines.append(texts.t("achievement-reason", locale, reason=found.reason))
    if found.proof_url:
        lines.append(texts.t("achievement-proof-link", locale, url=found.proof_url))
    stored = await session.get(StoredFile, found.proof_file_id) if found.proof_file_id else None
    file = File(stored.name, stored.content, stored.mime) if stored else None
    return Reply(Markup("\n").join(lines), buttons, file=file)
