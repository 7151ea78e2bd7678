"""The platform-neutral flows, driven through `Core` with `Incoming` updates.

Registration, consent (own and a parent's), /forget, /link, /stats, refusals of forged input, a
restart in the middle of a flow and the slashless commands of VK.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.core import texts
from bot.core.conversation import Incoming, Reply
from bot.core.engine import Core
from bot.core.flow import Context
from bot.core.models import (
    STAFF,
    Account,
    AgeGroup,
    Base,
    Consent,
    ConsentGiver,
    ConversationState,
    Notification,
    NotificationStatus,
    OneTimeCode,
    Person,
    PersonStatus,
    Role,
)
from bot.core.services import people
from bot.db import Database
from handlers import build_router, notifications
from handlers.common import MENU
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.html_check import html_problems

CODE = re.compile(r"<b>([A-Z2-9]{4}-[A-Z2-9]{4})</b>")
# The /help menu of a mentee: every entry of handlers.common.MENU not reserved for staff.
REGISTERED_MENU = [f"menu:{name}" for name, needed in MENU if not needed & STAFF]


def ru(key: str, **params: Any) -> str:
    return texts.t(key, "ru", **params)


def payloads(replies: list[Reply]) -> list[str]:
    return [button.payload for reply in replies for row in reply.buttons for button in row]


def joined(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


class Chat:
    """One person writing to the core from one platform account."""

    def __init__(
        self, core: Core, user: str = "1", platform: str = "console", lang: str | None = "ru"
    ) -> None:
        self.core, self.user, self.platform, self.lang = core, user, platform, lang

    async def send(self, text: str) -> list[Reply]:
        incoming = Incoming(self.platform, self.user, text=text, language_code=self.lang)
        return checked(await self.core.handle(incoming))

    async def press(self, payload: str) -> list[Reply]:
        incoming = Incoming(self.platform, self.user, payload=payload, language_code=self.lang)
        return checked(await self.core.handle(incoming))


def checked(replies: list[Reply]) -> list[Reply]:
    """Every reply of every flow must be HTML that Telegram accepts."""
    for reply in replies:
        assert html_problems(reply.text) == [], reply.text
    return replies


@pytest.fixture
def router():
    return build_router()


@pytest.fixture
def core(db: Database, settings: Settings, router, clock: FakeClock) -> Core:
    return Core(db, settings, router, clock)


async def register(
    chat: Chat, name: str = "Анна Иванова", role: str = "mentee", age: str = "adult"
) -> list[Reply]:
    """Run the whole registration; the replies to the last answer."""
    await chat.send("/start")
    await chat.press("consent:y")
    await chat.send(name)
    replies = await chat.press(f"age:{age}")
    if "role:mentee" not in payloads(replies):
        return replies  # a minor: the parent's code
    return await answer_any_questionnaire(chat, await chat.press(f"role:{role}"))


async def answer_any_questionnaire(chat: Chat, replies: list[Reply]) -> list[Reply]:
    """Answer whatever profile questions follow the age question, until registration ends.

    Registration ends in a message with menu buttons (done, or the parent's code). Questions in
    between are answered as the bot offers: a number button, a tick and Done, or typed text.
    """
    for _ in range(20):
        offered = payloads(replies)
        if any(p.startswith("menu:") for p in offered):
            return replies
        number = [p for p in offered if p.startswith("capacity:")]
        ticks = [p for p in offered if p.startswith("toggle:") and p != "forms-done"]
        if number:
            replies = await chat.press(number[0])
        elif ticks:
            await chat.press(ticks[0])
            replies = await chat.press("forms-done")
        elif not offered:
            replies = await chat.send("Подготовка к олимпиаде по математике")
        else:
            raise AssertionError(f"unexpected question: {joined(replies)} {offered}")
    raise AssertionError("registration did not end")


async def account(db: Database, user: str = "1", platform: str = "console") -> Account | None:
    async with db.transaction() as session:
        return await people.find_account(session, platform, user)


async def person_of(db: Database, user: str = "1", platform: str = "console") -> Person | None:
    acc = await account(db, user, platform)
    return acc.person if acc else None


async def all_rows(db: Database, model: type[Base]) -> list[Any]:
    async with db.transaction() as session:
        return list((await session.execute(select(model))).scalars())


async def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (except when an account was last seen)."""
    result: dict[str, list[tuple[Any, ...]]] = {}
    async with db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name != "last_seen_at"]
            rows = (await session.execute(select(*columns))).all()
            result[table.name] = sorted(tuple(map(repr, row)) for row in rows)
    return result


