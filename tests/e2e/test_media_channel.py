"""The media plan's posts in the Telegram channel (TELEGRAM_CHANNEL_ID), the curator on either
platform and the clock moved by hand: an album of two photos and a text too long for a caption
goes to the wall and to the channel once (photos as a media group, then the text; a 502 on the
way retried); a bot that lost its admin rights in the channel is told to the curator clearly and
the card says so; without VK_USER_TOKEN the channel still gets the post at its time, and the
curator's «Опубликовано» adds no second copy."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Chat, Harness
from tests.fakes.telegram_channel import CHANNEL

PHOTO_A = b"\x89PNG\r\n\x1a\n" + b"museum" * 40
PHOTO_B = b"\x89PNG\r\n\x1a\n" + b"garden" * 40
LONG = " ".join(["Экскурсия в краеведческий музей: наставники и ребята."] * 25)  # ~1,350 chars


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of December 2026, UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


async def run(harness: Harness, when: datetime) -> None:
    """Move the clock, run the media plan's pass and deliver what it wrote."""
    harness.clock.now = when
    await harness.media_plan()
    await harness.dispatch_due()


async def album(
    curator: Chat, text: str, when: str, photos: list[bytes], kind: str = "Фотоальбом"
) -> None:
    """The curator's own photo album (or post of another `kind`), with its photos, approved."""
    await curator.say("/mediaplan", "Медиаплан")
    await curator.click("➕ Пост", "Какой пост подготовить?")
    await curator.click(kind, "Пришлите текст поста")
    await curator.say(text, "Когда опубликовать пост?")
    await curator.say(when, "черновик")
    if photos:
        await curator.click("📷 Фото и пара слов", "Пришлите фотографии")
        for number, photo in enumerate(photos):
            curator.send_file(f"photo{number}.png", photo, "image/png")
            await curator.expect("Фото в этом сообщении: 1")
        await curator.click("Готово", f"Фото: {len(photos)}")
    await curator.click("✅ Одобрить", "одобрен")


async def test_posts_reach_the_telegram_channel_once(harness: Harness, platform: str) -> None:
    tg, vk = harness.tg, harness.vk
    assert harness.settings is not None
    harness.settings.telegram_channel_id = CHANNEL
    await harness.restart_bot()
    curator = await steps.curator(harness, platform, 9200)
    harness.clock.now = at(1, 9)
    await harness.media_plan()

    # Two photos and a text over a caption's 1,024 characters: a media group, then the text.
    await album(curator, LONG, "2 декабря 12:00", [PHOTO_A, PHOTO_B])  # 09:00 UTC
    tg.fail_next("sendMediaGroup", 502)
    await run(harness, at(2, 9))
    [wall] = vk.wall_posts
    assert wall["photos"] == [PHOTO_A, PHOTO_B]
    posts = tg.channel.posts
    assert [p.method for p in posts] == ["sendmediagroup", "sendmessage"]
    assert posts[0].photos == [PHOTO_A, PHOTO_B] and posts[0].text is None
    assert posts[1].text == LONG
    assert tg.method_counts["sendMediaGroup"] == 2  # the 502, then the retry
    await run(harness, at(2, 10))
    await run(harness, at(2, 12))
    assert len(tg.channel.posts) == 2  # once
    await curator.say("/mediaplan", "Медиаплан")

    # The bot is no longer an admin of the channel: the wall has the post, the curator hears
    # why the channel has not, and the card says so.
    tg.channel.admin = False
    await album(curator, "Плейлист недели", "3 декабря 12:00", [], kind="Плейлист")
    await run(harness, at(3, 9))
    assert len(vk.wall_posts) == 2 and len(tg.channel.posts) == 2
    told = await curator.expect("не попал в Telegram-канал")
    assert "Добавьте бота в администраторы канала" in told.text
    card = await curator.click("Открыть пост", "Telegram-канал: не опубликован")
    assert "бот не может писать в канал" in card.text

    # Without VK_USER_TOKEN: the curator gets the post an hour ahead, the channel at its time;
    # «Опубликовано» adds no second copy.
    tg.channel.admin = True
    harness.settings.vk_user_token = None
    await harness.restart_bot()
    await album(curator, "Фото с субботника", "4 декабря 12:00", [PHOTO_A])
    await run(harness, at(4, 8, 30))
    await curator.expect("не задан VK_USER_TOKEN")
    await curator.expect("Фото к посту")
    await curator.expect("нажмите «Опубликовано»")
    assert len(tg.channel.posts) == 2  # not before its time
    await run(harness, at(4, 9))
    photo = tg.channel.posts[-1]
    assert (photo.method, photo.text, photo.photos) == ("sendphoto", "Фото с субботника", [PHOTO_A])
    await curator.click("✅ Опубликовано", "опубликован")
    await run(harness, at(4, 10))
    assert len(tg.channel.posts) == 3 and len(vk.wall_posts) == 2
