"""A report's charts as PNG pictures (matplotlib, Agg): meetings per month, response rates, the
distribution of a scale question's scores. Counts only, never names; labels in the recipient's
language.

matplotlib is imported on the first chart drawn, so starting the bot does not wait for it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from bot.core.reports.labels import Labels
from bot.core.services.reports import Report, ReportKind
from bot.core.services.survey_figures import QuestionFigures

PNG_MIME = "image/png"
WIDTH, HEIGHT, DPI = 8, 4.5, 100
COLOURS = ("#2E86AB", "#3BB273", "#E15554", "#7768AE")


def _figure() -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Any) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _bars(title: str, categories: list[str], series: Mapping[str, Sequence[float]]) -> bytes:
    """Grouped bars: one group per category, one bar per series."""
    figure = _figure()
    axes = figure.add_subplot()
    width = 0.8 / max(len(series), 1)
    for number, (name, values) in enumerate(series.items()):
        places = [i + (number - (len(series) - 1) / 2) * width for i in range(len(categories))]
        axes.bar(places, values, width, label=name, color=COLOURS[number % len(COLOURS)])
    axes.set_xticks(range(len(categories)), categories, rotation=30 if len(categories) > 6 else 0)
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if len(series) > 1:
        axes.legend()
    return _png(figure)


def meetings_chart(report: Report, tx: Labels) -> bytes:
    """Meetings proposed, held and not held, month by month."""
    months = [tx.month(m.year, m.month) for m in report.meetings]
    series = {
        tx("col-proposed"): [m.proposed for m in report.meetings],
        tx("col-held"): [m.held for m in report.meetings],
        tx("col-not-held"): [m.not_held for m in report.meetings],
    }
    return _bars(tx("chart-meetings"), months, series)


def responses_chart(report: Report, tx: Labels) -> bytes:
    """Invited, started and completed, run by run."""
    runs = [tx("chart-run", number=r.run_id) for r in report.runs]
    series = {
        tx("col-invited"): [r.invited for r in report.runs],
        tx("col-started"): [r.started for r in report.runs],
        tx("col-completed"): [r.completed for r in report.runs],
    }
    return _bars(tx("chart-responses"), runs, series)


def scores_chart(question: QuestionFigures, tx: Labels) -> bytes:
    """How many gave each score to one scale question."""
    title = tx.pick(question.text)
    if len(title) > 70:
        title = title[:69] + "…"
    points = [count.value for count in question.counts]
    return _bars(title, points, {tx("col-count"): [count.count for count in question.counts]})


def charts(report: Report, locale: str) -> list[tuple[str, bytes]]:
    """The report's pictures as (file name, PNG bytes): meetings (not for monitoring), response
    rates when there were runs, and the first scale question anyone answered."""
    tx = Labels(locale, report.period.zone)
    found = []
    if report.kind is not ReportKind.MONITORING:
        found.append(("meetings.png", meetings_chart(report, tx)))
    if report.runs:
        found.append(("responses.png", responses_chart(report, tx)))
    scored = next((q for q in report.questions if q.kind == "scale" and q.answered), None)
    if scored is not None:
        found.append(("scores.png", scores_chart(scored, tx)))
    return found
