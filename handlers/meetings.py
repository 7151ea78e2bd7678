"""/meetings «Встречи»: one's upcoming meetings with their actions — confirm, decline, another
time, move, cancel — the mentor's answer after a meeting (held, who came) and the programme's
meeting reminder schedule."""

from __future__ import annotations

from functools import partial

from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    Meeting,
    MeetingStatus,
    Milestone,
    MilestoneStatus,
    Person,
    Programme,
    ProgrammeStatus,
)
from bot.core.refusal import StaleButton
from bot.core.services import feedback, meeting_lists, meeting_reminders, meetings
from handlers import meeting_calendar, meeting_wizard
from handlers.buttons import (
    MEETING_REMINDER_PRESETS,
    AttendancePage,
    CancelSeries,
    CounterAnswer,
    MeetingAction,
    MeetingAttended,
    MeetingList,
    MeetingOutcome,
    MeetingReminders,
    MeetingSchedule,
    MilestoneAction,
    NewMeeting,
    OpenProgramme,
)
from handlers.common import help_hint
from handlers.meeting_notices import actions, card
from handlers.pages import last_page, page_rows

router = Router()
router.include(meeting_wizard.router)

PAGE = 3  # meetings a page, each a message with its buttons
ATTENDANCE_PAGE = 4  # names a page: with paging and «Готово», six rows (VK's most)


def _me(ctx: Context) -> Person:
    assert ctx.person is not None
    return ctx.person


@router.command("meetings", aliases=("встречи",))
async def meetings_command(ctx: Context) -> Replies:
    """The first page of one's upcoming meetings."""
    return await show_page(ctx, 0)


@router.button(MeetingList)
async def meetings_page(ctx: Context, payload: MeetingList) -> Replies:
    """Another page of one's upcoming meetings."""
    return await show_page(ctx, payload.page)


