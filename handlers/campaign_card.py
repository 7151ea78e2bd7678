"""/surveys: the curator's sent surveys, each with its response figures counted afresh whenever
the card is opened or refreshed, the one reminder to those yet to answer, and everyone's answers
as a CSV file (the curator's alone). Mentors get their figures (`survey_summary`); others, their
own surveys to answer."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from bot import banks_csv
from bot.core import organisation, texts, when
from bot.core.conversation import Button, File, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Role, SurveyRun
from bot.core.services import campaigns, surveys
from handlers import survey_summary, survey_view
from handlers.buttons import CampaignAnswers, CampaignCard, CampaignNew, CampaignRemind, Menu
from handlers.common import help_hint
from handlers.notifications import shown_name

router = Router()
LISTED = 7  # sent surveys as buttons, with New, the list and Help within VK's ten


def segment_text(ctx: Context, segment: str, value: str | None) -> str:
    """A segment in words: «все участники», «форма: виртуальное», «пара или группа № 3»."""
    if segment == "form":
        return texts.plain(ctx.t("campaign-segment-form", form=ctx.t(f"form-{value}")))
    if segment == "pair_type":
        name = organisation.current().label("pair_types", value or "", ctx.locale) or value
        return texts.plain(ctx.t("campaign-segment-pair_type", type=name))
    if segment == "programme":
        return texts.plain(ctx.t("campaign-segment-programme", id=value))
    return texts.plain(ctx.t(f"campaign-segment-{segment}"))


def until(ctx: Context, run_closes_at: Any) -> str:
    """The deadline on the reader's clock."""
    assert ctx.person is not None
    return when.format_when(run_closes_at, ZoneInfo(ctx.person.timezone), ctx.locale)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


async def _title(ctx: Context, run: SurveyRun) -> str:
    return survey_view.said((await surveys.definition_of(ctx.session, run))["title"], ctx.locale)


@router.command("surveys", aliases=("опросы",))
async def surveys_command(ctx: Context) -> Replies:
    """The curator's sent surveys and Send a survey; a mentor's figures; anyone else's own
    surveys to answer."""
    if ctx.is_staff:
        return await _listing(ctx)
    if ctx.has_role(frozenset({Role.MENTOR})):
        return await survey_summary.listing(ctx)
    assert ctx.person is not None
    mine = await survey_view.pending(ctx.session, ctx.person, ctx.now)
    return [ctx.reply("campaign-mine", help_hint(ctx), count=len(mine)), *mine]


async def _listing(ctx: Context) -> Replies:
    rows = []
    for run in await campaigns.runs(ctx.session, LISTED):
        figures = await campaigns.figures(ctx.session, run.id)
        closed = not surveys.is_open(run, ctx.now)
        label = ctx.t(
            "btn-campaign-run", title=await _title(ctx, run), rate=figures.rate, closed=_yes(closed)
        )
        rows.append([Button(label, CampaignCard(run.id).pack())])
    rows.append([ctx.button("btn-campaign-new", CampaignNew())])
    return [ctx.reply("campaign-list", [*rows, *help_hint(ctx)], count=len(rows) - 1)]


@router.button(CampaignCard, roles=STAFF)
async def card(ctx: Context, payload: CampaignCard) -> Replies:
    """The run: the survey, whom it went to, the deadline, and its figures as they are now;
    Refresh, Remind (while open, not yet reminded and someone is yet to answer) and the
    answers."""
    run = await campaigns.run_of(ctx.session, payload.run_id)
    figures = await campaigns.figures(ctx.session, run.id)
    audience, waiting = run.audience, figures.invited - figures.completed
    text = ctx.t(
        "campaign-card",
        title=await _title(ctx, run),
        segment=segment_text(ctx, audience.get("segment", "all"), audience.get("value")),
        until=until(ctx, run.closes_at),
        closed=_yes(not surveys.is_open(run, ctx.now)),
        invited=figures.invited,
        started=figures.started,
        completed=figures.completed,
        waiting=waiting,
        rate=figures.rate,
        reminded=_yes(run.reminded_at is not None),
    )
    rows = [[ctx.button("btn-campaign-refresh", CampaignCard(run.id))]]
    if surveys.is_open(run, ctx.now) and run.reminded_at is None and waiting:
        rows[0].append(ctx.button("btn-campaign-remind", CampaignRemind(run.id)))
    rows.append([ctx.button("btn-campaign-answers", CampaignAnswers(run.id))])
    rows.append([ctx.button("btn-campaign-list", Menu("surveys"))])
    return [Reply(text, rows)]


@router.button(CampaignRemind, roles=STAFF)
async def remind(ctx: Context, payload: CampaignRemind) -> Replies:
    """Remind those who have not completed the survey, once; then the card."""
    count = await campaigns.remind(ctx.session, payload.run_id, ctx.now)
    return [
        ctx.reply("campaign-reminded", count=count),
        *await card(ctx, CampaignCard(payload.run_id)),
    ]


@router.button(CampaignAnswers, roles=STAFF)
async def answers_file(ctx: Context, payload: CampaignAnswers) -> Replies:
    """Everyone invited, one row each: name, part, where they stand and each answer in words
    (a `;` and a BOM for Russian Excel)."""
    run = await campaigns.run_of(ctx.session, payload.run_id)
    definition = await surveys.definition_of(ctx.session, run)
    questions = definition["questions"]
    header = [texts.plain(ctx.t(f"campaign-csv-{c}")) for c in ("name", "role", "status")]
    header += [survey_view.said(q["text"], ctx.locale) for q in questions]
    rows = []
    for person, response, given in await campaigns.individual(ctx.session, run.id):
        cells = [
            shown_name(person, ctx.locale),
            texts.plain(ctx.t(f"role-{response.role}")) if response.role else "",
            texts.plain(ctx.t(f"campaign-status-{response.status}")),
        ]
        for q in questions:
            value = given.get(q["id"])
            cells.append("" if value is None else surveys.readable(q, value, ctx.locale))
        rows.append([banks_csv.as_text(c) for c in cells])
    content = banks_csv.csv_bytes(header, rows, ctx.locale)
    file = File(f"survey-{run.id}.csv", content, "text/csv")
    return [Reply(Markup(ctx.t("campaign-csv-ready", count=len(rows))), file=file)]
