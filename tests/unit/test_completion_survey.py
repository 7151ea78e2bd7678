"""The completion survey when a programme ends: carried out or ended early (by a member, or
because one withdrew consent), its members are invited in the unit of work that ends it; the
invitation comes an hour after the news of the end."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.core.engine import Core
from bot.core.models import (
    Person,
    Programme,
    ProgrammeStatus,
    SurveyKind,
    SurveyResponse,
    SurveyRun,
)
from bot.core.services import erasure, programmes
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_monitoring_schedule import person, programme
from tests.unit.test_programme_edge_cases import core, dispatch, person_id, programme_setup

__all__ = ["core"]
INVITATION = "Итоги программы наставничества"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def invited(db: Database, pid: int) -> list[tuple[int, str | None]]:
    """Who was invited to the programme's completion survey, as what."""
    async with db.transaction() as session:
        query = (
            select(SurveyResponse.person_id, SurveyResponse.role)
            .join(SurveyRun, SurveyRun.id == SurveyResponse.run_id)
            .where(SurveyRun.kind == SurveyKind.COMPLETION, SurveyRun.occasion == str(pid))
        )
        return sorted((who, role) for who, role in (await session.execute(query)).all())


async def test_a_programme_ended_early_asks_its_members_about_it(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await dispatch(db, clock)
    await setup.mentee.press(f"end:{setup.programme_id}")
    await setup.mentee.press(f"end-sure:{setup.programme_id}")
    await setup.mentee.send("Переезжаю в другой город")
    mentor, mentee = await person_id(db, "2"), await person_id(db, "3")
    assert await invited(db, setup.programme_id) == [(mentor, "mentor"), (mentee, "mentee")]
    assert not any(INVITATION in text for text in (await dispatch(db, clock)).to("3"))
    clock.advance(hours=1)  # the news of the end first, the survey an hour later
    sent = await dispatch(db, clock)
    for user in ("2", "3"):
        assert sum(INVITATION in text for text in sent.to(user)) == 1, user
    assert not any(INVITATION in text for text in sent.to("1"))  # the curator is no member


async def test_a_completed_programme_asks_its_members_once(db: Database) -> None:
    mentor, mentee = await person(db, "Иван"), await person(db, "Петя")
    pid = await programme(db, mentor, [mentee])
    async with db.transaction() as session:
        found = await session.get(Programme, pid)
        by = await session.get(Person, mentor)
        assert found is not None and by is not None
        await programmes.close(session, found, ProgrammeStatus.COMPLETED, by, NOW)
        await programmes.close(session, found, ProgrammeStatus.COMPLETED, by, NOW)  # twice
    assert await invited(db, pid) == [(mentor, "mentor"), (mentee, "mentee")]


async def test_one_who_withdraws_consent_is_not_asked_the_others_are(db: Database) -> None:
    mentor, mentee = await person(db, "Иван"), await person(db, "Петя")
    pid = await programme(db, mentor, [mentee])
    async with db.transaction() as session:
        leaving = await session.get(Person, mentee)
        assert leaving is not None
        await erasure.forget(session, leaving, NOW)
    assert await invited(db, pid) == [(mentor, "mentor")]
