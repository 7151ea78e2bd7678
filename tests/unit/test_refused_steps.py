"""A refused step is undone whole: a mentor replacement, a plan change accepted too late."""

from __future__ import annotations

from bot.core.engine import Core
from bot.core.models import (
    MemberRole,
    Milestone,
    MilestoneStatus,
    Notification,
    ProgrammeMember,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestStatus,
    Role,
)
from bot.db import Database
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import (
    add_milestone,
    core,
    form,
    grant,
    milestone_id,
    person_id,
    programme,
    programme_setup,
    rows,
    ru,
    set_capacity,
)

__all__ = ["core"]


async def test_replacement_refused_at_confirmation_leaves_the_old_pair_whole(
    core: Core, db: Database
) -> None:
    """The new mentor's last place is taken between the suggestion and the confirmation."""
    setup = await programme_setup(core, db)
    anna = Chat(core, user="4")
    await register(anna, name="Анна Другая", role="mentor")
    await set_capacity(db, "4", 1)
    await setup.mentee.press(f"replace:{setup.programme_id}")
    await setup.mentee.send("Не совпадаем по расписанию")
    (request,) = await rows(db, ProgrammeRequest)

    await setup.curator.press(f"pair-replace:{request.id}")
    summary = await setup.curator.press(f"pair-mentor:{await person_id(db, '4')}")
    assert "№1" in summary[0].text  # «заменит программу №1»

    # Meanwhile a second curator gives Anna her only place.
    other_curator = Chat(core, user="5")
    await register(other_curator, name="Мария Кураторова")
    await grant(db, "5", Role.CURATOR)
    vasya = Chat(core, user="6")
    await register(vasya, name="Вася Новый")
    await form(core, db, other_curator, anna, [vasya])

    notified = len(await rows(db, Notification))

    replies = await setup.curator.press("pair-confirm:y")

    assert replies[0].text == ru("pair-error-capacity", name="Анна Другая", capacity=1, taken=1)
    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ACTIVE
    mentee = await person_id(db, setup.mentee.user)
    members = {(m.programme_id, m.person_id, m.role) for m in await rows(db, ProgrammeMember)}
    assert (setup.programme_id, mentee, MemberRole.MENTEE) in members
    assert [r.status for r in await rows(db, ProgrammeRequest)] == [RequestStatus.PENDING]
    assert len(await rows(db, Notification)) == notified  # nobody hears of an ending


async def test_plan_change_accepted_after_its_item_was_done_changes_nothing(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "10.12")
    await setup.mentor.press(f"plan-send:{setup.programme_id}")
    await setup.mentee.press(f"plan-agree:{setup.programme_id}")
    ms = await milestone_id(db, "Собрать шасси")
    await setup.mentor.press(f"ms:move:{ms}")
    await setup.mentor.send("15.12")  # proposed: the plan is agreed
    (request,) = [r for r in await rows(db, ProgrammeRequest) if r.kind == "plan_change"]
    await setup.mentee.press(f"ms:done:{ms}")
    notified = len(await rows(db, Notification))

    replies = await setup.mentee.press(f"request:y:{request.id}")

    assert replies[0].text == ru("ms-not-available")
    (request,) = [r for r in await rows(db, ProgrammeRequest) if r.kind == "plan_change"]
    assert request.status == RequestStatus.PENDING  # still open to decline
    (item,) = await rows(db, Milestone)
    assert item.status == MilestoneStatus.DONE
    assert len(await rows(db, Notification)) == notified  # nobody hears of an acceptance
