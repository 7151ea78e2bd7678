"""Curators' announcements over both platforms at once: many recipients with 429s, 5xx and
blocked people injected, a crash in the middle and a restart — every reachable account gets the
message once (VK exactly once, Telegram at most one repeat per crash), the report's numbers
match the fakes' logs; pause, resume and cancel from the card; a photo goes with the text; the
simple formatting a curator writes with Telegram's tools reaches Telegram as it is and VK as
plain text with the link's address, while typed tags stay text everywhere; under every
announcement, a button to receive no more."""

from __future__ import annotations

import asyncio

import pytest
from aiolimiter import AsyncLimiter
from sqlalchemy import func, select

from bot.core.models import (
    Account,
    AnnouncementOptOut,
    BroadcastDelivery,
    DeliveryStatus,
    Person,
    PersonRole,
    PersonStatus,
)
from bot.platforms import delivery, vk
from tests.e2e.harness import Chat, Harness
from tests.e2e.helpers import skip_to
from tests.e2e.programme_steps import curator

TEXT = "Сбор в пятницу в 15:00 — чай & пироги <3"
PEOPLE = 1000
FIRST = 100000  # the first seeded account's id


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry at once instead of after half a second."""
    monkeypatch.setattr(delivery, "RETRY_DELAY", 0)
    monkeypatch.setattr(vk, "RETRY_DELAY", 0)


async def seed(harness: Harness, count: int) -> dict[str, list[int]]:
    """`count` active mentees: even ones on Telegram, odd ones on VK, every tenth on both."""
    ids: dict[str, list[int]] = {"telegram": [], "vk": []}
    db = harness.database()
    async with db.transaction() as session:
        for i in range(count):
            found = Person(name=f"Ученик {i}", locale="ru", timezone="Europe/Moscow")
            found.status = PersonStatus.ACTIVE
            session.add(found)
            await session.flush()
            session.add(PersonRole(person_id=found.id, role="mentee"))
            platforms = ["telegram" if i % 2 == 0 else "vk"]
            if i % 10 == 0:
                platforms.append("vk")
            for name in platforms:
                external = FIRST + i
                session.add(Account(platform=name, external_id=str(external), person_id=found.id))
                ids[name].append(external)
                (harness.tg if name == "telegram" else harness.vk).user(external)
            if i == 7:
                session.add(AnnouncementOptOut(person_id=found.id))
    await db.close()
    return ids


def received(harness: Harness) -> dict[str, dict[int, int]]:
    """How many times each seeded account got the announcement, per platform, by the fakes'
    logs (the curator's own preview left out)."""
    counts: dict[str, dict[int, int]] = {"telegram": {}, "vk": {}}
    for m in harness.tg.sent:
        if m.plain_text and TEXT in m.plain_text and m.chat_id >= FIRST:
            counts["telegram"][m.chat_id] = counts["telegram"].get(m.chat_id, 0) + 1
    for v in harness.vk.sent:
        if TEXT in v.text and v.peer_id >= FIRST:
            counts["vk"][v.peer_id] = counts["vk"].get(v.peer_id, 0) + 1
    return counts


async def left(harness: Harness) -> int:
    db = harness.database()
    async with db.transaction() as session:
        query = select(func.count()).where(
            BroadcastDelivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING))
        )
        found = int(await session.scalar(query) or 0)
    await db.close()
    return found


def unthrottled(harness: Harness) -> None:
    """The limits are the bench's to measure: here they would only make the test long."""
    assert harness.app is not None
    harness.app.broadcaster.limits = {p: AsyncLimiter(5000, 1) for p in ("telegram", "vk")}


