"""The meeting wizard's choices turn pages: a mentor of five pairs proposes in any of them, and
a meeting may cover any open item of a long plan — within VK's keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.config import Settings
from bot.core.conversation import Reply
from bot.core.engine import Core
from bot.core.models import (
    MemberRole,
    Milestone,
    Person,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
)
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import payloads
from tests.unit.test_meeting_attendance import fits_vk
from tests.unit.test_meeting_flows import meeting_rows
from tests.unit.test_programme_edge_cases import Setup, programme, programme_setup


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def more_pairs(db: Database, setup: Setup, count: int) -> None:
    """The mentor gets `count` pairs more (written straight in)."""
    first = await programme(db, setup.programme_id)
    async with db.transaction() as session:
        for i in range(count):
            mentee = Person(
                name=f"Ученик Пары{i}",
                locale="ru",
                timezone="Europe/Moscow",
                status=PersonStatus.ACTIVE,
            )
            session.add(mentee)
            pair = Programme(
                mentor_id=first.mentor_id,
                form=first.form,
                pair_type=first.pair_type,
                term=3,
                goals="Цели",
                status=ProgrammeStatus.ACTIVE,
                agreement_version=first.agreement_version,
            )
            session.add(pair)
            await session.flush()
            for person_id, role in (
                (first.mentor_id, MemberRole.MENTOR),
                (mentee.id, MemberRole.MENTEE),
            ):
                session.add(ProgrammeMember(programme_id=pair.id, person_id=person_id, role=role))


async def plan_of(db: Database, setup: Setup, count: int) -> list[int]:
    """`count` open plan items of the first pair, a week apart; their ids."""
    async with db.transaction() as session:
        items = [
            Milestone(
                programme_id=setup.programme_id,
                title=f"Пункт {i + 1}",
                due_on=date(2026, 12, 1) + timedelta(weeks=i),
            )
            for i in range(count)
        ]
        session.add_all(items)
        await session.flush()
        return [item.id for item in items]


async def through_pages(chat, replies: list[Reply], wanted: str, turn: str) -> list[Reply]:
    """Turn pages forward (by the payloads starting with `turn`) until `wanted` is offered."""
    for _ in range(10):
        fits_vk(replies)
        if wanted in payloads(replies):
            return replies
        (forward,) = [p for p in payloads(replies) if p.startswith(turn)][-1:]
        replies = await chat.press(forward)
        assert replies[0].replace
    raise AssertionError(f"{wanted} never offered")


async def test_a_mentor_of_five_pairs_proposes_in_the_last_and_covers_the_sixth_item(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    await more_pairs(db, setup, 4)  # five pairs; the first one is listed last (newest first)
    items = await plan_of(db, setup, 6)
    choice = await setup.mentor.press("meet-new")
    assert len([p for p in payloads(choice) if p.startswith("meet-new:")]) == 4
    await through_pages(setup.mentor, choice, f"meet-new:{setup.programme_id}", "meet-new-page:")
    await setup.mentor.press(f"meet-new:{setup.programme_id}")
    await setup.mentor.press("meet-day:2")
    await setup.mentor.press("meet-slot:900")
    await setup.mentor.press("meet-len:60")
    await setup.mentor.press("meet-skip")  # no place
    await setup.mentor.press("meet-skip")  # no format
    covers = await setup.mentor.press("meet-skip")  # no agenda
    assert "meet-skip" in payloads(covers)
    await through_pages(setup.mentor, covers, f"meet-covers:{items[5]}", "meet-covers-page:")
    await setup.mentor.press(f"meet-covers:{items[5]}")
    await setup.mentor.press("meet-repeat:0")
    await setup.mentor.press("meet-send")
    (meeting,) = await meeting_rows(db)
    assert (meeting.programme_id, meeting.milestone_id) == (setup.programme_id, items[5])
