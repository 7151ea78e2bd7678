"""Meetings through the flows: proposing by buttons in the console, answering from /pending,
and the bad inputs — a past time, another pair's meeting, a cancelled one — answered clearly
with nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.core import texts
from bot.core.engine import Core
from bot.core.models import Meeting, MeetingStatus, Notification, NotificationStatus, Programme
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_console_pair_wizard import Console
from tests.unit.test_flows import joined, payloads
from tests.unit.test_programme_edge_cases import Setup, programme_setup, rows


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def meeting_rows(db: Database) -> list[Meeting]:
    return sorted(await rows(db, Meeting), key=lambda m: m.id)


async def propose_by_payloads(setup: Setup, day: int = 2, minute: int = 900) -> list:
    """The mentor proposes a one-off meeting by pressing the wizard's buttons."""
    await setup.mentor.send("/meetings")
    await setup.mentor.press("meet-new")
    await setup.mentor.press(f"meet-day:{day}")
    await setup.mentor.press(f"meet-slot:{minute}")
    await setup.mentor.press("meet-len:45")
    await setup.mentor.send("https://meet.example/robot")
    await setup.mentor.press("meet-skip")  # no format
    await setup.mentor.send("Разобрать схему робота")
    await setup.mentor.press("meet-repeat:0")
    return await setup.mentor.press("meet-send")


async def test_a_meeting_proposed_by_buttons_in_the_console(
    core: Core, db: Database, tmp_path: Path
) -> None:
    await programme_setup(core, db)
    console = Console(core, tmp_path / "files")
    console.platform.user = "2"
    assert "Ближайших встреч пока нет" in await console.type("/meetings")
    assert "В какой день" in await console.press("Назначить встречу")
    assert "по вашим часам" in await console.press("четверг, 26.11")
    assert "Сколько продлится" in await console.press("15:00")
    assert "Где встреча" in await console.press("45 мин")
    assert "формат встречи" in await console.type("Актовый зал, каб. 12")
    assert "О чём встреча" in await console.press("Консультация")
    assert "разовая или повторяется" in await console.press("Пропустить")
    summary = await console.press("Один раз")
    assert "чт, 26 ноября, 15:00" in summary and "45 мин" in summary
    assert "Приглашение отправлено" in await console.press("Отправить")
    (meeting,) = await meeting_rows(db)
    assert meeting.start == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # 15:00 in Moscow
    assert (meeting.minutes, meeting.place, meeting.format) == (
        45,
        "Актовый зал, каб. 12",
        "consultation",
    )

    console.platform.user = "3"  # the mentee answers from /pending
    pending = await console.type("/pending")
    assert "Иван Наставников предлагает встречу" in pending
    assert "чт, 26 ноября, 15:00" in pending
    assert "Спасибо, вы подтвердили" in await console.press("Подтверждаю")
    (meeting,) = await meeting_rows(db)
    assert meeting.status == MeetingStatus.CONFIRMED
    assert "Ждёт вашего ответа" not in await console.type("/pending")


async def test_a_slot_already_past_today_is_refused(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)  # 12:00 in Moscow now
    await setup.mentor.press("meet-new")
    await setup.mentor.press("meet-day:0")
    replies = await setup.mentor.press("meet-slot:540")  # 09:00 today
    assert texts.t("meeting-in-past", "ru") in joined(replies)
    assert "meet-day:1" in payloads(replies)  # asked again
    assert await meeting_rows(db) == []


async def test_another_pairs_meeting_cannot_be_answered_with_a_forged_button(
    core: Core, db: Database, settings: Settings, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, mentees=2)
    await propose_by_payloads(setup)
    (meeting,) = await meeting_rows(db)
    outsider = setup.curator  # not invited, not a member
    for act in ("confirm", "decline", "cancel", "move", "all"):
        replies = await outsider.press(f"meet:{act}:{meeting.id}")
        assert texts.t("meeting-not-yours", "ru") in joined(replies)
    masha = setup.mentees[1]
    replies = await masha.press(f"meet:all:{meeting.id}")  # only the mentor confirms for all
    assert texts.t("meeting-not-yours", "ru") in joined(replies)
    (after,) = await meeting_rows(db)
    assert after.status == MeetingStatus.PROPOSED and after.sequence == 0


