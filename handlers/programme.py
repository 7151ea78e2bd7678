"""/programme: a pair's status, its agreement, and every step of its life (§7)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, File, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    AgreementStatus,
    MemberRole,
    Notification,
    Person,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    RequestKind,
    Role,
)
from bot.core.services import banks, plans, programmes, proposals
from handlers import notifications
from handlers.common import help_hint, number

router = Router()

EXTEND_CHOICES = (1, 3, 6)
# Reminder schedules a programme can use: days before the due date (the day itself always).
REMINDER_PRESETS: dict[str, list[int]] = {"31": [3, 1], "731": [7, 3, 1], "1": [1], "0": []}
STAFF = {Role.CURATOR, Role.DIRECTOR}
# A reason typed long after the question was asked is more likely a stray message than a reason:
# ending a programme or asking for another mentor is not done on it.
REASON_TTL = timedelta(hours=1)


def _is_staff(person: Person | None) -> bool:
    return person is not None and bool(person.role_set & STAFF)


async def agreement_text(session: AsyncSession, programme: Programme, locale: str) -> str:
    """The agreement (appendix 3) filled in for this programme."""
    everyone = await programmes.members(session, programme.id)
    mentor = next((p.name for m, p in everyone if m.role == MemberRole.MENTOR), "—")
    mentees = [p.name or "—" for m, p in everyone if m.role == MemberRole.MENTEE]
    return texts.render(
        "agreement",
        locale,
        mentor=mentor or "—",
        mentees=", ".join(mentees),
        goals=programme.goals,
        term=programme.term_months,
        form=texts.t(f"form-{programme.form}", locale),
        pair_type=texts.t(f"pair-type-{programme.pair_type}", locale),
        version=programme.agreement_version,
    )


@notifications.renderer("agreement")
async def render_agreement(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The agreement with Accept / Decline, while the answer is still open."""
    programme = await session.get(Programme, int(row.params.get("programme_id", 0)))
    member = await programmes.membership(session, programme.id, person.id) if programme else None
    if programme is None or member is None or programme.status != ProgrammeStatus.PROPOSED:
        return None
    if member.agreement != AgreementStatus.PENDING:
        return None
    locale = person.locale
    buttons = [
        [
            Button(texts.t("btn-agreement-accept", locale), f"agr:y:{programme.id}"),
            Button(texts.t("btn-agreement-decline", locale), f"agr:n:{programme.id}"),
        ],
        [Button(texts.t("btn-agreement-file", locale), f"agr:f:{programme.id}")],
    ]
    return [Reply(await agreement_text(session, programme, locale), buttons)]


@router.button("agr")
async def agreement_answer(ctx: Context) -> Replies:
    """Accept, decline or download the agreement of a programme one belongs to."""
    programme_id = number(ctx.args[1]) if len(ctx.args) == 2 else None
    if programme_id is None or ctx.person is None:
        return await ctx.router.stale(ctx)
    action, programme = ctx.args[0], await ctx.session.get(Programme, programme_id)
    member = (
        await programmes.membership(ctx.session, programme.id, ctx.person.id) if programme else None
    )
    if programme is None or (member is None and not _is_staff(ctx.person)):
        return await ctx.router.stale(ctx)
    if action == "f":
        text = texts.plain(await agreement_text(ctx.session, programme, ctx.locale))
        file = File(f"agreement-{programme.id}.txt", text.encode(), "text/plain")
        return [Reply(ctx.t("agreement-file-caption"), file=file)]
    if action not in ("y", "n") or member is None:
        return await ctx.router.stale(ctx)
    outcome = await programmes.answer_agreement(
        ctx.session,
        programme,
        ctx.person.id,
        action == "y",
        ctx.now,
        remind_at=ctx.settings.reminder_clock,
    )
    ctx.notified = True
    buttons = [[ctx.button("btn-open-programme", f"pg:{programme.id}")]]
    return [ctx.reply(f"agreement-{outcome}", buttons)]


@router.command("programme", aliases=("программа",))
async def programme_command(ctx: Context) -> Replies:
    """The person's programmes: one opens at once, several are offered as buttons."""
    assert ctx.person is not None
    mine = await programmes.programmes_of(ctx.session, ctx.person.id, tuple(ProgrammeStatus))
    if not mine:
        return [ctx.reply("programme-none", help_hint(ctx))]
    if len(mine) == 1:
        return await card(ctx, mine[0])
    rows = [[Button(await _title(ctx, p), f"pg:{p.id}")] for p in mine[:6]]
    return [ctx.reply("programme-choose", rows)]


