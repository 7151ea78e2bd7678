"""/ask: a mentee asks their mentor a question — text, a photo or a document — and the answer
comes back the same way; each question is a thread the mentee may go on with or close."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, FetchFailed, File, Reply, TooLarge
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    STAFF,
    HelpMessage,
    HelpStatus,
    HelpThread,
    Notification,
    Person,
    Programme,
    Role,
    StoredFile,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import help_threads
from handlers.buttons import AskMentor, HelpHandOn, HelpHandTo, HelpReply, HelpSolved
from handlers.common import help_hint, unknown
from handlers.notifications import renderer, shown_name

router = Router()
MENTEE = frozenset({Role.MENTEE})


def wait(ctx: Context) -> timedelta:
    """How long a question waits for an answer before the mentor is reminded."""
    return timedelta(hours=ctx.settings.help_answer_hours)


@router.command("ask", aliases=("вопрос", "спросить"))
async def ask(ctx: Context) -> Replies:
    """Ask a question: of the one mentor at once, several mentors are offered, none: the
    curators. Only mentees ask."""
    assert ctx.person is not None
    if not ctx.has_role(MENTEE):
        return [ctx.reply("ask-mentees-only", help_hint(ctx))]
    mine = await help_threads.mentors_of(ctx.session, ctx.person.id)
    if len(mine) > 1:
        rows = []
        for programme in mine:
            mentor = await ctx.session.get(Person, programme.mentor_id)
            name = shown_name(mentor, ctx.locale)
            rows.append([ctx.button("btn-ask-to", AskMentor(programme.id), name=name)])
        return [ctx.reply("ask-pick", [*rows, *help_hint(ctx)])]
    await ctx.goto("ask_question", programme=mine[0].id if mine else 0)
    return await ask_question(ctx)


@router.button(AskMentor, roles=MENTEE)
async def ask_mentor(ctx: Context, payload: AskMentor) -> Replies:
    """The mentor chosen (from the list, or the programme card): ask for the question."""
    assert ctx.person is not None
    mine = {p.id for p in await help_threads.mentors_of(ctx.session, ctx.person.id)}
    if payload.programme_id and payload.programme_id not in mine:
        raise StaleButton()
    await ctx.goto("ask_question", programme=payload.programme_id)
    return await ask_question(ctx)


def limits_of(ctx: Context) -> dict[str, Any]:
    """The longest text and the largest file a message may carry, for the prompts."""
    return {"max": help_threads.MAX_TEXT, "mb": ctx.settings.max_upload_mb}


async def ask_question(ctx: Context) -> Replies:
    """Question: what to ask, and of whom."""
    programme = await ctx.session.get(Programme, int(ctx.data.get("programme", 0)))
    if programme is None:
        return [ctx.reply("ask-prompt-curator", **limits_of(ctx))]
    mentor = await ctx.session.get(Person, programme.mentor_id)
    return [ctx.reply("ask-prompt", name=shown_name(mentor, ctx.locale), **limits_of(ctx))]


async def taken(ctx: Context) -> tuple[str | None, list[help_threads.Upload]]:
    """The text and every file of the message typed, in order; refused whole when both are
    missing, the text is too long or a file too large (a size declared too large is seen
    before anything is downloaded; nothing is stored)."""
    text = (ctx.incoming.text or "").strip() or None
    if text is not None and len(text) > help_threads.MAX_TEXT:
        raise Refusal("help-text-invalid", **limits_of(ctx))
    files = await uploads(ctx)
    if text is None and not files:
        raise Refusal("help-text-invalid", **limits_of(ctx))
    return text, files


async def uploads(ctx: Context) -> list[help_threads.Upload]:
    """Every file of the message, in order, each within the size limit; refused whole when one
    is too large (a size declared too large is seen before anything is downloaded)."""
    limits, limit = limits_of(ctx), ctx.settings.max_upload_bytes
    attachments = ctx.incoming.attachments
    if any(a.size is not None and a.size > limit for a in attachments):
        raise Refusal("upload-too-large", **limits)
    files = []
    for attachment in attachments:
        try:
            content = await attachment.read(limit)
        except TooLarge:
            raise Refusal("upload-too-large", **limits) from None
        except FetchFailed:
            raise Refusal("upload-failed") from None
        files.append(help_threads.Upload(attachment.name, attachment.mime, content))
    return files


async def _sent(ctx: Context, thread: HelpThread) -> None:
    """The message is in the thread: the question under way ends, but the next photos of a
    Telegram album (each a message of its own) still go into this thread."""
    if ctx.incoming.album is None:
        await ctx.finish()
        return
    await ctx.goto("help_album", thread=thread.id, album=ctx.incoming.album)


async def album_prompt(ctx: Context) -> Replies:
    """Nothing to ask: the album's next photo is awaited."""
    return []


