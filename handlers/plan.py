"""/plan: the individual plan — milestones, progress, reminders' Done and Snooze buttons."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.core import dates, outbox, timezones
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    ActivityFormat,
    MemberRole,
    Milestone,
    MilestoneStatus,
    Programme,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestKind,
)
from bot.core.services import banks, plans, programmes, proposals
from handlers.common import help_hint, number

router = Router()

MAX_PICK = 4  # one to a row, plus paging and Back: within VK's six rows
SNOOZE_DAYS = (1, 3)


def policy(ctx: Context) -> plans.ReminderPolicy:
    """Reminder timing from the settings."""
    return plans.ReminderPolicy(ctx.settings.reminder_clock, ctx.settings.overdue_alert_days)


def today(ctx: Context) -> date:
    """The person's local date."""
    zone = ctx.person.timezone if ctx.person else ctx.settings.default_timezone
    return timezones.to_local(ctx.now, zone).date()


async def _member_programme(ctx: Context, programme_id: Any) -> tuple[Programme, str] | None:
    """The active programme and this person's role in it, if they are a member."""
    number_id = number(programme_id)
    if ctx.person is None or number_id is None:
        return None
    programme = await ctx.session.get(Programme, number_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return None
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    return (programme, member.role) if member else None


@router.command("plan", aliases=("план",))
async def plan_command(ctx: Context) -> Replies:
    """The plan of the person's active programme (a choice when there are several)."""
    assert ctx.person is not None
    active = await programmes.programmes_of(ctx.session, ctx.person.id, (ProgrammeStatus.ACTIVE,))
    if not active:
        return [ctx.reply("plan-no-programme", help_hint(ctx))]
    if len(active) == 1:
        return await show(ctx, active[0])
    rows = []
    for programme in active[:MAX_PICK]:
        names = [p.name or "—" for _, p in await programmes.members(ctx.session, programme.id)]
        label = ctx.t("plan-pick-label", id=programme.id, names=" · ".join(names))
        rows.append([Button(label[:40], f"plan:{programme.id}")])
    return [ctx.reply("plan-choose", rows)]


@router.button("plan")
async def plan_button(ctx: Context) -> Replies:
    """Open a programme's plan."""
    found = await _member_programme(ctx, ctx.args[0] if ctx.args else "")
    if found is None:
        return await ctx.router.stale(ctx)
    if ctx.state is not None and ctx.state.startswith("ms_"):
        await ctx.finish()
    return await show(ctx, found[0])


async def show(ctx: Context, programme: Programme, replace: bool = False) -> Replies:
    """The plan with progress and the actions open to this person."""
    assert ctx.person is not None
    items = await plans.milestones(ctx.session, programme.id)
    done, total = plans.progress(items)
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    is_mentor = member is not None and member.role == MemberRole.MENTOR
    text = ctx.render(
        "plan",
        items=[_line(ctx, m) for m in items],
        done=done,
        total=total,
        agreed=programme.plan_agreed_at is not None,
        is_mentor=is_mentor,
    )
    pid = programme.id
    rows: list[list[Button]] = []
    if is_mentor:
        rows.append([ctx.button("btn-ms-add", f"ma:{pid}")])
    if any(m.status == MilestoneStatus.OPEN for m in items):
        rows.append([ctx.button("btn-ms-done", f"mp:d:{pid}")])
        if is_mentor:
            rows.append(
                [
                    ctx.button("btn-ms-move", f"mp:m:{pid}"),
                    ctx.button("btn-ms-delete", f"mp:x:{pid}"),
                ]
            )
    if is_mentor and items and programme.plan_agreed_at is None:
        rows.append([ctx.button("btn-plan-agree", f"pa:{pid}")])
    rows.append([ctx.button("btn-open-programme", f"pg:{pid}")])
    return [Reply(text, rows, replace=replace)]


def _line(ctx: Context, m: Milestone) -> dict[str, Any]:
    return {
        "done": m.status == MilestoneStatus.DONE,
        "date": dates.format_date(m.due_on, ctx.locale),
        "title": m.title,
        "format": ctx.t(f"activity-{m.format}") if m.format else "",
        "description": m.description or "",
        "overdue": m.status == MilestoneStatus.OPEN and m.due_on < today(ctx),
    }


# --- adding a milestone: title → date → format → description -----------------------------


@router.button("ma")
async def add_start(ctx: Context) -> Replies:
    """The mentor starts a new milestone."""
    found = await _member_programme(ctx, ctx.args[0] if ctx.args else "")
    if found is None or found[1] != MemberRole.MENTOR:
        return await ctx.router.stale(ctx)
    await ctx.goto("ms_title", programme=found[0].id)
    return await ask_title(ctx)


async def ask_title(ctx: Context) -> Replies:
    """Question: the milestone's title."""
    return [ctx.reply("ms-ask-title")]


async def take_title(ctx: Context) -> Replies:
    """The title typed."""
    title = banks.clean_text(ctx.incoming.text, plans.MAX_TITLE)
    if title is None:
        return [ctx.reply("q-text-invalid", max=plans.MAX_TITLE)]
    await ctx.goto("ms_date", **{**ctx.data, "title": title})
    return await ask_date(ctx)


async def ask_date(ctx: Context) -> Replies:
    """Question: the due date, in the person's own words."""
    day = today(ctx)  # with its weekday, for answers such as "в пятницу"
    shown = f"{dates.format_date(day, ctx.locale)}, {dates.weekday_name(day, ctx.locale)}"
    return [ctx.reply("ms-ask-date", today=shown)]


async def take_date(ctx: Context) -> Replies:
    """The date typed: understood, not in the past."""
    due = dates.parse_date(ctx.incoming.text or "", today(ctx))
    if due is None:
        return [ctx.reply("ms-date-invalid")]
    if due < today(ctx):
        return [ctx.reply("ms-date-past")]
    last = await _last_day(ctx)
    if due > last:
        return [ctx.reply("ms-date-after-end", date=dates.format_date(last, ctx.locale))]
    if ctx.data.get("move"):
        return await _finish_move(ctx, due)
    await ctx.goto("ms_format", **{**ctx.data, "due": due.isoformat()})
    return await ask_format(ctx)


async def _last_day(ctx: Context) -> date:
    """The latest date a plan item may take: the programme's end (extend the term for more)."""
    found = await _member_programme(ctx, ctx.data.get("programme"))
    if found is not None and found[0].ends_on is not None:
        return found[0].ends_on
    return dates.add_months(today(ctx), programmes.MAX_TERM_MONTHS)


FORMAT_PAGE = 6


def _format_keyboard(ctx: Context, page: int) -> list[list[Button]]:
    """Six formats a page (VK fits ten buttons), a page switch and Skip."""
    formats = list(ActivityFormat)[page * FORMAT_PAGE : (page + 1) * FORMAT_PAGE]
    buttons = [ctx.button(f"activity-{f.value}", f"mf:{f.value}") for f in formats]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    switch = ("btn-more-formats", "mf:p1") if page == 0 else ("btn-back", "mf:p0")
    return [*rows, [ctx.button(switch[0], switch[1]), ctx.button("btn-skip", "mf:-")]]


async def ask_format(ctx: Context) -> Replies:
    """Question: the format of work, or none."""
    return [ctx.reply("ms-ask-format", _format_keyboard(ctx, 0))]


@router.button("mf", states=["ms_format"])
async def take_format(ctx: Context) -> Replies:
    """The format chosen (or skipped); `p0` / `p1` turn the page of formats."""
    choice = ctx.args[0] if len(ctx.args) == 1 else ""
    if choice in ("p0", "p1"):
        return [Reply(ctx.t("ms-ask-format"), _format_keyboard(ctx, int(choice[1])), replace=True)]
    if choice != "-" and choice not in {f.value for f in ActivityFormat}:
        return await ctx.router.stale(ctx)
    await ctx.goto("ms_desc", **{**ctx.data, "format": None if choice == "-" else choice})
    return await ask_description(ctx)


async def ask_description(ctx: Context) -> Replies:
    """Question: a description, or skip."""
    return [ctx.reply("ms-ask-description", [[ctx.button("btn-skip", "md:-")]])]


async def take_description(ctx: Context) -> Replies:
    """The description typed."""
    text = banks.clean_text(ctx.incoming.text, plans.MAX_DESCRIPTION)
    if text is None:
        return [ctx.reply("q-text-invalid", max=plans.MAX_DESCRIPTION)]
    return await _save_new(ctx, text)


@router.button("md", states=["ms_desc"])
async def skip_description(ctx: Context) -> Replies:
    """No description."""
    return await _save_new(ctx, None)


async def _save_new(ctx: Context, description: str | None) -> Replies:
    found = await _member_programme(ctx, ctx.data.get("programme"))
    data = dict(ctx.data)
    await ctx.finish()
    if found is None or found[1] != MemberRole.MENTOR:
        return [ctx.reply("refusal-flow-outdated", help_hint(ctx))]
    programme = found[0]
    change = {
        "op": "add",
        "title": data["title"],
        "due": data["due"],
        "format": data["format"],
        "description": description,
    }
    if programme.plan_agreed_at is not None:
        return await _propose(ctx, programme, change)
    await apply_change(ctx, programme, change)
    return [ctx.reply("ms-added", title=data["title"])] + await show(ctx, programme)


async def apply_change(ctx: Context, programme: Programme, change: dict[str, Any]) -> None:
    """Carry out an add / move / delete of the plan (directly, or once the other side agreed)."""
    op = change.get("op")
    if op == "add":
        activity = ActivityFormat(change["format"]) if change.get("format") else None
        await plans.add(
            ctx.session,
            programme,
            title=str(change["title"]),
            due_on=date.fromisoformat(str(change["due"])),
            activity=activity,
            description=change.get("description"),
            policy=policy(ctx),
            now=ctx.now,
        )
        return
    milestone = await ctx.session.get(Milestone, int(change.get("milestone", 0)))
    if milestone is None or milestone.programme_id != programme.id:
        return
    if milestone.status != MilestoneStatus.OPEN:
        return
    if op == "move":
        await plans.move(
            ctx.session,
            programme,
            milestone,
            date.fromisoformat(str(change["due"])),
            policy(ctx),
            ctx.now,
        )
    elif op == "delete":
        await plans.delete(ctx.session, milestone)


async def _propose(ctx: Context, programme: Programme, change: dict[str, Any]) -> Replies:
    assert ctx.person is not None
    await proposals.propose(
        ctx.session, programme, RequestKind.PLAN_CHANGE, ctx.person, change, ctx.now
    )
    ctx.notified = True
    return [ctx.reply("plan-change-proposed", [[ctx.button("btn-plan", f"plan:{programme.id}")]])]


# --- picking a milestone: done, move, delete ------------------------------------------------


@router.button("mp")
async def pick(ctx: Context) -> Replies:
    """A page of open milestones to act on (done: anyone; move, delete: the mentor).

    Payload `mp:<action>:<programme>[:<page>]`; pages turn in place.
    """
    if len(ctx.args) not in (2, 3) or ctx.args[0] not in ("d", "m", "x"):
        return await ctx.router.stale(ctx)
    page = number(ctx.args[2]) if len(ctx.args) == 3 else 0
    found = await _member_programme(ctx, ctx.args[1])
    if found is None or page is None or (ctx.args[0] != "d" and found[1] != MemberRole.MENTOR):
        return await ctx.router.stale(ctx)
    action, pid = ctx.args[0], found[0].id
    items = [
        m for m in await plans.milestones(ctx.session, pid) if m.status == MilestoneStatus.OPEN
    ]
    page = min(page, max(len(items) - 1, 0) // MAX_PICK)
    prefix = {"d": "ms:done", "m": "ms:mv", "x": "ms:del"}[action]
    rows = [
        [Button(f"{dates.format_date(m.due_on, ctx.locale)} · {m.title}"[:40], f"{prefix}:{m.id}")]
        for m in items[page * MAX_PICK : (page + 1) * MAX_PICK]
    ]
    nav = []
    if page > 0:
        nav.append(ctx.button("btn-prev", f"mp:{action}:{pid}:{page - 1}"))
    if (page + 1) * MAX_PICK < len(items):
        nav.append(ctx.button("btn-next", f"mp:{action}:{pid}:{page + 1}"))
    rows += [nav] if nav else []
    rows.append([ctx.button("btn-back", f"plan:{pid}")])
    return [Reply(ctx.t(f"ms-pick-{action}"), rows, replace=len(ctx.args) == 3)]


async def _milestone(ctx: Context) -> tuple[Milestone, Programme, str] | None:
    """The open milestone in the payload, if this person is a member of its active programme."""
    milestone_id = number(ctx.args[1]) if len(ctx.args) >= 2 else None
    if milestone_id is None:
        return None
    milestone = await ctx.session.get(Milestone, milestone_id)
    if milestone is None or milestone.status != MilestoneStatus.OPEN:
        return None
    found = await _member_programme(ctx, milestone.programme_id)
    return (milestone, *found) if found else None


@router.button("ms")
async def milestone_action(ctx: Context) -> Replies:
    """Done, snooze, move or delete one milestone — checked against the presser's rights."""
    found = await _milestone(ctx)
    if found is None or ctx.person is None:
        return [ctx.reply("ms-not-available", help_hint(ctx))]
    milestone, programme, role = found
    action = ctx.args[0]
    if action == "done":
        await plans.mark_done(ctx.session, milestone, ctx.person, ctx.now)
        await programmes.notify(
            ctx.session,
            programme,
            "ms-done-notice",
            ctx.now,
            key=f"ms:{milestone.id}:done",
            params={"milestone_id": milestone.id, "by_id": ctx.person.id},
            exclude=ctx.person.id,
            include_curator=False,
        )
        ctx.notified = True
        rows = [
            [ctx.button("btn-tell-curator", f"mc:{milestone.id}")],
            [ctx.button("btn-plan", f"plan:{programme.id}")],
        ]
        return [ctx.reply("ms-done", rows, title=milestone.title)]
    if action == "snz" and len(ctx.args) == 3 and ctx.args[2] in {str(d) for d in SNOOZE_DAYS}:
        await plans.snooze(ctx.session, milestone, ctx.person, int(ctx.args[2]), ctx.now)
        return [ctx.reply("ms-snoozed-you", help_hint(ctx), days=int(ctx.args[2]))]
    if role != MemberRole.MENTOR:
        return await ctx.router.stale(ctx)
    if action == "mv":
        await ctx.goto("ms_date", programme=programme.id, move=milestone.id)
        return [
            ctx.reply(
                "ms-ask-new-date",
                title=milestone.title,
                date=dates.format_date(milestone.due_on, ctx.locale),
            )
        ]
    if action == "del":
        change = {"op": "delete", "milestone": milestone.id, "title": milestone.title}
        if programme.plan_agreed_at is not None:
            return await _propose(ctx, programme, change)
        await apply_change(ctx, programme, change)
        return [ctx.reply("ms-deleted", title=milestone.title)] + await show(ctx, programme)
    return await ctx.router.stale(ctx)


async def _finish_move(ctx: Context, due: date) -> Replies:
    found = await _member_programme(ctx, ctx.data.get("programme"))
    milestone_id = int(ctx.data.get("move", 0))
    await ctx.finish()
    if found is None or found[1] != MemberRole.MENTOR:
        return [ctx.reply("refusal-flow-outdated", help_hint(ctx))]
    programme = found[0]
    milestone = await ctx.session.get(Milestone, milestone_id)
    if milestone is None or milestone.programme_id != programme.id:
        return [ctx.reply("ms-not-available", help_hint(ctx))]
    if milestone.status != MilestoneStatus.OPEN:  # done or deleted while the date was typed
        return [ctx.reply("ms-not-available", help_hint(ctx))]
    change = {
        "op": "move",
        "milestone": milestone.id,
        "due": due.isoformat(),
        "title": milestone.title,
    }
    if programme.plan_agreed_at is not None:
        return await _propose(ctx, programme, change)
    await apply_change(ctx, programme, change)
    return [
        ctx.reply("ms-moved", title=milestone.title, date=dates.format_date(due, ctx.locale))
    ] + await show(ctx, programme)


@router.button("mc")
async def tell_curator(ctx: Context) -> Replies:
    """After marking done: tell the curator too."""
    milestone_id = number(ctx.args[0]) if len(ctx.args) == 1 else None
    if milestone_id is None or ctx.person is None:
        return await ctx.router.stale(ctx)
    milestone = await ctx.session.get(Milestone, milestone_id)
    found = await _member_programme(ctx, milestone.programme_id) if milestone else None
    if milestone is None or found is None or milestone.status != MilestoneStatus.DONE:
        return await ctx.router.stale(ctx)
    programme = found[0]
    for person_id in [p.id for p in await programmes.staff_for(ctx.session, programme)]:
        await outbox.schedule(
            ctx.session,
            person_id=person_id,
            template="ms-curator-notice",
            due_at=ctx.now,
            key=f"ms:{milestone.id}:curator-notice:{person_id}",
            params={"milestone_id": milestone.id, "by_id": ctx.person.id},
        )
    ctx.notified = True
    return [ctx.reply("ms-curator-told", help_hint(ctx))]


@router.button("pa")
async def send_for_agreement(ctx: Context) -> Replies:
    """The mentor asks every mentee to agree to the plan; later changes need their consent."""
    found = await _member_programme(ctx, ctx.args[0] if ctx.args else "")
    if found is None or found[1] != MemberRole.MENTOR or found[0].plan_agreed_at is not None:
        return await ctx.router.stale(ctx)
    programme = found[0]
    if not await plans.milestones(ctx.session, programme.id):
        return await ctx.router.stale(ctx)  # nothing to agree to yet (the button needs items)
    if await proposals.pending_request(ctx.session, programme.id, RequestKind.PLAN_AGREEMENT):
        return [ctx.reply("plan-already-sent", help_hint(ctx))]
    assert ctx.person is not None
    request = ProgrammeRequest(
        programme_id=programme.id,
        kind=RequestKind.PLAN_AGREEMENT,
        proposed_by=ctx.person.id,
        details={},
        created_at=ctx.now,
    )
    ctx.session.add(request)
    await ctx.session.flush()
    for member, person in await programmes.members(ctx.session, programme.id):
        if member.role == MemberRole.MENTEE:
            await outbox.schedule(
                ctx.session,
                person_id=person.id,
                template="plan-for-agreement",
                due_at=ctx.now,
                key=f"req:{request.id}:{person.id}",
                params={"programme_id": programme.id},
            )
    ctx.notified = True
    return [ctx.reply("plan-sent-for-agreement", help_hint(ctx))]


@router.button("pk")
async def agree_plan(ctx: Context) -> Replies:
    """A mentee agrees to the plan; once every mentee has, it changes only by mutual consent."""
    found = await _member_programme(ctx, ctx.args[0] if ctx.args else "")
    if found is None or found[1] != MemberRole.MENTEE or ctx.person is None:
        return await ctx.router.stale(ctx)
    programme = found[0]
    request = await proposals.pending_request(ctx.session, programme.id, RequestKind.PLAN_AGREEMENT)
    if (
        request is None
        or await proposals.open_request(ctx.session, request.id, ctx.person.id) is None
    ):
        return await ctx.router.stale(ctx)  # never sent (a forged button), or answered already
    outcome = await proposals.answer(
        ctx.session, request, programme, ctx.person, True, ctx.now, ctx.settings.reminder_clock
    )
    ctx.notified = True
    if outcome == "accepted":
        programme.plan_agreed_at = ctx.now
    key = "plan-agreed-you" if outcome == "accepted" else "plan-agreed-waiting"
    return [ctx.reply(key, [[ctx.button("btn-plan", f"plan:{programme.id}")]])]


router.state("ms_title", ask_title, take_title)
router.state("ms_date", ask_date, take_date)
router.state("ms_format", ask_format)
router.state("ms_desc", ask_description, take_description)
