"""/ask across platforms: a mentee on one platform asks the mentor on the other with a photo, the
answer comes back (as a document); every file of a VK message, or of a Telegram album, reaches
the mentor; an unanswered question reminds the mentor and then reaches the curator, who
answers; a 30 MB file is refused before anything is downloaded."""

from __future__ import annotations

from tests.e2e.harness import Chat, Harness
from tests.e2e.programme_steps import Pair, accept, curator, form_pair, mentee, mentor

PHOTO = b"\xff\xd8\xff\xe0 a photo of the robot"
BOARD = b"\xff\xd8\xff\xe0 the board from above"
SCHEME = b"%PDF-1.4 wiring scheme"
MB = 1024 * 1024


async def pair_across(harness: Harness, mentee_on: str, base: int) -> Pair:
    """Curator and mentor on one platform, the mentee on the other; the pair accepted."""
    mentor_on = "telegram" if mentee_on == "vk" else "vk"
    boss = await curator(harness, mentor_on, base)
    guide = await mentor(harness, mentor_on, base + 1, "Иван Наставников")
    pupil = await mentee(harness, mentee_on, base + 2, "Петя Учеников")
    await form_pair(boss, "Петя Учеников", "Иван Наставников")
    pair = Pair(boss, guide, pupil)
    await accept(pair)
    return pair


async def refuse_30_mb(harness: Harness, pupil: Chat) -> None:
    """A 30 MB document (declared by the platform) is refused; nothing is fetched."""
    fake = harness.tg if pupil.platform == "telegram" else harness.vk
    downloads = fake.method_counts["download"] + fake.method_counts["getFile"]
    pupil.send_file("lesson.mp4", b"not really 30 MB", "video/mp4", declared_size=30 * MB)
    await pupil.expect("Файл слишком большой: можно отправить не больше 20 МБ")
    await pupil.expect("Напишите вопрос наставнику")  # asked again
    assert fake.method_counts["download"] + fake.method_counts["getFile"] == downloads


async def test_vk_mentee_asks_a_telegram_mentor_with_a_photo_and_gets_a_document(
    harness: Harness,
) -> None:
    pair = await pair_across(harness, "vk", 9400)
    await pair.mentee.say("/ask", "Напишите вопрос наставнику Иван Наставников")
    await refuse_30_mb(harness, pair.mentee)
    caption = "Не крутится мотор — что не так?"
    also = [("wiring.pdf", SCHEME, "application/pdf")]  # a photo and a document in one message
    pair.mentee.send_file("robot.jpg", PHOTO, "image/jpeg", caption, also=also)
    await pair.mentee.expect("Вопрос отправлен наставнику")

    question = await pair.mentor.expect("Вопрос от наставляемого Петя Учеников")
    assert "Не крутится мотор — что не так?" in question.text
    assert question.photo and question.document_bytes == PHOTO  # sendPhoto, the largest size
    assert question.buttons == ["Ответить"]
    wiring = await pair.mentor.expect("Вопрос от наставляемого Петя Учеников")
    assert (wiring.document_name, wiring.document_bytes) == ("wiring.pdf", SCHEME)
    await pair.mentor.click("Ответить", "Напишите ответ наставляемому Петя Учеников")
    pair.mentor.send_file("scheme.pdf", SCHEME, "application/pdf", "Проверьте провода по схеме")
    await pair.mentor.expect("Ответ отправлен")

    answer = await pair.mentee.expect("Ответ на ваш вопрос — пишет Иван Наставников")
    assert "Проверьте провода по схеме" in answer.text
    assert (answer.document_name, answer.document_bytes, answer.photo) == (
        "scheme.pdf",
        SCHEME,
        False,
    )
    assert answer.buttons == ["Ответить", "Вопрос решён"]
    await pair.mentee.click("Вопрос решён", "вопрос закрыт")


async def test_telegram_mentee_asks_a_vk_mentor_unanswered_it_reaches_the_curator(
    harness: Harness,
) -> None:
    pair = await pair_across(harness, "telegram", 9500)
    await pair.mentee.say("/help", "Что я умею")
    await pair.mentee.click("Задать вопрос", "Напишите вопрос наставнику Иван Наставников")
    await refuse_30_mb(harness, pair.mentee)
    # An album of two photos without a caption: Telegram sends them one a message.
    pair.mentee.send_file("robot.jpg", PHOTO, "image/jpeg", album="robot")
    pair.mentee.send_file("board.jpg", BOARD, "image/jpeg", album="robot")
    await pair.mentee.expect("Вопрос отправлен наставнику")
    for sent in (PHOTO, BOARD):
        question = await pair.mentor.expect("Вопрос от наставляемого Петя Учеников")
        assert question.photo and question.document_bytes == sent  # a VK photo upload
    assert pair.mentee.unread() == []  # the album's second photo is taken silently

    # No answer: the mentor is reminded once, then the curator is told.
    harness.clock.advance(hours=23)
    await harness.dispatch_due()
    assert pair.mentor.unread() == [] and pair.curator.unread() == []
    harness.clock.advance(hours=1)
    await harness.dispatch_due()
    reminder = await pair.mentor.expect("Напоминание")
    assert reminder.photo and reminder.buttons == ["Ответить"]
    harness.clock.advance(hours=24)
    await harness.dispatch_due()
    alert = await pair.curator.expect("Вопрос без ответа уже 48 ч")
    assert "Иван Наставников" in alert.text and alert.photo
    assert alert.buttons == ["Ответить", "Передать другому наставнику"]
    assert pair.mentor.unread() == []

    await pair.curator.click("Ответить", "Напишите ответ наставляемому Петя Учеников")
    await pair.curator.say("Пришлите фото платы сверху, посмотрим вместе", "Ответ отправлен")
    answer = await pair.mentee.expect("Ответ на ваш вопрос — пишет Ольга Куратова")
    assert "Пришлите фото платы сверху" in answer.text
    assert answer.buttons == ["Ответить", "Вопрос решён"]
