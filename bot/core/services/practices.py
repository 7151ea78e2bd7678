"""The best-practice collection (методическая копилка, regulation §3.6): a mentor's practice
written, sent to the curators, approved, sent back for changes or declined, and browsed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import organisation, outbox
from bot.core.models import (
    Form,
    Person,
    PersonStatus,
    Practice,
    PracticeFile,
    PracticeStatus,
    Programme,
    ProgrammeStatus,
    Subject,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import programmes
from bot.core.services.help_threads import Upload

INVITE, SUBMITTED, VERDICT = "practice-invite", "practice-submitted", "practice-verdict"
MAX_TITLE, MAX_TEXT, MAX_COMMENT, MAX_FILES = 200, 4000, 1000, 10
TEXTS = {"title": MAX_TITLE, "done": MAX_TEXT, "results": MAX_TEXT}
EDITABLE = (PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED)
VERDICTS = {
    "approve": PracticeStatus.APPROVED,
    "changes": PracticeStatus.CHANGES_REQUESTED,
    "decline": PracticeStatus.DECLINED,
}


def clean(text: str | None, limit: int) -> str:
    """Typed text trimmed, its lines kept; `Refusal` when shorter than 2 or over `limit`."""
    value = (text or "").strip()
    if not 2 <= len(value) <= limit:
        raise Refusal("practice-text-invalid", max=limit)
    return value


async def invite(session: AsyncSession, programme: Programme, now: datetime) -> Practice | None:
    """A programme carried out: its mentor gets a draft of the programme's form and an
    invitation to fill it in (once per programme)."""
    mentor = await session.get(Person, programme.mentor_id)
    if programme.status != ProgrammeStatus.COMPLETED or mentor is None:
        return None
    if mentor.status != PersonStatus.ACTIVE:
        return None
    found = await session.execute(
        select(Practice.id).where(
            Practice.programme_id == programme.id, Practice.author_id == mentor.id
        )
    )
    if found.first() is not None:
        return None
    practice = Practice(
        author_id=mentor.id, programme_id=programme.id, form=programme.form, invited=True,
        created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(practice)
    await session.flush()
    await outbox.schedule(
        session, to=mentor.id, subject=Subject.PRACTICE, subject_id=practice.id, purpose=INVITE,
        due_at=now, params={"practice_id": practice.id},
    )  # fmt: skip
    return practice


async def start(session: AsyncSession, author: Person, now: datetime) -> Practice:
    """A practice of the mentor's own (not invited): their unfinished one, or a new draft."""
    found = await session.execute(
        select(Practice)
        .where(
            Practice.author_id == author.id,
            Practice.status == PracticeStatus.DRAFT,
            Practice.invited.is_(False),
        )
        .order_by(Practice.id.desc())
    )
    practice = found.scalars().first()
    if practice is None:
        practice = Practice(author_id=author.id, created_at=now, updated_at=now)
        session.add(practice)
        await session.flush()
    return practice


async def editable(session: AsyncSession, practice_id: int, author_id: int) -> Practice:
    """The author's practice while it may be written or changed; else a stale button."""
    practice = await session.get(Practice, practice_id)
    if practice is None or practice.author_id != author_id or practice.status not in EDITABLE:
        raise StaleButton()
    return practice


def set_text(practice: Practice, field: str, text: str | None) -> None:
    """The title, what was done or the results, as typed."""
    setattr(practice, field, clean(text, TEXTS[field]))


def set_form(practice: Practice, form: Form) -> None:
    """The form of mentoring the practice belongs to."""
    practice.form = form


def set_format(practice: Practice, key: str, note: str | None) -> None:
    """The format of work: a key of the organisation's list, or "other" with its words."""
    if not organisation.current().offers("formats", key):
        raise StaleButton()
    practice.format, practice.format_note = key, note


async def files(session: AsyncSession, practice_id: int) -> list[PracticeFile]:
    """The practice's files, in the order sent."""
    query = select(PracticeFile).where(PracticeFile.practice_id == practice_id)
    return list((await session.execute(query.order_by(PracticeFile.id))).scalars())


async def add_files(session: AsyncSession, practice: Practice, uploads: list[Upload]) -> int:
    """Photos and documents for the practice; how many it has now. Refused whole beyond
    `MAX_FILES`."""
    count = len(await files(session, practice.id)) + len(uploads)
    if count > MAX_FILES:
        raise Refusal("practice-files-too-many", max=MAX_FILES)
    for upload in uploads:
        session.add(
            PracticeFile(
                practice_id=practice.id, name=upload.name[:255], mime=upload.mime[:100],
                size=len(upload.content), content=upload.content,
            )
        )  # fmt: skip
    return count


def missing(practice: Practice) -> list[str]:
    """The answers still missing before the practice can be sent."""
    given = {
        "title": practice.title, "form": practice.form, "format": practice.format,
        "done": practice.done, "results": practice.results,
    }  # fmt: skip
    return [name for name, value in given.items() if not value]


async def submit(
    session: AsyncSession, practice_id: int, author_id: int, now: datetime
) -> Practice:
    """The practice goes to the curators, each told through the outbox."""
    practice = await editable(session, practice_id, author_id)
    if missing(practice):
        raise Refusal("practice-incomplete")
    practice.status, practice.submitted_at = PracticeStatus.SUBMITTED, now
    practice.round += 1
    practice.updated_at = now
    params = {"practice_id": practice.id, "round": practice.round}
    for curator in await programmes.curators(session):
        await outbox.schedule(
            session, to=curator.id, subject=Subject.PRACTICE, subject_id=practice.id,
            purpose=SUBMITTED, due_at=now, occasion=str(practice.round), params=params,
        )  # fmt: skip
    return practice