def parent_code(replies: list[Reply]) -> str:
    match = CODE.search(joined(replies))
    assert match, joined(replies)
    return match.group(1)


# ---------------------------------------------------------------------------------------------
# Registration


async def test_adult_registration(core: Core, db: Database) -> None:
    chat = Chat(core)

    replies = await chat.send("/start")
    assert "Согласие на обработку персональных данных" in replies[0].text
    assert payloads(replies) == ["consent:y", "consent:n", "lang:en"]
    assert await all_rows(db, Person) == []  # nothing before consent

    replies = await chat.press("consent:y")
    assert [r.text for r in replies] == [ru("consent-thanks"), ru("ask-name")]

    replies = await chat.send("  Анна   Иванова ")
    assert [r.text for r in replies] == [ru("ask-age")]
    assert payloads(replies) == ["age:child", "age:teen", "age:adult"]

    replies = await chat.press("age:adult")
    assert [r.text for r in replies] == [ru("ask-role")]
    assert payloads(replies) == ["role:mentee", "role:mentor", "role:both"]

    replies = await answer_any_questionnaire(chat, await chat.press("role:both"))
    assert [r.text for r in replies] == [ru("registration-done", name="Анна Иванова")]
    assert payloads(replies) == REGISTERED_MENU

    person = await person_of(db)
    assert person is not None
    assert person.name == "Анна Иванова"
    assert person.status == PersonStatus.ACTIVE
    assert person.age_group == AgeGroup.ADULT
    assert person.role_set == {Role.MENTEE, Role.MENTOR}
    assert person.locale == "ru" and person.timezone == "Europe/Moscow"
    (consent,) = await all_rows(db, Consent)
    assert consent.person_id == person.id
    assert consent.given_by == ConsentGiver.SELF
    assert consent.text_version.endswith("/ru")
    assert consent.withdrawn_at is None
    assert await all_rows(db, ConversationState) == []

    replies = await chat.send("/help")
    assert "/forget" in replies[0].text and "/stats" not in replies[0].text
    assert payloads(replies) == REGISTERED_MENU
    replies = await chat.send("/start")
    assert replies[0].text == ru("start-welcome-back", name="Анна Иванова")


async def test_agree_pressed_twice_at_once_registers_one_person(core: Core, db: Database) -> None:
    chat = Chat(core)
    await chat.send("/start")
    first, second = await asyncio.gather(chat.press("consent:y"), chat.press("consent:y"))
    assert first[0].text == ru("consent-thanks")
    assert second[0].text == ru("refusal-stale-button")
    assert len(await all_rows(db, Person)) == 1
    assert len(await all_rows(db, Consent)) == 1


async def test_language_switch_during_consent(core: Core, db: Database) -> None:
    chat = Chat(core)
    await chat.send("/start")
    replies = await chat.press("lang:en")
    assert "Consent to personal data processing" in replies[0].text
    assert payloads(replies) == ["consent:y", "consent:n", "lang:ru"]
    replies = await chat.press("consent:y")
    assert replies[0].text == texts.t("consent-thanks", "en")
    person = await person_of(db)
    assert person is not None and person.locale == "en"
    (consent,) = await all_rows(db, Consent)
    assert consent.text_version.endswith("/en")  # the text the person actually read


async def test_platform_language_picks_the_locale(core: Core) -> None:
    replies = await Chat(core, lang="en-GB").send("/start")
    assert "Consent to personal data processing" in replies[0].text
    replies = await Chat(core, user="2", lang="de").send("/start")
    assert "Согласие на обработку" in replies[0].text  # the default for the rest


