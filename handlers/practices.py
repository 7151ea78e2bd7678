"""/practices, the methodological collection: approved practices by form and by format of work,
one practice with its files; a mentor's own practices and «Предложить практику»; for a curator,
«В медиаплан» on an approved one."""

from __future__ import annotations

from bot.core import organisation
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import STAFF, Form, Person, Practice, PracticeStatus, Role
from bot.core.refusal import StaleButton
from bot.core.services import practice_media, practices
from bot.core.services.mediaplan_schedule import plan_of
from handlers import mediaplan, practice_view
from handlers.common import help_hint
from handlers.pages import page_rows
from handlers.practice_buttons import (
    PracticeBrowse,
    PracticeFiles,
    PracticeMedia,
    PracticeNew,
    PracticeOpen,
    PracticeRework,
)

router = Router()
PAGE = 4  # practices one a row, the page switch and «Назад»: within VK's six rows
HOME = PracticeBrowse("home")


@router.command("practices", aliases=("практики", "копилка"))
async def home(ctx: Context) -> Replies:
    """The collection's start: its forms (with how many practices each), the formats, and for a
    mentor their own practices and a new one."""
    return await _home(ctx, replace=False)


async def _home(ctx: Context, replace: bool) -> Replies:
    by_form = await practices.counts(ctx.session, "form")
    forms = [
        ctx.button("btn-practices-form", PracticeBrowse("form", f.value), form=ctx.t(f"form-{f}"),
                   n=by_form[f.value])
        for f in Form
        if f.value in by_form
    ]  # fmt: skip
    rows = [forms[i : i + 2] for i in range(0, len(forms), 2)]
    if by_form:
        rows.append([ctx.button("btn-practices-formats", PracticeBrowse("format"))])
    if ctx.has_role(frozenset({Role.MENTOR})):
        rows.append(
            [
                ctx.button("btn-practices-mine", PracticeBrowse("mine")),
                ctx.button("btn-practices-new", PracticeNew()),
            ]
        )
    key = "practices-home" if by_form else "practices-empty"
    text = ctx.t(key, n=sum(by_form.values()))
    return [Reply(text, [*rows, *help_hint(ctx)], replace=replace)]


def reader(ctx: Context) -> Person:
    """The registered person pressing a button of the collection; else a stale button."""
    if not ctx.registered or ctx.person is None:
        raise StaleButton()
    return ctx.person


@router.button(PracticeBrowse)
async def browse(ctx: Context, payload: PracticeBrowse) -> Replies:
    """A list: the practices of a form or a format, the formats, or one's own."""
    person = reader(ctx)
    if payload.by == "home":
        return await _home(ctx, replace=True)
    if payload.by == "format" and payload.key is None:
        return _formats(ctx, await practices.counts(ctx.session, "format"), payload.page)
    if payload.by == "mine":
        found = await practices.mine(ctx.session, person.id)
        heading = ctx.t("practices-mine", n=len(found))
    elif payload.by == "form":
        if payload.key not in {f.value for f in Form}:
            return [ctx.reply("practices-none", [[ctx.button("btn-back", HOME)]])]
        found = await practices.approved(ctx.session, form=payload.key)
        heading = ctx.t("practices-of-form", form=ctx.t(f"form-{payload.key}"), n=len(found))
    else:
        key = payload.key or ""
        found = await practices.approved(ctx.session, format=key)
        shown = organisation.shown("formats", key, None, ctx.locale)
        heading = ctx.t("practices-of-format", format=shown, n=len(found))
    buttons = [_button(ctx, p, mine=payload.by == "mine") for p in found]
    rows = page_rows(
        ctx, buttons, payload.page, PAGE, lambda n: PracticeBrowse(payload.by, payload.key, n)
    )
    return [Reply(heading, [*rows, [ctx.button("btn-back", HOME)]], replace=True)]


def _button(ctx: Context, practice: Practice, mine: bool) -> Button:
    title = practice_view.label(practice, ctx.locale)
    if mine:
        status = ctx.t(f"practice-status-{practice.status}")
        return ctx.button(
            "btn-practice-mine", PracticeOpen(practice.id), title=title, status=status
        )
    return Button(title, PracticeOpen(practice.id).pack())


def _formats(ctx: Context, by_format: dict[str, int], page: int) -> Replies:
    """The formats of work that have approved practices, with how many each."""
    buttons = [
        ctx.button(
            "btn-practices-format", PracticeBrowse("format", key),
            format=organisation.shown("formats", key, None, ctx.locale), n=n,
        )
        for key, n in sorted(by_format.items())
    ]  # fmt: skip
    rows = page_rows(ctx, buttons, page, PAGE, lambda n: PracticeBrowse("format", None, n))
    back = [ctx.button("btn-back", HOME)]
    return [Reply(ctx.t("practices-formats"), [*rows, back], replace=True)]


@router.button(PracticeOpen)
async def open_practice(ctx: Context, payload: PracticeOpen) -> Replies:
    """One practice: approved for everyone; the author and staff see its status too, and what
    they can do with it."""
    person = reader(ctx)
    practice = await practices.visible(ctx.session, payload.practice_id, person, ctx.is_staff)
    own = practice.author_id == person.id
    text = await practice_view.card(
        ctx.session, practice, ctx.locale, status=own or ctx.is_staff, comment=own or ctx.is_staff
    )
    return [Reply(text, await _actions(ctx, practice, own))]


async def _actions(ctx: Context, practice: Practice, own: bool) -> list[list[Button]]:
    rows = []
    count = len(await practices.files(ctx.session, practice.id))
    if count:
        rows.append([ctx.button("btn-practice-files", PracticeFiles(practice.id), n=count)])
    if own and practice.status in practices.EDITABLE:
        rows.append([ctx.button("btn-practice-rework", PracticeRework(practice.id))])
    if ctx.is_staff and practice.status == PracticeStatus.APPROVED:
        rows.append([ctx.button("btn-practice-media", PracticeMedia(practice.id))])
    if ctx.is_staff and practice.status == PracticeStatus.SUBMITTED:
        rows += practice_view.review_rows(ctx.locale, practice.id)
    rows.append([ctx.button("btn-practices-home", HOME)])
    return rows


@router.button(PracticeFiles)
async def send_files(ctx: Context, payload: PracticeFiles) -> Replies:
    """The practice's files, one a message; the last one leads back to the practice."""
    practice = await practices.visible(ctx.session, payload.practice_id, reader(ctx), ctx.is_staff)
    replies = await practice_view.file_replies(ctx.session, practice, ctx.locale)
    back = [[ctx.button("btn-practice-back", PracticeOpen(practice.id))]]
    if not replies:
        return [ctx.reply("practice-no-files", back)]
    replies[-1].buttons = back
    return replies


@router.button(PracticeMedia, roles=STAFF)
async def to_media(ctx: Context, payload: PracticeMedia) -> Replies:
    """«В медиаплан»: the practice's longread draft (made once; pressed again, the same one)."""
    assert ctx.person is not None
    locale = plan_of(ctx.settings).locale
    post = await practice_media.longread(
        ctx.session, payload.practice_id, ctx.person.id, locale, ctx.now
    )
    return await mediaplan.card(ctx, post)
