"""After a meeting, through the flows: a group of any size is marked name by name over pages
that fit VK's keyboard, and a meeting that covered a plan item offers to mark it done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.core import texts
from bot.core.conversation import MAX_BUTTONS, MAX_LABEL_CHARS, MAX_ROWS, Reply
from bot.core.engine import Core
from bot.core.models import (
    Meeting,
    MeetingParticipant,
    MemberRole,
    Milestone,
    MilestoneStatus,
    Notification,
    Person,
    PersonStatus,
    ProgrammeMember,
)
from bot.core.services import meetings
from bot.core.services.meetings import Details
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import joined, payloads
from tests.unit.test_programme_edge_cases import (
    Setup,
    add_milestone,
    milestone_id,
    person_id,
    programme,
    programme_setup,
)

START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # Thursday, 15:00 in Moscow


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def grow_group(db: Database, setup: Setup, more: int) -> None:
    """`more` mentees join the group (written straight in: they need no chat here)."""
    async with db.transaction() as session:
        for i in range(more):
            person = Person(
                name=f"Ученик Номер{i + 2}",
                locale="ru",
                timezone="Europe/Moscow",
                status=PersonStatus.ACTIVE,
            )
            session.add(person)
            await session.flush()
            session.add(
                ProgrammeMember(
                    programme_id=setup.programme_id, person_id=person.id, role=MemberRole.MENTEE
                )
            )


async def held(
    db: Database, setup: Setup, clock: FakeClock, milestone: int | None = None
) -> tuple[int, list[Reply]]:
    """The mentor's meeting, confirmed for all, over; the mentor answers «Да, состоялась»."""
    prog = await programme(db, setup.programme_id)
    async with db.transaction() as session:
        mentor = await session.get(Person, prog.mentor_id)
        assert mentor is not None
        meeting = await meetings.propose(
            session, prog, mentor, Details(START, milestone_id=milestone), clock.now
        )
        await meetings.confirm(session, meeting, mentor, clock.now, for_all=True)
        meeting_id = meeting.id
    clock.now = START + timedelta(hours=2)
    return meeting_id, await setup.mentor.press(f"meet-outcome:held:{meeting_id}")


def fits_vk(replies: list[Reply]) -> None:
    for reply in replies:
        assert len(reply.buttons) <= MAX_ROWS
        assert sum(len(row) for row in reply.buttons) <= MAX_BUTTONS
        assert all(len(b.label) <= MAX_LABEL_CHARS for row in reply.buttons for b in row)


async def test_every_member_of_a_group_of_eight_can_be_marked(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await grow_group(db, setup, 7)  # eight mentees and the mentor
    meeting_id, replies = await held(db, setup, clock)
    shown: dict[str, str] = {}  # every name reached through the pages, with its button
    pages = [replies]
    while pages:
        page = pages.pop()
        fits_vk(page)
        for row in page[-1].buttons:
            for button in row:
                if button.payload.startswith("meet-came:") and button.label[2:] not in shown:
                    shown[button.label[2:]] = button.payload
        forward = [p for p in payloads(page) if p.startswith("meet-came-page:")]
        for payload in forward:
            if payload not in shown.values():
                shown[payload] = payload
                pages.append(await setup.mentor.press(payload))
    names = {label for label in shown if not label.startswith("meet-came-page:")}
    assert {f"Ученик Номер{i}" for i in range(2, 9)} <= names
    assert {"Иван Наставников", "Петя Учеников"} <= names
    # The eighth mentee did not come: unticked on their page, which stays in place.
    toggled = await setup.mentor.press(shown["Ученик Номер8"])
    assert toggled[0].replace
    assert "⬜ Ученик Номер8" in [b.label for row in toggled[0].buttons for b in row]
    done = await setup.mentor.press(f"meet-came:{meeting_id}:0")
    assert "присутствовали: 8" in joined(done)
    async with db.transaction() as session:
        query = select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id)
        absent = [p.person_id for p in (await session.execute(query)).scalars() if not p.attended]
        eighth = await session.execute(select(Person.id).where(Person.name == "Ученик Номер8"))
        assert absent == [eighth.scalar_one()]


async def test_a_foreign_attendance_page_is_refused(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    meeting_id, _ = await held(db, setup, clock)
    replies = await setup.mentee.press(f"meet-came-page:{meeting_id}:1")  # not the mentor
    assert texts.t("refusal-stale-button", "ru") in joined(replies)


async def test_a_held_meeting_offers_to_mark_its_plan_item_done(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "01.12")
    item = await milestone_id(db, "Собрать шасси")
    meeting_id, _ = await held(db, setup, clock, milestone=item)
    done = await setup.mentor.press(f"meet-came:{meeting_id}:0")
    assert "«Собрать шасси»" in joined(done)
    assert f"ms:done:{item}" in payloads(done)
    fits_vk(done)
    replies = await setup.mentor.press(f"ms:done:{item}")  # the plan's own button and rules
    assert texts.t("ms-done", "ru", title="Собрать шасси") in joined(replies)
    mentee = await person_id(db, setup.mentee.user)
    async with db.transaction() as session:
        milestone = await session.get(Milestone, item)
        assert milestone is not None and milestone.status == MilestoneStatus.DONE
        told = await session.execute(
            select(Notification.person_id).where(Notification.template == "ms-done-notice")
        )
        assert list(told.scalars()) == [mentee]  # the plan's notice reaches the mentee
    again = await setup.mentor.press(f"meet-came:{meeting_id}:0")  # already done: not offered
    assert f"ms:done:{item}" not in payloads(again)
    async with db.transaction() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.held_at is not None
