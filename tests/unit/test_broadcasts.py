"""Curators' announcements: each audience takes in the right accounts (every linked one, the
sender left out, the opted-out skipped and counted), the list is frozen at confirmation, the
/settings switch works, and the wizard previews, sends and refuses bad input changing nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.core.engine import Core
from bot.core.models import (
    Account,
    AgeGroup,
    Broadcast,
    BroadcastDelivery,
    Consent,
    ConsentGiver,
    Person,
    ResponseStatus,
    Role,
    SurveyResponse,
)
from bot.core.refusal import Refusal
from bot.core.services import broadcasts
from bot.core.services.broadcasts import Audience
from bot.db import Database
from tests.unit.test_flows import Chat, joined, payloads, register
from tests.unit.test_programme_edge_cases import core, grant
from tests.unit.test_survey_campaigns import person, programme, sent

__all__ = ["core"]

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def account(db: Database, platform: str, external: str, person_id: int | None) -> int:
    async with db.transaction() as session:
        found = Account(platform=platform, external_id=external, person_id=person_id)
        session.add(found)
        await session.flush()
        return found.id


async def addresses(db: Database, audience: Audience, sender: int) -> tuple[set[str], int]:
    async with db.transaction() as session:
        found, skipped = await broadcasts.recipients(session, audience, sender)
        return {a.address for a in found}, skipped


async def test_each_audience_takes_in_every_linked_account_and_skips_the_opted_out(
    db: Database,
) -> None:
    curator = await person(db, "Куратор", "curator", "mentor")
    mentor = await person(db, "Наставник", "mentor")
    pupil = await person(db, "Ученик", "mentee")
    quiet = await person(db, "Тихий", "mentee")
    child = await person(db, "Ребёнок", "mentee")
    await account(db, "telegram", "1", curator)
    await account(db, "telegram", "2", mentor)
    await account(db, "vk", "20", mentor)  # linked: both get it
    await account(db, "vk", "30", pupil)
    await account(db, "telegram", "4", quiet)
    await account(db, "vk", "50", child)
    parent = await account(db, "telegram", "9", None)  # a parent is an account, not a person
    async with db.transaction() as session:
        (await session.get(Person, child)).age_group = AgeGroup.TEEN  # type: ignore[union-attr]
        session.add(
            Consent(
                person_id=child,
                text_version="1",
                given_by=ConsentGiver.PARENT,
                representative_account_id=parent,
            )
        )
        await broadcasts.switch(session, quiet, on=False)
    pair = await programme(db, mentor, [pupil])

    everyone = {"telegram:2", "vk:20", "vk:30", "vk:50"}
    assert await addresses(db, Audience("all"), curator) == (everyone, 1)
    assert await addresses(db, Audience("mentors"), curator) == ({"telegram:2", "vk:20"}, 0)
    assert await addresses(db, Audience("mentees"), curator) == ({"vk:30", "vk:50"}, 1)
    assert await addresses(db, Audience("parents"), curator) == ({"telegram:9"}, 0)
    in_pair = ({"telegram:2", "vk:20", "vk:30"}, 0)
    assert await addresses(db, Audience("programme", str(pair)), curator) == in_pair
    assert await addresses(db, Audience("form", "virtual"), curator) == in_pair

    run_id, _ = await sent(db, curator, broadcasts.campaigns.Segment("mentees"))
    async with db.transaction() as session:
        query = select(SurveyResponse).where(SurveyResponse.person_id == pupil)
        (await session.execute(query)).scalar_one().status = ResponseStatus.COMPLETED
    assert await addresses(db, Audience("survey", str(run_id)), curator) == ({"vk:50"}, 1)

    async with db.transaction() as session:
        await broadcasts.switch(session, quiet, on=True)
    assert await addresses(db, Audience("mentees"), curator) == (
        {"vk:30", "vk:50", "telegram:4"},
        0,
    )
    for forged in (Audience("survey", "999"), Audience("programme", "999"), Audience("x")):
        try:
            await addresses(db, forged, curator)
        except Refusal as refusal:
            assert refusal.key == "refusal-stale-button"
        else:
            raise AssertionError(forged)


async def test_the_recipient_accounts_are_frozen_at_confirmation(db: Database) -> None:
    curator = await person(db, "Куратор", "curator")
    first = await person(db, "Первый", "mentee")
    await account(db, "telegram", "1", first)
    await account(db, "vk", "10", first)
    async with db.transaction() as session:
        found = await broadcasts.create(
            session, " Сбор в 15:00 ", None, Audience("all"), curator, NOW
        )
        broadcast_id = found.id
    late = await person(db, "Поздний", "mentee")
    await account(db, "telegram", "2", late)
    async with db.transaction() as session:
        rows = (await session.execute(select(BroadcastDelivery))).scalars().all()
        assert sorted((r.platform, r.person_id, r.intent) for r in rows) == [
            ("telegram", first, "non_promo_newsletter"),
            ("vk", first, "non_promo_newsletter"),
        ]
        stored = await session.get(Broadcast, broadcast_id)
        assert stored is not None and stored.text == "Сбор в 15:00"
        figures = await broadcasts.figures(session, broadcast_id)
    assert (figures.sent, figures.pending, figures.failed, figures.skipped) == (0, 2, 0, 0)


async def test_nobody_to_send_to_is_refused_and_writes_nothing(db: Database) -> None:
    curator = await person(db, "Куратор", "curator")
    try:
        async with db.transaction() as session:
            await broadcasts.create(session, "Текст", None, Audience("mentors"), curator, NOW)
    except Refusal as refusal:
        assert refusal.key == "broadcast-nobody"
    else:
        raise AssertionError("sent to nobody")
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Broadcast)) == 0


async def test_the_settings_switch_turns_announcements_off_and_on(core: Core, db: Database) -> None:
    chat = Chat(core, "5")
    await register(chat)
    shown = await chat.send("/settings")
    assert "announce:n" in payloads(shown)  # on now: the button switches it off
    assert "Объявления: включены" in [b.label for r in shown for row in r.buttons for b in row]
    replies = await chat.press("announce:n")
    assert "Объявления куратора выключены" in joined(replies)
    assert "announce:y" in payloads(replies)
    curator = await person(db, "Куратор", "curator")
    assert (await addresses(db, Audience("mentees"), curator))[1] == 1
    await chat.press("announce:y")
    assert await addresses(db, Audience("mentees"), curator) == ({"console:5"}, 0)


async def test_the_wizard_previews_per_platform_then_sends(core: Core, db: Database) -> None:
    curator_chat, pupil_chat = Chat(core, "1"), Chat(core, "2")
    await register(pupil_chat)
    await register(curator_chat, name="Ольга Петровна")
    await grant(db, "1", Role.CURATOR)
    stats = await curator_chat.send("/stats")
    assert "menu:broadcast" in payloads(stats)
    asked = await curator_chat.press("menu:broadcast")
    assert "текст объявления" in joined(asked)
    too_long = await curator_chat.send("а" * (broadcasts.MAX_TEXT + 1))
    assert "не длиннее" in joined(too_long)
    await curator_chat.send("<b>Завтра</b> сбор & чай")
    audience = await curator_chat.press("bc-to:mentees")
    text = joined(audience)
    assert "в Telegram — 0, во ВКонтакте — 0, в консоли — 1" in text
    assert "&lt;b&gt;Завтра&lt;/b&gt; сбор &amp; чай" in text  # the curator's text is data
    started = await curator_chat.press("bc-send:y")
    assert "Объявление № 1 отправляется" in joined(started)
    assert "bc:1:pause" in payloads(started)
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(BroadcastDelivery)) == 1
    paused = await curator_chat.press("bc:1:pause")
    assert "на паузе" in joined(paused) and "bc:1:resume" in payloads(paused)
    cancelled = await curator_chat.press("bc:1:cancel")
    assert "отменено" in joined(cancelled)
    again = await curator_chat.press("bc:1:resume")
    assert "нельзя продолжить" in joined(again)
