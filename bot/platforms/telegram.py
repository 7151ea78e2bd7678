"""Telegram adapter (aiogram 3): updates in as `Incoming`, `Reply` objects out as messages."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from functools import partial

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
)
from aiohttp import ClientError

from bot.core.conversation import (
    Attachment,
    Button,
    FetchFailed,
    File,
    Incoming,
    Reply,
    TooLarge,
)
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
CAPTION_LIMIT = 1024
PHOTO_LIMIT = 10 * 1024 * 1024  # sendPhoto's limit; a larger picture goes as a document
DOWNLOAD_TIMEOUT = 60  # seconds for one file a person sent
ALBUM_LIMIT = 10  # photos in one media group


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard for a reply's buttons."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=b.label, callback_data=b.payload) for b in row]
            for row in rows
        ]
    )


def classify(exc: BaseException) -> Failure | None:
    """How a Bot API error bears on the message (None: not a Bot API error)."""
    if isinstance(exc, TelegramRetryAfter):
        return Failure(Kind.TRANSIENT, float(exc.retry_after))
    if isinstance(exc, TelegramForbiddenError):
        return Failure(Kind.UNAVAILABLE)
    if isinstance(exc, TelegramBadRequest):
        gone = "chat not found" in exc.message.lower()
        return Failure(Kind.UNAVAILABLE if gone else Kind.REFUSED)
    if isinstance(exc, TelegramServerError | TelegramNetworkError):
        return Failure(Kind.TRANSIENT)
    return None


class _Session(AiohttpSession):
    """aiogram's HTTP session; closing it waits for TLS connections only when there can be any
    (aiogram always waits 250 ms; a local Bot API server on plain HTTP needs no wait)."""

    async def close(self) -> None:
        if self.api.base.startswith("https:"):
            await super().close()
        elif self._session is not None and not self._session.closed:
            await self._session.close()


class TelegramPlatform:
    """Long-polls the Bot API (any base URL) and sends replies with rate-limit handling."""

    name = "telegram"
    rate = 25.0  # notifications a second, under Telegram's ~30 for a bot

    def __init__(
        self,
        token: str,
        api_base: str,
        handle: Handle,
        commands: dict[str, list[tuple[str, str]]] | None = None,
        default_locale: str = "ru",
    ) -> None:
        session = _Session(api=TelegramAPIServer.from_base(api_base))
        self.bot = Bot(token, session=session)
        self.handle = handle
        self.commands = commands or {}
        self.default_locale = default_locale
        self.sender = Sender(self.name, classify)
        self.dispatcher = Dispatcher()
        self.dispatcher.message.register(self._on_message)
        self.dispatcher.callback_query.register(self._on_callback)

    async def run(self) -> None:
        """Long-poll until cancelled."""
        try:
            await self.bot.delete_webhook(drop_pending_updates=False)
        except TelegramUnauthorizedError as exc:
            raise PlatformRejected(f"TELEGRAM_BOT_TOKEN was rejected by Telegram: {exc}") from exc
        await self._publish_commands()
        polling = asyncio.create_task(
            self.dispatcher.start_polling(self.bot, handle_signals=False, close_bot_session=False)
        )
        try:
            await asyncio.shield(polling)
        except asyncio.CancelledError:
            # aiogram stops cleanly only through stop_polling(); a bare cancel leaves its
            # polling task running.
            if not polling.done():
                await self.dispatcher.stop_polling()
            await asyncio.gather(polling, return_exceptions=True)
            raise

    async def _publish_commands(self) -> None:
        """Fill Telegram's command menu in each language (a failure only costs the menu)."""
        for locale, commands in self.commands.items():
            items = [BotCommand(command=name, description=text) for name, text in commands]
            try:
                await self.bot.set_my_commands(items, language_code=locale)
                if locale == self.default_locale:
                    await self.bot.set_my_commands(items)
            except TelegramAPIError as exc:
                log.warning("could not set the command menu (%s): %s", locale, exc)

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.bot.session.close()

    async def _on_message(self, message: Message) -> None:
        if message.chat.type != "private" or message.from_user is None:
            return
        incoming = Incoming(
            platform=self.name,
            external_id=str(message.from_user.id),
            text=message.text or message.caption or "",
            formatted=message.html_text if message.entities or message.caption_entities else None,
            language_code=message.from_user.language_code,
            attachments=self._attachments(message),
            album=message.media_group_id,
        )
        await answer(self, self.handle, str(message.chat.id), incoming)

    def _attachments(self, message: Message) -> tuple[Attachment, ...]:
        """The photo (its largest size) or the document of a message, fetched when taken."""
        if message.photo:
            photo = max(message.photo, key=lambda size: size.width * size.height)
            fetch = partial(self._download, photo.file_id)
            name = f"photo-{photo.file_unique_id}.jpg"
            return (Attachment(name, "image/jpeg", photo.file_size, fetch=fetch),)
        document = message.document
        if document is not None:
            fetch = partial(self._download, document.file_id)
            mime = document.mime_type or "application/octet-stream"
            name = document.file_name or "document"
            return (Attachment(name, mime, document.file_size, fetch=fetch),)
        return ()

    async def _download(self, file_id: str, limit: int) -> bytes:
        """A file's bytes through getFile and the Bot API's file route, at most `limit` + 1."""
        try:
            found = await self.sender.call(self.bot.get_file, file_id=file_id)
        except DeliveryRefused as exc:  # the Bot API hands bots files of up to 20 MB only
            if "too big" in str(exc).lower():
                raise TooLarge(file_id) from exc
            raise FetchFailed(str(exc)) from exc
        except (RetryLater, RecipientUnavailable) as exc:
            raise FetchFailed(str(exc)) from exc
        if (found.file_size or 0) > limit or not found.file_path:
            raise TooLarge(file_id)
        url = self.bot.session.api.file_url(self.bot.token, found.file_path)
        content = bytearray()
        try:
            async for chunk in self.bot.session.stream_content(url, timeout=DOWNLOAD_TIMEOUT):
                content += chunk
                if len(content) > limit:
                    break
        except (ClientError, TimeoutError) as exc:
            raise FetchFailed(type(exc).__name__) from exc
        return bytes(content)

    async def _on_callback(self, callback: CallbackQuery) -> None:
        try:
            await callback.answer()
        except TelegramAPIError as exc:  # an old query can no longer be answered; go on anyway
            log.info("callback answer failed: %s", exc)
        if callback.data is None:
            return
        chat_id = callback.message.chat.id if callback.message else callback.from_user.id
        incoming = Incoming(
            platform=self.name,
            external_id=str(callback.from_user.id),
            payload=callback.data,
            language_code=callback.from_user.language_code,
            message=str(callback.message.message_id) if callback.message else None,
        )
        await answer(self, self.handle, str(chat_id), incoming)

    async def send(
        self,
        external_id: str,
        replies: Sequence[Reply],
        in_place_of: str | None = None,
        dedup_key: str | None = None,
    ) -> None:
        """Send replies to one chat, split at Telegram's limit, files as documents.

        Telegram has no way to deduplicate a repeated send, so `dedup_key` is not used.
        """
        chat_id = int(external_id)
        for reply in replies:
            markup = keyboard(reply.buttons)
            fits = len(reply.text) <= TEXT_LIMIT and reply.file is None
            if (
                reply.replace
                and in_place_of
                and fits
                and await self._edit(external_id, in_place_of, reply)
            ):
                continue
            if reply.file is not None and len(reply.text) <= CAPTION_LIMIT:
                await self._send_file(chat_id, reply.file, markup, reply.text or None)
                continue
            pieces = rendering.split(reply.text, TEXT_LIMIT)
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1 and reply.file is None
                await self.sender.call(
                    self.bot.send_message,
                    chat_id=chat_id,
                    text=piece,
                    parse_mode="HTML",
                    reply_markup=markup if last else None,
                )
            if reply.file is not None:
                await self._send_file(chat_id, reply.file, markup)

    async def _send_file(
        self,
        chat_id: int,
        file: File,
        markup: InlineKeyboardMarkup | None,
        caption: str | None = None,
    ) -> None:
        """A picture as a photo (within sendPhoto's limit), anything else as a document."""
        upload = BufferedInputFile(file.content, filename=file.name)
        common = {"chat_id": chat_id, "caption": caption, "reply_markup": markup}
        if file.is_photo and len(file.content) <= PHOTO_LIMIT:
            await self.sender.call(self.bot.send_photo, photo=upload, parse_mode="HTML", **common)
        else:
            method = self.bot.send_document
            await self.sender.call(method, document=upload, parse_mode="HTML", **common)

    async def edit(self, external_id: str, message: str, reply: Reply) -> None:
        """Edit a message sent earlier ("message is not modified" is no error)."""
        try:
            await self.sender.call(
                self.bot.edit_message_text,
                chat_id=int(external_id),
                message_id=int(message),
                text=reply.text,
                parse_mode="HTML",
                reply_markup=keyboard(reply.buttons),
            )
        except DeliveryRefused as exc:
            if "not modified" not in str(exc).lower():
                raise

    async def _edit(self, external_id: str, message: str, reply: Reply) -> bool:
        """Edit a message in place; False when Telegram refuses (too old, deleted…)."""
        try:
            await self.edit(external_id, message, reply)
        except DeliveryRefused as exc:
            log.info("edit failed, sending anew: %s", exc)
            return False
        return True

    async def post_to_channel(self, channel: str, text: str, photos: Sequence[File]) -> int:
        """A wall post, as plain text, in a channel the bot administers: one photo with its
        caption, several as media groups of up to ten (the caption on the first), text too
        long for a caption (1,024) after them, split at 4,096. The first message's id; raises
        `RecipientUnavailable` (not an admin, no such channel), `DeliveryRefused`, `RetryLater`.
        """
        chat_id: int | str = int(channel) if channel.lstrip("-").isdigit() else channel
        caption = text if len(text) <= CAPTION_LIMIT else None
        first: list[int] = []
        for start in range(0, len(photos), ALBUM_LIMIT):
            group = photos[start : start + ALBUM_LIMIT]
            words = caption if start == 0 else None
            uploads = [BufferedInputFile(p.content, filename=p.name) for p in group]
            if len(group) == 1:
                sent = await self.sender.call(
                    self.bot.send_photo, chat_id=chat_id, photo=uploads[0], caption=words
                )
                first.append(sent.message_id)
            else:
                media = [
                    InputMediaPhoto(media=u, caption=words if i == 0 else None)
                    for i, u in enumerate(uploads)
                ]
                album = await self.sender.call(
                    self.bot.send_media_group, chat_id=chat_id, media=media
                )
                first.append(album[0].message_id)
        if caption is None or not photos:
            for piece in rendering.split(text, TEXT_LIMIT):
                sent = await self.sender.call(self.bot.send_message, chat_id=chat_id, text=piece)
                first.append(sent.message_id)
        return first[0]
