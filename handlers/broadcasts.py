"""Curator: /broadcast — an announcement typed (one photo or document may come with it), an
audience, a preview with the accounts per platform and those skipped, Send. Then the card (the
message Send was pressed on, kept up to date by the broadcaster as it goes): the figures,
Pause / Resume / Cancel, and the file of those not reached; the final report comes when the last
delivery is recorded."""

from __future__ import annotations

from markupsafe import Markup, escape
from sqlalchemy.ext.asyncio import AsyncSession

from bot import banks_csv
from bot.config import SUPPORTED_LOCALES
from bot.core import formatting, texts
from bot.core.conversation import Button, FetchFailed, File, Reply, TooLarge
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Account, Broadcast, Notification, Person, StoredFile
from bot.core.refusal import Refusal, StaleButton
from bot.core.services import broadcasts, campaigns, surveys
from handlers.buttons import (
    Announcements,
    BroadcastBack,
    BroadcastCard,
    BroadcastSend,
    BroadcastTo,
)
from handlers.campaign_card import segment_text
from handlers.campaigns import segment_values
from handlers.notifications import renderer
from handlers.survey_view import said

router = Router()
STATES = ("bc_text", "bc_audience", "bc_confirm")
RUNS = 7  # survey runs as buttons, with Cancel, within VK's ten
NEEDS_VALUE = ("form", "pair_type", "programme", "survey")


def _cancel(ctx: Context) -> list[Button]:
    return [ctx.button("btn-cancel", BroadcastSend(confirm=False))]


@router.command("broadcast", roles=STAFF, aliases=("объявление", "рассылка"))
async def broadcast(ctx: Context) -> Replies:
    """Start the wizard (or offer to continue the one left in the middle)."""
    return await ctx.router.begin(ctx, "broadcast")


async def begin(ctx: Context) -> Replies:
    """Step 1: the text."""
    await ctx.goto("bc_text")
    return await ask_text(ctx)


async def ask_text(ctx: Context) -> Replies:
    """The announcement, typed; a photo or document may come with it."""
    return [ctx.reply("broadcast-ask-text", [_cancel(ctx)], limit=broadcasts.MAX_TEXT)]


async def take_text(ctx: Context) -> Replies:
    """The text checked, its one file kept; the audience next."""
    assert ctx.person is not None
    broadcasts.check_text(ctx.incoming.text or "")
    text = formatting.clean(ctx.incoming.formatted or escape(ctx.incoming.text or "")).strip()
    attachments = ctx.incoming.attachments
    if len(attachments) > 1:
        raise Refusal("broadcast-one-file")
    file_id = None
    if attachments:
        try:
            content = await attachments[0].read(ctx.settings.max_upload_bytes)
        except TooLarge:
            raise Refusal("upload-too-large", mb=ctx.settings.max_upload_mb) from None
        except FetchFailed:
            raise Refusal("upload-failed") from None
        stored = StoredFile(
            person_id=ctx.person.id,
            name=attachments[0].name,
            mime=attachments[0].mime,
            size=len(content),
            content=content,
        )
        ctx.session.add(stored)
        await ctx.session.flush()
        file_id = stored.id
    await ctx.goto("bc_audience", text=text, file=file_id)
    return await ask_audience(ctx)


async def ask_audience(ctx: Context) -> Replies:
    """Step 2: everyone, a role, parents of minors, a form, a pair type, a programme, or those
    yet to answer a survey."""
    kinds = ("all", "mentors", "mentees", "parents", "form", "pair_type", "programme", "survey")
    flat = [
        ctx.button(f"btn-broadcast-{k}", BroadcastTo(k))  # type: ignore[arg-type]
        for k in kinds
    ]
    rows = [flat[i : i + 2] for i in range(0, len(flat), 2)]
    return [ctx.reply("broadcast-ask-audience", [*rows, _cancel(ctx)])]


def _make(kind: str, value: str) -> BroadcastTo:
    return BroadcastTo(kind, value)  # type: ignore[arg-type]


async def _choices(ctx: Context, kind: str) -> list[Button]:
    if kind != "survey":
        return await segment_values(ctx, kind, _make)
    buttons = []
    for run in await campaigns.runs(ctx.session, RUNS):
        title = said((await surveys.definition_of(ctx.session, run))["title"], ctx.locale)
        buttons.append(Button(title[:40], BroadcastTo("survey", str(run.id)).pack()))
    return buttons


