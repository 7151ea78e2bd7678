"""§7 on both platforms: extension and plan changes by mutual consent, ending, replacement,
groups, and the refusals when forming pairs."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import Person, Programme, ProgrammeStatus
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.helpers import register


async def programme(harness: Harness, programme_id: int = 1) -> Programme:
    db = harness.database()
    async with db.transaction() as session:
        row = await session.get(Programme, programme_id)
    await db.close()
    assert row is not None
    return row


async def test_extension_needs_the_other_side(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    before = (await programme(harness)).ends_on
    await pair.mentor.say("/programme")
    await pair.mentor.click("Продлить срок", "На сколько месяцев")
    await pair.mentor.click("+3 месяца", "Предложение отправлено")
    await pair.mentee.expect("предлагает продлить программу")
    assert (await programme(harness)).ends_on == before
    await pair.mentee.click("Принять", "вы приняли предложение")
    for chat in (pair.mentor, pair.curator):
        notice = await chat.expect(
            "Предложение по программе «Иван Наставников · Петя Учеников» принято"
        )
        assert "Кто принял: Петя Учеников" in notice.text and "(а)" not in notice.text
    after = await programme(harness)
    assert after.term == 9 and after.ends_on is not None and after.ends_on > before


async def test_agreed_plan_changes_only_by_mutual_consent(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "01.12")
    await pair.mentor.say("/plan")
    await pair.mentor.click("Отправить план на согласование", "отправлен наставляемым")
    await pair.mentee.expect("предлагает индивидуальный план")
    await pair.mentee.click("Принимаю план", "план согласован")
    await pair.mentor.expect("согласован")

    await pair.mentor.say("/plan", "(согласован)")
    await pair.mentor.click("Перенести", "Какой пункт перенести")
    label = next(b for b in pair.mentor.user.last_message.button_labels if "Собрать шасси" in b)
    await pair.mentor.click(label, "На какую дату перенести")
    await pair.mentor.say("10.12", "изменение отправлено")
    proposal = await pair.mentee.expect("перенести пункт «Собрать шасси» на 10 декабря 2026")
    assert "Принять" in proposal.buttons
    plan = await pair.mentee.say("/plan", "1 декабря 2026 — Собрать шасси")
    assert "10 декабря" not in plan.text
    # The proposal shows under the plan, answerable there too.
    await pair.mentee.expect("перенести пункт «Собрать шасси»")
    pair.mentee.user.press("Принять", proposal.raw)  # the proposal is further up the chat
    await pair.mentee.expect("вы приняли предложение")
    await pair.mentee.say("/plan", "10 декабря 2026 — Собрать шасси")

    # Deleting asks first, and says the deletion will be a proposal.
    await pair.mentor.expect("принято")
    await pair.mentor.say("/plan", "(согласован)")
    await pair.mentor.click("Удалить", "Какой пункт удалить")
    label = next(b for b in pair.mentor.user.last_message.button_labels if "Собрать шасси" in b)
    await pair.mentor.click(label, "я предложу удаление остальным участникам")
    await pair.mentor.click("Да, удалить", "изменение отправлено")
    await pair.mentee.expect("удалить пункт «Собрать шасси»")


async def test_member_ends_early_with_a_reason(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentee.say("/programme")
    await pair.mentee.click("Прекратить досрочно", "досрочно?")
    await pair.mentee.click("Да, прекратить", "Почему программа прекращается")
    await pair.mentee.say("Переезжаю в другой город", "Программа прекращена")
    ended = await pair.mentor.expect("Причина: Переезжаю в другой город")
    assert "Кто прекратил: Петя Учеников" in ended.text
    await pair.curator.expect("прекращена")
    assert (await programme(harness)).status == ProgrammeStatus.ENDED
    await pair.mentee.say("/plan", "нет действующей программы")


async def test_curator_ends_a_pair_and_mentee_asks_for_another_mentor(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await pair.mentee.say("/programme")
    await pair.mentee.click("Попросить другого наставника", "Почему вам нужен другой наставник")
    await pair.mentee.say("Не совпадаем по расписанию", "отправлена куратору")
    request = await pair.curator.expect("просит заменить наставника")
    assert "Не совпадаем по расписанию" in request.text
    card = await pair.curator.click("Открыть программу", "Программа №1")
    await pair.curator.expect("просит заменить наставника")  # under the card, with its button
    pair.curator.user.press("Прекратить (куратор)", card.raw)
    await pair.curator.expect("досрочно?")
    await pair.curator.click("Да, прекратить", "Почему программа прекращается")
    await pair.curator.say("Подберём другого наставника", "Программа прекращена")
    await pair.mentee.expect("Подберём другого наставника")
    await pair.mentor.expect("Подберём другого наставника")


async def test_group_of_two_mentees(harness: Harness, platform: str) -> None:
    cur = await steps.curator(harness, platform, 9200)
    men = await steps.mentor(harness, platform, 9201, "Иван Наставников")
    first = await steps.mentee(harness, platform, 9202, "Петя Первый")
    second = await steps.mentee(harness, platform, 9203, "Маша Вторая")
    await cur.say("/pairs")
    await cur.click("Сформировать пару", "Выберите наставляемого")
    await cur.click("Петя Первый", "Выбраны: Петя Первый")
    await cur.click("Маша Вторая", "Выбраны: Петя Первый, Маша Вторая")
    suggestions = await cur.click("Дальше: наставник", "Иван Наставников")
    assert "свободных мест: 3 из 3" in suggestions.text
    await cur.click(next(b for b in suggestions.buttons if "Иван" in b), "форму наставничества")
    await cur.click("Ситуационная", "Выберите тип пары")
    await cur.click("Другое", "своими словами")
    await cur.say("Олимпиадная группа", "Срок")
    await cur.say("4", "цели")
    summary = await cur.say("Подготовка к олимпиаде", "Проверьте группу")
    assert "Наставляемые: Петя Первый, Маша Вторая" in summary.text
    await cur.click("Сформировать", "Группа №1 сформирована")
    for chat in (men, first, second):
        agreement = await chat.expect("Соглашение о сотрудничестве")
        assert "Наставляемые: Петя Первый, Маша Вторая" in agreement.text
    await first.click("Принимаю", "когда соглашение примут все")
    await second.click("Принимаю", "когда соглашение примут все")
    started = await men.click("Принимаю", "программа началась")
    assert "Наставник составит" not in started.text  # the mentor accepting last draws it up
    assert "Составьте индивидуальный план" in started.text
    await cur.expect("началась: все приняли соглашение")  # the curator who formed it is told
    listing = await cur.say("/pairs", "Идут: 1")
    assert "Список пар" in listing.buttons


async def test_refusals_when_forming(harness: Harness, platform: str) -> None:
    cur = await steps.curator(harness, platform, 9300)
    await steps.mentor(harness, platform, 9301, "Иван Единственный", capacity="1")
    await steps.mentee(harness, platform, 9302, "Петя Первый")
    await steps.mentee(harness, platform, 9303, "Маша Вторая")
    minor = harness.chat(platform, 9304)
    await register(minor, name="Коля Маленький", age="Младше 14")

    db = harness.database()
    async with db.transaction() as session:
        ids = {p.name: p.id for p in (await session.execute(select(Person))).scalars()}
    await db.close()

    await cur.say("/pairs")
    listing = await cur.click("Сформировать пару", "Выберите наставляемого")
    assert "Коля Маленький" not in listing.buttons  # not in the bank until the parent consents
    cur.press_payload(f"pair-mentee:{ids['Коля Маленький']}")
    await cur.expect("нет согласия родителя")
    await cur.expect("Выберите наставляемого")
    cur.press_payload("pair-mentee:999")
    await cur.expect("нет согласия на обработку персональных данных")
    await cur.expect("Выберите наставляемого")

    # Two mentees for a mentor who takes one: no suggestion, and a forged pick is refused.
    await cur.click("Петя Первый", "Выбраны")
    await cur.click("Маша Вторая", "Выбраны: Петя Первый, Маша Вторая")
    await cur.click("Дальше: наставник", "Нет наставников со свободными местами")
    await cur.say("/pairs")
    await cur.click("Сформировать пару")
    await cur.click("Петя Первый", "Выбраны")
    cur.press_payload("pair-next")
    await cur.expect("Выберите наставника")
    cur.press_payload(f"pair-mentor:{ids['Петя Первый']}")
    await cur.expect("нет в банке наставников")

    # A non-curator cannot form pairs, even with a forged button.
    pete = harness.chat(platform, 9302)
    await pete.say("/pairs", "только куратору")
    for forged in ("pair-new", "pairs:0", f"pair-replace:{ids['Петя Первый']}"):
        pete.press_payload(forged)
        await pete.expect("только куратору")


async def test_curator_replaces_the_mentor_in_one_go(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    other = await steps.mentor(harness, platform, 9050, "Анна Другая")
    await pair.mentee.say("/programme")
    await pair.mentee.click("Попросить другого наставника", "Почему вам нужен другой наставник")
    await pair.mentee.say("Не совпадаем по расписанию", "куратору")
    request = await pair.curator.expect("Не совпадаем по расписанию")
    pair.curator.user.press("Подобрать другого наставника", request.raw)
    suggestions = await pair.curator.expect("Выберите наставника")
    assert "Иван Наставников" not in suggestions.text  # the mentor being replaced
    summary = await pair.curator.click(
        next(b for b in suggestions.buttons if "Анна Другая" in b), "заменит программу №1"
    )
    assert "Петя Учеников" in summary.text and "Собрать робота" in summary.text
    await pair.curator.click("Сформировать", "сформирована")

    await pair.mentor.expect("Замена наставника по просьбе наставляемого")
    await pair.mentee.expect("Замена наставника по просьбе наставляемого")
    await pair.mentee.expect("Соглашение о сотрудничестве")
    await other.expect("Соглашение о сотрудничестве")
    assert (await programme(harness, 1)).status == ProgrammeStatus.ENDED
    assert (await programme(harness, 2)).status == ProgrammeStatus.PROPOSED


async def test_another_button_drops_the_reason_question(harness: Harness, platform: str) -> None:
    """A "thank you" typed after pressing another card's button does not end the programme."""
    pair = await steps.accepted_pair(harness, platform)
    card = await pair.mentee.say("/programme", "Программа №1")
    await pair.mentee.click("Прекратить досрочно", "досрочно?")
    await pair.mentee.click("Да, прекратить", "Почему программа прекращается")
    pair.mentee.user.press("Скачать соглашение", card.raw)  # on the card, still on screen
    file_msg = await pair.mentee.expect()
    assert file_msg.document_name == "agreement-1.docx"
    await pair.mentee.say("спасибо", "Не понял вас")
    assert (await programme(harness)).status == ProgrammeStatus.ACTIVE
    await pair.mentee.say("/programme", "идёт")
    assert not [m for m in pair.mentor.unread() if "прекращена" in m.text]
