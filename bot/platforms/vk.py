"""VK adapter (vkbottle 4): group events in as `Incoming`, `Reply` objects out as messages."""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import random
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout
from vkbottle import (
    API,
    Bot,
    Callback,
    DocMessagesUploader,
    GroupEventType,
    Keyboard,
    PhotoMessageUploader,
    VKAPIError,
)
from vkbottle.api.request_rescheduler import BlockingRequestRescheduler
from vkbottle.bot import Message
from vkbottle.polling import BotPolling

from bot.core.conversation import Attachment, Button, FetchFailed, File, Incoming, Reply
from bot.platforms import rendering
from bot.platforms.base import (
    DeliveryRefused,
    Handle,
    PlatformRejected,
    RecipientUnavailable,
    RetryLater,
)
from bot.platforms.delivery import Failure, Kind, Sender, answer

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
ROWS, PER_ROW, BUTTONS = 6, 5, 10  # VK's inline keyboard limits
LANG_IDS = {0: "ru", 3: "en"}  # VK client languages we speak
UNAVAILABLE = {7, 900, 901, 902}  # permission denied, blacklisted, no messages allowed, privacy
TRANSIENT = {1, 10}  # unknown, internal error
TOO_MANY = {6, 9}  # too many requests per second, flood control: the whole community waits
INTENT_REFUSED = {943, 944}  # this intent may not be used now, or its limit is spent
AUTH_FAILED = {5, 27, 28}  # authorization failed, group or app token refused
RETRY_DELAY = 0.5  # seconds vkbottle waits before re-asking after a non-JSON (5xx) answer
DOWNLOAD_TIMEOUT = 60.0  # seconds for one file a person sent


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


def classify(exc: BaseException) -> Failure | None:
    """How a VK API error bears on the message (None: not a VK or network error)."""
    if isinstance(exc, VKAPIError):
        code = getattr(exc, "code", None)
        if code in UNAVAILABLE or code in INTENT_REFUSED:  # the intent's: unreachable for now
            return Failure(Kind.UNAVAILABLE)
        if code in TOO_MANY:
            return Failure(Kind.TRANSIENT, 1.0)
        return Failure(Kind.TRANSIENT if code in TRANSIENT else Kind.REFUSED)
    if isinstance(exc, TimeoutError | OSError | ClientError):
        return Failure(Kind.TRANSIENT)
    return None


def peer_failure(error: dict[str, Any]) -> Exception:
    """One peer's error in a `peer_ids` answer: unreachable (blocked, privacy, the intent
    refused), else worth another try."""
    code, text = error.get("code"), str(error.get("description") or error)
    if code in UNAVAILABLE or code in INTENT_REFUSED:
        return RecipientUnavailable(f"[{code}] {text}")
    return RetryLater(f"[{code}] {text}")


def random_id(dedup_key: str | None, reply_no: int, piece_no: int) -> int:
    """VK's `random_id` for one message: the same for every try of the same send, so VK drops
    a repeat (after a timeout, say) instead of showing the message twice."""
    if dedup_key is None:
        return random.getrandbits(31) or 1
    seed = f"{dedup_key}/{reply_no}/{piece_no}".encode()
    return int.from_bytes(hashlib.blake2b(seed, digest_size=4).digest()) & 0x7FFFFFFF or 1


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


def attachments_of(message: Message) -> tuple[Attachment, ...]:
    """The photos (each at its largest size) and documents of a message, fetched from their
    URLs when a flow takes them."""
    found = []
    for item in message.attachments or []:
        if item.photo is not None and item.photo.sizes:
            size = max(item.photo.sizes, key=lambda s: s.width * s.height)
            if size.url:
                fetch = partial(download, size.url)
                found.append(Attachment(f"photo-{item.photo.id}.jpg", "image/jpeg", fetch=fetch))
        elif item.doc is not None and item.doc.url:
            mime = mimetypes.guess_type(item.doc.title)[0] or "application/octet-stream"
            fetch = partial(download, item.doc.url)
            found.append(Attachment(item.doc.title, mime, item.doc.size, fetch=fetch))
    return tuple(found)


async def download(url: str, limit: int) -> bytes:
    """A file at `url`, read up to `limit` + 1 bytes (enough to know it is too large)."""
    timeout = ClientTimeout(total=DOWNLOAD_TIMEOUT)
    content = bytearray()
    try:
        async with ClientSession(timeout=timeout) as session, session.get(url) as response:
            response.raise_for_status()
            async for chunk in response.content.iter_chunked(65536):
                content += chunk
                if len(content) > limit:
                    break
    except (ClientError, TimeoutError) as exc:
        raise FetchFailed(type(exc).__name__) from exc
    return bytes(content)


