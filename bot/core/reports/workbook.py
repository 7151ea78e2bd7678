"""A report as an XLSX workbook: one sheet per section, a header row, numbers as numbers, and
native Excel charts (XlsxWriter) on the main sheets.

Names appear only on the curator's sheet of individual answers; every other sheet and every
chart holds counts.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import xlsxwriter

from bot.core import organisation
from bot.core.models import AgeGroup, Form, MemberRole
from bot.core.reports.labels import Labels
from bot.core.services.period_figures import UNKNOWN
from bot.core.services.reports import Report, ReportKind

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Cell = str | int | float | datetime | None
MAX_QUESTION_CHARTS = 20  # one chart per counted question, the rest only as numbers
MAX_WIDTH = 60  # characters of a column
MAX_TITLE = 200  # characters of a chart's title
CHART_ROWS = 16  # rows a chart takes, the next one below it


@dataclass(frozen=True)
class Chart:
    """A native column chart of rows `first`..`last` (0-based data rows): categories from one
    column, a series from each of `values`."""

    title: str
    first: int
    last: int
    values: tuple[int, ...]
    category: int = 0


@dataclass
class Sheet:
    """One section: its title, header row, data rows and charts."""

    title: str
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    percent: tuple[int, ...] = ()  # columns shown as percentages

    def chart(self, title: str, values: tuple[int, ...]) -> None:
        """A chart of every data row so far (none for an empty table)."""
        if self.rows:
            self.charts.append(Chart(title, 0, len(self.rows) - 1, values))


def _about(report: Report, tx: Labels) -> Sheet:
    sheet = Sheet(tx("sheet-about"), [tx("col-item"), tx("col-value")])
    org = organisation.current().name
    sheet.rows = [
        [tx("about-kind"), tx(f"report-kind-{report.kind.value}")],
        [tx("about-from"), report.period.first.strftime("%d.%m.%Y")],
        [tx("about-to"), report.period.last.strftime("%d.%m.%Y")],
        [tx("about-zone"), report.period.zone],
    ]
    if org:
        sheet.rows.append([tx("about-org"), org])
    return sheet


def _participants(report: Report, tx: Labels) -> Sheet:
    found = report.participants
    sheet = Sheet(tx("sheet-participants"), [tx("col-group"), tx("col-value"), tx("col-people")])
    sheet.rows.append([tx("group-total"), tx("group-total"), found.total])
    for role in MemberRole:
        sheet.rows.append([tx("group-role"), tx(f"role-{role.value}"), found.by_role[role.value]])
    ages = [a.value for a in AgeGroup] + ([UNKNOWN] if UNKNOWN in found.by_age else [])
    for age in ages:
        sheet.rows.append([tx("group-age"), tx(f"report-age-{age}"), found.by_age.get(age, 0)])
    for form in Form:
        sheet.rows.append([tx("group-form"), tx(f"form-{form.value}"), found.by_form.get(form, 0)])
    offered = [e.key for e in organisation.current().pair_types]
    for key in offered + sorted(set(found.by_pair_type) - set(offered)):
        label = organisation.shown("pair_types", key, None, tx.locale)
        sheet.rows.append([tx("group-pair-type"), label, found.by_pair_type.get(key, 0)])
    roles = len(MemberRole)
    sheet.charts.append(Chart(tx("chart-participants"), 1, roles, (2,), category=1))
    return sheet


def _programmes(report: Report, tx: Labels) -> Sheet:
    found = report.programmes
    sheet = Sheet(tx("sheet-programmes"), [tx("col-item"), tx("col-programmes")])
    sheet.rows = [
        [tx("programmes-started"), found.started],
        [tx("programmes-active"), found.active],
        [tx("programmes-completed"), found.completed],
        [tx("programmes-ended"), found.ended],
    ]
    sheet.chart(tx("sheet-programmes"), (1,))
    return sheet


def _meetings(report: Report, tx: Labels) -> Sheet:
    columns = ["col-month", "col-proposed", "col-held", "col-not-held", "col-cancelled"]
    sheet = Sheet(tx("sheet-meetings"), [tx(c) for c in columns])
    for month in report.meetings:
        label = tx.month(month.year, month.month)
        sheet.rows.append([label, month.proposed, month.held, month.not_held, month.cancelled])
    sheet.chart(tx("chart-meetings"), (1, 2, 3))
    return sheet


def _milestones(report: Report, tx: Labels) -> Sheet:
    found = report.milestones
    sheet = Sheet(tx("sheet-milestones"), [tx("col-item"), tx("col-value")], percent=(1,))
    sheet.rows = [
        [tx("milestones-total"), found.total],
        [tx("milestones-done"), found.done],
        [tx("milestones-rate"), found.rate],
        [tx("milestones-overdue"), found.overdue],
    ]
    return sheet


def _mentor_load(report: Report, tx: Labels) -> Sheet:
    header = [tx("col-mentor"), tx("col-mentees"), tx("col-active-programmes")]
    sheet = Sheet(tx("sheet-mentor-load"), header)
    for number, load in enumerate(report.mentor_load, start=1):
        sheet.rows.append([number, load.mentees, load.programmes])
    sheet.chart(tx("chart-mentor-load"), (1,))
    return sheet


def _surveys(report: Report, tx: Labels) -> Sheet:
    columns = ["col-run", "col-survey", "col-kind", "col-opens", "col-closes"]
    columns += ["col-invited", "col-started", "col-completed", "col-rate"]
    sheet = Sheet(tx("sheet-surveys"), [tx(c) for c in columns], percent=(8,))
    for run in report.runs:
        sheet.rows.append(
            [
                run.run_id,
                tx.pick(run.title),
                tx(f"survey-kind-{run.kind}"),
                tx.local(run.opens_at),
                tx.local(run.closes_at),
                run.invited,
                run.started,
                run.completed,
                run.rate,
            ]
        )
    sheet.chart(tx("chart-responses"), (5, 6, 7))
    return sheet


def _questions(report: Report, tx: Labels) -> Sheet:
    columns = ["col-run", "col-question", "col-answer", "col-count", "col-mean"]
    sheet = Sheet(tx("sheet-questions"), [tx(c) for c in columns])
    for question in report.questions:
        text = tx.pick(question.text)
        first = len(sheet.rows)
        if not question.counts:
            sheet.rows.append([question.run_id, text, tx("answer-texts"), question.answered, None])
            continue
        for count in question.counts:
            label = tx.pick(count.label) if count.label else int(count.value)
            sheet.rows.append([question.run_id, text, label, count.count, None])
        sheet.rows[first][4] = question.mean
        if len(sheet.charts) < MAX_QUESTION_CHARTS:
            chart = Chart(text, first, len(sheet.rows) - 1, (3,), category=2)
            sheet.charts.append(chart)
    return sheet


def _answers(report: Report, tx: Labels) -> Sheet:
    columns = ["col-name", "col-run", "col-question", "col-answer"]
    sheet = Sheet(tx("sheet-answers"), [tx(c) for c in columns])
    for answer in report.answers or []:
        name = answer.name or tx("name-erased")
        sheet.rows.append([name, answer.run_id, tx.pick(answer.question), tx.answer(answer)])
    return sheet


Section = Callable[[Report, Labels], Sheet]
SECTIONS: dict[ReportKind, tuple[Section, ...]] = {
    ReportKind.PROGRAMMES: (
        _about,
        _participants,
        _programmes,
        _meetings,
        _milestones,
        _mentor_load,
        _surveys,
        _questions,
    ),
    ReportKind.MONITORING: (_about, _surveys, _questions, _participants, _programmes),
    ReportKind.ANNUAL: (_about, _participants, _programmes, _meetings, _milestones, _surveys),
}


def sheets(report: Report, locale: str) -> list[Sheet]:
    """The report's sections in order; the curator's copy ends with the individual answers."""
    tx = Labels(locale, report.period.zone)
    found = [section(report, tx) for section in SECTIONS[report.kind]]
    if report.answers is not None:
        found.append(_answers(report, tx))
    return found


def workbook(report: Report, locale: str) -> bytes:
    """The report as XLSX bytes, labels in `locale`."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = {
        "header": book.add_format({"bold": True}),
        "percent": book.add_format({"num_format": "0.0%"}),
        "date": book.add_format({"num_format": "dd.mm.yyyy hh:mm"}),
        "mean": book.add_format({"num_format": "0.00"}),
    }
    for sheet in sheets(report, locale):
        page = book.add_worksheet(sheet.title)
        _write_cells(page, sheet, formats)
        _add_charts(book, page, sheet)
    book.close()
    return buffer.getvalue()


