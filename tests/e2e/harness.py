"""Runs the real bot (aiogram + vkbottle) against the fake Telegram and VK servers.

Tests talk to it through `Chat`: one person on one platform, with the same calls on both, so a
scenario is written once and parametrized over the platforms. Every message a person gets is
checked for text escaped more than once (a `&amp;lt;` or a leftover `&lt;` the person would see).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app import App
from bot.config import Settings
from bot.db import Database
from scheduler.jobs import close_surveys, expire_parent_codes, run_monitoring
from tests.fakes.clock import FakeClock
from tests.fakes.telegram import FakeTelegram
from tests.fakes.vk import FakeVK
from tests.unit.html_check import escaped_twice, leftover_entities

PLATFORMS = ("telegram", "vk")
TG_TOKEN = "123456:TEST-token"
VK_GROUP = 777


@dataclass
class Msg:
    """A bot message as the person sees it, whatever the platform."""

    text: str
    buttons: list[str]
    payloads: list[str]
    document_name: str | None = None
    document_bytes: bytes | None = None
    photo: bool = False  # the file came as a photo, not a document
    raw: Any = None


class Chat:
    """One person writing to the bot on one platform."""

    def __init__(self, harness: Harness, platform: str, user_id: int, language: str = "ru") -> None:
        self.harness = harness
        self.platform = platform
        self.user_id = user_id
        if platform == "telegram":
            self.user: Any = harness.tg.user(user_id, language_code=language)
        else:
            self.user = harness.vk.user(user_id, lang_id={"ru": 0, "en": 3}.get(language, 0))

    @property
    def address(self) -> tuple[str, str]:
        """(platform, external id) as the bot stores it."""
        return self.platform, str(self.user_id)

    def send(self, text: str) -> None:
        """Type a message."""
        self.harness.typed.append(text)
        self.user.send(text)

    def send_file(
        self,
        name: str,
        data: bytes,
        mime: str,
        caption: str = "",
        declared_size: int | None = None,
        **more: Any,
    ) -> None:
        """Send a photo (an `image/*` mime) or a document, with a caption or none; the platform
        may declare a size other than the bytes' (a 30 MB file without sending 30 MB). `more`:
        `also=[(name, bytes, mime), …]` on VK (files of the same message), `album=` on Telegram."""
        self.harness.typed.append(caption)
        self.user.send_file(name, data, mime, caption, declared_size, **more)

    def press(self, label: str) -> None:
        """Press the button with this label (or payload) in the latest message with buttons."""
        self.user.press(label)

    def press_payload(self, payload: str) -> None:
        """Press a button with any payload at all, as a forger would."""
        if self.platform == "telegram":
            self.user.press_payload(payload)
        else:
            self.user.press_payload({"p": payload})

    async def expect(self, contains: str | None = None, timeout: float = 10) -> Msg:
        """The next message from the bot; checks that it contains a piece of text."""
        raw = await self.user.next_message(timeout=timeout)
        self.harness.check_escaping(self.platform, raw)
        msg = _normalize(self.platform, raw)
        if contains is not None:
            assert contains in msg.text, f"expected {contains!r} in {msg.text!r}"
        return msg

    async def say(self, text: str, contains: str | None = None) -> Msg:
        """Type a message and get the first answer."""
        self.send(text)
        return await self.expect(contains)

    async def click(self, label: str, contains: str | None = None) -> Msg:
        """Press a button and get the first answer."""
        self.press(label)
        return await self.expect(contains)

    def unread(self) -> list[Msg]:
        """Messages that arrived and were not looked at yet."""
        for raw in self.user.unread:
            self.harness.check_escaping(self.platform, raw)
        return [_normalize(self.platform, m) for m in self.user.unread]


def _normalize(platform: str, raw: Any) -> Msg:
    if platform == "telegram":
        return Msg(
            text=raw.plain_text or "",
            buttons=[text for row in raw.buttons for text, _ in row],
            payloads=[data for row in raw.buttons for _, data in row],
            document_name=raw.document_name,
            document_bytes=raw.document_bytes,
            photo=raw.photo,
            raw=raw,
        )
    return Msg(
        text=raw.text,
        buttons=[label for row in raw.buttons for label, _ in row],
        payloads=[
            payload.get("p") if isinstance(payload, dict) else json.dumps(payload)
            for row in raw.buttons
            for _, payload in row
        ],
        document_name=raw.doc_title,
        document_bytes=raw.doc_bytes,
        photo=raw.photo,
        raw=raw,
    )


def escaping_problems(platform: str, raw: Any, typed: list[str]) -> list[str]:
    """Text escaped more than once in one message: its text, button labels or text file."""
    html = (raw.text or "") if platform == "telegram" else ""
    msg = _normalize(platform, raw)
    seen = [msg.text, *(label or "" for label in msg.buttons)]
    if msg.document_bytes is not None:
        seen.append(msg.document_bytes.decode(errors="replace"))
    problems = [f"escaped twice: {found!r}" for found in escaped_twice(html)]
    problems += [
        f"{found!r} shown as is" for text in seen for found in leftover_entities(text, typed)
    ]
    return problems


class Harness:
    """Fake servers plus the bot process (in this event loop), restartable on one database."""

    DATABASE_FILE = "bot.sqlite3"

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.tg = FakeTelegram(TG_TOKEN)
        self.vk = FakeVK(group_id=VK_GROUP)
        self.clock = FakeClock()
        self.app: App | None = None
        self._task: asyncio.Task[None] | None = None
        self.settings: Settings | None = None
        self.typed: list[str] = []  # everything people typed: it may hold entities on purpose
        self._checked: set[int] = set()  # messages already checked (by id), not reported twice

    async def open(self) -> None:
        """Start both fake servers."""
        tg_base = await self.tg.start()
        vk_base = await self.vk.start()
        self.settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            TELEGRAM_BOT_TOKEN=TG_TOKEN,
            TELEGRAM_API_BASE=tg_base,
            VK_GROUP_TOKEN=self.vk.token,
            VK_GROUP_ID=VK_GROUP,
            VK_USER_TOKEN=self.vk.user_token,
            VK_API_BASE=f"{vk_base}/method/",
            DATABASE_URL=f"sqlite+aiosqlite:///{self.tmp_path / self.DATABASE_FILE}",
            DATA_DIR=str(self.tmp_path / "data"),
            SCHEDULER_TICK_SECONDS=3600,
        )

    async def start_bot(self) -> None:
        """Start the real bot and wait until it long-polls both platforms."""
        assert self.settings is not None
        self.app = App(self.settings, clock=self.clock)
        self.app.add_configured_platforms()
        await self.app.start()
        self._task = asyncio.create_task(self.app.run())
        await self.tg.wait_polling()
        await self.vk.wait_polling()

    async def stop_bot(self) -> None:
        """Stop the bot as a shutdown would (updates not yet fetched stay on the server)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self.app is not None:
            await self.app.stop()
            self.app = None

    async def restart_bot(self) -> None:
        """Stop and start again on the same database and data folder."""
        await self.stop_bot()
        await self.start_bot()

    async def close(self) -> None:
        """Stop everything; then check every message sent, read by the test or not."""
        await self.stop_bot()
        await self.tg.stop()
        await self.vk.stop()
        for platform, sent in (("telegram", self.tg.sent), ("vk", self.vk.sent)):
            for raw in sent:
                self.check_escaping(platform, raw)

    def check_escaping(self, platform: str, raw: Any) -> None:
        """Fail on a message a person would see with text escaped more than once."""
        if id(raw) in self._checked:
            return
        self._checked.add(id(raw))
        problems = escaping_problems(platform, raw, self.typed)
        assert not problems, f"{platform} message {raw.text!r}: {problems}"

    def chat(self, platform: str, user_id: int, language: str = "ru") -> Chat:
        """A person on `platform`."""
        return Chat(self, platform, user_id, language)

    def database(self) -> Database:
        """A separate connection to the bot's database, for assertions."""
        assert self.settings is not None
        return Database(self.settings.database_url)

    async def dispatch_due(self) -> int:
        """Run one outbox pass now (as the scheduler tick would)."""
        assert self.app is not None
        return await self.app.dispatcher.run_once()

    async def scheduler_jobs(self) -> None:
        """Run the scheduler's monitoring calendar and closing of surveys now, then one outbox
        pass (as the tick would)."""
        assert self.app is not None and self.settings is not None
        await run_monitoring(self.app.dispatcher, self.settings)
        await close_surveys(self.app.dispatcher, self.settings.default_timezone)
        await self.app.dispatcher.run_once()

    async def media_plan(self) -> int:
        """Run the media plan's pass now (as the scheduler tick would); posts it claimed."""
        assert self.app is not None
        return await self.app.media.run_once()

    async def expire_parent_codes(self) -> int:
        """Run the scheduler's expiry of unused parent codes now; how many children it erased."""
        assert self.app is not None
        return await expire_parent_codes(self.app.dispatcher)
