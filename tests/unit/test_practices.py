"""The rules of the best-practice collection: a programme carried out (only) invites its mentor
once, «Не сейчас» drops the invitation; an incomplete practice is not sent; of two curators
reviewing at once one wins; changes and refusals need words; a resubmission reaches the curators
again; too many files are refused whole; the longread is made once, the practice's words kept as
data; /forget takes the practices and their files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.core.engine import Core
from bot.core.models import (
    Account,
    Form,
    MediaPost,
    Notification,
    Person,
    Practice,
    PracticeFile,
    PracticeStatus,
    Programme,
    ProgrammeStatus,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import completion, erasure, mydata, practice_media, practices
from bot.core.services.help_threads import Upload
from bot.core.texts import plain
from bot.db import Database
from tests.unit.test_flows import Chat
from tests.unit.test_monitoring_schedule import person, programme
from tests.unit.test_programme_edge_cases import core

__all__ = ["core"]

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TRICK = "Кружок {{ 7 * 7 }} {% if x %}"


async def rows(db: Database, purpose: str) -> list[Notification]:
    async with db.transaction() as session:
        query = select(Notification).where(Notification.purpose == purpose)
        return list((await session.execute(query.order_by(Notification.id))).scalars())


async def closed(db: Database, status: ProgrammeStatus) -> tuple[int, int]:
    """A programme of a mentor and a mentee closed with `status`; (mentor, programme)."""
    mentor = await person(db, "Иван Наставников")
    mentee = await person(db, "Петя Учеников")
    pid = await programme(db, mentor, [mentee], status=status)
    async with db.transaction() as session:
        found = await session.get(Programme, pid)
        assert found is not None
        await completion.programme_closed(session, found, NOW)
        await completion.programme_closed(session, found, NOW)  # twice: still one invitation
    return mentor, pid


async def written(db: Database, mentor: int, title: str = TRICK) -> int:
    """A practice of the mentor's own, every answer given; its id."""
    async with db.transaction() as session:
        author = await session.get(Person, mentor)
        assert author is not None
        practice = await practices.start(session, author, NOW)
        practices.set_text(practice, "title", title)
        practices.set_form(practice, Form.VIRTUAL)
        practices.set_format(practice, "workshop", None)
        practices.set_text(practice, "done", "Собирали робота по вечерам")
        practices.set_text(practice, "results", "Робот ездит, ребята довольны")
        await practices.add_files(session, practice, [Upload("a.jpg", "image/jpeg", b"JPEG")])
        return practice.id


async def test_a_programme_carried_out_invites_its_mentor_once(db: Database) -> None:
    mentor, pid = await closed(db, ProgrammeStatus.COMPLETED)
    async with db.transaction() as session:
        drafts = list((await session.execute(select(Practice))).scalars())
        assert [(p.author_id, p.programme_id, p.form, p.status) for p in drafts] == [
            (mentor, pid, "virtual", PracticeStatus.DRAFT)
        ]
        mentor_person = await session.get(Person, mentor)
        assert mentor_person is not None
        assert [p.id for p in await practices.awaiting(session, mentor_person, False)] == [
            drafts[0].id
        ]
    assert [r.person_id for r in await rows(db, practices.INVITE)] == [mentor]


async def test_not_now_drops_the_draft_and_the_invitation(db: Database) -> None:
    mentor, _ = await closed(db, ProgrammeStatus.COMPLETED)
    async with db.transaction() as session:
        draft = await session.scalar(select(Practice))
        assert draft is not None
        await practices.dismiss(session, draft.id, mentor)
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Practice)) == 0
        author = await session.get(Person, mentor)
        assert author is not None and await practices.awaiting(session, author, False) == []
    assert [r.status for r in await rows(db, practices.INVITE)] == ["void"]


async def test_a_programme_ended_early_invites_nobody(db: Database) -> None:
    await closed(db, ProgrammeStatus.ENDED)
    assert await rows(db, practices.INVITE) == []


async def test_an_incomplete_practice_is_not_sent(db: Database) -> None:
    mentor = await person(db, "Иван Наставников")
    await person(db, "Ольга Куратова", curator=True)
    async with db.transaction() as session:
        author = await session.get(Person, mentor)
        assert author is not None
        practice = await practices.start(session, author, NOW)
        practices.set_text(practice, "title", "Без описания")
        pid = practice.id
    with pytest.raises(Refusal) as refused:
        async with db.transaction() as session:
            await practices.submit(session, pid, mentor, NOW)
    assert refused.value.key == "practice-incomplete"
    async with db.transaction() as session:
        found = await session.get(Practice, pid)
        assert found is not None and found.status == PracticeStatus.DRAFT and found.round == 0
    assert await rows(db, practices.SUBMITTED) == []


