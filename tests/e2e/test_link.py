"""/link: one person on Telegram and VK at once."""

from __future__ import annotations

import json
import re

from tests.e2e.harness import Harness
from tests.e2e.helpers import person_of, register

CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")


async def test_link_telegram_and_vk(harness: Harness) -> None:
    tg = harness.chat("telegram", 4001)
    vk = harness.chat("vk", 4001)
    await register(tg, name="Анна Иванова")
    msg = await tg.say("/link", "Код для связи аккаунтов")
    code = CODE.search(msg.text).group(0)

    linked = await vk.say(f"link {code}", "Готово, Анна Иванова")
    assert "Настройки" in linked.buttons
    assert (await person_of(harness, vk)).id == (await person_of(harness, tg)).id

    await vk.say("/mydata", "Telegram: 4001")
    record = json.loads((await vk.expect()).document_bytes)
    assert sorted(a["platform"] for a in record["accounts"]) == ["telegram", "vk"]

    # A code works once; a fresh code for an account already linked says so.
    await vk.say(f"/link {code}", "Код не подошёл")
    fresh = CODE.search((await tg.say("/link")).text).group(0)
    await vk.say(f"/link {fresh}", "Этот аккаунт уже связан")


async def test_link_code_expires_and_foreign_profiles_are_refused(harness: Harness) -> None:
    tg = harness.chat("telegram", 4011)
    vk_other = harness.chat("vk", 4012)
    await register(tg, name="Анна Иванова")
    await register(vk_other, name="Борис Петров")
    code = CODE.search((await tg.say("/link")).text).group(0)
    await vk_other.say(f"/link {code}", "уже привязан к другому профилю")

    fresh = harness.chat("vk", 4013)
    harness.clock.advance(minutes=16)
    await fresh.say(f"/link {code}", "Код не подошёл")
    assert await person_of(harness, fresh) is None
