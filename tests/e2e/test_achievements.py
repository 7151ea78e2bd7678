"""Achievements on each platform: a mentee adds one with a photo (a Word document refused), the
curator verifies it from the notice (a forged verify from the mentor changes nothing), the
mentee is told and can no longer edit it, not even with a forged button, and finds it in the
portfolio, in chat and in its PDF; the mentor adds a
second with a link, the curator rejects it with a reason, the mentee edits it and sends it
again with a PDF; /forget leaves neither the achievements nor their files in the database."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import Achievement, AchievementStatus
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Chat, Harness
from tests.e2e.test_forget_erases_data import _database_files
from tests.e2e.test_portfolio import pdf_text

DIPLOMA = b"\xff\xd8\xff\xe0 diploma of the olympiad zq7"
CERTIFICATE = b"%PDF-1.4 certificate with the right name zq8"
FIRST = "Олимпиада Ъыщзщ по робототехнике"
SECOND = "Хакатон Ъыщзщ-Прорыв"
REASON = "Сертификат выдан на другую фамилию"


async def achievements(harness: Harness) -> list[Achievement]:
    db = harness.database()
    try:
        async with db.transaction() as session:
            return list(
                (await session.execute(select(Achievement).order_by(Achievement.id))).scalars()
            )
    finally:
        await db.close()


async def wizard_to_proof(chat: Chat, title: str, kind: str, level: str, result: str) -> None:
    """From «Как называется» to the proof question."""
    await chat.say(title, "Какой это вид")
    await chat.click(kind, "Какой уровень")
    await chat.click(level, "Какой результат")
    await chat.click(result, "Когда это было")
    await chat.say("01.11.2026", "Пришлите подтверждение")


async def test_add_verify_reject_edit_and_forget(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    pupil, boss, guide = pair.mentee, pair.curator, pair.mentor

    await pupil.say("/achievements", "Здесь пока пусто")
    await pupil.click("Добавить", "Как называется достижение")
    await wizard_to_proof(pupil, FIRST, "Олимпиада", "Всероссийский", "Призёр")
    pupil.send_file("diploma.docx", b"PK word", "application/msword")
    await pupil.expect("пришлите фото или PDF")
    await pupil.expect("Пришлите подтверждение")
    pupil.send_file("diploma.jpg", DIPLOMA, "image/jpeg")
    summary = await pupil.expect("Проверьте достижение")
    assert FIRST in summary.text and "Всероссийский" in summary.text
    await pupil.click("Отправить на проверку", "отправлено куратору")

    await harness.dispatch_due()
    notice = await boss.expect("Новое достижение на проверку")
    assert FIRST in notice.text and "Петя Учеников" in notice.text
    assert notice.photo and notice.document_bytes == DIPLOMA
    assert notice.buttons == ["Подтвердить", "Отклонить"]
    (first,) = await achievements(harness)
    guide.press_payload(f"ach-verdict:{first.id}:y")  # the mentor is no curator
    await guide.expect("только куратору")
    assert (await achievements(harness))[0].status == AchievementStatus.PENDING
    await boss.click("Подтвердить", "подтверждено")

    await harness.dispatch_due()
    told = await pupil.expect("Куратор подтвердил достижение")
    assert FIRST in told.text
    shown = await pupil.click("Открыть достижение", "подтверждено куратором")
    assert shown.photo and shown.document_bytes == DIPLOMA
    assert "Изменить" not in shown.buttons and "Отозвать" in shown.buttons
    pupil.press_payload(f"ach-edit:{first.id}")
    await pupil.expect("изменить его нельзя")
    assert (await achievements(harness))[0].title == FIRST

    # Verified, it is in the portfolio: in chat and in the PDF.
    await pupil.say("/achievements", "Мои достижения")
    portfolio = await pupil.click("Моё портфолио", FIRST)
    assert "Олимпиада" in portfolio.text
    document = await pupil.click("PDF", "Портфолио в PDF")
    assert FIRST in pdf_text(document.document_bytes)

    # The mentor adds the second for the mentee, with a link; the curator rejects it.
    await guide.say("/achievements", "своему наставляемому")
    await guide.click("Добавить наставляемому", "Для кого")
    await guide.click("Петя Учеников", "Как называется достижение")
    await wizard_to_proof(guide, SECOND, "Хакатон", "Региональный", "Участник")
    summary = await guide.say("https://hack.example/certificates/77", "Проверьте достижение")
    assert "https://hack.example/certificates/77" in summary.text
    await guide.click("Отправить на проверку", "отправлено куратору")
    await harness.dispatch_due()
    notice = await boss.expect("Новое достижение на проверку")
    assert "https://hack.example/certificates/77" in notice.text and not notice.photo
    await boss.click("Отклонить", "Почему достижение отклонено")
    await boss.say(REASON, "отклонено")

    await harness.dispatch_due()
    assert REASON in (await guide.expect("отклонил")).text
    rejected = await pupil.expect("отклонил")
    assert REASON in rejected.text and "Изменить" in rejected.buttons
    await pupil.click("Изменить", "Как называется достижение")
    for question in ("Какой это вид", "Какой уровень", "Какой результат", "Когда это было"):
        await pupil.click("Оставить как было", question)
    await pupil.click("Оставить как было", "Пришлите подтверждение")
    pupil.send_file("certificate.pdf", CERTIFICATE, "application/pdf")
    await pupil.expect("Проверьте достижение")
    await pupil.click("Отправить на проверку", "отправлено куратору")
    second = (await achievements(harness))[1]
    assert (second.status, second.reason, second.proof_url) == ("pending", None, None)
    await harness.dispatch_due()
    again = await boss.expect("Новое достижение на проверку")
    assert again.document_bytes == CERTIFICATE and SECOND in again.text

    before = b"".join(_database_files(harness).values())
    assert FIRST.encode() in before and CERTIFICATE in before
    await pupil.say("/forget")
    await pupil.click("Да, удалить", "персональные данные удалены")
    assert await achievements(harness) == []
    after = b"".join(_database_files(harness).values())
    left = [s for s in (FIRST.encode(), SECOND.encode(), DIPLOMA, CERTIFICATE) if s in after]
    assert left == []
