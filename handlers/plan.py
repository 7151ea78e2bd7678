"""/plan: the individual plan — milestones, progress, reminders' Done and Snooze buttons."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from bot.core import dates, organisation, outbox, texts, timezones
from bot.core.conversation import Button, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    MemberRole,
    Milestone,
    MilestoneStatus,
    Programme,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestKind,
    Subject,
)
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import banks, plans, programmes, proposals
from handlers import awaiting, org_choices
from handlers.buttons import (
    ActivityPage,
    AddMilestone,
    AgreePlan,
    ConfirmDelete,
    MilestoneAction,
    OpenPlan,
    OpenProgramme,
    PickActivity,
    PickMilestones,
    SendPlan,
    SkipActivity,
    SkipDescription,
    Snooze,
    TellCurator,
)
from handlers.common import help_hint

router = Router()

MAX_PICK = 4  # one to a row, plus paging and Back: within VK's six rows


def policy(ctx: Context) -> plans.ReminderPolicy:
    """Reminder timing from the settings."""
    return plans.ReminderPolicy(ctx.settings.reminder_clock, ctx.settings.overdue_alert_days)


def local_date(ctx: Context, moment: datetime) -> date:
    """The date of a moment on the person's own clock."""
    return timezones.to_local(moment, ctx.zone).date()


async def _member_programme(ctx: Context, programme_id: int) -> tuple[Programme, str] | None:
    """The active programme and this person's role in it, if they are a member."""
    if ctx.person is None:
        return None
    programme = await ctx.session.get(Programme, programme_id)
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
        names = await other_names(ctx, programme.id)
        label = texts.plain(ctx.t("plan-pick-label", id=programme.id, names=" · ".join(names)))
        rows.append([Button(fit_label(label), OpenPlan(programme.id).pack())])
    return [ctx.reply("plan-choose", rows)]


async def other_names(ctx: Context, programme_id: int) -> list[str]:
    """The names of a programme's members but this person (mentor first): what tells one
    programme from another in this person's lists."""
    everyone = await programmes.members(ctx.session, programme_id)
    return [p.name or "—" for _, p in everyone if ctx.person is None or p.id != ctx.person.id]


async def _membership(
    ctx: Context, programme_id: int, role: str | None = None
) -> tuple[Programme, str]:
    """The active programme a button names and the presser's role in it (which must be `role`,
    if given); else the button is stale."""
    found = await _member_programme(ctx, programme_id)
    if found is None or (role is not None and found[1] != role):
        raise StaleButton()
    return found


@router.button(OpenPlan)
async def plan_button(ctx: Context, payload: OpenPlan) -> Replies:
    """Open a programme's plan."""
    programme, _ = await _membership(ctx, payload.programme_id)
    return await show(ctx, programme)


async def show(ctx: Context, programme: Programme, replace: bool = False) -> Replies:
    """The plan with progress and the actions open to this person."""
    assert ctx.person is not None
    items = await plans.milestones(ctx.session, programme.id)
    done, total = plans.progress(items)
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    is_mentor = member is not None and member.role == MemberRole.MENTOR
    text = ctx.render(
        "plan",
        items=[item_line(ctx, m) for m in items],
        done=done,
        total=total,
        agreed=programme.plan_agreed_at is not None,
        is_mentor=is_mentor,
    )
    pid = programme.id
    rows: list[list[Button]] = []
    if is_mentor:
        rows.append([ctx.button("btn-ms-add", AddMilestone(pid))])
    if any(m.status == MilestoneStatus.OPEN for m in items):
        rows.append([ctx.button("btn-ms-done", PickMilestones("done", pid))])
        if is_mentor:
            rows.append(
                [
                    ctx.button("btn-ms-move", PickMilestones("move", pid)),
                    ctx.button("btn-ms-delete", PickMilestones("delete", pid)),
                ]
            )
    if is_mentor and items and programme.plan_agreed_at is None:
        rows.append([ctx.button("btn-plan-agree", SendPlan(pid))])
    rows.append([ctx.button("btn-open-programme", OpenProgramme(pid))])
    return [Reply(text, rows, replace=replace), *await awaiting.of_programme(ctx, pid)]


