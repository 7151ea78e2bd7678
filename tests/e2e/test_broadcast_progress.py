"""The curator's live progress: the message «Отправить» turned into is edited as the broadcast goes
— "delivered" growing, at most once per `BROADCAST_PROGRESS_SECONDS` of the bot's clock — and ends
with the final figures; pause works from it while a batch is in flight, then resume and cancel, and
so does cancel; an edit the platform refuses stops the edits, never the broadcast."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.core import broadcast_queue
from bot.core.models import BroadcastDelivery, DeliveryStatus
from tests.e2e.harness import Chat, Harness, Msg
from tests.e2e.helpers import skip_to
from tests.e2e.programme_steps import curator
from tests.e2e.test_broadcasts import FIRST, quick_retries, seed, unthrottled

__all__ = ["quick_retries"]  # the module's autouse fixture, used here too

PEOPLE = 40  # 44 accounts; one person opted out: 43 deliveries
ACCOUNTS = 43
BATCH = 5


def delivered(text: str) -> int:
    """The card's "delivered" figure."""
    found = re.search(r"Доставлено: (\d+), в очереди", text)
    assert found, text
    return int(found.group(1))


def received(harness: Harness, text: str) -> int:
    """How many seeded accounts got an announcement, by the fakes' logs."""
    on_tg = [m for m in harness.tg.sent if m.chat_id >= FIRST and text in (m.plain_text or "")]
    on_vk = [m for m in harness.vk.sent if m.peer_id >= FIRST and text in m.text]
    return len(on_tg) + len(on_vk)


def ref(platform: str, msg: Msg) -> tuple[int, int]:
    """(chat, message) of a message, as the fake knows it."""
    raw = msg.raw
    if platform == "telegram":
        return raw.chat_id, raw.message_id
    return raw.peer_id, raw.conversation_message_id


def edits(harness: Harness, platform: str, card: tuple[int, int], since: int) -> list[str]:
    """The texts the card was edited to, after the first `since` edits of the fake."""
    if platform == "telegram":
        return [e.plain_text for e in harness.tg.edits[since:] if (e.chat_id, e.message_id) == card]
    found = harness.vk.edits[since:]
    return [e.text for e in found if (e.peer_id, e.conversation_message_id) == card]


def edit_count(harness: Harness, platform: str) -> int:
    return len(harness.tg.edits if platform == "telegram" else harness.vk.edits)


async def start(boss: Chat, text: str) -> Msg:
    """Compose an announcement to everyone and send it; the card «Отправить» turned into."""
    await boss.say("/broadcast", "текст объявления")
    await boss.say(text, "Кому отправить")
    await boss.click("Всем участникам", text)
    confirm = await boss.expect("Отправить?")
    card = await boss.click("Отправить", "отправляется")
    assert ref(boss.platform, card) == ref(boss.platform, confirm)  # the same message, edited
    return card


def on_sent(harness: Harness, then: Callable[[int], Awaitable[None]] | None = None) -> None:
    """A second of the bot's clock passes with each announcement delivered; `then` is awaited
    with the number delivered so far (while the bot waits for the answer to that send)."""
    count = 0

    async def hook(chat: int) -> None:
        nonlocal count
        if chat < FIRST:
            return
        count += 1
        harness.clock.advance(seconds=1)
        if then is not None:
            await then(count)

    harness.tg.on_sent = harness.vk.on_sent = hook


async def run(harness: Harness) -> int:
    assert harness.app is not None
    unthrottled(harness)
    harness.app.broadcaster.batch = BATCH
    return await harness.app.broadcaster.run_once()


async def live_edits(harness: Harness, boss: Chat, text: str) -> list[str]:
    """Send one announcement with the clock running, the first edit of the card met with "too
    many requests" (waited out, then made); the card's edits, final one last."""
    card = ref(boss.platform, await start(boss, text))
    since = edit_count(harness, boss.platform)
    if boss.platform == "telegram":
        harness.tg.fail_next("editMessageText", 429, retry_after=1)
    else:
        harness.vk.fail_next("messages.edit", error_code=6)
    on_sent(harness)
    assert await run(harness) == ACCOUNTS
    await harness.dispatch_due()
    await skip_to(boss, f"Доставлено: {ACCOUNTS}, не доставлено: 0")  # the report, as before
    return edits(harness, boss.platform, card, since)