def _write_cells(page: Any, sheet: Sheet, formats: dict[str, Any]) -> None:
    page.write_row(0, 0, sheet.header, formats["header"])
    page.freeze_panes(1, 0)
    for index, row in enumerate(sheet.rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime):
                page.write_datetime(index, column, value, formats["date"])
            elif isinstance(value, float):
                kind = "percent" if column in sheet.percent else "mean"
                page.write_number(index, column, value, formats[kind])
            elif value is not None:
                page.write(index, column, value)
    for column, title in enumerate(sheet.header):
        longest = max([len(title), *(len(str(row[column])) for row in sheet.rows)])
        page.set_column(column, column, min(max(longest + 2, 8), MAX_WIDTH))


def _add_charts(book: Any, page: Any, sheet: Sheet) -> None:
    """Each chart to the right of the table, one under another."""
    for number, spec in enumerate(sheet.charts):
        chart = book.add_chart({"type": "column"})
        first, last = spec.first + 1, spec.last + 1  # below the header row
        for value in spec.values:
            chart.add_series(
                {
                    "name": [sheet.title, 0, value],
                    "categories": [sheet.title, first, spec.category, last, spec.category],
                    "values": [sheet.title, first, value, last, value],
                }
            )
        chart.set_title({"name": spec.title[:MAX_TITLE]})
        chart.set_legend({"position": "bottom" if len(spec.values) > 1 else "none"})
        page.insert_chart(1 + number * CHART_ROWS, len(sheet.header) + 1, chart)
