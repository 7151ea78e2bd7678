"""Refusals: curator-only commands, forged and stale buttons, unknown text."""

from __future__ import annotations

from bot.admin import change_role
from bot.core.models import PersonStatus
from tests.e2e.harness import Harness
from tests.e2e.helpers import counts, person_of, register


async def test_stats_is_for_curators_only(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 6001)
    await register(chat)
    await chat.say("/stats", "только куратору")
    prefix = "tg" if platform == "telegram" else "vk"
    ok, message = await change_role(harness.settings, "grant", "curator", f"{prefix}:6001")
    assert ok, message
    msg = await chat.say("/stats", "Участники программы")
    assert "Зарегистрированы: 1" in msg.text
    help_msg = await chat.say("/help", "Для куратора")
    assert "Статистика" in help_msg.buttons
    ok, _ = await change_role(harness.settings, "revoke", "curator", f"{prefix}:6001")
    await chat.say("/stats", "только куратору")


async def test_a_new_curator_is_told_what_they_can_do(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 6003)
    await register(chat)
    prefix = "tg" if platform == "telegram" else "vk"
    address = f"{prefix}:6003"
    ok, message = await change_role(harness.settings, "grant", "curator", address, harness.clock)
    assert ok, message
    assert await harness.dispatch_due() == 1  # the running bot's next tick
    notice = await chat.expect("Вам дана роль куратора")
    assert "/pairs" in notice.text and "/stats" in notice.text
    assert "Помощь" in notice.buttons
    ok, message = await change_role(harness.settings, "grant", "curator", address, harness.clock)
    assert ok and "already had" in message
    assert await harness.dispatch_due() == 0  # told once


async def test_forged_and_stale_buttons_change_nothing(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 6002)
    await chat.say("/start")
    before = await counts(harness)
    # While the consent question is open, a stale button is refused and the question asked again.
    for forged in ("age:adult", "role:mentor", "lang:xx", "x" * 60, "c:maybe"):
        chat.press_payload(forged)
        await chat.expect("Эта кнопка больше не действует")
        await chat.expect("Согласие на обработку")
    chat.press_payload("menu:stats")
    await chat.expect("Сначала нужно зарегистрироваться")
    assert await counts(harness) == before
    assert await person_of(harness, chat) is None

    # Consent pressed twice: the second press is stale and creates nobody new.
    await chat.say("/start")
    await chat.click("Даю согласие")
    await chat.expect("Как вас зовут?")
    chat.press_payload("consent:y")
    await chat.expect("больше не действует")
    assert (await counts(harness))["people"] == 1
    assert (await person_of(harness, chat)).status == PersonStatus.REGISTERING


async def test_unknown_text_gets_a_way_forward(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 6003)
    msg = await chat.say("абракадабра", "Не понял вас")
    assert "Начать" in msg.buttons
    await register(chat)
    msg = await chat.say("абракадабра", "Не понял вас")
    assert "Настройки" in msg.buttons
    await chat.say("/cancel", "нечего отменять")


async def test_commands_need_registration(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 6004)
    msg = await chat.say("/timezone", "Сначала нужно зарегистрироваться")
    assert "Начать" in msg.buttons
    await chat.say("/forget", "Отзывать нечего")


async def test_vk_takes_words_without_a_slash(harness: Harness) -> None:
    chat = harness.chat("vk", 6005)
    await chat.say("Начать", "Согласие на обработку")
    await chat.say("помощь", "Что я умею")
    tg = harness.chat("telegram", 6005)
    await tg.say("помощь", "Не понял вас")


async def test_help_menu_buttons_run_commands(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 6006)
    await register(chat)
    await chat.say("/help", "Что я умею")
    await chat.click("Настройки", "Настройки и ваши данные")
    await chat.click("Часовой пояс", "Сейчас ваш часовой пояс")
    await chat.say("/cancel", "отменил")
