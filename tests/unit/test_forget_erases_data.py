"""/forget erases what the person typed everywhere it lives, and notices name people at send time.

Outbox rows carry person ids, never names or reasons: a notice waiting when its author withdraws
consent goes out naming "a participant". Reasons the person typed (ending a programme, asking for
another mentor) are erased, and a request still waiting for an answer is withdrawn.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bot.core import outbox
from bot.core.engine import Core
from bot.core.models import (
    Notification,
    Person,
    Profile,
    Programme,
    ProgrammeRequest,
    RequestStatus,
    Role,
    Subject,
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
    grant,
    milestone_id,
    person_id,
    programme_setup,
    rows,
    ru,
    set_capacity,
)
from tests.unit.test_withdrawal_mid_programme import forget

__all__ = ["core"]

MENTEE = "Петя Учеников"
END_REASON = "Уезжаю зимовать на Шпицберген"
REPLACE_REASON = "Наставник путает ксилофон с ксероксом"
ANSWERS = ("Хочу разобраться в квазикристаллах", "ксилофонистика, бортничество")
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
    await setup.mentee.press(f"ms-tell:{ms}")
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.mentee.press(f"request:y:{request.id}")

    assert MENTEE not in _outbox_text(await rows(db, Notification))
    sent = await dispatch(db, clock)
    names = f"Иван Наставников · {MENTEE}"
    assert ru("ms-done-notice", by=MENTEE, title="Собрать шасси", names=names) in sent.to("2")
    assert ru("ms-curator-notice", by=MENTEE, title="Собрать шасси", names=names) in sent.to("1")
    kind = ru("request-kind-extend")
    # The one who answered is named, not the one who proposed.
    assert ru("request-accepted", by=MENTEE, names=names, kind=kind) in sent.to("2")

    await setup.mentee.press(f"end:{setup.programme_id}")
    await setup.mentee.press(f"end-sure:{setup.programme_id}")
    await setup.mentee.send(END_REASON)
    params = _outbox_text(await rows(db, Notification))
    assert MENTEE not in params and END_REASON not in params
    sent = await dispatch(db, clock)
    ended = ru("programme-ended", by=MENTEE, names=names, reason=END_REASON)
    assert ended in sent.to("2") and ended in sent.to("1")


async def test_a_notice_waiting_when_its_author_forgets_names_nobody(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.press(f"end:{setup.programme_id}")
    await setup.mentee.press(f"end-sure:{setup.programme_id}")
    await setup.mentee.send(END_REASON)

    await forget(setup.mentee)

    (programme,) = await rows(db, Programme)
    assert programme.close_reason is None
    sent = await dispatch(db, clock)
    ended = ru(
        "programme-ended",
        by=SOMEONE,
        names=f"Иван Наставников · {SOMEONE}",
        reason=ru("reason-erased"),
    )
    assert ended in sent.to("2") and ended in sent.to("1")
    assert not any(MENTEE in text or END_REASON in text for _, text in sent.sent)


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


async def test_a_request_waiting_for_the_curator_is_withdrawn(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, mentees=2)
    await dispatch(db, clock)
    await setup.mentee.press(f"replace:{setup.programme_id}")
    await setup.mentee.send(REPLACE_REASON)
    (request,) = await rows(db, ProgrammeRequest)

    await forget(setup.mentee)

    (request,) = await rows(db, ProgrammeRequest)
    assert request.status == RequestStatus.WITHDRAWN
    assert REPLACE_REASON not in json.dumps(request.details, ensure_ascii=False)
    sent = await dispatch(db, clock)
    # The curator hears that a mentee left, and nothing of a request nobody stands behind.
    assert sent.to("1") == [ru("programme-member-left", names="Иван Наставников · Маша Ученикова")]
    assert (await setup.curator.press(f"pair-replace:{request.id}"))[0].text == STALE


async def test_reasons_of_answered_requests_are_erased_too(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    other = Chat(core, user="5")
    await register(other, name="Сергей Другой", role="mentor")
    await set_capacity(db, "5", 3)
    await setup.mentee.press(f"replace:{setup.programme_id}")
    await setup.mentee.send(REPLACE_REASON)
    (request,) = await rows(db, ProgrammeRequest)
    await setup.curator.press(f"pair-replace:{request.id}")
    await setup.curator.press(f"pair-mentor:{await person_id(db, '5')}")
    await setup.curator.press("pair-confirm:y")
    (request,) = await rows(db, ProgrammeRequest)
    assert request.status == RequestStatus.ACCEPTED

    await forget(setup.mentee)

    (request,) = await rows(db, ProgrammeRequest)
    assert request.status == RequestStatus.ACCEPTED
    assert REPLACE_REASON not in json.dumps(request.details, ensure_ascii=False)


async def test_a_curator_who_forgets_takes_the_reasons_they_typed_along(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.curator.press(f"end:{setup.programme_id}")
    await setup.curator.press(f"end-sure:{setup.programme_id}")
    await setup.curator.send(END_REASON)
    await dispatch(db, clock)

    await forget(setup.curator)

    (programme,) = await rows(db, Programme)
    assert programme.close_reason is None
    curator = next(p for p in await rows(db, Person) if p.id == programme.created_by)
    assert curator.name is None
    params = _outbox_text(await rows(db, Notification))
    assert "Ольга" not in params and END_REASON not in params


def _keep_deleted_bytes(dbapi_connection: Any, _record: Any) -> None:
    """Act as an SQLite built without SECURE_DELETE (Debian's has it; many others do not)."""
    dbapi_connection.cursor().execute("PRAGMA secure_delete=OFF")


async def test_nothing_typed_is_left_in_the_database_files(
    core: Core, db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    event.listen(db.engine.sync_engine, "connect", _keep_deleted_bytes, insert=True)
    name = "Zyxwvutsrq Qwertyuiop"
    curator, mentor, mentee = Chat(core, user="1"), Chat(core, user="2"), Chat(core, user="3")
    await register(curator, name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(mentor, name="Иван Наставников", role="mentor")
    await set_capacity(db, "2", 3)
    await register(mentee, name=name)
    mentee_id = await person_id(db, "3")
    async with db.transaction() as session:  # answers of its own, to look for afterwards
        profile = await session.get(Profile, mentee_id)
        assert profile is not None
        profile.requests, profile.interests = ANSWERS
    for reason, actions in ((END_REASON, ("end", "end-sure")), (REPLACE_REASON, ("replace",))):
        pid = await form(core, db, curator, mentor, [mentee])
        for chat in (mentor, mentee):
            await chat.press(f"agree:y:{pid}")
        for action in actions:
            await mentee.press(f"{action}:{pid}")
        await mentee.send(reason)
        await dispatch(db, clock)

    await forget(mentee)
    await dispatch(db, clock)

    files = [tmp_path / "t.sqlite3", tmp_path / "t.sqlite3-wal"]
    content = b"".join(f.read_bytes() for f in files if f.exists())
    for secret in (name, *ANSWERS, END_REASON, REPLACE_REASON):
        for trace in (secret.encode(), json.dumps(secret).strip('"').encode()):
            assert trace not in content, secret


async def test_names_in_rows_written_before_this_release_are_erased(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    mentor = await person_id(db, "2")
    async with db.transaction() as session:  # as the previous release wrote a programme's end
        old = {"programme_id": setup.programme_id, "by": MENTEE, "reason": END_REASON}
        await outbox.schedule(
            session,
            to=mentor,
            subject=Subject.PROGRAMME,
            subject_id=setup.programme_id,
            purpose="programme-ended",
            occasion="old",
            due_at=clock(),
            params=old,
        )
    await dispatch(db, clock)

    await forget(setup.mentee)

    (row,) = [n for n in await rows(db, Notification) if n.occasion == "old"]
    assert row.params == {"programme_id": setup.programme_id}
