"""Help on request (/ask): a mentee's question is a thread that reaches their mentor (or the
curators) through the outbox, on whatever platform they use; answers come back the same way.

An unanswered question reminds the mentor once after the wait, and after twice the wait the
curators are told, who may answer or hand the question to another mentor.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox
from bot.core.models import (
    STAFF,
    HelpMessage,
    HelpStatus,
    HelpThread,
    MemberRole,
    Person,
    PersonRole,
    PersonStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
    StoredFile,
    Subject,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import programmes, relay

QUESTION = "help-question"  # the mentee's message, to whoever answers it
ANSWER = "help-answer"  # an answer, to the mentee
REMIND = "help-remind"  # to the mentor, once, after the wait
ESCALATE = "help-escalate"  # to the curators, after twice the wait
WAITING = (REMIND, ESCALATE)
MAX_TEXT = relay.MAX_TEXT
MAX_MENTORS = 8  # mentors offered when a curator hands a question on


@dataclass(frozen=True)
class Upload:
    """A file taken from a message: its name, type and bytes."""

    name: str
    mime: str
    content: bytes


async def mentors_of(session: AsyncSession, mentee_id: int) -> list[Programme]:
    """The running programmes in which the person is a mentee, oldest first."""
    query = (
        select(Programme)
        .join(ProgrammeMember, ProgrammeMember.programme_id == Programme.id)
        .where(
            ProgrammeMember.person_id == mentee_id,
            ProgrammeMember.role == MemberRole.MENTEE,
            Programme.status == ProgrammeStatus.ACTIVE,
        )
        .order_by(Programme.id)
    )
    return list((await session.execute(query)).scalars())


async def ask(
    session: AsyncSession,
    mentee: Person,
    programme_id: int | None,
    text: str | None,
    uploads: Sequence[Upload],
    now: datetime,
    wait: timedelta,
) -> HelpThread:
    """Open a thread: to the mentor of `programme_id` (None: to the curators)."""
    helper_id = None
    if programme_id is not None:
        mine = {p.id: p for p in await mentors_of(session, mentee.id)}
        if programme_id not in mine:
            raise StaleButton()
        helper_id = mine[programme_id].mentor_id
    thread = HelpThread(
        mentee_id=mentee.id, helper_id=helper_id, programme_id=programme_id, asked_at=now
    )
    session.add(thread)
    await session.flush()
    await write(session, thread, mentee, text, uploads, now, wait)
    return thread


async def thread_for(session: AsyncSession, thread_id: int, person: Person) -> HelpThread:
    """The thread, if this person may write in it now: its mentee, the mentor asked, or a
    curator (refused once it is closed)."""
    thread = await session.get(HelpThread, thread_id)
    if thread is None or not may_write(thread, person):
        raise StaleButton()
    if thread.status == HelpStatus.CLOSED:
        raise Refusal("help-closed")
    return thread


def may_write(thread: HelpThread, person: Person) -> bool:
    """Whether the person is a side of the thread: its mentee, its mentor or staff."""
    ids = {thread.mentee_id, thread.helper_id}
    return person.id in ids or bool(person.role_set & STAFF)


async def write(
    session: AsyncSession,
    thread: HelpThread,
    author: Person,
    text: str | None,
    uploads: Sequence[Upload],
    now: datetime,
    wait: timedelta,
) -> None:
    """Add what a person sent to the thread and queue it for the other side, a message a file
    in the order sent (the words with the first): the mentee's goes to the mentor (or the
    curators) and starts the wait anew; anyone else's is an answer."""
    each: Sequence[Upload | None] = uploads or [None]
    for upload in each:
        await _write_one(session, thread, author, text, upload, now, wait)
        text = None


async def _write_one(
    session: AsyncSession,
    thread: HelpThread,
    author: Person,
    text: str | None,
    upload: Upload | None,
    now: datetime,
    wait: timedelta,
) -> None:
    """One message of the thread: words, a file, or both."""
    message = HelpMessage(thread_id=thread.id, author_id=author.id, text=text, created_at=now)
    if upload is not None:
        stored = StoredFile(
            person_id=author.id,
            name=upload.name,
            mime=upload.mime,
            size=len(upload.content),
            content=upload.content,
        )
        session.add(stored)
        await session.flush()
        message.file_id = stored.id
    session.add(message)
    await session.flush()
    await outbox.void(session, Subject.HELP, thread.id, purposes=WAITING)
    if author.id == thread.mentee_id:
        thread.status, thread.asked_at = HelpStatus.OPEN, now
        await _await_answer(session, thread, message, now, wait)
    else:
        thread.status = HelpStatus.ANSWERED
        mentee = relay.reachable(await session.get(Person, thread.mentee_id))
        await _queue(session, thread, message, mentee.id, ANSWER, now)


