"""Meetings on each platform: proposed, confirmed, reminded at each one's local time, held and
logged; moved; a series with one occurrence moved and one cancelled."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.core.models import Meeting, MeetingParticipant
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness


async def stored(harness: Harness) -> list[tuple[Meeting, list[MeetingParticipant]]]:
    """Every meeting as stored, with its participants."""
    db = harness.database()
    async with db.transaction() as session:
        meetings = (await session.execute(select(Meeting).order_by(Meeting.id))).scalars().all()
        result = []
        for meeting in meetings:
            query = select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
            result.append((meeting, list((await session.execute(query)).scalars())))
    await db.close()
    return result


async def test_a_meeting_from_proposal_to_the_log(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentee.say("/timezone Владивосток", "UTC+10 (Владивосток)")

    # The mentor proposes by buttons: Thursday 15:00 on the Moscow clock, an hour, a link.
    await pair.mentor.say("/meetings", "Ближайших встреч пока нет")
    await pair.mentor.click("Назначить встречу", "В какой день встреча")
    await pair.mentor.click("четверг, 26.11", "по вашим часам")
    await pair.mentor.click("15:00", "Сколько продлится")
    await pair.mentor.click("60 мин", "Где встреча")
    await pair.mentor.say("https://meet.example/robot", "формат встречи")
    await pair.mentor.click("Пропустить", "О чём встреча")
    await pair.mentor.say("Разобрать схему шасси", "разовая или повторяется")
    summary = await pair.mentor.click("Один раз", "Проверьте встречу")
    assert "четверг, 26 ноября 2026, 15:00" in summary.text
    await pair.mentor.click("Отправить", "Приглашение отправлено")

    # The mentee sees it on the Vladivostok clock and confirms.
    await harness.dispatch_due()
    invite = await pair.mentee.expect("Иван Наставников предлагает встречу")
    assert "четверг, 26 ноября 2026, 22:00" in invite.text
    assert "Разобрать схему шасси" in invite.text
    await pair.mentee.click("Подтверждаю", "Встреча подтверждена")
    await harness.dispatch_due()
    for chat in (pair.mentor, pair.mentee):
        await chat.expect("Встреча подтверждена. Файл для календаря")
    ((meeting, _),) = await stored(harness)
    assert meeting.start == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

    # A day before: 15:00 in Moscow for the mentor; 22:00 in Vladivostok is night for the
    # mentee, whose reminder waits for 08:00 there.
    harness.clock.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    await harness.dispatch_due()
    reminder = await pair.mentor.expect("встреча через 24 часа")
    assert "четверг, 26 ноября 2026, 15:00" in reminder.text
    assert pair.mentee.unread() == []
    harness.clock.now = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)  # 08:00 in Vladivostok
    await harness.dispatch_due()
    await pair.mentee.expect("встреча через 24 часа")

    # An hour before, both; then after the end the mentor is asked whether it took place.
    harness.clock.now = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
    await harness.dispatch_due()
    for chat in (pair.mentor, pair.mentee):
        await chat.expect("встреча через 1 час")
    harness.clock.now = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
    await harness.dispatch_due()
    await pair.mentor.expect("Встреча состоялась?")
    assert pair.mentee.unread() == []
    await pair.mentor.click("Да, состоялась", "Кто был на встрече?")
    await pair.mentor.click("✅ Петя Учеников", "Кто был")  # unticked…
    await pair.mentor.click("⬜ Петя Учеников", "Кто был")  # …and ticked again
    await pair.mentor.click("Готово", "присутствовали: 2")
    ((meeting, people),) = await stored(harness)
    assert meeting.status == "held" and meeting.held_at == harness.clock.now
    assert [p.attended for p in people] == [True, True]
