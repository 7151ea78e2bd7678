"""The curator writes to a participant through the bot, across platforms, and the answer comes
back the same way; an erased person cannot be written to."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import Notification
from tests.e2e.harness import Chat, Harness, Msg
from tests.e2e.programme_steps import curator, mentee

QUESTION = "Встреча в 15:00 <b>в кабинете 12</b> & «Кванториум» — придёте?"
ANSWER = "Да, приду <3 & возьму ноутбук"


def other(platform: str) -> str:
    """The other platform: the curator and the participant use different ones."""
    return "vk" if platform == "telegram" else "telegram"


async def open_card(boss: Chat, name: str) -> Msg:
    """The curator opens the participant's card in the bank of mentees."""
    await boss.say("/banks", "Банки наставников и наставляемых")
    await boss.click("Наставляемые", "Сейчас показаны все")
    await boss.expect("Банк наставляемых")
    return await boss.click(name, name)


async def test_curator_writes_and_the_participant_answers(harness: Harness, platform: str) -> None:
    boss = await curator(harness, platform, 8201)
    pupil = await mentee(harness, other(platform), 8202, "Пётр Учеников")

    card = await open_card(boss, "Пётр Учеников")
    assert "Написать" in card.buttons
    await boss.click("Написать", "Напишите сообщение для участника Пётр Учеников")
    await boss.say(QUESTION, "Сообщение для участника Пётр Учеников отправлено")

    message = await pupil.expect("Сообщение от куратора Ольга Куратова")
    assert QUESTION in message.text  # as typed: escaped once
    assert message.buttons == ["Ответить куратору"]
    await pupil.click("Ответить куратору", "Напишите ответ куратору")
    await pupil.say(ANSWER, "Ответ отправлен куратору")

    reply = await boss.expect("Ответ участника Пётр Учеников")
    assert ANSWER in reply.text
    assert reply.buttons == ["Ответить"]
    await boss.click("Ответить", "Напишите сообщение для участника Пётр Учеников")
    await boss.say("/cancel", "отменил")

    # Help gives no other contacts: the curator writes here, and the answer goes back here.
    help_text = (await pupil.say("/help", "Что я умею")).text
    assert "Куратор программы свяжется с вами здесь" in help_text


async def test_an_erased_person_cannot_be_written_to(harness: Harness, platform: str) -> None:
    boss = await curator(harness, platform, 8211)
    pupil = await mentee(harness, other(platform), 8212, "Пётр Учеников")
    card = await open_card(boss, "Пётр Учеников")
    await boss.click("Написать", "Напишите сообщение")
    await boss.say(QUESTION, "отправлено")
    await pupil.expect(QUESTION)
    await pupil.say("/forget")
    await pupil.click("Да, удалить", "персональные данные удалены")

    # What the curator wrote to them is erased with the rest.
    db = harness.database()
    async with db.transaction() as session:
        rows = (await session.execute(select(Notification))).scalars().all()
        assert not any(QUESTION in str(row.params) for row in rows)
    await db.close()

    # «Написать» on the card opened before is refused.
    boss.user.press("Написать", card.raw)
    await boss.expect("Этому участнику написать нельзя")
