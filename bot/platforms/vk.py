"""VK adapter (vkbottle 4): group events in as `Incoming`, `Reply` objects out as messages."""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from vkbottle import (
    API,
    Bot,
    Callback,
    DocMessagesUploader,
    GroupEventType,
    GroupTypes,
    Keyboard,
    VKAPIError,
)
from vkbottle.api.request_rescheduler import BlockingRequestRescheduler
from vkbottle.bot import Message
from vkbottle.polling import BotPolling

from bot.core.conversation import Button, Incoming, Reply
from bot.platforms import rendering
from bot.platforms.base import PlatformRejected, RecipientUnavailable, RetryLater

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
ROWS, PER_ROW, BUTTONS = 6, 5, 10  # VK's inline keyboard limits
LANG_IDS = {0: "ru", 3: "en"}  # VK client languages we speak
UNAVAILABLE = {7, 900, 901, 902}  # permission denied, blacklisted, no messages allowed, privacy
TRANSIENT = {1, 6, 9, 10}  # unknown, too many requests, flood control, internal error
AUTH_FAILED = {5, 27, 28}  # authorization failed, group or app token refused
ATTEMPTS = 3
RETRY_DELAY = 0.5  # seconds, growing with each attempt, after a 5xx or a network error

Handle = Callable[[Incoming], Awaitable[list[Reply]]]