async def dismiss(session: AsyncSession, practice_id: int, author_id: int) -> None:
    """«Не сейчас»: a draft (with its files) is dropped; the invitation is answered."""
    practice = await editable(session, practice_id, author_id)
    if practice.status != PracticeStatus.DRAFT:
        raise StaleButton()
    await outbox.void(session, Subject.PRACTICE, practice.id)
    await session.delete(practice)


async def review(
    session: AsyncSession, practice_id: int, by: int, act: str, comment: str | None,
    now: datetime,
) -> Practice:  # fmt: skip
    """The curator's verdict on a submitted practice: approved, or back with a comment, or
    declined with a reason. One conditional update: of two curators at once, one wins."""
    status = VERDICTS[act]
    words = None if status == PracticeStatus.APPROVED else clean(comment, MAX_COMMENT)
    result = await session.execute(
        update(Practice)
        .where(Practice.id == practice_id, Practice.status == PracticeStatus.SUBMITTED)
        .values(status=status, comment=words, reviewed_by_id=by, reviewed_at=now, updated_at=now)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise Refusal("practice-already-reviewed")
    practice = await session.get(Practice, practice_id, populate_existing=True)
    assert practice is not None
    await outbox.void(session, Subject.PRACTICE, practice.id, purposes=(SUBMITTED,))
    await outbox.schedule(
        session, to=practice.author_id, subject=Subject.PRACTICE, subject_id=practice.id,
        purpose=VERDICT, due_at=now, occasion=f"{practice.round}:{status}",
        params={"practice_id": practice.id, "status": status},
    )  # fmt: skip
    return practice


async def queue(session: AsyncSession) -> list[Practice]:
    """The practices waiting for a curator, oldest first."""
    query = select(Practice).where(Practice.status == PracticeStatus.SUBMITTED)
    return list((await session.execute(query.order_by(Practice.submitted_at))).scalars())


async def approved(
    session: AsyncSession, form: str | None = None, format: str | None = None
) -> list[Practice]:
    """The collection: approved practices (of one form, or one format), newest first."""
    query = select(Practice).where(Practice.status == PracticeStatus.APPROVED)
    if form is not None:
        query = query.where(Practice.form == form)
    if format is not None:
        query = query.where(Practice.format == format)
    return list((await session.execute(query.order_by(Practice.reviewed_at.desc()))).scalars())


async def counts(session: AsyncSession, column: str) -> dict[str, int]:
    """How many approved practices there are of each form (`form`) or format (`format`)."""
    field = getattr(Practice, column)
    query = (
        select(field, func.count())
        .where(Practice.status == PracticeStatus.APPROVED)
        .group_by(field)
    )
    return {key: n for key, n in (await session.execute(query)).all() if key}


async def mine(session: AsyncSession, author_id: int) -> list[Practice]:
    """The author's practices, newest first."""
    query = select(Practice).where(Practice.author_id == author_id)
    return list((await session.execute(query.order_by(Practice.id.desc()))).scalars())


async def visible(session: AsyncSession, practice_id: int, person: Person, staff: bool) -> Practice:
    """A practice this person may open: an approved one, their own, or any for staff."""
    practice = await session.get(Practice, practice_id)
    if practice is None:
        raise StaleButton()
    mine = practice.author_id == person.id
    if practice.status != PracticeStatus.APPROVED and not staff and not mine:
        raise StaleButton()
    return practice


async def awaiting(session: AsyncSession, person: Person, staff: bool) -> list[Practice]:
    """What awaits this person's answer: invitations not yet answered and practices sent back
    for changes (their own); for staff, the practices waiting for review."""
    query = select(Practice).where(
        Practice.author_id == person.id,
        (Practice.status == PracticeStatus.CHANGES_REQUESTED)
        | ((Practice.status == PracticeStatus.DRAFT) & Practice.invited.is_(True)),
    )
    own = list((await session.execute(query.order_by(Practice.id))).scalars())
    return own + (await queue(session) if staff else [])


@dataclass(frozen=True)
class Notice:
    """The outbox row's template and parameters that show a practice awaiting an answer."""

    template: str
    params: dict[str, Any]


def notice_of(practice: Practice) -> Notice:
    """The notice a practice awaiting an answer is shown as (in /pending too)."""
    if practice.status == PracticeStatus.SUBMITTED:
        return Notice(SUBMITTED, {"practice_id": practice.id, "round": practice.round})
    if practice.status == PracticeStatus.DRAFT:
        return Notice(INVITE, {"practice_id": practice.id})
    return Notice(VERDICT, {"practice_id": practice.id, "status": practice.status})


async def erase(session: AsyncSession, person_id: int) -> None:
    """/forget: the person's practices go, with their files (a media-plan draft made from one
    stays: it never names its author)."""
    await session.execute(delete(Practice).where(Practice.author_id == person_id))


async def record(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """The person's practices for /mydata."""
    return [
        {
            "id": p.id, "title": p.title, "status": p.status, "form": p.form,
            "format": p.format, "format_note": p.format_note, "done": p.done,
            "results": p.results, "comment": p.comment,
            "files": [f.name for f in await files(session, p.id)],
            "created_at": p.created_at.isoformat(),
        }
        for p in await mine(session, person_id)
    ]  # fmt: skip
