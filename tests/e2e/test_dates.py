"""Dates a mentor types for a plan item: a day the calendar lacks, and dates already passed."""

from __future__ import annotations

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness


async def test_no_such_date_and_passed_dates_are_answered_as_such(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentor.say("/plan", "Индивидуальный план")
    await pair.mentor.click("Добавить пункт", "Как называется пункт")
    await pair.mentor.say("Собрать шасси", "Когда срок")
    # The test clock reads 24 November 2026.
    msg = await pair.mentor.say("31.02", "Такой даты нет в календаре")
    assert "Не понял дату" not in msg.text
    await pair.mentor.expect("Когда срок")  # the question again, nothing else changed
    await pair.mentor.say("вчера", "Эта дата уже прошла")
    msg = await pair.mentor.say("20.11", "Эта дата уже прошла")
    assert "с годом" in msg.text
    await pair.mentor.say("01.12", "Выберите формат работы")  # still at the same question
