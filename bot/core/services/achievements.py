"""Achievements of the digital footprint: a mentee (or their mentor on their behalf) adds one
with its proof, the curator verifies it or rejects it with a reason; the owner may edit and send
it again until it is verified, and withdraw it at any time. Each function is one step of one
unit of work; a refused step raises `Refusal`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import organisation, outbox
from bot.core.models import (
    STAFF,
    Achievement,
    AchievementLevel,
    AchievementResult,
    AchievementStatus,
    MemberRole,
    Person,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
    StoredFile,
    Subject,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import programmes

KINDS = "achievement_kinds"  # the organisation's list
MAX_TITLE = 200
MAX_REASON = 500
MAX_URL = 500
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
PDF = "application/pdf"
SUBMITTED = "achievement-submitted"  # to each curator: verify or reject
VERIFIED = "achievement-verified"  # to the owner (and the mentor who added it)
REJECTED = "achievement-rejected"  # the same, with the curator's reason
EDITABLE = (AchievementStatus.PENDING, AchievementStatus.REJECTED)
SHOWN = (AchievementStatus.PENDING, AchievementStatus.VERIFIED, AchievementStatus.REJECTED)
MENTORING = (ProgrammeStatus.ACTIVE, ProgrammeStatus.COMPLETED)


@dataclass(frozen=True)
class Proof:
    """The proof of an achievement: a file already stored (its id) or an http(s) link."""

    file_id: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Draft:
    """What an achievement says: the answers of the wizard."""

    title: str
    kind: str
    level: AchievementLevel
    result: AchievementResult
    achieved_on: date
    proof: Proof


def clean_url(text: str | None) -> str | None:
    """An http(s) link as typed (one word, up to `MAX_URL` characters), or None."""
    value = (text or "").strip()
    if len(value) > MAX_URL or len(value.split()) != 1:
        return None
    scheme, sep, rest = value.partition("://")
    return value if sep and scheme.lower() in ("http", "https") and "." in rest else None


def check_file(mime: str) -> None:
    """A proof file must be a photo or a PDF."""
    if mime not in PHOTO_TYPES and mime != PDF:
        raise Refusal("achievement-proof-not-pdf")


async def store_proof(
    session: AsyncSession, owner_id: int, name: str, mime: str, content: bytes
) -> StoredFile:
    """Keep a proof file (a photo or a PDF) as the owner's, erased with their data."""
    check_file(mime)
    stored = StoredFile(
        person_id=owner_id, name=name, mime=mime, size=len(content), content=content
    )
    session.add(stored)
    await session.flush()
    return stored


async def drop_proof(session: AsyncSession, file_id: int | None) -> None:
    """Delete a stored proof file no achievement uses (one replaced, or a wizard dropped)."""
    if file_id is None:
        return
    used = await session.execute(select(Achievement.id).where(Achievement.proof_file_id == file_id))
    if used.first() is None:
        await session.execute(delete(StoredFile).where(StoredFile.id == file_id))


async def mentees_of(session: AsyncSession, mentor_id: int) -> list[Person]:
    """The registered mentees of a mentor's running or completed programmes, by name."""
    query = (
        select(Person)
        .join(ProgrammeMember, ProgrammeMember.person_id == Person.id)
        .join(Programme, Programme.id == ProgrammeMember.programme_id)
        .where(
            Programme.mentor_id == mentor_id,
            Programme.status.in_(MENTORING),
            ProgrammeMember.role == MemberRole.MENTEE,
            Person.status == PersonStatus.ACTIVE,
        )
        .distinct()
        .order_by(Person.name, Person.id)
    )
    return list((await session.execute(query)).scalars())


async def check_owner(session: AsyncSession, actor: Person, owner_id: int) -> Person:
    """The person an achievement is added for: oneself as a mentee, or a mentee of one's
    running or completed programme."""
    owner = await session.get(Person, owner_id)
    if owner is None or owner.status != PersonStatus.ACTIVE:
        raise StaleButton()
    if owner.id == actor.id:
        if Role.MENTEE not in owner.role_set:
            raise Refusal("achievement-mentees-only")
        return owner
    if owner.id not in {p.id for p in await mentees_of(session, actor.id)}:
        raise StaleButton()
    return owner


