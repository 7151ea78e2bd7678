"""The rules of achievements, on the real database: who may add one and for whom, what the
curator's verdict allows afterwards, two curators at once, and what /forget leaves."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.core.engine import Core
from bot.core.models import (
    Achievement,
    AchievementLevel,
    AchievementResult,
    AchievementStatus,
    Notification,
    NotificationStatus,
    Person,
    Role,
    StoredFile,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import achievements
from bot.core.services.achievements import Draft, Proof
from bot.db import Database
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import (
    core,
    grant,
    person_id,
    programme_setup,
    rows,
)

__all__ = ["core"]

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def proof_file(db: Database, owner: str, mime: str = "image/jpeg") -> int:
    owner_id = await person_id(db, owner)
    async with db.transaction() as session:
        stored = await achievements.store_proof(
            session, owner_id, "diploma", mime, b"\xff\xd8 diploma"
        )
        return stored.id


def draft(file_id: int | None = None, url: str | None = None, **changes: object) -> Draft:
    values: dict[str, object] = {
        "title": "Олимпиада НТИ по робототехнике",
        "kind": "olympiad",
        "level": AchievementLevel.NATIONAL,
        "result": AchievementResult.PRIZE_WINNER,
        "achieved_on": date(2026, 11, 20),
        "proof": Proof(file_id, url),
    }
    return Draft(**{**values, **changes})  # type: ignore[arg-type]


async def add(db: Database, by: str, owner: str, d: Draft) -> int:
    actor_id, owner_id = await person_id(db, by), await person_id(db, owner)
    async with db.transaction() as session:
        actor = await session.get(Person, actor_id)
        assert actor is not None
        found = await achievements.add(session, actor, owner_id, d, TODAY, NOW)
        return found.id


async def decide(db: Database, by: str, aid: int, verify: bool, reason: str | None = None) -> None:
    by_id = await person_id(db, by)
    async with db.transaction() as session:
        curator = await session.get(Person, by_id)
        assert curator is not None
        await achievements.decide(session, curator, aid, verify, reason, NOW)


async def resubmit(db: Database, by: str, aid: int, d: Draft) -> None:
    by_id = await person_id(db, by)
    async with db.transaction() as session:
        actor = await session.get(Person, by_id)
        assert actor is not None
        await achievements.resubmit(session, actor, aid, d, TODAY, NOW)


async def achievement(db: Database, aid: int) -> Achievement:
    async with db.transaction() as session:
        found = await session.get(Achievement, aid)
        assert found is not None
        return found


async def notices(db: Database, template: str) -> list[Notification]:
    return [
        n
        for n in await rows(db, Notification)
        if n.template == template and n.status == NotificationStatus.PENDING
    ]


async def test_verified_is_locked_for_its_owner_who_may_still_withdraw_it(
    core: Core, db: Database
) -> None:
    await programme_setup(core, db)
    aid = await add(db, "3", "3", draft(await proof_file(db, "3")))
    assert (await achievement(db, aid)).status == AchievementStatus.PENDING
    assert [n.person_id for n in await notices(db, achievements.SUBMITTED)] == [
        await person_id(db, "1")
    ]
    await decide(db, "1", aid, verify=True)
    assert (await achievement(db, aid)).status == AchievementStatus.VERIFIED
    assert await notices(db, achievements.SUBMITTED) == []
    assert [n.person_id for n in await notices(db, achievements.VERIFIED)] == [
        await person_id(db, "3")
    ]
    with pytest.raises(Refusal, match="achievement-verified-locked"):
        await resubmit(db, "3", aid, draft(url="https://example.org/diploma"))
    assert (await achievement(db, aid)).proof_url is None

    owner_id = await person_id(db, "3")
    async with db.transaction() as session:
        owner = await session.get(Person, owner_id)
        assert owner is not None
        await achievements.withdraw(session, owner, aid, NOW)
    assert (await achievement(db, aid)).status == AchievementStatus.WITHDRAWN
    assert await rows(db, StoredFile) == []


async def test_rejected_with_a_reason_is_edited_and_sent_again(core: Core, db: Database) -> None:
    await programme_setup(core, db)
    first_file = await proof_file(db, "3")
    aid = await add(db, "3", "3", draft(first_file))
    with pytest.raises(Refusal, match="achievement-reason-invalid"):
        await decide(db, "1", aid, verify=False, reason="  ")
    assert (await achievement(db, aid)).status == AchievementStatus.PENDING
    await decide(db, "1", aid, verify=False, reason="На фото не видно фамилию")
    rejected = await achievement(db, aid)
    assert (rejected.status, rejected.reason) == ("rejected", "На фото не видно фамилию")
    assert len(await notices(db, achievements.REJECTED)) == 1

    await resubmit(db, "3", aid, draft(url="https://olympiad.example/diploma/42"))
    again = await achievement(db, aid)
    assert (again.status, again.reason, again.proof_file_id) == ("pending", None, None)
    assert again.proof_url == "https://olympiad.example/diploma/42"
    assert await rows(db, StoredFile) == []  # the photo replaced by the link is gone
    assert len(await notices(db, achievements.SUBMITTED)) == 1


async def test_of_two_curators_deciding_one_wins(core: Core, db: Database) -> None:
    await programme_setup(core, db, mentees=2)
    # A second curator: the second mentee is given the role too.
    await grant(db, "4", Role.CURATOR)
    aid = await add(db, "3", "3", draft(url="https://example.org/d"))
    assert len(await notices(db, achievements.SUBMITTED)) == 2
    await decide(db, "4", aid, verify=False, reason="Ссылка не открывается")
    with pytest.raises(Refusal, match="achievement-already-decided"):
        await decide(db, "1", aid, verify=True)
    found = await achievement(db, aid)
    assert (found.status, found.reviewed_by_id) == ("rejected", await person_id(db, "4"))


async def test_who_may_add_and_decide(core: Core, db: Database) -> None:
    setup = await programme_setup(core, db)
    stranger = Chat(core, user="9")
    await register(stranger, name="Иван Чужой", role="mentor")
    link = draft(url="https://example.org/d")
    aid = await add(db, "2", "3", link)  # the mentor, for the mentee of the pair
    found = await achievement(db, aid)
    assert (found.person_id, found.added_by_id) == (
        await person_id(db, "3"),
        await person_id(db, "2"),
    )
    with pytest.raises(StaleButton):
        await add(db, "9", "3", link)  # a mentor of another pair
    with pytest.raises(Refusal, match="achievement-mentees-only"):
        await add(db, "2", "2", link)  # a mentor is no mentee
    with pytest.raises(StaleButton):
        await decide(db, "2", aid, verify=True)  # only staff decide
    with pytest.raises(Refusal, match="achievement-date-future"):
        await add(db, "3", "3", draft(url="https://e.org/x", achieved_on=date(2026, 12, 2)))
    with pytest.raises(Refusal, match="achievement-proof-not-pdf"):
        await proof_file(db, "3", mime="application/msword")
    assert [a.id for a in await rows(db, Achievement)] == [aid]
    assert setup.programme_id


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("https://olympiad.example/d/1", "https://olympiad.example/d/1"),
        ("http://e.org", "http://e.org"),
        ("ftp://e.org/file", None),
        ("olympiad.example", None),
        ("https://e.org/a b", None),
        ("javascript://alert", None),
    ],
)
def test_only_http_links_are_proof(typed: str, kept: str | None) -> None:
    assert achievements.clean_url(typed) == kept


async def test_forget_erases_achievements_and_their_files(core: Core, db: Database) -> None:
    await programme_setup(core, db)
    aid = await add(db, "3", "3", draft(await proof_file(db, "3")))
    owner_id = await person_id(db, "3")
    async with db.transaction() as session:
        await achievements.erase(session, owner_id)
    assert await rows(db, Achievement) == [] and await rows(db, StoredFile) == []
    assert await notices(db, achievements.SUBMITTED) == []
    assert aid