async def test_decline_stores_nothing(core: Core, db: Database, clock: FakeClock) -> None:
    chat = Chat(core)
    await chat.send("/start")
    replies = await chat.press("consent:n")
    assert replies[0].text == ru("consent-declined")
    assert payloads(replies) == ["menu:start"]

    assert await all_rows(db, Person) == []
    assert await all_rows(db, Consent) == []
    assert await all_rows(db, ConversationState) == []
    (acc,) = await all_rows(db, Account)
    assert (acc.platform, acc.external_id, acc.locale, acc.person_id) == (
        "console",
        "1",
        "ru",
        None,
    )

    replies = await chat.send("/mydata")
    assert ru("mydata-only-account") in replies[0].text
    assert replies[1].file is not None
    assert set(json.loads(replies[1].file.content)) == {"accounts"}


async def test_minor_gets_a_parent_code_and_the_parent_consents(core: Core, db: Database) -> None:
    child = Chat(core, user="1")
    replies = await register(child, name="Петя Сидоров", age="teen")
    code = parent_code(replies)
    assert f"/parent {code}" in replies[0].text
    minor = await person_of(db)
    assert minor is not None and minor.status == PersonStatus.AWAITING_PARENT

    # Until then, the minor's own commands wait for the parent; /start shows the same code.
    assert (await child.send("/timezone"))[0].text == ru("refusal-awaiting-parent")
    assert parent_code(await child.send("/start")) == code

    parent = Chat(core, user="2")
    replies = await parent.send(f"/parent {code}")
    assert "Петя Сидоров" in replies[0].text
    assert payloads(replies) == ["parent:y", "parent:n"]
    replies = await parent.press("parent:y")
    assert replies[0].text == ru("parent-ask-name")
    assert (await parent.send("Мария"))[0].text == ru("parent-name-short")
    assert await all_rows(db, Notification) == []  # nothing given on one word
    replies = await parent.send("Мария Петровна Сидорова")
    assert replies[0].text == ru("parent-thanks", child="Петя Сидоров")

    minor = await person_of(db)
    assert minor is not None and minor.status == PersonStatus.REGISTERING
    consents = {c.given_by: c for c in await all_rows(db, Consent)}
    assert set(consents) == {ConsentGiver.CHILD_ASSENT, ConsentGiver.PARENT}
    assert consents[ConsentGiver.PARENT].person_id == minor.id
    assert consents[ConsentGiver.PARENT].representative_name == "Мария Петровна Сидорова"
    (note,) = await all_rows(db, Notification)
    assert note.person_id == minor.id
    assert note.template == "notify-parent-consented"
    assert note.status == NotificationStatus.PENDING
    # The parent is not registered as a participant by giving consent.
    assert await person_of(db, "2") is None
    assert len(await all_rows(db, Person)) == 1

    # The code is spent.
    replies = await Chat(core, user="3").send(f"/parent {code}")
    assert replies[0].text == ru("parent-code-invalid")
    # The questionnaire comes only now.
    assert (await child.send("/start"))[0].text == ru("ask-role")
    replies = await answer_any_questionnaire(child, await child.press("role:mentee"))
    assert replies[0].text == ru("registration-done", name="Петя Сидоров")
    assert (await child.send("/start"))[0].text == ru("start-welcome-back", name="Петя Сидоров")


async def test_child_is_told_when_the_parent_consents(
    core: Core, db: Database, clock: FakeClock
) -> None:
    """The outbox row written with the consent reaches the child's own chat."""

    code = parent_code(await register(Chat(core, user="1"), name="Петя Сидоров", age="teen"))
    parent = Chat(core, user="2")
    await parent.send(f"/parent {code}")
    await parent.press("parent:y")
    await parent.send("Мария Сидорова")

    console = RecordingPlatform()
    await Dispatcher(db, {"console": console}, notifications.render, clock).run_once()
    assert console.to("1") == [ru("notify-parent-consented")]


async def test_parent_code_typed_after_the_command(core: Core, db: Database) -> None:
    code = parent_code(await register(Chat(core), name="Петя Сидоров", age="child"))
    parent = Chat(core, user="2")
    assert (await parent.send("/parent"))[0].text == ru("parent-ask-code")
    assert (await parent.send("ZZZZ-ZZZZ"))[0].text == ru("parent-code-invalid")
    replies = await parent.send(code.lower().replace("-", " "))
    assert payloads(replies) == ["parent:y", "parent:n"]


