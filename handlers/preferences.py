"""/language and /timezone: how the bot speaks to a person and whose clock it uses."""

from __future__ import annotations

from bot.config import SUPPORTED_LOCALES
from bot.core import timezones
from bot.core.flow import Context, Replies, Router
from bot.core.models import ProgrammeStatus
from bot.core.services import plans, programmes
from handlers.buttons import ZONE_SHORTCUTS, Language, ZoneShortcut
from handlers.common import help_hint, menu_buttons

router = Router()


@router.command("language", needs_registration=False, keeps_flow=True, aliases=("язык", "lang"))
async def language(ctx: Context) -> Replies:
    """Offer the languages as buttons."""
    buttons = [[ctx.button(f"btn-language-{code}", Language(code)) for code in SUPPORTED_LOCALES]]
    return [ctx.reply("language-choose", buttons)]


@router.button(Language, keeps_flow=True)
async def set_language(ctx: Context, choice: Language) -> Replies:
    """Switch language; a question under way is asked again in the new language."""
    ctx.account.locale = choice.code
    if ctx.person is not None:
        ctx.person.locale = choice.code
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
    current = timezones.describe(ctx.person.timezone, ctx.now, ctx.locale)
    labels = [ctx.button(f"btn-tz-{i}", ZoneShortcut(i)) for i in range(len(ZONE_SHORTCUTS))]
    buttons = [labels[:2], labels[2:]]
    return [ctx.reply("timezone-ask", buttons, current=current)]


async def take_timezone(ctx: Context) -> Replies:
    """A typed city or offset."""
    return await _apply(ctx, ctx.incoming.text or "")


@router.button(ZoneShortcut, states=["ask_timezone"])
async def pick_timezone(ctx: Context, choice: ZoneShortcut) -> Replies:
    """One of the shortcut buttons."""
    return await _apply(ctx, ZONE_SHORTCUTS[choice.index])


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
            "timezone-set",
            help_hint(ctx),
            zone=timezones.describe(zone, ctx.now, ctx.locale),
            time=local,
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
