"""The weekly VK media plan with a hand-moved clock, the curator on either platform: an event
added in chat; its press release drafted four days ahead, approved, and scheduled on the fake
VK wall for three days ahead (a lost answer retried without a second post); after the event the
curator's photo and words go into the post-release, whose slot VK refuses once (214) and which
lands an hour later; a week without a post alerts the curator a day ahead; and without
VK_USER_TOKEN the finished digest comes to the curator to publish by hand, who marks it published
and reads its history; a photo album of the curator's own is drafted in chat."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e import programme_steps as steps
from tests.e2e.harness import VK_GROUP, Chat, Harness

PHOTO = b"\x89PNG\r\n\x1a\n" + b"festival" * 40


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of December 2026, UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


async def run(harness: Harness, when: datetime) -> int:
    """Move the clock, run the media plan's pass and deliver what it wrote; posts claimed."""
    harness.clock.now = when
    claimed = await harness.media_plan()
    await harness.dispatch_due()
    return claimed


async def texts_of(chat: Chat, count: int) -> str:
    """The next `count` messages' texts, joined."""
    return "\n".join([(await chat.expect()).text for _ in range(count)])


async def add_event(curator: Chat) -> None:
    await curator.say("/stats", "Участники программы")
    await curator.click("📰 Медиаплан", "Событий пока нет")
    await curator.click("➕ Событие", "Как называется событие?")
    await curator.say("День наставника", "Когда оно начнётся?")
    await curator.say("5 декабря 15:00", "Где оно пройдёт?")  # 12:00 UTC
    await curator.say("Актовый зал", "о чём событие")
    added = await curator.say("Встреча наставников с ребятами", "в медиаплане")
    assert "За 4 дня" in added.text
    listed = await curator.say("/mediaplan", "День наставника")
    assert "сб, 5 декабря, 15:00" in listed.text


async def test_press_release_post_release_quiet_week_and_by_hand(
    harness: Harness, platform: str
) -> None:
    vk = harness.vk
    curator = await steps.curator(harness, platform, 9100)
    assert await harness.media_plan() == 0  # the plan's first pass on a fresh install
    await add_event(curator)

    # Four days ahead (and a week after install, nothing published): a draft, and the alert.
    await run(harness, at(1, 12, 30))
    assert vk.wall_posts == []
    notices = await texts_of(curator, 2)
    assert "Готов черновик: Пресс-релиз" in notices and "📣 День наставника" in notices
    assert "почти неделю ничего не публиковалось" in notices
    await curator.click("Открыть пост", "черновик")
    await curator.click("✅ Одобрить", "одобрен")
    assert await run(harness, at(1, 13)) == 0  # its time (3 days ahead) is not near yet

    # An hour before its slot it goes to the wall as a scheduled post; VK's answer is lost
    # once, and the retry with the same guid adds no second post.
    vk.lose_answer_next("wall.post")
    assert await run(harness, at(2, 11)) == 1
    assert await run(harness, at(2, 11, 6)) == 1  # the claim lapsed: tried again
    [press] = vk.wall_posts
    assert press["owner_id"] == -VK_GROUP and press["from_group"]
    assert press["guid"] == "nastavnik-post-1"
    assert press["publish_date"] == int(at(2, 12).timestamp())
    assert "День наставника" in press["message"] and "Актовый зал" in press["message"]

    # After the event: the curator is asked for photos and words.
    await run(harness, at(5, 15, 5))
    ask = await curator.expect("Как прошло событие?")
    assert "Как прошло: День наставника" in ask.text
    await curator.click("📷 Фото и пара слов", "Пришлите фотографии")
    curator.send_file("festival.png", PHOTO, "image/png", caption="Было здорово, спасибо всем!")
    await curator.expect("Фото в этом сообщении: 1")
    card = await curator.click("Готово", "Фото: 1")
    assert "Было здорово, спасибо всем!" in card.text
    await curator.click("✅ Одобрить", "одобрен")

    # VK refuses the slot once (214): the post moves an hour on and the curator hears why.
    vk.fail_next("wall.post", 214)
    assert await run(harness, at(6, 11)) == 1
    notices = await texts_of(curator, 2)  # the slot moved; the digest goes out tomorrow
    assert "Пост перенесён на час позже" in notices and "Завтра выйдет" in notices
    assert len(vk.wall_posts) == 1
    assert await run(harness, at(6, 12)) == 1
    release = vk.wall_posts[-1]
    assert release["photos"] == [PHOTO] and "Было здорово" in release["message"]
    assert release["publish_date"] == int(at(6, 13).timestamp())
    assert release["guid"] == "nastavnik-post-2"
    assert harness.tg.channel.posts == []  # no TELEGRAM_CHANNEL_ID: nothing in a channel

    # Without VK_USER_TOKEN the digest comes to the curator to publish by hand.
    assert harness.settings is not None
    harness.settings.vk_user_token = None
    await harness.restart_bot()
    await run(harness, at(7, 7))
    by_hand = await curator.expect("не задан VK_USER_TOKEN")
    assert "Наставничество: неделя" in by_hand.text and "День наставника" in by_hand.text
    await curator.expect("нажмите «Опубликовано»")  # the button to say it is done
    assert len(vk.wall_posts) == 2
    await curator.say("/pending", "Ждёт вашего ответа: 1")  # it waits in /pending too
    assert "Наставничество: неделя" in (await curator.expect("не задан VK_USER_TOKEN")).text
    await curator.expect("нажмите «Опубликовано»")

    # The plan shows it as not published, and why; the curator publishes it by hand and says
    # so on its card; the history shows every change, when (Moscow time) and by whom.
    await curator.say("/mediaplan", "Медиаплан")
    digest = await curator.click("Дайджест: пн, 7 декабря, 10:00", "не опубликован")
    assert "Причина: не задан VK_USER_TOKEN" in digest.text
    harness.clock.now = at(7, 8, 30)
    done = await curator.click("✅ Опубликовано", "опубликован")
    assert "не опубликован" not in done.text
    history = await curator.click("📜 История", "История поста")
    assert "вс, 6 декабря, 14:00 — черновик создан (бот)" in history.text
    assert "отправлен кураторам для публикации вручную (бот)" in history.text
    assert "пн, 7 декабря, 11:30 — опубликован вручную (Ольга Куратова)" in history.text
    await curator.click("Открыть пост", "опубликован")
    await curator.say("/pending", "Сейчас ничего не ждёт вашего ответа")
    await curator.say("/mediaplan", "Медиаплан")
    await curator.click("➕ Пост", "Какой пост подготовить?")
    await curator.click("Фотоальбом", "Пришлите текст поста")
    await curator.say("Фото с экскурсии в музей {{ 7*7 }}", "Когда опубликовать пост?")
    album = await curator.say("завтра в 12:00", "Фотоальбом")
    assert "черновик" in album.text and "Фото с экскурсии в музей {{ 7*7 }}" in album.text


