"""Answering a survey in chat, one question at a time: Start (or Continue) from the invitation or
/pending, numbers and choices as buttons, ticks and Done, text typed as a message, Back and Skip.

Where a person stands is the database's (the answers given so far), so they may leave and come
back, even after a restart; the `survey` state only says which response typed text belongs to.
"""

from __future__ import annotations

from bot.core.flow import Context, Replies, Router
from bot.core.models import Person
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import surveys
from handlers import survey_view
from handlers.buttons import SurveyMove, SurveyOpen, SurveyPick, SurveyTick
from handlers.common import help_hint, number

router = Router()
STATE = "survey"


def _me(ctx: Context) -> Person:
    if ctx.person is None:
        raise StaleButton()
    return ctx.person


async def show(
    ctx: Context,
    step: surveys.Step,
    ticked: int = 0,
    half: survey_view.Half = "low",
    replace: bool = False,
) -> Replies:
    """Ask the step's question (waiting for typed text for it), or thank once all is answered."""
    if step.question is None:
        await ctx.finish()
        return [ctx.reply("survey-thanks", help_hint(ctx))]
    await ctx.goto(STATE, response_id=step.response.id)
    return [survey_view.question(step, ctx.locale, ticked, half, replace)]


async def _current(ctx: Context, response_id: int, index: int) -> surveys.Step | Replies:
    """The step to answer; an old question's button is told it is behind and shown the
    current one (nothing changes)."""
    step = await surveys.current(ctx.session, response_id, _me(ctx).id, ctx.now)
    if step.question is None:
        raise Refusal("survey-already-answered")
    if step.index != index:
        return [ctx.reply("survey-moved-on"), *await show(ctx, step)]
    return step


@router.button(SurveyOpen)
async def start(ctx: Context, payload: SurveyOpen) -> Replies:
    """Begin, or go on from the first question not yet answered."""
    step = await surveys.current(ctx.session, payload.response_id, _me(ctx).id, ctx.now)
    if step.question is None:
        raise Refusal("survey-already-answered")
    return await show(ctx, step)


@router.button(SurveyPick)
async def pick(ctx: Context, payload: SurveyPick) -> Replies:
    """A number of a scale, or one option of a single choice."""
    step = await _current(ctx, payload.response_id, payload.step)
    if not isinstance(step, surveys.Step):
        return step
    question = step.question or {}
    value: object = payload.value
    if question["kind"] == "single":
        options = question["options"]
        value = options[payload.value]["key"] if payload.value < len(options) else None
    step = await surveys.answer(
        ctx.session, payload.response_id, _me(ctx).id, step.index, value, ctx.now
    )
    return await show(ctx, step)


@router.button(SurveyTick)
async def tick(ctx: Context, payload: SurveyTick) -> Replies:
    """Tick or untick an option (in place), or submit the ticked ones with Done."""
    step = await _current(ctx, payload.response_id, payload.step)
    if not isinstance(step, surveys.Step):
        return step
    options = (step.question or {}).get("options", [])
    if payload.ticked >> len(options):
        raise StaleButton()  # a tick of an option the question does not have
    if not payload.done:
        return await show(ctx, step, ticked=payload.ticked, replace=True)
    keys = [o["key"] for i, o in enumerate(options) if payload.ticked >> i & 1]
    step = await surveys.answer(
        ctx.session, payload.response_id, _me(ctx).id, step.index, keys, ctx.now
    )
    return await show(ctx, step)


@router.button(SurveyMove)
async def move(ctx: Context, payload: SurveyMove) -> Replies:
    """Back to the question before, Skip an optional one, or a long scale's other half."""
    step = await _current(ctx, payload.response_id, payload.step)
    if not isinstance(step, surveys.Step):
        return step
    me, index = _me(ctx).id, step.index
    if payload.act in ("low", "high"):
        return await show(ctx, step, half=payload.act, replace=True)
    if payload.act == "back":
        step = await surveys.back(ctx.session, payload.response_id, me, index, ctx.now)
    else:
        step = await surveys.skip(ctx.session, payload.response_id, me, index, ctx.now)
    return await show(ctx, step)


async def prompt(ctx: Context) -> Replies:
    """The question under way again (after a wrong answer or a restart); nothing once the
    survey is answered or closed."""
    try:
        step = await surveys.current(
            ctx.session, int(ctx.data.get("response_id", 0)), _me(ctx).id, ctx.now
        )
    except Refusal:
        await ctx.finish()
        return []
    if step.question is None:
        await ctx.finish()
        return []
    return [survey_view.question(step, ctx.locale)]


async def typed(ctx: Context) -> Replies:
    """A typed answer: the text of a text question, or a scale's number."""
    response_id = int(ctx.data.get("response_id", 0))
    step = await surveys.current(ctx.session, response_id, _me(ctx).id, ctx.now)
    question = step.question
    if question is None:
        await ctx.finish()
        raise Refusal("survey-already-answered")
    text = (ctx.incoming.text or "").strip()
    value: object = text
    if question["kind"] == "scale":
        value = number(text)
        if value is None or not question["min"] <= value <= question["max"]:
            raise Refusal("survey-type-number", min=question["min"], max=question["max"])
    elif question["kind"] != "text":
        raise Refusal("survey-use-buttons")
    elif not text:
        raise Refusal("survey-hint-text")
    elif len(text) > surveys.MAX_ANSWER:
        raise Refusal("survey-too-long", max=surveys.MAX_ANSWER)
    step = await surveys.answer(ctx.session, response_id, _me(ctx).id, step.index, value, ctx.now)
    return await show(ctx, step)


router.state(STATE, prompt, typed)
