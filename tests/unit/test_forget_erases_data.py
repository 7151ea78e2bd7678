"""/forget leaves no name behind in notices: they name people when they are sent.

Outbox rows carry person ids, never names or reasons: a notice waiting when its author withdraws
consent goes out naming "a participant".
"""

from __future__ import annotations

import json

from bot.core.engine import Core
from bot.core.models import (
    Notification,
    ProgrammeRequest,
)
from bot.db import Database
from tests.unit.conftest import FakeClock
from tests.unit.test_review_programme import (
    add_milestone,
    core,
    dispatch,
    milestone_id,
    programme_setup,
    rows,
    ru,
)
from tests.unit.test_withdrawal_mid_programme import forget

__all__ = ["core"]

MENTEE = "Петя Учеников"
END_REASON = "Уезжаю зимовать на Шпицберген"
SOMEONE = ru("person-erased")


def _outbox_text(notes: list[Notification]) -> str:
    return json.dumps([n.params for n in notes], ensure_ascii=False)


async def test_outbox_rows_carry_ids_and_notices_name_people_when_sent(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "01.12")
    ms = await milestone_id(db, "Собрать шасси")
    await setup.mentee.press(f"ms:done:{ms}")
    await setup.mentee.press(f"mc:{ms}")
    await setup.mentor.press(f"px:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.mentee.press(f"rq:y:{request.id}")

    assert MENTEE not in _outbox_text(await rows(db, Notification))
    sent = await dispatch(db, clock)
    names = f"Иван Наставников · {MENTEE}"
    assert ru("ms-done-notice", by=MENTEE, title="Собрать шасси", names=names) in sent.to("2")
    assert ru("ms-curator-notice", by=MENTEE, title="Собрать шасси", names=names) in sent.to("1")
    kind = ru("request-kind-extend")
    # The one who answered is named, not the one who proposed.
    assert ru("request-accepted", by=MENTEE, names=names, kind=kind) in sent.to("2")

    await setup.mentee.press(f"pq:{setup.programme_id}")
    await setup.mentee.send(END_REASON)
    params = _outbox_text(await rows(db, Notification))
    assert MENTEE not in params and END_REASON not in params
    sent = await dispatch(db, clock)
    ended = ru("programme-ended", by=MENTEE, names=names, reason=END_REASON)
    assert ended in sent.to("2") and ended in sent.to("1")


async def test_a_done_notice_from_a_mentee_who_left_the_group_names_nobody(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, mentees=2)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "01.12")
    await dispatch(db, clock)
    ms = await milestone_id(db, "Собрать шасси")
    await setup.mentee.press(f"ms:done:{ms}")

    await forget(setup.mentee)

    sent = await dispatch(db, clock)
    names = "Иван Наставников · Маша Ученикова"
    done = ru("ms-done-notice", by=SOMEONE, title="Собрать шасси", names=names)
    assert done in sent.to("2") and done in sent.to("4")
    assert not any(MENTEE in text for _, text in sent.sent)
