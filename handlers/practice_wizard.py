"""The practice wizard: a mentor writes a practice for the collection — title, form, format,
what was done, results, files — sees the summary and sends it to the curator. Each answer is
kept on the draft at once; from the summary any answer can be changed (and a practice sent back
for changes is reworked the same way)."""

from __future__ import annotations

from typing import get_args

from markupsafe import Markup

from bot.core.conversation import Reply
from bot.core.flow import Context, Handler, Replies, Router
from bot.core.models import Form, Practice, Programme, Role
from bot.core.services import practices
from handlers import org_choices, practice_view
from handlers.ask import uploads
from handlers.common import help_hint
from handlers.practice_buttons import (
    PracticeChange,
    PracticeField,
    PracticeFilesDone,
    PracticeForm,
    PracticeFormat,
    PracticeFormatPage,
    PracticeInvite,
    PracticeNew,
    PracticeRework,
    PracticeSubmit,
)

router = Router()
MENTOR = frozenset({Role.MENTOR})
WIZARD = "practice"
STEPS = ("prc_title", "prc_form", "prc_format", "prc_done", "prc_results", "prc_files")
SUMMARY = "prc_summary"
FIELD_STEPS = {"title": "prc_title", "form": "prc_form", "format": "prc_format",
               "done": "prc_done", "results": "prc_results", "files": "prc_files"}  # fmt: skip
FORMAT_PAGE = 6  # three rows of two, the switch and Other: within VK's ten buttons


async def current(ctx: Context) -> Practice | None:
    """The practice being written, while it may still be changed by this person."""
    practice = await ctx.session.get(Practice, int(ctx.data.get("practice", 0)))
    if practice is None or ctx.person is None or practice.author_id != ctx.person.id:
        return None
    return practice if practice.status in practices.EDITABLE else None


async def _gone(ctx: Context) -> Replies:
    await ctx.finish()
    return [ctx.reply("practice-gone", help_hint(ctx))]


async def open_step(ctx: Context, state: str, practice_id: int, back: bool = False) -> Replies:
    """Go to a step of the wizard for this practice and ask its question."""
    await ctx.goto(state, practice=practice_id, back=back)
    return await ctx.router.prompt(ctx)


async def _next(ctx: Context, step: str) -> Replies:
    """After the answer of `step`: the summary when changing one answer, else the next step."""
    if ctx.data.get("back") or step == STEPS[-1]:
        return await open_step(ctx, SUMMARY, int(ctx.data["practice"]), True)
    return await open_step(ctx, STEPS[STEPS.index(step) + 1], int(ctx.data["practice"]))


async def begin(ctx: Context) -> Replies:
    """A practice of the mentor's own, from the beginning (their unfinished draft, if any)."""
    assert ctx.person is not None
    practice = await practices.start(ctx.session, ctx.person, ctx.now)
    return await open_step(ctx, STEPS[0], practice.id)


@router.button(PracticeNew, roles=MENTOR)
async def new(ctx: Context, payload: PracticeNew) -> Replies:
    """«Предложить практику» under /practices."""
    return await ctx.router.begin(ctx, WIZARD)


@router.button(PracticeInvite, roles=MENTOR)
async def invited(ctx: Context, payload: PracticeInvite) -> Replies:
    """The invitation answered: the wizard on its draft, or the draft dropped."""
    assert ctx.person is not None
    if not payload.share:
        await practices.dismiss(ctx.session, payload.practice_id, ctx.person.id)
        return [ctx.reply("practice-not-now", help_hint(ctx))]
    await practices.editable(ctx.session, payload.practice_id, ctx.person.id)
    return await open_step(ctx, STEPS[0], payload.practice_id)


@router.button(PracticeRework, roles=MENTOR)
async def rework(ctx: Context, payload: PracticeRework) -> Replies:
    """A practice sent back for changes: its summary, with the curator's comment."""
    assert ctx.person is not None
    await practices.editable(ctx.session, payload.practice_id, ctx.person.id)
    return await open_step(ctx, SUMMARY, payload.practice_id, True)


def _text_step(field: str, state: str, prompt: str) -> tuple[Handler, Handler]:
    """The question and the answer of a step typed as text."""

    async def ask(ctx: Context) -> Replies:
        practice = await current(ctx)
        if practice is None:
            return await _gone(ctx)
        now = getattr(practice, field)
        keep = Markup("\n\n") + ctx.t("practice-now", text=now) if now else Markup("")
        return [Reply(ctx.t(prompt, max=practices.TEXTS[field]) + keep)]

    async def take(ctx: Context) -> Replies:
        practice = await current(ctx)
        if practice is None:
            return await _gone(ctx)
        practices.set_text(practice, field, ctx.incoming.text)
        return await _next(ctx, state)

    return ask, take


