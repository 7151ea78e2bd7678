"""/start, the consent to data processing, and the registration questions that follow it."""

from __future__ import annotations

from datetime import timedelta

from bot.core.conversation import Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, AgeGroup, CodePurpose, PersonStatus, Profile, Role
from bot.core.refusal import StaleButton
from bot.core.services import codes, consent, people, profile
from handlers import awaiting, questionnaire
from handlers.buttons import AgeChoice, ConsentAnswer, Language, Menu, RoleChoice
from handlers.common import help_hint, menu_buttons

router = Router()

ROLE_CHOICES: dict[str, set[Role]] = {
    "mentee": {Role.MENTEE},
    "mentor": {Role.MENTOR},
    "both": {Role.MENTEE, Role.MENTOR},
}


@router.command("start", needs_registration=False, aliases=("начать", "старт"))
async def start(ctx: Context) -> Replies:
    """Begin, or pick up where the person left off."""
    if ctx.args:  # a parent's code passed as /start CODE (a Telegram deep link does this)
        from handlers.parent import open_code

        return await open_code(ctx, "".join(ctx.args))
    person = ctx.person
    if person is None:
        await ctx.goto("consent")
        return await ask_consent(ctx)
    if person.status == PersonStatus.REGISTERING:
        return await next_question(ctx)
    if person.status == PersonStatus.AWAITING_PARENT:
        return await parent_code_message(ctx)
    await ctx.finish()
    welcome = ctx.reply("start-welcome-back", menu_buttons(ctx), name=person.name or "")
    waiting = await awaiting.count(ctx)
    paused = await ctx.router.offer_paused(ctx)
    if waiting:  # said first: the menu's buttons stay last on screen
        return [ctx.reply("awaiting-on-start", count=waiting), welcome, *paused]
    return [welcome, *paused]


async def ask_consent(ctx: Context) -> Replies:
    """The consent text with Agree / Decline and a switch to the other language."""
    other = "en" if ctx.locale == "ru" else "ru"
    buttons = [
        [
            ctx.button("btn-consent-agree", ConsentAnswer(agree=True)),
            ctx.button("btn-consent-decline", ConsentAnswer(agree=False)),
        ],
        [ctx.button(f"btn-language-{other}", Language(other))],
    ]
    return [Reply(ctx.render("consent"), buttons)]


@router.button(ConsentAnswer, states=["consent"])
async def consent_answer(ctx: Context, answer: ConsentAnswer) -> Replies:
    """Agree: the person is created and asked for a name. Decline: nothing is stored."""
    if not answer.agree:
        await ctx.finish()
        return [ctx.reply("consent-declined", [[ctx.button("btn-start", Menu("start"))]])]
    if ctx.person is not None:
        raise StaleButton()
    person = await people.create_person(
        ctx.session, ctx.account, ctx.locale, ctx.settings.default_timezone
    )
    consent.give(ctx.session, person, ctx.locale, ctx.now)
    return [ctx.reply("consent-thanks")] + await next_question(ctx)


async def next_question(ctx: Context) -> Replies:
    """Ask the first registration question still unanswered, or finish registration."""
    person = ctx.person
    assert person is not None
    if person.name is None:
        await ctx.goto("ask_name")
    elif person.role_set & STAFF and not person.role_set & {Role.MENTEE, Role.MENTOR}:
        return await complete(ctx)  # staff are not a bank: no role, age or questionnaire
    elif person.age_group is None:
        await ctx.goto("ask_age")
    elif _is_minor(ctx) and not await consent.has_parent_consent(ctx.session, person.id):
        return await complete(ctx)  # a minor's role and questionnaire follow the parent's consent
    elif not person.role_set & {Role.MENTEE, Role.MENTOR}:
        await ctx.goto("ask_role")
    else:
        field = await questionnaire.first_unanswered(ctx)
        if field is None:
            return await complete(ctx)
        if await ctx.session.get(Profile, person.id) is None:  # the questionnaire begins
            intro = [ctx.reply("q-intro")]
            return intro + await questionnaire.ask(ctx, field)
        return await questionnaire.ask(ctx, field)
    return await ctx.router.prompt(ctx)


def _is_minor(ctx: Context) -> bool:
    """True for a minor: a parent or legal representative must consent."""
    group = ctx.person.age_group if ctx.person else None
    return group is not None and AgeGroup(group).is_minor


async def ask_name(ctx: Context) -> Replies:
    """Question: the person's name."""
    return [ctx.reply("ask-name")]


async def take_name(ctx: Context) -> Replies:
    """A typed name: stored when plausible, else explained and asked again."""
    name = profile.clean_name(ctx.incoming.text)
    if name is None:
        return [ctx.reply("name-invalid", max=profile.MAX_NAME)]
    assert ctx.person is not None
    ctx.person.name = name
    return await next_question(ctx)


async def ask_role(ctx: Context) -> Replies:
    """Question: mentee, mentor or both."""
    buttons = [
        [
            ctx.button("btn-role-mentee", RoleChoice("mentee")),
            ctx.button("btn-role-mentor", RoleChoice("mentor")),
        ],
        [ctx.button("btn-role-both", RoleChoice("both"))],
    ]
    return [ctx.reply("ask-role", buttons)]


@router.button(RoleChoice, states=["ask_role"])
async def take_role(ctx: Context, choice: RoleChoice) -> Replies:
    """The role wish from its button."""
    if ctx.person is None:
        raise StaleButton()
    people.set_roles(ctx.person, ROLE_CHOICES[choice.choice])
    return await next_question(ctx)


async def ask_age(ctx: Context) -> Replies:
    """Question: the age group (a minor needs a parent's consent)."""
    buttons = [
        [
            ctx.button("btn-age-child", AgeChoice(AgeGroup.CHILD)),
            ctx.button("btn-age-teen", AgeChoice(AgeGroup.TEEN)),
        ],
        [ctx.button("btn-age-adult", AgeChoice(AgeGroup.ADULT))],
    ]
    return [ctx.reply("ask-age", buttons)]


@router.button(AgeChoice, states=["ask_age"])
async def take_age(ctx: Context, choice: AgeChoice) -> Replies:
    """The age group from its button."""
    if ctx.person is None:
        raise StaleButton()
    ctx.person.age_group = choice.group
    if choice.group.is_minor:
        await consent.record_as_assent(ctx.session, ctx.person)
    return await next_question(ctx)


async def complete(ctx: Context) -> Replies:
    """Finish registration: active at once, or waiting for a parent's consent."""
    person = ctx.person
    assert person is not None
    await ctx.finish()
    if _is_minor(ctx) and not await consent.has_parent_consent(ctx.session, person.id):
        person.status = PersonStatus.AWAITING_PARENT
        return await parent_code_message(ctx)
    person.status = PersonStatus.ACTIVE
    return [ctx.reply("registration-done", menu_buttons(ctx), name=person.name or "")]


async def parent_code_message(ctx: Context) -> Replies:
    """A fresh one-time code for the parent, and how the parent uses it."""
    assert ctx.person is not None
    days = ctx.settings.parent_code_days
    code = await codes.current_or_issue(
        ctx.session, ctx.person.id, CodePurpose.PARENT, ctx.now, timedelta(days=days)
    )
    return [ctx.reply("parent-needed", help_hint(ctx), code=codes.display(code.code), days=days)]


router.state("consent", ask_consent)
router.state("ask_name", ask_name, take_name)
router.state("ask_role", ask_role)
router.state("ask_age", ask_age)