async def test_two_curators_at_once_one_verdict_wins(db: Database) -> None:
    mentor = await person(db, "Иван Наставников")
    first = await person(db, "Ольга Куратова", curator=True)
    second = await person(db, "Анна Кураторова", curator=True)
    pid = await written(db, mentor)
    async with db.transaction() as session:
        await practices.submit(session, pid, mentor, NOW)
    assert sorted(r.person_id for r in await rows(db, practices.SUBMITTED)) == [first, second]

    # Both pressed their buttons on the same notice; the first verdict lands first.
    async with db.transaction() as session:
        await practices.review(session, pid, first, "approve", None, NOW)
    with pytest.raises(Refusal) as refused:
        async with db.transaction() as session:
            await practices.review(session, pid, second, "decline", "Не подходит", NOW)
    assert refused.value.key == "practice-already-reviewed"
    async with db.transaction() as session:
        found = await session.get(Practice, pid)
        assert found is not None
        assert (found.status, found.reviewed_by_id, found.comment) == (
            PracticeStatus.APPROVED, first, None,
        )  # fmt: skip
    verdicts = await rows(db, practices.VERDICT)
    assert [(r.person_id, r.params["status"]) for r in verdicts] == [(mentor, "approved")]


async def test_changes_need_words_and_the_resubmission_reaches_the_curators(db: Database) -> None:
    mentor = await person(db, "Иван Наставников")
    curator = await person(db, "Ольга Куратова", curator=True)
    pid = await written(db, mentor)
    async with db.transaction() as session:
        await practices.submit(session, pid, mentor, NOW)
    with pytest.raises(Refusal):
        async with db.transaction() as session:
            await practices.review(session, pid, curator, "changes", "  ", NOW)
    async with db.transaction() as session:
        found = await session.get(Practice, pid)
        assert found is not None and found.status == PracticeStatus.SUBMITTED
        await practices.review(session, pid, curator, "changes", "Добавьте фото", NOW)
    async with db.transaction() as session:
        practice = await practices.editable(session, pid, mentor)
        assert practice.comment == "Добавьте фото"
        await practices.submit(session, pid, mentor, NOW)
    assert [r.occasion for r in await rows(db, practices.SUBMITTED)] == ["1", "2"]
    with pytest.raises(StaleButton):  # sent: the author can no longer change it
        async with db.transaction() as session:
            await practices.editable(session, pid, mentor)


async def test_too_many_files_are_refused_whole(db: Database) -> None:
    mentor = await person(db, "Иван Наставников")
    pid = await written(db, mentor)
    many = [Upload(f"{n}.jpg", "image/jpeg", b"JPEG") for n in range(practices.MAX_FILES)]
    with pytest.raises(Refusal) as refused:
        async with db.transaction() as session:
            practice = await session.get(Practice, pid)
            assert practice is not None
            await practices.add_files(session, practice, many)
    assert refused.value.key == "practice-files-too-many"
    async with db.transaction() as session:
        assert len(await practices.files(session, pid)) == 1


async def test_the_longread_is_made_once_with_the_words_as_data(db: Database) -> None:
    mentor = await person(db, "Иван Наставников")
    curator = await person(db, "Ольга Куратова", curator=True)
    pid = await written(db, mentor)
    with pytest.raises(StaleButton):  # not approved yet
        async with db.transaction() as session:
            await practice_media.longread(session, pid, curator, "ru", NOW)
    async with db.transaction() as session:
        await practices.submit(session, pid, mentor, NOW)
        await practices.review(session, pid, curator, "approve", None, NOW)
        post = await practice_media.longread(session, pid, curator, "ru", NOW)
        again = await practice_media.longread(session, pid, curator, "ru", NOW)
        assert again.id == post.id
        assert TRICK in post.text and "Собирали робота по вечерам" in post.text
        assert "Иван" not in post.text  # the longread never names its author
        assert await session.scalar(select(func.count()).select_from(MediaPost)) == 1


async def test_forget_takes_the_practices_and_their_files(db: Database) -> None:
    mentor = await person(db, "Иван Наставников")
    await written(db, mentor)
    async with db.transaction() as session:
        author = await session.get(Person, mentor)
        assert author is not None
        record = await practices.record(session, mentor)
        assert [(p["title"], p["files"]) for p in record] == [(TRICK, ["a.jpg"])]
        account = await session.scalar(select(Account).where(Account.person_id == mentor))
        assert account is not None
        assert (await mydata.collect(session, account, author))["practices"] == record
        await erasure.forget(session, author, NOW)
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Practice)) == 0
        assert await session.scalar(select(func.count()).select_from(PracticeFile)) == 0


async def test_someone_not_registered_cannot_open_a_practice_or_its_files(
    core: Core, db: Database
) -> None:
    mentor = await person(db, "Иван Наставников")
    curator = await person(db, "Ольга Куратова", curator=True)
    pid = await written(db, mentor)
    async with db.transaction() as session:
        await practices.submit(session, pid, mentor, NOW)
        await practices.review(session, pid, curator, "approve", None, NOW)
    stranger = Chat(core, "stranger")
    for payload in (f"prc:{pid}", f"prc-files:{pid}", "prc-list:form:virtual"):
        replies = await stranger.press(payload)
        assert [plain(r.text) for r in replies] == ["Эта кнопка больше не действует."]
        assert all(r.file is None for r in replies)
