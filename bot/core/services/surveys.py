"""Survey runs: opening one, inviting people, reminding those yet to answer, closing it; and the
answering steps the chat flow takes (the current question, answer, back, skip).

A run records the survey file as it was (`SurveyVersion`); answers are read against that version
whatever becomes of the file. Invitations and reminders are outbox rows of the response
(`Subject.SURVEY_RESPONSE`) that expire at the close; completing voids those still pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, survey_files
from bot.core.models import (
    ResponseStatus,
    Subject,
    SurveyAnswer,
    SurveyKind,
    SurveyResponse,
    SurveyRun,
    SurveyVersion,
)
from bot.core.refusal import Refusal, StaleButton

INVITE, REMIND = "survey-invite", "survey-remind"  # outbox purposes (and templates)
MAX_ANSWER = 1000  # characters of a typed answer kept
Invitee = tuple[int, int | None, str | None]  # person id, programme id, role


async def version(session: AsyncSession, key: str) -> SurveyVersion:
    """The stored version of the survey file as it is now (recorded on first use)."""
    definition = survey_files.definition(key)
    digest = survey_files.digest(definition)
    query = select(SurveyVersion).where(SurveyVersion.key == key, SurveyVersion.digest == digest)
    found = (await session.execute(query)).scalar_one_or_none()
    if found is None:
        found = SurveyVersion(key=key, digest=digest, definition=definition)
        session.add(found)
        await session.flush()
    return found


async def open_run(
    session: AsyncSession,
    key: str,
    kind: SurveyKind,
    *,
    now: datetime,
    closes_at: datetime,
    occasion: str = "",
    programme_id: int | None = None,
    meeting_id: int | None = None,
    audience: dict[str, Any] | None = None,
    created_by: int | None = None,
) -> SurveyRun:
    """A run of survey `key` taking answers from `now` until `closes_at`; for a non-empty
    `occasion` the run already opened for it, if there is one."""
    if occasion:
        query = select(SurveyRun).where(SurveyRun.kind == kind, SurveyRun.occasion == occasion)
        existing = (await session.execute(query)).scalar_one_or_none()
        if existing is not None:
            return existing
    run = SurveyRun(
        version_id=(await version(session, key)).id,
        kind=kind.value,
        occasion=occasion,
        audience=audience or {},
        programme_id=programme_id,
        meeting_id=meeting_id,
        opens_at=now,
        closes_at=closes_at,
        created_by=created_by,
        created_at=now,
    )
    session.add(run)
    await session.flush()
    return run


async def invite(
    session: AsyncSession, run: SurveyRun, invitees: list[Invitee], now: datetime
) -> int:
    """A response and an invitation for each person not yet invited to the run; how many new.
    The invitation is an outbox row that expires when the run closes."""
    query = select(SurveyResponse.person_id).where(SurveyResponse.run_id == run.id)
    invited = set((await session.execute(query)).scalars())
    added = 0
    for person_id, programme_id, role in invitees:
        if person_id in invited or run.closed_at is not None or now >= run.closes_at:
            continue
        invited.add(person_id)
        response = SurveyResponse(
            run_id=run.id, person_id=person_id, programme_id=programme_id, role=role, invited_at=now
        )
        session.add(response)
        await session.flush()
        await _notify(session, response, INVITE, max(now, run.opens_at), run)
        added += 1
    return added


async def _notify(
    session: AsyncSession,
    response: SurveyResponse,
    purpose: str,
    due: datetime,
    run: SurveyRun,
    until: datetime | None = None,
) -> bool:
    return await outbox.schedule(
        session,
        to=response.person_id,
        subject=Subject.SURVEY_RESPONSE,
        subject_id=response.id,
        purpose=purpose,
        occasion="" if purpose == INVITE else due.isoformat(),
        due_at=due,
        params={"response_id": response.id},
        quiet_hours=True,
        expires_at=until or run.closes_at,
    )


async def withdraw(session: AsyncSession, run: SurveyRun, person_id: int) -> bool:
    """Take back the invitation of one who has not started answering (the mentor said they did
    not come after all); True when taken back."""
    query = select(SurveyResponse).where(
        SurveyResponse.run_id == run.id,
        SurveyResponse.person_id == person_id,
        SurveyResponse.status == ResponseStatus.INVITED,
    )
    response = (await session.execute(query)).scalar_one_or_none()
    if response is None:
        return False
    await outbox.void(session, Subject.SURVEY_RESPONSE, response.id)
    await session.delete(response)
    return True


async def schedule_reminders(session: AsyncSession, run: SurveyRun, due_ats: list[datetime]) -> int:
    """Reminders at these times to everyone invited who has not completed; none at or after
    the close. Completing voids them, and they are checked again when sent. A reminder not sent
    by the time of the next one is dropped (after a downtime only the latest goes). How many rows.
    """
    query = select(SurveyResponse).where(
        SurveyResponse.run_id == run.id, SurveyResponse.status != ResponseStatus.COMPLETED
    )
    times = sorted({due for due in due_ats if due < run.closes_at})
    count = 0
    for response in (await session.execute(query)).scalars():
        for due, until in zip(times, [*times[1:], run.closes_at], strict=True):
            if await _notify(session, response, REMIND, due, run, until):
                count += 1
    return count


async def close_due(session: AsyncSession, now: datetime) -> list[SurveyRun]:
    """Close the runs whose deadline has passed (each once) and void their pending invitations
    and reminders; the runs closed now."""
    query = select(SurveyRun).where(SurveyRun.closed_at.is_(None), SurveyRun.closes_at <= now)
    closed = list((await session.execute(query)).scalars())
    for run in closed:
        run.closed_at = now
        ids = select(SurveyResponse.id).where(SurveyResponse.run_id == run.id)
        for response_id in (await session.execute(ids)).scalars():
            await outbox.void(session, Subject.SURVEY_RESPONSE, response_id)
    return closed


def is_open(run: SurveyRun, now: datetime) -> bool:
    """True while the run takes answers."""
    return run.closed_at is None and run.opens_at <= now < run.closes_at


async def unanswered(session: AsyncSession, person_id: int, now: datetime) -> list[SurveyResponse]:
    """The person's responses not yet completed to runs still open, the soonest to close first."""
    query = (
        select(SurveyResponse)
        .join(SurveyRun, SurveyRun.id == SurveyResponse.run_id)
        .where(
            SurveyResponse.person_id == person_id,
            SurveyResponse.status != ResponseStatus.COMPLETED,
            SurveyRun.closed_at.is_(None),
            SurveyRun.opens_at <= now,
            SurveyRun.closes_at > now,
        )
        .order_by(SurveyRun.closes_at, SurveyResponse.id)
    )
    return list((await session.execute(query)).scalars())


