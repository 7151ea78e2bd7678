"""Terms in days, weeks or months: typed in the console wizard, counted to the right end day,
extended in the same unit, and the term-end notice on the last day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.dates import parse_term
from bot.core.engine import Core
from bot.core.models import ProgrammeRequest, TermUnit
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import joined
from tests.unit.test_programme_edge_cases import core, dispatch, programme, programme_setup, rows

__all__ = ["core"]


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("21 день", (21, "days")),
        ("21 дн.", (21, "days")),
        ("3 недели", (3, "weeks")),
        ("2 нед", (2, "weeks")),
        ("6 месяцев", (6, "months")),
        ("6", (6, "months")),
        ("1 год", (12, "months")),
        ("10 days", (10, "days")),
        ("2 weeks", (2, "weeks")),
        ("1 month", (1, "months")),
    ],
)
def test_a_typed_term_is_read_with_its_unit(typed: str, term: tuple[int, str]) -> None:
    assert parse_term(typed) == term


@pytest.mark.parametrize(
    "typed", ["", "день", "21 попугай", "три недели", "1.5 мес", "3 года назад"]
)
def test_anything_else_is_not_a_term(typed: str) -> None:
    assert parse_term(typed) is None


async def test_console_wizard_with_a_term_of_three_weeks(
    core: Core, db: Database, clock: FakeClock
) -> None:
    """Accepted on 24 November (Moscow): three weeks end on 15 December; the card says so, an
    extension offers weeks, and the term-end notice comes on the new last day."""
    setup = await programme_setup(core, db, term="3 недели")
    row = await programme(db, setup.programme_id)
    assert (row.term, row.term_unit) == (3, TermUnit.WEEKS)
    assert row.ends_on == date(2026, 12, 15)
    card = joined(await setup.mentee.press(f"programme:{setup.programme_id}"))
    assert "Срок: 3 недели, до 15 декабря 2026" in card

    choices = await setup.mentor.press(f"extend:{setup.programme_id}")
    assert [b.label for b in choices[0].buttons[0]] == ["+1 неделя", "+2 недели", "+4 недели"]
    await setup.mentor.press(f"extend:{setup.programme_id}:2")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.mentee.press(f"request:y:{request.id}")
    row = await programme(db, setup.programme_id)
    assert (row.term, row.ends_on) == (5, date(2026, 12, 29))

    await dispatch(db, clock)
    clock.now = datetime(2026, 12, 29, 7, 0, tzinfo=UTC) - timedelta(minutes=1)
    assert (await dispatch(db, clock)).sent == []
    clock.now = datetime(2026, 12, 29, 7, 0, tzinfo=UTC)  # 10:00 in Moscow
    assert any("заканчивается срок" in text for text in (await dispatch(db, clock)).to("3"))
