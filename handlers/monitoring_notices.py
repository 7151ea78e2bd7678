"""The curators' notices of monitoring and reports: a closed monitoring's response rates (with
its report), and the reminder of the annual report for the regional mentoring centre."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import dates, texts
from bot.core.conversation import Button, Reply
from bot.core.models import Notification, Person
from bot.core.services import annual, monitoring, surveys
from handlers.buttons import Menu
from handlers.notifications import renderer
from handlers.survey_view import said


def _buttons(locale: str) -> list[list[Button]]:
    """The way forward: the reports, and help."""
    return [
        [
            Button(texts.t("btn-open-report", locale), Menu("report").pack()),
            Button(texts.t("btn-help", locale), Menu("help").pack()),
        ]
    ]


@renderer(monitoring.REPORT)
async def monitoring_report(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A monitoring has closed: how many answered each of its surveys."""
    deadline = str(row.params.get("deadline", ""))
    rates = await monitoring.response_rates(session, deadline)
    if not rates:
        return None
    locale = person.locale
    lines = [
        texts.t(
            "monitoring-closed",
            locale,
            deadline=dates.format_date(date.fromisoformat(deadline), locale),
        )
    ]
    for run, invited, answered in rates:
        title = said((await surveys.definition_of(session, run))["title"], locale)
        lines.append(
            texts.t("monitoring-rate", locale, title=title, answered=answered, invited=invited)
        )
    return [Reply(Markup("\n").join(lines), _buttons(locale))]


@renderer(annual.REMIND)
async def annual_report(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The annual report is due on 30 December: a reminder with the way to it."""
    locale = person.locale
    year = int(row.params.get("year", 0))
    due = dates.format_date(date(year, *annual.DUE), locale)
    return [Reply(texts.t("annual-report-due", locale, year=year, due=due), _buttons(locale))]