async def test_a_thousand_people_on_both_platforms_get_it_once_through_faults_and_a_crash(
    harness: Harness,
) -> None:
    boss = await curator(harness, "telegram", 9000)
    ids = await seed(harness, PEOPLE)
    blocked = {"telegram": set(ids["telegram"][3:8]), "vk": set(ids["vk"][5:9])}
    for user_id in blocked["telegram"]:
        harness.tg.block(user_id)
    for user_id in blocked["vk"]:
        harness.vk.block(user_id)
    opted_out = 100007  # person 7, on VK

    await boss.say("/broadcast", "текст объявления")
    await boss.say(TEXT, "Кому отправить объявление")
    preview = await boss.click("Всем участникам", "в Telegram — 500, во ВКонтакте — 599")
    assert "Пропущен 1 человек" in preview.text and TEXT in preview.text
    await boss.expect("Отправить?")
    await boss.click("Отправить", "отправляется")

    harness.tg.fail_next("sendMessage", status=429, retry_after=1, count=1)
    harness.tg.fail_next("sendMessage", status=502, count=2)
    harness.vk.fail_next("messages.send", error_code=6, count=1)
    harness.vk.fail_next("messages.send", error_code=10, count=2)
    harness.vk.fail_http_next("messages.send", status=502, count=1)

    unthrottled(harness)
    assert harness.app is not None
    first = asyncio.create_task(harness.app.broadcaster.run_once())
    await harness.vk.wait_for(lambda: len(harness.vk.sent) > 200, 20, "200 VK messages")
    first.cancel()  # the process dies in the middle of a batch
    await asyncio.gather(first, return_exceptions=True)
    await harness.restart_bot()
    unthrottled(harness)
    for _ in range(10):
        harness.clock.advance(minutes=5)  # past the lease of the rows claimed before the crash
        await harness.app.broadcaster.run_once()
        if not await left(harness):
            break
    assert await left(harness) == 0

    counts = received(harness)
    reachable = {p: set(ids[p]) - blocked[p] - {opted_out} for p in ids}
    assert set(counts["vk"]) == reachable["vk"]
    assert set(counts["vk"].values()) == {1}  # VK drops a repeat of the same random_id
    assert set(counts["telegram"]) == reachable["telegram"]
    assert max(counts["telegram"].values()) <= 2  # one crash: at most one repeat each
    repeats = sum(n - 1 for n in counts["telegram"].values())
    assert repeats <= 2 * harness.app.broadcaster.batch  # the batch sent and the one recorded
    sent_vk = [v for v in harness.vk.sent if TEXT in v.text and v.peer_id >= FIRST]
    assert {v.intent for v in sent_vk} == {"non_promo_newsletter"}

    await harness.dispatch_due()
    delivered = len(reachable["telegram"]) + len(reachable["vk"])
    not_reached = len(blocked["telegram"]) + len(blocked["vk"])
    report = await skip_to(boss, "пропущено (отключили объявления)")  # past the card's edits
    shown = report.text.replace("\xa0", "")  # 1 090: a thousands separator
    assert f"Доставлено: {delivered}, не доставлено: {not_reached}" in shown
    assert "пропущено (отключили объявления): 1" in report.text
    csv = await boss.expect("не дошло: 9")
    assert csv.document_bytes is not None
    table = csv.document_bytes.decode("utf-8-sig")
    assert all(f"telegram:{u}" in table for u in blocked["telegram"])
    assert all(f"vk:{u}" in table for u in blocked["vk"])


async def composing(harness: Harness, platform: str, uid: int) -> tuple[Chat, dict[str, list[int]]]:
    """A curator asked for the announcement's text, four people to send it to (their ids)."""
    boss = await curator(harness, platform, uid)
    ids = await seed(harness, 4)
    unthrottled(harness)
    await boss.say("/broadcast", "текст объявления")
    return boss, ids


