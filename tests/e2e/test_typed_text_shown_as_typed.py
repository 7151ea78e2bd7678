"""What people type is shown exactly as typed on every screen: never as markup, never with
`&amp;` or `&lt;` left over from escaping it twice (the harness checks every message for that)."""

from __future__ import annotations

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.helpers import docx_text

MENTOR = "Жан-Поль Д'Артаньян"  # names allow apostrophes, but not & or <
MENTEE = "Анна-Мария О'Нил"
COMPETENCES = "R&D <b> робототехника, Python"
GOALS = 'Проект R&D: робот <Марсоход> & отчёт "для всех"'


async def test_names_competences_and_goals_read_as_typed(harness: Harness, platform: str) -> None:
    curator = await steps.curator(harness, platform, 9100)
    mentor = await steps.mentor(harness, platform, 9101, MENTOR, competences=COMPETENCES)
    mentee = await steps.mentee(harness, platform, 9102, MENTEE)

    # The bank of mentors: the button and the card.
    await curator.say("/banks", "Банки наставников и наставляемых")
    await curator.click("Наставники", "Сейчас показаны все")
    mentors = await curator.expect("Банк наставников")
    assert f"{MENTOR} — свободно 3 из 3" in mentors.buttons
    card = await curator.click(f"{MENTOR} — свободно 3 из 3", MENTOR)
    assert f"Компетенции: {COMPETENCES}" in card.text

    # Forming the pair: the mentee chosen, the mentor suggested with the shared topics.
    await curator.say("/pairs", "Пары и группы")
    await curator.click("Сформировать пару", "Выберите наставляемого")
    chosen = await curator.click(MENTEE, "Выбраны")
    assert f"Выбраны: {MENTEE}." in chosen.text
    suggestions = await curator.click("Дальше: наставник", "Выберите наставника")
    assert f"1. {MENTOR}: общих тем: 2 ({COMPETENCES});" in suggestions.text
    assert "общие формы: Виртуальная; свободных мест: 3 из 3" in suggestions.text
    await curator.click(f"1. {MENTOR}", "Выберите форму наставничества")
    await curator.click("Виртуальная", "Выберите тип пары")
    await curator.click("Вожатый — воспитанник", "Срок программы")
    await curator.click("6 месяцев", "цели и задачи")
    summary = await curator.say(GOALS, "Проверьте пару")
    for line in (f"Наставник: {MENTOR}", f"Наставляемый: {MENTEE}", f"Цели: {GOALS}"):
        assert line in summary.text
    assert "Форма: Виртуальная" in summary.text
    assert "Срок: 6 месяцев" in summary.text
    await curator.click("Сформировать", "сформирована")

    # The agreement, as a message and as a file.
    for chat in (mentor, mentee):
        agreement = await chat.expect("Соглашение о сотрудничестве")
        assert f"Наставник: {MENTOR}" in agreement.text
        assert f"Наставляемый: {MENTEE}" in agreement.text
        assert f"Цели и задачи программы: {GOALS}" in agreement.text
    file_msg = await mentor.click("Скачать соглашение")
    content = docx_text(file_msg.document_bytes)
    assert f"Наставник: {MENTOR}" in content and f"программы: {GOALS}" in content

    # The programme card and the curator's list of pairs.
    card = await mentee.say("/programme", "Программа №1")
    assert f"Наставник: {MENTOR} — " in card.text and f"Наставляемый: {MENTEE} — " in card.text
    assert f"Цели: {GOALS}" in card.text
    await curator.say("/pairs", "Пары и группы")
    listing = await curator.click("Список пар", "выберите, чтобы открыть")
    assert listing.buttons[0].startswith(f"⏳ {MENTEE} · Жан")  # status, mentee, then mentor
