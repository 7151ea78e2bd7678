"""The achievement wizard: title (typed), kind, level and result (buttons), date (typed, read on
the person's own calendar), proof (a photo, a PDF or a link), then the summary to send for the
curator's check. Editing runs it again, each answer kept with one button."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.core import dates, organisation
from bot.core.conversation import FetchFailed, Reply, TooLarge
from bot.core.flow import Context, Replies, Router
from bot.core.models import AchievementLevel, AchievementResult, Person
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import achievements, banks
from handlers import org_choices
from handlers.achievement_card import describe
from handlers.buttons import (
    AchievementKeep,
    AchievementKind,
    AchievementKindPage,
    AchievementLevelChoice,
    AchievementList,
    AchievementResultChoice,
    AchievementSend,
    EditAchievement,
)
from handlers.common import help_hint

router = Router()

STEPS = ("ach_title", "ach_kind", "ach_level", "ach_result", "ach_date", "ach_proof")
SUMMARY = "ach_summary"
KIND_PAGE = 6


def _me(ctx: Context) -> Person:
    assert ctx.person is not None
    return ctx.person


async def start(ctx: Context, owner_id: int) -> Replies:
    """A new achievement for this owner (checked by the caller): its title first."""
    await ctx.goto("ach_title", owner=owner_id)
    return await ask_title(ctx)


@router.button(EditAchievement)
async def edit(ctx: Context, payload: EditAchievement) -> Replies:
    """Change one not yet verified: the wizard again, every answer kept unless changed."""
    found = await achievements.editable(ctx.session, payload.achievement_id, _me(ctx))
    await ctx.goto(
        "ach_title",
        owner=found.person_id,
        edit=found.id,
        title=found.title,
        kind=found.kind,
        level=found.level,
        result=found.result,
        date=found.achieved_on.isoformat(),
        file=found.proof_file_id,
        url=found.proof_url,
    )
    return await ask_title(ctx)


def _keep(ctx: Context) -> list[list[Any]]:
    """«Оставить как было» while editing."""
    if "edit" not in ctx.data:
        return []
    return [[ctx.button("btn-achievement-keep-answer", AchievementKeep())]]


async def _next(ctx: Context, **answer: Any) -> Replies:
    """Take the answer and ask the next question (the summary after the proof)."""
    assert ctx.state is not None
    steps = (*STEPS, SUMMARY)
    following = steps[steps.index(ctx.state) + 1]
    await ctx.goto(following, **{**ctx.data, **answer})
    return await ctx.router.prompt(ctx)


@router.button(AchievementKeep, states=STEPS)
async def keep(ctx: Context, _: AchievementKeep) -> Replies:
    """Editing: this answer stays as it was."""
    if "edit" not in ctx.data:
        return await ctx.router.prompt(ctx)
    return await _next(ctx)


async def ask_title(ctx: Context) -> Replies:
    """Question: what the achievement is called."""
    return [ctx.reply("achievement-ask-title", _keep(ctx), max=achievements.MAX_TITLE)]


async def take_title(ctx: Context) -> Replies:
    """The title typed."""
    title = banks.clean_text(ctx.incoming.text, achievements.MAX_TITLE)
    if title is None:
        raise Refusal("achievement-title-invalid", max=achievements.MAX_TITLE)
    return await _next(ctx, title=title)


def _kinds(ctx: Context, page: int) -> list[list[Any]]:
    rows, last = org_choices.keyboard(
        ctx,
        achievements.KINDS,
        page,
        AchievementKind,
        AchievementKindPage,
        "btn-achievement-more-kinds",
        KIND_PAGE,
    )
    return [*rows, last, *_keep(ctx)]


async def ask_kind(ctx: Context) -> Replies:
    """Question: the kind, from the organisation's list."""
    return [ctx.reply("achievement-ask-kind", _kinds(ctx, 0))]


@router.button(AchievementKindPage, states=["ach_kind"])
async def kind_page(ctx: Context, payload: AchievementKindPage) -> Replies:
    """Another page of kinds, in place."""
    return [Reply(ctx.t("achievement-ask-kind"), _kinds(ctx, payload.page), replace=True)]


@router.button(AchievementKind, states=["ach_kind"])
async def take_kind(ctx: Context, payload: AchievementKind) -> Replies:
    """The kind pressed (one the organisation offers now)."""
    if not organisation.current().offers(achievements.KINDS, payload.key):
        raise StaleButton()
    return await _next(ctx, kind=payload.key)


async def ask_level(ctx: Context) -> Replies:
    """Question: the level of the event."""
    rows = [
        [ctx.button(f"achievement-level-{level}", AchievementLevelChoice(level))]
        for level in AchievementLevel
    ]
    return [ctx.reply("achievement-ask-level", [*rows, *_keep(ctx)])]


@router.button(AchievementLevelChoice, states=["ach_level"])
async def take_level(ctx: Context, payload: AchievementLevelChoice) -> Replies:
    """The level pressed."""
    return await _next(ctx, level=payload.level.value)