async def take_album(ctx: Context) -> Replies:
    """A further photo of the album goes into the same thread, silently; anything else is read
    as if nothing were awaited."""
    assert ctx.person is not None
    if ctx.incoming.album is None or ctx.incoming.album != ctx.data.get("album"):
        await ctx.finish()
        return await unknown(ctx)
    thread = await help_threads.thread_for(ctx.session, int(ctx.data["thread"]), ctx.person)
    text, uploads = await taken(ctx)
    await help_threads.write(ctx.session, thread, ctx.person, text, uploads, ctx.now, wait(ctx))
    return []


async def take_question(ctx: Context) -> Replies:
    """The question goes to the mentor (or the curators); not once the programme has ended
    while it was typed."""
    assert ctx.person is not None
    programme_id = int(ctx.data.get("programme", 0)) or None
    mine = {p.id for p in await help_threads.mentors_of(ctx.session, ctx.person.id)}
    if programme_id is not None and programme_id not in mine:
        await ctx.finish()
        return [ctx.reply("ask-programme-over", help_hint(ctx))]
    text, uploads = await taken(ctx)
    thread = await help_threads.ask(
        ctx.session, ctx.person, programme_id, text, uploads, ctx.now, wait(ctx)
    )
    await _sent(ctx, thread)
    key = "ask-sent" if thread.helper_id else "ask-sent-curator"
    return [ctx.reply(key, help_hint(ctx), hours=ctx.settings.help_answer_hours)]


@router.button(HelpReply)
async def reply(ctx: Context, payload: HelpReply) -> Replies:
    """Write in a thread: the answer, or the mentee's next message."""
    assert ctx.person is not None
    await help_threads.thread_for(ctx.session, payload.thread_id, ctx.person)
    await ctx.goto("help_write", thread=payload.thread_id)
    return await ask_reply(ctx)


async def ask_reply(ctx: Context) -> Replies:
    """Question: the message for the other side of the thread."""
    thread = await ctx.session.get(HelpThread, int(ctx.data["thread"]))
    mentee_id = thread.mentee_id if thread is not None else 0
    if mentee_id == ctx.account.person_id:
        return [ctx.reply("help-prompt-more", **limits_of(ctx))]
    mentee = await ctx.session.get(Person, mentee_id)
    name = shown_name(mentee, ctx.locale)
    return [ctx.reply("help-prompt-answer", name=name, **limits_of(ctx))]


async def take_reply(ctx: Context) -> Replies:
    """The message goes to the other side of the thread; once the thread was closed (or handed
    to another mentor) while it was typed, the question under way ends with a word why."""
    assert ctx.person is not None
    try:
        thread = await help_threads.thread_for(ctx.session, int(ctx.data["thread"]), ctx.person)
    except Refusal as refusal:
        await ctx.finish()
        return [ctx.reply(refusal.key, help_hint(ctx), **refusal.params)]
    text, uploads = await taken(ctx)
    await help_threads.write(ctx.session, thread, ctx.person, text, uploads, ctx.now, wait(ctx))
    await _sent(ctx, thread)
    key = "help-more-sent" if thread.mentee_id == ctx.person.id else "help-answer-sent"
    return [ctx.reply(key, help_hint(ctx))]


@router.button(HelpSolved)
async def solved(ctx: Context, payload: HelpSolved) -> Replies:
    """The mentee closes the question."""
    assert ctx.person is not None
    thread = await help_threads.thread_for(ctx.session, payload.thread_id, ctx.person)
    await help_threads.close(ctx.session, thread, ctx.person, ctx.now)
    return [ctx.reply("help-solved-done", help_hint(ctx))]


