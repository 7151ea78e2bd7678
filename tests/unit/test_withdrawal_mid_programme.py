"""Withdrawing consent in the middle of a programme.

Nobody is left stuck waiting on a person who is gone, the person receives nothing more, and the
others and the curator are told without the person's name.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.engine import Core
from bot.core.models import (
    Notification,
    ProgrammeMember,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestStatus,
)
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import (
    STALE,
    add_milestone,
    core,
    dispatch,
    form,
    programme,
    programme_setup,
    rows,
    ru,
)

__all__ = ["core"]


async def forget(chat: Chat) -> None:
    await chat.send("/forget")
    await chat.press("forget:y")


async def test_mentee_of_a_pair_withdraws_consent(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "01.12")
    await dispatch(db, clock)

    await forget(setup.mentee)

    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ENDED
    sent = await dispatch(db, clock)
    notice = ru("programme-ended-withdrawn", names="Иван Наставников · данные удалены")
    assert notice in sent.to("2") and notice in sent.to("1")
    assert sent.to("3") == []
    # Every reminder of the plan is void, and no row anywhere keeps the erased name.
    clock.now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    later = await dispatch(db, clock)
    assert later.sent == []
    assert not any("Петя" in repr(n.params) for n in await rows(db, Notification))
    # The mentor is free for another pair.
    await setup.mentor.send("/programme")
    await register(Chat(core, user="5"), name="Вася Новый")
    second = await form(core, db, setup.curator, setup.mentor, [Chat(core, user="5")])
    assert (await programme(db, second)).status == ProgrammeStatus.PROPOSED


async def test_mentor_with_two_pairs_withdraws_consent(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    other = Chat(core, user="6")
    await register(other, name="Маша Другая")
    second = await form(core, db, setup.curator, setup.mentor, [other])
    await dispatch(db, clock)

    await forget(setup.mentor)

    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ENDED
    assert (await programme(db, second)).status == ProgrammeStatus.ENDED
    sent = await dispatch(db, clock)
    assert any("отозвал согласие" in text for text in sent.to("3"))
    assert any("отозвал согласие" in text for text in sent.to("6"))
    assert sent.to("2") == []
    # The proposed pair's agreement can no longer be answered.
    assert (await other.press(f"agree:y:{second}"))[0].text == STALE


async def test_mentee_of_a_group_leaves_and_the_group_goes_on(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, mentees=2)
    await dispatch(db, clock)
    await setup.mentor.press(f"extend:{setup.programme_id}:3")

    await forget(setup.mentees[0])

    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ACTIVE
    members = [m for m in await rows(db, ProgrammeMember) if m.programme_id == setup.programme_id]
    assert len(members) == 2
    sent = await dispatch(db, clock)
    left = ru("programme-member-left", names="Иван Наставников · Маша Ученикова")
    assert left in sent.to("2") and left in sent.to("4") and left in sent.to("1")
    assert sent.to("3") == []
    # The remaining mentee's answer is now enough.
    (request,) = await rows(db, ProgrammeRequest)
    replies = await setup.mentees[1].press(f"request:y:{request.id}")
    assert replies[0].text == ru("request-accepted-you")
    (request,) = await rows(db, ProgrammeRequest)
    assert request.status == RequestStatus.ACCEPTED


async def test_mentee_withdraws_before_accepting_the_agreement(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, accept=False)
    await setup.mentor.press(f"agree:y:{setup.programme_id}")
    await dispatch(db, clock)

    await forget(setup.mentee)

    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ENDED
    sent = await dispatch(db, clock)
    assert any("отозвал согласие" in text for text in sent.to("1"))
    assert any("отозвал согласие" in text for text in sent.to("2"))


async def test_curator_withdrawing_consent_leaves_programmes_running(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await forget(setup.curator)
    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.ACTIVE
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "01.12")
    clock.now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    sent = await dispatch(db, clock)
    assert sent.to("1") == []
    assert any("Собрать шасси" in text for text in sent.to("3"))