async def erase(session: AsyncSession, person_id: int) -> None:
    """Erase the person's answers and responses, and void what was still to be sent about them
    (they withdrew consent)."""
    query = select(SurveyResponse).where(SurveyResponse.person_id == person_id)
    for response in (await session.execute(query)).scalars():
        await outbox.void(session, Subject.SURVEY_RESPONSE, response.id)
        await session.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id == response.id))
        await session.delete(response)


def readable(question: dict[str, Any], value: Any, locale: str) -> str:
    """An answer as the person saw it: the options' texts, the number or the text."""
    if question["kind"] in ("single", "multi"):
        texts = {o["key"]: o["text"].get(locale, o["key"]) for o in question["options"]}
        keys = value if isinstance(value, list) else [value]
        return ", ".join(texts.get(k, str(k)) for k in keys)
    return str(value)


async def record(session: AsyncSession, person_id: int, locale: str) -> list[dict[str, Any]]:
    """The person's surveys and answers (for /mydata), each question and answer also in words."""
    query = (
        select(SurveyResponse, SurveyRun)
        .join(SurveyRun, SurveyRun.id == SurveyResponse.run_id)
        .where(SurveyResponse.person_id == person_id)
        .order_by(SurveyResponse.invited_at, SurveyResponse.id)
    )
    found = []
    for response, run in (await session.execute(query)).all():
        definition = await definition_of(session, run)
        answers = await answers_of(session, response.id)
        found.append(
            {
                "survey": definition["key"],
                "title": definition["title"].get(locale),
                "kind": run.kind,
                "status": response.status,
                "invited_at": response.invited_at.isoformat(),
                "completed_at": response.completed_at.isoformat()
                if response.completed_at
                else None,
                "answers": [
                    {
                        "question": q["id"],
                        "text": q["text"].get(locale),
                        "value": answers[q["id"]],
                        "answer": None
                        if answers[q["id"]] is None
                        else readable(q, answers[q["id"]], locale),
                    }
                    for q in definition["questions"]
                    if q["id"] in answers
                ],
            }
        )
    return found


# --- answering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """Where a person's answering stands: the question to ask (None once completed), its index
    in the definition, its number among the questions shown to them and how many those are."""

    response: SurveyResponse
    run: SurveyRun
    definition: dict[str, Any]
    question: dict[str, Any] | None
    index: int
    number: int
    total: int
    answers: dict[str, Any]

    @property
    def first(self) -> bool:
        """True at the first question (nothing to go back to)."""
        return self.number == 1


def shown(question: dict[str, Any], role: str | None, answers: dict[str, Any]) -> bool:
    """Whether a question is asked of one in `role`, given the answers so far."""
    if "roles" in question and role not in question["roles"]:
        return False
    condition = question.get("show_if")
    if condition is None:
        return True
    value = answers.get(condition["question"])
    if isinstance(value, list):
        return any(v in condition["in"] for v in value)
    return value is not None and value in condition["in"]


async def answers_of(session: AsyncSession, response_id: int) -> dict[str, Any]:
    """The response's answers by question id (a skipped question: None)."""
    query = select(SurveyAnswer).where(SurveyAnswer.response_id == response_id)
    return {a.question: a.value for a in (await session.execute(query)).scalars()}


async def definition_of(session: AsyncSession, run: SurveyRun) -> dict[str, Any]:
    """The survey as it was when the run was sent."""
    found = await session.get(SurveyVersion, run.version_id)
    assert found is not None
    return found.definition


