"""Registration under consent, on Telegram and on VK, through the real libraries."""

from __future__ import annotations

from bot.core.models import PersonStatus, Role
from tests.e2e.harness import Harness
from tests.e2e.helpers import counts, person_of, register


async def test_adult_registers_and_gets_the_menu(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 1001)
    done = await register(chat, name="Анна  Иванова", role="И тем и другим")
    assert "Готово, Анна Иванова, вы зарегистрированы!" in done.text
    assert {"Программа", "План", "Встречи", "Настройки"} <= set(done.buttons)
    person = await person_of(harness, chat)
    assert person is not None
    assert person.status == PersonStatus.ACTIVE
    assert person.role_set == {Role.MENTEE, Role.MENTOR}
    assert person.age_group == "adult"


async def test_declining_consent_stores_nothing(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 1002)
    await chat.say("/start", "Согласие")
    msg = await chat.click("Не даю согласия", "ничего о вас не сохранил")
    assert "Начать" in msg.buttons
    assert await person_of(harness, chat) is None
    assert (await counts(harness))["people"] == 0


async def test_consent_in_english_from_the_language_button(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 1003)
    await chat.say("/start", "Согласие")
    msg = await chat.click("English", "Consent to personal data processing")
    assert msg.buttons[:2] == ["I agree", "I do not agree"]
    await chat.click("I agree", "consent is recorded")
    await chat.expect("What is your name?")


async def test_english_speaker_is_answered_in_english(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 1004, language="en")
    await chat.say("/start", "Consent to personal data processing")


async def test_bad_names_are_refused_and_nothing_changes(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 1005)
    await chat.say("/start")
    await chat.click("Даю согласие")
    await chat.expect("Как вас зовут?")
    for bad in ("<b>Bob</b>", "Я" * 150, "https://spam.example", "42"):
        await chat.say(bad, "Не получилось распознать имя")
        person = await person_of(harness, chat)
        assert person is not None and person.name is None
    await chat.say("Анна-Мария О’Нил", "Сколько вам лет?")


async def test_text_where_a_button_is_expected(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 1006)
    await chat.say("/start")
    await chat.say("да, согласен", "ответьте кнопкой")
    again = await chat.expect("Согласие на обработку")
    assert "Даю согласие" in again.buttons
    assert await person_of(harness, chat) is None


async def test_restart_mid_registration_resumes(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 1007)
    await chat.say("/start")
    await chat.click("Даю согласие")
    await chat.expect("Как вас зовут?")
    await chat.say("Пётр Сидоров", "Сколько вам лет?")
    await harness.restart_bot()
    await chat.click("18 и старше", "Кем вы хотите быть")
    await chat.click("Наставником", "Несколько вопросов для анкеты")
    await chat.expect("В чём вы можете помочь")
    await chat.say("Python, робототехника", "о своём опыте")
    await harness.restart_bot()
    await chat.say("/start", "о своём опыте")  # the pending question is asked again
    await chat.say("Веду кружок пять лет", "Скольких наставляемых")
    await chat.say("сто", "число от 1 до 20")
    await chat.click("2", "Какие формы наставничества")
    ticked = await chat.click("Ситуационная", "Какие формы")
    assert "✓ Ситуационная" in ticked.buttons
    await chat.click("Готово", "Когда вам удобно встречаться")
    await chat.say("по субботам", "вы зарегистрированы")
    person = await person_of(harness, chat)
    assert person is not None and person.role_set == {Role.MENTOR}


async def test_messages_sent_while_the_bot_is_down_are_answered(
    harness: Harness, platform: str
) -> None:
    chat = harness.chat(platform, 1008)
    await harness.stop_bot()
    chat.send("/start")
    await harness.start_bot()
    await chat.expect("Согласие на обработку")
    await harness.restart_bot()
    await chat.say("/help", "Что я умею")
    assert chat.unread() == []


async def test_start_again_after_registration_welcomes_back(
    harness: Harness, platform: str
) -> None:
    chat = harness.chat(platform, 1009)
    await register(chat)
    msg = await chat.say("/start", "С возвращением, Анна Иванова!")
    assert "Настройки" in msg.buttons


async def test_telegram_command_menu_in_both_languages(harness: Harness) -> None:
    calls = harness.tg.calls_of("setMyCommands")
    by_language = {call.get("language_code"): call for call in calls}
    assert {"ru", "en", None} <= set(by_language)
    assert "Что умеет бот" in str(by_language["ru"]["commands"])
    assert "What the bot can do" in str(by_language["en"]["commands"])
