"""Start-up against the platforms: a rejected token stops with one clear line."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.platforms.base import PlatformRejected
from tests.e2e.harness import Harness


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("telegram_bot_token", "999:WRONG", "TELEGRAM_BOT_TOKEN"),
        ("vk_group_token", "wrong-token", "VK_GROUP_TOKEN"),
    ],
)
async def test_rejected_token_stops_the_bot(
    harness: Harness, setting: str, value: str, named: str
) -> None:
    await harness.stop_bot()
    assert harness.settings is not None
    settings = harness.settings.model_copy(update={setting: value})
    app = App(settings, clock=harness.clock)
    app.add_configured_platforms()
    await app.start()
    try:
        with pytest.raises(PlatformRejected, match=named):
            await app.run()
    finally:
        await app.stop()