def item_line(ctx: Context, m: Milestone) -> dict[str, Any]:
    """A plan item as the plan and the curator's pair card list it."""
    return {
        "done": m.status == MilestoneStatus.DONE,
        "date": dates.format_date(m.due_on, ctx.locale),
        "title": m.title,
        "format": organisation.shown("formats", m.format, m.format_note, ctx.locale)
        if m.format
        else "",
        "description": m.description or "",
        "overdue": m.status == MilestoneStatus.OPEN and m.due_on < ctx.today,
    }


# --- adding a milestone: title → date → format → description -----------------------------


@router.button(AddMilestone)
async def add_start(ctx: Context, payload: AddMilestone) -> Replies:
    """The mentor starts a new milestone."""
    programme, _ = await _membership(ctx, payload.programme_id, MemberRole.MENTOR)
    await ctx.goto("ms_title", programme=programme.id)
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
    day = ctx.today  # with its weekday, for answers such as "в пятницу"
    shown = f"{dates.format_date(day, ctx.locale)}, {dates.weekday_name(day, ctx.locale)}"
    return [ctx.reply("ms-ask-date", today=shown)]


async def take_date(ctx: Context) -> Replies:
    """The date typed: understood, not in the past."""
    due = dates.parse_date(ctx.incoming.text or "", ctx.today)
    if due is None:
        return [ctx.reply("ms-date-invalid")]
    if due < ctx.today:
        return [ctx.reply("ms-date-past")]
    last = await _last_day(ctx)
    if due > last:
        return [ctx.reply("ms-date-after-end", date=dates.format_date(last, ctx.locale))]
    if ctx.data.get("move"):
        return await _finish_move(ctx, due)
    await ctx.goto("ms_format", **{**ctx.data, "due": due.isoformat()})
    return await FORMAT.ask(ctx)


async def _last_day(ctx: Context) -> date:
    """The latest date a plan item may take: the programme's end (extend the term for more)."""
    found = await _member_programme(ctx, int(ctx.data.get("programme", 0)))
    if found is not None and found[0].ends_on is not None:
        return found[0].ends_on
    return dates.add_months(ctx.today, programmes.MAX_TERM_MONTHS)


FORMAT_PAGE = 6


@router.button(SkipActivity, states=["ms_format"])
async def skip_format(ctx: Context, _: SkipActivity) -> Replies:
    """No particular format."""
    return await _to_description(ctx, None)


async def _to_description(ctx: Context, activity: str | None, note: str | None = None) -> Replies:
    await ctx.goto("ms_desc", **{**ctx.data, "format": activity, "format_note": note})
    return await ask_description(ctx)


FORMAT = org_choices.Step(  # six formats a page (VK fits ten buttons), the switch, Other, Skip
    "formats",
    "ms_format",
    "ms-ask-format",
    "ms-ask-format-other",
    PickActivity,
    "activity",
    ActivityPage,
    "btn-more-formats",
    FORMAT_PAGE,
    _to_description,
    SkipActivity(),
)


async def ask_description(ctx: Context) -> Replies:
    """Question: a description, or skip."""
    return [ctx.reply("ms-ask-description", [[ctx.button("btn-skip", SkipDescription())]])]


async def take_description(ctx: Context) -> Replies:
    """The description typed."""
    text = banks.clean_text(ctx.incoming.text, plans.MAX_DESCRIPTION)
    if text is None:
        return [ctx.reply("q-text-invalid", max=plans.MAX_DESCRIPTION)]
    return await _save_new(ctx, text)


@router.button(SkipDescription, states=["ms_desc"])
async def skip_description(ctx: Context, _: SkipDescription) -> Replies:
    """No description."""
    return await _save_new(ctx, None)


async def _save_new(ctx: Context, description: str | None) -> Replies:
    found = await _member_programme(ctx, int(ctx.data.get("programme", 0)))
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
        "format_note": data.get("format_note"),
        "description": description,
    }
    if programme.plan_agreed_at is not None:
        return await _propose(ctx, programme, change)
    await apply_change(ctx, programme, change)
    return [ctx.reply("ms-added", title=data["title"])] + await show(ctx, programme)