def _check(draft: Draft, today: date) -> None:
    title = draft.title.strip()
    if not 0 < len(title) <= MAX_TITLE:
        raise Refusal("achievement-title-invalid", max=MAX_TITLE)
    if not organisation.current().offers(KINDS, draft.kind):
        raise StaleButton()
    if draft.achieved_on > today:
        raise Refusal("achievement-date-future")
    if (draft.proof.file_id is None) == (draft.proof.url is None):
        raise Refusal("achievement-proof-invalid")


async def _proof_owned(session: AsyncSession, proof: Proof, owner_id: int) -> None:
    if proof.file_id is None:
        return
    stored = await session.get(StoredFile, proof.file_id)
    if stored is None or stored.person_id != owner_id:
        raise StaleButton()


async def add(
    session: AsyncSession, actor: Person, owner_id: int, draft: Draft, today: date, now: datetime
) -> Achievement:
    """A new achievement, sent to the curators for verification."""
    owner = await check_owner(session, actor, owner_id)
    _check(draft, today)
    await _proof_owned(session, draft.proof, owner.id)
    found = Achievement(person_id=owner.id, added_by_id=actor.id, created_at=now)
    _fill(found, draft, now)
    session.add(found)
    await session.flush()
    await _submit(session, found, now)
    return found


def _fill(found: Achievement, draft: Draft, now: datetime) -> None:
    found.title, found.kind = draft.title.strip(), draft.kind
    found.level, found.result = draft.level, draft.result
    found.achieved_on = draft.achieved_on
    found.proof_file_id, found.proof_url = draft.proof.file_id, draft.proof.url
    found.status, found.reason = AchievementStatus.PENDING, None
    found.reviewed_by_id, found.reviewed_at, found.updated_at = None, None, now


async def _submit(session: AsyncSession, found: Achievement, now: datetime) -> None:
    """Each curator is asked to check it (the notices of an earlier version are void)."""
    await outbox.void(session, Subject.ACHIEVEMENT, found.id)
    for curator in await programmes.curators(session):
        await _notify(session, found, curator.id, SUBMITTED, now)


async def _notify(
    session: AsyncSession, found: Achievement, to: int, purpose: str, now: datetime
) -> None:
    await outbox.schedule(
        session,
        to=to,
        subject=Subject.ACHIEVEMENT,
        subject_id=found.id,
        purpose=purpose,
        occasion=secrets.token_hex(8),
        due_at=now,
        params={"achievement_id": found.id},
    )


async def may_manage(session: AsyncSession, found: Achievement, person: Person) -> bool:
    """The owner, or a mentor of theirs who added it, may edit and withdraw it."""
    if found.person_id == person.id:
        return True
    if found.added_by_id != person.id:
        return False
    return found.person_id in {p.id for p in await mentees_of(session, person.id)}


async def visible(session: AsyncSession, achievement_id: int, person: Person) -> Achievement:
    """An achievement this person may see: their own, one they manage, or any for staff."""
    found = await session.get(Achievement, achievement_id)
    if found is None or found.status == AchievementStatus.WITHDRAWN:
        raise StaleButton()
    if person.role_set & STAFF or await may_manage(session, found, person):
        return found
    raise StaleButton()


async def editable(session: AsyncSession, achievement_id: int, person: Person) -> Achievement:
    """An achievement this person may edit now: theirs (or one they added), not yet verified."""
    found = await session.get(Achievement, achievement_id)
    if found is None or not await may_manage(session, found, person):
        raise StaleButton()
    if found.status == AchievementStatus.VERIFIED:
        raise Refusal("achievement-verified-locked")
    if found.status not in EDITABLE:
        raise StaleButton()
    return found


async def resubmit(
    session: AsyncSession,
    person: Person,
    achievement_id: int,
    draft: Draft,
    today: date,
    now: datetime,
) -> Achievement:
    """Edit a pending or rejected achievement: it goes to the curators again; a proof file
    replaced is deleted."""
    found = await editable(session, achievement_id, person)
    _check(draft, today)
    await _proof_owned(session, draft.proof, found.person_id)
    old_file = found.proof_file_id
    _fill(found, draft, now)
    await session.flush()
    if old_file != draft.proof.file_id:
        await drop_proof(session, old_file)
    await _submit(session, found, now)
    return found