async def _title(ctx: Context, programme: Programme) -> str:
    names = [p.name or "—" for _, p in await programmes.members(ctx.session, programme.id)]
    return label(ctx, programme, names)


def label(ctx: Context, programme: Programme, names: list[str]) -> str:
    """A programme as a button label: number, people, status — cut to VK's 40 characters."""
    text = ctx.t(
        "pair-label",
        id=programme.id,
        names=" · ".join(names),
        status=ctx.t(f"programme-status-{programme.status}"),
    )
    return text if len(text) <= 40 else text[:39] + "…"


@router.button("pg")
async def open_card(ctx: Context) -> Replies:
    """A programme's card, for its members and the curator."""
    programme = await _programme_for(ctx)
    return await card(ctx, programme) if programme else await ctx.router.stale(ctx)


async def _programme_for(ctx: Context, index: int = 0) -> Programme | None:
    """The programme named in the payload, if this person may see it."""
    programme_id = number(ctx.args[index]) if len(ctx.args) > index else None
    if programme_id is None or ctx.person is None:
        return None
    programme = await ctx.session.get(Programme, programme_id)
    if programme is None:
        return None
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    return programme if member is not None or _is_staff(ctx.person) else None


async def card(ctx: Context, programme: Programme) -> Replies:
    """Status, people, term and plan progress, with the actions open to this person."""
    assert ctx.person is not None
    everyone = await programmes.members(ctx.session, programme.id)
    done, total = plans.progress(await plans.milestones(ctx.session, programme.id))
    text = ctx.render(
        "programme_card",
        programme=programme,
        members=everyone,
        done=done,
        total=total,
        form=ctx.t(f"form-{programme.form}"),
        pair_type=ctx.t(f"pair-type-{programme.pair_type}"),
        status=ctx.t(f"programme-status-{programme.status}"),
        ends_on=programme.ends_on.strftime("%d.%m.%Y") if programme.ends_on else "",
    )
    return [Reply(text, await _actions(ctx, programme, everyone, done, total))]


async def _actions(
    ctx: Context,
    programme: Programme,
    everyone: list[tuple[ProgrammeMember, Person]],
    done: int,
    total: int,
) -> list[list[Button]]:
    assert ctx.person is not None
    me = next((m for m, p in everyone if p.id == ctx.person.id), None)
    pid = programme.id
    rows: list[list[Button]] = []
    if (
        programme.status == ProgrammeStatus.PROPOSED
        and me
        and me.agreement == AgreementStatus.PENDING
    ):
        rows.append(
            [
                ctx.button("btn-agreement-accept", f"agr:y:{pid}"),
                ctx.button("btn-agreement-decline", f"agr:n:{pid}"),
            ]
        )
    if programme.status == ProgrammeStatus.ACTIVE and me is not None:
        rows.append([ctx.button("btn-plan", f"plan:{pid}"), ctx.button("btn-extend", f"px:{pid}")])
        if me.role == MemberRole.MENTOR and total and done == total:
            rows.append([ctx.button("btn-complete", f"pd:{pid}")])
        row = [ctx.button("btn-end-early", f"pq:{pid}")]
        if me.role == MemberRole.MENTEE:
            row.append(ctx.button("btn-replace-mentor", f"pr:{pid}"))
        rows.append(row)
    if programme.status == ProgrammeStatus.ACTIVE and (
        _is_staff(ctx.person) or (me is not None and me.role == MemberRole.MENTOR)
    ):
        rows.append([ctx.button("btn-reminders", f"rm:{pid}")])
    if programme.status in banks.OPEN_STATUSES and _is_staff(ctx.person):
        rows.append([ctx.button("btn-end-by-curator", f"pq:{pid}")])
    rows.append([ctx.button("btn-agreement-file", f"agr:f:{pid}"), *help_hint(ctx)[0]])
    return rows


