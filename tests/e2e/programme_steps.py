"""Steps of the programme scenarios: people registered, a pair formed and accepted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.admin import change_role
from bot.core.models import Milestone, Notification
from tests.e2e.harness import Chat, Harness, Msg
from tests.e2e.helpers import register

PREFIX = {"telegram": "tg", "vk": "vk"}


@dataclass
class Pair:
    """The people of one formed pair."""

    curator: Chat
    mentor: Chat
    mentee: Chat


async def curator(harness: Harness, platform: str, user_id: int) -> Chat:
    """A registered person with the curator role."""
    chat = harness.chat(platform, user_id)
    await register(chat, name="Ольга Куратова", role="Наставляемым")
    address = f"{PREFIX[platform]}:{user_id}"
    ok, message = await change_role(harness.settings, "grant", "curator", address, harness.clock)
    assert ok, message
    await harness.dispatch_due()
    await chat.expect("Вам дана роль куратора")
    return chat


async def mentor(harness: Harness, platform: str, user_id: int, name: str, **answers: str) -> Chat:
    """A registered mentor."""
    chat = harness.chat(platform, user_id)
    await register(chat, name=name, role="Наставником", answers=answers)
    return chat


async def mentee(harness: Harness, platform: str, user_id: int, name: str, **answers: str) -> Chat:
    """A registered adult mentee."""
    chat = harness.chat(platform, user_id)
    await register(chat, name=name, role="Наставляемым", answers=answers)
    return chat


async def open_term_step(
    curator_chat: Chat,
    mentee_name: str,
    mentor_label: str,
    pair_type: str = "Вожатый — воспитанник",
) -> Msg:
    """The curator goes through /pairs up to the term question; returns that question."""
    await open_type_step(curator_chat, mentee_name, mentor_label)
    return await curator_chat.click(pair_type, "Срок программы")


async def open_type_step(curator_chat: Chat, mentee_name: str, mentor_label: str) -> Msg:
    """The curator goes through /pairs up to the pair type question; returns that question."""
    await curator_chat.say("/pairs", "Пары и группы")
    await curator_chat.click("Сформировать пару", "Выберите наставляемого")
    await curator_chat.click(mentee_name, "Выбраны")
    suggestions = await curator_chat.click("Дальше: наставник", "Выберите наставника")
    label = next(b for b in suggestions.buttons if mentor_label in b)
    await curator_chat.click(label, "Выберите форму наставничества")
    return await curator_chat.click("Виртуальная", "Выберите тип пары")


async def form_pair(
    curator_chat: Chat,
    mentee_name: str,
    mentor_label: str,
    goals: str = "Собрать робота к весенним соревнованиям",
    term: str = "6 месяцев",
) -> str:
    """The curator forms a pair through /pairs (a term button pressed, or another term typed);
    returns the summary the curator confirmed."""
    question = await open_term_step(curator_chat, mentee_name, mentor_label)
    if term in question.buttons:
        await curator_chat.click(term, "цели и задачи")
    else:
        await curator_chat.say(term, "цели и задачи")
    summary = await curator_chat.say(goals, "Проверьте пару")
    await curator_chat.click("Сформировать", "сформирована")
    return summary.text


async def accepted_pair(harness: Harness, platform: str, base: int = 9000) -> Pair:
    """Curator, mentor and mentee registered; the pair formed and both accepted."""
    cur = await curator(harness, platform, base)
    men = await mentor(harness, platform, base + 1, "Иван Наставников")
    tee = await mentee(harness, platform, base + 2, "Петя Учеников")
    await form_pair(cur, "Петя Учеников", "Иван Наставников")
    pair = Pair(cur, men, tee)
    await accept(pair)
    return pair


async def accept(pair: Pair, read_agreement: bool = True) -> None:
    """Mentor and mentee accept the agreement of the pair just formed; everyone hears it began
    (`read_agreement=False`: the mentor's agreement was already read by the test)."""
    if read_agreement:
        await pair.mentor.expect("Соглашение о сотрудничестве")
    await pair.mentee.expect("Соглашение о сотрудничестве")
    await pair.mentor.click("Принимаю", "когда соглашение примут все")
    await pair.mentee.click("Принимаю", "программа началась")
    await pair.mentor.expect("началась")
    await pair.curator.expect("началась")


async def add_milestone(
    chat: Chat, title: str, when: str, activity: str | None = None, other: str | None = None
) -> None:
    """The mentor adds a plan item through /plan (a format on a later page is paged to; with
    `other`, "Другое" is chosen and that text typed)."""
    await chat.say("/plan", "Индивидуальный план")
    await chat.click("Добавить пункт", "Как называется пункт")
    await chat.say(title, "Когда срок")
    question = await chat.say(when, "Выберите формат работы")
    wanted = "Другое" if other else activity or "Пропустить"
    while wanted not in question.buttons:
        question = await chat.click("Другие форматы →", "Выберите формат работы")
    if other:
        await chat.click(wanted, "своими словами")
        await chat.say(other, "описание")
    else:
        await chat.click(wanted, "описание")
    await chat.click("Пропустить", f"Пункт «{title}» добавлен")
    await chat.expect("Индивидуальный план")


async def milestone_ids(harness: Harness) -> dict[str, int]:
    """Plan items by title."""
    db = harness.database()
    async with db.transaction() as session:
        rows = (await session.execute(select(Milestone))).scalars().all()
        result = {m.title: m.id for m in rows}
    await db.close()
    return result


async def milestone(harness: Harness, milestone_id: int) -> Milestone:
    """One plan item as stored."""
    db = harness.database()
    async with db.transaction() as session:
        row = await session.get(Milestone, milestone_id)
    await db.close()
    assert row is not None
    return row


async def sent_count(harness: Harness, template: str) -> int:
    """How many notifications of a template were sent."""
    db = harness.database()
    async with db.transaction() as session:
        rows = (
            (
                await session.execute(
                    select(Notification).where(
                        Notification.template == template, Notification.status == "sent"
                    )
                )
            )
            .scalars()
            .all()
        )
    await db.close()
    return len(rows)
