"""Commands for the curator (and director): programme figures, without personal data."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Person, PersonRole, PersonStatus, Role
from handlers.common import help_hint

router = Router()


@router.command("stats", roles=STAFF, aliases=("статистика",))
async def stats(ctx: Context) -> Replies:
    """How many people are registered, waiting for a parent, mentors and mentees."""
    by_status = dict(
        (
            await ctx.session.execute(select(Person.status, func.count()).group_by(Person.status))
        ).all()
    )
    by_role = dict(
        (
            await ctx.session.execute(
                select(PersonRole.role, func.count())
                .join(Person, Person.id == PersonRole.person_id)
                .where(Person.status == PersonStatus.ACTIVE)
                .group_by(PersonRole.role)
            )
        ).all()
    )
    return [
        ctx.reply(
            "stats",
            help_hint(ctx),
            active=by_status.get(PersonStatus.ACTIVE, 0),
            registering=by_status.get(PersonStatus.REGISTERING, 0),
            awaiting_parent=by_status.get(PersonStatus.AWAITING_PARENT, 0),
            erased=by_status.get(PersonStatus.ERASED, 0),
            mentees=by_role.get(Role.MENTEE, 0),
            mentors=by_role.get(Role.MENTOR, 0),
        )
    ]
