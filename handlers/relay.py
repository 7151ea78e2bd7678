"""The curator writes to a participant through the bot, and the participant answers back: each
message reaches the other on their own platform, with a button to answer."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Notification, Person
from bot.core.payload import Payload
from bot.core.refusal import StaleButton
from bot.core.services import programmes, relay
from handlers.buttons import AnswerCurator, WriteTo, WriteToMember
from handlers.common import help_hint
from handlers.notifications import renderer, shown_name

router = Router()


@router.button(WriteTo, roles=STAFF)
async def write(ctx: Context, payload: WriteTo) -> Replies:
    """The curator chose whom to write to: ask for the message."""
    person = relay.reachable(await ctx.session.get(Person, payload.person_id))
    await ctx.goto("relay_write", to=person.id)
    return await ask_message(ctx)


@router.button(WriteToMember, roles=STAFF)
async def pick_member(ctx: Context, payload: WriteToMember) -> Replies:
    """From the pair card: whom of the members to write to (the erased are left out)."""
    members = await programmes.members(ctx.session, payload.programme_id)
    reachable = [(m, p) for m, p in members if p.erased_at is None]
    if not reachable:
        raise StaleButton()
    rows = [
        [ctx.button(f"btn-write-{m.role}", WriteTo(p.id), name=shown_name(p, ctx.locale))]
        for m, p in reachable
    ]
    return [ctx.reply("relay-pick", [*rows, *help_hint(ctx)])]


async def ask_message(ctx: Context) -> Replies:
    """Question: the message for the participant."""
    person = await ctx.session.get(Person, int(ctx.data["to"]))
    return [ctx.reply("relay-ask", name=shown_name(person, ctx.locale), max=relay.MAX_TEXT)]


async def take_message(ctx: Context) -> Replies:
    """The curator's message goes to the participant; asked again when empty or too long."""
    if not ctx.is_staff:  # the role was taken away while the curator was typing
        await ctx.finish()
        return [ctx.reply("refusal-curator-only", help_hint(ctx))]
    text = relay.clean(ctx.incoming.text)
    if text is None:
        return [ctx.reply("relay-text-invalid", max=relay.MAX_TEXT)]
    assert ctx.person is not None
    person = relay.reachable(await ctx.session.get(Person, int(ctx.data["to"])))
    await relay.send(ctx.session, ctx.person, person, relay.TO_PERSON, text, ctx.now)
    await ctx.finish()
    return [ctx.reply("relay-sent", help_hint(ctx), name=shown_name(person, ctx.locale))]


@router.button(AnswerCurator)
async def answer(ctx: Context, payload: AnswerCurator) -> Replies:
    """The participant answers the curator's message: ask for the answer."""
    assert ctx.person is not None
    await relay.curator_of(ctx.session, payload.message_id, ctx.person)
    await ctx.goto("relay_answer", message=payload.message_id)
    return await ask_answer(ctx)


async def ask_answer(ctx: Context) -> Replies:
    """Question: the answer for the curator."""
    return [ctx.reply("relay-ask-answer", max=relay.MAX_TEXT)]


async def take_answer(ctx: Context) -> Replies:
    """The participant's answer goes back to the curator."""
    text = relay.clean(ctx.incoming.text)
    if text is None:
        return [ctx.reply("relay-text-invalid", max=relay.MAX_TEXT)]
    assert ctx.person is not None
    curator = await relay.curator_of(ctx.session, int(ctx.data["message"]), ctx.person)
    await relay.send(ctx.session, ctx.person, curator, relay.TO_CURATOR, text, ctx.now)
    await ctx.finish()
    return [ctx.reply("relay-answer-sent", help_hint(ctx))]


@renderer(relay.TO_PERSON)
@renderer(relay.TO_CURATOR)
async def relayed(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """A message from the curator (answer: «Reply to the curator») or from a participant
    (answer: «Reply»); void once its text has been erased."""
    text = row.params.get("text")
    if text is None:
        return None
    sender_id = int(row.params.get("from_id", 0))
    sender = await session.get(Person, sender_id)
    locale = person.locale
    payload: Payload = WriteTo(sender_id)
    key, label = "relay-from-person", "btn-write-again"
    if row.template == relay.TO_PERSON:
        payload = AnswerCurator(row.id)
        key, label = "relay-from-curator", "btn-answer-curator"
    message = texts.t(key, locale, name=shown_name(sender, locale), text=str(text))
    return [Reply(message, [[Button(texts.t(label, locale), payload.pack())]])]


router.state("relay_write", ask_message, take_message)
router.state("relay_answer", ask_answer, take_answer)
