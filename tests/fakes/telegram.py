"""A fake Telegram Bot API server (``{base}/bot{token}/{method}``) for aiogram tests.

Usage::

    async with FakeTelegram() as tg:
        bot = Bot(tg.token, session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
        ...
        alice = tg.user(1001)
        alice.send("/start")
        reply = await alice.next_message()
        alice.press("Next")

The fake validates requests the way the real Bot API does for the things our adapter
gets wrong most easily (HTML markup, length limits, callback_data size, blocked users).
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import itertools
import json
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from aiohttp import web

from tests.fakes.hold import AnswerHold
from tests.fakes.rate import RateGate
from tests.fakes.telegram_channel import ChannelRefused, FakeChannel

from . import FakeServer, FakeUser

__all__ = [
    "BOT_USERNAME",
    "DEFAULT_TOKEN",
    "BotAPIError",
    "CallbackAnswer",
    "FakeTelegram",
    "SentMessage",
    "TgUser",
    "html_to_plain",
]

DEFAULT_TOKEN = "123456789:TEST-nastavnik-token"
BOT_USERNAME = "nastavnik_test_bot"
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64

# Fields that aiogram (and the Bot API) transfer as JSON-serialized strings in form data.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
    }
)
_INT_FIELDS = frozenset(
    {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time", "from_chat_id"}
)
_BOOL_FIELDS = frozenset(
    {"show_alert", "disable_notification", "protect_content", "drop_pending_updates"}
)
_INLINE_ACTIONS = frozenset(
    {
        "callback_data",
        "url",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_SERVER_ERROR_TEXT = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


class BotAPIError(Exception):
    """An error response of the Bot API: ``{"ok": false, "error_code": ..., ...}``."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def response(self) -> web.Response:
        """Render the error as the Bot API would."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return web.json_response(body, status=self.status)


def _bad_request(description: str) -> BotAPIError:
    return BotAPIError(400, f"Bad Request: {description}")


# --------------------------------------------------------------------------- HTML parsing

_ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "blockquote",
    }
)
_SPECIAL_RE = re.compile(r"[<&]")
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot));?")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ATTR_RE = re.compile(
    r"""([A-Za-z_][-A-Za-z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[A-Za-z0-9.-]+))?"""
)


class EntityParseError(ValueError):
    """Raised by :func:`html_to_plain` for markup Telegram would reject."""


def html_to_plain(text: str, *, strict_ampersand: bool = True) -> str:
    """Parse Telegram-flavoured HTML and return the visible text.

    Mirrors TDLib's ``parse_html`` closely enough for tests: only the Bot API tags are
    allowed, tags must nest properly, and ``<`` must start a tag.  Real Telegram keeps a
    bare ``&`` that doesn't start an entity as-is; with ``strict_ampersand`` (default) it is
    rejected instead, because the Bot API docs require escaping it and an unescaped ``&``
    usually means user input went unescaped.
    """

    def offset(pos: int) -> int:
        return len(text[:pos].encode("utf-8"))

    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        match = _SPECIAL_RE.search(text, i)
        if match is None:
            out.append(text[i:])
            break
        if match.start() > i:
            out.append(text[i : match.start()])
            i = match.start()
        if text[i] == "&":
            entity = _ENTITY_RE.match(text, i)
            if entity is not None:
                dec, hexa, name = entity.groups()
                code = int(dec) if dec else int(hexa, 16) if hexa else None
                if code is None:
                    out.append(_NAMED_ENTITIES[name])
                    i = entity.end()
                    continue
                if 0 < code < 0x110000:
                    out.append(chr(code))
                    i = entity.end()
                    continue
            if strict_ampersand:
                raise EntityParseError(f'Unescaped "&" (must be &amp;) at byte offset {offset(i)}')
            out.append("&")
            i += 1
            continue
        # text[i] == "<"
        begin = i
        if text.startswith("</", i):
            end = text.find(">", i)
            if end < 0:
                raise EntityParseError(f"Unclosed end tag at byte offset {offset(begin)}")
            name = text[i + 2 : end].strip().lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {offset(begin)}")
            if name and name != stack[-1]:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {offset(begin)}, expected "</{stack[-1]}>", '
                    f'found "</{name}>"'
                )
            stack.pop()
            i = end + 1
            continue
        j = i + 1
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {offset(begin)}")
        name = text[i + 1 : j].lower()
        if name not in _ALLOWED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset(begin)}')
        attrs: dict[str, str] = {}
        k = j
        while True:
            while k < n and text[k].isspace():
                k += 1
            if k >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {offset(begin)}")
            if text[k] == ">":
                break
            attr = _ATTR_RE.match(text, k)
            if attr is None:
                raise EntityParseError(
                    f'Expected equal sign in declaration of attribute of the tag "{name}" '
                    f"at byte offset {offset(begin)}"
                )
            value = attr.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            attrs[attr.group(1).lower()] = value
            k = attr.end()
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {offset(begin)}'
            )
        stack.append(name)
        i = k + 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


# --------------------------------------------------------------------------- data types


class CallbackAnswer(NamedTuple):
    """One ``answerCallbackQuery`` call."""

    callback_query_id: str
    text: str | None
    show_alert: bool


Buttons = list[list[tuple[str, str | None]]]


@dataclass(eq=False)
class SentMessage:
    """A message the bot sent (``sendMessage``/``sendDocument``) as the user would see it.

    ``text`` is what the bot sent (the caption for documents), markup included; use
    ``plain_text`` for the rendered text.  ``buttons`` are the inline keyboard rows as
    ``(text, callback_data)`` (``callback_data`` is None for URL buttons).  Edits update the
    original object in place and are also delivered to ``next_message()`` as a copy with
    ``edited=True``.
    """

    chat_id: int
    message_id: int
    text: str | None
    parse_mode: str | None = None
    buttons: Buttons = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    document_name: str | None = None
    document_bytes: bytes | None = None
    photo: bool = False  # sent with sendPhoto (document_* then hold the picture)
    edited: bool = False
    deleted: bool = False
    edit_count: int = 0
    date: int = 0
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def plain_text(self) -> str | None:
        """The visible text (HTML tags stripped and entities decoded)."""
        if self.text is None or (self.parse_mode or "").upper() != "HTML":
            return self.text
        return html_to_plain(self.text, strict_ampersand=False)

    @property
    def button_labels(self) -> list[str]:
        """All inline button texts, row by row."""
        return [text for row in self.buttons for text, _ in row]

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """Rows of a (non-inline) reply keyboard attached to the message, if any."""
        markup = self.reply_markup or {}
        if "keyboard" not in markup:
            return None
        return [
            [b if isinstance(b, str) else b.get("text", "") for b in row]
            for row in markup["keyboard"]
        ]

    def find_button(self, label_or_data: str) -> tuple[str, str | None] | None:
        """The inline button whose text or callback_data equals the argument."""
        for row in self.buttons:
            for text, data in row:
                if label_or_data in (text, data):
                    return text, data
        return None


def _describe(messages: Any) -> str:
    lines = []
    for m in messages:
        flag = " (edited)" if m.edited else ""
        text = (m.text or "")[:120]
        doc = f" [document {m.document_name}]" if m.document_name else ""
        lines.append(f"  #{m.message_id}{flag}: {text!r}{doc} buttons={m.button_labels}")
    return "\n".join(lines) or "  (nothing)"


class TgUser(FakeUser[SentMessage]):
    """A Telegram user chatting with the bot in a private chat (chat id == user id)."""

    label = "user"
    describe = staticmethod(_describe)

    def __init__(
        self,
        fake: FakeTelegram,
        user_id: int,
        language_code: str | None,
        first_name: str,
        username: str | None,
    ) -> None:
        super().__init__(user_id)
        self.fake = fake
        self.language_code = language_code
        self.first_name = first_name
        self.username = username

    def __repr__(self) -> str:
        return f"<TgUser {self.id}>"

    @property
    def as_dict(self) -> dict[str, Any]:
        """The Bot API ``User`` object."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    @property
    def chat(self) -> dict[str, Any]:
        """The Bot API ``Chat`` object of the private chat."""
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat

    def send(self, text: str, entities: list[dict[str, Any]] | None = None) -> int:
        """Push a ``message`` update with ``text`` (and its formatting ``entities``: bold,
        text_link…, offsets in UTF-16 units as Telegram counts); returns the update id."""
        message: dict[str, Any] = {
            "message_id": self.fake._next_message_id(self.id),
            "from": self.as_dict,
            "chat": self.chat,
            "date": int(time.time()),
            "text": text,
        }
        command = re.match(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?", text)
        if command:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        if entities:
            message["entities"] = entities
        return self.fake.push_update("message", message)

    def send_file(
        self,
        name: str,
        data: bytes,
        mime: str,
        caption: str | None = None,
        declared_size: int | None = None,
        album: str | None = None,
    ) -> int:
        """Push a message with a photo (an ``image/*`` mime: two sizes, as Telegram sends) or a
        document; its bytes are served by getFile and the file route. ``declared_size`` is the
        ``file_size`` Telegram reports (a 30 MB file without sending 30 MB); ``album``: the
        ``media_group_id`` of an album, whose files come one a message."""
        message: dict[str, Any] = {
            "message_id": self.fake._next_message_id(self.id),
            "from": self.as_dict,
            "chat": self.chat,
            "date": int(time.time()),
        }
        size = len(data) if declared_size is None else declared_size
        if mime.startswith("image/"):
            thumb = self.fake._keep_file(name, data[:8])
            full = self.fake._keep_file(name, data)
            message["photo"] = [
                {**thumb, "width": 90, "height": 90, "file_size": 8},
                {**full, "width": 1280, "height": 960, "file_size": size},
            ]
        else:
            document = self.fake._keep_file(name, data)
            message["document"] = {**document, "file_name": name, "mime_type": mime,
                                   "file_size": size}  # fmt: skip
        if caption:
            message["caption"] = caption
        if album:
            message["media_group_id"] = album
        return self.fake.push_update("message", message)

    def press(self, label_or_payload: str, message: SentMessage | int | None = None) -> int:
        """Press the inline button with this text or callback_data; returns the update id.

        ``message`` defaults to the latest message to this user with an inline keyboard.
        """
        target = self._resolve_message(message)
        if target is None:
            raise AssertionError(
                f"user {self.id} has no bot message with an inline keyboard; got:\n"
                + _describe(self.messages)
            )
        button = target.find_button(label_or_payload)
        if button is None:
            raise AssertionError(
                f"no button {label_or_payload!r} in message #{target.message_id} "
                f"({(target.text or '')[:80]!r}); available: {target.buttons}"
            )
        if button[1] is None:
            raise AssertionError(f"button {button[0]!r} has no callback_data (URL button?)")
        return self._push_callback(button[1], target.raw)

    def press_payload(self, data: str, message_id: int | None = None) -> int:
        """Push a callback_query with arbitrary (possibly forged) ``data``."""
        if message_id is None:
            target = self._resolve_message(None) or self.last_message
        else:
            target = self.fake._messages.get((self.id, message_id))
        if target is not None:
            raw = target.raw
        else:
            raw = {
                "message_id": message_id or 1,
                "from": self.fake.bot_user,
                "chat": self.chat,
                "date": int(time.time()),
                "text": "",
            }
        return self._push_callback(data, raw)

    def _resolve_message(self, message: SentMessage | int | None) -> SentMessage | None:
        if isinstance(message, SentMessage):
            return message
        if isinstance(message, int):
            return self.fake._messages.get((self.id, message))
        return self._latest_with_buttons()

    def _push_callback(self, data: str, raw_message: dict[str, Any]) -> int:
        query_id = str(next(self.fake._query_ids))
        self.fake._callback_queries[query_id] = False
        return self.fake.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": self.as_dict,
                "message": copy.deepcopy(raw_message),
                "chat_instance": str(-self.id),
                "data": data,
            },
        )


