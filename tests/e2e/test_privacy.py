"""/mydata and /forget: a person sees everything stored and can have it erased."""

from __future__ import annotations

import json

from bot.core.models import PersonStatus
from tests.e2e.harness import Harness
from tests.e2e.helpers import counts, person_of, register


async def test_mydata_gives_a_message_and_a_json_file(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 3001)
    await register(chat, name="Анна Иванова")
    msg = await chat.say("/mydata", "Что я о вас храню")
    assert "Имя: Анна Иванова" in msg.text
    assert "наставляемый" in msg.text
    assert "дано лично" in msg.text
    file_msg = await chat.expect()
    assert file_msg.document_name == "mydata.json"
    record = json.loads(file_msg.document_bytes)
    assert record["profile"]["name"] == "Анна Иванова"
    assert record["accounts"][0]["platform"] == platform
    assert record["consents"][0]["given_by"] == "self"


async def test_mydata_before_consent_shows_only_the_account(
    harness: Harness, platform: str
) -> None:
    chat = harness.chat(platform, 3002)
    msg = await chat.say("/mydata", "храню только идентификатор аккаунта и язык")
    assert "3002" in msg.text
    file_msg = await chat.expect()
    assert set(json.loads(file_msg.document_bytes)) == {"accounts"}


async def test_forget_erases_personal_data_after_confirmation(
    harness: Harness, platform: str
) -> None:
    chat = harness.chat(platform, 3003)
    await register(chat, name="Анна Иванова")
    await chat.say("/forget", "Отозвать согласие")
    await chat.click("Нет, оставить", "ничего не меняю")
    assert (await person_of(harness, chat)).name == "Анна Иванова"

    await chat.say("/forget")
    msg = await chat.click("Да, удалить", "персональные данные удалены")
    assert "Начать" in msg.buttons
    assert await person_of(harness, chat) is None
    assert (await counts(harness))["people"] == 1  # an anonymous row stays for the totals

    db = harness.database()
    async with db.transaction() as session:
        from sqlalchemy import select

        from bot.core.models import Consent, Person

        person = (await session.execute(select(Person))).scalar_one()
        consent = (await session.execute(select(Consent))).scalar_one()
    await db.close()
    assert person.name is None and person.roles == [] and person.status == PersonStatus.ERASED
    assert consent.withdrawn_at is not None

    after = await chat.say("/mydata", "храню только идентификатор аккаунта и язык")
    assert "Анна" not in after.text
    await chat.expect()  # the JSON file
    # Commands for registered people now ask to register again.
    await chat.say("/timezone", "Сначала нужно зарегистрироваться")
