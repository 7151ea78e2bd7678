"""Renderers of programme notifications: agreements' outcomes, requests, plan reminders."""

from __future__ import annotations

from datetime import date

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
from bot.core.services import programmes
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
from handlers.notifications import help_button, renderer

REMINDERS = ("ms-before", "ms-day", "ms-overdue", "ms-snoozed")


async def _names(session: AsyncSession, programme: Programme) -> str:
    return " · ".join(p.name or "—" for _, p in await programmes.members(session, programme.id))


def _open_button(locale: str, programme_id: int) -> list[Button]:
    return [Button(texts.t("btn-open-programme", locale), OpenProgramme(programme_id).pack())]


def _notice(text: Markup, locale: str, programme_id: int) -> list[Reply]:
    """A piece of news with Open the programme and Help."""
    return [Reply(text, [_open_button(locale, programme_id), *help_button(locale)])]


async def _programme(session: AsyncSession, row: Notification) -> Programme | None:
    """The programme a notification is about."""
    return await session.get(Programme, int(row.params.get("programme_id", 0)))


async def milestone_reminder(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A plan reminder with Done and Snooze, only while the milestone is open and current."""
    milestone = await session.get(Milestone, int(row.params.get("milestone_id", 0)))
    if milestone is None or milestone.status != MilestoneStatus.OPEN:
        return None
    programme = await session.get(Programme, milestone.programme_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return None
    locale = person.locale
    text = texts.t(
        row.template,
        locale,
        title=milestone.title,
        date=dates.format_date(milestone.due_on, locale),
        days=int(row.params.get("days", 0)),
        names=await _names(session, programme),
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
    milestone = await session.get(Milestone, int(row.params.get("milestone_id", 0)))
    if milestone is None:
        return None
    if row.template == "ms-overdue-curator" and milestone.status != MilestoneStatus.OPEN:
        return None
    programme = await session.get(Programme, milestone.programme_id)
    if programme is None:
        return None
    locale = person.locale
    text = texts.t(
        row.template,
        locale,
        title=milestone.title,
        by=str(row.params.get("by", "")),
        date=dates.format_date(milestone.due_on, locale),
        names=await _names(session, programme),
    )
    return _notice(text, locale, programme.id)


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
    locale = person.locale
    text = texts.t(
        row.template,
        locale,
        names=await _names(session, programme),
        by=str(row.params.get("by", "")),
        reason=str(row.params.get("reason", "")),
    )
    return _notice(text, locale, programme.id)


@renderer("programme-term-ended")
async def term_ended(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The term is over: complete the programme or extend it (void once either happened)."""
    programme = await _programme(session, row)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return None
    if programme.ends_on is None or programme.ends_on.isoformat() != row.params.get("ends_on"):
        return None
    locale = person.locale
    text = texts.t(
        row.template,
        locale,
        names=await _names(session, programme),
        date=dates.format_date(programme.ends_on, locale),
    )
    return _notice(text, locale, programme.id)


@renderer("plan-for-agreement")
async def plan_for_agreement(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The mentor asks to agree to the plan."""
    programme = await _programme(session, row)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return None
    if programme.plan_agreed_at is not None:
        return None
    locale = person.locale
    buttons = [
        [Button(texts.t("btn-plan-agree-yes", locale), AgreePlan(programme.id).pack())],
        [Button(texts.t("btn-plan", locale), OpenPlan(programme.id).pack())],
    ]
    text = texts.t("plan-for-agreement", locale, names=await _names(session, programme))
    return [Reply(text, buttons)]


@renderer("request-extend")
@renderer("request-plan_change")
@renderer("request-replace_mentor")
@renderer("request-accepted")
@renderer("request-declined")
async def request_notice(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A proposal to answer (extension, plan change), a request to the curator, or its outcome."""
    request = await session.get(ProgrammeRequest, int(row.params.get("request_id", 0)))
    if request is None:
        return None
    programme = await session.get(Programme, request.programme_id)
    author = await session.get(Person, request.proposed_by) if request.proposed_by else None
    if programme is None:
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
    text = texts.t(
        row.template,
        locale,
        names=await _names(session, programme),
        by=(author.name if author else None) or str(row.params.get("by", "—")),
        months=int(details.get("months", 0)),
        reason=str(details.get("reason", "")),
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