async def test_the_curator_pauses_resumes_and_cancels_and_a_photo_goes_along(
    harness: Harness, platform: str
) -> None:
    boss, ids = await composing(harness, platform, 9100)
    assert harness.app is not None
    boss.send_file("poster.jpg", b"\xff\xd8\xff\xe0 poster", "image/jpeg", caption=TEXT)
    await boss.expect("Кому отправить объявление")
    # An audience nobody is in: no «Отправить», a way back to the audience, the file kept.
    await boss.click("Родителям несовершеннолетних", "в Telegram — 0, во ВКонтакте — 0")
    nobody = await boss.expect("Некому отправить")
    assert "Отправить" not in nobody.buttons
    await boss.click("Другая аудитория", "Кому отправить объявление")
    await boss.click("Всем участникам", "Файл приложен")
    await boss.expect("Отправить?")
    await boss.click("Отправить", "отправляется")
    await boss.click("Пауза", "на паузе")
    assert await harness.app.broadcaster.run_once() == 0
    assert received(harness) == {"telegram": {}, "vk": {}}
    await boss.click("Продолжить", "идёт рассылка")
    assert await harness.app.broadcaster.run_once() == 5
    counts = received(harness)
    assert set(counts["telegram"]) == set(ids["telegram"])
    assert set(counts["vk"]) == set(ids["vk"])
    assert all(m.photo for m in harness.vk.sent if TEXT in m.text and m.peer_id >= FIRST)
    await skip_to(boss, "Доставлено: 5, в очереди: 0")  # the card, edited to the end
    await skip_to(boss, "Доставлено: 5, не доставлено: 0")  # then the report, unasked

    await boss.say("/broadcast", "текст объявления")
    await boss.say("Второе объявление", "Кому отправить")
    await boss.click("Наставляемым", "Второе объявление")
    await boss.expect("Отправить?")
    await boss.click("Отправить", "отправляется")
    cancelled = await boss.click("Отменить рассылку", "отменено")
    assert "Пауза" not in cancelled.buttons
    assert await harness.app.broadcaster.run_once() == 0


async def test_the_curators_formatting_is_kept_and_typed_tags_stay_text(
    harness: Harness, platform: str
) -> None:
    boss, ids = await composing(harness, platform, 9200)
    assert harness.app is not None
    if platform == "telegram":  # bold and a link, made with Telegram's own formatting
        text = "Сбор в пятницу: план & программа"
        link = "https://school.example/plan?day=5&room=12"
        entities = [
            {"type": "bold", "offset": 0, "length": 4},
            {"type": "text_link", "offset": 16, "length": 4, "url": link},
        ]
        boss.user.send(text, entities)
        await boss.expect("Кому отправить объявление")
        on_telegram = (
            "<b>Сбор</b> в пятницу: "
            '<a href="https://school.example/plan?day=5&amp;room=12">план</a> &amp; программа'
        )
        on_vk = f"Сбор в пятницу: план ({link}) & программа"
    else:  # VK has no formatting to send: what is typed is text
        text = on_vk = "<b>Сбор</b> в пятницу: план & программа"
        await boss.say(text, "Кому отправить объявление")
        on_telegram = "&lt;b&gt;Сбор&lt;/b&gt; в пятницу: план &amp; программа"
    await boss.click("Всем участникам", "в Telegram — 2, во ВКонтакте — 3")
    await boss.expect("Отправить?")
    await boss.click("Отправить", "отправляется")
    assert await harness.app.broadcaster.run_once() == 5
    got_tg = {m.chat_id: m.text for m in harness.tg.sent if m.chat_id >= FIRST}
    got_vk = {m.peer_id: m.text for m in harness.vk.sent if m.peer_id >= FIRST}
    assert got_tg == {chat: on_telegram for chat in ids["telegram"]}
    assert got_vk == {peer: on_vk for peer in ids["vk"]}

    # Under it, in the reader's language: no more announcements — pressed, and none come.
    reader = Chat(harness, platform, ids[platform][-1])
    announcement = await reader.expect("в пятницу")
    assert announcement.buttons == ["🔕 Не присылать объявления"]
    await reader.click("🔕 Не присылать объявления", "Объявления куратора выключены")
    boss.send("/broadcast")
    await skip_to(boss, "текст объявления")
    await boss.say("Второе объявление", "Кому отправить объявление")
    preview = await boss.click("Всем участникам", "Пропущен 1 человек")
    left = {
        "telegram": "в Telegram — 1, во ВКонтакте — 3",
        "vk": "в Telegram — 2, во ВКонтакте — 2",
    }
    assert left[platform] in preview.text  # the reader's account is no longer counted
