"""Steps several scenarios share: registering a person, reading the database."""

from __future__ import annotations

import io

import docx
from sqlalchemy import select

from bot.core.models import Account, Consent, Person
from tests.e2e.harness import Chat, Harness, Msg

MENTEE_ANSWERS = {
    "requests": "Хочу научиться программировать роботов",
    "interests": "робототехника, Python",
}
MENTOR_ANSWERS = {
    "competences": "Python, робототехника, олимпиады",
    "experience": "Веду кружок робототехники пять лет",
    "capacity": "3",
    "availability": "будни после 16:00",
}
GIVEN = {**MENTEE_ANSWERS, **MENTOR_ANSWERS}
QUESTION_MARKERS = {
    "С чем вам нужна помощь": "requests",
    "Какие темы вам интересны": "interests",
    "В чём вы можете помочь": "competences",
    "о своём опыте": "experience",
    "Скольких наставляемых": "capacity",
    "Когда вам удобно встречаться": "availability",
}


async def register(
    chat: Chat,
    name: str = "Анна Иванова",
    age: str = "18 и старше",
    role: str = "Наставляемым",
    answers: dict[str, str] | None = None,
    forms: tuple[str, ...] = ("Виртуальная",),
) -> Msg:
    """Walk a person through consent, name, age, role and the questionnaire.

    Returns the last message: registration done, or the parent's code for a minor (whose
    questionnaire waits for the parent's consent).
    """
    await chat.say("/start", "Согласие на обработку")
    await chat.click("Даю согласие", "согласие сохранено")
    await chat.expect("Как вас зовут?")
    await chat.say(name, "Сколько вам лет?")
    msg = await chat.click(age)
    if "Кем вы хотите быть" not in msg.text:
        return msg  # a minor: the parent's code; the rest follows the parent's consent
    return await finish_registration(chat, role, answers, forms)


async def finish_registration(
    chat: Chat,
    role: str = "Наставляемым",
    answers: dict[str, str] | None = None,
    forms: tuple[str, ...] = ("Виртуальная",),
) -> Msg:
    """The role and the questionnaire, once the role is asked."""
    await chat.click(role, "Несколько вопросов для анкеты")
    return await answer_questionnaire(chat, GIVEN | (answers or {}), forms)


async def answer_questionnaire(chat: Chat, given: dict[str, str], forms: tuple[str, ...]) -> Msg:
    """Answer questions until the bot says something that is not a question."""
    msg = await chat.expect()
    while True:
        if "Какие формы наставничества" in msg.text:
            for label in forms:
                msg = await chat.click(label, "Какие формы")
            msg = await chat.click("Готово")
            continue
        field = next((f for marker, f in QUESTION_MARKERS.items() if marker in msg.text), None)
        if field is None:
            return msg
        msg = await chat.say(given[field])


async def skip_to(chat: Chat, contains: str) -> Msg:
    """The first message (or edit) from now on that contains `contains`, past any others (a
    broadcast's progress edits, say)."""
    while True:
        msg = await chat.expect()
        if contains in msg.text:
            return msg


async def person_of(harness: Harness, chat: Chat) -> Person | None:
    """The person behind a chat's account, read from the bot's database."""
    db = harness.database()
    try:
        async with db.transaction() as session:
            platform, external_id = chat.address
            account = (
                await session.execute(
                    select(Account).where(
                        Account.platform == platform, Account.external_id == external_id
                    )
                )
            ).scalar_one_or_none()
            return account.person if account else None
    finally:
        await db.close()


async def counts(harness: Harness) -> dict[str, int]:
    """How many people, accounts and consents the database holds."""
    db = harness.database()
    try:
        async with db.transaction() as session:
            result = {}
            for name, model in (("people", Person), ("accounts", Account), ("consents", Consent)):
                result[name] = len((await session.execute(select(model))).scalars().all())
            return result
    finally:
        await db.close()


def docx_text(content: bytes | None) -> str:
    """The paragraphs of a DOCX file the bot sent, one a line."""
    assert content is not None, "no file"
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