class StatefulPolling(BotPolling):
    """Long poll that keeps its position in the data folder, so a restart resumes from it."""

    def __init__(self, state_dir: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state_dir = state_dir

    @property
    def ts_state_path(self) -> Path:
        """Where the last seen long-poll position is kept."""
        return self.state_dir / f"{self.group_id}.json"

    def restore_server_ts(self, server: dict[str, Any]) -> dict[str, Any]:
        """Resume from the saved position; on the very first start, save it at once so that
        messages sent during a later downtime are still fetched."""
        restored = super().restore_server_ts(server)
        if not self.ts_state_path.exists():
            self.save_server_ts(restored)
        return restored


def keyboard(rows: list[list[Button]]) -> str | None:
    """An inline keyboard of callback buttons, cut to VK's limits."""
    if not rows:
        return None
    board = Keyboard(inline=True)
    count = 0
    for row_index, row in enumerate(rows[:ROWS]):
        if row_index:
            board.row()
        for button in row[:PER_ROW]:
            if count == BUTTONS:
                break
            board.add(Callback(button.label, payload={"p": button.payload}))
            count += 1
    return board.get_json()


def payload_of(raw: Any) -> str | None:
    """Our payload string from a VK button payload (object or JSON text); None if foreign."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return None
    if isinstance(raw, dict) and isinstance(raw.get("p"), str):
        return str(raw["p"])
    return None


class VkPlatform:
    """Long-polls a VK community (any API base URL) and sends replies with error handling."""

    name = "vk"

    def __init__(
        self, token: str, group_id: int, api_base: str, state_dir: Path, handle: Handle
    ) -> None:
        # vkbottle re-requests a non-JSON answer (a 5xx page) itself; keep its pauses short.
        self.api = API(token, request_rescheduler=BlockingRequestRescheduler(RETRY_DELAY))  # type: ignore[arg-type]
        self.api.API_URL = api_base if api_base.endswith("/") else api_base + "/"
        self.group_id = group_id
        self.handle = handle
        polling = StatefulPolling(state_dir, api=self.api, group_id=group_id)
        self.bot = Bot(api=self.api, polling=polling, skip_old_events=False)
        self.bot.on.message()(self._on_message)
        self.bot.on.raw_event(GroupEventType.MESSAGE_EVENT, dataclass=GroupTypes.MessageEvent)(
            self._on_event
        )
        self.uploader = DocMessagesUploader(self.api)

    async def run(self) -> None:
        """Long-poll until cancelled."""
        try:
            await self.api.groups.get_by_id(group_id=self.group_id)
        except VKAPIError as exc:
            if getattr(exc, "code", None) in AUTH_FAILED:
                raise PlatformRejected(f"VK_GROUP_TOKEN was rejected by VK: {exc}") from exc
            raise
        await self.bot.run_polling()

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.api.http_client.close()

    async def _on_message(self, message: Message) -> None:
        if message.peer_id != message.from_id:  # only private chats with the community
            return
        lang = message.client_info.lang_id if message.client_info else None
        payload = payload_of(message.payload) if message.payload else None
        incoming = Incoming(
            platform=self.name,
            external_id=str(message.from_id),
            text=None if payload else message.text,
            payload=payload,
            language_code=LANG_IDS.get(lang) if lang is not None else None,
        )
        await self._answer(str(message.peer_id), incoming)

    async def _on_event(self, event: GroupTypes.MessageEvent) -> None:
        obj = event.object
        try:
            await self.api.messages.send_message_event_answer(
                event_id=obj.event_id, user_id=obj.user_id, peer_id=obj.peer_id
            )
        except VKAPIError as exc:
            log.info("event answer failed: %s", exc)
        incoming = Incoming(
            platform=self.name, external_id=str(obj.user_id), payload=payload_of(obj.payload) or ""
        )
        cmid = str(obj.conversation_message_id) if obj.conversation_message_id else None
        await self._answer(str(obj.peer_id), incoming, cmid)

    async def _answer(self, peer_id: str, incoming: Incoming, cmid: str | None = None) -> None:
        replies = await self.handle(incoming)
        try:
            await self.send(peer_id, replies, cmid)
        except (RecipientUnavailable, RetryLater) as exc:
            log.warning("reply to vk:%s not delivered: %s", peer_id, exc)
        except Exception:
            log.exception("reply to vk:%s failed", peer_id)

    async def send(
        self, external_id: str, replies: Sequence[Reply], in_place_of: str | None = None
    ) -> None:
        """Send replies to one chat as plain text, split at VK's limit, files as documents."""
        peer_id = int(external_id)
        for reply in replies:
            pieces = rendering.split(rendering.to_plain(reply.text), TEXT_LIMIT)
            editable = reply.replace and in_place_of and len(pieces) == 1 and not reply.file
            if editable and await self._edit(
                peer_id, int(in_place_of or 0), pieces[0], reply.buttons
            ):
                continue
            attachment = None
            if reply.file is not None:
                attachment = await self._call(
                    self._upload, reply.file.name, reply.file.content, peer_id
                )
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                params: dict[str, Any] = {"peer_id": peer_id, "message": piece}
                if last and reply.buttons:
                    params["keyboard"] = keyboard(reply.buttons)
                if last and attachment:
                    params["attachment"] = attachment
                await self._call(self._send_message, **params)

    async def _edit(self, peer_id: int, cmid: int, text: str, buttons: list[list[Button]]) -> bool:
        """Edit a message in place; False when VK refuses (then a new message is sent)."""
        params: dict[str, Any] = {
            "peer_id": peer_id,
            "conversation_message_id": cmid,
            "message": text,
            "keyboard": keyboard(buttons) or Keyboard(inline=True).get_json(),
        }
        try:
            await self._call(self.api.messages.edit, **params)
        except VKAPIError as exc:
            log.info("edit failed, sending anew: %s", exc)
            return False
        return True

    async def _send_message(self, **params: Any) -> Any:
        return await self.api.messages.send(random_id=random.getrandbits(31), **params)

    async def _upload(self, name: str, content: bytes, peer_id: int) -> str:
        return await self.uploader.upload(content, peer_id=peer_id, title=name)

    async def _call(self, method: Callable[..., Awaitable[Any]], *args: Any, **params: Any) -> Any:
        """One VK API call with flood / internal-error retries; blocked users are reported."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await method(*args, **params)
            except VKAPIError as exc:
                code = getattr(exc, "code", None)
                if code in UNAVAILABLE:
                    raise RecipientUnavailable(str(exc)) from exc
                if code not in TRANSIENT:
                    raise
                if attempt == ATTEMPTS:
                    raise RetryLater(str(exc)) from exc
                await asyncio.sleep(RETRY_DELAY * attempt)
            except (TimeoutError, OSError) as exc:
                if attempt == ATTEMPTS:
                    raise RetryLater(str(exc)) from exc
                await asyncio.sleep(RETRY_DELAY * attempt)
        raise AssertionError("unreachable")