@router.button("rm")
async def reminder_schedule(ctx: Context) -> Replies:
    """The mentor or curator chooses when plan reminders go out for this programme."""
    programme = await _programme_for(ctx)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE or ctx.person is None:
        return await ctx.router.stale(ctx)
    if programme.mentor_id != ctx.person.id and not _is_staff(ctx.person):
        return await ctx.router.stale(ctx)
    if len(ctx.args) == 1:
        rows = [
            [ctx.button(f"btn-reminders-{key}", f"rm:{programme.id}:{key}")]
            for key in REMINDER_PRESETS
        ]
        return [ctx.reply("reminders-choose", rows, current=_days(ctx, programme.reminder_days))]
    days = REMINDER_PRESETS.get(ctx.args[1])
    if days is None:
        return await ctx.router.stale(ctx)
    programme.reminder_days = days
    policy = plans.ReminderPolicy(ctx.settings.reminder_clock, ctx.settings.overdue_alert_days)
    await plans.reschedule_all(ctx.session, programme, policy, ctx.now)
    return [
        ctx.reply(
            "reminders-set",
            [[ctx.button("btn-open-programme", f"pg:{programme.id}")]],
            current=_days(ctx, days),
        )
    ]


def _days(ctx: Context, days: list[int]) -> str:
    """A reminder schedule in words."""
    key = next((k for k, v in REMINDER_PRESETS.items() if v == sorted(days, reverse=True)), "31")
    return ctx.t(f"btn-reminders-{key}")


@router.button("pd")
async def complete(ctx: Context) -> Replies:
    """The mentor closes a programme whose plan is all done."""
    programme = await _programme_for(ctx)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE or ctx.person is None:
        return await ctx.router.stale(ctx)
    if programme.mentor_id != ctx.person.id:
        return await ctx.router.stale(ctx)
    done, total = plans.progress(await plans.milestones(ctx.session, programme.id))
    if not total or done != total:
        return [ctx.reply("programme-plan-not-done", help_hint(ctx))]
    await programmes.close(ctx.session, programme, ProgrammeStatus.COMPLETED, ctx.person, ctx.now)
    ctx.notified = True
    return [ctx.reply("programme-completed-you", help_hint(ctx))]


@router.button("pq")
async def end_early(ctx: Context) -> Replies:
    """A member or the curator ends a programme: the reason is asked first."""
    programme = await _programme_for(ctx)
    if programme is None or programme.status not in banks.OPEN_STATUSES:
        return await ctx.router.stale(ctx)
    await ctx.goto("end_reason", programme=programme.id)
    return await ask_end_reason(ctx)


async def _asked_now(ctx: Context) -> None:
    """Note when the reason was (re-)asked: the answer is taken only for `REASON_TTL`."""
    if ctx.state is not None:
        await ctx.goto(ctx.state, **{**ctx.data, "asked": ctx.now.isoformat()})


async def ask_end_reason(ctx: Context) -> Replies:
    """Question: why the programme ends."""
    await _asked_now(ctx)
    return [ctx.reply("programme-ask-end-reason")]


async def take_end_reason(ctx: Context) -> Replies:
    """The reason given: the programme ends and everyone is told."""

    async def end(programme: Programme, person: Person, reason: str) -> str:
        await programmes.close(
            ctx.session, programme, ProgrammeStatus.ENDED, person, ctx.now, reason
        )
        return "programme-ended-you"

    return await _with_reason(ctx, banks.OPEN_STATUSES, end)


async def _with_reason(
    ctx: Context,
    allowed: tuple[str, ...],
    act: Callable[[Programme, Person, str], Awaitable[str]],
) -> Replies:
    """Read a typed reason, re-check the programme named in the flow, and act on it."""
    asked = ctx.data.get("asked")
    if not isinstance(asked, str) or ctx.now - datetime.fromisoformat(asked) > REASON_TTL:
        await ctx.finish()
        return [ctx.reply("programme-reason-expired", help_hint(ctx))]
    reason = banks.clean_text(ctx.incoming.text)
    if reason is None:
        return [ctx.reply("q-text-invalid", max=banks.MAX_TEXT)]
    ctx.args = [str(ctx.data.get("programme", ""))]
    programme = await _programme_for(ctx)
    await ctx.finish()
    if programme is None or programme.status not in allowed or ctx.person is None:
        return [ctx.reply("refusal-flow-outdated", help_hint(ctx))]
    key = await act(programme, ctx.person, reason)
    ctx.notified = True
    return [ctx.reply(key, help_hint(ctx))]


