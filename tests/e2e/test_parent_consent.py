"""A minor registers; a parent consents with the one-time code, on either platform."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.core.models import Consent, ConsentGiver, Person, PersonStatus, Profile
from tests.e2e.harness import Harness
from tests.e2e.helpers import finish_registration, person_of, register

CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")


@pytest.mark.parametrize(("child_on", "parent_on"), [("telegram", "vk"), ("vk", "telegram")])
async def test_parent_consents_from_the_other_platform(
    harness: Harness, child_on: str, parent_on: str
) -> None:
    child = harness.chat(child_on, 2001)
    msg = await register(child, name="Миша Котов", age="14–17")
    assert "согласие родителя" in msg.text
    match = CODE.search(msg.text)
    assert match, msg.text
    code = match.group(0)

    # Until the parent consents, the child's profile is not complete, and no more than the name
    # and the age group is kept: no role, no questionnaire; the child's own "yes" is an assent.
    await child.say("/timezone", "когда родитель или законный представитель даст согласие")
    minor = await person_of(harness, child)
    assert minor is not None and minor.status == PersonStatus.AWAITING_PARENT
    db = harness.database()
    async with db.transaction() as session:
        assert await session.get(Profile, minor.id) is None
        assert minor.roles == []
        givers = (await session.execute(select(Consent.given_by))).scalars().all()
    await db.close()
    assert givers == [ConsentGiver.CHILD_ASSENT]

    parent = harness.chat(parent_on, 2002)
    consent = await parent.say(f"/parent {code.lower()}", "Согласие родителя")
    assert "Миша Котов" in consent.text
    await parent.click("Даю согласие", "фамилию, имя и отчество")
    await parent.say("Ирина", "Нужны хотя бы фамилия и имя")
    await parent.say("Котова -", "Нужны хотя бы фамилия и имя")
    await parent.say("Котова Ирина Петровна", "Миша Котов может продолжить регистрацию")

    # Only now is the child invited to the questionnaire.
    await child.expect("Родитель дал согласие")
    await child.click("Продолжить регистрацию", "Кем вы хотите быть")
    done = await finish_registration(child)
    assert "вы зарегистрированы" in done.text
    person = await person_of(harness, child)
    assert person is not None and person.status == PersonStatus.ACTIVE
    db = harness.database()
    async with db.transaction() as session:
        consents = (
            (await session.execute(select(Consent).where(Consent.person_id == person.id)))
            .scalars()
            .all()
        )
    await db.close()
    assert {c.given_by for c in consents} == {ConsentGiver.CHILD_ASSENT, ConsentGiver.PARENT}
    assert [c.representative_name for c in consents if c.given_by == ConsentGiver.PARENT] == [
        "Котова Ирина Петровна"
    ]

    # The code is single-use.
    await parent.say(f"/parent {code}", "Код не подошёл")


async def test_wrong_code_and_declining_parent(harness: Harness, platform: str) -> None:
    child = harness.chat(platform, 2011)
    msg = await register(child, name="Оля Смирнова", age="Младше 14")
    code = CODE.search(msg.text).group(0)
    parent = harness.chat(platform, 2012)
    await parent.say("/parent", "Напишите код")
    await parent.say("НЕТ-КОДА", "Код не подошёл")
    await parent.say(code, "Согласие родителя")
    await parent.click("Не даю согласия", "согласие не дано")

    # The child's name and answers are gone, and the child is told, with a way to begin again.
    note = await child.expect("Родитель не дал согласия")
    assert "удалил" in note.text
    assert "Начать" in note.buttons
    assert await _names(harness) == [None]
    await parent.say(f"/parent {code}", "Код не подошёл")
    await child.click("Начать", "Согласие на обработку")


async def test_unused_parent_code_expires_and_the_child_is_told(
    harness: Harness, platform: str
) -> None:
    child = harness.chat(platform, 2021)
    msg = await register(child, name="Оля Смирнова", age="Младше 14")
    assert "14 дней" in msg.text  # PARENT_CODE_DAYS, 14 by default
    code = CODE.search(msg.text).group(0)

    harness.clock.advance(days=13, hours=23)
    assert await harness.expire_parent_codes() == 0
    assert await _names(harness) == ["Оля Смирнова"]

    harness.clock.advance(hours=2)
    await harness.restart_bot()  # the expiry lives in the database, not in the process
    assert await harness.expire_parent_codes() == 1
    await harness.dispatch_due()
    note = await child.expect("Срок кода для родителя истёк")
    assert "Начать" in note.buttons
    assert await _names(harness) == [None]
    parent = harness.chat("vk" if platform == "telegram" else "telegram", 2022)
    await parent.say(f"/parent {code}", "Код не подошёл")


async def _names(harness: Harness) -> list[str | None]:
    """Everyone's name as stored (None once erased)."""
    db = harness.database()
    async with db.transaction() as session:
        names = list((await session.execute(select(Person.name))).scalars())
    await db.close()
    return names
