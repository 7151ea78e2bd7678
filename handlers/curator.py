"""Commands for the curator (and director): programme figures, without personal data; the
notice of a staff role."""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import organisation, texts
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    STAFF,
    Notification,
    Person,
    PersonRole,
    PersonStatus,
    ProgrammeStatus,
    Role,
)
from bot.core.services import figures, practices
from handlers import practice_review
from handlers.achievement_review import queue_button
from handlers.buttons import Menu
from handlers.common import help_hint
from handlers.notifications import help_button, renderer

router = Router()


@router.command("stats", roles=STAFF, aliases=("статистика",))
async def stats(ctx: Context) -> Replies:
    """How many people are registered, waiting for a parent, mentors and mentees; pairs and
    groups by status, mentees still without a pair, overdue plan items."""
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
    people = ctx.t(
        "stats",
        active=by_status.get(PersonStatus.ACTIVE, 0),
        registering=by_status.get(PersonStatus.REGISTERING, 0),
        awaiting_parent=by_status.get(PersonStatus.AWAITING_PARENT, 0),
        erased=by_status.get(PersonStatus.ERASED, 0),
        mentees=by_role.get(Role.MENTEE, 0),
        mentors=by_role.get(Role.MENTOR, 0),
    )
    assert ctx.person is not None
    today = ctx.today
    found = await figures.programme_figures(ctx.session, today)
    org = organisation.current().name
    heading = [ctx.t("stats-org", name=org), ""] if org else []
    lines = [*heading, people, "", ctx.t("stats-programmes")]
    for status in ProgrammeStatus:
        pairs, groups = found.pairs[status.value], found.groups[status.value]
        label = ctx.t(f"stats-status-{status.value}")
        lines.append(ctx.t("stats-line", label=label, pairs=pairs, groups=groups))
    lines.append(
        ctx.t("stats-waiting", mentees=found.mentees_without_pair, overdue=found.overdue_items)
    )
    tools = [ctx.button("btn-report", Menu("report")), ctx.button("btn-surveys", Menu("surveys"))]
    announce = [ctx.button("btn-broadcast", Menu("broadcast")), await queue_button(ctx)]
    media = [ctx.button("btn-media-plan", Menu("mediaplan"))]
    review = [practice_review.queue_button(ctx, len(await practices.queue(ctx.session)))]
    return [Reply(Markup("\n").join(lines), [tools, announce, media, review, *help_hint(ctx)])]


@renderer("role-granted-curator")
@renderer("role-granted-director")
async def role_granted(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """What the new role lets the person do; still registering, how to finish (without the role
    question and questionnaire, unless they have chosen to be a mentee or mentor)."""
    locale = person.locale
    text = texts.t(row.template, locale)
    if person.status != PersonStatus.REGISTERING:
        return [Reply(text, help_button(locale))]
    chosen = person.role_set & {Role.MENTEE, Role.MENTOR}  # a role chosen goes on to its questions
    key = "role-granted-finish-questionnaire" if chosen else "role-granted-finish-registration"
    finish = texts.t(key, locale)
    start = Button(texts.t("btn-start", locale), Menu("start").pack())
    return [Reply(Markup("\n\n").join([text, finish]), [[start]])]
