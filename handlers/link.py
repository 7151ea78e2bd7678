"""/link: one person, two platforms — a code made on one is typed on the other."""

from __future__ import annotations

from bot.core.flow import Context, Replies, Router
from bot.core.models import CodePurpose, Person
from bot.core.services import codes
from handlers.buttons import Menu
from handlers.common import help_hint, menu_buttons

router = Router()


@router.command("link", needs_registration=False, aliases=("связать", "привязать"))
async def link(ctx: Context) -> Replies:
    """`/link` makes a code (registered person); `/link CODE` links this account to its owner."""
    if ctx.args:
        return await _redeem(ctx, "".join(ctx.args))
    if not ctx.registered or ctx.person is None:
        return [ctx.reply("link-how-to-redeem", [[ctx.button("btn-start", Menu("start"))]])]
    code = await codes.issue(ctx.session, ctx.person.id, CodePurpose.LINK, ctx.now)
    minutes = int(codes.LINK_LIFETIME.total_seconds() // 60)
    return [ctx.reply("link-code", help_hint(ctx), code=codes.display(code.code), minutes=minutes)]


async def _redeem(ctx: Context, text: str) -> Replies:
    code = await codes.find_valid(ctx.session, text, CodePurpose.LINK, ctx.now)
    if code is None:
        return [ctx.reply("link-code-invalid", help_hint(ctx))]
    if ctx.account.person_id == code.person_id:
        return [ctx.reply("link-already", help_hint(ctx))]
    if ctx.account.person_id is not None:
        return [ctx.reply("link-other-profile", help_hint(ctx))]
    owner = await ctx.session.get(Person, code.person_id)
    if owner is None:
        return [ctx.reply("link-code-invalid", help_hint(ctx))]
    code.used_at = ctx.now
    ctx.account.person_id = owner.id
    ctx.account.person = owner
    ctx.account.locale = owner.locale
    await ctx.finish()
    return [ctx.reply("link-done", menu_buttons(ctx), name=owner.name or "")]
