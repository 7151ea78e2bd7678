"""/mydata tells what is kept of one's meetings: each with its time, programme, status, one's
answer and whether one came, and the place and agenda one typed — in the message and the JSON;
what one typed goes with one's consent."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.core.conversation import Reply
from bot.core.engine import Core
from bot.core.services import erasure, meetings, mydata
from bot.core.services.meetings import Details
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_meeting_flows import meeting_rows, propose_by_payloads
from tests.unit.test_meetings import NOW, START, make_programme, people_of
from tests.unit.test_programme_edge_cases import person_id, programme_setup


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


def record_of(replies: list[Reply]) -> dict:
    file = replies[-1].file
    assert file is not None and file.name == "mydata.json"
    return json.loads(file.content)


async def test_mydata_lists_ones_meetings_and_what_one_typed(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await propose_by_payloads(setup)  # Thursday 15:00 Moscow, a link and an agenda typed
    (meeting,) = await meeting_rows(db)
    await setup.mentee.press(f"meet:confirm:{meeting.id}")
    clock.now = meeting.start + timedelta(hours=1)
    await setup.mentor.press(f"meet-outcome:held:{meeting.id}")
    mentee = await person_id(db, setup.mentee.user)
    await setup.mentor.press(f"meet-came:{meeting.id}:{mentee}")  # the mentee did not come

    mine = await setup.mentor.send("/mydata")
    text = mine[0].text
    assert "Встречи" in text and "26.11.2026 15:00" in text
    assert f"программа №{setup.programme_id}" in text and "состоялась" in text
    assert "https://meet.example/robot" in text and "Разобрать схему робота" in text
    (kept,) = record_of(mine)["meetings"]
    assert kept["start"] == meeting.start.isoformat()
    assert (kept["programme"], kept["status"], kept["attended"]) == (
        setup.programme_id,
        "held",
        True,
    )
    assert (kept["place"], kept["agenda"]) == (
        "https://meet.example/robot",
        "Разобрать схему робота",
    )

    theirs = await setup.mentee.send("/mydata")
    assert "26.11.2026 15:00" in theirs[0].text and "не были" in theirs[0].text
    (kept,) = record_of(theirs)["meetings"]
    assert (kept["answer"], kept["attended"]) == ("confirmed", False)
    assert "place" not in kept and "agenda" not in kept  # the mentor typed them, not the mentee


async def test_withdrawing_consent_erases_the_format_one_typed_too(db: Database) -> None:
    async with db.transaction() as session:
        prog = await make_programme(session)
        _, petya = await people_of(session, prog)
        details = Details(START, format="other", format_note="Прогулка у дома на Ленина, 5")
        meeting = await meetings.propose(session, prog, petya, details, NOW)
        await erasure.forget(session, petya, NOW)
        assert meeting.format_note is None
        assert (await mydata.meetings_record(session, petya.id))[0].get("format_note") is None
