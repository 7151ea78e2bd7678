"""The end of a programme's term: members and the curator are told on the day, an extension
moves the notice, and a programme that has ended hears nothing more."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.engine import Core
from bot.core.models import Notification, NotificationStatus, ProgrammeRequest
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_programme_edge_cases import core, dispatch, programme, programme_setup, rows

__all__ = ["core"]


async def test_members_and_curator_hear_when_the_term_ends(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    ends_on = (await programme(db, setup.programme_id)).ends_on
    assert ends_on is not None
    await dispatch(db, clock)
    clock.now = datetime(ends_on.year, ends_on.month, ends_on.day, 6, 59, tzinfo=UTC)
    assert (await dispatch(db, clock)).sent == []
    clock.now = datetime(ends_on.year, ends_on.month, ends_on.day, 7, 0, tzinfo=UTC)  # 10:00 MSK
    sent = await dispatch(db, clock)
    for user in ("1", "2", "3"):
        assert any("заканчивается срок" in text for text in sent.to(user)), user


async def test_an_extension_moves_the_term_end_notice(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    first_end = (await programme(db, setup.programme_id)).ends_on
    assert first_end is not None
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.mentee.press(f"request:y:{request.id}")
    await dispatch(db, clock)
    clock.now = datetime(first_end.year, first_end.month, first_end.day, 12, 0, tzinfo=UTC)
    assert not any(
        "заканчивается срок" in text
        for _, texts in (await dispatch(db, clock)).sent
        for text in texts
    )
    new_end = (await programme(db, setup.programme_id)).ends_on
    assert new_end is not None and new_end > first_end
    clock.now = datetime(new_end.year, new_end.month, new_end.day, 12, 0, tzinfo=UTC)
    sent = await dispatch(db, clock)
    assert any("заканчивается срок" in text for text in sent.to("3"))


async def test_no_term_end_notice_after_the_programme_ended(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    ends_on = (await programme(db, setup.programme_id)).ends_on
    assert ends_on is not None
    await setup.mentee.press(f"end:{setup.programme_id}")
    await setup.mentee.press(f"end-sure:{setup.programme_id}")
    await setup.mentee.send("Переезжаю в другой город")
    await dispatch(db, clock)
    clock.now = datetime(ends_on.year, ends_on.month, ends_on.day, 12, 0, tzinfo=UTC)
    assert (await dispatch(db, clock)).sent == []
    pending = [
        n
        for n in await rows(db, Notification)
        if n.template == "programme-term-ended" and n.status == NotificationStatus.PENDING
    ]
    assert pending == []
