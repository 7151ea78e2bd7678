"""Platform trouble (rate limits, server errors, blocked users) never loses a message."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core import outbox
from bot.core.models import Notification, NotificationStatus, Subject
from bot.platforms import delivery, vk
from tests.e2e.harness import Harness
from tests.e2e.helpers import person_of, register

CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry at once instead of after half a second."""
    monkeypatch.setattr(delivery, "RETRY_DELAY", 0)
    monkeypatch.setattr(vk, "RETRY_DELAY", 0)


async def notifications(harness: Harness) -> list[Notification]:
    db = harness.database()
    async with db.transaction() as session:
        rows = (await session.execute(select(Notification).order_by(Notification.id))).scalars()
        result = list(rows)
    await db.close()
    return result


async def test_telegram_rate_limit_is_waited_out(harness: Harness) -> None:
    chat = harness.chat("telegram", 7001)
    harness.tg.fail_next("sendMessage", status=429, retry_after=1, count=1)
    await chat.say("/help", "Что я умею")
    assert len(harness.tg.calls_of("sendMessage")) == 2


async def test_telegram_server_error_is_retried(harness: Harness) -> None:
    chat = harness.chat("telegram", 7002)
    harness.tg.fail_next("sendMessage", status=502, count=1)
    await chat.say("/help", "Что я умею")


async def test_vk_flood_and_internal_errors_are_retried(harness: Harness) -> None:
    chat = harness.chat("vk", 7003)
    harness.vk.fail_next("messages.send", error_code=6, count=1)
    harness.vk.fail_next("messages.send", error_code=10, count=1)
    await chat.say("/help", "Что я умею")


async def test_vk_http_502_is_retried(harness: Harness) -> None:
    chat = harness.chat("vk", 7004)
    harness.vk.fail_http_next("messages.send", status=502, count=1)
    await chat.say("/help", "Что я умею")


async def _minor_and_code(harness: Harness, platform: str, user_id: int) -> str:
    child = harness.chat(platform, user_id)
    msg = await register(child, name="Миша Котов", age="14–17")
    return CODE.search(msg.text).group(0)


async def _parent_consents(harness: Harness, platform: str, user_id: int, code: str) -> None:
    parent = harness.chat(platform, user_id)
    await parent.say(f"/parent {code}", "Согласие родителя")
    await parent.click("Даю согласие", "фамилию, имя и отчество")
    await parent.say("Котова Ирина Петровна", "сохранено")


async def test_blocked_recipient_is_recorded_not_retried(harness: Harness, platform: str) -> None:
    code = await _minor_and_code(harness, platform, 7011)
    if platform == "telegram":
        harness.tg.block(7011)
    else:
        harness.vk.block(7011)
    await _parent_consents(harness, platform, 7012, code)
    await harness.app.dispatcher.drain()
    [row] = await notifications(harness)
    assert row.status == NotificationStatus.FAILED
    assert "unavailable" in (row.last_error or "")
    assert await harness.dispatch_due() == 0  # not tried again


async def test_outage_puts_the_message_back_and_it_goes_out_later(
    harness: Harness, platform: str
) -> None:
    code = await _minor_and_code(harness, platform, 7021)
    if platform == "telegram":
        harness.tg.fail_next("sendMessage", status=500, count=3)
    else:
        # vkbottle itself re-requests a non-JSON answer twice before giving up, so 3 × 3.
        harness.vk.fail_http_next("messages.send", status=502, count=9)
    await _parent_consents(harness, "telegram" if platform == "vk" else "vk", 7022, code)
    await harness.app.dispatcher.drain()
    [row] = await notifications(harness)
    assert row.status == NotificationStatus.PENDING and row.attempts == 1
    assert row.due_at > harness.clock.now

    child = harness.chat(platform, 7021)
    harness.clock.advance(minutes=5)
    assert await harness.dispatch_due() == 1
    await child.expect("Родитель дал согласие")
    [row] = await notifications(harness)
    assert row.status == NotificationStatus.SENT


async def test_rows_due_while_down_are_sent_once_after_restart(
    harness: Harness, platform: str
) -> None:
    child = harness.chat(platform, 7031)
    await register(child)
    person = await person_of(harness, child)
    await harness.stop_bot()
    db = harness.database()
    async with db.transaction() as session:
        await outbox.schedule(
            session,
            to=person.id,
            subject=Subject.PERSON,
            subject_id=person.id,
            purpose="notify-parent-consented",
            due_at=harness.clock.now - timedelta(hours=1),
        )
    await db.close()
    await harness.start_bot()  # start-up catches up on what fell due during the downtime
    await child.expect("Родитель дал согласие")
    await harness.restart_bot()
    assert await harness.dispatch_due() == 0
    assert child.unread() == []
    [row] = await notifications(harness)
    assert row.status == NotificationStatus.SENT and row.attempts == 1


async def test_vk_drops_a_reply_repeated_after_a_lost_answer(harness: Harness) -> None:
    """VK delivered the reply but its answer was lost: the retry carries the same random_id."""
    chat = harness.chat("vk", 7005)
    harness.vk.lose_answer_next("messages.send", error_code=10, count=1)
    await chat.say("/help", "Что я умею")
    await harness.vk.wait_for(
        lambda: len(harness.vk.calls_of("messages.send")) >= 2, what="the retry"
    )
    sends = harness.vk.calls_of("messages.send")
    assert sends[0]["random_id"] == sends[1]["random_id"]
    assert len(chat.user.messages) == 1


async def test_vk_drops_an_outbox_row_sent_again_after_a_lost_answer(harness: Harness) -> None:
    """Every try of one outbox row, even a later pass's, has the same random_id."""
    code = await _minor_and_code(harness, "vk", 7041)
    child = harness.chat("vk", 7041)
    before = len(child.user.messages)
    harness.vk.lose_answer_next("messages.send", error_code=10, count=3)
    await _parent_consents(harness, "telegram", 7042, code)
    await harness.app.dispatcher.drain()
    [row] = await notifications(harness)
    assert row.status == NotificationStatus.PENDING  # every answer was lost: try again later

    harness.clock.advance(minutes=5)
    assert await harness.dispatch_due() == 1
    [row] = await notifications(harness)
    assert row.status == NotificationStatus.SENT
    tries = harness.vk.calls_of("messages.send")[-4:]
    assert len({params["random_id"] for params in tries}) == 1
    notices = [m for m in child.user.messages[before:] if "Родитель дал согласие" in m.text]
    assert len(notices) == 1


@pytest.mark.parametrize("payload", [[], 123, "text", {"p": 5}, {"x": "y"}, None])
async def test_an_odd_vk_button_payload_is_answered_as_a_stale_button(
    harness: Harness, payload: object
) -> None:
    chat = harness.chat("vk", 7050)
    answered = len(harness.vk.event_answers)
    chat.user.press_payload(payload)
    await chat.expect("Эта кнопка больше не действует")
    assert len(harness.vk.event_answers) == answered + 1