async def apply_change(ctx: Context, programme: Programme, change: dict[str, Any]) -> None:
    """Carry out an add / move / delete of the plan (directly, or once the other side agreed).

    A move or delete of an item no longer open is refused, and the whole step with it.
    """
    op = change.get("op")
    if op == "add":
        await plans.add(
            ctx.session,
            programme,
            title=str(change["title"]),
            due_on=date.fromisoformat(str(change["due"])),
            activity=change.get("format"),
            activity_note=change.get("format_note"),
            description=change.get("description"),
            policy=policy(ctx),
            now=ctx.now,
        )
        return
    milestone = await ctx.session.get(Milestone, int(change.get("milestone", 0)))
    if milestone is None or milestone.programme_id != programme.id:
        raise Refusal("ms-not-available")
    if milestone.status != MilestoneStatus.OPEN:  # done or deleted since the change was proposed
        raise Refusal("ms-not-available")
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
    return [ctx.reply("plan-change-proposed", [[ctx.button("btn-plan", OpenPlan(programme.id))]])]


# --- picking a milestone: done, move, delete ------------------------------------------------


@router.button(PickMilestones)
async def pick(ctx: Context, payload: PickMilestones) -> Replies:
    """A page of open milestones to act on (done: anyone; move, delete: the mentor); pages
    after the first turn in place."""
    role = None if payload.act == "done" else MemberRole.MENTOR
    programme, _ = await _membership(ctx, payload.programme_id, role)
    items = [
        m
        for m in await plans.milestones(ctx.session, programme.id)
        if m.status == MilestoneStatus.OPEN
    ]
    page = min(payload.page or 0, max(len(items) - 1, 0) // MAX_PICK)
    rows = [
        [
            Button(
                fit_label(f"{dates.format_date(m.due_on, ctx.locale)} · {m.title}"),
                MilestoneAction(payload.act, m.id).pack(),
            )
        ]
        for m in items[page * MAX_PICK : (page + 1) * MAX_PICK]
    ]
    nav = []
    if page > 0:
        nav.append(ctx.button("btn-prev", dataclasses.replace(payload, page=page - 1)))
    if (page + 1) * MAX_PICK < len(items):
        nav.append(ctx.button("btn-next", dataclasses.replace(payload, page=page + 1)))
    rows += [nav] if nav else []
    rows.append([ctx.button("btn-back", OpenPlan(programme.id))])
    return [Reply(ctx.t(f"ms-pick-{payload.act}"), rows, replace=payload.page is not None)]


async def _milestone(ctx: Context, milestone_id: int) -> tuple[Milestone, Programme, str]:
    """The open milestone a button names, if this person is a member of its active programme;
    else `ms-not-available`."""
    milestone = await ctx.session.get(Milestone, milestone_id)
    if milestone is None or milestone.status != MilestoneStatus.OPEN:
        raise Refusal("ms-not-available")
    found = await _member_programme(ctx, milestone.programme_id)
    if found is None or ctx.person is None:
        raise Refusal("ms-not-available")
    return (milestone, *found)


@router.button(MilestoneAction)
async def milestone_action(ctx: Context, payload: MilestoneAction) -> Replies:
    """Done (anyone), move or delete (the mentor) one milestone."""
    milestone, programme, role = await _milestone(ctx, payload.milestone_id)
    assert ctx.person is not None
    if payload.act == "done":
        await plans.mark_done(ctx.session, milestone, ctx.person, ctx.now)
        await programmes.notify(
            ctx.session,
            programme,
            "ms-done-notice",
            ctx.now,
            about=(Subject.MILESTONE, milestone.id),
            params={"milestone_id": milestone.id, "by_id": ctx.person.id},
            exclude=ctx.person.id,
            include_curator=False,
        )
        rows = [
            [ctx.button("btn-tell-curator", TellCurator(milestone.id))],
            [ctx.button("btn-plan", OpenPlan(programme.id))],
        ]
        return [ctx.reply("ms-done", rows, title=milestone.title)]
    if role != MemberRole.MENTOR:
        raise StaleButton()
    if payload.act == "move":
        await ctx.goto("ms_date", programme=programme.id, move=milestone.id)
        return [
            ctx.reply(
                "ms-ask-new-date",
                title=milestone.title,
                date=dates.format_date(milestone.due_on, ctx.locale),
            )
        ]
    sure = ctx.button("btn-ms-delete-sure", ConfirmDelete(milestone.id))
    rows = [[sure, ctx.button("btn-cancel", OpenPlan(programme.id))]]
    when = dates.format_date(milestone.due_on, ctx.locale)
    agreed = "yes" if programme.plan_agreed_at is not None else "no"
    return [ctx.reply("ms-delete-confirm", rows, title=milestone.title, date=when, agreed=agreed)]


@router.button(ConfirmDelete)
async def confirm_delete(ctx: Context, payload: ConfirmDelete) -> Replies:
    """Deleting confirmed by the mentor: done, or proposed to the mentee once the plan is agreed."""
    milestone, programme, role = await _milestone(ctx, payload.milestone_id)
    if role != MemberRole.MENTOR:
        raise StaleButton()
    change = {"op": "delete", "milestone": milestone.id, "title": milestone.title}
    if programme.plan_agreed_at is not None:
        return await _propose(ctx, programme, change)
    await apply_change(ctx, programme, change)
    return [ctx.reply("ms-deleted", title=milestone.title)] + await show(ctx, programme)


@router.button(Snooze)
async def snooze(ctx: Context, payload: Snooze) -> Replies:
    """Remind of one milestone again in a few days (a member's own reminders)."""
    milestone, _, _ = await _milestone(ctx, payload.milestone_id)
    assert ctx.person is not None
    await plans.snooze(ctx.session, milestone, ctx.person, payload.days, ctx.now)
    return [ctx.reply("ms-snoozed-you", help_hint(ctx), days=payload.days)]


async def _finish_move(ctx: Context, due: date) -> Replies:
    found = await _member_programme(ctx, int(ctx.data.get("programme", 0)))
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


@router.button(TellCurator)
async def tell_curator(ctx: Context, payload: TellCurator) -> Replies:
    """After marking done: tell the curator too."""
    milestone = await ctx.session.get(Milestone, payload.milestone_id)
    if milestone is None or milestone.status != MilestoneStatus.DONE or ctx.person is None:
        raise StaleButton()
    programme, _ = await _membership(ctx, milestone.programme_id)
    for person_id in [p.id for p in await programmes.staff_for(ctx.session, programme)]:
        await outbox.schedule(
            ctx.session,
            to=person_id,
            subject=Subject.MILESTONE,
            subject_id=milestone.id,
            purpose="ms-curator-notice",
            due_at=ctx.now,
            params={"milestone_id": milestone.id, "by_id": ctx.person.id},
        )
    return [ctx.reply("ms-curator-told", help_hint(ctx))]


@router.button(SendPlan)
async def send_for_agreement(ctx: Context, payload: SendPlan) -> Replies:
    """The mentor asks every mentee to agree to the plan; later changes need their consent."""
    programme, _ = await _membership(ctx, payload.programme_id, MemberRole.MENTOR)
    if programme.plan_agreed_at is not None:
        raise StaleButton()
    if not await plans.milestones(ctx.session, programme.id):
        raise StaleButton()  # nothing to agree to yet (the button needs items)
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
                to=person.id,
                subject=Subject.REQUEST,
                subject_id=request.id,
                purpose="plan-for-agreement",
                due_at=ctx.now,
                params={"programme_id": programme.id},
            )
    return [ctx.reply("plan-sent-for-agreement", help_hint(ctx))]


@router.button(AgreePlan)
async def agree_plan(ctx: Context, payload: AgreePlan) -> Replies:
    """A mentee agrees to the plan; once every mentee has, it changes only by mutual consent."""
    programme, _ = await _membership(ctx, payload.programme_id, MemberRole.MENTEE)
    assert ctx.person is not None
    request = await proposals.pending_request(ctx.session, programme.id, RequestKind.PLAN_AGREEMENT)
    if (
        request is None
        or await proposals.open_request(ctx.session, request.id, ctx.person.id) is None
    ):
        raise StaleButton()  # never sent (a forged button), or answered already
    outcome = await proposals.answer(
        ctx.session, request, programme, ctx.person, True, ctx.now, ctx.settings.reminder_clock
    )
    if outcome == "accepted":
        programme.plan_agreed_at = ctx.now
    key = "plan-agreed-you" if outcome == "accepted" else "plan-agreed-waiting"
    return [ctx.reply(key, [[ctx.button("btn-plan", OpenPlan(programme.id))]])]


router.state("ms_title", ask_title, take_title)
router.state("ms_date", ask_date, take_date)
FORMAT.register(router)
router.state("ms_desc", ask_description, take_description)
