"""What the media plan tells the curators: a draft to approve, the ask for photos after an
event, the digest about to go out, a quiet week, a moved slot, a failure (on the wall or in the
Telegram channel), and a finished post to publish by hand when there is no user token."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, File, Reply
from bot.core.models import MediaPost, Notification, Person, PostStatus
from bot.core.services import mediaplan
from bot.core.services.mediaplan_schedule import still_quiet
from handlers.buttons import Menu
from handlers.mediaplan import PostAction
from handlers.mediaplan_history import channel_failure
from handlers.notifications import renderer


def _open(post: MediaPost, locale: str, photos: bool = False) -> Button:
    key, payload = "btn-media-open", PostAction(post.id, "show")
    if photos:
        key, payload = "btn-media-photos", PostAction(post.id, "photos")
    return Button(texts.t(key, locale), payload.pack())


async def _post(
    session: AsyncSession, row: Notification, person: Person
) -> tuple[MediaPost, str, str] | None:
    """The post a notice is about, the reader's language, the post's kind in it (None: gone)."""
    post = await session.get(MediaPost, row.subject_id)
    if post is None:
        return None
    return post, person.locale, texts.t(f"media-kind-{post.kind}", person.locale)


@renderer("media-draft")
@renderer("media-photos-wanted")
@renderer("media-digest")
@renderer("media-slot-moved")
@renderer("media-failed")
async def about_post(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A notice about one post, with its text and a button to its card."""
    found = await _post(session, row, person)
    if found is None:
        return None
    post, locale, kind = found
    buttons = [_open(post, locale)]
    if row.template == "media-photos-wanted":
        buttons = [_open(post, locale, photos=True), *buttons]
    head = texts.t(row.template, locale, kind=kind, failure=post.failure or "")
    return [Reply(texts.t("media-notice", locale, head=head, text=post.text), [buttons])]


@renderer("media-channel-failed")
async def channel_failed(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The Telegram channel refused a post: why, and what to do."""
    found = await _post(session, row, person)
    if found is None:
        return None
    post, locale, kind = found
    text = texts.t("media-channel-failed", locale, kind=kind, failure=channel_failure(post, locale))
    return [Reply(text, [[_open(post, locale)]])]


@renderer("media-by-hand")
async def by_hand(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """The finished post and its photos, to publish by hand, and why."""
    found = await _post(session, row, person)
    if found is None:
        return None
    post, locale, kind = found
    head = texts.t("media-by-hand", locale, kind=kind)
    replies = [Reply(texts.t("media-notice", locale, head=head, text=post.text))]
    for photo in await mediaplan.photos(session, post.id):
        replies.append(
            Reply(texts.t("media-photo", locale), file=File(photo.name, photo.content, photo.mime))
        )
    if post.status == PostStatus.FAILED:
        done = Button(texts.t("btn-media-published", locale), PostAction(post.id, "done").pack())
        replies.append(Reply(texts.t("media-by-hand-done", locale), [[done, _open(post, locale)]]))
    return replies


@renderer("media-quiet")
async def quiet(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """Nothing went to the wall for almost a week (void if something did, or is on its way)."""
    if not await still_quiet(session, datetime.fromisoformat(str(row.params["since"]))):
        return None
    locale = person.locale
    plan = Button(texts.t("btn-media-plan", locale), Menu("mediaplan").pack())
    return [Reply(texts.t("media-quiet", locale), [[plan]])]
