"""/mydata and /forget: a person's rights over their data (152-FZ art. 9 and 14)."""

from __future__ import annotations

import json
from datetime import datetime

from markupsafe import Markup

from bot.core import timezones
from bot.core.conversation import Button, File, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import Person
from bot.core.refusal import StaleButton
from bot.core.services import consent, erasure, minors, mydata, programmes
from handlers.buttons import ForgetAnswer, ForgetChild, ForgetMine, Menu
from handlers.common import help_hint

router = Router()


@router.command("mydata", needs_registration=False, aliases=("моиданные", "данные"))
async def show_my_data(ctx: Context) -> Replies:
    """Everything stored about me: a readable message and the same as a JSON file."""
    record = await mydata.collect(ctx.session, ctx.account, ctx.person)
    zone = ctx.person.timezone if ctx.person else ctx.settings.default_timezone
    text = ctx.render(
        "mydata",
        record=record,
        local=lambda iso: timezones.to_local(datetime.fromisoformat(iso), zone).strftime(
            "%d.%m.%Y %H:%M"
        ),
        zone=lambda name: timezones.describe(name, ctx.now, ctx.locale),
    )
    content = json.dumps(record, ensure_ascii=False, indent=2).encode()
    file = File("mydata.json", content, "application/json")
    return [Reply(text, help_hint(ctx)), Reply(ctx.t("mydata-file-caption"), file=file)]


@router.command("forget", needs_registration=False, aliases=("забудь", "удалить"))
async def forget(ctx: Context) -> Replies:
    """Ask to confirm the withdrawal of consent (anyone who gave it, registered or not); a parent
    first chooses whose: their own, or the one given for a child."""
    if await consent.given_as_parent(ctx.session, ctx.account, active_only=True):
        await ctx.goto("forget_choose")
        return await ask_whose(ctx)
    if ctx.person is None:
        return [ctx.reply("forget-nothing", help_hint(ctx))]
    await ctx.goto("forget_confirm")
    return await ask_confirmation(ctx)


async def ask_whose(ctx: Context) -> Replies:
    """Question: my own consent, or the one I gave for my child (one button per child)?"""
    rows = [[ctx.button("btn-forget-mine", ForgetMine())]] if ctx.person is not None else []
    for _, child in await consent.given_as_parent(ctx.session, ctx.account, active_only=True):
        label = fit_label(ctx.t("btn-forget-child", name=child.name or "—"))
        rows.append([Button(label, ForgetChild(child.id).pack())])
    rows.append([ctx.button("btn-forget-no", ForgetAnswer(erase=False))])
    return [ctx.reply("forget-whose", rows)]


@router.button(ForgetMine, states=["forget_choose"])
async def forget_mine(ctx: Context, _: ForgetMine) -> Replies:
    """The parent's own consent: the usual confirmation."""
    if ctx.person is None:
        raise StaleButton()
    await ctx.goto("forget_confirm")
    return await ask_confirmation(ctx)


@router.button(ForgetChild, states=["forget_choose"])
async def forget_child(ctx: Context, payload: ForgetChild) -> Replies:
    """The consent given for this child (checked: given from this person's accounts)."""
    if await _my_child(ctx, payload.child) is None:
        raise StaleButton()
    await ctx.goto("forget_child_confirm", child=payload.child)
    return await ask_child_confirmation(ctx)


async def _my_child(ctx: Context, child_id: object) -> Person | None:
    """That child, while a consent this parent gave for them stands."""
    given = await consent.given_as_parent(ctx.session, ctx.account, active_only=True)
    return next((child for _, child in given if child.id == child_id), None)


async def ask_confirmation(ctx: Context) -> Replies:
    """Question: really withdraw consent and erase my data?"""
    assert ctx.person is not None
    ends = await _what_ends(ctx, ctx.person)
    return [Reply(Markup(" ").join([*ends, ctx.t("forget-confirm")]), _yes_no(ctx))]


async def ask_child_confirmation(ctx: Context) -> Replies:
    """Question: really withdraw the consent given for the child, erasing the child's data?"""
    child = await _my_child(ctx, ctx.data.get("child"))
    if child is None:
        await ctx.finish()
        return [ctx.reply("forget-cancelled", help_hint(ctx))]
    ends = await _what_ends(ctx, child, "forget-child")
    question = ctx.t("forget-child-confirm", name=child.name or "—")
    return [Reply(Markup(" ").join([*ends, question]), _yes_no(ctx))]


def _yes_no(ctx: Context) -> list[list[Button]]:
    return [
        [
            ctx.button("btn-forget-yes", ForgetAnswer(erase=True)),
            ctx.button("btn-forget-no", ForgetAnswer(erase=False)),
        ]
    ]


async def _what_ends(ctx: Context, person: Person, whose: str = "forget") -> list[Markup]:
    """The programmes that end and the groups the person leaves, or that nothing is running
    (`whose`: the prefix of the keys that say so of oneself, or of one's child)."""
    ends: list[Markup] = []
    leaves: list[Markup] = []
    for programme in await programmes.programmes_of(ctx.session, person.id):
        everyone = await programmes.members(ctx.session, programme.id)
        others = ", ".join(p.name or "—" for _, p in everyone if p.id != person.id)
        item = ctx.t("forget-programme", id=programme.id, names=others)
        gone = programmes.goes_on_without(programme, everyone, person.id)
        (leaves if gone else ends).append(item)
    if not ends and not leaves:
        return [ctx.t(f"{whose}-nothing-running")]
    found = [("forget-ends", ends), (f"{whose}-leaves", leaves)]
    return [
        ctx.t(key, n=len(items), list=Markup(", ").join(items)) for key, items in found if items
    ]


@router.button(ForgetAnswer, states=["forget_choose", "forget_confirm", "forget_child_confirm"])
async def forget_answer(ctx: Context, answer: ForgetAnswer) -> Replies:
    """Yes: consent withdrawn and personal values erased (the child's, told so, when it was
    the consent given for a child). No: nothing changes."""
    child = (
        await _my_child(ctx, ctx.data.get("child")) if ctx.state == "forget_child_confirm" else None
    )
    if child is not None and answer.erase:
        name = child.name or "—"
        await ctx.finish()
        await minors.turn_away(ctx.session, child, ctx.now, minors.WITHDRAWN)
        return [ctx.reply("forget-child-done", help_hint(ctx), name=name)]
    if not answer.erase or ctx.person is None or ctx.state != "forget_confirm":
        await ctx.finish()
        return [ctx.reply("forget-cancelled", help_hint(ctx))]
    await erasure.forget(ctx.session, ctx.person, ctx.now)
    ctx.state, ctx.data = None, {}
    return [ctx.reply("forget-done", [[ctx.button("btn-start", Menu("start"))]])]


router.state("forget_choose", ask_whose)
router.state("forget_confirm", ask_confirmation)
router.state("forget_child_confirm", ask_child_confirmation)