async def test_parent_code_by_telegram_deep_link(core: Core) -> None:
    """`t.me/bot?start=CODE` arrives as `/start CODE`."""
    code = parent_code(await register(Chat(core), name="Петя Сидоров", age="teen"))
    replies = await Chat(core, user="2", platform="telegram").send(f"/start {code}")
    assert "Петя Сидоров" in replies[0].text
    assert payloads(replies) == ["parent:y", "parent:n"]


async def test_parent_declines(core: Core, db: Database) -> None:
    code = parent_code(await register(Chat(core), name="Петя Сидоров", age="teen"))
    parent = Chat(core, user="2")
    await parent.send(f"/parent {code}")
    replies = await parent.press("parent:n")
    assert replies[0].text == ru("parent-declined")
    assert await person_of(db) is None  # the child's account is unlinked
    (minor,) = await all_rows(db, Person)
    assert (minor.name, minor.age_group, minor.status) == (None, None, PersonStatus.ERASED)
    (note,) = await all_rows(db, Notification)
    assert (note.person_id, note.template) == (minor.id, "notify-parent-declined")
    assert note.account_id == (await account(db, "1")).id  # told on the account they used


async def test_minor_cannot_consent_as_own_parent(core: Core, db: Database) -> None:
    child = Chat(core)
    code = parent_code(await register(child, name="Петя Сидоров", age="teen"))
    await child.send(f"/parent {code}")
    await child.press("parent:y")
    await child.send("Мария Сидорова")
    minor = await person_of(db)
    assert minor is not None and minor.status == PersonStatus.AWAITING_PARENT
    assert [c.given_by for c in await all_rows(db, Consent)] == [ConsentGiver.CHILD_ASSENT]


# ---------------------------------------------------------------------------------------------
# /forget and /mydata


async def test_forget_erases_and_mydata_then_shows_only_the_account(
    core: Core, db: Database
) -> None:
    chat = Chat(core)
    await register(chat, role="both")

    replies = await chat.send("/mydata")
    assert "Анна Иванова" in replies[0].text
    record = json.loads(replies[1].file.content)  # type: ignore[union-attr]
    assert record["profile"]["name"] == "Анна Иванова"
    assert record["profile"]["roles"] == ["mentee", "mentor"]

    replies = await chat.send("/forget")
    assert replies[0].text == ru("forget-nothing-running") + " " + ru("forget-confirm")
    assert payloads(replies) == ["forget:y", "forget:n"]
    replies = await chat.press("forget:y")
    assert replies[0].text == ru("forget-done")

    (person,) = await all_rows(db, Person)
    assert person.status == PersonStatus.ERASED
    assert person.name is None and person.age_group is None
    assert person.role_set == set()
    assert person.erased_at is not None
    acc = await account(db)
    assert acc is not None and acc.person_id is None
    (consent,) = await all_rows(db, Consent)
    assert consent.withdrawn_at is not None

    replies = await chat.send("/mydata")
    assert "Анна" not in replies[0].text
    assert ru("mydata-only-account") in replies[0].text
    record = json.loads(replies[1].file.content)  # type: ignore[union-attr]
    assert set(record) == {"accounts"}
    assert "Анна" not in replies[1].file.content.decode()  # type: ignore[union-attr]

    # Coming back starts from the consent again.
    replies = await chat.send("/start")
    assert payloads(replies)[:2] == ["consent:y", "consent:n"]