async def withdraw(
    session: AsyncSession, person: Person, achievement_id: int, now: datetime
) -> Achievement:
    """Withdraw an achievement, verified or not: it leaves the footprint and its file goes."""
    found = await session.get(Achievement, achievement_id)
    if found is None or found.status == AchievementStatus.WITHDRAWN:
        raise StaleButton()
    if not await may_manage(session, found, person):
        raise StaleButton()
    old_file = found.proof_file_id
    found.status, found.proof_file_id, found.updated_at = AchievementStatus.WITHDRAWN, None, now
    await session.flush()
    await drop_proof(session, old_file)
    await outbox.void(session, Subject.ACHIEVEMENT, found.id)
    return found


async def decide(
    session: AsyncSession,
    curator: Person,
    achievement_id: int,
    verify: bool,
    reason: str | None,
    now: datetime,
) -> Achievement:
    """The curator's verdict on a pending achievement. Of two curators deciding at once one
    wins; the other is told it was already decided."""
    if not curator.role_set & STAFF:
        raise StaleButton()
    text = (reason or "").strip()
    if not verify and not 0 < len(text) <= MAX_REASON:
        raise Refusal("achievement-reason-invalid", max=MAX_REASON)
    status = AchievementStatus.VERIFIED if verify else AchievementStatus.REJECTED
    changed = await session.execute(
        update(Achievement)
        .where(Achievement.id == achievement_id, Achievement.status == AchievementStatus.PENDING)
        .values(
            status=status,
            reason=None if verify else text,
            reviewed_by_id=curator.id,
            reviewed_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    found = await session.get(Achievement, achievement_id)
    if found is None:
        raise StaleButton()
    if getattr(changed, "rowcount", 0) != 1:
        raise Refusal("achievement-already-decided")
    await session.refresh(found)
    await outbox.void(session, Subject.ACHIEVEMENT, found.id)
    told = {found.person_id, found.added_by_id}
    for to in sorted(p for p in told if p is not None):
        await _notify(session, found, to, VERIFIED if verify else REJECTED, now)
    return found


async def queue(session: AsyncSession) -> list[Achievement]:
    """The achievements waiting for a curator's check, oldest first."""
    query = select(Achievement).where(Achievement.status == AchievementStatus.PENDING)
    return list((await session.execute(query.order_by(Achievement.id))).scalars())


async def to_fix(session: AsyncSession, person: Person) -> list[Achievement]:
    """Rejected achievements this person may edit and send again, oldest first."""
    query = select(Achievement).where(
        Achievement.status == AchievementStatus.REJECTED,
        (Achievement.person_id == person.id) | (Achievement.added_by_id == person.id),
    )
    found = (await session.execute(query.order_by(Achievement.id))).scalars()
    return [a for a in found if await may_manage(session, a, person)]


async def of_person(session: AsyncSession, person_id: int) -> list[Achievement]:
    """A person's achievements not withdrawn, newest first."""
    query = select(Achievement).where(
        Achievement.person_id == person_id, Achievement.status.in_(SHOWN)
    )
    order = (Achievement.achieved_on.desc(), Achievement.id.desc())
    return list((await session.execute(query.order_by(*order))).scalars())


async def record(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """The person's achievements for /mydata: what each says, its proof and its status."""
    query = (
        select(Achievement, StoredFile)
        .outerjoin(StoredFile, StoredFile.id == Achievement.proof_file_id)
        .where(Achievement.person_id == person_id)
        .order_by(Achievement.id)
    )
    return [
        {
            "title": a.title,
            "kind": a.kind,
            "level": a.level,
            "result": a.result,
            "date": a.achieved_on.isoformat(),
            "status": a.status,
            "reason": a.reason,
            "link": a.proof_url,
            "file": f.described() if f else None,
        }
        for a, f in (await session.execute(query)).all()
    ]


async def erase(session: AsyncSession, person_id: int) -> None:
    """/forget: the person's achievements and their proof files go."""
    query = select(Achievement).where(Achievement.person_id == person_id)
    found = list((await session.execute(query)).scalars())
    for achievement in found:
        await outbox.void(session, Subject.ACHIEVEMENT, achievement.id)
    files = [a.proof_file_id for a in found if a.proof_file_id is not None]
    await session.execute(delete(Achievement).where(Achievement.person_id == person_id))
    await session.execute(delete(StoredFile).where(StoredFile.id.in_(files)))
