"""/ask: a mentee's question (text, photo or document) reaches the mentor through the outbox, the
answer comes back, the thread is closed; reminders, the curators' alert, handing a question on,
the size limit and /forget — driven through the core with the real SQLite."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.core import texts
from bot.core.conversation import Attachment, FetchFailed, File, Incoming, Reply
from bot.core.engine import Core
from bot.core.models import (
    HelpMessage,
    HelpStatus,
    HelpThread,
    MemberRole,
    Notification,
    NotificationStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
    StoredFile,
)
from bot.db import Database
from handlers import build_router, notifications
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, checked, joined, payloads, register, ru
from tests.unit.test_programme_edge_cases import (
    Setup,
    core,
    grant,
    person_id,
    programme_setup,
    rows,
)
from tests.unit.test_settings_take_effect import changed
from tests.unit.test_withdrawal_mid_programme import forget

__all__ = ["core"]

PHOTO = b"\xff\xd8\xff\xe0 a small jpeg"
MB = 1024 * 1024


@dataclass
class Inbox:
    """A platform for the dispatcher that keeps every reply with its file, by chat."""

    name: str = "console"
    rate: float = 1000.0
    got: dict[str, list[Reply]] = field(default_factory=dict)

    async def send(self, external_id: str, replies: Sequence[Reply], **_: object) -> None:
        self.got.setdefault(external_id, []).extend(replies)

    def take(self, external_id: str) -> list[Reply]:
        """What reached one chat since the last look."""
        return self.got.pop(external_id, [])

    async def run(self) -> None:
        """Nothing to receive."""

    async def close(self) -> None:
        """Nothing to release."""


async def deliver(db: Database, clock: FakeClock) -> Inbox:
    """Send everything due now."""
    inbox = Inbox()
    await Dispatcher(db, {"console": inbox}, notifications.render, clock).run_once()
    return inbox


async def send_file(chat: Chat, attachment: Attachment, caption: str | None = None) -> list[Reply]:
    """The person sends a file (with a caption, or none)."""
    incoming = Incoming(
        chat.platform, chat.user, text=caption, language_code="ru", attachments=(attachment,)
    )
    return checked(await chat.core.handle(incoming))


def photo(content: bytes = PHOTO, size: int | None = None) -> Attachment:
    return Attachment("photo.jpg", "image/jpeg", size=size if size is not None else len(content),
                      content=content)  # fmt: skip


async def never_fetched(limit: int) -> bytes:
    raise AssertionError("a file above the limit must not be downloaded")


def files(replies: list[Reply]) -> list[File]:
    return [r.file for r in replies if r.file is not None]


async def threads(db: Database) -> list[HelpThread]:
    return await rows(db, HelpThread)


async def test_a_photo_question_reaches_the_mentor_and_a_document_answer_comes_back(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    prompt = await setup.mentee.send("/ask")
    assert "Напишите вопрос наставнику Иван Наставников" in joined(prompt)
    sent = await send_file(setup.mentee, photo(), "Не крутится <мотор> & что делать?")
    assert "Вопрос отправлен наставнику" in joined(sent)

    to_mentor = (await deliver(db, clock)).take("2")
    assert "Вопрос от наставляемого Петя Учеников" in joined(to_mentor)
    assert "Не крутится <мотор> & что делать?" in texts.plain(joined(to_mentor))  # as typed
    assert [(f.name, f.mime, f.content) for f in files(to_mentor)] == [
        ("photo.jpg", "image/jpeg", PHOTO)
    ]
    (thread,) = await threads(db)
    assert thread.status == HelpStatus.OPEN
    assert f"help-reply:{thread.id}" in payloads(to_mentor)

    await setup.mentor.press(f"help-reply:{thread.id}")
    scheme = Attachment("scheme.pdf", "application/pdf", content=b"%PDF-1.4 scheme")
    assert "Ответ отправлен" in joined(await send_file(setup.mentor, scheme))
    to_mentee = (await deliver(db, clock)).take("3")
    assert "Ответ на ваш вопрос — пишет Иван Наставников:" in texts.plain(joined(to_mentee))
    assert [(f.name, f.content) for f in files(to_mentee)] == [("scheme.pdf", b"%PDF-1.4 scheme")]
    assert payloads(to_mentee) == [f"help-reply:{thread.id}", f"help-solved:{thread.id}"]
    (thread,) = await threads(db)
    assert thread.status == HelpStatus.ANSWERED

    # The mentee goes on in the thread, then closes it.
    await setup.mentee.press(f"help-reply:{thread.id}")
    await setup.mentee.send("Спасибо, а если мотор греется?")
    again = (await deliver(db, clock)).take("2")
    assert "Спасибо, а если мотор греется?" in joined(again)
    assert (await threads(db))[0].status == HelpStatus.OPEN
    await setup.mentor.press(f"help-reply:{thread.id}")
    await setup.mentor.send("Проверьте напряжение")
    await deliver(db, clock)
    assert ru("help-solved-done") in joined(await setup.mentee.press(f"help-solved:{thread.id}"))
    (thread,) = await threads(db)
    assert thread.status == HelpStatus.CLOSED
    # Closed: neither side can write in it any more.
    assert ru("help-closed") in joined(await setup.mentor.press(f"help-reply:{thread.id}"))


async def test_a_file_above_the_limit_is_refused_before_download_and_nothing_is_kept(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.send("/ask")
    huge = Attachment("video.mp4", "video/mp4", size=30 * MB, fetch=never_fetched)
    refused = await send_file(setup.mentee, huge, "Посмотрите видео")
    assert ru("upload-too-large", mb=20) in joined(refused)
    assert "Напишите вопрос наставнику" in joined(refused)  # asked again
    assert await threads(db) == [] and await rows(db, StoredFile) == []
    assert not [r for r in await rows(db, Notification) if r.template.startswith("help")]
    # A file whose size the platform did not declare is cut off at the limit while fetched.
    fetched: list[int] = []

    async def fetch(limit: int) -> bytes:
        fetched.append(limit)
        return b"x" * (limit + 1)

    undeclared = Attachment("big.bin", "application/octet-stream", fetch=fetch)
    assert ru("upload-too-large", mb=20) in joined(await send_file(setup.mentee, undeclared))
    assert fetched == [20 * MB] and await rows(db, StoredFile) == []

    # A download that fails is answered as such, and asked again.
    async def broken(limit: int) -> bytes:
        raise FetchFailed("the link expired")

    lost = Attachment("plan.pdf", "application/pdf", size=100, fetch=broken)
    assert ru("upload-failed") in joined(await send_file(setup.mentee, lost))
    assert await threads(db) == [] and await rows(db, StoredFile) == []
    # Empty or too long text is refused too; the question then goes.
    assert "Нужен вопрос" in joined(await setup.mentee.send("Я" * 2001))
    assert "Вопрос отправлен" in joined(await setup.mentee.send("Как закрепить датчик?"))


@pytest.mark.parametrize(("limit", "refused"), [(None, False), ("1", True)])
async def test_max_upload_mb_sets_the_largest_file(
    db: Database, settings: Settings, clock: FakeClock, limit: str | None, refused: bool
) -> None:
    """A 2 MB photo goes under the default 20 MB and is refused under MAX_UPLOAD_MB=1."""
    if limit is not None:
        settings = changed(settings, MAX_UPLOAD_MB=limit)
    core = Core(db, settings, build_router(), clock)
    setup = await programme_setup(core, db)
    await setup.mentee.send("/ask")
    answer = joined(await send_file(setup.mentee, photo(b"x" * 2 * MB)))
    assert ("МБ. Я его не сохранил" in answer) is refused
    assert len(await rows(db, StoredFile)) == (0 if refused else 1)


async def waiting_rows(db: Database) -> list[Notification]:
    return [
        r
        for r in await rows(db, Notification)
        if r.template in ("help-remind", "help-escalate") and r.status == NotificationStatus.PENDING
    ]


async def ask_plain(setup: Setup, text: str = "Как подключить датчик?") -> HelpThread:
    await setup.mentee.send("/ask")
    await setup.mentee.send(text)
    return (await threads(setup_db(setup)))[-1]


def setup_db(setup: Setup) -> Database:
    return setup.mentee.core.db


async def test_an_unanswered_question_reminds_the_mentor_then_goes_to_the_curator(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    thread = await ask_plain(setup)
    await deliver(db, clock)
    clock.advance(hours=23, minutes=59)
    assert (await deliver(db, clock)).got == {}
    clock.advance(minutes=1)
    reminded = await deliver(db, clock)
    assert "Напоминание" in joined(reminded.take("2")) and reminded.got == {}
    clock.advance(hours=24)
    told = await deliver(db, clock)
    alert = told.take("1")
    assert "Вопрос без ответа уже 48 ч" in joined(alert)
    assert "Иван Наставников" in joined(alert) and "Как подключить датчик?" in joined(alert)
    assert payloads(alert) == [f"help-reply:{thread.id}", f"help-hand:{thread.id}"]
    assert told.got == {}  # the mentor is reminded only once
    clock.advance(days=5)
    assert (await deliver(db, clock)).got == {}

    # The curator answers; the mentee gets it.
    await setup.curator.press(f"help-reply:{thread.id}")
    await setup.curator.send("Датчик подключается к порту A1")
    answer = (await deliver(db, clock)).take("3")
    assert "Ответ на ваш вопрос — пишет Ольга Куратова" in texts.plain(joined(answer))


async def test_an_answer_in_time_voids_the_reminder_and_the_alert(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    thread = await ask_plain(setup)
    assert len(await waiting_rows(db)) == 2  # the mentor's reminder, the curator's alert
    await deliver(db, clock)
    await setup.mentor.press(f"help-reply:{thread.id}")
    await setup.mentor.send("Вот так")
    assert await waiting_rows(db) == []
    clock.advance(days=3)
    assert set((await deliver(db, clock)).got) == {"3"}  # only the answer, to the mentee


async def test_a_reminder_due_at_night_waits_for_the_morning(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    clock.now = datetime(2026, 11, 24, 20, 30, tzinfo=UTC)  # 23:30 in Moscow
    await ask_plain(setup)
    await deliver(db, clock)
    clock.advance(hours=24)
    assert "2" not in (await deliver(db, clock)).got
    clock.now = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # 08:00 in Moscow
    assert "Напоминание" in joined((await deliver(db, clock)).take("2"))


async def test_help_answer_hours_sets_the_wait(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    core = Core(db, changed(settings, HELP_ANSWER_HOURS="2"), build_router(), clock)
    setup = await programme_setup(core, db)
    sent = await ask_plain(setup)
    assert sent.status == HelpStatus.OPEN
    await deliver(db, clock)
    clock.advance(hours=2)
    assert "Напоминание" in joined((await deliver(db, clock)).take("2"))
    clock.advance(hours=2)
    assert "Вопрос без ответа уже 4 ч" in joined((await deliver(db, clock)).take("1"))


async def test_the_curator_hands_a_question_to_another_mentor(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    other = Chat(core, user="9")
    await register(other, name="Сергей Другов", role="mentor")
    thread = await ask_plain(setup)
    clock.advance(hours=48)
    await deliver(db, clock)
    # Not for the mentee, nor for a forged mentor id.
    assert "Сергей" not in joined(await setup.mentee.press(f"help-hand:{thread.id}"))
    picker = await setup.curator.press(f"help-hand:{thread.id}")
    other_id = await person_id(db, "9")
    assert payloads(picker) == [f"help-to:{thread.id}:{other_id}"]
    mentee_id = await person_id(db, "3")
    assert "help-closed" not in joined(
        await setup.curator.press(f"help-to:{thread.id}:{mentee_id}")
    )
    assert (await threads(db))[0].helper_id == await person_id(db, "2")

    done = await setup.curator.press(f"help-to:{thread.id}:{other_id}")
    assert ru("help-handed", name="Сергей Другов") in joined(done)
    assert "Как подключить датчик?" in joined((await deliver(db, clock)).take("9"))
    assert (await threads(db))[0].helper_id == other_id
    clock.advance(hours=24)
    assert "Напоминание" in joined((await deliver(db, clock)).take("9"))
    # The first mentor can no longer answer it; the new one can.
    assert "Напишите ответ" not in joined(await setup.mentor.press(f"help-reply:{thread.id}"))
    assert "Напишите ответ" in joined(await other.press(f"help-reply:{thread.id}"))


async def test_a_mentee_without_a_mentor_asks_the_curator_and_one_with_two_picks(
    core: Core, db: Database, clock: FakeClock
) -> None:
    boss = Chat(core, user="1")
    await register(boss, name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    alone = Chat(core, user="5")
    await register(alone, name="Вера Одинокова")
    assert "получит куратор" in joined(await alone.send("/ask"))
    assert "Вопрос отправлен куратору" in joined(await alone.send("С чего начать?"))
    to_curator = (await deliver(db, clock)).take("1")
    assert "С чего начать?" in joined(to_curator)
    (thread,) = await threads(db)
    assert thread.helper_id is None
    # It waits in the curator's /pending, answered from there.
    pending = await boss.send("/pending")
    assert "С чего начать?" in joined(pending) and f"help-reply:{thread.id}" in payloads(pending)

    setup = await programme_setup_two(core, db)
    picker = await setup.mentee.send("/ask")
    labels = [b.label for r in picker for row in r.buttons for b in row]
    assert "Наставнику: Иван Наставников" in labels and "Наставнику: Анна Вторая" in labels


async def programme_setup_two(core: Core, db: Database) -> Setup:
    """The mentee of a programme_setup pair also in a second running programme, with another
    mentor (the curator's buttons allow one open pair per mentee; older data may hold two)."""
    setup = await programme_setup(core, db)
    await register(Chat(core, user="8"), name="Анна Вторая", role="mentor")
    mentor, mentee = await person_id(db, "8"), await person_id(db, "3")
    async with db.transaction() as session:
        first = await session.get(Programme, setup.programme_id)
        assert first is not None
        second = Programme(
            mentor_id=mentor,
            form=first.form,
            pair_type=first.pair_type,
            term=3,
            goals="Подготовиться к олимпиаде",
            status=ProgrammeStatus.ACTIVE,
            agreement_version=first.agreement_version,
        )
        session.add(second)
        await session.flush()
        for pid, role in ((mentor, MemberRole.MENTOR), (mentee, MemberRole.MENTEE)):
            session.add(ProgrammeMember(programme_id=second.id, person_id=pid, role=role))
    return setup


async def test_the_mentors_pending_lists_the_question_until_answered(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    thread = await ask_plain(setup, "Где взять схему?")
    await deliver(db, clock)
    pending = await setup.mentor.send("/pending")
    assert "Где взять схему?" in joined(pending)
    assert f"help-reply:{thread.id}" in payloads(pending)
    assert "help-hand" not in " ".join(payloads(pending))  # that is the curators' button
    await setup.mentor.press(f"help-reply:{thread.id}")
    await setup.mentor.send("В папке кружка")
    assert "Где взять схему?" not in joined(await setup.mentor.send("/pending"))
    # The /help menu and the programme card offer /ask to the mentee only.
    assert "menu:ask" in payloads(await setup.mentee.send("/help"))
    assert "menu:ask" not in payloads(await setup.mentor.send("/help"))
    assert ru("ask-mentees-only") in joined(await setup.mentor.send("/ask"))
    card = await setup.mentee.send("/programme")
    assert f"ask:{setup.programme_id}" in payloads(card)
    assert "Иван Наставников" in joined(await setup.mentee.press(f"ask:{setup.programme_id}"))


async def test_mydata_lists_the_questions_and_forget_erases_them_and_the_files(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.send("/ask")
    await send_file(setup.mentee, photo(), "Мой секретный чертёж")
    (data,) = files(await setup.mentee.send("/mydata"))
    (asked,) = json.loads(data.content)["questions"]
    assert asked["text"] == "Мой секретный чертёж"
    assert asked["file"] == {"name": "photo.jpg", "type": "image/jpeg", "size": len(PHOTO)}
    await forget(setup.mentee)
    assert await rows(db, StoredFile) == []
    messages: list[Any] = await rows(db, HelpMessage)
    assert [m.text for m in messages] == [None]
    (thread,) = await threads(db)
    assert thread.status == HelpStatus.CLOSED
    to_mentor = (await deliver(db, clock)).take("2")
    assert "чертёж" not in joined(to_mentor) and files(to_mentor) == []


async def test_a_console_user_sends_a_file_with_colon_file(
    core: Core, db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    import io

    from bot.platforms.console import ConsolePlatform

    await programme_setup(core, db)
    picture = tmp_path / "схема.png"
    picture.write_bytes(b"\x89PNG scheme")
    out = io.StringIO()
    script = f"/ask\n:file {picture} Вот схема\n:file {tmp_path / 'нет.png'}\n:quit\n"
    console = ConsolePlatform(core.handle, "3", tmp_path / "files", "ru", io.StringIO(script), out)
    await console.run()
    shown = out.getvalue()
    assert "Вопрос отправлен наставнику" in shown
    assert "Файл не найден" in shown
    to_mentor = (await deliver(db, clock)).take("2")
    assert [(f.name, f.mime, f.content) for f in files(to_mentor)] == [
        ("схема.png", "image/png", b"\x89PNG scheme")
    ]
    assert "Вот схема" in joined(to_mentor)


async def test_an_answer_typed_after_the_mentee_closed_the_question_is_refused_clearly(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    thread = await ask_plain(setup)
    await setup.mentor.press(f"help-reply:{thread.id}")
    await setup.mentor.send("Первый ответ")
    await setup.mentor.press(f"help-reply:{thread.id}")  # starts typing a second one
    await setup.mentee.press(f"help-solved:{thread.id}")
    late = await setup.mentor.send("Ещё одна мысль")
    assert ru("help-closed") in joined(late)
    assert [m.text for m in await rows(db, HelpMessage)][-1] == "Первый ответ"
    # The question is no longer waited on: the next text is read afresh.
    assert ru("help-closed") not in joined(await setup.mentor.send("Спасибо"))


async def test_a_question_typed_after_the_programme_ended_is_not_sent(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.send("/ask")
    async with db.transaction() as session:
        programme = await session.get(Programme, setup.programme_id)
        assert programme is not None
        programme.status = ProgrammeStatus.ENDED
    late = await setup.mentee.send("Как быть с датчиком?")
    assert ru("ask-programme-over") in joined(late)
    assert await threads(db) == []
    assert ru("ask-programme-over") not in joined(await setup.mentee.send("Спасибо"))