class VkPlatform:
    """Long-polls a VK community (any API base URL) and sends replies with error handling."""

    name = "vk"
    rate = 15.0  # notifications a second, under VK's 20 requests for a community token

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
        # Read as a plain dict: a payload that is not an object (`[]`, `123`) must still be
        # answered (as a stale button), not fail vkbottle's validation.
        self.bot.on.raw_event(GroupEventType.MESSAGE_EVENT, dataclass=dict)(self._on_event)
        self.sender = Sender(self.name, classify)
        self.uploader = DocMessagesUploader(self.api)
        self.photos = PhotoMessageUploader(self.api)

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
            attachments=() if payload else attachments_of(message),
        )
        key = f"in:{message.peer_id}:{message.conversation_message_id or message.id}"
        await answer(self, self.handle, str(message.peer_id), incoming, dedup_key=key)

    async def _on_event(self, event: dict[str, Any]) -> None:
        obj = event.get("object") or {}
        user_id, peer_id = obj.get("user_id"), obj.get("peer_id")
        if not isinstance(user_id, int) or not isinstance(peer_id, int):
            return
        try:
            await self.api.messages.send_message_event_answer(
                event_id=str(obj.get("event_id")), user_id=user_id, peer_id=peer_id
            )
        except VKAPIError as exc:
            log.info("event answer failed: %s", exc)
        cmid = obj.get("conversation_message_id")
        incoming = Incoming(
            platform=self.name,
            external_id=str(user_id),
            payload=payload_of(obj.get("payload")) or "",
            message=str(cmid) if cmid else None,
        )
        key = f"ev:{obj.get('event_id')}"
        await answer(self, self.handle, str(peer_id), incoming, key)

    async def send(
        self,
        external_id: str,
        replies: Sequence[Reply],
        in_place_of: str | None = None,
        dedup_key: str | None = None,
    ) -> None:
        """Send replies to one chat as plain text, split at VK's limit, pictures as photos and
        other files as documents.

        Every message's `random_id` comes from `dedup_key`, so a repeated send is dropped by VK.
        """
        peer_id = int(external_id)
        for reply_no, reply in enumerate(replies):
            pieces = rendering.split(rendering.to_plain(reply.text), TEXT_LIMIT)
            editable = reply.replace and in_place_of and len(pieces) == 1 and not reply.file
            if editable and await self._edit(external_id, in_place_of or "", reply):
                continue
            attachment = None
            if reply.file is not None:
                attachment = await self.sender.call(self._upload, reply.file, peer_id)
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                params: dict[str, Any] = {"peer_id": peer_id, "message": piece}
                if last and reply.buttons:
                    params["keyboard"] = keyboard(reply.buttons)
                if last and attachment:
                    params["attachment"] = attachment
                params["random_id"] = random_id(dedup_key, reply_no, index)
                if reply.intent:
                    params["intent"] = reply.intent
                await self.sender.call(self.api.messages.send, **params)

    async def send_many(
        self, external_ids: Sequence[str], reply: Reply, dedup_key: str
    ) -> dict[str, Exception]:
        """One reply to up to 100 chats: a `messages.send` with `peer_ids` per piece of text,
        the file uploaded once; VK answers each peer apart. Every request's `random_id` comes
        from `dedup_key`, so VK drops a repeat to a peer it already reached."""
        failed: dict[str, Exception] = {}
        pieces = rendering.split(rendering.to_plain(reply.text), TEXT_LIMIT)
        attachment = None
        if reply.file is not None:
            attachment = await self.sender.call(self._upload, reply.file, int(external_ids[0]))
        for index, piece in enumerate(pieces):
            peers = [chat for chat in external_ids if chat not in failed]
            if not peers:
                break
            params: dict[str, Any] = {"peer_ids": ",".join(peers), "message": piece}
            if index == len(pieces) - 1 and reply.buttons:
                params["keyboard"] = keyboard(reply.buttons)
            if index == len(pieces) - 1 and attachment:
                params["attachment"] = attachment
            params["random_id"] = random_id(dedup_key, 0, index)
            if reply.intent:
                params["intent"] = reply.intent
            answer = await self.sender.call(self.api.request, "messages.send", params)
            for result in answer.get("response") or []:
                if result.get("error"):
                    failed[str(result.get("peer_id"))] = peer_failure(result["error"])
        return failed

    async def edit(self, external_id: str, message: str, reply: Reply) -> None:
        """Edit a message sent earlier (`message`: its id in the conversation) as plain text."""
        params: dict[str, Any] = {
            "peer_id": int(external_id),
            "conversation_message_id": int(message),
            "message": rendering.to_plain(reply.text),
            "keyboard": keyboard(reply.buttons) or Keyboard(inline=True).get_json(),
        }
        await self.sender.call(self.api.messages.edit, **params)

    async def _edit(self, external_id: str, message: str, reply: Reply) -> bool:
        """Edit a message in place; False when VK refuses (then a new message is sent)."""
        try:
            await self.edit(external_id, message, reply)
        except DeliveryRefused as exc:
            log.info("edit failed, sending anew: %s", exc)
            return False
        return True

    async def _upload(self, file: File, peer_id: int) -> str:
        """A picture uploaded as a photo, anything else as a document."""
        if file.is_photo:
            return await self.photos.upload(file.content, peer_id=peer_id)
        return await self.uploader.upload(file.content, peer_id=peer_id, title=file.name)
