"""Steps several scenarios share: registering a person, reading the database."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.models import Account, Consent, Person
from tests.e2e.harness import Chat, Harness, Msg


async def register(
    chat: Chat, name: str = "Анна Иванова", age: str = "18 и старше", role: str = "Наставляемым"
) -> Msg:
    """Walk a person through consent, name, role and age; returns the final message."""
    await chat.say("/start", "Согласие на обработку")
    await chat.click("Согласен(на)", "согласие сохранено")
    await chat.expect("Как вас зовут?")
    await chat.say(name, "Кем вы хотите быть")
    await chat.click(role, "Сколько вам лет?")
    chat.press(age)
    return await chat.expect()


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