async def test_an_event_is_changed_and_cancelled_in_chat(harness: Harness, platform: str) -> None:
    curator = await steps.curator(harness, platform, 9150)
    await add_event(curator)
    await run(harness, at(1, 12, 30))
    await curator.expect("Готов черновик: Пресс-релиз")

    # Another date: one in the past is refused; the new one moves the press release.
    await curator.say("/mediaplan", "День наставника")
    await curator.click("📅 События", "События впереди")
    card = await curator.click("День наставника · 05.12 15:00", "Актовый зал")
    assert "Пресс-релиз (ср, 2 декабря, 15:00): черновик" in card.text
    await curator.click("🕒 Дата и время", "Когда оно начнётся?")
    await curator.say("1 декабря 10:00", "Это время уже прошло")
    await curator.expect("Когда оно начнётся?")  # asked again; nothing changed
    moved = await curator.say("8 декабря 15:00", "Событие изменено")
    assert "Пресс-релиз: перенесён на сб, 5 декабря, 15:00" in moved.text
    assert "Когда: вт, 8 декабря, 15:00" in moved.text
    await curator.click("📍 Место", "Где оно пройдёт?")
    placed = await curator.say("Библиотека", "черновик обновлён")
    assert "Где: Библиотека" in placed.text
    post = await curator.click("Пресс-релиз: сб, 5 декабря, 15:00", "черновик")
    assert "Библиотека" in post.text and "Актовый зал" not in post.text
    history = await curator.click("📜 История", "История поста")
    assert "событие изменено, пост снова черновик (Ольга Куратова)" in history.text

    # Cancelled: asked first; its draft is cancelled and the plan has no events.
    await curator.say("/mediaplan", "День наставника")
    await curator.click("📅 События", "События впереди")
    await curator.click("День наставника · 08.12 15:00", "Библиотека")
    await curator.click("✖️ Отменить событие", "Отменить событие «День наставника»?")
    done = await curator.click("Да, отменить событие", "отменено")
    assert "Пресс-релиз: отменён" in done.text
    await curator.say("/mediaplan", "Событий пока нет")
    await run(harness, at(8, 16))  # no post-release asked for a cancelled event
    assert "Как прошло" not in "\n".join(m.text for m in curator.unread())
