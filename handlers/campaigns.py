"""Curator: send a survey — which survey, to whom (everyone, mentors, mentees, a form, a pair
type or one programme), until when (buttons, or a date typed on the curator's clock); then a
summary with the number of recipients, and Send. Cancel at every step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core import dates, organisation, survey_files
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Form
from bot.core.payload import Payload
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import campaigns, programmes
from handlers.buttons import (
    CAMPAIGN_DAYS,
    CampaignCard,
    CampaignFile,
    CampaignNew,
    CampaignProgramme,
    CampaignSend,
    CampaignTo,
    CampaignUntil,
)
from handlers.campaign_card import segment_text, until
from handlers.programme import label
from handlers.survey_view import said

router = Router()
LISTED = 8  # surveys, pair types or programmes as buttons, with Cancel within VK's ten
STATES = ("cp_file", "cp_segment", "cp_until", "cp_confirm")


def _cancel(ctx: Context) -> list[Button]:
    return [ctx.button("btn-cancel", CampaignSend(confirm=False))]


@router.button(CampaignNew, roles=STAFF)
async def new_campaign(ctx: Context, _: CampaignNew) -> Replies:
    """Start the wizard (or offer to continue the one left in the middle)."""
    return await ctx.router.begin(ctx, "campaign")


async def begin(ctx: Context) -> Replies:
    """Step 1: the survey."""
    await ctx.goto("cp_file")
    return await ask_file(ctx)


async def ask_file(ctx: Context) -> Replies:
    """Every survey file, by its title."""
    rows = [
        [Button(said(survey_files.definition(key)["title"], ctx.locale), CampaignFile(key).pack())]
        for key in survey_files.names()[:LISTED]
    ]
    return [ctx.reply("campaign-ask-file", [*rows, _cancel(ctx)])]


@router.button(CampaignFile, states=["cp_file"], roles=STAFF)
async def pick_file(ctx: Context, payload: CampaignFile) -> Replies:
    """The survey chosen; whom to send it to next."""
    if payload.key not in survey_files.names():
        raise StaleButton()
    await ctx.goto("cp_segment", key=payload.key)
    return await ask_segment(ctx)


async def ask_segment(ctx: Context) -> Replies:
    """Step 2: everyone, a role, or a form, pair type or programme (chosen next)."""
    rows = [
        [ctx.button("btn-campaign-all", CampaignTo("all"))],
        [
            ctx.button("btn-campaign-mentors", CampaignTo("mentors")),
            ctx.button("btn-campaign-mentees", CampaignTo("mentees")),
        ],
        [
            ctx.button("btn-campaign-form", CampaignTo("form")),
            ctx.button("btn-campaign-pair_type", CampaignTo("pair_type")),
        ],
        [ctx.button("btn-campaign-programme", CampaignTo("programme"))],
        _cancel(ctx),
    ]
    return [ctx.reply("campaign-ask-segment", rows)]


Make = Callable[[str, str], Payload]


async def segment_values(ctx: Context, segment: str, make: Make) -> list[Button]:
    """The forms, the pair types of active programmes, or the active programmes to choose, as
    buttons whose payload `make(segment, value)` builds (shared with broadcasts)."""
    if segment == "form":
        return [ctx.button(f"form-{f.value}", make("form", f.value)) for f in Form]
    active = await campaigns.active_programmes(ctx.session)
    if segment == "pair_type":
        keys = list(dict.fromkeys(p.pair_type for p in active))[:LISTED]
        org = organisation.current()
        return [
            Button(org.label("pair_types", k, ctx.locale) or k, make("pair_type", k).pack())
            for k in keys
        ]
    buttons = []
    for programme in active[:LISTED]:
        names = [p.name or "—" for _, p in await programmes.members(ctx.session, programme.id)]
        payload = make("programme", str(programme.id)).pack()
        buttons.append(Button(label(ctx, programme, names), payload))
    return buttons


def _make(segment: str, value: str) -> Payload:
    if segment == "programme":
        return CampaignProgramme(int(value))
    return CampaignTo(segment, value)  # type: ignore[arg-type]


@router.button(CampaignTo, states=["cp_segment"], roles=STAFF)
async def pick_segment(ctx: Context, payload: CampaignTo) -> Replies:
    """The segment chosen (its form, pair type or programme asked next); the deadline next."""
    if payload.segment in ("form", "pair_type", "programme") and payload.value is None:
        buttons = await segment_values(ctx, payload.segment, _make)
        if not buttons:
            raise Refusal("campaign-no-programmes")
        rows = [[b] for b in buttons]
        return [ctx.reply(f"campaign-ask-{payload.segment}", [*rows, _cancel(ctx)])]
    return await _set_segment(ctx, campaigns.Segment(payload.segment, payload.value))


@router.button(CampaignProgramme, states=["cp_segment"], roles=STAFF)
async def pick_programme(ctx: Context, payload: CampaignProgramme) -> Replies:
    """One programme's members."""
    return await _set_segment(ctx, campaigns.Segment("programme", str(payload.programme_id)))


