"""Meetings on each platform: proposed, confirmed, reminded at each one's local time, held and
logged; moved; a series with one occurrence moved and one cancelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import recurring_ical_events
from sqlalchemy import select

from bot.core.models import Meeting, MeetingParticipant, Notification
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Chat, Harness, Msg


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


async def proposing(harness: Harness, platform: str, zone: str, zone_shown: str) -> steps.Pair:
    """An accepted pair whose mentee lives in `zone`; the mentor at the wizard's first question."""
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentee.say(f"/timezone {zone}", zone_shown)
    await pair.mentor.say("/meetings", "Ближайших встреч пока нет")
    await pair.mentor.click("Назначить встречу", "В какой день встреча")
    return pair


async def sent_and_confirmed(harness: Harness, pair: steps.Pair) -> tuple[Msg, bytes]:
    """The mentor sends the proposal at its summary, the mentee confirms the invitation; both get
    the calendar file. The invitation and the mentee's file."""
    await pair.mentor.click("Отправить", "Приглашение отправлено")
    await harness.dispatch_due()
    invite = await pair.mentee.expect("Иван Наставников предлагает встречу")
    await pair.mentee.click("Подтверждаю", "Встреча подтверждена")
    await harness.dispatch_due()
    await calendar_notice(pair.mentor, "Встреча подтверждена. Файл для календаря")
    return invite, await calendar_notice(pair.mentee, "Встреча подтверждена. Файл для календаря")


async def test_a_meeting_from_proposal_to_the_log(harness: Harness, platform: str) -> None:
    pair = await proposing(harness, platform, "Владивосток", "UTC+10 (Владивосток)")

    # The mentor types the time — Thursday 15:00 on the Moscow clock — then an hour, a link.
    await pair.mentor.say("в четверг в 15:00", "Сколько продлится")
    await pair.mentor.click("60 мин", "Где встреча")
    await pair.mentor.say("https://meet.example/robot", "формат встречи")
    await pair.mentor.click("Пропустить", "О чём встреча")
    await pair.mentor.say("Разобрать схему шасси", "разовая или повторяется")
    summary = await pair.mentor.click("Один раз", "Проверьте встречу")
    assert "чт, 26 ноября, 15:00" in summary.text

    # The mentee sees it on the Vladivostok clock and confirms.
    invite, ics = await sent_and_confirmed(harness, pair)
    assert "чт, 26 ноября, 22:00" in invite.text
    assert "Разобрать схему шасси" in invite.text
    ((meeting, _),) = await stored(harness)
    assert meeting.start == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert b"TZID=Asia/Vladivostok" in ics  # written on the mentee's own clock
    window = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert expanded(ics, *window) == [meeting.start]

    # A day before: 15:00 in Moscow for the mentor; 22:00 in Vladivostok is night for the
    # mentee, whose reminder waits for 08:00 there.
    harness.clock.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    await harness.dispatch_due()
    reminder = await pair.mentor.expect("встреча через 24 часа")
    assert "чт, 26 ноября, 15:00" in reminder.text
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


def expanded(ics: bytes, start: datetime, end: datetime) -> list[datetime]:
    """The instants a calendar app shows for a file (UTC), as `recurring-ical-events` expands
    its series with their EXDATE and RECURRENCE-ID."""
    calendar = icalendar.Calendar.from_ical(ics)
    events = recurring_ical_events.of(calendar).between(start, end)
    return sorted(e["DTSTART"].dt.astimezone(UTC) for e in events)


def sequence_of(ics: bytes) -> int:
    """The SEQUENCE of the file's main event (the series itself, not an override)."""
    calendar = icalendar.Calendar.from_ical(ics)
    (main,) = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
    return int(main["SEQUENCE"])


async def calendar_notice(chat: Chat, contains: str) -> bytes:
    """A meeting notice and the calendar file that follows it; the file's bytes."""
    await chat.expect(contains)
    file_msg = await chat.expect()
    assert file_msg.document_name is not None and file_msg.document_name.endswith(".ics")
    assert file_msg.document_bytes is not None
    return file_msg.document_bytes