@pytest.mark.parametrize("locale", ["ru", "en"])
async def test_mydata_shows_stored_values_escaped(
    core: Core, db: Database, clock: FakeClock, locale: str
) -> None:
    """Values stored by any route (an older version, an operator) can never become markup."""
    async with db.transaction() as session:
        person = Person(
            name="<b>Bob</b> & Co", locale=locale, timezone="Asia/Novosibirsk", status="active"
        )
        session.add(person)
        await session.flush()
        session.add(Account(platform="console", external_id="1", locale=locale, person=person))
        session.add(
            Consent(
                person_id=person.id,
                text_version=f"2026-11/{locale}",
                given_by=ConsentGiver.PARENT,
                representative_name="<i>Mum</i>",
                given_at=clock.now,
            )
        )
    replies = await Chat(core, lang=locale).send("/mydata")
    text = replies[0].text
    assert text.startswith(texts.t("mydata-title", locale))
    assert "&lt;b&gt;Bob&lt;/b&gt; &amp; Co" in text
    assert "&lt;i&gt;Mum&lt;/i&gt;" in text
    city = "Новосибирск" if locale == "ru" else "Novosibirsk"
    assert f"UTC+7 ({city})" in text
    assert "Asia/Novosibirsk" not in text
    assert "24.11.2026 16:00" in text  # the consent time on the person's own clock
    record = json.loads(replies[1].file.content)  # type: ignore[union-attr]
    assert record["profile"]["name"] == "<b>Bob</b> & Co"  # the file keeps the value as is
    assert replies[1].file.name.endswith(".json")  # type: ignore[union-attr]


@pytest.mark.parametrize("locale", ["ru", "en"])
async def test_mydata_before_consent_in_both_languages(core: Core, locale: str) -> None:
    replies = await Chat(core, user="987654321", lang=locale).send("/mydata")
    assert texts.t("mydata-only-account", locale) in replies[0].text
    # The account's own id, as README tells a future curator to find it for `grant`.
    assert f"{texts.t('platform-console', locale)}: 987654321" in replies[0].text


async def test_forget_no_keeps_everything(core: Core, db: Database) -> None:
    chat = Chat(core)
    await register(chat)
    await chat.send("/forget")
    before = await snapshot(db)
    replies = await chat.press("forget:n")
    assert replies[0].text == ru("forget-cancelled")
    person = await person_of(db)
    assert person is not None and person.name == "Анна Иванова"
    after = await snapshot(db)
    assert after["people"] == before["people"] and after["consents"] == before["consents"]


async def test_forget_unlinks_every_account_and_voids_pending_messages(
    core: Core, db: Database
) -> None:
    child = Chat(core, user="1")
    code = parent_code(await register(child, name="Петя Сидоров", age="teen"))
    parent = Chat(core, user="9")
    await parent.send(f"/parent {code}")
    await parent.press("parent:y")
    await parent.send("Мария Сидорова")
    await child.send("/start")
    await answer_any_questionnaire(child, await child.press("role:mentee"))
    link_code = CODE.search(joined(await child.send("/link")))
    assert link_code
    await Chat(core, user="2", platform="vk").send(f"/link {link_code.group(1)}")

    await child.send("/forget")
    await child.press("forget:y")

    assert all(a.person_id is None for a in await all_rows(db, Account))
    (note,) = await all_rows(db, Notification)
    assert note.status == NotificationStatus.VOID and note.params == {}
    parent_consent = [c for c in await all_rows(db, Consent) if c.given_by == ConsentGiver.PARENT]
    assert parent_consent[0].representative_name is None
    assert await all_rows(db, OneTimeCode) == []


@pytest.mark.parametrize("stage", ["awaiting_parent", "registering"])
async def test_forget_works_for_anyone_who_consented(core: Core, db: Database, stage: str) -> None:
    chat = Chat(core)
    if stage == "awaiting_parent":
        await register(chat, age="teen")
    else:
        await chat.send("/start")
        await chat.press("consent:y")
        await chat.send("Анна Иванова")
    replies = await chat.send("/forget")
    assert payloads(replies) == ["forget:y", "forget:n"]
    await chat.press("forget:y")
    (person,) = await all_rows(db, Person)
    assert person.name is None and person.status == PersonStatus.ERASED


# ---------------------------------------------------------------------------------------------
# /link


async def _link_code(chat: Chat) -> str:
    replies = await chat.send("/link")
    match = CODE.search(replies[0].text)
    assert match, replies[0].text
    return match.group(1)


