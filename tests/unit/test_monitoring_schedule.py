"""The twice-yearly monitoring driven by the scheduler's jobs on a hand-moved clock: the window
opens once, everyone in an active programme is invited, reminders reach only those yet to
answer, a downtime is caught up sensibly, nothing reaches members after the close, the curators
get the closed monitoring's figures, and the settings move all of it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.core import survey_files
from bot.core.models import (
    Account,
    Person,
    PersonRole,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
    SurveyResponse,
    SurveyRun,
)
from bot.core.services import surveys
from bot.db import Database
from handlers import notifications
from scheduler.dispatch import Dispatcher
from scheduler.jobs import close_surveys, run_monitoring
from tests.fakes.clock import FakeClock
from tests.fakes.platform import RecordingPlatform
from tests.unit.conftest import make_settings

# The default calendar, in Moscow (UTC+3): the 20 December monitoring opens at the start of
# 6 December, reminds at 10:00 on 13 and 18 December and closes at 23:59 on 20 December.
OPENS = datetime(2026, 12, 5, 21, 0, tzinfo=UTC)
FIRST_REMINDER = datetime(2026, 12, 13, 7, 0, tzinfo=UTC)
SECOND_REMINDER = datetime(2026, 12, 18, 7, 0, tzinfo=UTC)
CLOSES = datetime(2026, 12, 20, 20, 59, tzinfo=UTC)
INVITED = "Ответьте, пожалуйста"
REMINDED = "Напоминаем об опросе"


@pytest.fixture(autouse=True)
def shipped_surveys() -> Iterator[None]:
    survey_files.configure()
    yield
    survey_files.configure()


class Bot:
    """The scheduler's jobs and the dispatcher on one clock, with what each chat received."""

    def __init__(self, db: Database, clock: FakeClock, settings: Settings) -> None:
        self.console = RecordingPlatform()
        self.dispatcher = Dispatcher(db, {"console": self.console}, notifications.render, clock)
        self.settings = settings
        self.clock = clock

    async def tick(self, at: datetime | None = None) -> int:
        """One scheduler tick at `at`: the monitoring calendar, closing, then sending."""
        if at is not None:
            self.clock.now = at
        invited = await run_monitoring(self.dispatcher, self.settings)
        await close_surveys(self.dispatcher, self.settings.default_timezone)
        await self.dispatcher.run_once()
        return invited

    def received(self, who: int, words: str) -> int:
        """How many messages containing `words` person `who` received."""
        return sum(words in text for text in self.console.to(str(who)))


def configured(tmp_path: Path, db_url: str, **env: str) -> Settings:
    """The test settings with these environment variables set (checked as at start-up)."""
    base = make_settings(tmp_path, db_url).model_dump(by_alias=True, exclude_none=True)
    return Settings(_env_file=None, **{**base, **env})  # type: ignore[call-arg]


async def person(db: Database, name: str, curator: bool = False, status: str = "active") -> int:
    async with db.transaction() as session:
        found = Person(name=name, locale="ru", timezone="Europe/Moscow", status=status)
        session.add(found)
        await session.flush()
        session.add(Account(platform="console", external_id=str(found.id), person_id=found.id))
        if curator:
            session.add(PersonRole(person_id=found.id, role=Role.CURATOR))
        return found.id


async def programme(
    db: Database, mentor: int, mentees: list[int], status: str = ProgrammeStatus.ACTIVE
) -> int:
    async with db.transaction() as session:
        found = Programme(
            mentor_id=mentor,
            form="virtual",
            pair_type="counsellor_pupil",
            term=6,
            goals="Цели",
            status=status,
            agreement_version="1",
        )
        session.add(found)
        await session.flush()
        session.add(ProgrammeMember(programme_id=found.id, person_id=mentor, role="mentor"))
        for mentee in mentees:
            session.add(ProgrammeMember(programme_id=found.id, person_id=mentee, role="mentee"))
        return found.id


async def responses(db: Database) -> list[tuple[str, int, int | None, str | None]]:
    """(survey run's occasion, person, programme, role) of every response."""
    async with db.transaction() as session:
        query = select(SurveyRun.occasion, SurveyResponse).join(
            SurveyResponse, SurveyResponse.run_id == SurveyRun.id
        )
        return sorted(
            (occasion, r.person_id, r.programme_id, r.role)
            for occasion, r in (await session.execute(query)).all()
        )


async def answer_everything(db: Database, who: int, at: datetime) -> None:
    """The person answers every survey open to them (the first choice, the lowest number)."""
    async with db.transaction() as session:
        open_ones = await surveys.unanswered(session, who, at)
    for response in open_ones:
        async with db.transaction() as session:
            step = await surveys.current(session, response.id, who, at)
            while step.question is not None:
                step = await surveys.answer(
                    session, response.id, who, step.index, _first(step.question), at
                )


def _first(question: dict[str, Any]) -> Any:
    kind = question["kind"]
    if kind == "scale":
        return question["min"]
    if kind == "text":
        return "Всё хорошо"
    key = question["options"][0]["key"]
    return [key] if kind == "multi" else key


