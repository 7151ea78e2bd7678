"""The curator's review of practices: the queue under /stats, the notice of each submission (with
its files), «Одобрить» / «На доработку» / «Отклонить» with typed words; the notices to the
mentor (the invitation, each verdict), also shown in /pending."""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Notification, Person, Practice, PracticeStatus
from bot.core.services import practices
from handlers import notifications, practice_view
from handlers.common import help_hint
from handlers.notifications import help_button, renderer
from handlers.pages import page_rows
from handlers.practice_buttons import (
    PracticeInvite,
    PracticeMedia,
    PracticeOpen,
    PracticeQueue,
    PracticeReview,
    PracticeRework,
)

router = Router()
PAGE = 5  # practices one a row, the page switch and «Помощь»: within VK's six rows


def queue_button(ctx: Context, count: int) -> Button:
    """«Практики на проверку (N)» under /stats."""
    return ctx.button("btn-practices-queue", PracticeQueue(), n=count)


@router.button(PracticeQueue, roles=STAFF)
async def show_queue(ctx: Context, payload: PracticeQueue) -> Replies:
    """The practices waiting for a curator, oldest first, each a button."""
    waiting = await practices.queue(ctx.session)
    if not waiting:
        return [ctx.reply("practices-queue-empty", help_hint(ctx))]
    buttons = [
        Button(practice_view.label(p, ctx.locale), PracticeOpen(p.id).pack()) for p in waiting
    ]
    rows = page_rows(ctx, buttons, payload.page, PAGE, PracticeQueue)
    return [ctx.reply("practices-queue", [*rows, *help_hint(ctx)], n=len(waiting))]


@router.button(PracticeReview, roles=STAFF)
async def review(ctx: Context, payload: PracticeReview) -> Replies:
    """Approve at once; a request for changes or a refusal asks for the words first."""
    assert ctx.person is not None
    if payload.act == "approve":
        practice = await practices.review(
            ctx.session, payload.practice_id, ctx.person.id, "approve", None, ctx.now
        )
        return [ctx.reply("practice-approved-done", _after(ctx, practice), title=practice.title)]
    waiting = await ctx.session.get(Practice, payload.practice_id)
    if waiting is None or waiting.status != PracticeStatus.SUBMITTED:
        return [ctx.reply("practice-already-reviewed", help_hint(ctx))]
    await ctx.goto("prc_comment", practice=waiting.id, act=payload.act)
    return await ask_comment(ctx)


def _after(ctx: Context, practice: Practice) -> list[list[Button]]:
    """After a verdict: the longread (for an approved practice) and the queue."""
    rows = []
    if practice.status == PracticeStatus.APPROVED:
        rows.append([ctx.button("btn-practice-media", PracticeMedia(practice.id))])
    return [*rows, [ctx.button("btn-practices-queue-short", PracticeQueue())]]


async def ask_comment(ctx: Context) -> Replies:
    """Question: what to change, or why the practice is declined (unless it was reviewed
    meanwhile)."""
    if not await _still_waiting(ctx):
        await ctx.finish()
        return [ctx.reply("practice-already-reviewed", help_hint(ctx))]
    key = "practice-ask-changes" if ctx.data.get("act") == "changes" else "practice-ask-reason"
    return [ctx.reply(key, max=practices.MAX_COMMENT)]


async def take_comment(ctx: Context) -> Replies:
    """The verdict with the curator's words; the author is told."""
    assert ctx.person is not None
    if not await _still_waiting(ctx):
        return await ask_comment(ctx)
    act = str(ctx.data.get("act"))
    practice = await practices.review(
        ctx.session, int(ctx.data["practice"]), ctx.person.id, act, ctx.incoming.text, ctx.now
    )
    await ctx.finish()
    return [ctx.reply(f"practice-{act}-done", _after(ctx, practice), title=practice.title)]


async def _still_waiting(ctx: Context) -> bool:
    practice = await ctx.session.get(Practice, int(ctx.data.get("practice", 0)))
    return practice is not None and practice.status == PracticeStatus.SUBMITTED


router.state("prc_comment", ask_comment, take_comment)


async def _practice(session: AsyncSession, row: Notification) -> Practice | None:
    return await session.get(Practice, int(row.params.get("practice_id", 0)))


@renderer(practices.INVITE)
async def invitation(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The mentor's invitation to share a practice, while its draft is not sent."""
    practice = await _practice(session, row)
    if practice is None or practice.status != PracticeStatus.DRAFT:
        return None
    locale = person.locale
    share, later = PracticeInvite(practice.id, True), PracticeInvite(practice.id, False)
    buttons = [
        [
            Button(texts.t("btn-practice-share", locale), share.pack()),
            Button(texts.t("btn-practice-not-now", locale), later.pack()),
        ]
    ]
    text = texts.t(practices.INVITE, locale, id=practice.programme_id or 0)
    return [Reply(text, buttons)]


@renderer(practices.SUBMITTED)
async def submitted(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """A practice for the curator to review, with its files; only while it still waits."""
    practice = await _practice(session, row)
    if practice is None or practice.status != PracticeStatus.SUBMITTED:
        return None
    locale = person.locale
    card = await practice_view.card(session, practice, locale)
    heading = texts.t(practices.SUBMITTED, locale, round=practice.round)
    text = Markup("\n\n").join([heading, card])
    files = await practice_view.file_replies(session, practice, locale)
    return [Reply(text, practice_view.review_rows(locale, practice.id)), *files]


@renderer(practices.VERDICT)
async def verdict(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """The curator's verdict for the author: approved, back for changes (with «Доработать»),
    or declined, with the curator's words."""
    practice = await _practice(session, row)
    status = str(row.params.get("status", ""))
    if practice is None or practice.status != status:
        return None
    locale = person.locale
    text = texts.t(
        f"practice-verdict-{status}", locale, title=practice.title, comment=practice.comment or ""
    )
    if status == PracticeStatus.CHANGES_REQUESTED:
        rework = texts.t("btn-practice-rework", locale)
        return [Reply(text, [[Button(rework, PracticeRework(practice.id).pack())]])]
    if status == PracticeStatus.APPROVED:
        label = texts.t("btn-practice-open", locale)
        return [Reply(text, [[Button(label, PracticeOpen(practice.id).pack())]])]
    return [Reply(text, help_button(locale))]


async def pending(ctx: Context) -> list[Replies]:
    """Practices awaiting this person's answer, each shown as the notice that asked (its
    messages)."""
    assert ctx.person is not None
    shown = []
    for practice in await practices.awaiting(ctx.session, ctx.person, ctx.is_staff):
        notice = practices.notice_of(practice)
        row = Notification(template=notice.template, params=notice.params)
        shown.append(await notifications.render(ctx.session, row, ctx.person) or [])
    return [replies for replies in shown if replies]
