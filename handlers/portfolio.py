"""`/portfolio`: a person's verified digital footprint in chat, as a PDF and as JSON — for the
person, a minor's parent, the person's mentors and the curators (from the bank card)."""

from __future__ import annotations

import json

from markupsafe import Markup

from bot.core import dates, organisation, pdf, points
from bot.core.conversation import Button, File, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import Person
from bot.core.refusal import StaleButton
from bot.core.services import footprint, portfolio_access
from bot.core.services.achievements import KINDS
from handlers.buttons import AchievementList, PortfolioView
from handlers.common import help_hint, unregistered

router = Router()
MAX_CHOICES = 9  # two to a row, with Help: within VK's ten buttons and six rows


@router.command("portfolio", needs_registration=False, aliases=("портфолио",))
async def portfolio_command(ctx: Context) -> Replies:
    """One's own portfolio; a parent's child's, a mentor's mentee's: chosen when several."""
    offered = await portfolio_access.choices(ctx.session, ctx.account)
    if not offered:
        return await unregistered(ctx)
    if len(offered) == 1:
        return await show(ctx, offered[0])
    flat = [Button(_choice_label(ctx, p), PortfolioView(p.id).pack()) for p in offered]
    shown = flat[:MAX_CHOICES]
    rows = [shown[i : i + 2] for i in range(0, len(shown), 2)]
    return [ctx.reply("portfolio-choose", [*rows, *help_hint(ctx)])]


def _choice_label(ctx: Context, person: Person) -> str:
    if ctx.person is not None and person.id == ctx.person.id:
        return ctx.t("btn-portfolio-mine")
    return ctx.t("btn-portfolio-of", name=person.name or "")


@router.button(PortfolioView)
async def portfolio_button(ctx: Context, payload: PortfolioView) -> Replies:
    """The portfolio, its PDF or its JSON, if this person may see it; else a stale button."""
    person = await portfolio_access.visible(ctx.session, ctx.account, payload.person_id)
    if person is None:
        raise StaleButton()
    if payload.view == "chat":
        return await show(ctx, person)
    found = await footprint.build(ctx.session, person, ctx.zone, ctx.now, ctx.locale)
    org = organisation.current().name
    if payload.view == "pdf":
        content = pdf.pdf(_text(ctx, found, document=True))
        file = File(f"portfolio-{person.id}.pdf", content, pdf.PDF_MIME)
    else:
        data = json.dumps(footprint.as_json(found, org), ensure_ascii=False, indent=2)
        file = File(f"portfolio-{person.id}.json", data.encode(), "application/json")
    return [Reply(ctx.t(f"portfolio-{payload.view}-caption"), _buttons(ctx, person), file=file)]


async def show(ctx: Context, person: Person) -> Replies:
    """The portfolio in chat, with PDF and JSON buttons."""
    found = await footprint.build(ctx.session, person, ctx.zone, ctx.now, ctx.locale)
    return [Reply(_text(ctx, found, document=False), _buttons(ctx, person))]


def _buttons(ctx: Context, person: Person) -> list[list[Button]]:
    """PDF and JSON; one's own portfolio also leads to one's achievements (to add one)."""
    rows = [
        [
            ctx.button("btn-portfolio-pdf", PortfolioView(person.id, "pdf")),
            ctx.button("btn-portfolio-json", PortfolioView(person.id, "json")),
        ]
    ]
    if ctx.person is not None and ctx.person.id == person.id:
        rows.append([ctx.button("btn-achievements", AchievementList())])
    return [*rows, *help_hint(ctx)]


def _text(ctx: Context, found: footprint.Footprint, *, document: bool) -> Markup:
    """The portfolio as text: for the chat, or for the PDF (with the organisation, the date it
    was made and the points as a table)."""
    return ctx.render(
        "portfolio",
        fp=found,
        document=document,
        org=organisation.current().name,
        day=lambda d: dates.format_date(d, ctx.locale),
        num=points.number,
        kind=lambda key: _kind(key, ctx.locale),
    )


def _kind(key: str, locale: str) -> Markup:
    """An achievement kind's name, from the organisation's list (a dropped kind keeps its
    shipped name; an unknown one reads as its key)."""
    return Markup.escape(organisation.shown(KINDS, key, None, locale))
