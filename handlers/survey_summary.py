"""A mentor's view of surveys: the runs that asked their pairs and groups, and per question the
mean of a scale or how many chose each option — only once at least three people answered; never
a typed answer, never whose answer it was."""

from __future__ import annotations

from babel.numbers import format_decimal
from markupsafe import Markup

from bot.core import texts
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import Role
from bot.core.refusal import Refusal
from bot.core.services import survey_summary, surveys
from bot.core.services.survey_summary import MIN_ANSWERS, QuestionFigures
from handlers.buttons import SurveySummary
from handlers.common import help_hint
from handlers.survey_view import said

router = Router()
LISTED = 8  # runs as buttons, with Help within VK's ten


async def listing(ctx: Context) -> Replies:
    """The surveys that asked the mentor's pairs and groups, the newest first."""
    assert ctx.person is not None
    rows = []
    for run in await survey_summary.runs_for(ctx.session, ctx.person.id, LISTED):
        definition = await surveys.definition_of(ctx.session, run)
        label = texts.plain(ctx.t("btn-summary-run", title=said(definition["title"], ctx.locale)))
        rows.append([Button(label, SurveySummary(run.id).pack())])
    return [ctx.reply("summary-list", [*rows, *help_hint(ctx)], count=len(rows))]


def _line(ctx: Context, figures: QuestionFigures) -> Markup:
    question = figures.question
    text = said(question["text"], ctx.locale)
    if figures.hidden:
        return ctx.t("summary-question-few", text=text, least=MIN_ANSWERS)
    if question["kind"] == "text":
        return ctx.t("summary-question-text", text=text, count=figures.answered)
    if figures.mean is not None:
        mean = format_decimal(figures.mean, format="0.0", locale=ctx.locale)
        return ctx.t(
            "summary-question-scale",
            text=text,
            mean=mean,
            max=question["max"],
            count=figures.answered,
        )
    names = {o["key"]: said(o["text"], ctx.locale) for o in question["options"]}
    options = [
        texts.plain(ctx.t("summary-option", option=names[key], count=count))
        for key, count in figures.options
    ]
    return ctx.t("summary-question-options", text=text, options="; ".join(options))


@router.button(SurveySummary)
async def summary(ctx: Context, payload: SurveySummary) -> Replies:
    """The figures of one run over the answers from the mentor's own pairs and groups."""
    if ctx.person is None or not ctx.has_role(frozenset({Role.MENTOR})):
        raise Refusal("summary-mentors-only")
    found = await survey_summary.summary(ctx.session, payload.run_id, ctx.person.id)
    title = said(found.definition["title"], ctx.locale)
    head = ctx.t("summary-head", title=title, count=found.answered)
    if found.hidden:
        body = [ctx.t("summary-too-few", least=MIN_ANSWERS)]
    else:
        body = [_line(ctx, q) for q in found.questions]
    return [Reply(Markup("\n").join([head, *body]), help_hint(ctx))]
