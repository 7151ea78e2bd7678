"""The curators' notices of monitoring and reports: a closed monitoring's response rates with
its report, and the reminder of the annual report for the regional mentoring centre with the
year's report; each with the way to /report and help. The files are made when sent."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import dates, texts
from bot.core.conversation import Button, Reply
from bot.core.models import Notification, Person
from bot.core.reports.files import report_files
from bot.core.services import annual, monitoring, programmes, surveys
from bot.core.services.period_figures import Period
from bot.core.services.reports import ReportKind
from bot.core.timezones import to_local
from handlers.buttons import Menu
from handlers.notifications import renderer
from handlers.survey_view import said


async def _with_report(
    session: AsyncSession,
    row: Notification,
    person: Person,
    text: Markup,
    kind: ReportKind,
    period: Period,
) -> list[Reply] | None:
    """The notice with the report's workbook, then its charts, and under the last the way to
    the reports and to help; nothing once the person is no curator."""
    if person.id not in {curator.id for curator in await programmes.curators(session)}:
        return None
    locale = person.locale
    today = to_local(row.due_at, period.zone).date()
    workbook, *pictures = await report_files(
        session, kind, period, today, locale, curator=kind is ReportKind.MONITORING
    )
    title = texts.t(f"report-kind-{kind.value}", locale)
    replies = [Reply(text, file=workbook)]
    replies += [Reply(texts.t("report-chart", locale, kind=title), file=p) for p in pictures]
    replies[-1].buttons = [
        [
            Button(texts.t("btn-open-report", locale), Menu("report").pack()),
            Button(texts.t("btn-help", locale), Menu("help").pack()),
        ]
    ]
    return replies


@renderer(monitoring.REPORT)
async def monitoring_report(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A monitoring has closed: how many answered each of its surveys, and its report."""
    deadline = date.fromisoformat(str(row.params["deadline"]))
    rates = await monitoring.response_rates(session, deadline.isoformat())
    if not rates:
        return None
    locale = person.locale
    lines = [texts.t("monitoring-closed", locale, deadline=dates.format_date(deadline, locale))]
    for run, invited, answered in rates:
        title = said((await surveys.definition_of(session, run))["title"], locale)
        rate = texts.t("monitoring-rate", locale, title=title, answered=answered, invited=invited)
        lines.append(rate)
    first = date.fromisoformat(str(row.params["first"]))
    period = Period(first, deadline, str(row.params["zone"]))
    text = Markup("\n").join(lines)
    return await _with_report(session, row, person, text, ReportKind.MONITORING, period)


@renderer(annual.REMIND)
async def annual_report(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The annual report is due on 30 December: a reminder with this year's report."""
    locale = person.locale
    year = int(row.params["year"])
    due = dates.format_date(date(year, *annual.DUE), locale)
    text = texts.t("annual-report-due", locale, year=str(year), due=due)
    period = Period(date(year, 1, 1), date(year, 12, 31), str(row.params["zone"]))
    return await _with_report(session, row, person, text, ReportKind.ANNUAL, period)