async def test_link_code_joins_a_second_account(core: Core, db: Database) -> None:
    tg = Chat(core, user="100", platform="telegram")
    await register(tg)
    code = await _link_code(tg)

    vk = Chat(core, user="200", platform="vk")
    replies = await vk.send(f"/link {code.lower().replace('-', ' ')}")
    assert replies[0].text == ru("link-done", name="Анна Иванова")
    assert payloads(replies) == REGISTERED_MENU

    tg_acc, vk_acc = await account(db, "100", "telegram"), await account(db, "200", "vk")
    assert tg_acc is not None and vk_acc is not None
    assert tg_acc.person_id == vk_acc.person_id is not None
    assert len(await all_rows(db, Person)) == 1
    assert (await vk.send("/start"))[0].text == ru("start-welcome-back", name="Анна Иванова")

    # Single use: a third account cannot reuse it.
    replies = await Chat(core, user="300", platform="vk").send(f"/link {code}")
    assert replies[0].text == ru("link-code-invalid")
    assert (await account(db, "300", "vk")).person_id is None  # type: ignore[union-attr]


async def test_link_refused_for_an_account_with_another_profile(core: Core, db: Database) -> None:
    anna, boris = Chat(core, user="1"), Chat(core, user="2")
    await register(anna)
    await register(boris, name="Борис Петров")
    code = await _link_code(anna)

    replies = await boris.send(f"/link {code}")

    assert replies[0].text == ru("link-other-profile")
    boris_person = await person_of(db, "2")
    assert boris_person is not None and boris_person.name == "Борис Петров"
    assert len({a.person_id for a in await all_rows(db, Account)}) == 2
    assert (await anna.send(f"/link {code}"))[0].text == ru("link-already")


async def test_expired_link_code_is_refused(core: Core, db: Database, clock: FakeClock) -> None:
    anna = Chat(core)
    await register(anna)
    code = await _link_code(anna)
    clock.advance(minutes=16)
    replies = await Chat(core, user="2").send(f"/link {code}")
    assert replies[0].text == ru("link-code-invalid")
    assert (await account(db, "2")).person_id is None  # type: ignore[union-attr]


async def test_link_without_profile_explains_how(core: Core, db: Database) -> None:
    replies = await Chat(core).send("/link")
    assert replies[0].text == ru("link-how-to-redeem")
    assert await all_rows(db, OneTimeCode) == []


# ---------------------------------------------------------------------------------------------
# Refusals: forged or stale buttons change nothing


async def _at_stage(core: Core, stage: str) -> Chat:
    chat = Chat(core)
    if stage == "fresh":
        await chat.send("/help")
    elif stage == "consent":
        await chat.send("/start")
    elif stage == "ask_name":
        await chat.send("/start")
        await chat.press("consent:y")
    elif stage == "ask_role":
        await chat.send("/start")
        await chat.press("consent:y")
        await chat.send("Анна Иванова")
        await chat.press("age:adult")
    elif stage == "registered":
        await register(chat)
    elif stage == "forget_confirm":
        await register(chat)
        await chat.send("/forget")
    return chat


STALE = "refusal-stale-button"
# Buttons pressed where they do not belong, by the stage the person is at, with the refusal.
FORGED: dict[str, list[tuple[str, str]]] = {
    "fresh": [
        ("age:adult", STALE),
        ("consent:y", STALE),
        ("forget:y", STALE),
        ("parent:y", STALE),
        ("lang:xx", STALE),
        ("menu:stats", "refusal-unregistered"),
        ("no-such-button", STALE),
        ("", STALE),
    ],
    "consent": [("age:adult", STALE), ("c:maybe", STALE), ("lang:en:extra", STALE)],
    "ask_name": [("consent:y", STALE), ("role:mentor", STALE)],  # c:yes: agree pressed twice
    "ask_role": [("role:admin", STALE), ("role:mentee:mentor", STALE), ("age:child", STALE)],
    "registered": [
        ("menu:stats", "refusal-curator-only"),
        ("forget:y", STALE),
        ("age:child", STALE),
        ("consent:y", STALE),
        ("zone:0", STALE),
        ("lang:xx", STALE),
        ("menu", STALE),
        ("menu:nosuch", STALE),
    ],
    "forget_confirm": [("forget:maybe", STALE)],
}


@pytest.mark.parametrize("stage", FORGED)
async def test_forged_and_stale_buttons_are_refused_and_change_nothing(
    core: Core, db: Database, stage: str, subtests: pytest.Subtests
) -> None:
    chat = await _at_stage(core, stage)
    for payload, refusal in FORGED[stage]:
        with subtests.test(payload=payload):
            before = await snapshot(db)

            replies = await chat.press(payload)

            assert replies[0].text == ru(refusal)
            assert await snapshot(db) == before


