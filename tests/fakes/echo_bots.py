"""Bare echo bots on aiogram / vkbottle: the baseline the benchmark compares our bot with."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

__all__ = ["make_vk_bot", "run_aiogram_echo", "run_vkbottle_echo", "start_polling_cancellable"]


async def start_polling_cancellable(dispatcher: Dispatcher, *bots: Bot, **kwargs: Any) -> None:
    """``dispatcher.start_polling(*bots)`` that shuts down cleanly when cancelled.

    Cancelling a task running ``Dispatcher.start_polling`` directly leaks aiogram's inner
    per-bot polling task, which keeps calling getUpdates (re-opening the closed session)
    and competes with the next bot instance.  Here cancellation is turned into
    ``dispatcher.stop_polling()``, then ``CancelledError`` is re-raised.
    """
    kwargs.setdefault("handle_signals", False)
    task = asyncio.ensure_future(dispatcher.start_polling(*bots, **kwargs))
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        if not task.done():
            try:
                await dispatcher.stop_polling()
            except RuntimeError:  # cancelled before polling actually started
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        raise


async def run_aiogram_echo(base_url: str, token: str) -> None:
    """Answer every text message with the same text until cancelled.

    Cancellation propagates (``CancelledError``) after polling stopped and aiogram closed
    its session.
    """
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))
    dispatcher = Dispatcher()

    @dispatcher.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    await start_polling_cancellable(dispatcher, bot)


def make_vk_bot(
    base_url: str, token: str, group_id: int, state_dir: Path | None = None, **bot_kwargs: Any
) -> Any:
    """A vkbottle ``Bot`` wired to a fake VK at ``base_url``.

    ``state_dir`` is where ``BotPolling`` keeps its ts file (vkbottle defaults to
    ``./.vkbottle``); pass a temporary directory in tests.
    """
    from vkbottle import API, BotPolling
    from vkbottle import Bot as VkBot

    class _Polling(BotPolling):
        @property
        def ts_state_path(self) -> Path:
            if state_dir is None:
                return super().ts_state_path
            return state_dir / "bot-polling" / f"{self.group_id}.json"

    api = API(token)
    api.API_URL = f"{base_url}/method/"
    return VkBot(api=api, polling=_Polling(api=api, group_id=group_id), **bot_kwargs)


async def run_vkbottle_echo(
    base_url: str, token: str, group_id: int, state_dir: Path | None = None
) -> None:
    """vkbottle counterpart of :func:`run_aiogram_echo`; runs until cancelled."""
    from vkbottle.bot import Message as VkMessage

    bot = make_vk_bot(base_url, token, group_id, state_dir)

    @bot.on.message()
    async def echo(message: VkMessage) -> None:
        await message.answer(message.text)

    await bot.run_polling()
