"""«Назначить встречу»: the wizard of a proposal — day, time, duration, place, format, agenda,
the plan item it covers, once or a series, then the summary to send. The day and time questions
also serve moving a meeting and proposing another time for it (`move` / `other` in the data)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.core import dates, quiet_hours, texts
from bot.core.conversation import Button, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import MilestoneStatus, Person, Programme, ProgrammeStatus
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import banks, meetings, plans, programmes
from bot.core.when import parse_when
from handlers import org_choices
from handlers.buttons import (
    MEETING_COUNTS,
    MEETING_DAYS,
    MEETING_DURATIONS,
    MEETING_SLOTS,
    MeetingCount,
    MeetingCovers,
    MeetingCoversPage,
    MeetingDay,
    MeetingFormat,
    MeetingFormatPage,
    MeetingLength,
    MeetingList,
    MeetingProgrammePage,
    MeetingRepeat,
    MeetingSkip,
    MeetingSlot,
    NewMeeting,
    SendMeeting,
)
from handlers.common import help_hint
from handlers.meeting_notices import when_text
from handlers.pages import page_rows

router = Router()

STATES = (
    "meet_day",
    "meet_slot",
    "meet_len",
    "meet_place",
    "meet_format",
    "meet_format_other",
    "meet_agenda",
    "meet_covers",
    "meet_repeat",
    "meet_count",
    "meet_summary",
)
FORMAT_PAGE = 6
CHOICES_PAGE = 4  # programmes or plan items a page: with paging and «Пропустить», six rows


def _me(ctx: Context) -> Person:
    assert ctx.person is not None
    return ctx.person


async def _programme(ctx: Context) -> Programme:
    """The running programme the wizard is for, if the person is still its member."""
    programme = await ctx.session.get(Programme, int(ctx.data.get("programme", 0)))
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        raise Refusal("meeting-not-yours")
    if await programmes.membership(ctx.session, programme.id, _me(ctx).id) is None:
        raise Refusal("meeting-not-yours")
    return programme


@router.button(NewMeeting)
async def new_meeting(ctx: Context, payload: NewMeeting) -> Replies:
    """Start a proposal: in the programme named, the only one, or one chosen first."""
    mine = await programmes.programmes_of(ctx.session, _me(ctx).id, (ProgrammeStatus.ACTIVE,))
    if payload.programme_id is not None:
        mine = [p for p in mine if p.id == payload.programme_id]
        if not mine:
            raise StaleButton()
    if not mine:
        return [ctx.reply("meeting-no-programme", help_hint(ctx))]
    if len(mine) > 1:
        return await _programme_choice(ctx, mine, 0, replace=False)
    await ctx.goto("meet_day", programme=mine[0].id)
    return await ask_day(ctx)


async def _programme_choice(
    ctx: Context, mine: list[Programme], page: int, replace: bool
) -> Replies:
    """Question: which programme, a page of them named by their members."""
    buttons = []
    for programme in mine:
        names = [p.name or "—" for _, p in await programmes.members(ctx.session, programme.id)]
        label = texts.plain(ctx.t("plan-pick-label", id=programme.id, names=" · ".join(names)))
        buttons.append(Button(fit_label(label), NewMeeting(programme.id).pack()))
    rows = page_rows(ctx, buttons, page, CHOICES_PAGE, MeetingProgrammePage)
    return [Reply(ctx.t("meeting-choose-programme"), rows, replace=replace)]


@router.button(MeetingProgrammePage)
async def programme_page(ctx: Context, payload: MeetingProgrammePage) -> Replies:
    """Another page of one's programmes, in place."""
    mine = await programmes.programmes_of(ctx.session, _me(ctx).id, (ProgrammeStatus.ACTIVE,))
    if not mine:
        raise StaleButton()
    return await _programme_choice(ctx, mine, payload.page, replace=True)


async def start_change(ctx: Context, meeting_id: int, programme_id: int, mode: str) -> Replies:
    """Ask the new day and time of a meeting to move (`move`) or to propose (`other`)."""
    await ctx.goto("meet_day", programme=programme_id, **{mode: meeting_id})
    return await ask_day(ctx)


async def ask_day(ctx: Context) -> Replies:
    """Question: the day, one of the next seven with its weekday."""
    today = ctx.today
    buttons = []
    for offset in range(MEETING_DAYS):
        day = today + timedelta(days=offset)
        label = f"{dates.weekday_name(day, ctx.locale)}, {day:%d.%m}"
        buttons.append(Button(label, MeetingDay(offset).pack()))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return [ctx.reply("meeting-ask-day", rows)]