async def test_stale_button_repeats_the_pending_question(core: Core) -> None:
    chat = await _at_stage(core, "ask_name")
    replies = await chat.press("consent:y")
    assert [r.text for r in replies] == [ru("refusal-stale-button"), ru("ask-name")]


async def test_text_where_a_button_is_expected(core: Core) -> None:
    chat = await _at_stage(core, "ask_role")
    replies = await chat.send("наставник")
    assert [r.text for r in replies] == [ru("refusal-use-buttons"), ru("ask-role")]
    assert payloads(replies) == ["role:mentee", "role:mentor", "role:both"]


@pytest.mark.parametrize(
    "name",
    [
        "А" * 101,
        "<b>Bob</b>",
        "Bob <script>",
        "R2D2",
        "https://example.com",
        "А",
        "   ",
        "Анна 😀",
        "--",
    ],
)
async def test_implausible_names_are_refused_and_not_stored(
    core: Core, db: Database, name: str
) -> None:
    chat = await _at_stage(core, "ask_name")
    replies = await chat.send(name)
    assert replies[0].text == ru("name-invalid", max=100)
    person = await person_of(db)
    assert person is not None and person.name is None
    # Still asking: a good name is taken next.
    replies = await chat.send("Bob O'Neil-Smith")
    assert replies[0].text == ru("ask-age")
    person = await person_of(db)
    assert person is not None and person.name == "Bob O'Neil-Smith"


async def test_name_of_exactly_one_hundred_letters_is_accepted(core: Core, db: Database) -> None:
    chat = await _at_stage(core, "ask_name")
    await chat.send("Я" * 100)
    person = await person_of(db)
    assert person is not None and person.name == "Я" * 100


async def test_commands_needing_registration(core: Core) -> None:
    fresh = Chat(core, user="1")
    replies = await fresh.send("/timezone")
    assert replies[0].text == ru("refusal-unregistered")
    midway = await _at_stage(core, "ask_role")
    replies = await midway.send("/timezone")
    assert [r.text for r in replies] == [ru("refusal-finish-registration"), ru("ask-role")]


async def test_unknown_text_and_cancel(core: Core, db: Database) -> None:
    chat = Chat(core)
    replies = await chat.send("что-то непонятное")
    assert replies[0].text == ru("refusal-unknown")
    assert (await chat.send("/cancel"))[0].text == ru("cancel-nothing")
    chat = await _at_stage(core, "registered")
    await chat.send("/timezone")
    assert (await chat.send("/cancel"))[0].text == ru("cancel-done")
    assert await all_rows(db, ConversationState) == []


async def test_failing_handler_answers_politely_and_changes_nothing(
    core: Core, db: Database, router
) -> None:
    @router.command("boom", needs_registration=False)
    async def boom(ctx: Context) -> list[Reply]:
        ctx.account.locale = "en"
        raise RuntimeError("bug")

    replies = await Chat(core).send("/boom")
    assert [r.text for r in replies] == [ru("error-internal")]
    assert await all_rows(db, Account) == []  # the whole update was rolled back


# ---------------------------------------------------------------------------------------------
# Preferences


async def test_timezone_by_city_by_typing_and_by_button(core: Core, db: Database) -> None:
    chat = await _at_stage(core, "registered")
    replies = await chat.send("/timezone Новосибирск")
    assert "UTC+7 (Новосибирск)" in replies[0].text
    assert "Etc/" not in replies[0].text and "Asia/" not in replies[0].text
    assert "16:00" in replies[0].text  # 09:00 UTC on the test clock
    replies = await chat.send("/timezone")
    assert payloads(replies) == ["zone:0", "zone:1", "zone:2", "zone:3"]
    assert (await chat.send("Атлантида"))[0].text == ru("timezone-invalid")
    replies = await chat.press("zone:3")
    assert "UTC+10 (Владивосток)" in replies[0].text
    person = await person_of(db)
    assert person is not None and person.timezone == "Asia/Vladivostok"


