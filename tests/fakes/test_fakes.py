"""Self-tests: the real aiogram and vkbottle libraries against the fake servers."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Coroutine
from typing import Any

import aiohttp
import pydantic
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.filters import Command
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.backoff import BackoffConfig
from vkbottle import API, Callback, GroupEventType, Keyboard, Text, VKAPIError
from vkbottle.api.request_rescheduler import BlockingRequestRescheduler
from vkbottle.bot import Message as VkMessage
from vkbottle.bot import MessageEvent
from vkbottle.http import SingleAiohttpClient
from vkbottle.tools import DocMessagesUploader, PhotoMessageUploader

from tests.fakes.echo_bots import (
    make_vk_bot,
    run_aiogram_echo,
    run_vkbottle_echo,
    start_polling_cancellable,
)
from tests.fakes.telegram import EntityParseError, FakeTelegram, html_to_plain
from tests.fakes.vk import FakeVK

FAST_BACKOFF = BackoffConfig(min_delay=0.01, max_delay=0.05, factor=1.5, jitter=0.1)


@contextlib.asynccontextmanager
async def running(coro: Coroutine[Any, Any, Any]) -> AsyncIterator[asyncio.Task[Any]]:
    """Run ``coro`` as a task for the duration of the block, then cancel it."""
    task = asyncio.create_task(coro)
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest_asyncio.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@pytest_asyncio.fixture
async def vk() -> AsyncIterator[FakeVK]:
    async with FakeVK() as fake:
        yield fake
    # vkbottle shares one process-wide aiohttp session (SingleAiohttpClient) between all
    # API objects; close it while its event loop is still alive.
    await SingleAiohttpClient().close()


def make_bot(fake: FakeTelegram) -> Bot:
    assert fake.base_url is not None
    return Bot(fake.token, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))


def make_vk_api(fake: FakeVK, **kwargs: Any) -> API:
    api = API(fake.token, **kwargs)
    api.API_URL = f"{fake.base_url}/method/"
    return api


# --------------------------------------------------------------------------- HTML parser


def test_html_to_plain_accepts_telegram_markup() -> None:
    text = '<b>Bold <i>both</i></b> &lt;tag&gt; &amp; &#128512; <a href="https://x.y/?a=1&amp;b=2">l</a>'
    assert html_to_plain(text) == "Bold both <tag> & \U0001f600 l"
    assert html_to_plain('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>') == "st"
    assert html_to_plain('<pre><code class="language-python">x</code></pre>') == "x"
    assert html_to_plain("<blockquote expandable>q</blockquote> 2 > 1") == "q 2 > 1"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a < b", 'Unsupported start tag ""'),
        ("line<br>next", 'Unsupported start tag "br"'),
        ("<b>open", 'end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("x</b>", "Unexpected end tag"),
        ("<span>x</span>", 'must have class "tg-spoiler"'),
        ("Tom & Jerry", 'Unescaped "&"'),
        ("<b", "Unclosed start tag"),
    ],
)
def test_html_to_plain_rejects_bad_markup(text: str, fragment: str) -> None:
    with pytest.raises(EntityParseError, match=fragment):
        html_to_plain(text)


def test_html_lenient_ampersand_like_real_telegram() -> None:
    assert html_to_plain("Tom & Jerry &nbsp;", strict_ampersand=False) == "Tom & Jerry &nbsp;"


# --------------------------------------------------------------------------- Telegram


@pytest.mark.asyncio
async def test_aiogram_echo_bot_round_trip(tg: FakeTelegram) -> None:
    dp = Dispatcher()

    @dp.message(Command("start"))
    async def start(message: Message) -> None:
        await message.answer(
            "<b>Привет</b>, " + (message.from_user.first_name or ""), parse_mode="HTML"
        )

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text="Again", callback_data=f"again:{message.text}")]
            ]
        )
        await message.answer(message.text or "", reply_markup=keyboard)

    @dp.callback_query(F.data.startswith("again:"))
    async def again(query: CallbackQuery) -> None:
        await query.answer("ok")
        assert isinstance(query.message, Message)
        await query.message.edit_text(f"pressed: {query.data}")
        await query.message.answer(query.data.split(":", 1)[1])

    bot = make_bot(tg)
    alice = tg.user(1001, first_name="Alice")
    sent_to: list[int] = []

    async def hook(chat: int) -> None:
        sent_to.append(chat)

    tg.on_sent = hook
    async with running(start_polling_cancellable(dp, bot)):
        alice.send("/start")
        greeting = await alice.next_message()
        assert sent_to == [1001]  # the hook, after each message sent
        assert greeting.text == "<b>Привет</b>, Alice"
        assert greeting.plain_text == "Привет, Alice"
        assert greeting.parse_mode == "HTML"

        alice.send("hello")
        reply = await alice.next_message()
        assert reply.text == "hello"
        assert reply.buttons == [[("Again", "again:hello")]]

        alice.press("Again")
        edited = await alice.next_message()
        assert edited.edited and edited.message_id == reply.message_id
        assert edited.text == "pressed: again:hello"
        assert edited.buttons == []  # editMessageText without reply_markup drops the keyboard
        assert reply.text == "pressed: again:hello" and reply.edit_count == 1
        assert [e.text for e in tg.edits] == ["pressed: again:hello"]  # the log of edits
        follow_up = await alice.next_message()
        assert follow_up.text == "hello" and not follow_up.edited
        assert [a.text for a in tg.callback_answers] == ["ok"]

        await tg.wait_idle()
        assert tg.pending_updates() == 0
        with pytest.raises(AssertionError, match="no button 'Nope'"):
            alice.press("Nope", message=reply.message_id)
    assert [m.text for m in alice.messages] == [
        "<b>Привет</b>, Alice",
        "pressed: again:hello",
        "hello",
    ]
    assert tg.method_counts["sendMessage"] == 3


@pytest.mark.asyncio
async def test_telegram_errors_surface_as_aiogram_exceptions(tg: FakeTelegram) -> None:
    bot = make_bot(tg)
    user = tg.user(7)
    try:
        tg.fail_next("sendMessage", status=429, retry_after=3)
        with pytest.raises(TelegramRetryAfter) as retry:
            await bot.send_message(user.id, "x")
        assert retry.value.retry_after == 3

        tg.fail_next("sendMessage", status=502)
        with pytest.raises(TelegramServerError):
            await bot.send_message(user.id, "x")

        tg.block(user.id)
        with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
            await bot.send_message(user.id, "x")
        tg.unblock(user.id)

        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(user.id, "x" * 4097)
        await bot.send_message(user.id, "x" * 4096)
        # Length is counted after entity parsing.
        await bot.send_message(user.id, "<b>" + "y" * 4096 + "</b>", parse_mode="HTML")
        with pytest.raises(TelegramBadRequest, match="can't parse entities"):
            await bot.send_message(user.id, "1 < 2", parse_mode="HTML")
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(user.id, "")
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(
                user.id,
                "x",
                reply_markup=InlineKeyboardMarkup(
                    inline_keyboard=[[InlineKeyboardButton(text="b", callback_data="я" * 33)]]
                ),
            )
        with pytest.raises(TelegramBadRequest, match="chat not found"):
            await bot.send_message(999, "x")

        sent = await bot.send_message(user.id, "same")
        with pytest.raises(TelegramBadRequest, match="message is not modified"):
            await bot.edit_message_text("same", chat_id=user.id, message_id=sent.message_id)

        doc = await bot.send_document(
            user.id, BufferedInputFile(b"a;b\n1;2\n", filename="report.csv"), caption="Отчёт"
        )
        assert doc.document is not None and doc.document.file_name == "report.csv"
        assert user.messages[-1].document_bytes == b"a;b\n1;2\n"
        assert user.messages[-1].text == "Отчёт"
        resent = await bot.send_document(user.id, doc.document.file_id)
        assert resent.document is not None and resent.document.file_name == "report.csv"

        with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
            await bot.answer_callback_query("forged")
    finally:
        await bot.session.close()

    url = f"{tg.base_url}/bot{tg.token}/noSuchMethod"
    async with aiohttp.ClientSession() as session, session.post(url) as response:
        assert response.status == 404
        assert await response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }


@pytest.mark.asyncio
async def test_telegram_files_in_and_out(tg: FakeTelegram) -> None:
    """A user's photo comes in several sizes and a document with its declared size; getFile and
    the file route hand over the bytes; sendPhoto arrives as a photo."""
    bot = make_bot(tg)
    user = tg.user(5005)
    try:
        user.send_file("cat.jpg", b"JPEG cat picture", "image/jpeg", "Кот")
        user.send_file("plan.pdf", b"%PDF", "application/pdf", declared_size=30 * 1024 * 1024)
        updates = await bot.get_updates()
        photo, document = (u.message for u in updates if u.message is not None)
        assert photo.caption == "Кот" and photo.photo is not None
        largest = max(photo.photo, key=lambda size: size.width)
        assert document.document is not None
        assert document.document.file_size == 30 * 1024 * 1024
        found = await bot.get_file(largest.file_id)
        assert found.file_path is not None
        downloaded = await bot.download_file(found.file_path)
        assert downloaded is not None and downloaded.read() == b"JPEG cat picture"

        picture = BufferedInputFile(b"JPEG answer", filename="answer.jpg")
        await bot.send_photo(user.id, picture, caption="<b>Ответ</b>", parse_mode="HTML")
        sent = await user.next_message()
        assert sent.photo and sent.document_bytes == b"JPEG answer"
        assert sent.plain_text == "Ответ"
    finally:
        await bot.session.close()


@pytest.mark.asyncio
async def test_telegram_offsets_deliver_backlog_once(tg: FakeTelegram) -> None:
    seen: list[str] = []

    def make_dispatcher() -> Dispatcher:
        dp = Dispatcher()

        @dp.message(F.text)
        async def record(message: Message) -> None:
            seen.append(message.text or "")
            await message.answer("ack " + (message.text or ""))

        return dp

    user = tg.user(42)
    # Pushed while no bot is polling: must be delivered once polling starts.
    user.send("early 1")
    user.send("early 2")
    assert tg.pending_updates() == 2
    tg.fail_next("getUpdates", status=502)  # aiogram backs off and retries getUpdates

    async with running(
        start_polling_cancellable(make_dispatcher(), make_bot(tg), backoff_config=FAST_BACKOFF)
    ):
        assert (await user.next_message()).text == "ack early 1"
        assert (await user.next_message()).text == "ack early 2"
        await tg.wait_idle()
        await tg.wait_polling()

    user.send("while down")
    async with running(start_polling_cancellable(make_dispatcher(), make_bot(tg))):
        assert (await user.next_message()).text == "ack while down"
        await tg.wait_idle()
    assert seen == ["early 1", "early 2", "while down"]  # nothing delivered twice
    leaked = [t for t in asyncio.all_tasks() if "_polling" in repr(t.get_coro())]
    assert leaked == []


@pytest.mark.asyncio
async def test_telegram_drops_update_types_the_bot_did_not_ask_for(tg: FakeTelegram) -> None:
    dp = Dispatcher()

    @dp.message()
    async def echo(message: Message) -> None:
        await message.answer(
            "pick",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]]
            ),
        )

    user = tg.user(5)
    async with running(start_polling_cancellable(dp, make_bot(tg))):
        user.send("hi")
        await user.next_message()
        user.press("a")  # aiogram asked for allowed_updates=["message"] only
        await tg.wait_idle()
    assert [u["update_id"] for u in tg.dropped_updates] == [2]
    assert tg.callback_answers == []


@pytest.mark.asyncio
async def test_run_aiogram_echo(tg: FakeTelegram) -> None:
    users = [tg.user(100 + i) for i in range(20)]
    async with running(run_aiogram_echo(tg.base_url or "", tg.token)):
        for i, user in enumerate(users):
            user.send(f"msg {i}")
        await tg.wait_sent(len(users))
    for i, user in enumerate(users):
        assert [m.text for m in user.messages] == [f"msg {i}"]


# --------------------------------------------------------------------------- VK


def echo_vk_bot(fake: FakeVK, tmp_path: Any, seen: list[str], **kwargs: Any) -> Any:
    bot = make_vk_bot(fake.base_url or "", fake.token, fake.group_id, state_dir=tmp_path, **kwargs)

    @bot.on.message()
    async def echo(message: VkMessage) -> None:
        seen.append(message.text)
        payload = message.get_payload_json()
        if payload:
            await message.answer(f"payload {payload['n']}")
            return
        keyboard = (
            Keyboard(inline=True)
            .add(Callback("Again", payload={"cmd": "again", "text": message.text}))
            .add(Text("Text", payload={"n": 1}))
        )
        await message.answer(message.text, keyboard=keyboard.get_json())

    @bot.on.raw_event(GroupEventType.MESSAGE_EVENT, dataclass=MessageEvent)
    async def again(event: MessageEvent) -> None:
        await event.show_snackbar("ok")
        await event.edit_message(f"pressed: {event.payload['text']}")
        await event.send_message(event.payload["text"])

    return bot


@pytest.mark.asyncio
async def test_vkbottle_echo_bot_round_trip(vk: FakeVK, tmp_path: Any) -> None:
    seen: list[str] = []
    bot = echo_vk_bot(vk, tmp_path, seen)
    bob = vk.user(2001, first_name="Bob")
    sent_to: list[int] = []

    async def hook(chat: int) -> None:
        sent_to.append(chat)

    vk.on_sent = hook
    async with running(bot.run_polling()):
        await vk.wait_polling()
        bob.send("привет <b>")
        reply = await bob.next_message()
        assert sent_to == [2001]  # the hook, after each message sent
        assert reply.text == "привет <b>"  # VK does not parse HTML
        assert reply.keyboard_inline
        assert reply.buttons == [
            [("Again", {"cmd": "again", "text": "привет <b>"}), ("Text", {"n": 1})]
        ]

        bob.press("Again")
        edited = await bob.next_message()
        assert edited.edited and edited.message_id == reply.message_id
        assert edited.text == "pressed: привет <b>" and edited.buttons == []
        assert [e.text for e in vk.edits] == ["pressed: привет <b>"]  # the log of edits
        follow_up = await bob.next_message()
        assert follow_up.text == "привет <b>"
        assert len(vk.event_answers) == 1
        assert vk.event_answers[0].event_data == {"type": "show_snackbar", "text": "ok"}

        bob.send("second")
        assert (await bob.next_message()).buttons[0][1] == ("Text", {"n": 1})
        bob.press({"n": 1})  # a text button: message_new with the label and payload
        assert (await bob.next_message()).text == "payload 1"
        await vk.wait_idle()
    assert seen == ["привет <b>", "second", "Text"]
    assert not (tmp_path / ".vkbottle").exists()


@pytest.mark.asyncio
async def test_vk_errors_surface_as_vkapierror(vk: FakeVK) -> None:
    api = make_vk_api(vk)
    user = vk.user(3001)
    send = api.messages.send

    vk.block(user.id)
    with pytest.raises(VKAPIError[901]):
        await send(peer_id=user.id, random_id=0, message="x")
    # With peer_ids (what Message.answer() uses) VK reports the error per recipient and
    # omits message_id, which vkbottle-types' model requires: pydantic error, no VKAPIError.
    with pytest.raises(pydantic.ValidationError, match="message_id"):
        await send(peer_ids=[user.id], random_id=0, message="x")
    vk.unblock(user.id)

    vk.fail_next("messages.send", error_code=6)
    with pytest.raises(VKAPIError[6]):
        await send(peer_id=user.id, random_id=0, message="x")
    vk.fail_next("messages.send", error_code=10)
    with pytest.raises(VKAPIError[10]):
        await send(peer_id=user.id, random_id=0, message="x")
    with pytest.raises(VKAPIError[914]):
        await send(peer_id=user.id, random_id=0, message="x" * 4097)
    too_long_label = Keyboard(inline=True).add(Text("x" * 41)).get_json()
    with pytest.raises(VKAPIError[911]):
        await send(peer_id=user.id, random_id=0, message="x", keyboard=too_long_label)
    too_many = Keyboard(inline=True)
    for i in range(11):
        too_many.add(Callback(str(i), payload={"i": i}))
        if i % 5 == 4:
            too_many.row()
    with pytest.raises(VKAPIError[911]):
        await send(peer_id=user.id, random_id=0, message="x", keyboard=too_many.get_json())
    big_payload = Keyboard(inline=True).add(Callback("b", payload={"p": "x" * 250})).get_json()
    with pytest.raises(VKAPIError[911]):
        await send(peer_id=user.id, random_id=0, message="x", keyboard=big_payload)

    first = await send(peer_id=user.id, random_id=77, message="once")
    assert await send(peer_id=user.id, random_id=77, message="once") == first
    assert [m.text for m in user.messages] == ["once"]

    vk.lose_answer_next("messages.send", error_code=10)
    with pytest.raises(VKAPIError[10]):
        await send(peer_id=user.id, random_id=78, message="delivered, answer lost")
    assert user.messages[-1].text == "delivered, answer lost"
    await send(peer_id=user.id, random_id=78, message="delivered, answer lost")
    assert [m.text for m in user.messages].count("delivered, answer lost") == 1

    # An HTML 5xx is not JSON: vkbottle reschedules the request (5s * attempt by default).
    fast = make_vk_api(vk, request_rescheduler=BlockingRequestRescheduler(delay=0))
    vk.fail_http_next("messages.send", status=502)
    await fast.messages.send(peer_id=user.id, random_id=0, message="after 502")
    assert user.messages[-1].text == "after 502"
    # ...but only once: a second non-JSON answer becomes VKAPIError[1] ("Unknown response").
    vk.fail_http_next("messages.send", status=502, count=2)
    with pytest.raises(VKAPIError[1]):
        await fast.messages.send(peer_id=user.id, random_id=0, message="lost")
    assert user.messages[-1].text == "after 502"


@pytest.mark.asyncio
async def test_vk_documents_users_and_wall(vk: FakeVK) -> None:
    api = make_vk_api(vk)
    user = vk.user(3002, first_name="Ива", last_name="Петрова")
    attachment = await DocMessagesUploader(api).upload(
        b"col\n1\n", peer_id=user.id, title="report.csv"
    )
    assert attachment.startswith(f"doc{user.id}_")  # the peer's document, as on VK
    await api.messages.send(peer_id=user.id, random_id=0, attachment=attachment)
    message = await user.next_message()
    assert message.doc_title == "report.csv" and message.doc_bytes == b"col\n1\n"
    other = vk.user(3003)
    keyless = attachment.rsplit("_", 1)[0]
    with pytest.raises(VKAPIError) as denied:  # someone else's document needs its key
        await api.messages.send(peer_id=other.id, random_id=0, attachment=keyless)
    assert denied.value.code == 15
    await api.messages.send(peer_id=other.id, random_id=0, attachment=attachment)
    assert (await other.next_message()).doc_bytes == b"col\n1\n"

    [profile] = await api.users.get(user_ids=[user.id])
    assert (profile.first_name, profile.last_name) == ("Ива", "Петрова")
    with pytest.raises(VKAPIError) as refused:  # the wall takes a user token only
        await api.wall.post(owner_id=-vk.group_id, from_group=True, message="Итоги")
    assert refused.value.code == 27 and vk.wall_posts == []
    admin = API(vk.user_token)
    admin.API_URL = f"{vk.base_url}/method/"
    for _ in range(2):  # the same guid twice: one post
        post = await admin.wall.post(
            owner_id=-vk.group_id, from_group=True, message="Итоги", guid="post-1"
        )
    assert post.post_id == 1 and [p["message"] for p in vk.wall_posts] == ["Итоги"]


@pytest.mark.asyncio
async def test_vk_photos_in_and_out(vk: FakeVK) -> None:
    """A user's photo and document carry URLs served by the fake; a photo the bot uploads with
    photos.getMessagesUploadServer / saveMessagesPhoto arrives as a photo."""
    api = make_vk_api(vk)
    user = vk.user(3003)
    user.send_file("cat.jpg", b"JPEG cat", "image/jpeg", "Кот")
    user.send_file("plan.pdf", b"%PDF", "application/pdf", declared_size=30 * 1024 * 1024)
    photo, doc = [event["object"]["message"] for event in vk._events[-2:]]
    assert photo["text"] == "Кот"
    biggest = max(photo["attachments"][0]["photo"]["sizes"], key=lambda s: s["width"])
    assert doc["attachments"][0]["doc"]["size"] == 30 * 1024 * 1024
    doc_url = doc["attachments"][0]["doc"]["url"]
    async with aiohttp.ClientSession() as http:
        for url, data in ((biggest["url"], b"JPEG cat"), (doc_url, b"%PDF")):
            async with http.get(url) as response:
                assert await response.read() == data

    attachment = await PhotoMessageUploader(api).upload(b"JPEG answer", peer_id=user.id)
    assert attachment.startswith(f"photo-{vk.group_id}_")
    await api.messages.send(peer_id=user.id, random_id=0, attachment=attachment)
    message = await user.next_message()
    assert message.photo and message.doc_bytes == b"JPEG answer"


@pytest.mark.asyncio
async def test_vk_long_poll_ts_semantics(vk: FakeVK, tmp_path: Any) -> None:
    seen: list[str] = []
    user = vk.user(4001)

    user.send("before first poll")  # real VK: lost, getLongPollServer returns the current ts
    async with running(echo_vk_bot(vk, tmp_path, seen, skip_old_events=False).run_polling()):
        await vk.wait_polling()
        user.send("one")
        assert (await user.next_message()).text == "one"
        vk.fail_http_next("lp", status=502)  # vkbottle logs, sleeps 0.1s and re-polls
        vk.fail_lp_next(failed=2)  # key expired: new server, same ts
        user.send("two")
        assert (await user.next_message()).text == "two"
        await vk.wait_idle()

    user.send("while down")  # delivered on restart thanks to the saved ts file
    async with running(echo_vk_bot(vk, tmp_path, seen, skip_old_events=False).run_polling()):
        assert (await user.next_message()).text == "while down"
        await vk.wait_idle()
    assert seen == ["one", "two", "while down"]
    assert (tmp_path / "bot-polling" / f"{vk.group_id}.json").exists()

    user.send("skipped")  # default skip_old_events=True ignores the saved ts
    async with running(echo_vk_bot(vk, tmp_path, seen).run_polling()):
        await vk.wait_polling()
        user.send("fresh")
        assert (await user.next_message()).text == "fresh"
    assert seen[-1] == "fresh" and "skipped" not in seen


@pytest.mark.asyncio
async def test_run_vkbottle_echo(vk: FakeVK, tmp_path: Any) -> None:
    users = [vk.user(5000 + i) for i in range(20)]
    async with running(
        run_vkbottle_echo(vk.base_url or "", vk.token, vk.group_id, state_dir=tmp_path)
    ):
        await vk.wait_polling()
        for i, user in enumerate(users):
            user.send(f"msg {i}")
        await vk.wait_sent(len(users))
    for i, user in enumerate(users):
        assert [m.text for m in user.messages] == [f"msg {i}"]
    assert json.loads((tmp_path / "bot-polling" / f"{vk.group_id}.json").read_text())["ts"]


@pytest.mark.asyncio
async def test_vk_peer_ids_answers_each_peer_and_drops_a_repeat_per_peer(vk: FakeVK) -> None:
    api = make_vk_api(vk)
    one, two, three = vk.user(3101), vk.user(3102), vk.user(3103)
    vk.block(two.id)
    vk.fail_peer_next(three.id, error_code=10)
    params = {"peer_ids": f"{one.id},{two.id},{three.id}", "random_id": 5, "message": "all"}
    answer = (await api.request("messages.send", params))["response"]
    assert [r.get("error", {}).get("code") for r in answer] == [None, 901, 10]
    again = (await api.request("messages.send", params))["response"]
    assert again[0] == answer[0]  # the repeat to the first is dropped, answered as before
    assert [len(u.messages) for u in (one, two, three)] == [1, 0, 1]  # the third: now through
    assert vk.method_counts["messages.send"] == 2
