"""A channel on the fake Bot API: what the bot posts there (sendMessage, sendPhoto,
sendMediaGroup to its @username), recorded in order, with the Bot API's caption and text limits,
and a switch for a bot that is not (or no longer) an admin of it (403)."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

CHANNEL = "@nastavnik_news"
CHANNEL_CHAT = {
    "id": -1001234567890,
    "type": "channel",
    "title": "Наставник",
    "username": CHANNEL[1:],
}
MAX_TEXT, MAX_CAPTION, MAX_ALBUM = 4096, 1024, 10
NOT_ADMIN = "Forbidden: bot is not a member of the channel chat"


def _upload(files: dict[str, tuple[str, bytes]], reference: Any, field: str) -> bytes:
    """The bytes of a file sent with the request: its own field, or `attach://<name>`."""
    name = str(reference or "").removeprefix("attach://")
    found = files.get(field) or files.get(name)
    if found is None:
        raise ChannelRefused(400, "Bad Request: there is no photo in the request")
    return found[1]


class ChannelRefused(Exception):
    """The answer the Bot API gives: its status and description."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status


@dataclass
class ChannelPost:
    """One message in the channel: the method, its text or caption, its photos' bytes."""

    method: str
    text: str | None
    photos: list[bytes] = field(default_factory=list)
    message_id: int = 0


class FakeChannel:
    """The channel `username`; `admin` False: the bot may not post (403)."""

    METHODS = frozenset({"sendmessage", "sendphoto", "sendmediagroup"})

    def __init__(self, username: str = CHANNEL) -> None:
        self.username = username
        self.admin = True
        self.posts: list[ChannelPost] = []
        self._ids = itertools.count(1)

    def addressed(self, method: str, params: dict[str, Any]) -> bool:
        """Whether this request posts to the channel."""
        chat = params.get("chat_id")
        return method.lower() in self.METHODS and chat in (self.username, CHANNEL_CHAT["id"])

    def take(self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]) -> Any:
        """Record the post and answer as the Bot API would (ChannelRefused when it would not)."""
        if not self.admin:
            raise ChannelRefused(403, NOT_ADMIN)
        method = method.lower()
        if method == "sendmessage":
            text = str(params.get("text") or "")
            self._check(text, MAX_TEXT, "message is too long")
            return self._post(method, text, [])
        if method == "sendphoto":
            caption = params.get("caption")
            self._check(caption or "", MAX_CAPTION, "message caption is too long")
            return self._post(method, caption, [_upload(files, params.get("photo"), "photo")])
        media = params["media"]
        media = json.loads(media) if isinstance(media, str) else media
        if not 2 <= len(media) <= MAX_ALBUM:
            raise ChannelRefused(400, "Bad Request: wrong number of media in the album")
        for item in media:
            self._check(item.get("caption") or "", MAX_CAPTION, "message caption is too long")
        photos = [_upload(files, item["media"], "") for item in media]
        first = self._post(method, media[0].get("caption"), photos)
        return [first] + [self._message(None) for _ in media[1:]]

    @staticmethod
    def _check(text: str, limit: int, description: str) -> None:
        if len(text) > limit:
            raise ChannelRefused(400, f"Bad Request: {description}")

    def _post(self, method: str, text: str | None, photos: list[bytes]) -> dict[str, Any]:
        message = self._message(text)
        self.posts.append(ChannelPost(method, text, photos, message["message_id"]))
        return message

    def _message(self, text: str | None) -> dict[str, Any]:
        message = {"message_id": next(self._ids), "chat": CHANNEL_CHAT, "date": int(time.time())}
        if text is not None:
            message["text"] = text
        return message