async def _await_answer(
    session: AsyncSession, thread: HelpThread, message: HelpMessage, now: datetime, wait: timedelta
) -> None:
    """The question to whoever answers it, the reminder and the curators' alert."""
    for person in await answerers(session, thread):
        await _queue(session, thread, message, person.id, QUESTION, now)
    if thread.helper_id is None:
        return
    await _queue(session, thread, message, thread.helper_id, REMIND, now + wait)
    hours = int(2 * wait.total_seconds() // 3600)
    for person in await _staff(session, thread):
        await _queue(session, thread, message, person.id, ESCALATE, now + 2 * wait, hours=hours)


async def _queue(
    session: AsyncSession,
    thread: HelpThread,
    message: HelpMessage,
    to: int,
    purpose: str,
    due: datetime,
    **params: int,
) -> None:
    """One outbox row of the thread about one message; a question or answer is its own
    occasion every time it is sent, a reminder one per message."""
    waiting = purpose in WAITING
    await outbox.schedule(
        session,
        to=to,
        subject=Subject.HELP,
        subject_id=thread.id,
        purpose=purpose,
        occasion=str(message.id) if waiting else secrets.token_hex(8),
        due_at=due,
        params={"thread_id": thread.id, "message_id": message.id, **params},
        quiet_hours=waiting,  # a reminder waits for the morning; the question itself does not
    )


async def answerers(session: AsyncSession, thread: HelpThread) -> list[Person]:
    """Who is asked: the mentor, or the curators for a question without one."""
    if thread.helper_id is not None:
        helper = await session.get(Person, thread.helper_id)
        if helper is not None and helper.status == PersonStatus.ACTIVE:
            return [helper]
    return await _staff(session, thread)


async def _staff(session: AsyncSession, thread: HelpThread) -> list[Person]:
    programme = await session.get(Programme, thread.programme_id) if thread.programme_id else None
    if programme is not None:
        return await programmes.staff_for(session, programme)
    return await programmes.curators(session)


async def close(session: AsyncSession, thread: HelpThread, person: Person, now: datetime) -> None:
    """The mentee says the question is solved: nothing more is waited for."""
    if person.id != thread.mentee_id:
        raise StaleButton()
    thread.status, thread.closed_at = HelpStatus.CLOSED, now
    await outbox.void(session, Subject.HELP, thread.id)


async def mentors_to_hand_to(session: AsyncSession, thread: HelpThread) -> list[Person]:
    """Registered mentors a curator may hand the question to (not the one asked now)."""
    query = (
        select(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            PersonRole.role == Role.MENTOR,
            Person.status == PersonStatus.ACTIVE,
            Person.id.not_in([thread.helper_id or 0, thread.mentee_id]),
        )
        .order_by(Person.name)
        .limit(MAX_MENTORS)
    )
    return list((await session.execute(query)).scalars())


async def hand_to(
    session: AsyncSession, thread: HelpThread, mentor_id: int, now: datetime, wait: timedelta
) -> Person:
    """A curator gives the question to another mentor: it is sent to them and the wait starts
    again."""
    if thread.status != HelpStatus.OPEN:
        raise Refusal("help-already-answered")
    mentor = await session.get(Person, mentor_id)
    allowed = {p.id for p in await mentors_to_hand_to(session, thread)}
    if mentor is None or mentor.id not in allowed:
        raise StaleButton()
    question = await last_question(session, thread)
    if question is None:
        raise StaleButton()
    thread.helper_id, thread.asked_at = mentor.id, now
    await outbox.void(session, Subject.HELP, thread.id, purposes=WAITING)
    await _await_answer(session, thread, question, now, wait)
    return mentor


async def last_question(session: AsyncSession, thread: HelpThread) -> HelpMessage | None:
    """The mentee's latest message in the thread."""
    query = (
        select(HelpMessage)
        .where(HelpMessage.thread_id == thread.id, HelpMessage.author_id == thread.mentee_id)
        .order_by(HelpMessage.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def open_for(session: AsyncSession, person: Person, staff: bool) -> list[HelpThread]:
    """Questions awaiting this person's answer: asked of them, or (staff) of the curators."""
    asked = HelpThread.helper_id == person.id
    if staff:
        asked = asked | HelpThread.helper_id.is_(None)
    query = select(HelpThread).where(HelpThread.status == HelpStatus.OPEN, asked)
    return list((await session.execute(query.order_by(HelpThread.id))).scalars())


async def record(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """What the person wrote with /ask, for /mydata: each message and the file it carried."""
    query = (
        select(HelpMessage, StoredFile)
        .outerjoin(StoredFile, StoredFile.id == HelpMessage.file_id)
        .where(HelpMessage.author_id == person_id)
        .order_by(HelpMessage.id)
    )
    return [
        {
            "thread": message.thread_id,
            "written_at": message.created_at.isoformat(),
            "text": message.text,
            "file": file.described() if file else None,
        }
        for message, file in (await session.execute(query)).all()
    ]


async def erase(session: AsyncSession, person_id: int) -> None:
    """/forget: the person's texts and files go, and their own questions are closed."""
    files = select(StoredFile.id).where(StoredFile.person_id == person_id)
    await session.execute(
        update(HelpMessage).where(HelpMessage.file_id.in_(files)).values(file_id=None)
    )
    await session.execute(delete(StoredFile).where(StoredFile.person_id == person_id))
    await session.execute(
        update(HelpMessage).where(HelpMessage.author_id == person_id).values(text=None)
    )
    query = select(HelpThread).where(
        HelpThread.mentee_id == person_id, HelpThread.status != HelpStatus.CLOSED
    )
    for thread in (await session.execute(query)).scalars():
        thread.status = HelpStatus.CLOSED
        await outbox.void(session, Subject.HELP, thread.id)
