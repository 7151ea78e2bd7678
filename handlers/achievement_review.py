"""The curator's check of achievements: the queue (from /stats), each card with its proof,
«Подтвердить» or «Отклонить» with a reason typed; the notices of a new submission (to every
curator) and of the verdict (to the owner and the mentor who added it)."""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    STAFF,
    Achievement,
    AchievementStatus,
    Notification,
    Person,
)
from bot.core.refusal import Refusal
from bot.core.services import achievements
from handlers.achievement_card import card
from handlers.buttons import (
    AchievementQueue,
    AchievementVerdict,
    EditAchievement,
    OpenAchievement,
)
from handlers.common import help_hint
from handlers.notifications import renderer, shown_name

router = Router()
SHOWN = 8  # cards on the queue's page, with Help within VK's ten


async def queue_button(ctx: Context) -> Button:
    """«Достижения на проверку (N)» for /stats."""
    waiting = len(await achievements.queue(ctx.session))
    return ctx.button("btn-achievement-queue-count", AchievementQueue(), count=waiting)


@router.button(AchievementQueue, roles=STAFF)
async def show_queue(ctx: Context, _: AchievementQueue) -> Replies:
    """The achievements waiting for a check, oldest first, each opening its card."""
    waiting = await achievements.queue(ctx.session)
    if not waiting:
        return [ctx.reply("achievement-queue-empty", help_hint(ctx))]
    rows = []
    for found in waiting[:SHOWN]:
        owner = await ctx.session.get(Person, found.person_id)
        label = f"{shown_name(owner, ctx.locale)} — {found.title}"
        rows.append([Button(fit_label(label), OpenAchievement(found.id).pack())])
    return [ctx.reply("achievement-queue", [*rows, *help_hint(ctx)], count=len(waiting))]


@router.button(AchievementVerdict, roles=STAFF)
async def verdict(ctx: Context, payload: AchievementVerdict) -> Replies:
    """Verify at once; reject: the reason is asked first. Decided already: said so."""
    assert ctx.person is not None
    found = await ctx.session.get(Achievement, payload.achievement_id)
    if found is None or found.status == AchievementStatus.WITHDRAWN:
        raise Refusal("achievement-gone")
    if found.status != AchievementStatus.PENDING:
        raise Refusal("achievement-already-decided")
    if not payload.verify:
        await ctx.goto("ach_reason", achievement=found.id)
        return await ask_reason(ctx)
    await achievements.decide(ctx.session, ctx.person, found.id, True, None, ctx.now)
    return [ctx.reply("achievement-verified-done", _next(ctx), title=found.title)]


def _next(ctx: Context) -> list[list[Button]]:
    return [[ctx.button("btn-achievement-queue", AchievementQueue())], *help_hint(ctx)]


async def ask_reason(ctx: Context) -> Replies:
    """Question: why it is rejected (the owner reads it)."""
    return [ctx.reply("achievement-ask-reason", max=achievements.MAX_REASON)]


async def take_reason(ctx: Context) -> Replies:
    """The reason typed: the achievement is rejected; once another curator decided it (or it
    was withdrawn) while the reason was typed, the question ends with a word why."""
    assert ctx.person is not None
    achievement_id = int(ctx.data["achievement"])
    reason = (ctx.incoming.text or "").strip()
    if not 0 < len(reason) <= achievements.MAX_REASON:
        raise Refusal("achievement-reason-invalid", max=achievements.MAX_REASON)
    found = await ctx.session.get(Achievement, achievement_id)
    if found is None or found.status != AchievementStatus.PENDING:
        await ctx.finish()
        return [ctx.reply("achievement-already-decided", _next(ctx))]
    await ctx.finish()
    found = await achievements.decide(
        ctx.session, ctx.person, achievement_id, False, reason, ctx.now
    )
    return [ctx.reply("achievement-rejected-done", _next(ctx), title=found.title)]


async def _notice(session: AsyncSession, row: Notification, person: Person) -> Achievement | None:
    found = await session.get(Achievement, int(row.params.get("achievement_id", 0)))
    if found is None or found.status == AchievementStatus.WITHDRAWN:
        return None
    return found


@renderer(achievements.SUBMITTED)
async def submitted(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """A curator's notice of an achievement to check, with its proof and the verdict buttons;
    void once it is decided."""
    found = await _notice(session, row, person)
    if found is None or found.status != AchievementStatus.PENDING:
        return None
    locale = person.locale
    buttons = [
        [
            Button(
                texts.t("btn-achievement-verify", locale), AchievementVerdict(found.id, True).pack()
            ),
            Button(
                texts.t("btn-achievement-reject", locale),
                AchievementVerdict(found.id, False).pack(),
            ),
        ]
    ]
    shown = await card(session, found, locale, buttons)
    shown.text = Markup("\n").join([texts.t("achievement-submitted", locale), shown.text])
    return [shown]


@renderer(achievements.VERIFIED)
@renderer(achievements.REJECTED)
async def decided(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """The verdict for the owner (and the mentor who added it); a rejection offers «Изменить»."""
    found = await _notice(session, row, person)
    if found is None:
        return None
    locale = person.locale
    buttons = [[Button(texts.t("btn-achievement-open", locale), OpenAchievement(found.id).pack())]]
    if row.template == achievements.REJECTED and found.status == AchievementStatus.REJECTED:
        label = texts.t("btn-achievement-edit", locale)
        buttons.insert(0, [Button(label, EditAchievement(found.id).pack())])
    text = texts.t(row.template, locale, title=found.title, reason=found.reason or "")
    return [Reply(text, buttons)]


router.state("ach_reason", ask_reason, take_reason)