async def ask_form(ctx: Context) -> Replies:
    """Question: the form of mentoring (the programme's is said)."""
    practice = await current(ctx)
    if practice is None:
        return await _gone(ctx)
    forms = [ctx.button(f"form-{f.value}", PracticeForm(f)) for f in Form]
    rows = [forms[i : i + 2] for i in range(0, len(forms), 2)]
    programme = await ctx.session.get(Programme, practice.programme_id or 0)
    if programme is None:
        return [ctx.reply("practice-ask-form", rows)]
    chosen = ctx.t(f"form-{practice.form or programme.form}")
    return [ctx.reply("practice-ask-form-programme", rows, form=chosen)]


@router.button(PracticeForm, states=["prc_form"], roles=MENTOR)
async def take_form(ctx: Context, payload: PracticeForm) -> Replies:
    """The form chosen."""
    practice = await current(ctx)
    if practice is None:
        return await _gone(ctx)
    practices.set_form(practice, payload.form)
    return await _next(ctx, "prc_form")


async def _format_taken(ctx: Context, key: str, note: str | None) -> Replies:
    practice = await current(ctx)
    if practice is None:
        return await _gone(ctx)
    practices.set_format(practice, key, note)
    return await _next(ctx, "prc_format")


FORMAT = org_choices.Step(
    "formats", "prc_format", "practice-ask-format", "practice-ask-format-other", PracticeFormat,
    "key", PracticeFormatPage, "btn-more-formats", FORMAT_PAGE, _format_taken,
)  # fmt: skip


async def ask_files(ctx: Context) -> Replies:
    """Question: photos and documents, then «Готово»."""
    practice = await current(ctx)
    if practice is None:
        return await _gone(ctx)
    done = [[ctx.button("btn-practice-files-done", PracticeFilesDone())]]
    count = len(await practices.files(ctx.session, practice.id))
    return [
        ctx.reply(
            "practice-ask-files", done, mb=ctx.settings.max_upload_mb, max=practices.MAX_FILES,
            count=count,
        )
    ]  # fmt: skip


async def take_files(ctx: Context) -> Replies:
    """Files are kept on the practice; more may follow, then «Готово»."""
    practice = await current(ctx)
    if practice is None:
        return await _gone(ctx)
    files = await uploads(ctx)
    if not files:
        return [ctx.reply("practice-files-expected")] + await ask_files(ctx)
    count = await practices.add_files(ctx.session, practice, files)
    done = [[ctx.button("btn-practice-files-done", PracticeFilesDone())]]
    return [ctx.reply("practice-files-taken", done, count=count)]


@router.button(PracticeFilesDone, states=["prc_files"], roles=MENTOR)
async def files_done(ctx: Context, payload: PracticeFilesDone) -> Replies:
    """No more files: the summary."""
    if await current(ctx) is None:
        return await _gone(ctx)
    return await _next(ctx, "prc_files")


async def summary(ctx: Context) -> Replies:
    """The practice as the curator will see it, with «Отправить куратору» and a button to
    change each answer."""
    practice = await current(ctx)
    if practice is None:
        return await _gone(ctx)
    text = await practice_view.card(ctx.session, practice, ctx.locale, author=False, comment=True)
    changes = [
        ctx.button(f"btn-practice-change-{field}", PracticeChange(field))
        for field in get_args(PracticeField)
    ]
    rows = [[ctx.button("btn-practice-submit", PracticeSubmit())]]
    rows += [changes[i : i + 2] for i in range(0, len(changes), 2)]
    return [Reply(ctx.t("practice-summary") + Markup("\n\n") + text, rows)]


@router.button(PracticeChange, states=[SUMMARY], roles=MENTOR)
async def change(ctx: Context, payload: PracticeChange) -> Replies:
    """Change one answer, then back to the summary."""
    if await current(ctx) is None:
        return await _gone(ctx)
    return await open_step(ctx, FIELD_STEPS[payload.field], int(ctx.data["practice"]), True)


@router.button(PracticeSubmit, states=[SUMMARY], roles=MENTOR)
async def submit(ctx: Context, payload: PracticeSubmit) -> Replies:
    """The practice goes to the curator."""
    assert ctx.person is not None
    await practices.submit(ctx.session, int(ctx.data["practice"]), ctx.person.id, ctx.now)
    await ctx.finish()
    return [ctx.reply("practice-submitted-you", help_hint(ctx))]


router.state("prc_title", *_text_step("title", "prc_title", "practice-ask-title"))
router.state("prc_form", ask_form)
FORMAT.register(router, MENTOR)
router.state("prc_done", *_text_step("done", "prc_done", "practice-ask-done"))
router.state("prc_results", *_text_step("results", "prc_results", "practice-ask-results"))
router.state("prc_files", ask_files, take_files)
router.state(SUMMARY, summary)
router.wizard(WIZARD, [*STEPS, "prc_format_other", SUMMARY], roles=MENTOR, start=begin)