async def test_language_change_for_a_registered_person(core: Core, db: Database) -> None:
    chat = await _at_stage(core, "registered")
    replies = await chat.send("/language")
    assert payloads(replies) == ["lang:ru", "lang:en"]
    replies = await chat.press("lang:en")
    assert replies[0].text == texts.t("language-set", "en")
    person = await person_of(db)
    assert person is not None and person.locale == "en"
    replies = await chat.send("/start")
    assert replies[0].text == texts.t("start-welcome-back", "en", name="Анна Иванова")


# ---------------------------------------------------------------------------------------------
# Curator


async def test_stats_refused_for_a_participant(core: Core) -> None:
    chat = await _at_stage(core, "registered")
    replies = await chat.send("/stats")
    assert replies[0].text == ru("refusal-curator-only")
    assert "/stats" not in (await chat.send("/help"))[0].text


@pytest.mark.parametrize("staff_role", [Role.CURATOR, Role.DIRECTOR])
async def test_stats_for_staff(core: Core, db: Database, staff_role: Role) -> None:
    curator = Chat(core, user="1")
    await register(curator, role="mentee")
    await register(Chat(core, user="2"), name="Борис Петров", role="mentor")
    await register(Chat(core, user="3"), name="Петя Сидоров", age="child")
    midway = Chat(core, user="4")
    await midway.send("/start")
    await midway.press("consent:y")
    gone = Chat(core, user="5")
    await register(gone, name="Ушедший Человек", role="both")
    await gone.send("/forget")
    await gone.press("forget:y")

    async with db.transaction() as session:
        acc = await people.find_account(session, "console", "1")
        assert acc is not None and acc.person is not None
        assert people.grant(acc.person, staff_role)

    replies = await curator.send("/stats")
    expected = ru(
        "stats", active=2, registering=1, awaiting_parent=1, erased=1, mentees=1, mentors=1
    )
    assert replies[0].text.startswith(expected)
    assert (await curator.press("menu:stats"))[0].text == replies[0].text
    assert "menu:stats" in payloads(await curator.send("/help"))


# ---------------------------------------------------------------------------------------------
# Restart and platforms


async def test_restart_mid_flow_resumes_the_question(
    core: Core, db_url: str, settings: Settings, clock: FakeClock
) -> None:
    before = Chat(core)
    await before.send("/start")
    await before.press("consent:y")
    await before.send("Анна Иванова")

    db2 = Database(db_url)  # a new process: new engine, new core, same file
    try:
        after = Chat(Core(db2, settings, build_router(), clock))
        replies = await after.send("/start")
        assert [r.text for r in replies] == [ru("ask-age")]
        await after.press("age:adult")
        replies = await answer_any_questionnaire(after, await after.press("role:mentor"))
        assert replies[0].text == ru("registration-done", name="Анна Иванова")
    finally:
        await db2.close()


async def test_slashless_commands_on_vk(core: Core) -> None:
    vk = Chat(core, platform="vk")
    replies = await vk.send("помощь")
    assert "Что я умею" in replies[0].text
    replies = await vk.send("Start")
    assert "Согласие на обработку" in replies[0].text


async def test_slashless_word_on_telegram_is_not_a_command(core: Core) -> None:
    tg = Chat(core, platform="telegram")
    replies = await tg.send("help")
    assert replies[0].text == ru("refusal-unknown")
    replies = await tg.send("/help@nastavnik_bot")
    assert "Что я умею" in replies[0].text


async def test_help_of_someone_with_every_role_fits_one_keyboard(core: Core, db: Database) -> None:
    """A curator who is also a mentee and a mentor sees every entry of /help in one keyboard
    VK can show (ten buttons); the questionnaire is under Settings."""
    chat = Chat(core, user="1")
    await register(chat, role="both")
    async with db.transaction() as session:
        acc = await people.find_account(session, "console", "1")
        assert acc is not None and acc.person is not None
        assert people.grant(acc.person, Role.CURATOR)

    offered = payloads(await chat.send("/help"))
    assert {"menu:ask", "menu:meetings", "menu:speed", "menu:stats"} <= set(offered)
    assert "menu:profile" in payloads(await chat.press("menu:settings"))
