"""A fake VK API (``{base}/method/{name}``) plus Bots Long Poll server for vkbottle tests.

Usage::

    async with FakeVK() as vk:
        api = API(vk.token)
        api.API_URL = f"{vk.base_url}/method/"
        bot = Bot(api=api, polling=BotPolling(api=api, group_id=vk.group_id))
        ...
        await vk.wait_polling()          # events pushed before the first poll are lost,
        bob = vk.user(2001)              # exactly like on real VK
        bob.send("Начать")
        reply = await bob.next_message()
        bob.press("Далее")

Like the real long poll, ``groups.getLongPollServer`` returns the *current* ts, so events
pushed before the bot's first poll are only delivered if the bot resumes from a saved ts.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import secrets
import time
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from aiohttp import web

from tests.fakes.hold import AnswerHold
from tests.fakes.rate import RateGate

from . import FakeServer, FakeUser

__all__ = [
    "API_VERSION",
    "DEFAULT_GROUP_ID",
    "DEFAULT_TOKEN",
    "DEFAULT_USER_TOKEN",
    "EventAnswer",
    "FakeVK",
    "SentMessage",
    "VkAPIError",
    "VkUser",
]

DEFAULT_TOKEN = "vk1.a.test-nastavnik-group-token"
DEFAULT_USER_TOKEN = "vk1.a.test-nastavnik-admin-user-token"  # a community admin's user token
USER_METHODS = {"wall.post", "photos.getWallUploadServer", "photos.saveWallPhoto"}
DEFAULT_GROUP_ID = 222_333_444
API_VERSION = "5.199"
MAX_MESSAGE_LENGTH = 4096
MAX_LABEL_LENGTH = 40
MAX_PAYLOAD_LENGTH = 255
LP_BATCH = 100

ERROR_MESSAGES = {
    1: "Unknown error occurred",
    3: "Unknown method passed",
    5: "User authorization failed: invalid access_token (4).",
    6: "Too many requests per second",
    9: "Flood control",
    10: "Internal server error",
    15: "Access denied",
    27: "Group authorization failed: method is unavailable with group auth.",
    100: "One of the parameters specified was missing or invalid",
    214: "Access to adding post denied: a post is already scheduled for this time",
    900: "Can't send messages for user from blacklist",
    901: "Can't send messages for users without permission",
    902: "Can't send messages to this user due to their privacy settings",
    911: "Keyboard format is invalid",
    914: "Message is too long",
    943: "Cannot use this intent",
    944: "Limits overflow for this intent",
}
_HTTP_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


class VkAPIError(Exception):
    """A VK API error: rendered as ``{"error": {"error_code", "error_msg", ...}}``."""

    def __init__(self, code: int, detail: str | None = None) -> None:
        message = ERROR_MESSAGES.get(code, "Unknown error")
        if detail:
            message = f"{message}: {detail}"
        super().__init__(message)
        self.code = code
        self.message = message


def _param_error(detail: str) -> VkAPIError:
    return VkAPIError(100, detail)


class EventAnswer(NamedTuple):
    """One ``messages.sendMessageEventAnswer`` call (``event_data`` parsed from JSON)."""

    event_id: str
    user_id: int
    peer_id: int
    event_data: dict[str, Any] | None


Buttons = list[list[tuple[str | None, Any]]]


@dataclass(eq=False)
class SentMessage:
    """A message the bot sent via ``messages.send`` as the user would see it.

    ``buttons`` are keyboard rows of ``(label, payload)`` where ``payload`` is the decoded
    JSON object (or None); ``button_types`` has the matching action types.  VK shows the
    text verbatim (no HTML parsing).  Edits update the original object and are also
    delivered to ``next_message()`` as a copy with ``edited=True``.
    """

    peer_id: int
    message_id: int
    conversation_message_id: int
    text: str
    buttons: Buttons = field(default_factory=list)
    button_types: list[list[str]] = field(default_factory=list)
    keyboard: dict[str, Any] | None = None
    keyboard_inline: bool = False
    keyboard_one_time: bool = False
    attachments: list[str] = field(default_factory=list)
    doc_title: str | None = None
    doc_bytes: bytes | None = None
    photo: bool = False  # the attachment is a photo (doc_* then hold the picture)
    random_id: int = 0
    intent: str | None = None  # messages.send's `intent`, as the bot stated it
    edited: bool = False
    deleted: bool = False
    edit_count: int = 0
    date: int = 0

    @property
    def button_labels(self) -> list[str | None]:
        """All button labels, row by row."""
        return [label for row in self.buttons for label, _ in row]

    def find_button(self, label_or_payload: Any) -> tuple[str | None, Any, str] | None:
        """``(label, payload, type)`` of the button matching a label or payload."""
        for row, types in zip(self.buttons, self.button_types, strict=True):
            for (label, payload), kind in zip(row, types, strict=True):
                if _matches(label_or_payload, label, payload):
                    return label, payload, kind
        return None


def _matches(wanted: Any, label: str | None, payload: Any) -> bool:
    if isinstance(wanted, str):
        if wanted == label:
            return True
        if payload is None:
            return False
        if isinstance(payload, str):
            return wanted == payload
        try:
            return json.loads(wanted) == payload
        except ValueError:
            return False
    return payload is not None and wanted == payload


def _describe(messages: Any) -> str:
    lines = []
    for m in messages:
        flag = " (edited)" if m.edited else ""
        doc = f" [doc {m.doc_title}]" if m.doc_title else ""
        lines.append(f"  #{m.message_id}{flag}: {m.text[:120]!r}{doc} buttons={m.button_labels}")
    return "\n".join(lines) or "  (nothing)"


class VkUser(FakeUser[SentMessage]):
    """A VK user writing to the community in a private dialog (peer id == user id)."""

    label = "VK user"
    describe = staticmethod(_describe)

    def __init__(
        self, fake: FakeVK, user_id: int, lang_id: int, first_name: str, last_name: str
    ) -> None:
        super().__init__(user_id)
        self.fake = fake
        self._attachments: list[dict[str, Any]] = []  # of the message being sent
        self.lang_id = lang_id
        self.first_name = first_name
        self.last_name = last_name

    def __repr__(self) -> str:
        return f"<VkUser {self.id}>"

    def send(self, text: str, payload: Any = None) -> int:
        """Push a ``message_new`` event; returns its long-poll event number."""
        message_id, cmid = self.fake._next_ids(self.id)
        message: dict[str, Any] = {
            "date": int(time.time()),
            "from_id": self.id,
            "id": message_id,
            "version": message_id,
            "out": 0,
            "attachments": list(self._attachments),
            "conversation_message_id": cmid,
            "fwd_messages": [],
            "important": False,
            "is_hidden": False,
            "peer_id": self.id,
            "random_id": 0,
            "text": text,
        }
        if payload is not None:
            message["payload"] = payload if isinstance(payload, str) else json.dumps(payload)
        client_info = {
            "button_actions": [
                "text",
                "vkpay",
                "open_app",
                "location",
                "open_link",
                "callback",
                "intent_subscribe",
                "intent_unsubscribe",
            ],
            "keyboard": True,
            "inline_keyboard": True,
            "carousel": True,
            "lang_id": self.lang_id,
        }
        return self.fake.push_event("message_new", {"message": message, "client_info": client_info})

    def send_file(
        self,
        name: str,
        data: bytes,
        mime: str,
        caption: str = "",
        declared_size: int | None = None,
        also: Sequence[tuple[str, bytes, str]] = (),
    ) -> int:
        """Push a message with a photo (an ``image/*`` mime) or a document attachment whose
        ``url`` points at this fake server; ``declared_size`` is the document ``size`` VK
        reports (a 30 MB file without sending 30 MB); ``also``: more files (name, bytes, mime)
        in the same message, as VK sends several."""
        self._attachments = [self._attachment(name, data, mime, declared_size)]
        self._attachments += [self._attachment(*more, None) for more in also]
        try:
            return self.send(caption)
        finally:
            self._attachments = []

    def _attachment(
        self, name: str, data: bytes, mime: str, declared_size: int | None
    ) -> dict[str, Any]:
        """A photo or document attachment as VK describes it in a message."""
        url = self.fake._serve(data)
        now = int(time.time())
        file_id = next(self.fake._doc_ids)
        if mime.startswith("image/"):
            sizes = [
                {"type": "s", "url": self.fake._serve(data[:8]), "width": 75, "height": 56},
                {"type": "x", "url": url, "width": 604, "height": 453},
            ]
            attachment: dict[str, Any] = {
                "type": "photo",
                "photo": {"id": file_id, "owner_id": self.id, "album_id": -3, "date": now,
                          "sizes": sizes},
            }  # fmt: skip
        else:
            ext = name.rsplit(".", 1)[-1] if "." in name else ""
            size = len(data) if declared_size is None else declared_size
            attachment = {
                "type": "doc",
                "doc": {"id": file_id, "owner_id": self.id, "title": name, "size": size,
                        "ext": ext, "date": now, "type": 1, "url": url},
            }  # fmt: skip
        return attachment

    def press(self, label_or_payload: Any, message: SentMessage | int | None = None) -> int:
        """Press a keyboard button by label or payload; returns the event number.

        ``message`` defaults to the latest message to this user that has buttons.  Callback
        buttons produce ``message_event``; text buttons produce ``message_new`` with the
        label as text and the payload as a JSON string, as VK does.
        """
        target = self._resolve_message(message)
        if target is None:
            raise AssertionError(
                f"user {self.id} has no bot message with a keyboard; got:\n"
                + _describe(self.messages)
            )
        button = target.find_button(label_or_payload)
        if button is None:
            raise AssertionError(
                f"no button {label_or_payload!r} in message #{target.message_id} "
                f"({target.text[:80]!r}); available: {target.buttons}"
            )
        label, payload, kind = button
        if kind == "callback":
            return self.press_payload(payload, target)
        if kind == "text":
            return self.send(label or "", payload=payload)
        raise AssertionError(f"button {label!r} of type {kind!r} cannot be pressed by a test")

    def press_payload(self, payload: Any, message: SentMessage | int | None = None) -> int:
        """Push a ``message_event`` (callback button press) with an arbitrary payload."""
        target = self._resolve_message(message) if message is not None else None
        if target is None and message is None:
            target = self._resolve_message(None) or self.last_message
        if isinstance(payload, str):
            with contextlib.suppress(ValueError):
                payload = json.loads(payload)
        event_id = secrets.token_hex(6)
        self.fake._event_ids.add(event_id)
        obj: dict[str, Any] = {
            "user_id": self.id,
            "peer_id": self.id,
            "event_id": event_id,
            "payload": payload,
            "conversation_message_id": (
                target.conversation_message_id if target is not None else message or 0
            ),
        }
        return self.fake.push_event("message_event", obj)

    def _resolve_message(self, message: SentMessage | int | None) -> SentMessage | None:
        if isinstance(message, SentMessage):
            return message
        if isinstance(message, int):
            return self.fake._by_cmid.get((self.id, message))
        return self._latest_with_buttons()


@dataclass
class _Doc:
    id: int
    owner_id: int
    title: str
    data: bytes
    access_key: str = ""  # another person may open it only with this key


class FakeVK(FakeServer):
    """Fake VK API + Bots Long Poll server.  See the module docstring."""

    def __init__(self, token: str = DEFAULT_TOKEN, group_id: int = DEFAULT_GROUP_ID) -> None:
        super().__init__()
        self.token = token
        self.user_token = DEFAULT_USER_TOKEN
        self.group_id = group_id
        self.users: dict[int, VkUser] = {}
        #: Every API request as (method, params) (long polls are not included).
        self.calls: list[tuple[str, dict[str, Any]]] = []
        #: API requests per method name (including failed ones); long polls count as "lp".
        self.method_counts: Counter[str] = Counter()
        #: Every message the bot successfully sent, in order.
        self.sent: list[SentMessage] = []
        self.event_answers: list[EventAnswer] = []
        #: Posts on the community wall; `publish_date` is set for a scheduled one.
        self.wall_posts: list[dict[str, Any]] = []
        self._guids: dict[str, int] = {}  # wall.post guid -> its post id: a repeat adds nothing
        self.polls = 0
        self._events: list[dict[str, Any]] = []  # event number n is at index n - 1
        self._acked_ts = 1  # highest ts a long poll asked for
        # Every groups.getLongPollServer call issues a fresh key (older ones stay valid
        # until a "failed": 2/3 fault); only polls with the newest key count as parked,
        # so a stopped bot's lingering poll is not mistaken for a restarted bot's.
        self._lp_key = ""
        self._lp_keys: set[str] = set()
        self._parked: dict[int, tuple[int, str]] = {}  # parked long poll -> (ts, key)
        self._poll_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._cmids: dict[int, int] = {}
        self._messages: dict[int, SentMessage] = {}
        self._by_cmid: dict[tuple[int, int], SentMessage] = {}
        # (peer, random_id) -> what VK answered: a repeat to that peer is dropped, as on VK
        self._random_ids: dict[tuple[int, int], dict[str, int]] = {}
        self._peer_faults: dict[int, deque[int]] = {}
        self.held = AnswerHold(self.signal.notify)  # answers kept back: a crash mid-request
        self._event_ids: set[str] = set()
        self._uploads: dict[str, tuple[str, bytes]] = {}
        self._upload_peers: dict[str, int] = {}  # a document upload's peer_id: its owner
        self._docs: dict[tuple[int, int], _Doc] = {}
        self._photos: dict[tuple[int, int], _Doc] = {}
        self._served: dict[str, bytes] = {}  # files users send, at /files/{key}
        self._doc_ids = itertools.count(600_001)
        self._post_ids = itertools.count(1)
        self._blocked: set[int] = set()
        self._faults: dict[str, deque[int]] = {}
        self.rate = RateGate()  # requests a second the community token may make; above it, 6
        self._lost_answers: dict[str, deque[int]] = {}
        self._http_faults: dict[str, deque[int]] = {}
        self._lp_faults: deque[int] = deque()
        self._methods = {
            "groups.getLongPollServer": self._get_long_poll_server,
            "groups.getById": self._groups_get_by_id,
            "users.get": self._users_get,
            "messages.send": self._messages_send,
            "messages.edit": self._messages_edit,
            "messages.delete": self._messages_delete,
            "messages.sendMessageEventAnswer": self._send_message_event_answer,
            "docs.getMessagesUploadServer": self._get_upload_server,
            "docs.save": self._docs_save,
            "photos.getMessagesUploadServer": self._get_photo_upload_server,
            "photos.saveMessagesPhoto": self._save_messages_photo,
            "wall.post": self._wall_post,
            "photos.getWallUploadServer": self._get_wall_upload_server,
            "photos.saveWallPhoto": self._save_wall_photo,
        }

    # ------------------------------------------------------------------ test-facing API

    def user(
        self, user_id: int, lang_id: int = 0, first_name: str = "Test", last_name: str = "User"
    ) -> VkUser:
        """Get or create the user ``user_id`` (who has allowed messages from the group)."""
        existing = self.users.get(user_id)
        if existing is not None:
            return existing
        user = VkUser(self, user_id, lang_id, first_name, last_name)
        self.users[user_id] = user
        return user

    def push_event(self, event_type: str, obj: dict[str, Any]) -> int:
        """Append a raw Bots Long Poll event; returns its number (the ts that fetches it)."""
        self._events.append(
            {
                "group_id": self.group_id,
                "type": event_type,
                "event_id": secrets.token_hex(20),
                "v": API_VERSION,
                "object": obj,
            }
        )
        self.signal.notify()
        return len(self._events)

    def pending_updates(self) -> int:
        """Events not yet acknowledged by a long poll with a higher ts."""
        return len(self._events) + 1 - self._acked_ts

    async def wait_idle(self, timeout: float = 10) -> None:
        """Wait until every pushed event was delivered and a later poll acknowledged it."""
        if not await self.signal.wait_for(lambda: self.pending_updates() <= 0, timeout):
            raise AssertionError(
                f"{self.pending_updates()} event(s) still unacknowledged after {timeout}s"
            )

    def parked_polls(self) -> int:
        """Long polls currently waiting on the server with nothing to return yet."""
        return sum(
            1 for ts, key in self._parked.values() if ts > len(self._events) and key == self._lp_key
        )

    async def wait_polling(self, timeout: float = 10) -> None:
        """Wait until the bot has a long poll parked on the server (it is idle and listening).

        Only polls made with the newest key count, so once a restarted bot has called
        groups.getLongPollServer the previous bot's lingering poll is ignored.  (That poll
        is also dropped as soon as the server notices its connection closed.)
        """
        await self.wait_for(lambda: self.parked_polls() > 0, timeout, "a parked long poll")

    async def wait_sent(self, count: int, timeout: float = 10) -> None:
        """Wait until the bot has sent at least ``count`` messages in total."""
        await self.wait_for(lambda: len(self.sent) >= count, timeout, f"{count} sent messages")

    def fail_next(self, method: str, error_code: int = 6, count: int = 1) -> None:
        """Make the next ``count`` calls of ``method`` return VK error ``error_code``."""
        self._faults.setdefault(method, deque()).extend([error_code] * count)

    def fail_peer_next(self, peer_id: int, error_code: int = 10, count: int = 1) -> None:
        """Make the next ``count`` sends to ``peer_id`` fail with ``error_code``: in a
        ``peer_ids`` request as that peer's own result, the others still delivered."""
        self._peer_faults.setdefault(peer_id, deque()).extend([error_code] * count)

    def sends_to(self, peer_id: int, text: str) -> int:
        """How many messages containing ``text`` reached ``peer_id``."""
        return sum(1 for m in self.sent if m.peer_id == peer_id and text in m.text)

    def lose_answer_next(self, method: str, error_code: int = 10, count: int = 1) -> None:
        """Carry out the next ``count`` calls of ``method``, then answer with VK error
        ``error_code`` anyway, as when VK did the work but the answer was lost on the way."""
        self._lost_answers.setdefault(method, deque()).extend([error_code] * count)

    def fail_http_next(self, method: str, status: int = 502, count: int = 1) -> None:
        """Make the next ``count`` calls of ``method`` (or ``"lp"``) fail with an HTML 5xx."""
        self._http_faults.setdefault(method, deque()).extend([status] * count)

    def fail_lp_next(self, failed: int = 2, count: int = 1) -> None:
        """Make the next long polls answer ``{"failed": failed}`` (2 also rotates the key)."""
        self._lp_faults.extend([failed] * count)

    def block(self, user_id: int) -> None:
        """The user forbids messages from the community (messages.send → error 901)."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user allows messages again."""
        self._blocked.discard(user_id)

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        """Params of every call of ``method``."""
        return [params for name, params in self.calls if name == method]

    # ------------------------------------------------------------------ HTTP plumbing

    def build_app(self) -> web.Application:
        """The aiohttp app: API methods, long poll and document upload."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/method/{name}", self._handle_method)
        app.router.add_route("*", "/lp", self._handle_long_poll)
        app.router.add_route("POST", "/upload/doc", self._handle_upload)
        app.router.add_route("POST", "/upload/photo", self._handle_photo_upload)
        app.router.add_get("/files/{key}", self._handle_file)
        return app

    def _serve(self, data: bytes) -> str:
        """Keep a file a user sends; the URL VK gives for it."""
        key = secrets.token_hex(8)
        self._served[key] = data
        return f"{self.base_url}/files/{key}"

    async def _handle_file(self, request: web.Request) -> web.Response:
        self.method_counts["download"] += 1
        data = self._served.get(request.match_info["key"])
        return web.Response(status=404) if data is None else web.Response(body=data)

    async def _handle_photo_upload(self, request: web.Request) -> web.Response:
        self.method_counts["upload"] += 1
        form = await request.post()
        file = form.get("photo")
        if not isinstance(file, web.FileField):
            return web.json_response({"error": "no_file", "error_descr": "photo is required"})
        token = secrets.token_hex(16)
        self._uploads[token] = (file.filename, file.file.read())
        return web.json_response({"server": 1, "photo": token, "hash": "fakehash"})

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            for key, value in (await request.post()).items():
                params[key] = value if isinstance(value, str) else value.filename
        return params

    def _http_fault(self, name: str) -> web.Response | None:
        faults = self._http_faults.get(name)
        if not faults:
            return None
        status = faults.popleft()
        reason = _HTTP_REASONS.get(status, "Error")
        return web.Response(
            status=status,
            text=f"<html><head><title>{status} {reason}</title></head>"
            f"<body><center><h1>{status} {reason}</h1></center></body></html>",
            content_type="text/html",
        )

    async def _handle_method(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        params = await self._params(request)
        token = params.pop("access_token", None)
        self.calls.append((name, params))
        self.method_counts[name] += 1
        try:
            fault = self._http_fault(name)
            if fault is not None:
                return fault
            self._check_token(name, token)
            handler = self._methods.get(name)
            if handler is None:
                raise VkAPIError(3)
            if not self.rate.allow():
                raise VkAPIError(6)
            codes = self._faults.get(name)
            if codes:
                raise VkAPIError(codes.popleft())
            result = handler(params)
            lost = self._lost_answers.get(name)
            if lost:
                raise VkAPIError(lost.popleft())
            await self.held.wait(name)
        except VkAPIError as error:
            request_params = [{"key": "method", "value": name}] + [
                {"key": key, "value": str(value)}
                for key, value in params.items()
                if key in ("v", "peer_id", "user_id", "group_id")
            ]
            return web.json_response(
                {
                    "error": {
                        "error_code": error.code,
                        "error_msg": error.message,
                        "request_params": request_params,
                    }
                }
            )
        finally:
            self.signal.notify()
        if name == "messages.send":
            for peer in self._peers(params):
                await self._after_send(peer)
        return web.json_response({"response": result})

    async def _handle_long_poll(self, request: web.Request) -> web.Response:
        params = await self._params(request)
        self.polls += 1
        self.method_counts["lp"] += 1
        fault = self._http_fault("lp")
        if fault is not None:
            return fault
        key = str(params.get("key"))
        if params.get("act") != "a_check" or key not in self._lp_keys:
            return web.json_response({"failed": 2})
        try:
            ts = int(params.get("ts", ""))
        except ValueError:
            return web.json_response({"failed": 1, "ts": str(len(self._events) + 1)})
        if self._lp_faults:
            failed = self._lp_faults.popleft()
            if failed in (2, 3):
                self._lp_keys.clear()
            body: dict[str, Any] = {"failed": failed}
            if failed == 1:
                body["ts"] = str(ts)
            return web.json_response(body)
        if ts > self._acked_ts:
            self._acked_ts = ts
            self.signal.notify()
        wait = min(max(int(params.get("wait", 25) or 25), 1), 90)
        if ts > len(self._events):
            poll_id = next(self._poll_ids)
            self._parked[poll_id] = (ts, key)
            self.signal.notify()
            try:
                await self.signal.wait_for(lambda: ts <= len(self._events) or self.closing, wait)
            finally:
                del self._parked[poll_id]
                self.signal.notify()
        updates = self._events[ts - 1 : ts - 1 + LP_BATCH] if ts >= 1 else []
        return web.json_response({"ts": str(max(ts, 1) + len(updates)), "updates": updates})

    async def _handle_upload(self, request: web.Request) -> web.Response:
        self.method_counts["upload"] += 1
        fault = self._http_fault("upload")
        if fault is not None:
            return fault
        form = await request.post()
        file = form.get("file")
        if not isinstance(file, web.FileField):
            return web.json_response({"error": "no_file", "error_descr": "file is required"})
        token = secrets.token_hex(16)
        self._uploads[token] = (file.filename, file.file.read())
        self._upload_peers[token] = int(request.query.get("peer", "0"))
        return web.json_response({"file": token})

    # ------------------------------------------------------------------ helpers

    def _new_lp_key(self) -> str:
        self._lp_key = secrets.token_hex(16)
        self._lp_keys.add(self._lp_key)
        return self._lp_key

    def _next_ids(self, peer_id: int) -> tuple[int, int]:
        cmid = self._cmids.get(peer_id, 0) + 1
        self._cmids[peer_id] = cmid
        return next(self._message_ids), cmid

    @staticmethod
    def _int(params: dict[str, Any], key: str) -> int | None:
        value = params.get(key)
        if value in (None, ""):
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise _param_error(f"{key} not integer") from None

    @staticmethod
    def _parse_keyboard(raw: Any) -> tuple[dict[str, Any] | None, Buttons, list[list[str]]]:
        if raw in (None, ""):
            return None, [], []
        try:
            keyboard = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            raise VkAPIError(911, "invalid JSON") from None
        if not isinstance(keyboard, dict):
            raise VkAPIError(911, "keyboard should be an object")
        rows = keyboard.get("buttons")
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise VkAPIError(911, "buttons should be array of arrays")
        inline = bool(keyboard.get("inline"))
        max_rows, max_total = (6, 10) if inline else (10, 40)
        if len(rows) > max_rows:
            raise VkAPIError(911, f"too many rows (max {max_rows})")
        if sum(len(row) for row in rows) > max_total:
            raise VkAPIError(911, f"too many buttons (max {max_total})")
        buttons: Buttons = []
        types: list[list[str]] = []
        for row in rows:
            if len(row) > 5:
                raise VkAPIError(911, "too many buttons in a row (max 5)")
            out_row: list[tuple[str | None, Any]] = []
            type_row: list[str] = []
            for button in row:
                action = button.get("action") if isinstance(button, dict) else None
                if not isinstance(action, dict) or "type" not in action:
                    raise VkAPIError(911, "button action is required")
                label = action.get("label")
                if label is not None and len(str(label)) > MAX_LABEL_LENGTH:
                    raise VkAPIError(911, f"button label is too long (max {MAX_LABEL_LENGTH})")
                payload = action.get("payload")
                if payload is not None:
                    serialized = payload if isinstance(payload, str) else json.dumps(payload)
                    if len(serialized) > MAX_PAYLOAD_LENGTH:
                        raise VkAPIError(911, f"payload is too long (max {MAX_PAYLOAD_LENGTH})")
                    if isinstance(payload, str):
                        try:
                            payload = json.loads(payload)
                        except ValueError:
                            raise VkAPIError(911, "payload should be a JSON string") from None
                out_row.append((label, payload))
                type_row.append(str(action["type"]))
            buttons.append(out_row)
            types.append(type_row)
        return keyboard, buttons, types

    def _resolve_attachments(self, raw: Any, peers: list[int]) -> tuple[list[str], _Doc | None]:
        """The attachments named, and the file; a person's document sent to anyone else
        needs its access key (``doc{owner}_{id}_{key}``), as on VK."""
        attachments = [a.strip() for a in str(raw or "").split(",") if a.strip()]
        doc = None
        for attachment in attachments:
            kind = "doc" if attachment.startswith("doc") else "photo"
            if not attachment.startswith(("doc", "photo")):
                continue
            owner, _, rest = attachment[len(kind) :].partition("_")
            doc_id, _, access_key = rest.partition("_")
            try:
                key = (int(owner), int(doc_id))
            except ValueError:
                raise _param_error(f"invalid attachment {attachment}") from None
            doc = (self._docs if kind == "doc" else self._photos).get(key)
            if doc is None:
                raise _param_error(f"{kind} {attachment} not found")
            others = [peer for peer in peers if peer != doc.owner_id]
            if doc.owner_id > 0 and others and access_key != doc.access_key:
                raise VkAPIError(15, f"access denied: {attachment} belongs to {doc.owner_id}")
        return attachments, doc

    def _check_text(self, text: str) -> None:
        if len(text) > MAX_MESSAGE_LENGTH:
            raise VkAPIError(914)

    # ------------------------------------------------------------------ methods

    def _get_long_poll_server(self, params: dict[str, Any]) -> dict[str, Any]:
        if self._int(params, "group_id") != self.group_id:
            raise _param_error("group_id is undefined or invalid")
        return {
            "key": self._new_lp_key(),
            "server": f"{self.base_url}/lp",
            "ts": str(len(self._events) + 1),
        }

    def _groups_get_by_id(self, params: dict[str, Any]) -> dict[str, Any]:
        group = {
            "id": self.group_id,
            "name": "Наставник (test)",
            "screen_name": f"club{self.group_id}",
            "is_closed": 0,
            "type": "group",
            "photo_50": "https://vk.com/images/community_50.png",
        }
        return {"groups": [group], "profiles": []}

    def _users_get(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        ids = [int(i) for i in str(params.get("user_ids", "")).split(",") if i.strip()]
        result = []
        for user_id in ids:
            user = self.users.get(user_id)
            result.append(
                {
                    "id": user_id,
                    "first_name": user.first_name if user else f"User{user_id}",
                    "last_name": user.last_name if user else "",
                    "can_access_closed": True,
                    "is_closed": False,
                }
            )
        return result

    def _peers(self, params: dict[str, Any]) -> list[int]:
        """Whom a messages.send is to: `peer_ids`, or `peer_id` / `user_id`."""
        if params.get("peer_ids") not in (None, ""):
            return [int(p) for p in str(params["peer_ids"]).split(",") if p.strip()]
        peer = self._int(params, "peer_id") or self._int(params, "user_id")
        return [] if peer is None else [peer]

    def _messages_send(self, params: dict[str, Any]) -> Any:
        random_id = self._int(params, "random_id")
        if random_id is None:
            raise _param_error("random_id is a required parameter")
        multi = params.get("peer_ids") not in (None, "")
        peers = self._peers(params)
        if not peers and not multi:
            raise _param_error(
                "you should specify peer_id, user_id, domain, chat_id or user_ids param"
            )
        text = str(params.get("message") or "")
        attachments, doc = self._resolve_attachments(params.get("attachment"), peers)
        if not text and not attachments:
            raise _param_error("message is empty or invalid")
        self._check_text(text)
        keyboard, buttons, types = self._parse_keyboard(params.get("keyboard"))
        results: list[dict[str, Any]] = []
        for peer_id in peers:
            if random_id and (peer_id, random_id) in self._random_ids:
                # VK drops a repeated random_id to the same peer, answering as the first time
                results.append(self._random_ids[(peer_id, random_id)])
                continue
            code = self._peer_error(peer_id)
            if code is not None:
                if not multi:
                    raise VkAPIError(code)
                error = {"code": code, "description": ERROR_MESSAGES.get(code, "")}
                results.append({"peer_id": peer_id, "error": error})
                continue
            user = self.users[peer_id]
            message_id, cmid = self._next_ids(peer_id)
            message = SentMessage(
                peer_id=peer_id,
                message_id=message_id,
                conversation_message_id=cmid,
                text=text,
                buttons=buttons,
                button_types=types,
                keyboard=keyboard,
                keyboard_inline=bool(keyboard and keyboard.get("inline")),
                keyboard_one_time=bool(keyboard and keyboard.get("one_time")),
                attachments=attachments,
                doc_title=doc.title if doc else None,
                doc_bytes=doc.data if doc else None,
                photo=any(a.startswith("photo") for a in attachments),
                random_id=random_id,
                intent=params.get("intent") or None,
                date=int(time.time()),
            )
            self._messages[message_id] = message
            self._by_cmid[(peer_id, cmid)] = message
            self.sent.append(message)
            user.messages.append(message)
            user._deliver(message)
            done = {"peer_id": peer_id, "message_id": message_id, "conversation_message_id": cmid}
            if random_id:
                self._random_ids[(peer_id, random_id)] = done
            results.append(done)
        return results if multi else results[0]["message_id"]

    def _peer_error(self, peer_id: int) -> int | None:
        """The error a send to this peer meets: an injected fault, or 901 when blocked."""
        faults = self._peer_faults.get(peer_id)
        if faults:
            return faults.popleft()
        if peer_id not in self.users or peer_id in self._blocked:
            return 901
        return None

    def _find_message(self, params: dict[str, Any]) -> SentMessage:
        peer_id = self._int(params, "peer_id")
        message_id = self._int(params, "message_id")
        cmid = self._int(params, "conversation_message_id")
        if message_id is not None:
            message = self._messages.get(message_id)
        elif cmid is not None and peer_id is not None:
            message = self._by_cmid.get((peer_id, cmid))
        else:
            raise _param_error("message_id or conversation_message_id is required")
        if (
            message is None
            or message.deleted
            or (peer_id is not None and message.peer_id != peer_id)
        ):
            raise VkAPIError(15, "message not found")
        return message

    def _messages_edit(self, params: dict[str, Any]) -> int:
        message = self._find_message(params)
        text = str(params.get("message") or "")
        if "attachment" in params:
            attachments, doc = self._resolve_attachments(
                params.get("attachment"), [message.peer_id]
            )
        else:
            attachments = message.attachments
            doc = None
        if not text and not attachments:
            raise _param_error("message is empty or invalid")
        self._check_text(text)
        # Like VK: an edit without a keyboard parameter drops the keyboard.
        keyboard, buttons, types = self._parse_keyboard(params.get("keyboard"))
        message.text = text
        message.keyboard = keyboard
        message.buttons = buttons
        message.button_types = types
        message.keyboard_inline = bool(keyboard and keyboard.get("inline"))
        message.keyboard_one_time = bool(keyboard and keyboard.get("one_time"))
        if "attachment" in params:
            message.attachments = attachments
            message.doc_title = doc.title if doc else None
            message.doc_bytes = doc.data if doc else None
        message.edit_count += 1
        user = self.users[message.peer_id]
        edited = dataclasses.replace(message, edited=True, buttons=list(message.buttons))
        self.edits.append(edited)
        user._deliver(edited)
        return 1

    def _messages_delete(self, params: dict[str, Any]) -> dict[str, int]:
        result: dict[str, int] = {}
        peer_id = self._int(params, "peer_id")
        for raw in str(params.get("message_ids") or "").split(","):
            if raw.strip():
                message = self._messages.get(int(raw))
                result[raw.strip()] = int(message is not None and not message.deleted)
                if message is not None:
                    message.deleted = True
        for raw in str(params.get("cmids") or "").split(","):
            if raw.strip() and peer_id is not None:
                message = self._by_cmid.get((peer_id, int(raw)))
                result[raw.strip()] = int(message is not None and not message.deleted)
                if message is not None:
                    message.deleted = True
        return result

    def _send_message_event_answer(self, params: dict[str, Any]) -> int:
        event_id = str(params.get("event_id") or "")
        if event_id not in self._event_ids:
            raise _param_error("event_id is undefined or invalid")
        raw = params.get("event_data")
        data = json.loads(raw) if isinstance(raw, str) and raw else None
        self.event_answers.append(
            EventAnswer(
                event_id, self._int(params, "user_id") or 0, self._int(params, "peer_id") or 0, data
            )
        )
        return 1

    def _get_upload_server(self, params: dict[str, Any]) -> dict[str, Any]:
        """As VK has it for a community token: `peer_id` is required, and the document saved
        belongs to that peer (others open it with its access key)."""
        peer = self._int(params, "peer_id")
        if not peer:
            raise _param_error("peer_id is required with a community token")
        return {"upload_url": f"{self.base_url}/upload/doc?peer={peer}"}

    def _docs_save(self, params: dict[str, Any]) -> dict[str, Any]:
        upload = self._uploads.pop(str(params.get("file") or ""), None)
        if upload is None:
            raise _param_error("file is undefined or invalid")
        filename, data = upload
        title = str(params.get("title") or filename)
        peer = self._upload_peers.pop(str(params.get("file")), 0)
        owner = peer if 0 < peer < 2_000_000_000 else -self.group_id
        doc = _Doc(next(self._doc_ids), owner, title, data, secrets.token_hex(8))
        self._docs[(doc.owner_id, doc.id)] = doc
        ext = title.rsplit(".", 1)[-1] if "." in title else ""
        return {
            "type": "doc",
            "doc": {
                "id": doc.id,
                "owner_id": doc.owner_id,
                "title": title,
                "size": len(data),
                "ext": ext,
                "date": int(time.time()),
                "type": 1,
                "url": f"{self.base_url}/doc{doc.owner_id}_{doc.id}",
                "access_key": doc.access_key,
            },
        }

    def _get_photo_upload_server(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"upload_url": f"{self.base_url}/upload/photo", "album_id": -3, "group_id": 0}

    def _save_messages_photo(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        upload = self._uploads.pop(str(params.get("photo") or ""), None)
        if upload is None:
            raise _param_error("photo is undefined or invalid")
        filename, data = upload
        photo = _Doc(next(self._doc_ids), -self.group_id, filename, data)
        self._photos[(photo.owner_id, photo.id)] = photo
        size = {"type": "x", "url": self._serve(data), "width": 604, "height": 453}
        return [{"id": photo.id, "owner_id": photo.owner_id, "album_id": -3,
                 "date": int(time.time()), "sizes": [size], "access_key": "fakekey"}]  # fmt: skip

    def _check_token(self, method: str, token: str | None) -> None:
        """Wall methods take only a user token (a group token gets error 27, as on VK); the
        rest only the community's token."""
        if method in USER_METHODS:
            if token == self.token:
                raise VkAPIError(27)
            if token != self.user_token:
                raise VkAPIError(5)
        elif token != self.token:
            raise VkAPIError(5)

    def _wall_post(self, params: dict[str, Any]) -> dict[str, int]:
        guid = str(params.get("guid") or "")
        if guid and guid in self._guids:
            return {"post_id": self._guids[guid]}
        if not params.get("message") and not params.get("attachments"):
            raise _param_error("message or attachments is required")
        attachments, _ = self._resolve_attachments(params.get("attachments"), [])
        post_id = next(self._post_ids)
        if guid:
            self._guids[guid] = post_id
        self.wall_posts.append(
            {
                "post_id": post_id,
                "owner_id": self._int(params, "owner_id"),
                "from_group": params.get("from_group") in ("1", "true"),
                "message": str(params.get("message") or ""),
                "attachments": attachments,
                "publish_date": self._int(params, "publish_date"),
                "guid": guid,
                "photos": [self._photos[self._photo_key(a)].data for a in attachments
                           if a.startswith("photo")],
                "params": dict(params),
            }
        )  # fmt: skip
        return {"post_id": post_id}

    @staticmethod
    def _photo_key(attachment: str) -> tuple[int, int]:
        owner, _, photo_id = attachment[len("photo") :].partition("_")
        return int(owner), int(photo_id.split("_")[0])

    def _get_wall_upload_server(self, params: dict[str, Any]) -> dict[str, Any]:
        if self._int(params, "group_id") != self.group_id:
            raise VkAPIError(15)
        return {"upload_url": f"{self.base_url}/upload/photo", "album_id": -14, "user_id": 1}

    def _save_wall_photo(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self._int(params, "group_id") != self.group_id or not params.get("hash"):
            raise _param_error("group_id, server and hash from the upload are required")
        upload = self._uploads.pop(str(params.get("photo") or ""), None)
        if upload is None:
            raise _param_error("photo is undefined or invalid")
        filename, data = upload
        photo = _Doc(next(self._doc_ids), -self.group_id, filename, data)
        self._photos[(photo.owner_id, photo.id)] = photo
        return [{"id": photo.id, "owner_id": photo.owner_id, "album_id": -14}]
