"""An approved practice turned into an educational longread draft of the VK media plan, once per
practice: the practice's words go into the sandboxed post template as data."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import organisation, posts, texts
from bot.core.models import MediaPost, PostKind, Practice, PracticeStatus
from bot.core.refusal import StaleButton
from bot.core.services import mediaplan

AHEAD = timedelta(days=7)  # a longread draft is planned a week ahead; the curator may move it


def occasion_of(practice_id: int) -> str:
    """The media post's occasion that ties it to its practice."""
    return f"practice:{practice_id}"


async def longread(
    session: AsyncSession, practice_id: int, by: int, locale: str, now: datetime
) -> MediaPost:
    """The practice's longread draft: the one made before, or a new one (the curators told)."""
    practice = await session.get(Practice, practice_id)
    if practice is None or practice.status != PracticeStatus.APPROVED:
        raise StaleButton()
    occasion = occasion_of(practice.id)
    found = await session.execute(
        select(MediaPost).where(MediaPost.kind == PostKind.LONGREAD, MediaPost.occasion == occasion)
    )
    post = found.scalars().first()
    if post is not None:
        return post
    text = posts.render(
        PostKind.LONGREAD, locale, title=practice.title, done=practice.done,
        results=practice.results,
        form=texts.plain(texts.t(f"form-{practice.form}", locale)),
        format=organisation.shown("formats", practice.format or "", practice.format_note, locale),
    )  # fmt: skip
    made = await mediaplan.new_post(session, PostKind.LONGREAD, occasion, text, now + AHEAD, now)
    assert made is not None
    await mediaplan.log(session, made, "practice", by, now, str(practice.id))
    return made
