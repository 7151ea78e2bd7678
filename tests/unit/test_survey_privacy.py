"""Survey answers are personal data: /mydata shows one's own (in the message and the JSON) and
/forget erases them, leaving no trace of a typed answer in the database files."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import event, select

from bot.config import Settings
from bot.core.engine import Core
from bot.core.models import Notification, NotificationStatus, Subject, SurveyAnswer, SurveyResponse
from bot.db import Database
from handlers import build_router
from handlers.buttons import SurveyOpen, SurveyPick, SurveyTick
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat
from tests.unit.test_forget_erases_data import _keep_deleted_bytes
from tests.unit.test_meeting_attendance import held
from tests.unit.test_meeting_mydata import record_of
from tests.unit.test_programme_edge_cases import person_id, programme_setup
from tests.unit.test_withdrawal_mid_programme import forget

TYPED = "Наставник объяснил квазикристаллы на пальцах"


async def answered(db: Database, settings: Settings, clock: FakeClock) -> tuple[Chat, int]:
    """The mentee answers the feedback after a held meeting: 4, «Личное», a typed comment."""
    core = Core(db, settings, build_router(), clock)
    setup = await programme_setup(core, db)
    await held(db, setup, clock)
    clock.advance(minutes=15)
    mentee = await person_id(db, "3")
    async with db.transaction() as session:
        query = select(SurveyResponse.id).where(SurveyResponse.person_id == mentee)
        rid = (await session.execute(query)).scalar_one()
    chat = setup.mentee
    await chat.press(SurveyOpen(rid).pack())
    await chat.press(SurveyPick(rid, 0, 4).pack())
    await chat.press(SurveyTick(rid, 1, 0b1000, True).pack())
    await chat.send(TYPED)
    return chat, mentee


async def test_mydata_shows_ones_survey_answers(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    chat, _ = await answered(db, settings, clock)
    replies = await chat.send("/mydata")
    text = replies[0].text
    assert "Опросы" in text and "Как прошла встреча" in text
    assert "Насколько полезной была встреча? — 4" in text
    assert "О чём вы говорили? — Личное" in text
    assert TYPED in text
    (kept,) = record_of(replies)["surveys"]
    assert kept["survey"] == "meeting-feedback" and kept["status"] == "completed"
    useful, topics, comment = kept["answers"]
    assert useful == {
        "question": "useful",
        "text": "Насколько полезной была встреча?",
        "value": 4,
        "answer": "4",
    }
    assert (topics["question"], topics["value"], topics["answer"]) == (
        "topics",
        ["personal"],
        "Личное",
    )
    assert (comment["value"], comment["answer"]) == (TYPED, TYPED)


async def test_forget_erases_survey_answers_to_the_last_byte(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    event.listen(db.engine.sync_engine, "connect", _keep_deleted_bytes, insert=True)
    chat, mentee = await answered(db, settings, clock)
    await forget(chat)
    async with db.transaction() as session:
        assert (await session.execute(select(SurveyAnswer))).scalars().all() == []
        query = select(SurveyResponse).where(SurveyResponse.person_id == mentee)
        assert (await session.execute(query)).scalars().all() == []
        pending = select(Notification).where(
            Notification.person_id == mentee,
            Notification.subject_kind == Subject.SURVEY_RESPONSE,
            Notification.status == NotificationStatus.PENDING,
        )
        assert (await session.execute(pending)).scalars().all() == []
    files = [tmp_path / "t.sqlite3", tmp_path / "t.sqlite3-wal"]
    content = b"".join(f.read_bytes() for f in files if f.exists())
    for trace in (TYPED.encode(), json.dumps(TYPED).strip('"').encode()):
        assert trace not in content
