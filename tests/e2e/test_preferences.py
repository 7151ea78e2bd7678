"""/language and /timezone."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.helpers import person_of, register


async def test_switch_language(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 5001)
    await register(chat)
    msg = await chat.say("/language", "Выберите язык")
    assert msg.buttons == ["Русский", "English"]
    done = await chat.click("English", "I will speak English now")
    assert "Settings" in done.buttons
    await chat.say("/help", "What I can do")
    assert (await person_of(harness, chat)).locale == "en"


async def test_timezone_by_city_offset_and_button(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 5002)
    await register(chat)
    await chat.say("/timezone Новосибирск", "часовой пояс: UTC+7 (Новосибирск)")
    # 09:00 UTC on the test clock is 16:00 in Novosibirsk.
    assert (await person_of(harness, chat)).timezone == "Asia/Novosibirsk"

    await chat.say("/timezone", "Сейчас ваш часовой пояс: UTC+7 (Новосибирск)")
    await chat.say("Марс", "Не нашёл такого часового пояса")
    assert (await person_of(harness, chat)).timezone == "Asia/Novosibirsk"
    msg = await chat.say("UTC+5", "часовой пояс: UTC+5 (Екатеринбург)")
    assert "14:00" in msg.text
    assert "Etc/" not in msg.text
    msg = await chat.say("/timezone UTC+5:30", "часовой пояс: UTC+5:30 (Калькутта)")
    assert "14:30" in msg.text

    await chat.say("/timezone")
    await chat.click("Владивосток (UTC+10)", "UTC+10 (Владивосток)")


async def test_timezone_shows_local_time(harness: Harness, platform: str) -> None:
    chat = harness.chat(platform, 5003)
    await register(chat)
    await chat.say("/timezone Новосибирск", "У вас сейчас 16:00")