@router.button(BroadcastTo, states=["bc_audience"], roles=STAFF)
async def pick_audience(ctx: Context, payload: BroadcastTo) -> Replies:
    """The audience chosen (its value asked next where it needs one); the preview next."""
    if payload.kind in NEEDS_VALUE and payload.value is None:
        buttons = await _choices(ctx, payload.kind)
        if not buttons:
            raise Refusal(f"broadcast-no-{payload.kind}")
        rows = [[b] for b in buttons]
        return [ctx.reply(f"broadcast-ask-{payload.kind}", [*rows, _cancel(ctx)])]
    audience = broadcasts.Audience(payload.kind, payload.value)
    assert ctx.person is not None
    await broadcasts.preview(ctx.session, audience, ctx.person.id)  # a forged value refused here
    await ctx.goto("bc_confirm", **{**ctx.data, "kind": audience.kind, "value": audience.value})
    return await ask_confirm(ctx)


def _text(ctx: Context) -> Markup:
    """The announcement as kept in the wizard, cleaned again (so a draft begun before
    announcements kept their formatting reads as it was typed)."""
    return formatting.clean(str(ctx.data["text"]))


def _audience(ctx: Context) -> broadcasts.Audience:
    return broadcasts.Audience(str(ctx.data["kind"]), ctx.data.get("value"))


def audience_text(ctx: Context, kind: str, value: str | None) -> str:
    """An audience in words."""
    if kind in ("parents", "survey"):
        return texts.plain(ctx.t(f"broadcast-audience-{kind}", id=value or ""))
    return segment_text(ctx, kind, value)


async def ask_confirm(ctx: Context) -> Replies:
    """Step 3: the text as people will see it, whom it reaches per platform, who is skipped."""
    assert ctx.person is not None
    audience = _audience(ctx)
    found = await broadcasts.preview(ctx.session, audience, ctx.person.id)
    summary = ctx.t(
        "broadcast-preview",
        audience=audience_text(ctx, audience.kind, audience.value),
        telegram=found.accounts.get("telegram", 0),
        vk=found.accounts.get("vk", 0),
        other=sum(n for p, n in found.accounts.items() if p not in ("telegram", "vk")),
        skipped=found.skipped,
        file=int(ctx.data.get("file") is not None),
    )
    shown = Reply(Markup("{}\n\n{}").format(summary, _text(ctx)))
    back = ctx.button("btn-broadcast-back", BroadcastBack())
    if not sum(found.accounts.values()):  # nobody to send to: choose another audience
        return [shown, Reply(ctx.t("broadcast-nobody"), [[back], _cancel(ctx)])]
    send = ctx.button("btn-broadcast-send", BroadcastSend(confirm=True))
    return [shown, Reply(ctx.t("broadcast-confirm"), [[send], [back, *_cancel(ctx)]])]


@router.button(BroadcastBack, states=["bc_confirm"], roles=STAFF)
async def choose_again(ctx: Context, payload: BroadcastBack) -> Replies:
    """Back from the preview to the audience; the text and the file are kept."""
    await ctx.goto("bc_audience", text=ctx.data["text"], file=ctx.data.get("file"))
    return await ask_audience(ctx)


async def _upload(ctx: Context) -> broadcasts.Upload | None:
    file_id = ctx.data.get("file")
    if file_id is None:
        return None
    stored = await ctx.session.get(StoredFile, int(file_id))
    if stored is None or ctx.person is None or stored.person_id != ctx.person.id:
        raise StaleButton()
    upload = broadcasts.Upload(stored.name, stored.mime, stored.content)
    await ctx.session.delete(stored)
    return upload


@router.button(BroadcastSend, states=STATES, roles=STAFF)
async def send(ctx: Context, payload: BroadcastSend) -> Replies:
    """Freeze the recipients and send, or drop it all."""
    assert ctx.person is not None
    if not payload.confirm:
        if ctx.data.get("file") is not None:
            await _upload(ctx)  # the kept file goes too
        await ctx.finish()
        return [ctx.reply("cancel-done")]
    if ctx.state != "bc_confirm":
        raise StaleButton()
    upload = await _upload(ctx)
    text = _text(ctx)
    audience, sender = _audience(ctx), ctx.person.id
    found = await broadcasts.create(ctx.session, text, upload, audience, sender, ctx.now)
    if ctx.incoming.message is not None:  # the broadcaster keeps this message up to date
        found.progress_account_id, found.progress_message = ctx.account.id, ctx.incoming.message
    await ctx.finish()
    return [await card(ctx.session, found.id, ctx.locale, "broadcast-started")]


