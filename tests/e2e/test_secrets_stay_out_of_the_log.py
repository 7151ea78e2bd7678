"""Tokens never reach the log, even when a failing request's address (which holds one) does."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.bot_process import bot_process, terminate
from tests.e2e.harness import TG_TOKEN, VK_GROUP
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vk import FakeVK


async def test_a_failing_request_logs_no_token(tmp_path: Path) -> None:
    tg, vk = FakeTelegram(TG_TOKEN), FakeVK(group_id=VK_GROUP)
    tg_base, vk_base = await tg.start(), await vk.start()
    tg.redirect_next("getUpdates", count=11)  # aiohttp gives up, naming the address
    try:
        async with bot_process(
            TELEGRAM_BOT_TOKEN=TG_TOKEN,
            TELEGRAM_API_BASE=tg_base,
            VK_GROUP_TOKEN=vk.token,
            VK_GROUP_ID=str(VK_GROUP),
            VK_API_BASE=f"{vk_base}/method/",
            DATA_DIR=str(tmp_path),
            LOG_LEVEL="DEBUG",
        ) as proc:
            await tg.wait_for(lambda: tg.polls > 1, timeout=60, what="getUpdates again")
            await tg.wait_polling()
            await vk.wait_polling(timeout=30)
            log = await terminate(proc)
    finally:
        await tg.stop()
        await vk.stop()
    assert "TooManyRedirects" in log  # the failure was logged …
    assert "/bot***/getUpdates" in log  # … with its address
    assert TG_TOKEN not in log
    assert vk.token not in log
