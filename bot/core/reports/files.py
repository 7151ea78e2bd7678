"""A report as files to send or save: the workbook first, then its PNG charts.

The entry points for a chat (`/report`), the command line and the scheduler (the monitoring
report when a run closes, the annual report before 30 December).
"""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.conversation import File
from bot.core.models import SurveyRun
from bot.core.reports import charts, workbook
from bot.core.services import reports
from bot.core.services.period_figures import Period
from bot.core.timezones import to_local


def file_name(report: reports.Report) -> str:
    """`report-<kind>-<first>-<last>.xlsx`."""
    period = report.period
    return f"report-{report.kind.value}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"


def render(report: reports.Report, locale: str, with_charts: bool = True) -> list[File]:
    """The workbook (and the PNG charts) of a collected report, labels in `locale`."""
    found = [File(file_name(report), workbook.workbook(report, locale), workbook.XLSX_MIME)]
    if with_charts:
        for name, content in charts.charts(report, locale):
            found.append(File(name, content, charts.PNG_MIME))
    return found


async def report_files(
    session: AsyncSession,
    kind: reports.ReportKind,
    period: Period,
    today: date,
    locale: str,
    *,
    curator: bool,
    run_id: int | None = None,
    with_charts: bool = True,
) -> list[File]:
    """Collect a report and lay it out (the drawing off the event loop)."""
    report = await reports.collect(session, kind, period, today, curator=curator, run_id=run_id)
    return await asyncio.to_thread(render, report, locale, with_charts)


def run_period(run: SurveyRun, zone: str) -> Period:
    """The days a survey run was open, on the organisation's clock: a monitoring report of one
    run covers them."""
    first = to_local(run.opens_at, zone).date()
    last = max(first, to_local(run.closes_at, zone).date())
    return Period(first, last, zone)
