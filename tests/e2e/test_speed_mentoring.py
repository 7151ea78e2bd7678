"""Speed mentoring end to end, mentees on Telegram and VK at once: the curator creates an event,
invitations arrive on both platforms (and not again after a restart), a full slot is not
offered, two mentees race for the last place, a cancellation frees a place, reminders come
24 h and 1 h before the slot on the test's clock, and the roster CSV reads back."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime

from tests.e2e.harness import Chat, Harness
from tests.e2e.programme_steps import curator, mentee

SLOT_1 = "18:00–18:15 · свободно: 1"
SLOT_2 = "18:15–18:30 · свободно: 1"


async def create_event(chat: Chat) -> None:
    """The curator walks the wizard: a guest typed, two 15-minute slots of one place each."""
    await chat.say("/speed", "Скоростное наставничество")
    await chat.click("Новая встреча", "Кто будет гостем")
    await chat.say("Мария Гостева", "Когда начинается")
    await chat.say("26.11 18:00", "Где пройдёт")
    await chat.say("https://meet.example/speed", "Сколько минут")
    await chat.say("15", "Сколько будет слотов")
    await chat.say("2", "Сколько наставляемых")
    await chat.say("1", "Кого пригласить")
    summary = await chat.click("Все наставляемые", "Проверьте встречу")
    assert "Начало: чт, 26 ноября, 18:00" in summary.text
    await chat.click("Создать и пригласить", "приглашения отправлены: 3")


async def test_speed_event_from_invitation_to_roster(harness: Harness) -> None:
    cur = await curator(harness, "telegram", 9300)
    anna = await mentee(harness, "telegram", 9301, "Анна Быстрова")
    boris = await mentee(harness, "vk", 9302, "Борис Скоров")
    vera = await mentee(harness, "vk", 9303, "Вера Ранняя")
    await create_event(cur)

    await harness.dispatch_due()
    for chat in (anna, boris, vera):
        invitation = await chat.expect("Приглашение на скоростное наставничество")
        assert (
            "Мария Гостева" in invitation.text and "https://meet.example/speed" in invitation.text
        )
        assert invitation.buttons == [SLOT_1, SLOT_2]
    await harness.restart_bot()
    await harness.dispatch_due()
    assert anna.unread() == [] and boris.unread() == [] and vera.unread() == []

    await anna.click(SLOT_1, "Вы записаны на слот 18:00–18:15")
    await boris.click(SLOT_1, "мест больше нет")  # his invitation still showed it
    offer = await boris.expect("Приглашение")
    assert offer.buttons == [SLOT_2]  # the full slot is not offered

    boris.press(SLOT_2)  # the last place: pressed by two at once
    vera.press(SLOT_2)
    answers = await asyncio.gather(boris.expect(), vera.expect())
    won = [a for a in answers if "Вы записаны на слот 18:15–18:30" in a.text]
    lost = [a for a in answers if "мест больше нет" in a.text]
    assert len(won) == 1 and len(lost) == 1, [a.text for a in answers]
    loser = boris if lost[0] is answers[0] else vera
    winner = vera if loser is boris else boris
    nothing_left = await loser.expect("Свободных мест не осталось")
    assert nothing_left.buttons == []

    await anna.click("Отменить мою запись", "Запись отменена")
    freed = await anna.expect("Приглашение")
    assert freed.buttons == [SLOT_1]
    await loser.say("/pending", "Ждёт вашего ответа")  # not booked yet: the invitation awaits
    assert (await loser.expect("Приглашение")).buttons == [SLOT_1]
    await loser.click(SLOT_1, "Вы записаны на слот 18:00–18:15")

    harness.clock.now = datetime(2026, 11, 25, 14, 59, tzinfo=UTC)
    await harness.dispatch_due()
    assert loser.unread() == [] and winner.unread() == []
    harness.clock.now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # 18:00 in Moscow, a day ahead
    await harness.dispatch_due()
    reminder = await loser.expect("завтра скоростное наставничество с гостем Мария Гостева")
    assert "18:00–18:15" in reminder.text
    assert winner.unread() == []  # their slot is a quarter of an hour later
    harness.clock.now = datetime(2026, 11, 25, 15, 15, tzinfo=UTC)
    await harness.dispatch_due()
    await winner.expect("завтра скоростное наставничество")
    harness.clock.now = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    await harness.dispatch_due()
    await loser.expect("Через час скоростное наставничество")
    assert winner.unread() == []
    harness.clock.now = datetime(2026, 11, 26, 14, 15, tzinfo=UTC)
    await harness.dispatch_due()
    await winner.expect("Через час скоростное наставничество")
    assert anna.unread() == []  # her cancelled booking reminds nobody

    await cur.say("/speed", "Предстоящие встречи")
    await cur.click("чт, 26 ноября, 18:00 · Мария Гостева", "1. 18:00–18:15")
    cur.press("Список участников (таблица)")
    sent = await cur.expect("Список участников: 2 чел.")
    assert sent.document_bytes is not None and sent.document_bytes.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(sent.document_bytes.decode("utf-8-sig")), delimiter=";"))
    names = {boris: "Борис Скоров", vera: "Вера Ранняя"}
    assert table == [
        ["Слот", "Время", "Участник"],
        ["1", "18:00–18:15", names[loser]],
        ["2", "18:15–18:30", names[winner]],
    ]