async def _set_segment(ctx: Context, segment: campaigns.Segment) -> Replies:
    await campaigns.check(ctx.session, segment)  # a forged form or programme is refused here
    if not await campaigns.recipients(ctx.session, segment, str(ctx.data["key"])):
        raise Refusal("campaign-nobody")
    await ctx.goto("cp_until", **{**ctx.data, "segment": segment.kind, "value": segment.value})
    return await ask_until(ctx)


async def ask_until(ctx: Context) -> Replies:
    """Step 3: until when answers are taken: buttons, or a date typed."""
    row = [ctx.button("btn-campaign-days", CampaignUntil(d), days=d) for d in CAMPAIGN_DAYS]
    return [ctx.reply("campaign-ask-until", [row, _cancel(ctx)])]


async def _set_until(ctx: Context, day: date) -> Replies:
    """Answers are taken until the end of `day` on the curator's clock; a day past is refused."""
    assert ctx.person is not None
    zone = ZoneInfo(ctx.person.timezone)
    closes_at = datetime.combine(day + timedelta(days=1), time(), zone) - timedelta(minutes=1)
    if closes_at <= ctx.now:
        raise Refusal("campaign-deadline-past")
    await ctx.goto("cp_confirm", **{**ctx.data, "closes_at": closes_at.isoformat()})
    return await ask_confirm(ctx)


@router.button(CampaignUntil, states=["cp_until"], roles=STAFF)
async def pick_until(ctx: Context, payload: CampaignUntil) -> Replies:
    """A deadline button: the end of the day that many days ahead."""
    return await _set_until(ctx, ctx.today + timedelta(days=payload.days))


async def type_until(ctx: Context) -> Replies:
    """A deadline typed: «25 декабря», «через неделю», «25.12»."""
    day = dates.parse_date(ctx.incoming.text or "", ctx.today)
    if day is None:
        raise Refusal("campaign-deadline-unclear")
    return await _set_until(ctx, day)


def _segment(ctx: Context) -> campaigns.Segment:
    return campaigns.Segment(str(ctx.data["segment"]), ctx.data.get("value"))


async def ask_confirm(ctx: Context) -> Replies:
    """Step 4: the survey, whom it goes to and how many they are now, the deadline; Send."""
    assert ctx.person is not None
    segment = _segment(ctx)
    key = str(ctx.data["key"])
    found = await campaigns.recipients(ctx.session, segment, key)
    text = ctx.t(
        "campaign-summary",
        title=said(survey_files.definition(key)["title"], ctx.locale),
        segment=segment_text(ctx, segment.kind, segment.value),
        count=len([i for i in found if i[0] != ctx.person.id]),
        until=until(ctx, datetime.fromisoformat(str(ctx.data["closes_at"]))),
    )
    rows = [[ctx.button("btn-campaign-send", CampaignSend(confirm=True)), *_cancel(ctx)]]
    return [Reply(text, rows)]


@router.button(CampaignSend, states=STATES, roles=STAFF)
async def send(ctx: Context, payload: CampaignSend) -> Replies:
    """Send the survey to the segment as it is now (frozen on the run), or drop it all."""
    assert ctx.person is not None
    if not payload.confirm:
        await ctx.finish()
        return [ctx.reply("cancel-done")]
    if ctx.state != "cp_confirm":
        raise StaleButton()
    run, invited = await campaigns.send(
        ctx.session,
        str(ctx.data["key"]),
        _segment(ctx),
        datetime.fromisoformat(str(ctx.data["closes_at"])),
        ctx.now,
        ctx.person.id,
    )
    await ctx.finish()
    button = ctx.button("btn-campaign-open", CampaignCard(run.id))
    return [ctx.reply("campaign-sent", [[button]], count=invited)]


router.state("cp_file", ask_file)
router.state("cp_segment", ask_segment)
router.state("cp_until", ask_until, type_until)
router.state("cp_confirm", ask_confirm)
router.wizard("campaign", STATES, roles=STAFF, start=begin)
