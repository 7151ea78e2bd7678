"""/achievements: one's achievements with their status, each a card with its proof, «Изменить»
until the curator verifies it and «Отозвать» at any time; a mentor adds one for a mentee."""

from __future__ import annotations

from bot.core.conversation import Button, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Achievement, AchievementStatus, Person, Role
from bot.core.refusal import StaleButton
from bot.core.services import achievements
from handlers import achievement_wizard
from handlers.achievement_card import MARKS, card
from handlers.buttons import (
    AchievementList,
    AchievementQueue,
    AchievementVerdict,
    EditAchievement,
    NewAchievement,
    OpenAchievement,
    PortfolioView,
    WithdrawAchievement,
)
from handlers.common import help_hint
from handlers.notifications import shown_name
from handlers.pages import page_rows

router = Router()
SHOWN = 6  # cards, two a row; with «Добавить», «Наставляемому», the portfolio and Help: VK's six
# rows and ten buttons
MENTEES_PAGE = 7  # with «Назад», «Дальше» and Help, within VK's ten


def _me(ctx: Context) -> Person:
    assert ctx.person is not None
    return ctx.person


@router.command("achievements", aliases=("достижения",))
async def list_command(ctx: Context) -> Replies:
    """One's achievements, newest first, with «Добавить» (a mentee) and «Наставляемому» (a
    mentor of running or completed programmes)."""
    return await _listing(ctx)


@router.button(AchievementList)
async def list_button(ctx: Context, _: AchievementList) -> Replies:
    """The list, from a button."""
    return await _listing(ctx)


async def _listing(ctx: Context) -> Replies:
    me = _me(ctx)
    mine = await achievements.of_person(ctx.session, me.id)
    cards = [
        Button(fit_label(f"{MARKS.get(a.status, '')} {a.title}"), OpenAchievement(a.id).pack())
        for a in mine[:SHOWN]
    ]
    rows = [cards[i : i + 2] for i in range(0, len(cards), 2)]
    adding = []
    if Role.MENTEE in me.role_set:
        adding.append(ctx.button("btn-achievement-add", NewAchievement()))
    if await achievements.mentees_of(ctx.session, me.id):
        adding.append(ctx.button("btn-achievement-for-mentee", NewAchievement(choose=True)))
    if not adding and not mine:
        return [ctx.reply("achievement-none-mentees-only", help_hint(ctx))]
    rows += [adding] if adding else []
    rows.append([ctx.button("btn-portfolio-mine", PortfolioView(me.id))])
    key = "achievement-list" if mine else "achievement-list-empty"
    if not mine and Role.MENTEE not in me.role_set:
        key = "achievement-list-mentor"
    return [ctx.reply(key, [*rows, *help_hint(ctx)], count=len(mine), shown=SHOWN)]


async def card_buttons(ctx: Context, found: Achievement) -> list[list[Button]]:
    """What this person may do with the achievement: the curator's verdict while it waits,
    the owner's «Изменить» (until verified) and «Отозвать»."""
    me = _me(ctx)
    rows: list[list[Button]] = []
    if me.role_set & STAFF and found.status == AchievementStatus.PENDING:
        rows.append(
            [
                ctx.button("btn-achievement-verify", AchievementVerdict(found.id, True)),
                ctx.button("btn-achievement-reject", AchievementVerdict(found.id, False)),
            ]
        )
    if await achievements.may_manage(ctx.session, found, me):
        row = []
        if found.status in achievements.EDITABLE:
            row.append(ctx.button("btn-achievement-edit", EditAchievement(found.id)))
        row.append(ctx.button("btn-achievement-withdraw", WithdrawAchievement(found.id)))
        rows.append(row)
        rows.append([ctx.button("btn-achievements", AchievementList())])
    elif me.role_set & STAFF:
        rows.append([ctx.button("btn-achievement-queue", AchievementQueue())])
    return rows


@router.button(OpenAchievement)
async def open_card(ctx: Context, payload: OpenAchievement) -> Replies:
    """An achievement's card, for its owner, the mentor who manages it or a curator."""
    found = await achievements.visible(ctx.session, payload.achievement_id, _me(ctx))
    return [await card(ctx.session, found, ctx.locale, await card_buttons(ctx, found))]


@router.button(WithdrawAchievement)
async def withdraw(ctx: Context, payload: WithdrawAchievement) -> Replies:
    """Withdraw: asked once more, then done (a verified one too)."""
    found = await achievements.visible(ctx.session, payload.achievement_id, _me(ctx))
    if not await achievements.may_manage(ctx.session, found, _me(ctx)):
        raise StaleButton()
    if not payload.sure:
        rows = [
            [
                ctx.button("btn-achievement-withdraw-sure", WithdrawAchievement(found.id, True)),
                ctx.button("btn-achievement-keep", OpenAchievement(found.id)),
            ]
        ]
        return [ctx.reply("achievement-withdraw-sure", rows, title=found.title)]
    await achievements.withdraw(ctx.session, _me(ctx), found.id, ctx.now)
    back = [[ctx.button("btn-achievements", AchievementList())]]
    return [ctx.reply("achievement-withdrawn", back, title=found.title)]


@router.button(NewAchievement, roles=(Role.MENTEE, Role.MENTOR))
async def new(ctx: Context, payload: NewAchievement) -> Replies:
    """Start the wizard for oneself or for the mentee named; `choose`: a page of the mentor's
    mentees."""
    me = _me(ctx)
    if not payload.choose:
        owner = await achievements.check_owner(ctx.session, me, payload.owner or me.id)
        return await achievement_wizard.start(ctx, owner.id)
    mentees = await achievements.mentees_of(ctx.session, me.id)
    if not mentees:
        raise StaleButton()
    buttons = [
        Button(fit_label(shown_name(p, ctx.locale)), NewAchievement(p.id).pack()) for p in mentees
    ]
    rows = page_rows(
        ctx, buttons, payload.page, MENTEES_PAGE, lambda n: NewAchievement(choose=True, page=n)
    )
    return [ctx.reply("achievement-choose-mentee", [*rows, *help_hint(ctx)])]