async def ask_result(ctx: Context) -> Replies:
    """Question: what was achieved."""
    row = [
        ctx.button(f"achievement-result-{result}", AchievementResultChoice(result))
        for result in AchievementResult
    ]
    return [ctx.reply("achievement-ask-result", [row, *_keep(ctx)])]


@router.button(AchievementResultChoice, states=["ach_result"])
async def take_result(ctx: Context, payload: AchievementResultChoice) -> Replies:
    """The result pressed."""
    return await _next(ctx, result=payload.result.value)


async def ask_date(ctx: Context) -> Replies:
    """Question: when, typed in one's own words."""
    return [ctx.reply("achievement-ask-date", _keep(ctx))]


async def take_date(ctx: Context) -> Replies:
    """The date typed, read on the person's own calendar; a day still ahead is refused."""
    found = dates.parse_date(ctx.incoming.text or "", ctx.today)
    if found is None:
        raise Refusal("achievement-date-invalid")
    if found > ctx.today:
        raise Refusal("achievement-date-future")
    return await _next(ctx, date=found.isoformat())


async def ask_proof(ctx: Context) -> Replies:
    """Question: the proof — a photo, a PDF or a link."""
    return [ctx.reply("achievement-ask-proof", _keep(ctx), mb=ctx.settings.max_upload_mb)]


async def take_proof(ctx: Context) -> Replies:
    """A photo or PDF (kept as the owner's file, within the upload limit) or an http(s) link;
    a file sent earlier in this wizard and now replaced is deleted."""
    owner = int(ctx.data["owner"])
    if not ctx.incoming.attachments:
        url = achievements.clean_url(ctx.incoming.text)
        if url is None:
            raise Refusal("achievement-proof-invalid", mb=ctx.settings.max_upload_mb)
        await _drop_unsent(ctx)
        return await _next(ctx, file=None, url=url)
    attachment = ctx.incoming.attachments[0]
    achievements.check_file(attachment.mime)
    try:
        content = await attachment.read(ctx.settings.max_upload_bytes)
    except TooLarge:
        raise Refusal("upload-too-large", mb=ctx.settings.max_upload_mb) from None
    except FetchFailed:
        raise Refusal("upload-failed") from None
    stored = await achievements.store_proof(
        ctx.session, owner, attachment.name, attachment.mime, content
    )
    await _drop_unsent(ctx)
    return await _next(ctx, file=stored.id, url=None)


async def _drop_unsent(ctx: Context) -> None:
    """The file of this wizard no achievement holds yet goes (an edited one's stays)."""
    file_id = ctx.data.get("file")
    await achievements.drop_proof(ctx.session, int(file_id) if file_id else None)


def _draft(data: dict[str, Any]) -> achievements.Draft:
    file_id = data.get("file")
    return achievements.Draft(
        title=str(data["title"]),
        kind=str(data["kind"]),
        level=AchievementLevel(data["level"]),
        result=AchievementResult(data["result"]),
        achieved_on=date.fromisoformat(str(data["date"])),
        proof=achievements.Proof(int(file_id) if file_id else None, data.get("url")),
    )


async def ask_summary(ctx: Context) -> Replies:
    """The achievement summed up, with «Отправить на проверку» and «Отмена»."""
    d = _draft(ctx.data)
    details = describe(ctx.locale, d.title, d.kind, d.level, d.result, d.achieved_on)
    proof = (
        ctx.t("achievement-proof-link", url=d.proof.url)
        if d.proof.url
        else ctx.t("achievement-proof-file")
    )
    rows = [
        [
            ctx.button("btn-achievement-send", AchievementSend(True)),
            ctx.button("btn-cancel", AchievementSend(False)),
        ]
    ]
    return [ctx.reply("achievement-summary", rows, details=details, proof=proof)]


@router.button(AchievementSend, states=[SUMMARY])
async def send(ctx: Context, payload: AchievementSend) -> Replies:
    """Send it for the check (a new one, or the edited one again), or drop it."""
    data = dict(ctx.data)
    await ctx.finish()
    me = _me(ctx)
    back = (
        [[ctx.button("btn-achievements", AchievementList())]]
        if int(data["owner"]) == me.id
        else help_hint(ctx)
    )
    if not payload.send:
        await achievements.drop_proof(ctx.session, data.get("file"))  # not an edited one's
        return [ctx.reply("achievement-dropped", back)]
    draft = _draft(data)
    if "edit" in data:
        await achievements.resubmit(ctx.session, me, int(data["edit"]), draft, ctx.today, ctx.now)
    else:
        await achievements.add(ctx.session, me, int(data["owner"]), draft, ctx.today, ctx.now)
    return [ctx.reply("achievement-sent", back, title=draft.title)]


router.state("ach_title", ask_title, take_title)
router.state("ach_kind", ask_kind)
router.state("ach_level", ask_level)
router.state("ach_result", ask_result)
router.state("ach_date", ask_date, take_date)
router.state("ach_proof", ask_proof, take_proof)
router.state(SUMMARY, ask_summary)
router.wizard("achievement", (*STEPS, SUMMARY), roles=(), start=None)
