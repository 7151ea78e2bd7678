"""What awaits a person's answer, in the console: /pending lists it with the notice's own buttons,
and those buttons answer it; nothing is listed to someone who may not answer."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import ProgrammeRequest
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import joined, payloads
from tests.unit.test_programme_edge_cases import (
    add_milestone,
    programme,
    programme_setup,
    rows,
    ru,
)

NOTHING = ru("awaiting-none")


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def test_agreement_listed_and_accepted_from_pending(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db, accept=False)
    pid = setup.programme_id
    assert "menu:pending" in payloads(await setup.mentee.send("/help"))
    replies = await setup.mentee.send("/pending")
    assert replies[0].text == ru("awaiting-title", count=1)
    assert f"agree:y:{pid}" in payloads(replies) and f"agree:n:{pid}" in payloads(replies)
    assert (await setup.curator.send("/pending"))[0].text == NOTHING  # not the curator's to answer

    await setup.mentor.press(f"agree:y:{pid}")
    await setup.mentee.press(f"agree:y:{pid}")
    assert (await programme(db, pid)).status == "active"
    assert (await setup.mentee.send("/pending"))[0].text == NOTHING


async def test_proposals_listed_only_to_those_who_must_answer(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    pid = setup.programme_id
    await add_milestone(setup.mentor, pid, "Собрать шасси", "01.12")
    await setup.mentor.press(f"plan-send:{pid}")
    await setup.mentor.press(f"extend:{pid}:3")
    (_, extension) = await rows(db, ProgrammeRequest)

    replies = await setup.mentee.send("/pending")
    assert replies[0].text == ru("awaiting-title", count=2)
    assert f"plan-agree:{pid}" in payloads(replies)
    assert f"request:y:{extension.id}" in payloads(replies)
    assert (await setup.mentor.send("/pending"))[0].text == NOTHING  # the author waits

    # The plan shows the plan agreement and the proposal; the mentee answers from there.
    on_plan = await setup.mentee.send("/plan")
    assert f"plan-agree:{pid}" in payloads(on_plan)
    await setup.mentee.press(f"plan-agree:{pid}")
    await setup.mentee.press(f"request:y:{extension.id}")
    assert (await setup.mentee.send("/pending"))[0].text == NOTHING
    assert (await programme(db, pid)).term == 9


async def test_the_curator_answers_a_replacement_from_pending(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    pid = setup.programme_id
    await setup.mentee.press(f"replace:{pid}")
    await setup.mentee.send("Не совпадаем по расписанию")
    (request,) = await rows(db, ProgrammeRequest)

    replies = await setup.curator.send("/pending")
    assert "Не совпадаем по расписанию" in joined(replies)
    assert f"pair-replace:{request.id}" in payloads(replies)
    assert (await setup.mentor.send("/pending"))[0].text == NOTHING
    # Only the curator and the mentee who asked see the request on the card; not the mentor.
    kind = ru("request-kind-replace_mentor")
    assert kind not in joined(await setup.mentor.press(f"programme:{pid}"))
    assert kind in joined(await setup.mentee.press(f"programme:{pid}"))

    card = await setup.curator.press(f"programme:{pid}")
    assert f"pair-replace:{request.id}" in payloads(card)
    assert f"pair-swap:{pid}" in payloads(card) and f"extend:{pid}" in payloads(card)
    # The curator's own buttons are the curator's: a mentee's forged press changes nothing.
    refused = await setup.mentee.press(f"pair-swap:{pid}")
    assert refused[0].text == ru("refusal-curator-only")
    assert (await programme(db, pid)).status == "active"