@router.button(HelpHandOn, roles=STAFF)
async def hand_on(ctx: Context, payload: HelpHandOn) -> Replies:
    """A curator chooses the mentor to hand an unanswered question to."""
    assert ctx.person is not None
    thread = await help_threads.thread_for(ctx.session, payload.thread_id, ctx.person)
    if thread.status != HelpStatus.OPEN:
        raise Refusal("help-already-answered")
    mentors = await help_threads.mentors_to_hand_to(ctx.session, thread)
    if not mentors:
        return [ctx.reply("help-no-mentors", help_hint(ctx))]
    rows = [
        [Button(shown_name(m, ctx.locale), HelpHandTo(thread.id, m.id).pack())] for m in mentors
    ]
    return [ctx.reply("help-hand-pick", rows)]


@router.button(HelpHandTo, roles=STAFF)
async def hand_to(ctx: Context, payload: HelpHandTo) -> Replies:
    """The question goes to the mentor chosen, and the wait starts again."""
    assert ctx.person is not None
    thread = await help_threads.thread_for(ctx.session, payload.thread_id, ctx.person)
    mentor = await help_threads.hand_to(ctx.session, thread, payload.mentor_id, ctx.now, wait(ctx))
    return [ctx.reply("help-handed", help_hint(ctx), name=shown_name(mentor, ctx.locale))]


async def _message(
    session: AsyncSession, row: Notification
) -> tuple[HelpThread, HelpMessage] | None:
    """The thread and the message an outbox row carries; None once closed or erased."""
    thread = await session.get(HelpThread, int(row.params.get("thread_id", 0)))
    message = await session.get(HelpMessage, int(row.params.get("message_id", 0)))
    if thread is None or message is None or thread.status == HelpStatus.CLOSED:
        return None
    if message.text is None and message.file_id is None:
        return None
    return thread, message


async def _reply(
    session: AsyncSession, message: HelpMessage, text: Markup, buttons: list[list[Button]]
) -> list[Reply]:
    """The message as one reply: its words (none after the heading for a bare file), and its
    file as a photo or a document."""
    stored = await session.get(StoredFile, message.file_id) if message.file_id else None
    file = File(stored.name, stored.content, stored.mime) if stored else None
    return [Reply(text.rstrip(), buttons, file=file)]


@renderer(help_threads.QUESTION)
@renderer(help_threads.REMIND)
@renderer(help_threads.ESCALATE)
async def question(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """A mentee's question for the mentor or a curator, with «Ответить» (and, for a curator,
    «Передать другому наставнику»); a reminder or alert only while it is still unanswered."""
    found = await _message(session, row)
    if found is None:
        return None
    thread, message = found
    if row.template != help_threads.QUESTION:
        latest = await help_threads.last_question(session, thread)
        if thread.status != HelpStatus.OPEN or latest is None or latest.id != message.id:
            return None
    locale = person.locale
    mentee = await session.get(Person, thread.mentee_id)
    helper = await session.get(Person, thread.helper_id) if thread.helper_id else None
    text = texts.t(
        row.template,
        locale,
        name=shown_name(mentee, locale),
        mentor=shown_name(helper, locale),
        hours=int(row.params.get("hours", 0)),
        text=message.text or "",
    )
    buttons = [[Button(texts.t("btn-help-reply", locale), HelpReply(thread.id).pack())]]
    if person.role_set & STAFF and person.id != thread.helper_id:
        label = texts.t("btn-help-hand-on", locale)
        buttons.append([Button(label, HelpHandOn(thread.id).pack())])
    return await _reply(session, message, text, buttons)


@renderer(help_threads.ANSWER)
async def answer(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """An answer for the mentee, with «Ответить» and «Вопрос решён»."""
    found = await _message(session, row)
    if found is None:
        return None
    thread, message = found
    author = await session.get(Person, message.author_id) if message.author_id else None
    locale = person.locale
    text = texts.t(
        help_threads.ANSWER, locale, name=shown_name(author, locale), text=message.text or ""
    )
    buttons = [
        [
            Button(texts.t("btn-help-reply", locale), HelpReply(thread.id).pack()),
            Button(texts.t("btn-help-solved", locale), HelpSolved(thread.id).pack()),
        ]
    ]
    return await _reply(session, message, text, buttons)


router.state("ask_question", ask_question, take_question)
router.state("help_write", ask_reply, take_reply)
router.state("help_album", album_prompt, take_album)