@dataclass
class _Fault:
    status: int
    description: str
    parameters: dict[str, Any] | None


# --------------------------------------------------------------------------- the server


class FakeTelegram(FakeServer):
    """Fake Bot API server.  See the module docstring for the test-facing API."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, strict_ampersand: bool = True) -> None:
        super().__init__()
        self.token = token
        self.strict_ampersand = strict_ampersand
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Nastavnik",
            "username": BOT_USERNAME,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.users: dict[int, TgUser] = {}
        #: Every request as (method, params); files appear as {"filename", "size"} dicts.
        self.calls: list[tuple[str, dict[str, Any]]] = []
        #: Requests per method name (including failed ones).
        self.method_counts: Counter[str] = Counter()
        #: Every message the bot successfully sent, in order.
        self.sent: list[SentMessage] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.commands: list[dict[str, Any]] = []
        #: Updates discarded because their type was not in the bot's allowed_updates.
        self.dropped_updates: list[dict[str, Any]] = []
        self.files: dict[str, tuple[str, bytes | None]] = {}
        self.polls = 0
        self._pending: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(4_000_000_001)
        self._file_ids = itertools.count(1)
        self._message_ids: dict[int, int] = {}
        self._messages: dict[tuple[int, int], SentMessage] = {}
        self._callback_queries: dict[str, bool] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self.rate = RateGate()  # messages a second the bot may send; above it, 429
        self.held = AnswerHold(self.signal.notify)  # answers kept back: a crash mid-request
        self._redirects: Counter[str] = Counter()
        self._blocked: set[int] = set()
        #: The channel the bot may post to (TELEGRAM_CHANNEL_ID), and what it posted there.
        self.channel = FakeChannel()
        #: Seconds every sendMessage takes to answer, as a real server far away would (benchmarks).
        self.latency = 0.0
        self._allowed_updates: set[str] | None = None
        self._polls_waiting = 0
        self._poll_generation = 0
        self._methods = {
            "getme": self._get_me,
            "deletewebhook": self._true,
            "setmycommands": self._set_my_commands,
            "deletemycommands": self._true,
            "getupdates": self._get_updates,
            "sendmessage": self._send_message,
            "senddocument": self._send_document,
            "sendphoto": self._send_photo,
            "sendmediagroup": self._send_media_group,
            "getfile": self._get_file,
            "editmessagetext": self._edit_message_text,
            "editmessagecaption": self._edit_message_caption,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "answercallbackquery": self._answer_callback_query,
            "deletemessage": self._delete_message,
        }

    # ------------------------------------------------------------------ test-facing API

    def user(
        self,
        user_id: int,
        language_code: str | None = "ru",
        first_name: str = "Test",
        username: str | None = None,
    ) -> TgUser:
        """Get or create the user ``user_id`` (the bot may message only known users)."""
        existing = self.users.get(user_id)
        if existing is not None:
            return existing
        user = TgUser(self, user_id, language_code, first_name, username)
        self.users[user_id] = user
        return user

    def push_update(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue a raw update ``{"update_id": n, kind: payload}``; returns ``n``."""
        update_id = next(self._update_ids)
        update = {"update_id": update_id, kind: payload}
        if self._allowed_updates and kind not in self._allowed_updates:
            # Real Telegram never delivers update types the bot did not ask for.
            self.dropped_updates.append(update)
            return update_id
        self._pending.append(update)
        self.signal.notify()
        return update_id

    def pending_updates(self) -> int:
        """Updates pushed but not yet acknowledged by a getUpdates with a higher offset."""
        return len(self._pending)

    async def wait_idle(self, timeout: float = 10) -> None:
        """Wait until every pushed update was fetched and acknowledged by the bot.

        aiogram acknowledges a batch with its next getUpdates call, which it makes right
        after *dispatching* the batch — handlers run as tasks and may still be busy.
        """
        if not await self.signal.wait_for(lambda: not self._pending, timeout):
            raise AssertionError(
                f"{len(self._pending)} update(s) still unacknowledged after {timeout}s: "
                f"{[u['update_id'] for u in list(self._pending)[:10]]}"
            )

    def parked_polls(self) -> int:
        """getUpdates requests currently waiting on the server with nothing to return yet."""
        return self._polls_waiting if not self._pending else 0

    async def wait_polling(self, timeout: float = 10) -> None:
        """Wait until the bot has a getUpdates long poll parked (it is idle and listening)."""
        await self.wait_for(lambda: self.parked_polls() > 0, timeout, "a parked getUpdates")

    async def wait_sent(self, count: int, timeout: float = 10) -> None:
        """Wait until the bot has sent at least ``count`` messages in total."""
        await self.wait_for(lambda: len(self.sent) >= count, timeout, f"{count} sent messages")

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        count: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail with a Bot API error."""
        parameters = None
        if status == 429:
            description = description or f"Too Many Requests: retry after {retry_after}"
            parameters = {"retry_after": retry_after}
        elif status >= 500:
            description = description or _SERVER_ERROR_TEXT.get(status, "Internal Server Error")
        elif status == 403:
            description = description or "Forbidden: bot was blocked by the user"
        else:
            description = description or "Bad Request: injected failure"
        queue = self._faults.setdefault(method.lower(), deque())
        queue.extend(_Fault(status, description, parameters) for _ in range(count))

    def redirect_next(self, method: str, count: int = 1) -> None:
        """Answer the next ``count`` calls of ``method`` with a redirect to the same address, as
        a misconfigured proxy would (more than 10 in a row make aiohttp give up)."""
        self._redirects[method.lower()] += count

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sending to them now fails with 403."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user unblocks the bot."""
        self._blocked.discard(user_id)

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        """Params of every call of ``method``."""
        return [params for name, params in self.calls if name.lower() == method.lower()]

    # ------------------------------------------------------------------ HTTP plumbing

    def build_app(self) -> web.Application:
        """The aiohttp app: ``/bot{token}/{method}``."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        return app

    async def _download(self, request: web.Request) -> web.Response:
        """A file's bytes at ``{base}/file/bot{token}/{file_path}`` (from getFile)."""
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        self.method_counts["download"] += 1
        found = self.files.get(request.match_info["path"].removeprefix("files/"))
        if found is None or found[1] is None:
            return web.Response(status=404)
        return web.Response(body=found[1])

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self._redirects[method.lower()] > 0:
            self._redirects[method.lower()] -= 1
            raise web.HTTPFound(request.path_qs)
        if request.match_info["token"] != self.token:
            return BotAPIError(401, "Unauthorized").response()
        params, files = await self._read_params(request)
        self.calls.append((method, params))
        self.method_counts[method] += 1
        handler = self._methods.get(method.lower())
        if handler is None:
            return BotAPIError(404, "Not Found: method not found").response()
        if self.latency and method.lower() == "sendmessage":
            await asyncio.sleep(self.latency)
        if method.lower().startswith("send") and not self.rate.allow():
            return BotAPIError(
                429, "Too Many Requests: retry after 1", {"retry_after": 1}
            ).response()
        faults = self._faults.get(method.lower())
        if faults:
            fault = faults.popleft()
            return BotAPIError(fault.status, fault.description, fault.parameters).response()
        to_channel = self.channel.addressed(method, params)
        try:
            if to_channel:
                result = self.channel.take(method, params, files)
            else:
                result = await handler(params, files)
                await self.held.wait(method)
        except ChannelRefused as refused:
            return BotAPIError(refused.status, str(refused)).response()
        except BotAPIError as error:
            return error.response()
        finally:
            self.signal.notify()
        if method.lower().startswith("send") and not to_channel:
            await self._after_send(int(params["chat_id"]))
        return web.json_response({"ok": True, "result": result})

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, tuple[str, bytes]] = {}
        if request.content_type == "application/json":
            raw.update(await request.json())
        elif request.can_read_body:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    files[key] = (value.filename, value.file.read())
                else:
                    raw[key] = value
        params = {key: self._coerce(key, value) for key, value in raw.items()}
        for key, (name, data) in files.items():
            params[key] = {"filename": name, "size": len(data)}
        return params, files

    @staticmethod
    def _coerce(key: str, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if key in _JSON_FIELDS:
            try:
                return json.loads(value)
            except ValueError:
                return value
        if key in _INT_FIELDS:
            try:
                return int(value)
            except ValueError:
                return value
        if key in _BOOL_FIELDS:
            return value.lower() in ("true", "1")
        return value

    # ------------------------------------------------------------------ helpers

    def _next_message_id(self, chat_id: int) -> int:
        value = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = value
        return value

    def _chat(self, params: dict[str, Any], *, sending: bool) -> TgUser:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        user = self.users.get(chat_id) if isinstance(chat_id, int) else None
        if user is None:
            raise _bad_request("chat not found")
        if sending and user.id in self._blocked:
            raise BotAPIError(403, "Forbidden: bot was blocked by the user")
        return user

    def _render(self, text: Any, parse_mode: Any, limit: int, *, caption: bool) -> str:
        """Validate text/caption and return the visible text."""
        text = "" if text is None else str(text)
        plain = text
        if isinstance(parse_mode, str) and parse_mode.upper() == "HTML":
            try:
                plain = html_to_plain(text, strict_ampersand=self.strict_ampersand)
            except EntityParseError as error:
                raise _bad_request(f"can't parse entities: {error}") from None
        if len(plain) > limit:
            raise _bad_request("message caption is too long" if caption else "message is too long")
        if not caption and not plain.strip():
            raise _bad_request("message text is empty")
        return plain

    @staticmethod
    def _parse_markup(markup: Any) -> tuple[dict[str, Any] | None, Buttons]:
        if markup is None or markup == "":
            return None, []
        if not isinstance(markup, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return markup, []
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        buttons: Buttons = []
        for row in rows:
            out_row = []
            for button in row:
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise _bad_request("can't parse inline keyboard button: Text is not specified")
                if not _INLINE_ACTIONS.intersection(button):
                    raise _bad_request(
                        "can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard"
                    )
                data = button.get("callback_data")
                if data is not None and not (
                    1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
                ):
                    raise _bad_request("BUTTON_DATA_INVALID")
                out_row.append((button["text"], data))
            buttons.append(out_row)
        return markup, buttons

    def _message_dict(
        self,
        user: TgUser,
        message_id: int,
        date: int,
        markup: dict[str, Any] | None,
        *,
        text: str | None = None,
        caption: str | None = None,
        document: dict[str, Any] | None = None,
        edit_date: int | None = None,
    ) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": user.chat,
            "date": date,
        }
        if edit_date:
            raw["edit_date"] = edit_date
        if document is not None:
            raw["document"] = document
            if caption:
                raw["caption"] = caption
        else:
            raw["text"] = text or ""
        if markup is not None and "inline_keyboard" in markup:
            raw["reply_markup"] = markup
        return raw

    def _store(self, user: TgUser, message: SentMessage) -> None:
        self._messages[(user.id, message.message_id)] = message
        self.sent.append(message)
        user.messages.append(message)
        user._deliver(message)

    def _editable(self, params: dict[str, Any]) -> tuple[TgUser, SentMessage]:
        if params.get("inline_message_id"):
            raise _bad_request("inline messages are not supported by the fake")
        user = self._chat(params, sending=False)
        message = self._messages.get((user.id, params.get("message_id")))  # type: ignore[arg-type]
        if message is None or message.deleted:
            raise _bad_request("message to edit not found")
        return user, message

    def _apply_edit(self, user: TgUser, message: SentMessage, **changes: Any) -> dict[str, Any]:
        unchanged = all(getattr(message, key) == value for key, value in changes.items())
        if unchanged:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        for key, value in changes.items():
            setattr(message, key, value)
        message.edit_count += 1
        now = int(time.time())
        plain = message.plain_text
        document = message.raw.get("document")
        message.raw = self._message_dict(
            user,
            message.message_id,
            message.date,
            message.reply_markup,
            text=plain,
            caption=plain,
            document=document,
            edit_date=now,
        )
        edited = dataclasses.replace(message, edited=True, buttons=list(message.buttons))
        self.edits.append(edited)
        user._deliver(edited)
        return message.raw

    # ------------------------------------------------------------------ methods

    async def _true(self, params: dict[str, Any], files: Any) -> bool:
        return True

    async def _get_me(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return self.bot_user

    async def _set_my_commands(self, params: dict[str, Any], files: Any) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("commands must be an array")
        self.commands = commands
        return True

    async def _get_updates(self, params: dict[str, Any], files: Any) -> list[dict[str, Any]]:
        self.polls += 1
        self._poll_generation += 1
        generation = self._poll_generation
        offset = params.get("offset") or 0
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(int(params.get("timeout") or 0), 0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = set(allowed) or None
        if isinstance(offset, int) and offset > 0:
            while self._pending and self._pending[0]["update_id"] < offset:
                self._pending.popleft()
        if not self._pending and timeout > 0:
            self._polls_waiting += 1
            self.signal.notify()
            try:
                await self.signal.wait_for(
                    lambda: self._pending or self.closing or self._poll_generation != generation,
                    timeout,
                )
            finally:
                self._polls_waiting -= 1
                self.signal.notify()
        if self._poll_generation != generation:
            raise BotAPIError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return list(itertools.islice(self._pending, limit))

    async def _send_message(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        user = self._chat(params, sending=True)
        markup, buttons = self._parse_markup(params.get("reply_markup"))
        text = params.get("text")
        plain = self._render(text, params.get("parse_mode"), MAX_TEXT_LENGTH, caption=False)
        message_id = self._next_message_id(user.id)
        date = int(time.time())
        message = SentMessage(
            chat_id=user.id,
            message_id=message_id,
            text=str(text),
            parse_mode=params.get("parse_mode") or None,
            buttons=buttons,
            reply_markup=markup,
            date=date,
            raw=self._message_dict(user, message_id, date, markup, text=plain),
        )
        self._store(user, message)
        return message.raw

    def _keep_file(self, name: str, data: bytes) -> dict[str, Any]:
        """Store a file a user sends; its ``file_id`` and ``file_unique_id``."""
        file_number = next(self._file_ids)
        file_id = f"AgACAgIAAxkBAAI{file_number:08d}"
        self.files[file_id] = (name, data)
        return {"file_id": file_id, "file_unique_id": f"AQAD{file_number:08d}"}

    async def _get_file(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        file_id = str(params.get("file_id") or "")
        found = self.files.get(file_id)
        if found is None:
            raise _bad_request("invalid file_id")
        if found[1] is not None and len(found[1]) > 20 * 1024 * 1024:
            raise _bad_request("file is too big")
        size = len(found[1]) if found[1] is not None else 0
        return {"file_id": file_id, "file_unique_id": file_id[-12:], "file_size": size,
                "file_path": f"files/{file_id}"}  # fmt: skip

    async def _send_photo(
        self, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> dict[str, Any]:
        return await self._send_document(params, files, field="photo")

    async def _send_media_group(self, params: dict[str, Any], files: Any) -> Any:
        raise _bad_request("media groups are sent to the channel only in these tests")

    async def _send_document(
        self, params: dict[str, Any], files: dict[str, tuple[str, bytes]], field: str = "document"
    ) -> dict[str, Any]:
        user = self._chat(params, sending=True)
        markup, buttons = self._parse_markup(params.get("reply_markup"))
        caption = params.get("caption")
        plain = self._render(caption, params.get("parse_mode"), MAX_CAPTION_LENGTH, caption=True)
        reference = params.get(field)
        name: str
        data: bytes | None
        if field in files:
            name, data = files[field]
        elif isinstance(reference, str) and reference.startswith("attach://"):
            if reference[len("attach://") :] not in files:
                raise _bad_request("wrong file identifier/HTTP URL specified")
            name, data = files[reference[len("attach://") :]]
        elif isinstance(reference, str) and reference in self.files:
            name, data = self.files[reference]
        elif isinstance(reference, str) and reference.startswith(("http://", "https://")):
            name, data = reference.rsplit("/", 1)[-1] or "file", None
        else:
            raise _bad_request("there is no document in the request")
        file_number = next(self._file_ids)
        file_id = f"BQACAgIAAxkDAAI{file_number:08d}"
        self.files[file_id] = (name, data)
        document = {
            "file_id": file_id,
            "file_unique_id": f"AgAD{file_number:08d}",
            "file_name": name,
            "mime_type": "application/octet-stream",
            "file_size": len(data) if data is not None else 0,
        }
        message_id = self._next_message_id(user.id)
        date = int(time.time())
        message = SentMessage(
            chat_id=user.id,
            message_id=message_id,
            text=str(caption) if caption else None,
            parse_mode=params.get("parse_mode") or None,
            buttons=buttons,
            reply_markup=markup,
            document_name=name,
            document_bytes=data,
            photo=field == "photo",
            date=date,
            raw=self._message_dict(
                user, message_id, date, markup, caption=plain, document=document
            ),
        )
        self._store(user, message)
        return message.raw

    async def _edit_message_text(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        user, message = self._editable(params)
        if message.document_name is not None:
            raise _bad_request("there is no text in the message to edit")
        markup, buttons = self._parse_markup(params.get("reply_markup"))
        text = params.get("text")
        self._render(text, params.get("parse_mode"), MAX_TEXT_LENGTH, caption=False)
        # Like the real API: omitting reply_markup removes the inline keyboard.
        return self._apply_edit(
            user,
            message,
            text=str(text),
            parse_mode=params.get("parse_mode") or None,
            reply_markup=markup,
            buttons=buttons,
        )

    async def _edit_message_caption(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        user, message = self._editable(params)
        if message.document_name is None:
            raise _bad_request("there is no caption in the message to edit")
        markup, buttons = self._parse_markup(params.get("reply_markup"))
        caption = params.get("caption")
        self._render(caption, params.get("parse_mode"), MAX_CAPTION_LENGTH, caption=True)
        return self._apply_edit(
            user,
            message,
            text=str(caption) if caption else None,
            parse_mode=params.get("parse_mode") or None,
            reply_markup=markup,
            buttons=buttons,
        )

    async def _edit_message_reply_markup(
        self, params: dict[str, Any], files: Any
    ) -> dict[str, Any]:
        user, message = self._editable(params)
        markup, buttons = self._parse_markup(params.get("reply_markup"))
        return self._apply_edit(user, message, reply_markup=markup, buttons=buttons)

    async def _answer_callback_query(self, params: dict[str, Any], files: Any) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if self._callback_queries.get(query_id, True):
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._callback_queries[query_id] = True
        text = params.get("text")
        self.callback_answers.append(
            CallbackAnswer(query_id, text or None, bool(params.get("show_alert", False)))
        )
        return True

    async def _delete_message(self, params: dict[str, Any], files: Any) -> bool:
        user = self._chat(params, sending=False)
        message = self._messages.get((user.id, params.get("message_id")))  # type: ignore[arg-type]
        if message is None or message.deleted:
            raise _bad_request("message to delete not found")
        message.deleted = True
        return True
