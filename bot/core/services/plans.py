"""The individual plan: milestones with dates, their progress, and their reminders.

Reminders are outbox rows: before the due date (the programme's `reminder_days`), on the day and
when overdue, at the reminder time of each recipient's own clock; a milestone overdue for long
alerts the curators once. Moving, finishing or deleting a milestone voids its pending reminders.

Voided rows keep their idempotency keys, so each rewrite of a milestone's reminders (a new date,
a new schedule, a member's new time zone) is tagged with a generation number of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import outbox, quiet_hours
from bot.core.models import (
    ActivityFormat,
    Milestone,
    MilestoneStatus,
    Notification,
    NotificationStatus,
    Person,
    Programme,
)
from bot.core.services import programmes

MAX_TITLE = 200
MAX_DESCRIPTION = 1000


@dataclass(frozen=True)
class ReminderPolicy:
    """When reminders go out: local time of day and how late the curator hears of it."""

    at: time
    overdue_alert_days: int


def key_prefix(milestone_id: int) -> str:
    """The idempotency-key prefix of every reminder of a milestone."""
    return f"ms:{milestone_id}:"


def schedule_prefix(milestone: Milestone) -> str:
    """The key prefix of the scheduled reminders for the milestone's current date (not snoozes,
    not notices of it being done)."""
    return f"{key_prefix(milestone.id)}{milestone.due_on.isoformat()}:"


async def _generation(session: AsyncSession, milestone_id: int) -> int:
    """A number not yet used in the milestone's reminder keys: how many rows it has had.

    The count grows with every row a rewrite adds; a rewrite that adds none leaves its number
    unused, to be taken by the next.
    """
    prefix = key_prefix(milestone_id)
    query = select(func.count()).where(
        func.substr(Notification.idempotency_key, 1, len(prefix)) == prefix
    )
    return int((await session.execute(query)).scalar_one())


async def _already_sent(session: AsyncSession, milestone: Milestone) -> set[str]:
    """Reminders for the current date that went out (or are going): `name:person` of each.

    A rewrite must not send them again — the overdue one and the curator's alert in particular,
    which are written even when their moment has passed.
    """
    prefix = schedule_prefix(milestone)
    query = select(Notification.idempotency_key).where(
        func.substr(Notification.idempotency_key, 1, len(prefix)) == prefix,
        Notification.status.not_in([NotificationStatus.PENDING, NotificationStatus.VOID]),
    )
    sent = set()
    for key in (await session.execute(query)).scalars():
        rest = key[len(prefix) :]
        generation, _, moment = rest.partition(":")
        # `g3:over:12`; keys written before generations were tagged read `over:12`.
        sent.add(moment if generation[:1] == "g" and generation[1:].isdigit() else rest)
    return sent


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
    due = milestone.due_on
    tag = f"{schedule_prefix(milestone)}g{await _generation(session, milestone.id)}"
    sent = await _already_sent(session, milestone)
    for _, person in await programmes.members(session, programme.id):
        moments = [
            (f"b{days}", "ms-before", due - timedelta(days=days), days)
            for days in sorted(set(programme.reminder_days), reverse=True)
            if days > 0
        ]
        moments += [("day", "ms-day", due, 0), ("over", "ms-overdue", due + timedelta(days=1), 0)]
        for name, template, day, days in moments:
            at = quiet_hours.local_moment(day, policy.at, person.timezone)
            if (at <= now and name != "over") or f"{name}:{person.id}" in sent:
                continue
            # Caught up after downtime, a "before" or "today" reminder is only worth sending on
            # its own day; the overdue one stays useful.
            params: dict[str, object] = {"milestone_id": milestone.id, "days": days}
            if name != "over":
                end = quiet_hours.local_moment(day + timedelta(days=1), time(0, 0), person.timezone)
                params[outbox.STALE_AFTER] = end.isoformat()
            written += await outbox.schedule(
                session,
                person_id=person.id,
                template=template,
                due_at=max(at, now),
                key=f"{tag}:{name}:{person.id}",
                params=params,
                quiet_hours=True,
            )
    alert_day = due + timedelta(days=policy.overdue_alert_days + 1)
    for curator in await programmes.staff_for(session, programme):
        if f"curator:{curator.id}" in sent:
            continue
        at = quiet_hours.local_moment(alert_day, policy.at, curator.timezone)
        written += await outbox.schedule(
            session,
            person_id=curator.id,
            template="ms-overdue-curator",
            due_at=max(at, now),
            key=f"{tag}:curator:{curator.id}",
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
            await outbox.void(session, schedule_prefix(milestone))
            await schedule_reminders(session, programme, milestone, policy, now)


async def add(
    session: AsyncSession,
    programme: Programme,
    *,
    title: str,
    due_on: date,
    activity: ActivityFormat | None,
    description: str | None,
    policy: ReminderPolicy,
    now: datetime,
) -> Milestone:
    """Add a milestone to the plan and schedule its reminders."""
    milestone = Milestone(
        programme_id=programme.id,
        title=title,
        due_on=due_on,
        format=activity.value if activity else None,
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
    await outbox.void(session, key_prefix(milestone.id))
    milestone.due_on = due_on
    await schedule_reminders(session, programme, milestone, policy, now)


async def delete(session: AsyncSession, milestone: Milestone) -> None:
    """Take a milestone off the plan; its reminders are voided."""
    milestone.status = MilestoneStatus.DELETED
    await outbox.void(session, key_prefix(milestone.id))


async def mark_done(session: AsyncSession, milestone: Milestone, by: Person, now: datetime) -> None:
    """Mark a milestone done; its reminders are voided."""
    milestone.status = MilestoneStatus.DONE
    milestone.done_at, milestone.done_by = now, by.id
    await outbox.void(session, key_prefix(milestone.id))


async def snooze(
    session: AsyncSession, milestone: Milestone, person: Person, days: int, now: datetime
) -> None:
    """Remind this person again in `days` days (at night it waits for the morning)."""
    await outbox.schedule(
        session,
        person_id=person.id,
        template="ms-snoozed",
        due_at=now + timedelta(days=days),
        key=f"{key_prefix(milestone.id)}snooze:{person.id}:{now.isoformat()}",
        params={"milestone_id": milestone.id},
        quiet_hours=True,
    )


def progress(items: list[Milestone]) -> tuple[int, int]:
    """(done, total) of a plan."""
    return sum(m.status == MilestoneStatus.DONE for m in items), len(items)