async def test_confirming_a_cancelled_meeting_is_refused_clearly(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await propose_by_payloads(setup)
    (meeting,) = await meeting_rows(db)
    assert "Встреча отменена" in joined(await setup.mentor.press(f"meet:cancel:{meeting.id}"))
    replies = await setup.mentee.press(f"meet:confirm:{meeting.id}")
    assert texts.t("meeting-already-cancelled", "ru") in joined(replies)
    (after,) = await meeting_rows(db)
    assert after.status == MeetingStatus.CANCELLED


async def test_the_meeting_reminder_schedule_changes_the_reminders(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    await propose_by_payloads(setup)
    (meeting,) = await meeting_rows(db)
    await setup.mentee.press(f"meet:confirm:{meeting.id}")

    async def reminder_hours() -> set[int]:
        async with db.transaction() as session:
            query = select(Notification).where(
                Notification.template == "meeting-reminder",
                Notification.status == NotificationStatus.PENDING,
            )
            return {int(n.params["hours"]) for n in (await session.execute(query)).scalars()}

    assert await reminder_hours() == {24, 1}
    card = await setup.mentor.press(f"programme:{setup.programme_id}")
    assert f"meet-reminders:{setup.programme_id}" in payloads(card)
    await setup.mentor.press(f"meet-reminders:{setup.programme_id}:1")
    assert await reminder_hours() == {1}
    async with db.transaction() as session:
        programme = await session.get(Programme, setup.programme_id)
        assert programme is not None and programme.meeting_reminder_hours == [1]
    replies = await setup.mentee.press(f"meet-reminders:{setup.programme_id}:0")
    assert texts.t("refusal-stale-button", "ru") in joined(replies)  # a mentee cannot


async def test_the_mentor_who_proposed_a_group_meeting_may_confirm_it_for_all(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db, mentees=2)
    await propose_by_payloads(setup)
    (meeting,) = await meeting_rows(db)
    await setup.mentees[0].press(f"meet:confirm:{meeting.id}")  # the other mentee is away
    listing = await setup.mentor.send("/meetings")
    assert f"meet:all:{meeting.id}" in payloads(listing)
    await setup.mentor.press(f"meet:all:{meeting.id}")
    (meeting,) = await meeting_rows(db)
    assert meeting.status == MeetingStatus.CONFIRMED


async def test_a_clash_is_warned_about_and_sent_only_when_asked(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await propose_by_payloads(setup)
    replies = await propose_by_payloads(setup, minute=900)  # the same Thursday 15:00
    assert texts.t("meeting-clash-warning", "ru") in joined(replies)
    assert len(await meeting_rows(db)) == 1  # nothing double-booked silently
    replies = await setup.mentor.press("meet-send:y")
    assert texts.t("meeting-sent", "ru") in joined(replies)
    assert len(await meeting_rows(db)) == 2


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("31.02 15:00", "Такой даты нет в календаре"),
        ("завтра 25:00", "Такого времени нет: часы — от 0 до 23"),
        ("вчера 15:00", "Это время уже прошло: у вас сейчас вт, 24 ноября, 10:00"),
        # Berlin's clocks go forward that night, and back that other: 02:30 missing, doubled.
        ("28.03.2027 02:30", "переводят вперёд, и времени 02:30 не будет"),
        ("31.10.2027 02:30", "переводят назад, и 02:30 наступит дважды"),
    ],
)
async def test_a_bad_typed_time_is_answered_and_asked_again(
    core: Core, db: Database, typed: str, answer: str
) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.send("/timezone Europe/Berlin")
    await setup.mentor.press("meet-new")
    replies = await setup.mentor.send(typed)
    assert answer in replies[0].text
    assert "meet-day:1" in payloads(replies)  # the day is asked again
    assert await meeting_rows(db) == []


async def test_a_time_typed_at_the_slot_step_is_on_the_day_chosen(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.press("meet-new")
    await setup.mentor.press("meet-day:2")  # Thursday
    replies = await setup.mentor.send("16:45")
    assert texts.t("meeting-ask-length", "ru") in joined(replies)
    await setup.mentor.press("meet-len:30")
    await setup.mentor.press("meet-skip")
    await setup.mentor.press("meet-skip")
    await setup.mentor.press("meet-skip")
    await setup.mentor.press("meet-repeat:0")
    await setup.mentor.press("meet-send")
    (meeting,) = await meeting_rows(db)
    assert meeting.start == datetime(2026, 11, 26, 13, 45, tzinfo=UTC)


async def test_a_command_in_the_middle_keeps_the_meetings_answers(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.press("meet-new")
    await setup.mentor.press("meet-day:2")
    await setup.mentor.press("meet-slot:900")
    replies = await setup.mentor.send("/plan")
    assert "meet-len:60" not in payloads(replies)
    assert "wizard:meeting:n" in payloads(replies)
    replies = await setup.mentor.press("wizard:meeting:n")
    assert texts.t("meeting-ask-length", "ru") in joined(replies)
    await setup.mentor.press("meet-len:60")
    await setup.mentor.press("meet-skip")
    await setup.mentor.press("meet-skip")
    await setup.mentor.press("meet-skip")
    await setup.mentor.press("meet-repeat:0")
    await setup.mentor.press("meet-send")
    (meeting,) = await meeting_rows(db)
    assert meeting.start == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_another_time_proposed_by_buttons_is_answered_from_pending(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    await propose_by_payloads(setup)  # Thursday 15:00 in Moscow
    (meeting,) = await meeting_rows(db)
    await setup.mentee.press(f"meet:other:{meeting.id}")
    await setup.mentee.press("meet-day:3")  # Friday
    replies = await setup.mentee.press("meet-slot:1080")  # 18:00
    assert "Вы предложили другое время: пт, 27 ноября, 18:00" in joined(replies)
    pending = await setup.mentor.send("/pending")
    assert "Петя Учеников предлагает другое время встречи" in joined(pending)
    assert "Предложено другое время: пт, 27 ноября, 18:00" in joined(pending)
    assert f"meet-counter:y:{meeting.id}" in payloads(pending)
    replies = await setup.mentee.press(f"meet-counter:y:{meeting.id}")  # not the mentee's to take
    assert texts.t("meeting-already-answered", "ru") in joined(replies)
    await setup.mentor.press(f"meet-counter:y:{meeting.id}")
    (meeting,) = await meeting_rows(db)
    assert meeting.start == datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert meeting.status == MeetingStatus.CONFIRMED  # the mentee proposed it: they come
