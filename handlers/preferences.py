"""/language and /timezone: how the bot speaks to a person and whose clock it uses."""

from __future__ import annotations

from bot.config import SUPPORTED_LOCALES
from bot.core import timezones
from bot.core.flow import Context, Replies, Router
from bot.core.models import ProgrammeStatus
from bot.core.services import plans, programmes
from handlers.common import help_hint, menu_buttons, number

router = Router()

ZONE_SHORTCUTS = ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok")


@router.command("language", needs_registration=False, keeps_flow=True, aliases=("язык", "lang"))
async def language(ctx: Context) -> Replies:
    """Offer the languages as buttons."""
    buttons = [[ctx.button(f"btn-language-{code}", f"lang:{code}") for code in SUPPORTED_LOCALES]]
    return [ctx.reply("language-choose", buttons)]


@router.button("lang")
async def set_language(ctx: Context) -> Replies:
    """Switch language; a question under way is asked again in the new language."""
    if len(ctx.args) != 1 or ctx.args[0] not in SUPPORTED_LOCALES:
        return await ctx.router.stale(ctx)
    ctx.account.locale = ctx.args[0]
    if ctx.person is not None:
        ctx.person.locale = ctx.args[0]
    if ctx.state is not None:
        return await ctx.router.prompt(ctx)
    return [ctx.reply("language-set", menu_buttons(ctx))]


@router.command("timezone", aliases=("часовойпояс", "пояс", "tz"))
async def timezone(ctx: Context) -> Replies:
    """`/timezone Новосибирск` sets it at once; `/timezone` alone asks."""
    if ctx.args:
        return await _apply(ctx, " ".join(ctx.args))
    await ctx.goto("ask_timezone")
    return await ask_timezone(ctx)


async def ask_timezone(ctx: Context) -> Replies:
    """Question: a city or a UTC offset, with the commonest zones as buttons."""
    assert ctx.person is not None
    current = timezones.describe(ctx.person.timezone, ctx.now)
    labels = [ctx.button(f"btn-tz-{i}", f"tz:{i}") for i in range(len(ZONE_SHORTCUTS))]
    buttons = [labels[:2], labels[2:]]
    return [ctx.reply("timezone-ask", buttons, current=current)]


async def take_timezone(ctx: Context) -> Replies:
    """A typed city or offset."""
    return await _apply(ctx, ctx.incoming.text or "")


@router.button("tz", states=["ask_timezone"])
async def pick_timezone(ctx: Context) -> Replies:
    """One of the shortcut buttons."""
    index = number(ctx.args[0]) if len(ctx.args) == 1 else None
    if index is None or index >= len(ZONE_SHORTCUTS):
        return await ctx.router.stale(ctx)
    return await _apply(ctx, ZONE_SHORTCUTS[index])


async def _apply(ctx: Context, text: str) -> Replies:
    zone = timezones.parse(text)
    if zone is None:
        await ctx.goto("ask_timezone")
        return [ctx.reply("timezone-invalid")]
    assert ctx.person is not None
    ctx.person.timezone = zone
    await _move_reminders(ctx)
    await ctx.finish()
    local = timezones.to_local(ctx.now, zone).strftime("%H:%M")
    return [
        ctx.reply(
            "timezone-set", help_hint(ctx), zone=timezones.describe(zone, ctx.now), time=local
        )
    ]


async def _move_reminders(ctx: Context) -> None:
    """Plan reminders already written go out at the reminder time of the new clock."""
    assert ctx.person is not None
    policy = plans.ReminderPolicy(ctx.settings.reminder_clock, ctx.settings.overdue_alert_days)
    active = (ProgrammeStatus.ACTIVE,)
    for programme in await programmes.programmes_of(ctx.session, ctx.person.id, active):
        await plans.reschedule_all(ctx.session, programme, policy, ctx.now)


router.state("ask_timezone", ask_timezone, take_timezone)