@router.button(MeetingDay, states=["meet_day"])
async def take_day(ctx: Context, payload: MeetingDay) -> Replies:
    """The day chosen: on to the time."""
    day = ctx.today + timedelta(days=payload.offset)
    await ctx.goto("meet_slot", **{**ctx.data, "day": day.isoformat()})
    return await ask_slot(ctx)


async def ask_slot(ctx: Context) -> Replies:
    """Question: the time of day, on the person's own clock."""
    day = date.fromisoformat(str(ctx.data["day"]))
    buttons = [Button(f"{m // 60:02d}:{m % 60:02d}", MeetingSlot(m).pack()) for m in MEETING_SLOTS]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    shown = f"{dates.weekday_name(day, ctx.locale)}, {dates.format_date(day, ctx.locale)}"
    return [ctx.reply("meeting-ask-slot", rows, day=shown)]


@router.button(MeetingSlot, states=["meet_slot"])
async def take_slot(ctx: Context, payload: MeetingSlot) -> Replies:
    """The time chosen: the meeting's start, which must be ahead."""
    day = date.fromisoformat(str(ctx.data["day"]))
    start = quiet_hours.local_moment(day, time(payload.minute // 60, payload.minute % 60), _tz(ctx))
    return await take_start(ctx, start)


def _tz(ctx: Context) -> str:
    return _me(ctx).timezone


async def take_typed(ctx: Context) -> Replies:
    """A day and time typed in one's own words («завтра 15:00», «Fri 18:30»), on one's own
    clock; what cannot be read, has passed or falls in a clock change is answered and asked
    again."""
    text, zone = ctx.incoming.text or "", ZoneInfo(_tz(ctx))
    if ctx.state != "meet_slot":
        return await take_start(ctx, parse_when(text, ctx.now, zone, ctx.locale))
    day = date.fromisoformat(str(ctx.data["day"]))  # a time alone is on the day chosen
    try:
        start = parse_when(f"{day:%d.%m.%Y} {text}", ctx.now, zone, ctx.locale)
    except Refusal as refusal:
        if refusal.key != "when-not-understood":
            raise
        start = parse_when(text, ctx.now, zone, ctx.locale)  # a day and time in full
    return await take_start(ctx, start)


async def take_start(ctx: Context, start: datetime) -> Replies:
    """A start picked or typed: refused in the past; a move or another time is done here."""
    if start <= ctx.now:
        return [ctx.reply("meeting-in-past"), *await ask_day(ctx)]
    for mode in ("move", "other"):
        if mode in ctx.data:
            return await _change(ctx, mode, int(ctx.data[mode]), start)
    await ctx.goto("meet_len", **{**ctx.data, "start": start.isoformat()})
    return await ask_length(ctx)


async def _change(ctx: Context, mode: str, meeting_id: int, start: datetime) -> Replies:
    await ctx.finish()
    meeting, _, _ = await meetings.member_meeting(ctx.session, meeting_id, _me(ctx).id)
    back = [[ctx.button("btn-meetings", MeetingList(0))]]
    if mode == "move":
        await meetings.reschedule(ctx.session, meeting, _me(ctx), start, ctx.now)
        return [ctx.reply("meeting-moved-you", back, when=when_text(start, _me(ctx)))]
    await meetings.counter(ctx.session, meeting, _me(ctx), start, ctx.now)
    return [ctx.reply("meeting-counter-sent", back, when=when_text(start, _me(ctx)))]


async def ask_length(ctx: Context) -> Replies:
    """Question: how long."""
    row = [ctx.button("btn-minutes", MeetingLength(m), count=m) for m in MEETING_DURATIONS]
    return [ctx.reply("meeting-ask-length", [row])]


@router.button(MeetingLength, states=["meet_len"])
async def take_length(ctx: Context, payload: MeetingLength) -> Replies:
    """The duration chosen."""
    await ctx.goto("meet_place", **{**ctx.data, "minutes": payload.minutes})
    return await ask_place(ctx)


def _skip(ctx: Context) -> list[list[Button]]:
    return [[ctx.button("btn-skip", MeetingSkip())]]


async def ask_place(ctx: Context) -> Replies:
    """Question: the place or an online link, or skip."""
    return [ctx.reply("meeting-ask-place", _skip(ctx), max=meetings.MAX_PLACE)]


async def _typed(
    ctx: Context, limit: int, then: Callable[[Context, str], Awaitable[Replies]]
) -> Replies:
    """Words typed, at most `limit` characters, handed to `then`; otherwise asked again."""
    text = banks.clean_text(ctx.incoming.text, limit)
    if text is None:
        return [ctx.reply("q-text-invalid", max=limit)]
    return await then(ctx, text)


async def take_place(ctx: Context) -> Replies:
    """The place typed."""
    return await _typed(ctx, meetings.MAX_PLACE, _to_format)


async def _to_format(ctx: Context, place: str | None) -> Replies:
    await ctx.goto("meet_format", **{**ctx.data, "place": place})
    return await FORMAT.ask(ctx)


async def _to_agenda(ctx: Context, activity: str | None, note: str | None) -> Replies:
    await ctx.goto("meet_agenda", **{**ctx.data, "format": activity, "format_note": note})
    return await ask_agenda(ctx)


FORMAT = org_choices.Step(
    "formats",
    "meet_format",
    "meeting-ask-format",
    "ms-ask-format-other",
    MeetingFormat,
    "activity",
    MeetingFormatPage,
    "btn-more-formats",
    FORMAT_PAGE,
    _to_agenda,
    MeetingSkip(),
)


async def ask_agenda(ctx: Context) -> Replies:
    """Question: the agenda, or skip."""
    return [ctx.reply("meeting-ask-agenda", _skip(ctx), max=meetings.MAX_AGENDA)]


async def take_agenda(ctx: Context) -> Replies:
    """The agenda typed."""
    return await _typed(ctx, meetings.MAX_AGENDA, _to_covers)


async def _to_covers(ctx: Context, agenda: str | None) -> Replies:
    await ctx.goto("meet_covers", **{**ctx.data, "agenda": agenda})
    return await ask_covers(ctx)


async def _open_items(ctx: Context) -> list[tuple[int, str]]:
    programme = await _programme(ctx)
    items = await plans.milestones(ctx.session, programme.id)
    return [(m.id, m.title) for m in items if m.status == MilestoneStatus.OPEN]


async def ask_covers(ctx: Context, page: int = 0, replace: bool = False) -> Replies:
    """Question: the plan item the meeting covers, a page of the open ones (skipped when the
    plan has none open)."""
    items = await _open_items(ctx)
    if not items:
        return await _to_repeat(ctx, None)
    buttons = [Button(fit_label(title), MeetingCovers(mid).pack()) for mid, title in items]
    rows = page_rows(ctx, buttons, page, CHOICES_PAGE, MeetingCoversPage)
    return [Reply(ctx.t("meeting-ask-covers"), [*rows, *_skip(ctx)], replace=replace)]


@router.button(MeetingCoversPage, states=["meet_covers"])
async def covers_page(ctx: Context, payload: MeetingCoversPage) -> Replies:
    """Another page of the plan's open items, in place."""
    return await ask_covers(ctx, payload.page, replace=True)


@router.button(MeetingCovers, states=["meet_covers"])
async def take_covers(ctx: Context, payload: MeetingCovers) -> Replies:
    """The plan item chosen (one of this programme's open ones)."""
    if payload.milestone_id not in [mid for mid, _ in await _open_items(ctx)]:
        raise StaleButton()
    return await _to_repeat(ctx, payload.milestone_id)


async def _to_repeat(ctx: Context, milestone_id: int | None) -> Replies:
    await ctx.goto("meet_repeat", **{**ctx.data, "milestone": milestone_id})
    return await ask_repeat(ctx)


async def ask_repeat(ctx: Context) -> Replies:
    """Question: once, every week or every two weeks."""
    rows = [[ctx.button(f"btn-meeting-repeat-{n}", MeetingRepeat(n))] for n in (0, 1, 2)]
    return [ctx.reply("meeting-ask-repeat", rows)]


@router.button(MeetingRepeat, states=["meet_repeat"])
async def take_repeat(ctx: Context, payload: MeetingRepeat) -> Replies:
    """Once: to the summary; a series: how many times."""
    if payload.every_weeks == 0:
        await ctx.goto("meet_summary", **{**ctx.data, "every": 0, "count": None})
        return await ask_summary(ctx)
    await ctx.goto("meet_count", **{**ctx.data, "every": payload.every_weeks})
    return await ask_count(ctx)


async def ask_count(ctx: Context) -> Replies:
    """Question: how many meetings, or until the programme's term ends."""
    buttons = [
        ctx.button("btn-meeting-count", MeetingCount(n), count=n) for n in MEETING_COUNTS if n
    ]
    rows = [buttons, [ctx.button("btn-meeting-until-end", MeetingCount(0))]]
    return [ctx.reply("meeting-ask-count", rows)]


@router.button(MeetingCount, states=["meet_count"])
async def take_count(ctx: Context, payload: MeetingCount) -> Replies:
    """The number of meetings chosen."""
    await ctx.goto("meet_summary", **{**ctx.data, "count": payload.count or None})
    return await ask_summary(ctx)


def _details(data: dict[str, Any]) -> tuple[meetings.Details, meetings.Repeat | None]:
    details = meetings.Details(
        start=datetime.fromisoformat(str(data["start"])),
        minutes=int(data["minutes"]),
        place=data.get("place"),
        format=data.get("format"),
        format_note=data.get("format_note"),
        agenda=data.get("agenda"),
        milestone_id=data.get("milestone"),
    )
    every = int(data.get("every") or 0)
    count = data.get("count")
    repeat = meetings.Repeat(every, int(count) if count else None) if every else None
    return details, repeat


async def ask_summary(ctx: Context) -> Replies:
    """The proposal summed up, with Send and Cancel."""
    details, repeat = _details(ctx.data)
    series = ""
    if repeat is not None:
        times = repeat.count or 0
        series = texts.plain(ctx.t("meeting-series", every=repeat.every_weeks, count=times))
    text = ctx.t(
        "meeting-summary",
        when=when_text(details.start, _me(ctx)),
        minutes=details.minutes,
        place=details.place or "—",
        agenda=details.agenda or "—",
        series=series or "—",
    )
    rows = [
        [
            ctx.button("btn-meeting-send", SendMeeting()),
            ctx.button("btn-cancel", MeetingSkip()),
        ]
    ]
    return [Reply(text, rows)]


@router.button(SendMeeting, states=["meet_summary"])
async def send(ctx: Context, payload: SendMeeting) -> Replies:
    """Send the proposal; over another meeting of someone invited, warn first."""
    programme = await _programme(ctx)
    details, repeat = _details(ctx.data)
    if not payload.despite_clash:
        people = [p.id for _, p in await programmes.members(ctx.session, programme.id)]
        if await meetings.clashes(ctx.session, people, details.start, details.minutes):
            rows = [
                [
                    ctx.button("btn-meeting-send-anyway", SendMeeting(True)),
                    ctx.button("btn-cancel", MeetingSkip()),
                ]
            ]
            return [ctx.reply("meeting-clash-warning", rows)]
    await ctx.finish()
    await meetings.propose(
        ctx.session,
        programme,
        _me(ctx),
        details,
        ctx.now,
        repeat=repeat,
        despite_clash=payload.despite_clash,
    )
    return [ctx.reply("meeting-sent", [[ctx.button("btn-meetings", MeetingList(0))]])]


@router.button(
    MeetingSkip, states=["meet_place", "meet_format", "meet_agenda", "meet_covers", "meet_summary"]
)
async def skip(ctx: Context, _: MeetingSkip) -> Replies:
    """No answer to the question under way; at the summary, the proposal is dropped."""
    if ctx.state == "meet_summary":
        await ctx.finish()
        return [ctx.reply("meeting-dropped", help_hint(ctx))]
    if ctx.state == "meet_place":
        return await _to_format(ctx, None)
    if ctx.state == "meet_format":
        return await _to_agenda(ctx, None, None)
    if ctx.state == "meet_agenda":
        return await _to_covers(ctx, None)
    return await _to_repeat(ctx, None)


router.state("meet_day", ask_day, take_typed)
router.state("meet_slot", ask_slot, take_typed)
router.state("meet_len", ask_length)
router.state("meet_place", ask_place, take_place)
router.state("meet_agenda", ask_agenda, take_agenda)
router.state("meet_covers", ask_covers)
router.state("meet_repeat", ask_repeat)
router.state("meet_count", ask_count)
router.state("meet_summary", ask_summary)
router.wizard("meeting", STATES, roles=(), start=None)
FORMAT.register(router)
