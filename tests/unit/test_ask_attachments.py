"""/ask with several files: every photo and document of one message (VK sends them together)
goes into the thread in order, and so does every photo of a Telegram album (which arrives as
separate messages); one file too large refuses the whole message."""

from __future__ import annotations

from bot.core.conversation import Attachment, Incoming, Reply
from bot.core.engine import Core
from bot.core.models import HelpMessage, HelpThread, StoredFile
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_ask import MB, deliver, files, never_fetched, photo
from tests.unit.test_flows import Chat, checked, joined, ru
from tests.unit.test_programme_edge_cases import core, programme_setup, rows

__all__ = ["core"]

SCHEME = Attachment("scheme.pdf", "application/pdf", content=b"%PDF-1.4 scheme")


async def send_files(
    chat: Chat, *attachments: Attachment, caption: str | None = None, album: str | None = None
) -> list[Reply]:
    """The person sends one message with these files (of a Telegram album, if named)."""
    incoming = Incoming(
        chat.platform,
        chat.user,
        text=caption,
        language_code="ru",
        attachments=attachments,
        album=album,
    )
    return checked(await chat.core.handle(incoming))


async def test_every_file_of_a_message_reaches_the_mentor_in_order_and_back(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.send("/ask")
    first, second = photo(b"\xff\xd8 first"), photo(b"\xff\xd8 second")
    sent = await send_files(setup.mentee, first, SCHEME, second, caption="Что здесь не так?")
    assert "Вопрос отправлен наставнику" in joined(sent)

    to_mentor = (await deliver(db, clock)).take("2")
    assert [f.content for f in files(to_mentor)] == [
        b"\xff\xd8 first",
        b"%PDF-1.4 scheme",
        b"\xff\xd8 second",
    ]
    with_files = [r for r in to_mentor if r.file is not None]
    assert "Что здесь не так?" in joined(with_files[:1])  # the words come with the first file
    assert len(await rows(db, StoredFile)) == 3

    (thread,) = await rows(db, HelpThread)
    await setup.mentor.press(f"help-reply:{thread.id}")
    await send_files(setup.mentor, SCHEME, photo(b"\xff\xd8 answer"))
    to_mentee = (await deliver(db, clock)).take("3")
    assert [f.content for f in files(to_mentee)] == [b"%PDF-1.4 scheme", b"\xff\xd8 answer"]


async def test_one_file_too_large_refuses_the_whole_message(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.send("/ask")
    huge = Attachment("video.mp4", "video/mp4", size=30 * MB, fetch=never_fetched)
    refused = await send_files(setup.mentee, photo(), huge, caption="Вот видео")
    assert "слишком большой" in joined(refused)
    assert await rows(db, HelpThread) == [] and await rows(db, StoredFile) == []
    assert files((await deliver(db, clock)).take("2")) == []


async def test_every_photo_of_a_telegram_album_goes_into_the_thread(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentee.send("/ask")
    sent = await send_files(setup.mentee, photo(b"\xff\xd8 1"), caption="Схема", album="77")
    assert "Вопрос отправлен наставнику" in joined(sent)
    assert await send_files(setup.mentee, photo(b"\xff\xd8 2"), album="77") == []
    assert await send_files(setup.mentee, photo(b"\xff\xd8 3"), album="77") == []

    to_mentor = (await deliver(db, clock)).take("2")
    assert [f.content for f in files(to_mentor)] == [b"\xff\xd8 1", b"\xff\xd8 2", b"\xff\xd8 3"]
    (thread,) = await rows(db, HelpThread)
    assert [m.thread_id for m in await rows(db, HelpMessage)] == [thread.id] * 3
    # What follows the album is read as usual: not a part of the question.
    assert ru("refusal-unknown") in joined(await setup.mentee.send("Спасибо"))
    assert len(await rows(db, HelpMessage)) == 3