async def show_page(ctx: Context, page: int) -> Replies:
    """A page of upcoming meetings, each as its card with its actions; then, under them, paging,
    «Назначить встречу» and the whole schedule as a calendar file."""
    found = await meeting_lists.upcoming(ctx.session, _me(ctx).id, ctx.now)
    page = min(page, max(len(found) - 1, 0) // PAGE)
    replies: Replies = []
    for meeting in found[page * PAGE : (page + 1) * PAGE]:
        buttons = await actions(ctx.session, meeting, _me(ctx))
        replies.append(Reply(await card(ctx.session, meeting, _me(ctx)), buttons))
    rows: list[list[Button]] = []
    nav = []
    if page > 0:
        nav.append(ctx.button("btn-prev", MeetingList(page - 1)))
    if (page + 1) * PAGE < len(found):
        nav.append(ctx.button("btn-next", MeetingList(page + 1)))
    rows += [nav] if nav else []
    rows.append([ctx.button("btn-meeting-new", NewMeeting())])
    if found:
        rows.append([ctx.button("btn-meeting-schedule", MeetingSchedule())])
    rows += help_hint(ctx)
    if not found:
        return [ctx.reply("meetings-none", rows)]
    title = ctx.reply("meetings-title", count=len(found))
    return [title, *replies, ctx.reply("meetings-footer", rows)]


@router.button(MeetingSchedule)
async def schedule_file(ctx: Context, _: MeetingSchedule) -> Replies:
    """All one's upcoming meetings as one calendar file, on one's own clock."""
    found = await meeting_lists.upcoming(ctx.session, _me(ctx).id, ctx.now)
    if not found:
        return [ctx.reply("meetings-none", help_hint(ctx))]
    file = await meeting_calendar.schedule_file(ctx.session, _me(ctx), found)
    return [Reply(ctx.t("meeting-ics-caption"), file=file)]


@router.button(MeetingAction)
async def meeting_action(ctx: Context, payload: MeetingAction) -> Replies:
    """Confirm (for all: the mentor), decline, propose another time, move or cancel a meeting;
    only one invited to it, in its running programme."""
    me = _me(ctx)
    meeting, programme, _ = await meetings.member_meeting(ctx.session, payload.meeting_id, me.id)
    back = [[ctx.button("btn-meetings", MeetingList(0))]]
    act = payload.act
    if act in ("confirm", "all"):
        done = await meetings.confirm(ctx.session, meeting, me, ctx.now, for_all=act == "all")
        key = "meeting-confirmed-you" if done else "meeting-confirmed-waiting"
        return [ctx.reply(key, back)]
    if act == "decline":
        await meetings.decline(ctx.session, meeting, me, ctx.now)
        return [ctx.reply("meeting-declined-you", back)]
    if act == "cancel":
        await meetings.cancel(ctx.session, meeting, me, ctx.now)
        return [ctx.reply("meeting-cancelled-you", back)]
    if act == "other":
        if meeting.status not in meetings.LIVE or me.id == meeting.proposed_by:
            raise StaleButton()
    elif me.id not in (programme.mentor_id, meeting.proposed_by) or meeting.status not in (
        meetings.LIVE
    ):
        raise StaleButton()
    mode = "move" if act == "move" else "other"
    return await meeting_wizard.start_change(ctx, meeting.id, programme.id, mode)


@router.button(CancelSeries)
async def cancel_series(ctx: Context, payload: CancelSeries) -> Replies:
    """Cancel the whole series (its mentor or proposer): asked first, then every occurrence
    still ahead is off."""
    me = _me(ctx)
    meeting, _, _ = await meetings.member_meeting(ctx.session, payload.meeting_id, me.id)
    back = ctx.button("btn-meetings", MeetingList(0))
    if payload.sure:
        count = await meetings.cancel_series(ctx.session, meeting, me, ctx.now)
        return [ctx.reply("meeting-series-cancelled-you", [[back]], count=count)]
    ahead = await meetings.series_ahead(ctx.session, meeting, me, ctx.now)
    sure = ctx.button("btn-meeting-cancel-series-sure", CancelSeries(meeting.id, True))
    keep = ctx.button("btn-meeting-keep-series", MeetingList(0))
    return [ctx.reply("meeting-series-cancel-sure", [[sure], [keep]], count=len(ahead))]


@router.button(CounterAnswer)
async def counter_answer(ctx: Context, payload: CounterAnswer) -> Replies:
    """The proposer takes or refuses the other time proposed."""
    me = _me(ctx)
    meeting, _, _ = await meetings.member_meeting(ctx.session, payload.meeting_id, me.id)
    await meetings.answer_counter(ctx.session, meeting, me, payload.accept, ctx.now)
    key = "meeting-counter-taken" if payload.accept else "meeting-counter-refused"
    return [ctx.reply(key, [[ctx.button("btn-meetings", MeetingList(0))]])]


async def _mentors_meeting(ctx: Context, meeting_id: int) -> tuple[Meeting, Programme]:
    meeting, programme, _ = await meetings.member_meeting(ctx.session, meeting_id, _me(ctx).id)
    if programme.mentor_id != _me(ctx).id:
        raise StaleButton()
    return meeting, programme


@router.button(MeetingOutcome)
async def outcome(ctx: Context, payload: MeetingOutcome) -> Replies:
    """The mentor says the meeting took place (then who came), did not, or moved."""
    meeting, programme = await _mentors_meeting(ctx, payload.meeting_id)
    if payload.act == "moved":
        if meeting.status != MeetingStatus.CONFIRMED:
            raise StaleButton()
        return await meeting_wizard.start_change(ctx, meeting.id, programme.id, "move")
    await meeting_reminders.record_outcome(ctx.session, meeting, payload.act == "held", ctx.now)
    if payload.act == "not":
        return [ctx.reply("meeting-not-held-noted", help_hint(ctx))]
    await feedback.meeting_held(ctx.session, meeting, ctx.now, ctx.settings.feedback_days)
    return await attendance(ctx, meeting, 0, replace=False)


async def attendance(ctx: Context, meeting: Meeting, page: int, replace: bool) -> Replies:
    """Who came: a page of names to tick or untick (everyone invited starts ticked), the
    pages around it, then «Готово»."""
    people = await meetings.participants(ctx.session, meeting.id)
    page = min(page, last_page(len(people), ATTENDANCE_PAGE))
    names = [
        ctx.button(
            "btn-meeting-came" if part.attended else "btn-meeting-absent",
            MeetingAttended(meeting.id, person.id, page),
            name=person.name or "—",
        )
        for part, person in people
    ]
    turn = partial(AttendancePage, meeting.id)
    rows = page_rows(ctx, names, page, ATTENDANCE_PAGE, turn)
    rows.append([ctx.button("btn-meeting-logged", MeetingAttended(meeting.id, 0))])
    return [Reply(ctx.t("meeting-ask-attendance"), rows, replace=replace)]


async def _held_meeting(ctx: Context, meeting_id: int) -> Meeting:
    meeting, _ = await _mentors_meeting(ctx, meeting_id)
    if meeting.status != MeetingStatus.HELD:
        raise StaleButton()
    return meeting


async def _open_item(ctx: Context, meeting: Meeting) -> Milestone | None:
    """The plan item the meeting covered, while it is still open (the plan's own button marks
    it done, with the plan's rules and notices)."""
    item = await ctx.session.get(Milestone, meeting.milestone_id) if meeting.milestone_id else None
    return item if item is not None and item.status == MilestoneStatus.OPEN else None


@router.button(AttendancePage)
async def attendance_page(ctx: Context, payload: AttendancePage) -> Replies:
    """Another page of names, in place."""
    meeting = await _held_meeting(ctx, payload.meeting_id)
    return await attendance(ctx, meeting, payload.page, replace=True)


@router.button(MeetingAttended)
async def attended(ctx: Context, payload: MeetingAttended) -> Replies:
    """Tick or untick one who came; «Готово» logs the meeting."""
    meeting = await _held_meeting(ctx, payload.meeting_id)
    if payload.person_id == 0:
        came = [part for part, _ in await meetings.participants(ctx.session, meeting.id)]
        count = sum(bool(part.attended) for part in came)
        item = await _open_item(ctx, meeting)
        if item is None:
            return [ctx.reply("meeting-logged", help_hint(ctx), count=count)]
        rows = [[ctx.button("btn-meeting-item-done", MilestoneAction("done", item.id))]]
        return [
            ctx.reply("meeting-logged-item", rows + help_hint(ctx), count=count, title=item.title)
        ]
    parts = {p.id: part for part, p in await meetings.participants(ctx.session, meeting.id)}
    if payload.person_id not in parts:
        raise StaleButton()
    now_came = not parts[payload.person_id].attended
    await meetings.mark_attended(ctx.session, meeting, payload.person_id, now_came)
    days = ctx.settings.feedback_days
    await feedback.attendance_changed(
        ctx.session, meeting, payload.person_id, now_came, ctx.now, days
    )
    return await attendance(ctx, meeting, payload.page, replace=True)


@router.button(MeetingReminders)
async def reminder_schedule(ctx: Context, payload: MeetingReminders) -> Replies:
    """The mentor or curator chooses how long before a meeting its reminders go out; the
    reminders of the confirmed meetings ahead are written anew."""
    programme = await ctx.session.get(Programme, payload.programme_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        raise StaleButton()
    if programme.mentor_id != _me(ctx).id and not ctx.is_staff:
        raise StaleButton()
    current = ", ".join(str(h) for h in programme.meeting_reminder_hours) or "—"
    if payload.preset is None:
        rows = [
            [ctx.button(f"btn-meeting-reminders-{key}", MeetingReminders(programme.id, key))]
            for key in MEETING_REMINDER_PRESETS
        ]
        return [ctx.reply("meeting-reminders-choose", rows, current=current)]
    programme.meeting_reminder_hours = MEETING_REMINDER_PRESETS[payload.preset]
    await meetings.reschedule_reminders(ctx.session, programme, ctx.now)
    shown = ", ".join(str(h) for h in programme.meeting_reminder_hours) or "—"
    back = [[ctx.button("btn-open-programme", OpenProgramme(programme.id))]]
    return [ctx.reply("meeting-reminders-set", back, current=shown)]
