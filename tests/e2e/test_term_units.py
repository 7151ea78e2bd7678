"""A programme's term in days, weeks or months: typed in the wizard, shown, extended."""

from __future__ import annotations

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness


async def test_a_camp_shift_of_21_days(harness: Harness, platform: str) -> None:
    """Formed with «21 день» on 24 November: it ends on 15 December, and extends in days."""
    cur = await steps.curator(harness, platform, 9000)
    men = await steps.mentor(harness, platform, 9001, "Иван Наставников")
    tee = await steps.mentee(harness, platform, 9002, "Петя Учеников")
    summary = await steps.form_pair(cur, "Петя Учеников", "Иван Наставников", term="21 день")
    assert "Срок: 21 день" in summary
    pair = steps.Pair(cur, men, tee)
    agreement = await men.expect("Соглашение о сотрудничестве")
    assert "действует 21 день со дня" in agreement.text
    await steps.accept(pair, read_agreement=False)

    card = await tee.say("/programme", "Программа №1")
    assert "Срок: 21 день, до 15 декабря 2026" in card.text

    await men.say("/programme", "Программа №1")
    await men.click("Продлить срок", "На сколько дней")
    await men.click("+7 дней", "Предложение отправлено")
    await tee.expect("Петя Учеников» на 7 дней")
    await tee.click("Принять", "вы приняли предложение")
    card = await tee.say("/programme", "Программа №1")
    assert "Срок: 28 дней, до 22 декабря 2026" in card.text


async def test_weeks_typed_and_months_by_button(harness: Harness, platform: str) -> None:
    """«3 недели» is three weeks; a month button reads «6 месяцев», not «6 мес.»."""
    cur = await steps.curator(harness, platform, 9000)
    await steps.mentor(harness, platform, 9001, "Иван Наставников")
    await steps.mentee(harness, platform, 9002, "Петя Учеников")
    summary = await steps.form_pair(cur, "Петя Учеников", "Иван Наставников", term="3 недели")
    assert "Срок: 3 недели" in summary


async def test_a_term_without_sense_is_asked_again(harness: Harness, platform: str) -> None:
    cur = await steps.curator(harness, platform, 9000)
    await steps.mentor(harness, platform, 9001, "Иван Наставников")
    await steps.mentee(harness, platform, 9002, "Петя Учеников")
    await steps.open_term_step(cur, "Петя Учеников", "Иван Наставников")
    await cur.say("21 попугай", "Напишите срок")
    await cur.say("400 дней", "не больше 366 дней")
    await cur.expect("Срок программы")  # the question again, with its buttons
    await cur.click("6 месяцев", "цели и задачи")
