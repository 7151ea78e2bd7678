"""Surveys the curator sends: each segment takes in the right people and nobody else, the
segment is frozen when sent, the one reminder goes only to those yet to answer and never twice,
a non-curator's press is refused, and a mentor sees figures of their own pairs only, from the
third answer on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.config import Settings
from bot.core.conversation import MAX_BUTTONS
from bot.core.engine import Core
from bot.core.models import (
    Notification,
    Person,
    PersonRole,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    ResponseStatus,
    Subject,
    SurveyAnswer,
    SurveyKind,
    SurveyResponse,
    SurveyRun,
)
from bot.core.refusal import Refusal
from bot.core.services import campaigns, survey_summary, surveys
from bot.core.services.campaigns import Segment
from bot.db import Database
from handlers import build_router
from handlers.buttons import CampaignRemind, SurveySummary
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, payloads, register
from tests.unit.test_programme_edge_cases import person_id, programme_setup

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CLOSES = NOW + timedelta(days=7)


async def person(db: Database, name: str, *roles: str, status: str = PersonStatus.ACTIVE) -> int:
    async with db.transaction() as session:
        found = Person(name=name, locale="ru", timezone="Europe/Moscow", status=status)
        session.add(found)
        await session.flush()
        session.add_all(PersonRole(person_id=found.id, role=r) for r in roles)
        return found.id


async def programme(
    db: Database,
    mentor: int,
    mentees: list[int],
    form: str = "virtual",
    pair_type: str = "counsellor_pupil",
    status: str = ProgrammeStatus.ACTIVE,
) -> int:
    async with db.transaction() as session:
        found = Programme(
            mentor_id=mentor,
            form=form,
            pair_type=pair_type,
            term=6,
            goals="Цель",
            agreement_version="1",
            status=status,
        )
        session.add(found)
        await session.flush()
        session.add(ProgrammeMember(programme_id=found.id, person_id=mentor, role="mentor"))
        for mentee in mentees:
            session.add(ProgrammeMember(programme_id=found.id, person_id=mentee, role="mentee"))
        return found.id


async def taken_in(
    db: Database, segment: Segment, key: str = "meeting-feedback"
) -> list[tuple[int, int | None, str | None]]:
    async with db.transaction() as session:
        return await campaigns.recipients(session, segment, key)


async def test_each_segment_takes_in_the_right_people_and_nobody_else(db: Database) -> None:
    curator = await person(db, "Куратор", "curator")
    m1, m2, m3 = [await person(db, f"Наставник {i}", "mentor") for i in (1, 2, 3)]
    a, b, d, e, f = [await person(db, f"Ученик {n}", "mentee") for n in "abdef"]
    registering = await person(db, "Не закончил", "mentee", status=PersonStatus.REGISTERING)
    erased = await person(db, "Отозвал", "mentee", status=PersonStatus.ERASED)
    p1 = await programme(db, m1, [a, b, registering])
    p2 = await programme(db, m2, [d, erased], form="goal", pair_type="pupil_pupil")
    await programme(db, m3, [e], pair_type="pupil_pupil", status=ProgrammeStatus.COMPLETED)

    def ids(found: list[tuple[int, int | None, str | None]]) -> set[int]:
        return {i for i, _, _ in found}

    everyone = await taken_in(db, Segment("all"))
    assert ids(everyone) == {m1, m2, m3, a, b, d, e, f}  # no curator, no one unregistered
    assert curator not in ids(everyone) and registering not in ids(everyone)
    assert (a, p1, "mentee") in everyone and (e, None, "mentee") in everyone  # e's pair ended
    assert ids(await taken_in(db, Segment("mentors"))) == {m1, m2, m3}
    assert ids(await taken_in(db, Segment("mentees"))) == {a, b, d, e, f}
    assert await taken_in(db, Segment("form", "virtual")) == [
        (m1, p1, "mentor"),
        (a, p1, "mentee"),
        (b, p1, "mentee"),
    ]  # m3's pair is virtual too, but completed
    assert ids(await taken_in(db, Segment("pair_type", "pupil_pupil"))) == {m2, d}
    assert ids(await taken_in(db, Segment("programme", str(p2)))) == {m2, d}
    # The mentor's self-assessment asks mentees nothing: they are not sent it.
    assert ids(await taken_in(db, Segment("all"), "mentor-self-assessment")) == {m1, m2, m3}
    assert await taken_in(db, Segment("mentees"), "mentor-self-assessment") == []
    forged_ones = (Segment("form", "no"), Segment("pair_type", "no"), Segment("programme", "9"))
    for forged in (*forged_ones, Segment("x")):
        try:
            await taken_in(db, forged)
        except Refusal as refusal:
            assert refusal.key == "refusal-stale-button"
        else:
            raise AssertionError(forged)


async def sent(db: Database, curator: int, segment: Segment) -> tuple[int, int]:
    async with db.transaction() as session:
        run, count = await campaigns.send(
            session, "meeting-feedback", segment, CLOSES, NOW, curator
        )
        return run.id, count


async def test_the_segment_is_frozen_when_the_survey_is_sent(db: Database) -> None:
    curator = await person(db, "Куратор", "curator", "mentee")  # the sender is never invited
    first = [await person(db, f"Ученик {i}", "mentee") for i in range(2)]
    run_id, count = await sent(db, curator, Segment("mentees"))
    assert count == 2
    await person(db, "Пришёл позже", "mentee")
    async with db.transaction() as session:
        run = await session.get(SurveyRun, run_id)
        assert run is not None
        assert run.audience == {"segment": "mentees", "value": None, "people": first}
        assert run.created_by == curator and run.kind == "curator"
        figures = await campaigns.figures(session, run_id)
    assert (figures.invited, figures.started, figures.completed) == (2, 0, 0)


async def reminders(db: Database) -> list[int | None]:
    async with db.transaction() as session:
        query = select(Notification.person_id).where(
            Notification.subject_kind == Subject.SURVEY_RESPONSE,
            Notification.purpose == surveys.REMIND,
        )
        return sorted((await session.execute(query)).scalars(), key=lambda i: i or 0)


async def complete(db: Database, run_id: int, person: int, useful: int) -> None:
    """The person answered the run in full (a score for `useful`)."""
    async with db.transaction() as session:
        query = select(SurveyResponse).where(
            SurveyResponse.run_id == run_id, SurveyResponse.person_id == person
        )
        response = (await session.execute(query)).scalar_one()
        response.status, response.completed_at = ResponseStatus.COMPLETED, NOW
        session.add(SurveyAnswer(response_id=response.id, question="useful", value=useful))
        session.add(SurveyAnswer(response_id=response.id, question="comment", value="Секрет"))


async def test_the_reminder_goes_once_and_only_to_those_yet_to_answer(db: Database) -> None:
    curator = await person(db, "Куратор", "curator")
    done, started, silent = [await person(db, f"Ученик {i}", "mentee") for i in range(3)]
    run_id, _ = await sent(db, curator, Segment("all"))
    await complete(db, run_id, done, 5)
    async with db.transaction() as session:
        query = select(SurveyResponse).where(SurveyResponse.person_id == started)
        (await session.execute(query)).scalar_one().status = ResponseStatus.STARTED
        assert await campaigns.remind(session, run_id, NOW + timedelta(days=1)) == 2
        figures = await campaigns.figures(session, run_id)
    assert (figures.invited, figures.started, figures.completed, figures.rate) == (3, 1, 1, 33)
    assert await reminders(db) == [started, silent]
    later = {NOW + timedelta(days=2): "campaign-reminded-already", CLOSES: "campaign-closed"}
    for moment, why in later.items():
        async with db.transaction() as session:
            try:
                await campaigns.remind(session, run_id, moment)
            except Refusal as refusal:
                assert refusal.key == why
            else:
                raise AssertionError("reminded twice")
    assert await reminders(db) == [started, silent]


async def test_the_monitoring_is_on_the_curators_list_with_its_figures(db: Database) -> None:
    curator = await person(db, "Куратор", "curator")
    mentee = await person(db, "Ученик", "mentee")
    sent_id, _ = await sent(db, curator, Segment("all"))
    async with db.transaction() as session:
        kind, feedback = SurveyKind.MONITORING, SurveyKind.MEETING
        run = await surveys.open_run(session, "monitoring-mentee", kind, now=NOW, closes_at=CLOSES)
        await surveys.invite(session, run, [(mentee, None, "mentee")], NOW)
        await surveys.open_run(session, "meeting-feedback", feedback, now=NOW, closes_at=CLOSES)
        monitoring_id = run.id
    await complete(db, monitoring_id, mentee, 4)
    async with db.transaction() as session:
        listed = [r.id for r in await campaigns.runs(session, 10)]
        assert listed == [monitoring_id, sent_id]  # a meeting's feedback is not listed
        assert (await campaigns.run_of(session, monitoring_id)).id == monitoring_id
        assert (await campaigns.figures(session, monitoring_id)).rate == 100


async def test_a_closed_survey_is_not_reminded(db: Database) -> None:
    curator = await person(db, "Куратор", "curator")
    await person(db, "Ученик", "mentee")
    run_id, _ = await sent(db, curator, Segment("mentees"))
    async with db.transaction() as session:
        try:
            await campaigns.remind(session, run_id, CLOSES)
        except Refusal as refusal:
            assert refusal.key == "campaign-closed"
        else:
            raise AssertionError("a closed run reminded")
        run = await session.get(SurveyRun, run_id)
        assert run is not None and run.reminded_at is None
    assert await reminders(db) == []


async def test_a_mentor_sees_figures_of_own_pairs_only_from_the_third_answer(
    db: Database,
) -> None:
    curator = await person(db, "Куратор", "curator")
    mine, other = await person(db, "Мой наставник", "mentor"), await person(db, "Чужой", "mentor")
    a, b, c = [await person(db, f"Ученик {i}", "mentee") for i in range(3)]
    stranger = await person(db, "Чужой ученик", "mentee")
    await programme(db, mine, [a, b, c])
    await programme(db, other, [stranger])
    run_id, _ = await sent(db, curator, Segment("all"))
    for who, score in ((a, 4), (b, 5), (stranger, 1), (mine, 1), (other, 1)):
        await complete(db, run_id, who, score)
    async with db.transaction() as session:
        found = await survey_summary.summary(session, run_id, mine)
    assert found.hidden and found.answered == 2 and found.questions == []  # k = 2: nothing
    await complete(db, run_id, c, 3)
    async with db.transaction() as session:
        found = await survey_summary.summary(session, run_id, mine)
        theirs = await survey_summary.summary(session, run_id, other)
    assert not found.hidden and found.answered == 3  # k = 3: shown, the stranger not counted
    useful = next(q for q in found.questions if q.question["id"] == "useful")
    assert useful.mean == 4.0 and useful.answered == 3  # (4 + 5 + 3) / 3; never the mentor's 1
    assert theirs.hidden and theirs.answered == 1


async def test_mentor_summary_in_chat_hides_until_three_and_never_shows_text(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    core = Core(db, settings, build_router(), clock)
    setup = await programme_setup(core, db, mentees=3)
    curator_id = await person_id(db, setup.curator.user)
    mentees = [await person_id(db, chat.user) for chat in setup.mentees]
    run_id, _ = await sent(db, curator_id, Segment("programme", str(setup.programme_id)))
    for who, score in zip(mentees[:2], (4, 5), strict=True):
        await complete(db, run_id, who, score)
    listing = await setup.mentor.send("/surveys")
    assert SurveySummary(run_id).pack() in payloads(listing)
    few = (await setup.mentor.press(SurveySummary(run_id).pack()))[0].text
    assert "меньше трёх человек" in few and "4" not in few.split("\n", 2)[-1]
    await complete(db, run_id, mentees[2], 3)
    shown = (await setup.mentor.press(SurveySummary(run_id).pack()))[0].text
    assert "Насколько полезной была встреча? — в среднем 4,0 из 5 (ответов: 3)" in shown
    assert "Секрет" not in shown and "ответов текстом: 3" in shown
    assert all(name not in shown for name in ("Петя", "Маша", "Коля"))
    mentee = await setup.mentee.press(SurveySummary(run_id).pack())
    assert "только наставники" in mentee[0].text  # a mentee sees nothing of others' answers
    card = await setup.mentor.press(f"programme:{setup.programme_id}")
    assert "menu:surveys" in payloads(card[:1])  # the mentor's way in from the programme card
    assert sum(len(row) for row in card[0].buttons) <= MAX_BUTTONS
    assert "menu:surveys" not in payloads(
        await setup.mentee.press(f"programme:{setup.programme_id}")
    )
    forged = await setup.mentee.press(CampaignRemind(run_id).pack())
    assert "только куратору" in forged[0].text
    async with db.transaction() as session:
        run = await session.get(SurveyRun, run_id)
        assert run is not None and run.reminded_at is None


async def test_the_curator_sends_a_survey_in_chat(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    core = Core(db, settings, build_router(), clock)
    setup = await programme_setup(core, db, mentees=2)
    loner = Chat(core, user="9")
    await register(loner, name="Без пары")
    other_mentor = Chat(core, user="8")
    await register(other_mentor, name="Второй наставник", role="mentor")
    curator = setup.curator
    assert "sv-new" in payloads(await curator.send("/surveys"))
    await curator.press("sv-new")
    await curator.press("sv-file:meeting-feedback")
    cancelled = await curator.press("sv-send:n")  # cancel in the middle
    assert "отменил" in cancelled[0].text
    await curator.press("sv-new")
    await curator.press("sv-file:meeting-feedback")
    programmes_asked = await curator.press("sv-to:programme")
    assert f"sv-pair:{setup.programme_id}" in payloads(programmes_asked)
    await curator.press(f"sv-pair:{setup.programme_id}")
    unclear = await curator.send("когда-нибудь")
    assert "Не понял дату" in unclear[0].text
    past = await curator.send("01.01.2020")
    assert "уже прошёл" in past[0].text
    preview = (await curator.press("sv-until:7"))[0].text
    assert "Получателей: 3" in preview and "пара или группа №" in preview
    async with db.transaction() as session:
        assert (await session.execute(select(SurveyRun))).first() is None  # nothing yet
    done = await curator.press("sv-send:y")
    assert "Опрос отправлен: 3 приглашения" in done[0].text
    async with db.transaction() as session:
        run = (await session.execute(select(SurveyRun))).scalar_one()
        invited = set((await session.execute(select(SurveyResponse.person_id))).scalars())
    everyone = {await person_id(db, c.user) for c in (setup.mentor, *setup.mentees)}
    assert invited == everyone  # neither the loner nor the other mentor
    card = (await curator.press(f"sv-run:{run.id}"))[0]
    assert "Приглашено: 3" in card.text and "Ответили полностью: 0 (0%)" in card.text
    assert f"sv-remind:{run.id}" in payloads([card])
    reminded = await curator.press(f"sv-remind:{run.id}")
    assert "Напоминание отправлено: 3 людям" in reminded[0].text
    assert f"sv-remind:{run.id}" not in payloads(reminded)
    again = await curator.press(f"sv-remind:{run.id}")
    assert "второй раз напомнить нельзя" in again[0].text
    csv = (await curator.press(f"sv-answers:{run.id}"))[0]
    assert csv.file is not None and "Петя Учеников" in csv.file.content.decode("utf-8-sig")
    clock.advance(days=8)  # past the deadline: shown closed, nothing to remind
    closed = (await curator.press(f"sv-run:{run.id}"))[0]
    assert "Опрос закрыт" in closed.text and f"sv-remind:{run.id}" not in payloads([closed])
    listed = await curator.send("/surveys")
    assert listed[0].buttons[0][0].label.startswith("🔒 ")
    refused = await setup.mentor.press(f"sv-answers:{run.id}")
    assert refused[0].file is None and "только куратору" in refused[0].text


async def test_no_reminder_is_offered_once_everyone_has_answered(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    core = Core(db, settings, build_router(), clock)
    setup = await programme_setup(core, db, mentees=1)
    segment = Segment("programme", str(setup.programme_id))
    curator, closes = await person_id(db, setup.curator.user), clock() + timedelta(days=7)
    async with db.transaction() as session:
        run, _ = await campaigns.send(
            session, "meeting-feedback", segment, closes, clock(), curator
        )
    for member in (setup.mentor, *setup.mentees):
        await complete(db, run.id, await person_id(db, member.user), 5)
    card = (await setup.curator.press(f"sv-run:{run.id}"))[0]
    assert "Ответили все — напоминать некому" in card.text
    assert f"sv-remind:{run.id}" not in payloads([card])


async def test_forged_or_misplaced_wizard_buttons_change_nothing(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    core = Core(db, settings, build_router(), clock)
    setup = await programme_setup(core, db)
    curator = setup.curator
    await curator.press("sv-new")
    early = await curator.press("sv-send:y")  # Send before anything is chosen
    assert "Какой опрос отправить?" in early[-1].text
    unknown = await curator.press("sv-file:no-such-survey")
    assert "Какой опрос отправить?" in unknown[-1].text
    await curator.press("sv-file:completion")
    for forged in ("sv-to:form:nonsense", "sv-pair:999", "sv-until:7"):
        replies = await curator.press(forged)
        assert "Кому отправить опрос?" in replies[-1].text, forged
    await curator.press("sv-to:pair_type")
    await curator.press("sv-to:pair_type:counsellor_pupil")
    await curator.press("sv-until:3")
    late = await setup.mentor.press("sv-send:y")  # not the curator's wizard, not a curator
    assert "больше не действует" in late[0].text
    async with db.transaction() as session:
        assert (await session.execute(select(SurveyRun))).first() is None
    sent = await curator.press("sv-send:y")
    assert "Опрос отправлен: 2 приглашения" in sent[0].text
