"""Speed mentoring through `Core`: forged and foreign buttons, the answer to a full slot, the
event's cancellation, and reminders against quiet hours and the start."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.config import Settings
from bot.core import texts
from bot.core.engine import Core
from bot.core.models import Audience, Role, SpeedSlot
from bot.core.services import speed
from bot.db import Database
from handlers import build_router, notifications
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_flows import Chat, payloads, register
from tests.unit.test_programme_edge_cases import grant, person_id

START = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)  # 07:30 in Moscow, inside quiet hours' end


def ru(key: str, **params: Any) -> str:
    return texts.t(key, "ru", **params)


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def setup(core: Core, db: Database, clock: FakeClock, capacity: int = 1) -> list[int]:
    """A curator «1», mentees «2» and «3» invited, «4» registered after; the slot ids."""
    await register(Chat(core, "1"), name="Ольга Куратова", role="mentor")
    await grant(db, "1", Role.CURATOR)
    for user, name in (("2", "Анна"), ("3", "Борис")):
        await register(Chat(core, user), name=name)
    plan = speed.Plan(None, "Гость", START, "Зал", 15, 3, capacity, Audience.ALL)
    curator = await person_id(db, "1")
    async with db.transaction() as session:
        event, _ = await speed.create(session, curator, plan, clock())
        ids = [slot.id for slot in await speed.slots(session, event.id)]
    await register(Chat(core, "4"), name="Поздний")
    return ids


async def booked(db: Database, ids: list[int]) -> list[int]:
    async with db.transaction() as session:
        return [(await session.get(SpeedSlot, i) or SpeedSlot()).booked for i in ids]


def dispatcher(db: Database, clock: FakeClock) -> tuple[Dispatcher, RecordingPlatform]:
    console = RecordingPlatform()
    return Dispatcher(db, {"console": console}, notifications.render, clock), console


async def test_forged_and_foreign_buttons_change_nothing(
    core: Core, db: Database, clock: FakeClock
) -> None:
    ids = await setup(core, db, clock)
    stale, forbidden = ru("refusal-stale-button"), ru("refusal-curator-only")
    for user, payload, answer in (
        ("4", f"speed-book:{ids[0]}", stale),  # not invited
        ("2", "speed-book:999999", stale),  # no such slot
        ("2", "speed-unbook:1", stale),  # nothing booked
        ("2", "speed-book:-1", stale),  # malformed
        ("2", "speed-csv:1", forbidden),  # the curator's
        ("2", "speed-stop:1:y", forbidden),
        ("1", "speed-for:form", stale),  # a form audience without the form, out of its step
    ):
        replies = await Chat(core, user).press(payload)
        assert replies[0].text == answer, payload
    assert await booked(db, ids) == [0, 0, 0]


async def test_a_full_slot_is_answered_with_the_slots_left(
    core: Core, db: Database, clock: FakeClock
) -> None:
    ids = await setup(core, db, clock)
    first = await Chat(core, "2").press(f"speed-book:{ids[0]}")
    assert first[0].text.startswith("Вы записаны на слот 07:30–07:45")
    replies = await Chat(core, "3").press(f"speed-book:{ids[0]}")
    assert replies[0].text == ru("speed-full", time="07:30–07:45")
    assert payloads(replies[1:]) == [f"speed-book:{ids[1]}", f"speed-book:{ids[2]}"]
    assert await booked(db, ids) == [1, 0, 0]


async def test_a_cancelled_event_tells_those_booked_and_awaits_nobody(
    core: Core, db: Database, clock: FakeClock
) -> None:
    ids = await setup(core, db, clock)
    send, console = dispatcher(db, clock)
    await send.run_once()  # the invitations
    await Chat(core, "2").press(f"speed-book:{ids[1]}")
    curator = Chat(core, "1")
    assert (await curator.press("speed-stop:1"))[0].text == ru("speed-stop-ask")
    assert (await curator.press("speed-stop:1:y"))[0].text == ru("speed-stopped", count=1)
    await send.run_once()
    assert console.to("2")[-1] == ru("speed-cancelled", guest="Гость", when="пт, 27 ноября, 07:30")
    assert (await Chat(core, "3").send("/pending"))[0].text == ru("awaiting-none")
    assert (await Chat(core, "3").press(f"speed-book:{ids[0]}"))[0].text == ru(
        "refusal-stale-button"
    )


async def test_reminders_wait_out_the_night_and_never_come_after_the_start(
    core: Core, db: Database, clock: FakeClock
) -> None:
    ids = await setup(core, db, clock, capacity=2)
    await Chat(core, "2").press(f"speed-book:{ids[0]}")
    send, console = dispatcher(db, clock)
    await send.run_once()  # the invitations
    clock.now = datetime(2026, 11, 26, 4, 30, tzinfo=UTC)  # 07:30 in Moscow: still night
    await send.run_once()
    assert not any("завтра" in text for text in console.to("2"))
    clock.now = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # 08:00: morning
    await send.run_once()
    assert console.to("2")[-1].startswith("Напоминание: завтра скоростное наставничество")
    clock.now = START  # the bot was down through the 1 h reminder: too late now
    await send.run_once()
    assert not any("Через час" in text for text in console.to("2"))


async def test_the_guest_mentor_is_told_sees_the_roster_and_hears_of_the_cancel(
    core: Core, db: Database, clock: FakeClock
) -> None:
    ids = await setup(core, db, clock)
    await register(Chat(core, "5"), name="Мария Гостева", role="mentor")
    guest = await person_id(db, "5")
    plan = speed.Plan(guest, None, START, "Зал", 15, 2, 1, Audience.ALL)
    curator = await person_id(db, "1")
    async with db.transaction() as session:
        event, _ = await speed.create(session, curator, plan, clock())
    await Chat(core, "2").press(f"speed-book:{ids[0]}")  # the first event: not the guest's
    send, console = dispatcher(db, clock)
    await send.run_once()
    notice = console.to("5")[-1]
    assert "Вы — гость встречи" in notice and "07:30–07:45, 07:45–08:00" in notice
    await Chat(core, "3").press(f"speed-book:{ids[-1] + 2}")  # Борис, the guest's 2nd slot
    card = (await Chat(core, "5").press(f"speed:{event.id}"))[0]
    assert "2. 07:45–08:00 — Борис (1 из 1)" in card.text
    assert "speed-stop" not in str(card.buttons) and "speed-csv" not in str(card.buttons)
    assert (await Chat(core, "5").press("speed:1"))[0].text == ru("refusal-stale-button")
    assert (await Chat(core, "2").press(f"speed:{event.id}"))[0].text == ru("refusal-stale-button")
    assert (await Chat(core, "1").press(f"speed-stop:{event.id}:y"))[0].text == ru(
        "speed-stopped", count=1
    )
    await send.run_once()
    assert console.to("5")[-1] == ru("speed-guest-cancelled", when="пт, 27 ноября, 07:30")