async def test_the_card_shows_the_broadcast_going_and_controls_it(
    harness: Harness, platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # VK batches of BATCH people, one batch a claim: VK's card moves at Telegram's pace
    monkeypatch.setattr(broadcast_queue, "PEERS", BATCH)
    monkeypatch.setattr(broadcast_queue, "BATCHES", 1)
    boss = await curator(harness, platform, 9300)
    await seed(harness, PEOPLE)

    shown = await live_edits(harness, boss, "Первое объявление")
    *live, final = shown
    figures = [delivered(t) for t in live]
    assert figures == sorted(figures) and len(set(figures)) >= 3, shown
    assert figures[0] > 0 and figures[-1] < ACCOUNTS
    assert len(live) <= ACCOUNTS // 5 + 1  # 43 s of sending, the default 5 s apart
    assert "разослано" in final and delivered(final) == ACCOUNTS

    assert harness.settings is not None
    harness.settings = harness.settings.model_copy(update={"broadcast_progress_seconds": 15})
    await harness.restart_bot()
    *slower, final = await live_edits(harness, boss, "Второе объявление")
    assert 1 <= len(slower) <= ACCOUNTS // 15 + 1 and len(slower) < len(live)
    assert "разослано" in final and delivered(final) == ACCOUNTS

    # The card can no longer be edited (deleted, say): the broadcast goes on without it.
    await start(boss, "Третье объявление")
    method = "editMessageText" if platform == "telegram" else "messages.edit"
    if platform == "telegram":
        harness.tg.fail_next(method, 400, description="Bad Request: message to edit not found")
    else:
        harness.vk.fail_next(method, error_code=15)
    tried, since = len(calls(harness, platform, method)), edit_count(harness, platform)
    on_sent(harness)
    assert await run(harness) == ACCOUNTS
    assert received(harness, "Третье объявление") == ACCOUNTS
    assert len(calls(harness, platform, method)) == tried + 1  # refused once, never tried again
    assert edit_count(harness, platform) == since
    await harness.dispatch_due()
    await skip_to(boss, f"Доставлено: {ACCOUNTS}, не доставлено: 0")

    # Pause pressed on the card while a batch is in flight; resume; cancel.
    card, at_press, paused = await pressed_in_flight(harness, boss, "Четвёртое", "Пауза")
    assert "на паузе" in edits(harness, platform, ref(platform, card), 0)[-1]
    # what the fake had at the press, what was in flight (the claim whose answer was held, the
    # one sending and the one claimed behind it), and nothing after
    assert 3 <= at_press <= paused <= at_press + 3 * BATCH < ACCOUNTS
    assert await run(harness) == 0
    boss.press("Продолжить")
    await skip_to(boss, "идёт рассылка")

    boss.press("Отменить рассылку")  # on the card, going again
    await skip_to(boss, "отменено")
    assert await run(harness) == 0
    cancelled = received(harness, "Четвёртое объявление")
    assert cancelled == paused
    assert await run(harness) == 0
    last = edits(harness, platform, ref(platform, card), 0)[-1]
    assert "отменено" in last and delivered(last) == cancelled
    statuses = await delivery_statuses(harness)
    assert statuses.get(DeliveryStatus.CANCELLED, 0) == ACCOUNTS - cancelled

    # Cancel pressed on the card while a batch is in flight: the sends in flight are recorded,
    # nothing more goes out, and the card ends with the figures the fakes show.
    card, at_cancel, sent = await pressed_in_flight(harness, boss, "Пятое", "Отменить рассылку")
    assert 3 <= at_cancel <= sent <= at_cancel + 3 * BATCH < ACCOUNTS
    assert await run(harness) == 0
    assert received(harness, "Пятое объявление") == sent
    last = edits(harness, platform, ref(platform, card), 0)[-1]
    assert "отменено" in last and delivered(last) == sent
    statuses = await delivery_statuses(harness)
    assert statuses == {DeliveryStatus.SENT: sent, DeliveryStatus.CANCELLED: ACCOUNTS - sent}


async def pressed_in_flight(
    harness: Harness, boss: Chat, which: str, button: str
) -> tuple[Msg, int, int]:
    """The «`which` объявление» sent, `button` pressed on its card as the third person gets
    it (while the bot waits for that answer); the card, how many had it at the press, and
    how many once the run stopped."""
    text, at_press = f"{which} объявление", []

    async def press_at_three(count: int) -> None:
        if count == 3:
            at_press.append(received(harness, text))
            boss.press(button)
            await skip_to(boss, "на паузе" if button == "Пауза" else "отменено")

    card = await start(boss, text)
    on_sent(harness, press_at_three)
    await run(harness)
    return card, at_press[0], received(harness, text)


def calls(harness: Harness, platform: str, method: str) -> list[dict[str, Any]]:
    return (harness.tg if platform == "telegram" else harness.vk).calls_of(method)


async def delivery_statuses(harness: Harness) -> dict[str, int]:
    """Deliveries of the latest broadcast by status."""
    db = harness.database()
    async with db.transaction() as session:
        latest = select(func.max(BroadcastDelivery.broadcast_id)).scalar_subquery()
        query = (
            select(BroadcastDelivery.status, func.count())
            .where(BroadcastDelivery.broadcast_id == latest)
            .group_by(BroadcastDelivery.status)
        )
        found = {s: n for s, n in (await session.execute(query)).all()}
    await db.close()
    return found