@pytest.fixture
def bot(db: Database, clock: FakeClock, settings: Settings) -> Bot:
    return Bot(db, clock, settings)


@pytest.fixture
async def pair(db: Database) -> tuple[int, int, int]:
    """A mentor and a mentee in an active programme; their ids and the programme's."""
    mentor, mentee = await person(db, "Иван"), await person(db, "Петя")
    return mentor, mentee, await programme(db, mentor, [mentee])


async def test_the_window_opens_once_and_invites_every_member_of_an_active_programme(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    mentor, mentee, pid = pair
    both = await person(db, "Оля")  # mentors one pair, is mentored in another
    kolya = await person(db, "Коля")
    await programme(db, both, [kolya])
    await programme(db, mentor, [both])
    await programme(db, mentor, [await person(db, "Ждёт")], status=ProgrammeStatus.PROPOSED)
    await programme(db, mentor, [await person(db, "Закончил")], status=ProgrammeStatus.COMPLETED)
    masha, erased = await person(db, "Маша"), await person(db, "", status="erased")
    await programme(db, masha, [erased])

    assert await bot.tick(OPENS.replace(hour=20)) == 0  # an hour before the window
    assert await responses(db) == []
    assert await bot.tick(OPENS) == 9
    found = await responses(db)
    invited: dict[str, set[tuple[int, str | None]]] = {}
    for occasion, who, _, role in found:
        invited.setdefault(occasion, set()).add((who, role))
    assert invited == {
        "2026-12-20/monitoring-mentee": {(mentee, "mentee"), (kolya, "mentee"), (both, "mentee")},
        "2026-12-20/monitoring-mentor": {(mentor, "mentor"), (both, "mentor"), (masha, "mentor")},
        "2026-12-20/mentor-self-assessment": {
            (mentor, "mentor"),
            (both, "mentor"),
            (masha, "mentor"),
        },
    }
    assert ("2026-12-20/monitoring-mentee", mentee, pid, "mentee") in found

    assert await bot.tick() == 0  # a second tick opens and invites nothing more
    assert await responses(db) == found
    await bot.tick(datetime(2026, 12, 6, 6, 0, tzinfo=UTC))  # 09:00 in Moscow: night is over
    assert bot.received(mentee, INVITED) == 1
    assert bot.received(mentor, INVITED) == 2  # the mentor's survey and the self-assessment
    assert bot.received(erased, INVITED) == 0
    await bot.tick(datetime(2026, 12, 7, 6, 0, tzinfo=UTC))
    assert bot.received(mentee, INVITED) == 1  # once, however many ticks


async def test_one_who_joins_during_the_window_is_invited_on_the_next_tick(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    await bot.tick(OPENS)
    newcomer = await person(db, "Новенький")
    await programme(db, await person(db, "Света"), [newcomer])
    assert await bot.tick(datetime(2026, 12, 10, 9, 0, tzinfo=UTC)) == 3
    assert bot.received(newcomer, INVITED) == 1


async def test_reminders_reach_only_those_yet_to_answer(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    mentor, mentee, _ = pair
    await bot.tick(OPENS)
    await bot.tick(datetime(2026, 12, 6, 6, 0, tzinfo=UTC))
    await answer_everything(db, mentee, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    await bot.tick(FIRST_REMINDER)
    assert bot.received(mentee, REMINDED) == 0
    assert bot.received(mentor, REMINDED) == 2
    await answer_everything(db, mentor, datetime(2026, 12, 14, 9, 0, tzinfo=UTC))
    await bot.tick(SECOND_REMINDER)
    assert bot.received(mentor, REMINDED) == 2  # answered since: no second reminder
    assert bot.received(mentee, REMINDED) == 0


async def test_a_bot_started_inside_the_window_invites_at_once_without_past_reminders(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    _, mentee, _ = pair
    await bot.tick(datetime(2026, 12, 15, 9, 0, tzinfo=UTC))  # down until after the first
    assert bot.received(mentee, INVITED) == 1
    assert bot.received(mentee, REMINDED) == 0
    await bot.tick(SECOND_REMINDER)
    assert bot.received(mentee, REMINDED) == 1


async def test_reminders_missed_while_down_are_sent_once_and_only_the_latest(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    mentor, mentee, _ = pair
    await bot.tick(OPENS)
    await bot.tick(datetime(2026, 12, 6, 6, 0, tzinfo=UTC))
    await bot.tick(datetime(2026, 12, 19, 9, 0, tzinfo=UTC))  # down over both reminders
    assert bot.received(mentee, REMINDED) == 1
    assert bot.received(mentor, REMINDED) == 2  # one for each of the mentor's two surveys
    await bot.tick(datetime(2026, 12, 20, 9, 0, tzinfo=UTC))
    assert bot.received(mentee, REMINDED) == 1


async def test_nothing_reaches_members_after_the_close_and_curators_get_the_figures(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    mentor, mentee, _ = pair
    curator = await person(db, "Куратор", curator=True)
    await bot.tick(OPENS)
    await bot.tick(datetime(2026, 12, 6, 6, 0, tzinfo=UTC))
    await answer_everything(db, mentee, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    await bot.tick(datetime(2026, 12, 21, 9, 0, tzinfo=UTC))  # down from the invitations on
    assert bot.received(mentor, REMINDED) == bot.received(mentee, REMINDED) == 0
    report, *charts = bot.console.to(str(curator))
    assert charts  # the report's charts follow its workbook
    assert "Мониторинг закрыт" in report and "20 декабря 2026" in report
    assert "Мониторинг наставничества — наставляемый: 1 из 1" in report
    assert "Мониторинг наставничества — наставник: 0 из 1" in report
    await bot.tick(datetime(2026, 12, 23, 9, 0, tzinfo=UTC))
    assert sum("Мониторинг закрыт" in t for t in bot.console.to(str(curator))) == 1  # once
    async with db.transaction() as session:
        assert all(
            r.closed_at is not None for r in (await session.execute(select(SurveyRun))).scalars()
        )


async def test_a_bot_down_across_the_whole_window_opens_nothing_after_the_deadline(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    await bot.tick(CLOSES)
    await bot.tick(datetime(2027, 1, 10, 9, 0, tzinfo=UTC))
    assert await responses(db) == []
    assert bot.console.sent == []


async def test_the_may_monitoring_follows_in_spring(
    bot: Bot, db: Database, pair: tuple[int, int, int]
) -> None:
    await bot.tick(datetime(2027, 5, 10, 9, 0, tzinfo=UTC))
    assert {occasion for occasion, *_ in await responses(db)} == {
        "2027-05-20/monitoring-mentee",
        "2027-05-20/monitoring-mentor",
        "2027-05-20/mentor-self-assessment",
    }


# --- settings ------------------------------------------------------------------------------


async def test_monitoring_deadlines_moves_the_window(
    db: Database, clock: FakeClock, tmp_path: Path, db_url: str, pair: tuple[int, int, int]
) -> None:
    _, mentee, _ = pair
    moved = Bot(db, clock, configured(tmp_path, db_url, MONITORING_DEADLINES="11-30"))
    await moved.tick(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))  # shipped: nothing in November
    assert bot_invited(moved, mentee) == 1
    assert {o for o, *_ in await responses(db)} >= {"2026-11-30/monitoring-mentee"}
    await moved.tick(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))  # 20 December is no longer one
    assert {o.split("/")[0] for o, *_ in await responses(db)} == {"2026-11-30"}


async def test_monitoring_lead_days_sets_when_invitations_go(
    db: Database, clock: FakeClock, tmp_path: Path, db_url: str, pair: tuple[int, int, int]
) -> None:
    _, mentee, _ = pair
    short = Bot(db, clock, configured(tmp_path, db_url, MONITORING_LEAD_DAYS="3"))
    await short.tick(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))  # inside the shipped 14 days
    assert bot_invited(short, mentee) == 0
    await short.tick(datetime(2026, 12, 17, 9, 0, tzinfo=UTC))  # from the start of 17 December
    assert bot_invited(short, mentee) == 1


async def test_monitoring_reminder_days_sets_when_reminders_go(
    db: Database, clock: FakeClock, tmp_path: Path, db_url: str, pair: tuple[int, int, int]
) -> None:
    _, mentee, _ = pair
    once = Bot(db, clock, configured(tmp_path, db_url, MONITORING_REMINDER_DAYS="1"))
    await once.tick(OPENS)
    await once.tick(FIRST_REMINDER)
    await once.tick(SECOND_REMINDER)
    assert once.received(mentee, REMINDED) == 0  # not 7 or 2 days before
    await once.tick(datetime(2026, 12, 19, 7, 0, tzinfo=UTC))  # 10:00 the day before
    assert once.received(mentee, REMINDED) == 1


async def test_two_deadlines_whose_windows_overlap_both_open(
    db: Database, clock: FakeClock, tmp_path: Path, db_url: str, pair: tuple[int, int, int]
) -> None:
    _, mentee, _ = pair
    close = Bot(db, clock, configured(tmp_path, db_url, MONITORING_DEADLINES="12-20,12-25"))
    await close.tick(datetime(2026, 12, 15, 9, 0, tzinfo=UTC))
    assert {o for o, *_ in await responses(db) if o.endswith("mentee")} == {
        "2026-12-20/monitoring-mentee",
        "2026-12-25/monitoring-mentee",
    }
    assert close.received(mentee, INVITED) == 2


@pytest.mark.parametrize("setting", ["12-40", "2-29", "monthly"])
def test_a_bad_deadline_is_refused_at_start_up(tmp_path: Path, db_url: str, setting: str) -> None:
    with pytest.raises(ValueError, match="MM-DD"):
        configured(tmp_path, db_url, MONITORING_DEADLINES=setting)


def test_bad_reminder_days_are_refused_at_start_up(tmp_path: Path, db_url: str) -> None:
    with pytest.raises(ValueError, match="days before the deadline"):
        configured(tmp_path, db_url, MONITORING_REMINDER_DAYS="7,soon")


def bot_invited(bot: Bot, who: int) -> int:
    """How many survey invitations the person received."""
    return bot.received(who, INVITED)