async def card(session: AsyncSession, broadcast_id: int, locale: str, heading: str) -> Reply:
    """The figures as they are now, with the controls the broadcast's state allows, shown in
    place of the message whose button was pressed."""
    found = await broadcasts.figures(session, broadcast_id)
    text = texts.t(
        heading,
        locale,
        id=broadcast_id,
        sent=found.sent,
        pending=found.pending,
        failed=found.failed,
        skipped=found.skipped,
        status=texts.t(f"broadcast-status-{found.status}", locale),
    )
    acts = {"sending": ("pause", "cancel"), "paused": ("resume", "cancel")}
    keys = ["open", *acts.get(found.status, ())]
    labels = [(texts.t(f"btn-broadcast-{a}", locale), BroadcastCard(broadcast_id, a)) for a in keys]
    rows = [[Button(label, payload.pack()) for label, payload in labels]]
    if found.failed:
        csv = BroadcastCard(broadcast_id, "csv").pack()
        rows.append([Button(texts.t("btn-broadcast-csv", locale), csv)])
    return Reply(text, rows, replace=True)


def stop_buttons(locale: str | None) -> list[list[Button]]:
    """Under every announcement: receive no more (the settings' switch, turned off)."""
    label = texts.t("btn-broadcast-stop", locale or SUPPORTED_LOCALES[0])
    return [[Button(label, Announcements(on=False).pack())]]


async def progress(session: AsyncSession, broadcast: Broadcast) -> tuple[Account, Reply] | None:
    """The card as the broadcaster shows it in the curator's progress message, and whose chat
    that message is in (None if there is no such message any more)."""
    if broadcast.progress_account_id is None or broadcast.progress_message is None:
        return None
    account = await session.get(Account, broadcast.progress_account_id)
    if account is None or account.person is None:
        return None
    locale = account.locale or account.person.locale
    return account, await card(session, broadcast.id, locale, "broadcast-card")


@router.button(BroadcastCard, roles=STAFF, keeps_flow=True)
async def act(ctx: Context, payload: BroadcastCard) -> Replies:
    """Refresh the card, pause, resume or cancel, or the file of those not reached."""
    if payload.act == "csv":
        return [await not_reached_file(ctx.session, payload.broadcast_id, ctx.locale)]
    if payload.act != "open":
        await broadcasts.control(ctx.session, payload.broadcast_id, payload.act, ctx.now)
    return [await card(ctx.session, payload.broadcast_id, ctx.locale, "broadcast-card")]


async def not_reached_file(session: AsyncSession, broadcast_id: int, locale: str) -> Reply:
    """Who was not reached, as a CSV file."""
    rows = await broadcasts.not_reached(session, broadcast_id)
    header = [texts.plain(texts.t(f"broadcast-csv-{k}", locale)) for k in rows_keys()]
    lines = ([str(r[k]) for k in rows_keys()] for r in rows)
    content = banks_csv.csv_bytes(header, lines, locale)
    file = File(f"broadcast-{broadcast_id}-not-reached.csv", content, "text/csv")
    return Reply(texts.t("broadcast-csv", locale, count=len(rows)), file=file)


def rows_keys() -> tuple[str, ...]:
    """The columns of the file of those not reached."""
    return ("address", "name", "status", "reason")


@renderer("broadcast-done")
async def report(session: AsyncSession, row: Notification, person: Person) -> list[Reply] | None:
    """The final report: the figures, and the file of those not reached if anyone was not."""
    found = await broadcasts.figures(session, row.subject_id)
    text = texts.t(
        "broadcast-report",
        person.locale,
        id=row.subject_id,
        sent=found.sent,
        failed=found.failed,
        skipped=found.skipped,
    )
    replies = [Reply(text)]
    if found.failed:
        replies.append(await not_reached_file(session, row.subject_id, person.locale))
    return replies


router.state("bc_text", ask_text, take_text)
router.state("bc_audience", ask_audience)
router.state("bc_confirm", ask_confirm)
router.wizard("broadcast", STATES, roles=STAFF, start=begin)