async def test_a_series_with_one_meeting_moved_and_one_cancelled(
    harness: Harness, platform: str
) -> None:
    pair = await proposing(harness, platform, "Новосибирск", "UTC+7")

    # Weekly, four times, from Wednesday 15:00 on the mentor's (Moscow) clock.
    await pair.mentor.click("среда, 25.11", "по вашим часам")
    await pair.mentor.click("15:00", "Сколько продлится")
    await pair.mentor.click("90 мин", "Где встреча")
    await pair.mentor.click("Пропустить", "формат встречи")
    await pair.mentor.click("Пропустить", "О чём встреча")
    await pair.mentor.click("Пропустить", "разовая или повторяется")
    await pair.mentor.click("Каждую неделю", "Сколько встреч")
    summary = await pair.mentor.click("4 раза", "Проверьте встречу")
    assert "каждую неделю, 4 раза" in summary.text
    invite, first = await sent_and_confirmed(harness, pair)
    assert "ср, 25 ноября, 19:00" in invite.text  # Novosibirsk is UTC+7
    series = [m for m, _ in await stored(harness)]
    slots = [m.start for m in series]
    assert expanded(first, datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)) == (
        slots
    )

    # Two days on, the mentor moves the second one to Thursday 16:30 and cancels the third.
    harness.clock.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    pair.mentor.press_payload(f"meet:move:{series[1].id}")
    await pair.mentor.expect("В какой день встреча")
    await pair.mentor.click("четверг, 03.12", "по вашим часам")
    await pair.mentor.click("16:30", "Встреча перенесена")
    await harness.dispatch_due()
    moved = await calendar_notice(pair.mentee, "встреча перенесена на новое время")
    await pair.mentor.expect("Встреча состоялась?")  # the first one, two days ago
    assert sequence_of(moved) > sequence_of(first)
    pair.mentor.press_payload(f"meet:cancel:{series[2].id}")
    await pair.mentor.expect("Встреча отменена")
    await harness.dispatch_due()
    cancelled = await calendar_notice(pair.mentee, "встреча отменена")
    assert sequence_of(cancelled) > sequence_of(moved)

    # The calendar shows what the database holds; the old reminders of the moved one are void.
    stored_now = [m for m, _ in await stored(harness)]
    live = [m.start for m in stored_now if m.status == "confirmed"]
    assert live == [slots[0], datetime(2026, 12, 3, 13, 30, tzinfo=UTC), slots[3]]
    window = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert expanded(cancelled, *window) == live
    reminders = await meeting_rows(harness, series[1].id)
    assert {(r.due_at, r.status) for r in reminders if r.template == "meeting-reminder"} >= {
        (slots[1] - timedelta(hours=24), "void"),
        (datetime(2026, 12, 2, 13, 30, tzinfo=UTC), "pending"),
    }

    # The whole schedule as one file, from /meetings.
    await pair.mentee.say("/meetings", "Ваши ближайшие встречи: 2")
    await pair.mentee.expect("чт, 3 декабря, 20:30")  # on the Novosibirsk clock
    await pair.mentee.expect("ср, 16 декабря, 19:00")
    await pair.mentee.expect("Назначить новую встречу")
    schedule = await pair.mentee.click("Все встречи — файлом для календаря")
    assert schedule.document_name == "meetings.ics" and schedule.document_bytes is not None
    assert expanded(schedule.document_bytes, *window) == live


async def meeting_rows(harness: Harness, meeting_id: int) -> list[Notification]:
    """The outbox rows of one meeting."""
    db = harness.database()
    async with db.transaction() as session:
        query = select(Notification).where(
            Notification.subject_kind == "meeting", Notification.subject_id == meeting_id
        )
        rows = list((await session.execute(query)).scalars())
    await db.close()
    return rows