@router.button("px")
async def extend(ctx: Context) -> Replies:
    """Propose a longer term: choose months; the other side accepts or declines."""
    programme = await _programme_for(ctx)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE or ctx.person is None:
        return await ctx.router.stale(ctx)
    if await programmes.membership(ctx.session, programme.id, ctx.person.id) is None:
        return await ctx.router.stale(ctx)
    if await proposals.pending_request(ctx.session, programme.id, RequestKind.EXTEND):
        # One proposal at a time: a double tap must not add the months twice.
        return [ctx.reply("request-extend-pending", help_hint(ctx))]
    room = programmes.MAX_TERM_MONTHS - programme.term_months
    choices = [n for n in EXTEND_CHOICES if n <= room]
    if not choices:
        return [
            ctx.reply("programme-extend-too-long", help_hint(ctx), max=programmes.MAX_TERM_MONTHS)
        ]
    if len(ctx.args) == 1:
        rows = [[ctx.button("btn-months", f"px:{programme.id}:{n}", months=n) for n in choices]]
        return [ctx.reply("programme-extend-choose", rows)]
    if ctx.args[1] not in {str(n) for n in choices}:
        return await ctx.router.stale(ctx)
    await proposals.propose(
        ctx.session,
        programme,
        RequestKind.EXTEND,
        ctx.person,
        {"months": int(ctx.args[1])},
        ctx.now,
    )
    ctx.notified = True
    return [ctx.reply("request-sent", help_hint(ctx))]


@router.button("pr")
async def replace_mentor(ctx: Context) -> Replies:
    """A mentee asks the curator for another mentor, with a reason."""
    programme = await _programme_for(ctx)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE or ctx.person is None:
        return await ctx.router.stale(ctx)
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    if member is None or member.role != MemberRole.MENTEE:
        return await ctx.router.stale(ctx)
    await ctx.goto("replace_reason", programme=programme.id)
    return await ask_replace_reason(ctx)


async def ask_replace_reason(ctx: Context) -> Replies:
    """Question: why another mentor is needed."""
    await _asked_now(ctx)
    return [ctx.reply("programme-ask-replace-reason")]


async def take_replace_reason(ctx: Context) -> Replies:
    """The reason given: the request goes to the curator."""

    async def ask(programme: Programme, person: Person, reason: str) -> str:
        await proposals.propose(
            ctx.session, programme, RequestKind.REPLACE_MENTOR, person, {"reason": reason}, ctx.now
        )
        return "programme-replace-sent"

    return await _with_reason(ctx, (ProgrammeStatus.ACTIVE,), ask)


@router.button("rq")
async def answer_request(ctx: Context) -> Replies:
    """Accept or decline another member's proposal (extension or plan change)."""
    request_id = number(ctx.args[1]) if len(ctx.args) == 2 else None
    if request_id is None or ctx.args[0] not in ("y", "n") or ctx.person is None:
        return await ctx.router.stale(ctx)  # no profile: never registered, or erased since
    found = await proposals.open_request(ctx.session, request_id, ctx.person.id)
    if found is None or found[0].kind == RequestKind.REPLACE_MENTOR:
        return await ctx.router.stale(ctx)
    request, programme = found
    outcome = await proposals.answer(
        ctx.session,
        request,
        programme,
        ctx.person,
        ctx.args[0] == "y",
        ctx.now,
        remind_at=ctx.settings.reminder_clock,
    )
    if outcome == "accepted" and request.kind == RequestKind.PLAN_CHANGE:
        from handlers.plan import apply_change

        await apply_change(ctx, programme, request.details)
    ctx.notified = True
    return [
        ctx.reply(ANSWER_KEYS[outcome], [[ctx.button("btn-open-programme", f"pg:{programme.id}")]])
    ]


# A member's answer to a request, by its outcome (a group waits until every member agrees).
ANSWER_KEYS = {
    "accepted": "request-accepted-you",
    "declined": "request-declined-you",
    "waiting": "request-accepted-waiting",
}


router.state("end_reason", ask_end_reason, take_end_reason)
router.state("replace_reason", ask_replace_reason, take_replace_reason)
