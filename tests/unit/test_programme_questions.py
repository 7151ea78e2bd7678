"""The programme flows' states: /cancel from each, old buttons of other flows, restarts, typed
text that is empty or too long, and a reason typed long after it was asked for."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import ConversationState, Milestone, Programme, ProgrammeStatus
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, payloads, register, snapshot
from tests.unit.test_programme_edge_cases import (
    STALE,
    Setup,
    add_milestone,
    core,
    person_id,
    programme,
    programme_setup,
    rows,
    ru,
)

__all__ = ["core"]


async def _mentor_at(setup: Setup, state: str) -> None:
    """Bring the mentor to one of the plan's questions."""
    pid = setup.programme_id
    await setup.mentor.press(f"ms-add:{pid}")
    if state in ("ms_date", "ms_format", "ms_desc"):
        await setup.mentor.send("Собрать шасси")
    if state in ("ms_format", "ms_desc"):
        await setup.mentor.send("10.12")
    if state == "ms_desc":
        await setup.mentor.press("ms-no-format")


PLAN_STATES = ("ms_title", "ms_date", "ms_format", "ms_desc")


async def state_of(db: Database) -> list[str]:
    return [s.state for s in await rows(db, ConversationState)]


@pytest.mark.parametrize("state", [*PLAN_STATES, "end_reason", "replace_reason"])
async def test_cancel_from_every_programme_question(core: Core, db: Database, state: str) -> None:
    setup = await programme_setup(core, db)
    chat = setup.mentee if state == "replace_reason" else setup.mentor
    if state == "end_reason":
        await chat.press(f"end:{setup.programme_id}")
        await chat.press(f"end-sure:{setup.programme_id}")
    elif state == "replace_reason":
        await chat.press(f"replace:{setup.programme_id}")
    else:
        await _mentor_at(setup, state)
    assert await state_of(db) == [state]
    before = await snapshot(db)
    replies = await chat.send("/cancel")
    assert replies[0].text == ru("cancel-done")
    assert await state_of(db) == []
    after = await snapshot(db)
    assert after["milestones"] == before["milestones"]
    assert after["programmes"] == before["programmes"]
    assert after["programme_requests"] == before["programme_requests"]


PAIR_STEPS = ("pf_mentee", "pf_mentor", "pf_form", "pf_type", "pf_term", "pf_goals", "pf_confirm")


@pytest.mark.parametrize("step", PAIR_STEPS)
async def test_cancel_from_every_step_of_forming_a_pair(
    core: Core, db: Database, step: str
) -> None:
    setup = await programme_setup(core, db, accept=False)
    # A second mentee to pair, the first being in the proposed pair already.
    await register(Chat(core, user="5"), name="Вася Новый")
    curator = setup.curator
    moves = [
        ("press", "pair-new"),
        ("press", f"pair-mentee:{await person_id(db, '5')}"),
        ("press", "pair-next"),
        ("press", f"pair-mentor:{await person_id(db, '2')}"),
        ("press", "pair-form:goal"),
        ("press", "pair-type:counsellor_pupil"),
        ("press", "pair-term:3"),
        ("send", "Подготовиться к олимпиаде"),
    ]
    reached = {"pf_mentee": 1, "pf_mentor": 3, "pf_form": 4, "pf_type": 5, "pf_term": 6}
    reached |= {"pf_goals": 7, "pf_confirm": 8}
    for how, what in moves[: reached[step]]:
        await (curator.press(what) if how == "press" else curator.send(what))
    assert await state_of(db) == [step]
    replies = await curator.send("/cancel")
    assert replies[0].text == ru("cancel-done")
    assert len(await rows(db, Programme)) == 1


async def test_old_buttons_of_another_flow_keep_the_question(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await _mentor_at(setup, "ms_title")
    for payload in (
        "pair-confirm:y",
        "ms-format:workshop",
        "ms-no-description",
        "capacity:1",
        "forget:y",
    ):
        before = await snapshot(db)
        replies = await setup.mentor.press(payload)
        assert [r.text for r in replies] == [STALE, ru("ms-ask-title")], payload
        assert await snapshot(db) == before
    await setup.mentor.send("Собрать шасси")
    assert await state_of(db) == ["ms_date"]


async def test_restart_in_the_middle_of_adding_an_item(
    core: Core, db: Database, db_url: str, settings: Settings, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await _mentor_at(setup, "ms_desc")
    db2 = Database(db_url)
    try:
        mentor = Chat(Core(db2, settings, build_router(), clock), user="2")
        replies = await mentor.send("Взять с собой ноутбук")
        assert replies[0].text == ru("ms-added", title="Собрать шасси")
    finally:
        await db2.close()
    (item,) = await rows(db, Milestone)
    assert item.description == "Взять с собой ноутбук"


@pytest.mark.parametrize("typed", ["", "   ", "👍", "\u200b\u200b", "Я" * 201])
async def test_bad_titles_are_refused_and_asked_again(core: Core, db: Database, typed: str) -> None:
    setup = await programme_setup(core, db)
    await _mentor_at(setup, "ms_title")
    replies = await setup.mentor.send(typed)
    assert replies[0].text == ru("q-text-invalid", max=200)
    assert await state_of(db) == ["ms_title"]


async def test_emoji_and_markup_in_a_title_are_kept_as_typed(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    replies = await add_milestone(
        setup.mentor, setup.programme_id, "🚀 <b>Запуск</b> & тест", "10.12"
    )
    assert "🚀 &lt;b&gt;Запуск&lt;/b&gt; &amp; тест" in replies[0].text
    (item,) = await rows(db, Milestone)
    assert item.title == "🚀 <b>Запуск</b> & тест"
    replies = await setup.mentor.press(f"ms-pick:done:{setup.programme_id}")
    labels = [b.label for r in replies for row in r.buttons for b in row]
    assert all(len(label) <= 40 for label in labels)


@pytest.mark.parametrize("typed", ["", "   ", "."])
async def test_bad_reasons_are_refused_and_nothing_ends(
    core: Core, db: Database, typed: str
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.press(f"end:{setup.programme_id}")
    await setup.mentee.press(f"end-sure:{setup.programme_id}")
    replies = await setup.mentee.send(typed)
    assert replies[0].text == ru("q-text-invalid", max=500)
    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ACTIVE


async def test_a_reason_typed_long_after_the_question_ends_nothing(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.press(f"end:{setup.programme_id}")
    await setup.mentee.press(f"end-sure:{setup.programme_id}")
    clock.advance(hours=5)
    replies = await setup.mentee.send("Спасибо!")
    assert replies[0].text == ru("programme-reason-expired")
    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ACTIVE
    assert await state_of(db) == []
    # Asked again, the answer counts.
    await setup.mentee.press(f"end:{setup.programme_id}")
    await setup.mentee.press(f"end-sure:{setup.programme_id}")
    clock.advance(minutes=20)
    replies = await setup.mentee.send("Переезжаю в другой город")
    assert replies[0].text == ru("programme-ended-you")


async def test_plan_with_no_items_cannot_be_sent_for_agreement(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    replies = await setup.mentor.press(f"plan-send:{setup.programme_id}")
    assert replies[0].text == STALE
    assert "plan-send:" not in " ".join(payloads(await setup.mentor.send("/plan")))
