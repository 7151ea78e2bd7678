"""No dead ends: whatever awaits a person's answer is answerable where they look — /pending (from
/help), the programme card, the plan, «Продлить срок» — not only from the notice that asked; and
the curator's pair card shows the plan, the dates and the requests, with extend and replace."""

from __future__ import annotations

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.test_lifecycle import programme

AWAITING = "Ждёт вашего ответа"


async def test_agreement_accepted_from_pending_and_from_the_card(
    harness: Harness, platform: str
) -> None:
    cur = await steps.curator(harness, platform, 9400)
    men = await steps.mentor(harness, platform, 9401, "Иван Наставников")
    tee = await steps.mentee(harness, platform, 9402, "Петя Учеников")
    await cur.say("/pending", "Сейчас ничего не ждёт вашего ответа")
    await steps.form_pair(cur, "Петя Учеников", "Иван Наставников")
    await men.expect("Соглашение о сотрудничестве")
    await tee.expect("Соглашение о сотрудничестве")  # ignored: the notice scrolls away

    await tee.say("/start", "Ждёт вашего ответа: 1")
    welcome = await tee.expect("С возвращением")
    assert AWAITING in welcome.buttons
    menu = await tee.say("/help", "Что я умею")
    assert AWAITING in menu.buttons
    await tee.click(AWAITING, "Ждёт вашего ответа: 1")
    item = await tee.expect("Соглашение о сотрудничестве")
    assert "Принимаю" in item.buttons and "Не принимаю" in item.buttons
    await tee.click("Принимаю", "когда соглашение примут все")

    card = await men.say("/programme", "Программа №1")
    assert "Принимаю" in card.buttons
    await men.click("Принимаю", "программа началась")
    await tee.expect("началась")
    await tee.say("/pending", "Сейчас ничего не ждёт вашего ответа")


async def test_plan_agreed_from_the_plan(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "01.12")
    await pair.mentor.say("/plan")
    await pair.mentor.click("Отправить план на согласование", "отправлен наставляемым")
    await pair.mentee.expect("предлагает индивидуальный план")  # ignored

    await pair.mentee.say("/plan", "Собрать шасси")
    item = await pair.mentee.expect("предлагает индивидуальный план")
    assert "Принимаю план" in item.buttons
    await pair.mentee.click("Принимаю план", "план согласован")
    await pair.mentor.expect("согласован")
    assert (await programme(harness)).plan_agreed_at is not None


async def test_extension_answered_from_the_card_and_from_extend(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentor.say("/programme")
    await pair.mentor.click("Продлить срок", "На сколько месяцев")
    await pair.mentor.click("+3 месяца", "Предложение отправлено")
    await pair.mentee.expect("предлагает продлить программу")  # ignored

    # The author is told whose answer is awaited, by name.
    await pair.mentor.say("/programme")
    await pair.mentor.click("Продлить срок", "уже ждёт ответа")
    await pair.mentor.expect("Ждём ответа: Петя Учеников")

    # The one who must answer sees the proposal under the card, with its buttons.
    card = await pair.mentee.say("/programme", "продление срока")
    proposal = await pair.mentee.expect("предлагает продлить программу")
    assert "Принять" in proposal.buttons and "Отклонить" in proposal.buttons
    # «Продлить срок» on the card shows the same proposal, answerable.
    pair.mentee.user.press("Продлить срок", card.raw)
    await pair.mentee.expect("Продление уже предложено")
    again = await pair.mentee.expect("предлагает продлить программу")
    assert "Принять" in again.buttons
    await pair.mentee.click("Принять", "вы приняли предложение")
    assert (await programme(harness)).term == 9
    await pair.mentee.say("/pending", "Сейчас ничего не ждёт вашего ответа")


async def test_curator_acts_on_a_replacement_request_from_the_pair_card(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    other = await steps.mentor(harness, platform, 9050, "Анна Другая")
    await steps.add_milestone(pair.mentor, "Собрать шасси", "01.12")
    await pair.mentee.say("/programme")
    await pair.mentee.click("Попросить другого наставника", "Почему вам нужен другой наставник")
    await pair.mentee.say("Не совпадаем по расписанию", "куратору")
    await pair.curator.expect("просит заменить наставника")  # ignored

    await pair.curator.say("/pairs")
    listing = await pair.curator.click("Список пар", "выберите")
    (label,) = listing.buttons[:1]
    assert label.startswith("▶") and label.index("Петя") < label.index("Иван")
    card = await pair.curator.click(label, "Программа №1")
    assert "Собрать шасси" in card.text and "1 декабря 2026" in card.text  # the plan's items
    assert "Начало: 24 ноября 2026" in card.text  # start and end dates
    assert "замена наставника" in card.text
    assert "Продлить срок" in card.buttons and "Заменить наставника" in card.buttons
    await pair.curator.expect("Не совпадаем по расписанию")  # the request, with its button
    suggestions = await pair.curator.click("Подобрать другого наставника", "Выберите наставника")
    await pair.curator.click(
        next(b for b in suggestions.buttons if "Анна Другая" in b), "заменит программу №1"
    )
    await pair.curator.click("Сформировать", "сформирована")
    await other.expect("Соглашение о сотрудничестве")
    await pair.curator.say("/pending", "Сейчас ничего не ждёт вашего ответа")


async def test_curator_extends_and_replaces_from_the_pair_card(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    other = await steps.mentor(harness, platform, 9050, "Анна Другая")
    await pair.curator.say("/pairs")
    listing = await pair.curator.click("Список пар", "выберите")
    await pair.curator.click(listing.buttons[0], "Программа №1")
    await pair.curator.click("Продлить срок", "На сколько месяцев")
    await pair.curator.click("+1 месяц", "Предложение отправлено")
    await pair.mentor.expect("предлагает продлить программу")
    await pair.mentee.expect("предлагает продлить программу")

    await pair.curator.say("/pairs")
    await pair.curator.click("Список пар", "выберите")
    card = await pair.curator.click(listing.buttons[0], "Программа №1")
    assert "Ждём ответа: Иван Наставников, Петя Учеников" in card.text
    suggestions = await pair.curator.click("Заменить наставника", "Выберите наставника")
    assert "Иван Наставников" not in suggestions.text
    await pair.curator.click(
        next(b for b in suggestions.buttons if "Анна Другая" in b), "заменит программу №1"
    )
    await pair.curator.click("Сформировать", "сформирована")
    await pair.mentor.expect("Замена наставника по решению куратора")
    await other.expect("Соглашение о сотрудничестве")
    assert (await programme(harness, 1)).status == "ended"
    assert (await programme(harness, 2)).status == "proposed"
