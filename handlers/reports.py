"""/report for the curator: choose the kind and the period (a button or typed dates), get the
XLSX workbook as a document and its charts as photos."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core import dates, timezones
from bot.core.conversation import Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF
from bot.core.refusal import Refusal
from bot.core.reports.files import report_files
from bot.core.services.period_figures import Period
from bot.core.services.reports import ReportKind
from handlers.buttons import ReportChoice, ReportPeriod, ReportSpan
from handlers.common import help_hint

router = Router()

SPAN_LABELS: dict[ReportSpan, str] = {
    "month": "btn-report-this-month",
    "last": "btn-report-last-month",
    "year": "btn-report-school-year",
}
SCHOOL_YEAR_MONTH = 9  # a school year starts on 1 September
DAYS_A_YEAR = 366
MAX_YEARS = 5  # a longer typed period is surely a slip (and a chart of its months unreadable)
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")
_BETWEEN = " -–—"  # what may stand between the two dates


@router.command("report", roles=STAFF, aliases=("отчёт", "отчет"))
async def report(ctx: Context) -> Replies:
    """Which report: programmes, monitoring or annual."""
    kinds = [ctx.button(f"btn-report-{kind.value}", ReportChoice(kind)) for kind in ReportKind]
    return [ctx.reply("report-choose-kind", [kinds, *help_hint(ctx)])]


@router.button(ReportChoice, roles=STAFF)
async def choose_kind(ctx: Context, payload: ReportChoice) -> Replies:
    """Ask for the period, by a button or typed."""
    await ctx.goto("report_period", kind=payload.kind.value)
    return await ask_period(ctx)


async def ask_period(ctx: Context) -> Replies:
    """This month, last month, this school year, or two dates typed."""
    kind = ReportKind(ctx.data["kind"])
    spans = [ctx.button(SPAN_LABELS[span], ReportPeriod(kind, span)) for span in SPAN_LABELS]
    rows = [spans[:2], spans[2:], *help_hint(ctx)]
    return [ctx.reply("report-choose-period", rows, kind=ctx.t(f"report-kind-{kind.value}"))]


def _today(ctx: Context) -> date:
    return timezones.to_local(ctx.now, ctx.settings.default_timezone).date()


def span_period(span: ReportSpan, today: date, zone: str) -> Period:
    """This month and this school year up to today; last month whole."""
    if span == "month":
        return Period(today.replace(day=1), today, zone)
    if span == "last":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last, zone)
    year = today.year if today.month >= SCHOOL_YEAR_MONTH else today.year - 1
    return Period(date(year, SCHOOL_YEAR_MONTH, 1), today, zone)


def typed_period(text: str, today: date, zone: str) -> Period:
    """Two dates with a dash between them («01.09.2026–30.11.2026»); a clear refusal otherwise."""
    found = _DATE.findall(text)
    if len(found) != 2 or _DATE.sub("", text).strip(_BETWEEN):
        raise Refusal("report-bad-period")
    first, last = (dates.parse_date(piece, today) for piece in found)
    if first is None or last is None:
        raise Refusal("report-bad-period")
    if first > last:
        raise Refusal("report-period-reversed")
    if (last - first).days > DAYS_A_YEAR * MAX_YEARS:
        raise Refusal("report-period-too-long", years=MAX_YEARS)
    return Period(first, last, zone)


@router.button(ReportPeriod, roles=STAFF)
async def by_button(ctx: Context, payload: ReportPeriod) -> Replies:
    """The report for the period of the button."""
    await ctx.finish()
    period = span_period(payload.span, _today(ctx), ctx.settings.default_timezone)
    return await send_report(ctx, payload.kind, period)


async def take_period(ctx: Context) -> Replies:
    """The report for the dates typed, while the person is still staff."""
    if not ctx.is_staff:  # the role was taken away since the question was asked
        await ctx.finish()
        return [ctx.reply("refusal-curator-only", help_hint(ctx))]
    period = typed_period(ctx.incoming.text or "", _today(ctx), ctx.settings.default_timezone)
    kind = ReportKind(ctx.data["kind"])
    await ctx.finish()
    return await send_report(ctx, kind, period)


async def send_report(ctx: Context, kind: ReportKind, period: Period) -> Replies:
    """The workbook as a document (with names only on its sheet of individual answers), then
    each chart as a photo."""
    workbook, *pictures = await report_files(
        ctx.session, kind, period, _today(ctx), ctx.locale, curator=True
    )
    title = ctx.t(f"report-kind-{kind.value}")
    first, last = (dates.format_date(d, ctx.locale) for d in (period.first, period.last))
    text = ctx.t("report-ready", kind=title, first=first, last=last)
    replies = [Reply(text, file=workbook)]
    replies += [Reply(ctx.t("report-chart", kind=title), file=picture) for picture in pictures]
    replies[-1].buttons = help_hint(ctx)
    return replies


router.state("report_period", ask_period, take_period)
