"""/pending «Ждёт вашего ответа»: everything awaiting the person's answer, each item shown as the
notice that asked for it, with the same answer buttons (one answer path, wherever it is pressed).
The programme card, the plan and «Продлить срок» show their programme's items the same way."""

from __future__ import annotations

from markupsafe import Markup

from bot.core.flow import Context, Replies, Router
from bot.core.models import Notification, ProgrammeRequest
from bot.core.services import pending, practices, programmes, speed, surveys
from handlers import notifications, practice_review, survey_view
from handlers.common import help_hint

router = Router()


async def replies_of(ctx: Context, items: list[pending.Awaiting]) -> Replies:
    """Each item as its notice showed it: the same text, the same answer buttons."""
    assert ctx.person is not None
    replies: Replies = []
    for item in items:
        # Rendered by the notice's own renderer; the row is never stored, nothing is sent later.
        notice = Notification(
            template=item.template, params=item.params, subject_id=item.subject_id
        )
        replies += await notifications.render(ctx.session, notice, ctx.person) or []
    return replies


async def of_programme(ctx: Context, programme_id: int, skip: tuple[str, ...] = ()) -> Replies:
    """What awaits this person's answer in one programme (but the `skip` templates)."""
    assert ctx.person is not None
    items = await pending.awaiting(ctx.session, ctx.person, ctx.is_staff, programme_id, ctx.now)
    return await replies_of(ctx, [i for i in items if i.template not in skip])


async def count(ctx: Context) -> int:
    """How many things await this person's answer."""
    assert ctx.person is not None
    items = await pending.awaiting(ctx.session, ctx.person, ctx.is_staff, now=ctx.now)
    invited = await speed.unanswered(ctx.session, ctx.person.id, ctx.now)
    surveys_due = await surveys.unanswered(ctx.session, ctx.person.id, ctx.now)
    shared = await practices.awaiting(ctx.session, ctx.person, ctx.is_staff)
    return len(items) + len(invited) + len(surveys_due) + len(shared)


async def invitations(ctx: Context) -> Replies:
    """Speed-mentoring invitations and surveys not yet answered, shown as the invitation was (a
    survey begun: Continue, from the first question not yet answered)."""
    assert ctx.person is not None
    replies: Replies = []
    for event in await speed.unanswered(ctx.session, ctx.person.id, ctx.now):
        notice = Notification(template="speed-invite", params={"event_id": event.id})
        replies += await notifications.render(ctx.session, notice, ctx.person) or []
    return replies + await survey_view.pending(ctx.session, ctx.person, ctx.now)


async def who_is_awaited(ctx: Context, request: ProgrammeRequest) -> Markup:
    """The names of those whose answer a proposal awaits."""
    people = await pending.waiting_for(ctx.session, request)
    names = ", ".join(notifications.shown_name(p, ctx.locale) for p in people)
    return ctx.t("awaiting-who", names=names or "—")


async def for_children(ctx: Context) -> Replies:
    """A parent's answers on their children's behalf, each as the notice that asked showed it."""
    replies: Replies = []
    for programme, child in await pending.for_children(ctx.session, ctx.account):
        params = {"programme_id": programme.id}
        notice = Notification(template=programmes.GUARDIAN_AGREEMENT, params=params)
        replies += await notifications.render(ctx.session, notice, child) or []
    return replies


@router.command("pending", needs_registration=False, aliases=("ждёт", "ответы"))
async def pending_command(ctx: Context) -> Replies:
    """Everything awaiting the person's answer (a parent's on a child's behalf too), or a clear
    word that nothing does."""
    items = (
        await pending.awaiting(ctx.session, ctx.person, ctx.is_staff, now=ctx.now)
        if ctx.person
        else []
    )
    invited = await invitations(ctx) if ctx.person else []
    shared = await practice_review.pending(ctx) if ctx.person else []
    replies = (await replies_of(ctx, items) if items else []) + invited
    replies += [reply for notice in shared for reply in notice] + await for_children(ctx)
    if not replies:
        return [ctx.reply("awaiting-none", help_hint(ctx))]
    children = len(await pending.for_children(ctx.session, ctx.account))
    count = len(items) + len(invited) + len(shared) + children
    return [ctx.reply("awaiting-title", count=count), *replies]
