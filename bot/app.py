"""Wiring: database, core, platforms and scheduler, started and stopped together."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TextIO

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import migrate
from bot.config import SUPPORTED_LOCALES, Settings
from bot.core import texts
from bot.core.engine import Core
from bot.core.models import utcnow
from bot.core.services.mediaplan_schedule import plan_of
from bot.db import Database
from bot.platforms.base import Platform, PlatformRejected
from bot.platforms.vk_wall import Wall
from handlers import broadcasts, build_router, common, notifications
from scheduler.broadcaster import Broadcaster
from scheduler.channel import ChannelJob, ChannelPoster
from scheduler.dispatch import Dispatcher
from scheduler.jobs import build_scheduler
from scheduler.media import MediaPlanJob

log = logging.getLogger(__name__)

RECONNECT_MAX = 60.0  # seconds between attempts to reach an unreachable platform


def command_menu() -> dict[str, list[tuple[str, str]]]:
    """Public commands with their one-line descriptions, per locale."""
    return {
        locale: [
            (name, texts.plain(texts.t(f"cmd-{name}", locale))) for name in common.PUBLIC_COMMANDS
        ]
        for locale in SUPPORTED_LOCALES
    }


def media_job(
    settings: Settings, db: Database, clock: Callable[[], datetime], wake: Callable[[], None],
    poster: Callable[[], ChannelPoster | None],
) -> MediaPlanJob:  # fmt: skip
    """The media plan's pass, posting with `VK_USER_TOKEN` when it and the group are set, and
    to `TELEGRAM_CHANNEL_ID` through `poster` (the Telegram adapter) when that is set."""
    wall = None
    if settings.vk_user_token and settings.vk_group_id:
        wall = Wall(settings.vk_user_token, settings.vk_group_id, settings.vk_api_base)
    channel = None
    if settings.telegram_channel_id:
        channel = ChannelJob(db, settings.telegram_channel_id, poster, clock)
    return MediaPlanJob(db, plan_of(settings), wall, clock, wake, channel)


class App:
    """The running bot: `start()`, then `run()` until cancelled (or the console ends), `stop()`."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utcnow) -> None:
        self.settings = settings
        self.clock = clock
        self.db = Database(settings.database_url)
        self.platforms: dict[str, Platform] = {}
        self.dispatcher = Dispatcher(
            self.db, self.platforms, notifications.render, clock, quiet=settings.quiet_window
        )
        self.media = media_job(settings, self.db, clock, self.dispatcher.wake, self._telegram)
        self.core = Core(self.db, settings, build_router(), clock, self.dispatcher.wake)
        rates = {"telegram": settings.broadcast_telegram_rate, "vk": settings.broadcast_vk_rate}
        self.broadcaster = Broadcaster(
            self.db,
            self.platforms,
            rates,
            clock,
            progress=broadcasts.progress,
            interval=settings.broadcast_progress_seconds,
        )
        self.broadcaster.on_report = self.dispatcher.wake
        self.dispatcher.shared = self.broadcaster.limits  # one pace a platform, for both
        self.broadcaster.buttons = broadcasts.stop_buttons
        self.scheduler: AsyncIOScheduler | None = None

    def _telegram(self) -> ChannelPoster | None:
        """The running Telegram adapter, to post to the channel with."""
        platform = self.platforms.get("telegram")
        return platform if isinstance(platform, ChannelPoster) else None

    def add_telegram(self) -> None:
        """Serve Telegram with the configured token and API base."""
        from bot.platforms.telegram import TelegramPlatform

        assert self.settings.telegram_bot_token
        self.platforms["telegram"] = TelegramPlatform(
            self.settings.telegram_bot_token,
            self.settings.telegram_api_base,
            self.core.handle,
            commands=command_menu(),
            default_locale=self.settings.default_locale,
        )

    def add_vk(self) -> None:
        """Serve the VK community with the configured token, group id and API base."""
        from bot.platforms.vk import VkPlatform

        assert self.settings.vk_group_token and self.settings.vk_group_id
        self.platforms["vk"] = VkPlatform(
            self.settings.vk_group_token,
            self.settings.vk_group_id,
            self.settings.vk_api_base,
            self.settings.data_dir / "vkbottle",
            self.core.handle,
        )

    def add_console(
        self, user: str, stdin: TextIO | None = None, stdout: TextIO | None = None
    ) -> None:
        """Chat in this terminal as `console:<user>`."""
        from bot.platforms.console import ConsolePlatform

        self.platforms["console"] = ConsolePlatform(
            self.core.handle,
            user,
            self.settings.data_dir / "console-files",
            self.settings.default_locale,
            stdin,
            stdout,
            partial(self.core.locale_of, "console"),
        )

    def add_configured_platforms(self) -> None:
        """Every platform whose token is set."""
        if self.settings.telegram_bot_token:
            self.add_telegram()
        if self.settings.vk_enabled:
            self.add_vk()

    async def start(self) -> None:
        """Apply migrations, then start the scheduler (platforms start in `run`)."""
        await migrate.upgrade(self.settings.database_url)
        self.scheduler = build_scheduler(
            self.dispatcher, self.settings, self.broadcaster, self.media
        )
        self.scheduler.start()
        self.dispatcher.wake()  # catch up on whatever fell due while the bot was down

    async def run(self) -> None:
        """Receive updates on every platform until cancelled or one of them ends."""
        tasks = [
            asyncio.create_task(self._supervise(p), name=p.name) for p in self.platforms.values()
        ]
        log.info("running: %s", ", ".join(self.platforms) or "no platforms")
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _supervise(self, platform: Platform) -> None:
        """Run a platform, starting it again after a network failure (rejected tokens stop)."""
        delay = 1.0
        while True:
            try:
                await platform.run()
                return
            except PlatformRejected:
                raise
            except Exception as exc:
                log.warning("%s stopped (%s); trying again in %.0f s", platform.name, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX)

    async def stop(self) -> None:
        """Stop the scheduler, finish sends under way, close sessions and the database."""
        if self.scheduler is not None:
            self.scheduler.pause()  # no new tick; shutting it down would cancel one under way
        await self.dispatcher.stop()
        await self.broadcaster.stop()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        for platform in self.platforms.values():
            await platform.close()
        await self.db.close()
        log.info("shut down cleanly")
