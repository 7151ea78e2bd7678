"""Renderers of programme notifications: agreements' outcomes, requests, plan reminders."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import dates, texts
from bot.core.conversation import Button, Reply
from bot.core.models import (
    Milestone,
    MilestoneStatus,
    Notification,
    Person,
    Programme,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestStatus,
)
from bot.core.services import programmes, proposals
from handlers.buttons import (
    SNOOZE_DAYS,
    AgreePlan,
    MilestoneAction,
    OpenPlan,
    OpenProgramme,
    Replacement,
    RequestAnswer,
    Snooze,
)
from handlers.notifications import help_button, renderer, shown_name

T = TypeVar("T")
REMINDERS = ("ms-before", "ms-day", "ms-overdue", "ms-snoozed")


async def _names(session: AsyncSession, programme: Programme, locale: str) -> str:
    members = await programmes.members(session, programme.id)
    return " · ".join(shown_name(p, locale) for _, p in members)


def _open_button(locale: str, programme_id: int) -> list[Button]:
    return [Button(texts.t("btn-open-programme", locale), OpenProgramme(programme_id).pack())]


async def _text(
    session: AsyncSession, row: Notification, person: Person, programme: Programme, **params: Any
) -> Markup:
    """The row's template in the recipient's language (its `-curator` wording for the curator
    outside the programme, where there is one). The programme's people and whoever acted
    (`by_id`) are looked up now, so nobody who has withdrawn consent is named."""
    by_id = params.pop("by_id", row.params.get("by_id"))
    by = await session.get(Person, int(by_id)) if by_id else None
    locale = person.locale
    names = await _names(session, programme, locale)
    key = row.template
    if texts.has(f"{key}-curator", locale) and await _outside_curator(session, programme, person):
        key = f"{key}-curator"
    return texts.t(key, locale, names=names, by=shown_name(by, locale), **params)


async def _outside_curator(session: AsyncSession, programme: Programme, person: Person) -> bool:
    """True for the curator who formed the programme without being one of its members."""
    if programme.created_by != person.id:
        return False
    return await programmes.membership(session, programme.id, person.id) is None


async def _news(
    session: AsyncSession, row: Notification, person: Person, programme: Programme, **params: Any
) -> list[Reply]:
    """A piece of news about a programme, with Open the programme and Help."""
    text = await _text(session, row, person, programme, **params)
    return [Reply(text, [_open_button(person.locale, programme.id), *help_button(person.locale)])]


async def _about(session: AsyncSession, row: Notification, model: type[T], key: str) -> T | None:
    """The row of `model` whose id the notification carries under `key`."""
    return await session.get(model, int(row.params.get(key, 0)))


async def _programme(
    session: AsyncSession, row: Notification, *, active: bool = False
) -> Programme | None:
    """The programme a notification is about (with `active`, only while it runs)."""
    programme = await _about(session, row, Programme, "programme_id")
    if programme is None or (active and programme.status != ProgrammeStatus.ACTIVE):
        return None
    return programme


async def milestone_reminder(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A plan reminder with Done and Snooze, only while the milestone is open and current."""
    milestone = await _about(session, row, Milestone, "milestone_id")
    if milestone is None or milestone.status != MilestoneStatus.OPEN:
        return None
    programme = await session.get(Programme, milestone.programme_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return None
    locale = person.locale
    text = await _text(
        session,
        row,
        person,
        programme,
        title=milestone.title,
        date=dates.format_date(milestone.due_on, locale),
        days=int(row.params.get("days", 0)),
    )
    buttons = [
        [
            Button(
                texts.t("btn-ms-done-short", locale), MilestoneAction("done", milestone.id).pack()
            )
        ],
        [
            Button(texts.t("btn-snooze", locale, days=d), Snooze(milestone.id, d).pack())
            for d in SNOOZE_DAYS
        ],
    ]
    return [Reply(text, buttons)]


for _template in REMINDERS:
    renderer(_template)(milestone_reminder)


@renderer("ms-overdue-curator")
@renderer("ms-done-notice")
@renderer("ms-curator-notice")
async def milestone_notice(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A milestone's news for the other side or the curator."""
    milestone = await _about(session, row, Milestone, "milestone_id")
    if milestone is None:
        return None
    if row.template == "ms-overdue-curator" and milestone.status != MilestoneStatus.OPEN:
        return None
    programme = await session.get(Programme, milestone.programme_id)
    if programme is None:
        return None
    due = dates.format_date(milestone.due_on, person.locale)
    return await _news(session, row, person, programme, title=milestone.title, date=due)


@renderer("programme-active")
@renderer("programme-ended-withdrawn")
@renderer("programme-member-left")
@renderer("programme-declined")
@renderer("programme-completed")
@renderer("programme-ended")
async def programme_notice(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """News of a programme: started, declined, completed, ended, plan agreed."""
    programme = await _programme(session, row)
    if programme is None:
        return None
    # Read now, not when the row was written: the one who typed it may have had it erased since.
    reason = programme.close_reason or texts.t("reason-erased", person.locale)
    return await _news(session, row, person, programme, reason=reason)


@renderer("programme-term-ended")
async def term_ended(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The term is over: complete the programme or extend it (void once either happened)."""
    programme = await _programme(session, row, active=True)
    if programme is None or programme.ends_on is None:
        return None
    if programme.ends_on.isoformat() != row.params.get("ends_on"):
        return None
    ends = dates.format_date(programme.ends_on, person.locale)
    return await _news(session, row, person, programme, date=ends)


@renderer("plan-for-agreement")
async def plan_for_agreement(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The mentor asks to agree to the plan."""
    programme = await _programme(session, row, active=True)
    if programme is None or programme.plan_agreed_at is not None:
        return None
    locale = person.locale
    buttons = [
        [Button(texts.t("btn-plan-agree-yes", locale), AgreePlan(programme.id).pack())],
        [Button(texts.t("btn-plan", locale), OpenPlan(programme.id).pack())],
    ]
    return [Reply(await _text(session, row, person, programme), buttons)]


@renderer("request-extend")
@renderer("request-plan_change")
@renderer("request-replace_mentor")
@renderer("request-accepted")
@renderer("request-declined")
async def request_notice(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A proposal to answer (extension, plan change), a request to the curator, or its outcome."""
    request = await _about(session, row, ProgrammeRequest, "request_id")
    if request is None:
        return None
    programme = await session.get(Programme, request.programme_id)
    if programme is None or request.status == RequestStatus.WITHDRAWN:
        return None
    locale = person.locale
    details = request.details
    change = ""
    if request.kind == "plan_change":
        due = details.get("due")
        change = texts.t(
            f"plan-change-{details.get('op')}",
            locale,
            title=str(details.get("title", "")),
            date=dates.format_date(date.fromisoformat(due), locale) if due else "",
        )
    text = await _text(
        session,
        row,
        person,
        programme,
        by_id=row.params.get("by_id", request.proposed_by),  # an outcome names who answered
        term=texts.t(f"term-{programme.term_unit}", locale, count=int(details.get("count", 0))),
        reason=str(details.get(proposals.REASON, "")),
        change=change,
        kind=texts.t(f"request-kind-{request.kind}", locale),
    )
    buttons = [_open_button(locale, programme.id)]
    answerable = row.template in ("request-extend", "request-plan_change")
    if answerable and request.status == RequestStatus.PENDING:
        buttons.insert(
            0,
            [
                Button(texts.t("btn-accept", locale), RequestAnswer(True, request.id).pack()),
                Button(texts.t("btn-decline", locale), RequestAnswer(False, request.id).pack()),
            ],
        )
    replaceable = (
        row.template == "request-replace_mentor" and programme.status == ProgrammeStatus.ACTIVE
    )
    if replaceable and request.status == RequestStatus.PENDING:
        label = texts.t("btn-replace-mentor-now", locale)
        buttons.insert(0, [Button(label, Replacement(request.id).pack())])
    return [Reply(text, buttons)]
