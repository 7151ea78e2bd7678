"""The methodological collection on each platform: a programme carried out invites its mentor to
share a practice (also in /pending); the mentor sends it with a photo; a forged approve button
from the mentor changes nothing; the curator asks for changes, the mentor reworks and resends,
the curator approves; the mentee finds it in /practices under its form, opens it and gets its
photo; the curator makes the longread draft once (warned it is short) and finds it in
/mediaplan; /forget takes the practice and its photo out of the database files."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.models import MediaPost, Practice, PracticeStatus
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Chat, Harness
from tests.e2e.test_forget_erases_data import _database_files, _traces

PHOTO = b"\xff\xd8\xff\xe0 Qzxv practice photo of the robot club"
TITLE = "Робоклуб по субботам"
DONE = "Каждую субботу собирали робота из конструктора, по шагу за встречу"
RESULTS = "Робот проехал трассу"
BETTER = "Робот проехал трассу за 40 секунд, ребята заняли второе место"
CHANGES = "Zyxw: добавьте, каких результатов добились ребята"


async def practice(harness: Harness) -> Practice:
    async with harness.database().transaction() as session:
        found = await session.scalar(select(Practice))
        assert found is not None
        return found


async def complete(pair: steps.Pair) -> None:
    """The mentor completes the programme as carried out (one plan item still open)."""
    await steps.add_milestone(pair.mentor, "Собрать шасси", "через неделю")
    await pair.mentor.say("/programme", "Программа №1")
    await pair.mentor.click("Завершить: план выполнен", "Не выполнено пунктов плана: 1")
    await pair.mentor.click("Да, завершить", "Программа завершена")
    await pair.mentee.expect("завершена: план выполнен")
    await pair.curator.expect("завершена: план выполнен")


async def write(mentor: Chat, harness: Harness) -> None:
    """The wizard from the invitation to the summary, with a photo."""
    await mentor.click("Поделиться практикой", "Как называется практика")
    await mentor.say("x", "от 2 до 200 символов")  # too short: asked again
    await mentor.expect("Как называется практика")
    form = await mentor.say(TITLE, "Форма наставничества вашей программы — «Виртуальная»")
    assert "Ситуационная" in form.buttons
    formats = await mentor.click("Виртуальная", "Выберите формат работы")
    while "Воркшоп" not in formats.buttons:
        formats = await mentor.click("Другие форматы →", "Выберите формат работы")
    await mentor.click("Воркшоп", "Что вы сделали")
    await mentor.say(DONE, "Каких результатов")
    await mentor.say(RESULTS, "Пришлите фото или документы")
    mentor.send_file("robot.jpg", PHOTO, "image/jpeg")
    await mentor.expect("Файлов у практики: 1")
    summary = await mentor.click("Готово", "Проверьте практику")
    assert TITLE in summary.text and "Воркшоп" in summary.text and "Файлов: 1" in summary.text
    assert summary.buttons[0] == "Отправить куратору"


async def test_a_practice_from_completion_to_the_collection_and_the_media_plan(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await complete(pair)
    await harness.dispatch_due()
    invitation = await pair.mentor.expect("Поделитесь практикой")
    assert invitation.buttons == ["Поделиться практикой", "Не сейчас"]
    await pair.mentor.say("/pending", "Ждёт вашего ответа")
    shown = await pair.mentor.expect("Поделитесь практикой")  # in /pending until answered
    assert shown.buttons == ["Поделиться практикой", "Не сейчас"]

    await write(pair.mentor, harness)
    await pair.mentor.click("Отправить куратору", "Практика отправлена куратору")
    await harness.dispatch_due()
    notice = await pair.curator.expect("Практика на проверку")
    assert DONE in notice.text and "Автор: Иван Наставников" in notice.text
    assert notice.buttons == ["Одобрить", "На доработку", "Отклонить"]
    photo = await pair.curator.expect("Файл практики")
    assert photo.document_bytes == PHOTO
    await pair.curator.say("/pending", "Ждёт вашего ответа: 1")
    waiting = await pair.curator.expect("Практика на проверку")  # in /pending until reviewed
    assert waiting.buttons == ["Одобрить", "На доработку", "Отклонить"]
    await pair.curator.expect("Файл практики")

    # A forged approve from the mentor: refused, nothing changes.
    pair.mentor.press_payload(f"prc-review:{(await practice(harness)).id}:approve")
    await pair.mentor.expect("только куратору")
    assert (await practice(harness)).status == PracticeStatus.SUBMITTED

    await pair.curator.click("На доработку", "что доработать")
    await pair.curator.say(CHANGES, "возвращена автору на доработку")
    await harness.dispatch_due()
    verdict = await pair.mentor.expect("просит доработать")
    assert CHANGES in verdict.text and verdict.buttons == ["Доработать"]
    summary = await pair.mentor.click("Доработать", "Проверьте практику")
    assert CHANGES in summary.text
    await pair.mentor.click("Изменить результаты", f"Сейчас: {RESULTS}")
    await pair.mentor.say(BETTER, "Проверьте практику")
    await pair.mentor.click("Отправить куратору", "Практика отправлена куратору")
    await harness.dispatch_due()
    again = await pair.curator.expect("исправленная, 2-я отправка")
    assert BETTER in again.text
    await pair.curator.expect("Файл практики")
    await pair.curator.click("Одобрить", "одобрена и появилась в /practices")
    await harness.dispatch_due()
    approved = await pair.mentor.expect("одобрена и добавлена в методическую копилку")
    assert approved.buttons == ["Открыть практику"]

    # Anyone registered finds it under its form, opens it and gets its photo.
    home = await pair.mentee.say("/practices", "Одобренных практик: 1")
    assert "Виртуальная (1)" in home.buttons and "Мои практики" not in home.buttons
    listed = await pair.mentee.click("Виртуальная (1)", "Форма «Виртуальная»: практик — 1")
    assert TITLE in listed.buttons
    card = await pair.mentee.click(TITLE, TITLE)
    assert BETTER in card.text and "Автор: Иван Наставников" in card.text
    assert "Воркшоп" in card.text and "Статус" not in card.text
    file = await pair.mentee.click("Файлы (1)", "Файл практики")
    assert file.document_bytes == PHOTO

    # The curator's longread draft, made once, waits in /mediaplan.
    await pair.curator.say("/practices", "Одобренных практик: 1")
    await pair.curator.click("По формату работы", "Выберите формат работы")
    await pair.curator.click("Воркшоп (1)", "Формат «Воркшоп»")
    await pair.curator.click(TITLE, TITLE)
    draft = await pair.curator.click("В медиаплан", "Лонгрид")
    assert DONE in draft.text and "⚠️ В тексте" in draft.text  # shorter than 2,000 characters
    assert "Иван" not in draft.text
    await pair.curator.say("/practices")
    await pair.curator.click("Виртуальная (1)")
    await pair.curator.click(TITLE, TITLE)
    await pair.curator.click("В медиаплан", "Лонгрид")
    async with harness.database().transaction() as session:
        assert await session.scalar(select(func.count()).select_from(MediaPost)) == 1
    plan = await pair.curator.say("/mediaplan", "Медиаплан")
    assert any(b.startswith("Лонгрид") for b in plan.buttons)

    # /mydata lists it; /forget takes the practice and its photo out of the database files.
    await pair.mentor.say("/mydata", "Практики для методической копилки")
    await pair.mentor.expect()  # mydata.json
    secrets = [CHANGES]
    before = b"".join(_database_files(harness).values())
    assert PHOTO in before and any(t in before for t in _traces(CHANGES))
    await pair.mentor.say("/forget")
    await pair.mentor.click("Да, удалить", "персональные данные удалены")
    after = b"".join(_database_files(harness).values())
    assert PHOTO not in after
    assert not [s for s in secrets if any(t in after for t in _traces(s))]
    await pair.mentee.say("/practices", "Одобренных практик пока нет")