async def _step(session: AsyncSession, response: SurveyResponse, run: SurveyRun) -> Step:
    definition = await definition_of(session, run)
    answers = await answers_of(session, response.id)
    questions = definition["questions"]
    visible = [i for i, q in enumerate(questions) if shown(q, response.role, answers)]
    pending = [i for i in visible if questions[i]["id"] not in answers]
    if response.status == ResponseStatus.COMPLETED or not pending:
        return Step(response, run, definition, None, -1, len(visible), len(visible), answers)
    index = pending[0]
    number = visible.index(index) + 1
    return Step(response, run, definition, questions[index], index, number, len(visible), answers)


async def mine(session: AsyncSession, response_id: int, person_id: int) -> SurveyResponse:
    """The person's own response; another's (or none) is a stale button."""
    response = await session.get(SurveyResponse, response_id)
    if response is None or response.person_id != person_id:
        raise StaleButton()
    return response


async def current(session: AsyncSession, response_id: int, person_id: int, now: datetime) -> Step:
    """Where the person's answers stand (to start or resume); `survey-closed` once the run no
    longer takes answers and they had not completed."""
    response = await mine(session, response_id, person_id)
    run = await session.get(SurveyRun, response.run_id)
    assert run is not None
    if response.status != ResponseStatus.COMPLETED and not is_open(run, now):
        raise Refusal("survey-closed")
    return await _step(session, response, run)


async def _at(
    session: AsyncSession, response_id: int, person_id: int, index: int, now: datetime
) -> Step:
    """The current step, which must be at question `index` (an older button is refused)."""
    step = await current(session, response_id, person_id, now)
    if step.question is None:
        raise Refusal("survey-already-answered")
    if step.index != index:
        raise Refusal("survey-moved-on")
    return step


def _checked(question: dict[str, Any], value: Any) -> Any:
    """The answer as stored, or `survey-bad-answer` (a forged or out-of-range value)."""
    kind = question["kind"]
    keys = [o["key"] for o in question.get("options", [])]
    if kind == "scale" and isinstance(value, int) and question["min"] <= value <= question["max"]:
        return value
    if kind == "single" and value in keys:
        return value
    if kind == "multi" and isinstance(value, list) and set(value) <= set(keys):
        if not value:
            raise Refusal("survey-choose-some")
        return [k for k in keys if k in value]
    if kind == "text" and isinstance(value, str) and value.strip():
        return value.strip()[:MAX_ANSWER]
    raise Refusal("survey-bad-answer")


async def _store(
    session: AsyncSession, step: Step, value: Any, skipped: bool, now: datetime
) -> Step:
    assert step.question is not None
    session.add(
        SurveyAnswer(
            response_id=step.response.id,
            question=step.question["id"],
            value=value,
            skipped=skipped,
            answered_at=now,
        )
    )
    response = step.response
    if response.status == ResponseStatus.INVITED:
        response.status, response.started_at = ResponseStatus.STARTED, now
    await session.flush()
    following = await _step(session, response, step.run)
    if following.question is None:
        await _complete(session, following, now)
    return following


async def _complete(session: AsyncSession, step: Step, now: datetime) -> None:
    """The last question is answered: the answers of questions a changed branch hid are
    dropped, and nothing more is sent about this response."""
    response = step.response
    keep = [q["id"] for q in step.definition["questions"] if shown(q, response.role, step.answers)]
    await session.execute(
        delete(SurveyAnswer).where(
            SurveyAnswer.response_id == response.id, SurveyAnswer.question.not_in(keep)
        )
    )
    response.status, response.completed_at = ResponseStatus.COMPLETED, now
    await outbox.void(session, Subject.SURVEY_RESPONSE, response.id)


async def answer(
    session: AsyncSession, response_id: int, person_id: int, index: int, value: Any, now: datetime
) -> Step:
    """Answer question `index` (the current one) and move on; the next step."""
    step = await _at(session, response_id, person_id, index, now)
    assert step.question is not None
    return await _store(session, step, _checked(step.question, value), False, now)


async def skip(
    session: AsyncSession, response_id: int, person_id: int, index: int, now: datetime
) -> Step:
    """Pass over the current question, if it is optional; the next step."""
    step = await _at(session, response_id, person_id, index, now)
    assert step.question is not None
    if step.question["required"]:
        raise Refusal("survey-required")
    return await _store(session, step, None, True, now)


async def back(
    session: AsyncSession, response_id: int, person_id: int, index: int, now: datetime
) -> Step:
    """Go back from question `index` to the one asked before it: its answer and any after it
    are taken back. The step asked again."""
    step = await _at(session, response_id, person_id, index, now)
    questions = step.definition["questions"]
    earlier = [i for i in range(index) if questions[i]["id"] in step.answers]
    if not earlier:
        raise StaleButton()
    dropped = [q["id"] for q in questions[earlier[-1] :]]
    await session.execute(
        delete(SurveyAnswer).where(
            SurveyAnswer.response_id == response_id, SurveyAnswer.question.in_(dropped)
        )
    )
    await session.flush()
    return await _step(session, step.response, step.run)
