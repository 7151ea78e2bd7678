"""What every person can always do: /help, /cancel, menu buttons, and the polite refusals."""

from __future__ import annotations

from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, PersonStatus, Role
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import broadcasts
from bot.core.services import state as flow_state
from handlers.buttons import Announcements, Menu, WizardStep

router = Router()

# Commands shown in /help, in order, with the roles that see them (empty: everyone registered);
# at most ten for anyone (VK's keyboard). The questionnaire is under Settings.
MENU: list[tuple[str, frozenset[Role]]] = [
    ("pending", frozenset()),
    ("ask", frozenset({Role.MENTEE})),
    ("programme", frozenset()),
    ("plan", frozenset()),
    ("meetings", frozenset()),
    ("settings", frozenset()),
    ("pairs", STAFF),
    ("speed", STAFF),
    ("banks", STAFF),
    ("stats", STAFF),
]


# Commands a platform may list in its own command menu (Telegram's "/" menu).
PUBLIC_COMMANDS = (
    "start",
    "help",
    "pending",
    "ask",
    "programme",
    "plan",
    "meetings",
    "surveys",
    "achievements",
    "portfolio",
    "practices",
    "profile",
    "settings",
    "mydata",
    "language",
    "timezone",
    "link",
    "forget",
    "cancel",
)


def menu_buttons(ctx: Context) -> list[list[Button]]:
    """The buttons of /help for this person, two to a row."""
    if not ctx.registered:
        return [
            [
                ctx.button("btn-start", Menu("start")),
                ctx.button("btn-language", Menu("language")),
            ]
        ]
    roles = ctx.person.role_set if ctx.person else set()
    names = [name for name, needed in MENU if not needed or needed & roles]
    flat = [ctx.button(f"btn-{name}", Menu(name)) for name in names]
    return [flat[i : i + 2] for i in range(0, len(flat), 2)]


SETTINGS = ("profile", "mydata", "language", "timezone", "link", "forget")


@router.command("settings", aliases=("настройки",))
async def settings(ctx: Context) -> Replies:
    """Personal settings and data rights, as buttons; the announcements switch."""
    flat = [ctx.button(f"btn-{name}", Menu(name)) for name in SETTINGS]
    rows = [flat[i : i + 2] for i in range(0, len(flat), 2)]
    assert ctx.person is not None
    off = await broadcasts.opted_out(ctx.session, ctx.person.id)
    switch = ctx.button(f"btn-announcements-{'off' if off else 'on'}", Announcements(on=off))
    return [ctx.reply("settings-title", [*rows, [switch], *help_hint(ctx)])]


@router.button(Announcements)
async def switch_announcements(ctx: Context, payload: Announcements) -> Replies:
    """Announcements on or off; the settings shown again with the switch as it now is."""
    assert ctx.person is not None
    await broadcasts.switch(ctx.session, ctx.person.id, payload.on)
    key = "announcements-on" if payload.on else "announcements-off"
    return [ctx.reply(key), *await settings(ctx)]


MAX_NUMBER_DIGITS = 12  # far beyond any real answer, within SQLite's integers


def number(text: object) -> int | None:
    """A whole number from a typed answer, or None.

    Only ASCII digits count (`"²".isdigit()` is true, yet `int("²")` raises), and at most
    twelve of them (a 30-digit number overflows SQLite's integers).
    """
    value = str(text)
    if not 0 < len(value) <= MAX_NUMBER_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def help_hint(ctx: Context) -> list[list[Button]]:
    """A single Help button: the way forward under any refusal."""
    return [[ctx.button("btn-help", Menu("help"))]]


@router.command(
    "help", needs_registration=False, keeps_flow=True, aliases=("помощь", "справка", "меню", "menu")
)
async def show_help(ctx: Context) -> Replies:
    """List what this person can do, as text and as buttons; then the question under way."""
    roles = ctx.person.role_set if ctx.registered and ctx.person else set()
    text = ctx.render(
        "help",
        registered=ctx.registered,
        awaiting_parent=bool(ctx.person and ctx.person.status == PersonStatus.AWAITING_PARENT),
        is_curator=bool(roles & STAFF),
        is_mentee=Role.MENTEE in roles,
        in_flow=ctx.state is not None,
    )
    # The question under way is asked again after the help, so it can be answered from here
    # (and on screen the buttons last shown are the question's own).
    under_way = await ctx.router.prompt(ctx) or await ctx.router.offer_paused(ctx)
    return [Reply(text, menu_buttons(ctx)), *under_way]


