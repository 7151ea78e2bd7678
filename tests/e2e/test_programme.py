"""A whole programme on each platform: pair, agreement, plan, reminders, completion."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.models import MilestoneStatus
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.helpers import docx_text


async def test_full_programme_from_pair_to_completion(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)

    # The agreement is downloadable as a file by a member.
    card = await pair.mentee.say("/programme", "Программа №1")
    assert "идёт" in card.text and "соглашение принято" in card.text
    assert "Срок: 6 месяцев" in card.text
    file_msg = await pair.mentee.click("Скачать соглашение")
    assert file_msg.document_name == "agreement-1.docx"
    assert "Петя Учеников" in docx_text(file_msg.document_bytes)
    assert "действует 6 месяцев со дня" in docx_text(file_msg.document_bytes)

    # The mentor builds the plan; the mentee sees it with progress.
    await steps.add_milestone(pair.mentor, "Собрать шасси", "через неделю", "Воркшоп")
    await steps.add_milestone(pair.mentor, "Хакатон", "15.12")
    plan = await pair.mentee.say("/plan", "выполнено 0 из 2")
    assert "Собрать шасси (Воркшоп)" in plan.text
    assert "Добавить пункт" not in plan.buttons  # only the mentor edits the plan

    # Both items are marked done: the other side is told each time.
    for title in ("Собрать шасси", "Хакатон"):
        await pair.mentee.say("/plan")
        await pair.mentee.click("Отметить выполненным", "Какой пункт выполнен")
        chosen = next(b for b in pair.mentee.user.last_message.button_labels if title in b)
        await pair.mentee.click(chosen, f"«{title}» выполнен")
        notice = await pair.mentor.expect(f"Пункт «{title}» выполнен")
        assert "Отметка: Петя Учеников" in notice.text and "(а)" not in notice.text

    await pair.mentor.say("/programme", "выполнено 2 из 2")
    await pair.mentor.click("Завершить: план выполнен", "Все пункты плана выполнены")
    await pair.mentor.click("Да, завершить", "Программа завершена")
    thanked = await pair.mentee.expect("завершена: план выполнен")
    assert "Спасибо за работу" in thanked.text
    told = await pair.curator.expect("завершена: план выполнен")
    assert "Спасибо" not in told.text  # the curator is not thanked for the members' work
    card = await pair.mentee.say("/programme", "завершена")
    assert "Продлить срок" not in card.buttons


async def test_reminders_fire_at_local_times_and_snooze(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentee.say("/timezone Владивосток", "UTC+10 (Владивосток)")
    # 24 Nov 2026 09:00 UTC; due 1 December.
    await steps.add_milestone(pair.mentor, "Собрать шасси", "01.12")

    # Three days before at 10:00 local: Vladivostok (UTC+10) is 00:00 UTC, Moscow 07:00 UTC.
    harness.clock.now = datetime(2026, 11, 27, 23, 59, tzinfo=UTC)
    assert await harness.dispatch_due() == 0
    harness.clock.now = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
    assert await harness.dispatch_due() == 1
    reminder = await pair.mentee.expect("через 3 дня")
    assert "Выполнено" in reminder.buttons
    harness.clock.now = datetime(2026, 11, 28, 6, 59, tzinfo=UTC)
    assert await harness.dispatch_due() == 0
    harness.clock.now = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    assert await harness.dispatch_due() == 1
    await pair.mentor.expect("через 3 дня")

    # Snooze for a day: it comes back a day later.
    await pair.mentee.click("Напомнить через 1 день", "напомню через 1 день")
    harness.clock.now = datetime(2026, 11, 29, 6, 59, tzinfo=UTC)
    await harness.dispatch_due()
    assert pair.mentee.unread() == []
    harness.clock.now = datetime(2026, 11, 29, 7, 1, tzinfo=UTC)
    await harness.dispatch_due()
    await pair.mentee.expect("Напоминаю: срок пункта «Собрать шасси»")


async def test_quiet_hours_hold_a_reminder_until_morning(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "01.12")
    # Snoozed at 23:30 Moscow for a day: due 23:30 next night, sent at 08:00 the morning after.
    harness.clock.now = datetime(2026, 11, 27, 20, 30, tzinfo=UTC)
    pair.mentor.press_payload(f"snooze:{(await steps.milestone_ids(harness))['Собрать шасси']}:1")
    await pair.mentor.expect("напомню через 1 день")
    harness.clock.now = datetime(2026, 11, 28, 20, 31, tzinfo=UTC)  # 23:31 Moscow
    await harness.dispatch_due()
    harness.clock.now = datetime(2026, 11, 29, 4, 59, tzinfo=UTC)  # 07:59 Moscow
    await harness.dispatch_due()
    texts = [m.text for m in pair.mentor.unread()]
    assert not any("Напоминаю" in t for t in texts), texts
    harness.clock.now = datetime(2026, 11, 29, 5, 0, tzinfo=UTC)  # 08:00 Moscow
    await harness.dispatch_due()
    assert any("Напоминаю" in m.text for m in pair.mentor.unread())


async def test_done_voids_reminders_and_overdue_alerts_the_curator_once(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "01.12")
    await steps.add_milestone(pair.mentor, "Хакатон", "02.12")
    ids = await steps.milestone_ids(harness)
    pair.mentor.press_payload(f"ms:done:{ids['Собрать шасси']}")
    await pair.mentor.expect("выполнен")
    # Far past both due dates: only the open item reminds, and the curator hears of it once.
    harness.clock.now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    await harness.dispatch_due()
    await harness.dispatch_due()
    assert await steps.sent_count(harness, "ms-overdue-curator") == 1
    alert = [m for m in pair.curator.unread() if "просрочен" in m.text]
    assert len(alert) == 1 and "Хакатон" in alert[0].text
    mentor_texts = " ".join(m.text for m in pair.mentor.unread())
    assert "Собрать шасси" not in mentor_texts
    assert "Хакатон" in mentor_texts


async def test_restart_between_due_and_dispatch_sends_once(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "01.12")
    await harness.stop_bot()
    harness.clock.now = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)  # due day, 10:30 Moscow
    await harness.start_bot()  # start-up catches up
    await pair.mentee.expect("Сегодня срок")
    await harness.app.dispatcher.drain()
    await harness.restart_bot()
    await harness.app.dispatcher.drain()
    assert await harness.dispatch_due() == 0
    day = [m for m in pair.mentee.unread() if "Сегодня срок" in m.text]
    assert day == []
    assert await steps.sent_count(harness, "ms-day") == 2  # mentor and mentee, once each


async def test_forged_button_for_another_pairs_milestone_is_refused(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform, base=9000)
    other_mentor = await steps.mentor(harness, platform, 9101, "Анна Другая")
    other_mentee = await steps.mentee(harness, platform, 9102, "Вася Другой")
    await steps.form_pair(pair.curator, "Вася Другой", "Анна Другая")
    await other_mentor.expect("Соглашение о сотрудничестве")
    await other_mentor.click("Принимаю", "когда соглашение примут все")
    await other_mentee.expect("Соглашение о сотрудничестве")
    await other_mentee.click("Принимаю", "программа началась")
    await other_mentor.expect("началась")
    await steps.add_milestone(other_mentor, "Чужой пункт", "05.12")
    foreign = (await steps.milestone_ids(harness))["Чужой пункт"]
    for payload in (
        f"ms:done:{foreign}",
        f"snooze:{foreign}:1",
        f"ms:delete:{foreign}",
        "ms-pick:done:2",
        "ms-add:2",
        "extend:2",
        "end:2",
        "plan:2",
        "programme:2",
    ):
        pair.mentee.press_payload(payload)
        msg = await pair.mentee.expect()
        assert "недоступен" in msg.text or "больше не действует" in msg.text, (payload, msg.text)
    assert (await steps.milestone(harness, foreign)).status == MilestoneStatus.OPEN


async def test_reminder_schedule_per_programme_and_telling_the_curator(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "10.12")
    await pair.mentor.say("/programme")
    await pair.mentor.click("Напоминания", "Сейчас: «За 3 дня и за 1 день»")
    await pair.mentor.click("За 7, 3 и 1 день", "Готово, напоминания: «За 7, 3 и 1 день»")
    # Seven days before, 10:00 Moscow.
    harness.clock.now = datetime(2026, 12, 3, 7, 0, tzinfo=UTC)
    assert await harness.dispatch_due() == 2
    reminder = await pair.mentee.expect("через 7 дней")
    await pair.mentor.expect("через 7 дней")
    assert "Напоминания" not in (await pair.mentee.say("/programme")).buttons

    pair.mentee.user.press("Выполнено", reminder.raw)
    reminder_done = await pair.mentee.expect("выполнен")
    assert "Сообщить куратору" in reminder_done.buttons
    await pair.mentee.click("Сообщить куратору", "куратор получит уведомление")
    await pair.curator.expect("сообщает: выполнен пункт плана «Собрать шасси»")
