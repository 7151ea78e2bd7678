"""/mydata and /forget: a person's rights over their data (152-FZ art. 9 and 14)."""

from __future__ import annotations

import json
from datetime import datetime

from markupsafe import Markup

from bot.core import timezones
from bot.core.conversation import File, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.services import erasure, mydata, programmes
from handlers.buttons import ForgetAnswer, Menu
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
    """Ask to confirm the withdrawal of consent (anyone who gave it, registered or not)."""
    if ctx.person is None:
        return [ctx.reply("forget-nothing", help_hint(ctx))]
    await ctx.goto("forget_confirm")
    return await ask_confirmation(ctx)


async def ask_confirmation(ctx: Context) -> Replies:
    """Question: really withdraw consent and erase my data?"""
    buttons = [
        [
            ctx.button("btn-forget-yes", ForgetAnswer(erase=True)),
            ctx.button("btn-forget-no", ForgetAnswer(erase=False)),
        ]
    ]
    return [Reply(Markup(" ").join([*await _what_ends(ctx), ctx.t("forget-confirm")]), buttons)]


async def _what_ends(ctx: Context) -> list[Markup]:
    """The programmes that end and the groups the person leaves, or that nothing is running."""
    assert ctx.person is not None
    ends: list[Markup] = []
    leaves: list[Markup] = []
    for programme in await programmes.programmes_of(ctx.session, ctx.person.id):
        everyone = await programmes.members(ctx.session, programme.id)
        others = ", ".join(p.name or "—" for _, p in everyone if p.id != ctx.person.id)
        item = ctx.t("forget-programme", id=programme.id, names=others)
        gone = programmes.goes_on_without(programme, everyone, ctx.person.id)
        (leaves if gone else ends).append(item)
    if not ends and not leaves:
        return [ctx.t("forget-nothing-running")]
    found = [("forget-ends", ends), ("forget-leaves", leaves)]
    return [
        ctx.t(key, n=len(items), list=Markup(", ").join(items)) for key, items in found if items
    ]


@router.button(ForgetAnswer, states=["forget_confirm"])
async def forget_answer(ctx: Context, answer: ForgetAnswer) -> Replies:
    """Yes: consent withdrawn and personal values erased. No: nothing changes."""
    if not answer.erase or ctx.person is None:
        await ctx.finish()
        return [ctx.reply("forget-cancelled", help_hint(ctx))]
    await erasure.forget(ctx.session, ctx.person, ctx.now)
    ctx.state, ctx.data = None, {}
    return [ctx.reply("forget-done", [[ctx.button("btn-start", Menu("start"))]])]


router.state("forget_confirm", ask_confirmation)