@router.command("cancel", needs_registration=False, keeps_flow=True, aliases=("отмена",))
async def cancel(ctx: Context) -> Replies:
    """Leave whatever question the bot is waiting on, and drop the wizards left unfinished."""
    paused = await flow_state.paused(ctx.session, ctx.account.id)
    if ctx.state is None and not paused:
        return [ctx.reply("cancel-nothing", help_hint(ctx))]
    await ctx.finish()
    await flow_state.drop_paused(ctx.session, [ctx.account.id])
    return [ctx.reply("cancel-done", menu_buttons(ctx))]


@router.button(Menu, keeps_flow=True)
async def menu(ctx: Context, payload: Menu) -> Replies:
    """A button of the /help menu runs its command, with the usual permission checks (whether
    it leaves a question under way is the command's to say)."""
    return await ctx.router.run_command(ctx, payload.command)


@router.on_paused
async def offer_to_continue(ctx: Context, names: list[str], again: bool) -> Replies:
    """The wizards left in the middle, each with Continue (and Start over when begun anew)."""
    if again:
        (name,) = names
        rows = [
            [
                ctx.button("btn-wizard-continue", WizardStep(name, again=False)),
                ctx.button("btn-wizard-again", WizardStep(name, again=True)),
            ]
        ]
        return [ctx.reply(f"wizard-begun-{name}", rows)]
    rows = [[ctx.button(f"btn-wizard-{name}", WizardStep(name, again=False))] for name in names]
    titles = ", ".join(str(ctx.t(f"wizard-{name}")) for name in names)
    return [ctx.reply("wizard-paused", rows, wizards=titles)]


@router.button(WizardStep)
async def wizard_step(ctx: Context, payload: WizardStep) -> Replies:
    """Continue a paused wizard at the step it was left on, or start it over."""
    return await ctx.router.resume(ctx, payload.name, payload.again)


@router.on_refusal("unregistered")
async def unregistered(ctx: Context) -> Replies:
    """A command that needs a finished registration."""
    if ctx.person is not None and ctx.person.status == PersonStatus.AWAITING_PARENT:
        return [ctx.reply("refusal-awaiting-parent", help_hint(ctx))]
    if ctx.person is not None and ctx.state is not None:
        return [ctx.reply("refusal-finish-registration")] + await ctx.router.prompt(ctx)
    return [ctx.reply("refusal-unregistered", [[ctx.button("btn-start", Menu("start"))]])]


@router.on_refusal("forbidden")
async def forbidden(ctx: Context) -> Replies:
    """A staff command asked for by someone without the role."""
    return [ctx.reply("refusal-curator-only", help_hint(ctx))]


@router.on_refused
async def refused(ctx: Context, refusal: Refusal) -> Replies:
    """A refused step (undone whole): why, then the question under way again or Help."""
    prompt = await ctx.router.prompt(ctx)
    if prompt:
        return [ctx.reply(refusal.key, **refusal.params), *prompt]
    return [ctx.reply(refusal.key, help_hint(ctx), **refusal.params)]


@router.on_refusal("stale")
async def stale(ctx: Context) -> Replies:
    """A button that is no longer valid (already answered, from an old message, or forged)."""
    return await refused(ctx, StaleButton())


@router.on_refusal("buttons_expected")
async def buttons_expected(ctx: Context) -> Replies:
    """Text typed where the bot waits for a button press."""
    return [ctx.reply("refusal-use-buttons")]


@router.on_refusal("unknown")
async def unknown(ctx: Context) -> Replies:
    """Text the bot cannot place."""
    return [ctx.reply("refusal-unknown", menu_buttons(ctx))]
