"""Draws the README's picture of a report chart from demo figures (no database needed):

    .venv/bin/python docs/report_chart.py        # writes docs/report-chart.png

Meetings of an imagined school year, month by month, as `/report` sends them in chat.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.core.reports.charts import meetings_chart
from bot.core.reports.labels import Labels
from bot.core.services import period_figures as pf
from bot.core.services.reports import Report, ReportKind

OUT = Path(__file__).with_name("report-chart.png")
# (proposed, held, not held, cancelled) for September to May.
DEMO = [(14, 11, 1, 2), (22, 18, 2, 2), (25, 21, 1, 3), (19, 15, 3, 1), (9, 7, 1, 1),
        (24, 20, 2, 2), (27, 23, 1, 3), (21, 18, 2, 1), (16, 12, 2, 2)]  # fmt: skip


def demo_report() -> Report:
    """A programmes report with only the meetings filled in."""
    period = pf.Period(date(2026, 9, 1), date(2027, 5, 31), "Europe/Moscow")
    months = [
        pf.MonthMeetings(year, month, *DEMO[i]) for i, (year, month) in enumerate(period.months())
    ]
    return Report(
        kind=ReportKind.PROGRAMMES,
        period=period,
        participants=pf.Participants(0, {}, {}, {}, {}),
        programmes=pf.Programmes(0, 0, 0, 0),
        meetings=months,
        milestones=pf.Milestones(0, 0, 0),
        mentor_load=[],
        runs=[],
        questions=[],
        answers=None,
    )


if __name__ == "__main__":
    report = demo_report()
    OUT.write_bytes(meetings_chart(report, Labels("ru", report.period.zone)))
    print(f"Wrote {OUT}")
