"""The individual plan: milestones with dates, their progress, and their reminders.

Reminders are outbox rows: before the due date (the programme's `reminder_days`), on the day and
when overdue, at the reminder time of each recipient's own clock; a milestone overdue for long
alerts the curators once. Moving, finishing or deleting a milestone voids its pending reminders.

Reminder rows are about the milestone; their occasion is the due date they belong to, so a
rewrite (a new date, a new schedule, a member's new time zone) voids and writes them again
without sending anew what already went out for that date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, quiet_hours
from bot.core.models import (
    Milestone,
    MilestoneStatus,
    Notification,
    NotificationStatus,
    Person,
    Programme,
    Subject,
)
from bot.core.services import programmes

MAX_TITLE = 200
MAX_DESCRIPTION = 1000
OVERDUE = "remind-overdue"  # purposes of reminders with a meaning of their own
CURATOR_ALERT = "alert-curator"


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go out: local time of day and how late the curator hears of it."""

    at: time
    overdue_alert_days: int


def _scheduled(milestone: Milestone) -> str:
    """The occasion of the reminders scheduled for the milestone's current date (snoozes and
    notices of it being done have occasions of their own)."""
    return milestone.due_on.isoformat()


async def _already_sent(session: AsyncSession, milestone: Milestone) -> set[tuple[str, int]]:
    """Reminders for the current date that went out (or are going): (purpose, person) of each.

    A rewrite must not send them again — the overdue one and the curator's alert in particular,
    which are written even when their moment has passed.
    """
    query = select(Notification.purpose, Notification.person_id).where(
        Notification.subject_kind == Subject.MILESTONE.value,
        Notification.subject_id == milestone.id,
        Notification.occasion == _scheduled(milestone),
        Notification.status.not_in([NotificationStatus.PENDING, NotificationStatus.VOID]),
    )
    return {(purpose, int(person or 0)) for purpose, person in (await session.execute(query)).all()}


async def milestones(session: AsyncSession, programme_id: int) -> list[Milestone]:
    """The plan: milestones not deleted, by due date."""
    query = (
        select(Milestone)
        .where(Milestone.programme_id == programme_id, Milestone.status != MilestoneStatus.DELETED)
        .order_by(Milestone.due_on, Milestone.id)
    )
    return list((await session.execute(query)).scalars())


async def schedule_reminders(
    session: AsyncSession,
    programme: Programme,
    milestone: Milestone,
    policy: ReminderPolicy,
    now: datetime,
) -> int:
    """Write the milestone's reminder rows for every member and the curators; how many."""
    written = 0
    due, occasion = milestone.due_on, _scheduled(milestone)
    sent = await _already_sent(session, milestone)
    for _, person in await programmes.members(session, programme.id):
        moments = [
            (f"remind-before-{days}", "ms-before", due - timedelta(days=days), days)
            for days in sorted(set(programme.reminder_days), reverse=True)
            if days > 0
        ]
        moments += [
            ("remind-day", "ms-day", due, 0),
            (OVERDUE, "ms-overdue", due + timedelta(days=1), 0),
        ]
        for purpose, template, day, days in moments:
            at = quiet_hours.local_moment(day, policy.at, person.timezone)
            if (at <= now and purpose != OVERDUE) or (purpose, person.id) in sent:
                continue
            # Caught up after downtime, a "before" or "today" reminder is only worth sending on
            # its own day; the overdue one stays useful.
            expires = None
            if purpose != OVERDUE:
                expires = quiet_hours.local_moment(
                    day + timedelta(days=1), time(0), person.timezone
                )
            written += await outbox.schedule(
                session,
                to=person.id,
                subject=Subject.MILESTONE,
                subject_id=milestone.id,
                purpose=purpose,
                template=template,
                occasion=occasion,
                due_at=max(at, now),
                params={"milestone_id": milestone.id, "days": days},
                quiet_hours=True,
                expires_at=expires,
            )
    alert_day = due + timedelta(days=policy.overdue_alert_days + 1)
    for curator in await programmes.staff_for(session, programme):
        if (CURATOR_ALERT, curator.id) in sent:
            continue
        at = quiet_hours.local_moment(alert_day, policy.at, curator.timezone)
        written += await outbox.schedule(
            session,
            to=curator.id,
            subject=Subject.MILESTONE,
            subject_id=milestone.id,
            purpose=CURATOR_ALERT,
            template="ms-overdue-curator",
            occasion=occasion,
            due_at=max(at, now),
            params={"milestone_id": milestone.id},
            quiet_hours=True,
        )
    return written


async def reschedule_all(
    session: AsyncSession, programme: Programme, policy: ReminderPolicy, now: datetime
) -> None:
    """Rewrite the reminders of every open milestone (after the schedule or a time zone changed).

    Snoozes are kept: they are counted from when they were asked for, not from the due date.
    """
    for milestone in await milestones(session, programme.id):
        if milestone.status == MilestoneStatus.OPEN:
            await outbox.void(
                session, Subject.MILESTONE, milestone.id, occasion=_scheduled(milestone)
            )
            await schedule_reminders(session, programme, milestone, policy, now)


async def add(
    session: AsyncSession,
    programme: Programme,
    *,
    title: str,
    due_on: date,
    activity: str | None,
    activity_note: str | None,
    description: str | None,
    policy: ReminderPolicy,
    now: datetime,
) -> Milestone:
    """Add a milestone to the plan and schedule its reminders."""
    milestone = Milestone(
        programme_id=programme.id,
        title=title,
        due_on=due_on,
        format=activity,
        format_note=activity_note,
        description=description,
        created_at=now,
    )
    session.add(milestone)
    await session.flush()
    await schedule_reminders(session, programme, milestone, policy, now)
    return milestone


async def move(
    session: AsyncSession,
    programme: Programme,
    milestone: Milestone,
    due_on: date,
    policy: ReminderPolicy,
    now: datetime,
) -> None:
    """Give a milestone a new date: old reminders void, new ones written."""
    await outbox.void(session, Subject.MILESTONE, milestone.id)
    milestone.due_on = due_on
    await schedule_reminders(session, programme, milestone, policy, now)


async def delete(session: AsyncSession, milestone: Milestone) -> None:
    """Take a milestone off the plan; its reminders are voided."""
    milestone.status = MilestoneStatus.DELETED
    await outbox.void(session, Subject.MILESTONE, milestone.id)


async def mark_done(session: AsyncSession, milestone: Milestone, by: Person, now: datetime) -> None:
    """Mark a milestone done; its reminders are voided."""
    milestone.status = MilestoneStatus.DONE
    milestone.done_at, milestone.done_by = now, by.id
    await outbox.void(session, Subject.MILESTONE, milestone.id)


async def snooze(
    session: AsyncSession, milestone: Milestone, person: Person, days: int, now: datetime
) -> None:
    """Remind this person again in `days` days (at night it waits for the morning)."""
    await outbox.schedule(
        session,
        to=person.id,
        subject=Subject.MILESTONE,
        subject_id=milestone.id,
        purpose="ms-snoozed",
        occasion=f"snooze:{now.isoformat()}",
        due_at=now + timedelta(days=days),
        params={"milestone_id": milestone.id},
        quiet_hours=True,
    )


def progress(items: list[Milestone]) -> tuple[int, int]:
    """(done, total) of a plan."""
    return sum(m.status == MilestoneStatus.DONE for m in items), len(items)
