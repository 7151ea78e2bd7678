"""The programme flows under odd input: forged payloads, stale states, races, reminders.

Everything is driven through `Core` as the platforms would drive it. `Programme` sets up a
curator, a mentor and one or more mentees, forms the pair through the curator's buttons and
has everyone accept the agreement.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.core import texts
from bot.core.conversation import Reply
from bot.core.dates import format_date
from bot.core.engine import Core
from bot.core.models import (
    Milestone,
    MilestoneStatus,
    Notification,
    NotificationStatus,
    Person,
    Profile,
    Programme,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestStatus,
    Role,
)
from bot.core.services import people
from bot.db import Database
from handlers import build_router, notifications
from scheduler.dispatch import Dispatcher
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.test_flows import Chat, payloads, register, snapshot


def ru(key: str, **params: Any) -> str:
    return texts.t(key, "ru", **params)


STALE = ru("refusal-stale-button")


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def person_id(db: Database, user: str) -> int:
    async with db.transaction() as session:
        acc = await people.find_account(session, "console", user)
        assert acc is not None and acc.person_id is not None
        return acc.person_id


async def grant(db: Database, user: str, role: Role) -> None:
    async with db.transaction() as session:
        acc = await people.find_account(session, "console", user)
        assert acc is not None and acc.person is not None
        people.grant(acc.person, role)


async def set_capacity(db: Database, user: str, capacity: int) -> None:
    pid = await person_id(db, user)
    async with db.transaction() as session:
        profile = await session.get(Profile, pid)
        assert profile is not None
        profile.capacity = capacity


MENTEE_NAMES = ("Петя Учеников", "Маша Ученикова", "Коля Новиков")


@dataclass
class Setup:
    """A formed and accepted programme: its people's chats and the programme's id."""

    curator: Chat
    mentor: Chat
    mentees: list[Chat]
    programme_id: int

    @property
    def mentee(self) -> Chat:
        return self.mentees[0]


async def form(
    core: Core,
    db: Database,
    curator: Chat,
    mentor: Chat,
    mentees: list[Chat],
    term: str | None = None,
) -> int:
    """The curator forms a programme through the buttons (or with the `term` typed); its id."""
    await curator.press("pair-new")
    for chat in mentees:
        await curator.press(f"pair-mentee:{await person_id(db, chat.user)}")
    await curator.press("pair-next")
    await curator.press(f"pair-mentor:{await person_id(db, mentor.user)}")
    await curator.press("pair-form:virtual")
    await curator.press("pair-type:counsellor_pupil")
    await (curator.send(term) if term else curator.press("pair-term:6"))
    await curator.send("Собрать робота к соревнованиям")
    replies = await curator.press("pair-confirm:y")
    found = [p for p in payloads(replies) if p.startswith("programme:")]
    assert found, replies[0].text
    return int(found[0].split(":")[1])


async def programme_setup(
    core: Core,
    db: Database,
    mentees: int = 1,
    accept: bool = True,
    staff: Role = Role.CURATOR,
    term: str | None = None,
) -> Setup:
    """Curator (user 1), mentor (2), mentees (3, 4, …); the programme formed and accepted."""
    curator = Chat(core, user="1")
    await register(curator, name="Ольга Куратова")
    await grant(db, "1", staff)
    mentor = Chat(core, user="2")
    await register(mentor, name="Иван Наставников", role="mentor")
    await set_capacity(db, "2", 5)
    chats = []
    for i in range(mentees):
        chat = Chat(core, user=str(3 + i))
        await register(chat, name=MENTEE_NAMES[i])
        chats.append(chat)
    pid = await form(core, db, curator, mentor, chats, term)
    if accept:
        for chat in [mentor, *chats]:
            await chat.press(f"agree:y:{pid}")
    return Setup(curator, mentor, chats, pid)


async def programme(db: Database, pid: int) -> Programme:
    async with db.transaction() as session:
        row = await session.get(Programme, pid)
        assert row is not None
        return row


async def rows(db: Database, model: type) -> list[Any]:
    async with db.transaction() as session:
        return list((await session.execute(select(model))).scalars())


async def add_milestone(mentor: Chat, pid: int, title: str, when: str) -> list[Reply]:
    await mentor.press(f"ms-add:{pid}")
    await mentor.send(title)
    await mentor.send(when)
    await mentor.press("ms-no-format")
    return await mentor.press("ms-no-description")


async def milestone_id(db: Database, title: str) -> int:
    (found,) = [m.id for m in await rows(db, Milestone) if m.title == title]
    return found


async def dispatch(db: Database, clock: FakeClock) -> RecordingPlatform:
    """Send everything due now; what went to whom."""
    console = RecordingPlatform()
    dispatcher = Dispatcher(db, {"console": console}, notifications.render, clock)
    await dispatcher.run_once()
    return console


# ---------------------------------------------------------------------------------------------
# Buttons in messages sent before their prefixes were renamed


async def test_buttons_sent_under_the_old_prefixes_still_work(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db, accept=False)
    pid = setup.programme_id
    await setup.mentor.press(f"agr:y:{pid}")  # the agreement message's Accept
    replies = await setup.mentee.press(f"agr:y:{pid}")
    assert replies[0].text == ru("agreement-active")
    replies = await setup.mentee.press(f"pg:{pid}")  # Open the programme, under any notice
    assert f"№{pid}" in replies[0].text
    await add_milestone(setup.mentor, pid, "Собрать шасси", "10.12")
    replies = await setup.mentee.press(f"ms:done:{await milestone_id(db, 'Собрать шасси')}")
    assert replies[0].text == ru("ms-done", title="Собрать шасси")  # a reminder's Done


# ---------------------------------------------------------------------------------------------
# Forged payloads: every numeric part is read strictly; nothing crashes, nothing changes


FORGED_NUMBERS = ["²", "1²", "99999999999999999999999999", "-1", "01x", "١"]
NUMERIC_PAYLOADS = [
    "programme:{n}",
    "agree:y:{n}",
    "agreement:{n}",
    "request:y:{n}",
    "plan:{n}",
    "ms-add:{n}",
    "ms-pick:done:{n}",
    "ms:done:{n}",
    "snooze:{n}:1",
    "ms-tell:{n}",
    "plan-send:{n}",
    "plan-agree:{n}",
    "extend:{n}",
    "end:{n}",
    "replace:{n}",
    "complete:{n}",
    "reminders:{n}",
    "pairs:{n}",
]


async def test_forged_numbers_in_payloads_are_refused_not_crashed(
    core: Core, db: Database, subtests: pytest.Subtests
) -> None:
    setup = await programme_setup(core, db)
    for template in NUMERIC_PAYLOADS:
        for number in FORGED_NUMBERS:
            payload = template.format(n=number)
            with subtests.test(payload=payload):
                before = await snapshot(db)
                for chat in (setup.curator, setup.mentor):
                    replies = await chat.press(payload)
                    assert replies[0].text != ru("error-internal"), payload
                assert await snapshot(db) == before


async def test_forged_numbers_while_forming_a_pair(core: Core, db: Database) -> None:
    curator = Chat(core, user="1")
    await register(curator, name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(Chat(core, user="3"), name="Петя Учеников")
    await curator.press("pair-new")
    for payload in (
        "pair-mentee:²",
        "pair-mentee:99999999999999999999999",
        "pair-mentees:²",
        "pair-mentees:99999999999",
    ):
        replies = await curator.press(payload)
        assert replies[0].text != ru("error-internal"), payload
    await curator.press(f"pair-mentee:{await person_id(db, '3')}")
    await curator.press("pair-next")
    for payload in ("pair-mentor:²", "pair-mentor:99999999999999999999999"):
        replies = await curator.press(payload)
        assert replies[0].text != ru("error-internal"), payload


async def test_typed_term_with_odd_digits_is_refused(core: Core, db: Database) -> None:
    curator = Chat(core, user="1")
    await register(curator, name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    mentor = Chat(core, user="2")
    await register(mentor, name="Иван Наставников", role="mentor")
    mentee = Chat(core, user="3")
    await register(mentee, name="Петя Учеников")
    await curator.press("pair-new")
    await curator.press(f"pair-mentee:{await person_id(db, '3')}")
    await curator.press("pair-next")
    await curator.press(f"pair-mentor:{await person_id(db, '2')}")
    await curator.press("pair-form:virtual")
    await curator.press("pair-type:counsellor_pupil")
    for typed in ("²", "6²", "99999999999999999999999"):
        replies = await curator.send(typed)
        assert replies[0].text == ru("pf-term-invalid", max=36), typed
    assert (await curator.press("pair-term:²"))[0].text == STALE
    replies = await curator.send("6")
    assert replies[0].text == ru("pf-ask-goals")


# ---------------------------------------------------------------------------------------------
# Buttons pressed by someone with no profile (never registered, or erased)


@pytest.mark.parametrize(
    "payload",
    ["request:y:1", "request:n:1", "ms:done:1", "plan-agree:1", "programme:1", "ms-tell:1"],
)
async def test_programme_buttons_from_someone_without_a_profile(
    core: Core, db: Database, payload: str
) -> None:
    await programme_setup(core, db)
    stranger = Chat(core, user="99")
    replies = await stranger.press(payload)
    assert replies[0].text != ru("error-internal")


async def test_request_button_pressed_after_forget(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.mentee.send("/forget")
    await setup.mentee.press("forget:y")
    replies = await setup.mentee.press(f"request:y:{request.id}")
    assert replies[0].text == STALE
    (request,) = await rows(db, ProgrammeRequest)
    assert request.status != RequestStatus.ACCEPTED


# ---------------------------------------------------------------------------------------------
# Reminders survive a change of schedule, and moving an item back and forth


def _pending(notes: list[Notification], milestone: int) -> list[Notification]:
    return [
        n
        for n in notes
        if n.status == NotificationStatus.PENDING
        and n.params.get("milestone_id") == milestone
        and n.template != "ms-done-notice"
    ]


async def test_changing_the_reminder_schedule_keeps_the_day_and_overdue_reminders(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "10.12")
    ms = await milestone_id(db, "Собрать шасси")
    before = {(n.template, n.person_id) for n in _pending(await rows(db, Notification), ms)}
    assert ("ms-day", await person_id(db, "3")) in before

    await setup.mentor.press(f"reminders:{setup.programme_id}:731")

    after = {(n.template, n.person_id) for n in _pending(await rows(db, Notification), ms)}
    assert before <= after  # day, overdue, 3 and 1 days before, the curator's alert: all kept
    templates = sorted(n.template for n in _pending(await rows(db, Notification), ms))
    assert templates.count("ms-before") == 2 * 3  # 7, 3 and 1 days before, for both members


async def test_moving_an_item_back_to_its_first_date_keeps_its_reminders(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "10.12")
    ms = await milestone_id(db, "Собрать шасси")
    first = len(_pending(await rows(db, Notification), ms))
    for when in ("15.12", "10.12"):
        await setup.mentor.press(f"ms:move:{ms}")
        await setup.mentor.send(when)
    assert len(_pending(await rows(db, Notification), ms)) == first


async def test_changing_the_time_zone_moves_pending_reminders(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "10.12")
    ms = await milestone_id(db, "Собрать шасси")
    await setup.mentee.send("/timezone Владивосток")
    mentee = await person_id(db, "3")
    (day,) = [
        n
        for n in _pending(await rows(db, Notification), ms)
        if n.template == "ms-day" and n.person_id == mentee
    ]
    # 10:00 in Vladivostok (UTC+10) on 10 December is 00:00 UTC.
    assert day.due_at == datetime(2026, 12, 10, 0, 0, tzinfo=UTC)


# ---------------------------------------------------------------------------------------------
# Dates far ahead, and items that changed while the mentor typed


async def test_a_date_after_the_programme_ends_is_refused(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    ends_on = (await programme(db, setup.programme_id)).ends_on
    assert ends_on is not None
    for typed in ("31.12.9999", "25.12.2100", "через 100 лет"):
        await setup.mentor.press(f"ms-add:{setup.programme_id}")
        await setup.mentor.send("Собрать шасси")
        replies = await setup.mentor.send(typed)
        assert replies[0].text == ru("ms-date-after-end", date=format_date(ends_on, "ru")), typed
        assert replies[0].text != ru("error-internal")
        await setup.mentor.send("/cancel")
    assert await rows(db, Milestone) == []


async def test_moving_an_item_that_was_done_meanwhile_is_refused(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "10.12")
    ms = await milestone_id(db, "Собрать шасси")
    await setup.mentor.press(f"ms:move:{ms}")
    await setup.mentee.press(f"ms:done:{ms}")  # while the mentor is typing the new date
    replies = await setup.mentor.send("15.12")
    assert replies[0].text == ru("ms-not-available")
    (item,) = await rows(db, Milestone)
    assert item.status == MilestoneStatus.DONE and item.due_on == date(2026, 12, 10)


async def test_done_pressed_twice_counts_once(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "10.12")
    ms = await milestone_id(db, "Собрать шасси")
    first = await setup.mentee.press(f"ms:done:{ms}")
    second = await setup.mentor.press(f"ms:done:{ms}")
    assert first[0].text == ru("ms-done", title="Собрать шасси")
    assert second[0].text == ru("ms-not-available")
    notices = [n for n in await rows(db, Notification) if n.template == "ms-done-notice"]
    assert len(notices) == 1


# ---------------------------------------------------------------------------------------------
# The plan's agreement and proposals


async def test_forged_plan_agreement_never_sent_is_refused(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "10.12")
    replies = await setup.mentee.press(f"plan-agree:{setup.programme_id}")
    assert replies[0].text == STALE
    assert (await programme(db, setup.programme_id)).plan_agreed_at is None
    # Once the mentor sends it, the same button works.
    await setup.mentor.press(f"plan-send:{setup.programme_id}")
    replies = await setup.mentee.press(f"plan-agree:{setup.programme_id}")
    assert replies[0].text == ru("plan-agreed-you")
    assert (await programme(db, setup.programme_id)).plan_agreed_at is not None


async def test_second_extension_while_one_is_pending_is_refused(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    replies = await setup.mentor.press(f"extend:{setup.programme_id}:3")
    assert replies[0].text == ru("request-extend-pending")
    replies = await setup.mentee.press(f"extend:{setup.programme_id}:6")
    assert replies[0].text == ru("request-extend-yours")  # shown the proposal to answer
    (request,) = await rows(db, ProgrammeRequest)
    assert f"request:y:{request.id}" in payloads(replies)


async def test_group_extension_needs_every_other_member(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db, mentees=2)
    start = await programme(db, setup.programme_id)
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)

    replies = await setup.mentees[0].press(f"request:y:{request.id}")
    assert replies[0].text == ru("request-accepted-waiting")
    assert (await programme(db, setup.programme_id)).term == start.term
    assert (await setup.mentees[0].press(f"request:y:{request.id}"))[0].text == STALE

    replies = await setup.mentees[1].press(f"request:y:{request.id}")
    assert replies[0].text == ru("request-accepted-you")
    assert (await programme(db, setup.programme_id)).term == start.term + 3


async def test_group_extension_declined_by_one_member(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db, mentees=2)
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.mentees[0].press(f"request:y:{request.id}")
    replies = await setup.mentees[1].press(f"request:n:{request.id}")
    assert replies[0].text == ru("request-declined-you")
    (request,) = await rows(db, ProgrammeRequest)
    assert request.status == RequestStatus.DECLINED
    assert (await programme(db, setup.programme_id)).term == 6


async def test_request_answered_after_the_programme_ended(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.curator.press(f"end:{setup.programme_id}")
    await setup.curator.press(f"end-sure:{setup.programme_id}")
    await setup.curator.send("Подберём другого наставника")
    assert (await setup.mentee.press(f"request:y:{request.id}"))[0].text == STALE
    assert (await programme(db, setup.programme_id)).term == 6


async def test_agreement_accepted_after_another_member_declined(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db, accept=False)
    await setup.mentee.press(f"agree:n:{setup.programme_id}")
    await setup.mentee.send("Не подходит расписание")
    replies = await setup.mentor.press(f"agree:y:{setup.programme_id}")
    assert replies[0].text == STALE
    assert (await programme(db, setup.programme_id)).status == ProgrammeStatus.DECLINED


# ---------------------------------------------------------------------------------------------
# Staff: the pair's creator hears of requests and overdue items even with no curator


async def test_director_without_curators_gets_the_replacement_request(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, staff=Role.DIRECTOR)
    await dispatch(db, clock)
    await setup.mentee.press(f"replace:{setup.programme_id}")
    await setup.mentee.send("Не совпадаем по расписанию")
    sent = await dispatch(db, clock)
    assert any("Не совпадаем по расписанию" in text for text in sent.to("1"))


async def test_overdue_item_alerts_the_director_who_formed_the_pair(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, staff=Role.DIRECTOR)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "01.12")
    await dispatch(db, clock)
    clock.now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    sent = await dispatch(db, clock)
    assert any("просрочен" in text for text in sent.to("1")), sent.sent


async def test_nobody_erased_is_sent_anything(core: Core, db: Database) -> None:
    """The curator who formed a pair withdrew consent: no rows are written for them."""
    setup = await programme_setup(core, db)
    await setup.curator.send("/forget")
    await setup.curator.press("forget:y")
    await setup.mentor.press(f"extend:{setup.programme_id}:3")
    (request,) = await rows(db, ProgrammeRequest)
    await setup.mentee.press(f"request:y:{request.id}")
    curator = await person_id_erased(db)
    written = [
        n
        for n in await rows(db, Notification)
        if n.person_id == curator and n.status == NotificationStatus.PENDING
    ]
    assert written == []


async def person_id_erased(db: Database) -> int:
    (found,) = [p.id for p in await rows(db, Person) if p.status == "erased"]
    return found


async def test_a_sent_overdue_reminder_is_not_sent_again_after_a_change(
    core: Core, db: Database, clock: FakeClock
) -> None:
    """Rewriting the reminders (a new schedule, a new time zone) keeps what already went out."""
    setup = await programme_setup(core, db)
    await add_milestone(setup.mentor, setup.programme_id, "Собрать шасси", "01.12")
    clock.now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    first = await dispatch(db, clock)
    assert any("прошёл" in text or "просрочен" in text for text in first.to("3"))
    assert any("просрочен" in text for text in first.to("1"))

    await setup.mentor.press(f"reminders:{setup.programme_id}:1")
    await setup.mentee.send("/timezone Владивосток")
    clock.advance(days=1)
    again = await dispatch(db, clock)
    assert not any("Собрать шасси" in text for _, texts in again.sent for text in texts), again.sent


async def test_group_plan_is_agreed_only_when_every_mentee_agrees(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db, mentees=2)
    pid = setup.programme_id
    await add_milestone(setup.mentor, pid, "Собрать шасси", "через неделю")
    await setup.mentor.press(f"plan-send:{pid}")
    assert (await setup.mentor.press(f"plan-send:{pid}"))[0].text == ru("plan-already-sent")

    replies = await setup.mentees[0].press(f"plan-agree:{pid}")
    assert replies[0].text == ru("plan-agreed-waiting")
    assert (await programme(db, pid)).plan_agreed_at is None
    assert (await setup.mentees[0].press(f"plan-agree:{pid}"))[0].text == STALE  # once is enough

    replies = await setup.mentees[1].press(f"plan-agree:{pid}")
    assert replies[0].text == ru("plan-agreed-you")
    assert (await programme(db, pid)).plan_agreed_at is not None


async def test_extension_stops_at_the_longest_term(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)  # six months
    pid = setup.programme_id
    for _ in range(10):  # +3 months each, accepted: 6 → 36
        await setup.mentor.press(f"extend:{pid}:3")
        requests = [r for r in await rows(db, ProgrammeRequest) if r.status == "pending"]
        if not requests:
            break
        await setup.mentee.press(f"request:y:{requests[0].id}")
    assert (await programme(db, pid)).term == 36
    assert (await setup.mentor.press(f"extend:{pid}"))[0].text == ru(
        "programme-extend-too-long", max=ru("term-months", count=36)
    )


async def test_a_command_leaves_the_question_under_way(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.press(f"ms-add:{setup.programme_id}")  # "what is the item called?"
    await setup.mentor.send("/profile")
    replies = await setup.mentor.send("Собрать шасси")
    assert replies[0].text == ru("refusal-unknown")  # not taken as the item's title
    assert await rows(db, Milestone) == []


async def test_help_and_language_keep_the_question_under_way(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    await setup.mentor.press(f"ms-add:{setup.programme_id}")
    await setup.mentor.send("/help")
    replies = await setup.mentor.send("Собрать шасси")
    # The title was taken: the next question is the date.
    assert replies[0].text == ru("ms-ask-date", today="24 ноября 2026, вторник")


async def test_long_plans_page_through_the_items(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    pid = setup.programme_id
    for day in range(1, 7):
        await add_milestone(setup.mentor, pid, f"Пункт {day}", f"0{day}.12")
    first = await setup.mentee.press(f"ms-pick:done:{pid}")
    assert payloads(first)[:4] == [f"ms:done:{i}" for i in range(1, 5)]
    assert f"ms-pick:done:{pid}:1" in payloads(first)
    second = await setup.mentee.press(f"ms-pick:done:{pid}:1")
    assert payloads(second)[:2] == ["ms:done:5", "ms:done:6"]
    assert f"ms-pick:done:{pid}:0" in payloads(second)
    assert second[0].replace


async def test_mydata_lists_the_persons_programmes(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    replies = await setup.mentee.send("/mydata")
    assert "№1: наставляемый, программа идёт, соглашение принято" in replies[0].text
    record = json.loads(replies[1].file.content)  # type: ignore[union-attr]
    (entry,) = record["programmes"]
    assert entry["role"] == "mentee" and entry["agreement"] == "accepted"
    assert entry["answered_at"] is not None


async def test_a_long_item_title_is_cut_with_an_ellipsis_on_its_button(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    title = "Подготовить презентацию проекта для городской конференции"
    await add_milestone(setup.mentor, setup.programme_id, title, "через неделю")
    replies = await setup.mentor.press(f"ms-pick:done:{setup.programme_id}")
    (label,) = [
        b.label for r in replies for row in r.buttons for b in row if "Подготовить" in b.label
    ]
    assert len(label) == 40 and label.endswith("…")


async def test_help_in_a_question_asks_the_question_again_after_the_help(
    core: Core, db: Database
) -> None:
    """The question can be answered from where /help leaves the person, and the buttons shown
    last (numbered last in the console) are the question's own."""
    chat = Chat(core, user="7")
    await chat.send("/start")
    await chat.press("consent:y")
    await chat.send("Анна Иванова")
    replies = await chat.send("/help")
    assert "Что я умею" in replies[0].text
    assert replies[-1].text == ru("ask-age")
    assert next(b.payload for row in replies[-1].buttons for b in row).startswith("age:")
    await chat.press("age:adult")  # answered from the repeated question
    assert (await chat.send("/help"))[-1].text.startswith(ru("ask-role")[:20])
