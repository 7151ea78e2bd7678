"""A parent or legal representative consents in a minor's name with the minor's one-time code."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, texts
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import CodePurpose, Notification, Person, PersonStatus, Subject
from bot.core.refusal import StaleButton
from bot.core.services import codes, consent, minors, profile
from handlers.buttons import Menu, ParentAnswer
from handlers.common import help_hint
from handlers.notifications import Renderer, renderer

router = Router()


@router.command("parent", needs_registration=False, aliases=("родитель",))
async def parent(ctx: Context) -> Replies:
    """`/parent CODE`, or `/parent` and then the code."""
    if ctx.args:
        return await open_code(ctx, "".join(ctx.args))
    await ctx.goto("parent_code")
    return await ask_code(ctx)


async def ask_code(ctx: Context) -> Replies:
    """Question: the code the child was given."""
    return [ctx.reply("parent-ask-code")]


async def take_code(ctx: Context) -> Replies:
    """A typed code."""
    return await open_code(ctx, ctx.incoming.text or "")


async def open_code(ctx: Context, text: str) -> Replies:
    """Check a parent code and show the consent text for that child."""
    code = await codes.find_valid(ctx.session, text, CodePurpose.PARENT, ctx.now)
    minor = await ctx.session.get(Person, code.person_id) if code else None
    if code is None or minor is None or minor.status != PersonStatus.AWAITING_PARENT:
        await ctx.goto("parent_code")
        return [ctx.reply("parent-code-invalid")]
    if ctx.account.person_id == minor.id:
        await ctx.finish()
        return [ctx.reply("parent-code-own", help_hint(ctx))]
    await ctx.goto("parent_consent", code=code.code)
    return await ask_consent(ctx)


async def _minor(ctx: Context) -> Person | None:
    """The minor behind the code in the flow's data, while still awaiting a parent (never the
    person writing: a minor cannot consent for themselves)."""
    code = await codes.find_valid(
        ctx.session, str(ctx.data.get("code", "")), CodePurpose.PARENT, ctx.now
    )
    minor = await ctx.session.get(Person, code.person_id) if code else None
    if minor is None or minor.status != PersonStatus.AWAITING_PARENT:
        return None
    return None if ctx.account.person_id == minor.id else minor


async def ask_consent(ctx: Context) -> Replies:
    """The consent text in the child's name, with Agree / Decline."""
    minor = await _minor(ctx)
    if minor is None:
        await ctx.goto("parent_code")  # a fresh code typed next is taken at once
        return [ctx.reply("parent-code-invalid", help_hint(ctx))]
    buttons = [
        [
            ctx.button("btn-consent-agree", ParentAnswer(agree=True)),
            ctx.button("btn-consent-decline", ParentAnswer(agree=False)),
        ]
    ]
    return [Reply(ctx.render("consent_parent", child=minor.name or ""), buttons)]


@router.button(ParentAnswer, states=["parent_consent"])
async def consent_answer(ctx: Context, answer: ParentAnswer) -> Replies:
    """Agree: ask the representative's name. Decline: the child's values are erased, the child
    is told."""
    minor = await _minor(ctx)
    if minor is None:
        raise StaleButton()
    if not answer.agree:
        await ctx.finish()
        await minors.turn_away(ctx.session, minor, ctx.now, minors.DECLINED)
        return [ctx.reply("parent-declined", help_hint(ctx))]
    await ctx.goto("parent_name", code=ctx.data["code"])
    return await ask_name(ctx)


async def ask_name(ctx: Context) -> Replies:
    """Question: the representative's full name, recorded with the consent."""
    return [ctx.reply("parent-ask-name")]


async def take_name(ctx: Context) -> Replies:
    """The representative's name completes the consent; the child goes on to the role and the
    questionnaire."""
    name = profile.clean_name(ctx.incoming.text)
    if name is None:
        return [ctx.reply("name-invalid", max=profile.MAX_NAME)]
    if not profile.is_full_name(name):
        return [ctx.reply("parent-name-short")]
    code = await codes.find_valid(
        ctx.session, str(ctx.data.get("code", "")), CodePurpose.PARENT, ctx.now
    )
    minor = await _minor(ctx)
    if code is None or minor is None:
        await ctx.goto("parent_code")  # a fresh code typed next is taken at once
        return [ctx.reply("parent-code-invalid", help_hint(ctx))]
    consent.give_for_minor(ctx.session, minor, (name, ctx.account), ctx.locale, ctx.now)
    code.used_at = ctx.now
    minor.status = PersonStatus.REGISTERING
    await outbox.schedule(
        ctx.session,
        to=minor.id,
        subject=Subject.PERSON,
        subject_id=minor.id,
        purpose="notify-parent-consented",
        occasion=code.code,
        due_at=ctx.now,
    )
    await ctx.finish()
    return [ctx.reply("parent-thanks", help_hint(ctx), child=minor.name or "")]


def _notice_with(button: str, command: str) -> Renderer:
    """A child's notice in their language, with one button that runs `command`."""

    async def render(session: AsyncSession, row: Notification, person: Person) -> list[Reply]:
        payload = Menu(command).pack()
        rows = [[Button(texts.t(button, person.locale), payload)]]
        return [Reply(texts.t(row.template, person.locale), rows)]

    return render


renderer("notify-parent-consented")(_notice_with("btn-continue-registration", "start"))
for _turned_away in (minors.DECLINED, minors.EXPIRED, minors.WITHDRAWN):
    renderer(_turned_away)(_notice_with("btn-start", "start"))

router.state("parent_code", ask_code, take_code)
router.state("parent_consent", ask_consent)
router.state("parent_name", ask_name, take_name)
