"""/banks: the curator browses the banks of mentors and mentees, page by page, with filters.

Every screen is reached by a button whose payload carries the whole view (bank, filters, page),
e.g. `bank-list:list:mentor:virtual:y:n:2`, so nothing is kept between presses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup
from sqlalchemy import func, or_, select

from bot.core import texts
from bot.core.conversation import MAX_LABEL_CHARS, Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    STAFF,
    Form,
    Person,
    PersonStatus,
    Profile,
    Programme,
    ProgrammeMember,
    Role,
)
from bot.core.services import banks
from handlers.buttons import (
    BankAct,
    BankCard,
    BankHome,
    BankList,
    BankRole,
    PortfolioView,
    WriteTo,
)
from handlers.common import help_hint

router = Router()

FORM_KEYS = {
    Form.VIRTUAL: "form-virtual",
    Form.GOAL: "form-goal",
    Form.REVERSE: "form-reverse",
    Form.SITUATIONAL: "form-situational",
    Form.SPEED: "form-speed",
}
TICK = "✓ "


@dataclass(frozen=True)
class View:
    """One bank listing: which bank, which filters, which page."""

    role: Role
    form: Form | None = None
    only_free: bool = False
    only_unmatched: bool = False
    page: int = 0

    @property
    def filtered(self) -> bool:
        """True when any filter narrows the list."""
        return self.form is not None or self.only_free or self.only_unmatched

    @property
    def bank(self) -> BankRole:
        """The bank as payloads name it."""
        return "mentor" if self.role == Role.MENTOR else "mentee"

    def listing(self, act: BankAct) -> BankList:
        """The button payload showing this view."""
        return BankList(act, self.bank, self.form, self.only_free, self.only_unmatched, self.page)

    def card(self, person_id: int) -> BankCard:
        """The button payload of a person's card, with the way back to this view."""
        return BankCard(
            person_id, self.bank, self.form, self.only_free, self.only_unmatched, self.page
        )

    @classmethod
    def of(cls, payload: BankList | BankCard) -> View:
        """The view a payload carries."""
        return cls(Role(payload.role), payload.form, payload.free, payload.unmatched, payload.page)


def _label(ctx: Context, key: str, name: str, **params: object) -> str:
    """A button label with a person's name, the name shortened to fit the platforms' limit."""
    label = texts.plain(ctx.t(key, name=name, **params))
    excess = len(label) - MAX_LABEL_CHARS
    if excess > 0:
        short = name[: max(len(name) - excess - 1, 1)].rstrip() + "…"
        label = texts.plain(ctx.t(key, name=short, **params))
    return label


def _form_name(ctx: Context, form: Form) -> str:
    return texts.plain(ctx.t(FORM_KEYS[form]))


@router.command("banks", roles=STAFF, aliases=("банки",))
async def banks_command(ctx: Context) -> Replies:
    """The banks' figures and a button for each bank."""
    return await home(ctx, in_place=False)


@router.button(BankHome, roles=STAFF)
async def home_button(ctx: Context, _: BankHome) -> Replies:
    """Back to the banks' figures, in place."""
    return await home(ctx, in_place=True)


@router.button(BankList, roles=STAFF)
async def list_button(ctx: Context, payload: BankList) -> Replies:
    """A list with its filters above it, the list or the filters alone, or the form chooser."""
    view = View.of(payload)
    if payload.act == "open":
        return controls(ctx, view, in_place=True) + await listing(ctx, view, in_place=False)
    if payload.act == "list":
        return await listing(ctx, view, in_place=True)
    if payload.act == "filters":
        return controls(ctx, view, in_place=True)
    return [Reply(ctx.t("bank-form-choose"), form_chooser(ctx, view), replace=True)]


@router.button(BankCard, roles=STAFF)
async def card_button(ctx: Context, payload: BankCard) -> Replies:
    """A person's card."""
    return await card(ctx, payload.person_id, View.of(payload))


async def home(ctx: Context, in_place: bool) -> Replies:
    """How many people each bank holds, and the way into each."""
    mentors = await banks.bank(ctx.session, Role.MENTOR)
    mentees = await banks.bank(ctx.session, Role.MENTEE)
    text = ctx.t(
        "bank-home",
        mentors=len(mentors),
        free=sum(1 for entry in mentors if entry.free > 0),
        mentees=len(mentees),
        unmatched=sum(1 for entry in mentees if entry.taken == 0),
    )
    buttons = [
        [
            ctx.button("btn-bank-mentors", View(Role.MENTOR).listing("open")),
            ctx.button("btn-bank-mentees", View(Role.MENTEE).listing("open")),
        ],
        *help_hint(ctx),
    ]
    return [Reply(text, buttons, replace=in_place)]


async def listing(ctx: Context, view: View, in_place: bool) -> Replies:
    """One page of a bank: people two to a row, then Previous / Next.

    The filters are in a message of their own just above (`controls`): eight people, paging and
    filters would not fit in one VK keyboard (at most 10 buttons in 6 rows).
    """
    entries = await banks.bank(
        ctx.session,
        view.role,
        form=view.form,
        only_free=view.only_free,
        only_unmatched=view.only_unmatched,
    )
    pages = max((len(entries) + banks.PAGE - 1) // banks.PAGE, 1)
    view = replace(view, page=min(view.page, pages - 1))
    shown = entries[view.page * banks.PAGE : (view.page + 1) * banks.PAGE]
    title = "bank-mentors-title" if view.role == Role.MENTOR else "bank-mentees-title"
    lines = [ctx.t(title)]
    if view.filtered:
        lines.append(ctx.t("bank-filters", filters=_filters_text(ctx, view)))
    if not entries:
        lines.append(ctx.t("bank-empty-filtered" if view.filtered else "bank-empty"))
        rows = [[ctx.button("btn-bank-home", BankHome())]]
        if view.filtered:
            rows.insert(0, [ctx.button("btn-bank-reset", View(view.role).listing("open"))])
        return [Reply(Markup("\n").join(lines), rows, replace=in_place)]
    lines.append(ctx.t("bank-found", count=len(entries), page=view.page + 1, pages=pages))
    lines.append(ctx.t("bank-pick"))
    people = [_person_button(ctx, entry, view) for entry in shown]
    rows = [people[i : i + 2] for i in range(0, len(people), 2)]
    nav = []
    if view.page > 0:
        nav.append(ctx.button("btn-bank-prev", replace(view, page=view.page - 1).listing("list")))
    if view.page < pages - 1:
        nav.append(ctx.button("btn-bank-next", replace(view, page=view.page + 1).listing("list")))
    return [Reply(Markup("\n").join(lines), rows + ([nav] if nav else []), replace=in_place)]


def controls(ctx: Context, view: View, in_place: bool) -> Replies:
    """The filters of a list (ticked when on), their reset, and the way back to the banks."""
    start = replace(view, page=0)
    if view.filtered:
        text = ctx.t("bank-controls", filters=_filters_text(ctx, view))
    else:
        text = ctx.t("bank-controls-none")
    form = _form_name(ctx, view.form) if view.form else texts.plain(ctx.t("bank-form-any"))
    rows = [[Button(texts.plain(ctx.t("btn-bank-form", form=form)), start.listing("forms").pack())]]
    if view.role == Role.MENTOR:
        label = texts.plain(ctx.t("btn-bank-only-free"))
        toggled = replace(start, only_free=not view.only_free)
        rows.append(
            [Button((TICK if view.only_free else "") + label, toggled.listing("open").pack())]
        )
    label = texts.plain(ctx.t("btn-bank-only-unmatched"))
    toggled = replace(start, only_unmatched=not view.only_unmatched)
    rows.append(
        [Button((TICK if view.only_unmatched else "") + label, toggled.listing("open").pack())]
    )
    if view.filtered:
        rows.append([ctx.button("btn-bank-reset", View(view.role).listing("open"))])
    rows.append([ctx.button("btn-bank-home", BankHome())])
    return [Reply(text, rows, replace=in_place)]


def _filters_text(ctx: Context, view: View) -> str:
    """The active filters in words (plain text, escaped once when put into a message)."""
    parts = []
    if view.form is not None:
        parts.append(texts.plain(ctx.t("bank-filter-form", form=_form_name(ctx, view.form))))
    if view.only_free:
        parts.append(texts.plain(ctx.t("bank-filter-free")))
    if view.only_unmatched:
        parts.append(texts.plain(ctx.t("bank-filter-unmatched")))
    return ", ".join(parts)


def _person_button(ctx: Context, entry: banks.BankEntry, view: View) -> Button:
    name = entry.person.name or texts.plain(ctx.t("bank-no-name"))
    payload = view.card(entry.person.id).pack()
    if view.role == Role.MENTEE:
        return Button(_label(ctx, "btn-bank-mentee", name), payload)
    capacity = entry.profile.capacity if entry.profile else None
    if not capacity:
        return Button(_label(ctx, "btn-bank-mentor-no-capacity", name), payload)
    label = _label(ctx, "btn-bank-mentor", name, free=entry.free, capacity=capacity)
    return Button(label, payload)


def form_chooser(ctx: Context, view: View) -> list[list[Button]]:
    """The five forms and «all forms» two to a row (the chosen one ticked), and back."""
    start = replace(view, page=0)
    choices = [
        Button(
            (TICK if view.form == form else "") + _form_name(ctx, form),
            replace(start, form=form).listing("open").pack(),
        )
        for form in Form
    ]
    any_label = (TICK if view.form is None else "") + texts.plain(ctx.t("btn-bank-form-all"))
    choices.append(Button(any_label, replace(start, form=None).listing("open").pack()))
    rows = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    return [*rows, [ctx.button("btn-bank-back-filters", view.listing("filters"))]]


async def card(ctx: Context, person_id: int, view: View) -> Replies:
    """A person's card: roles, age group, answers, places, programmes; back to the list."""
    back = [
        [ctx.button("btn-bank-back", view.listing("list"))],
        [ctx.button("btn-bank-home", BankHome())],
    ]
    person = await ctx.session.get(Person, person_id)
    if person is None or person.status != PersonStatus.ACTIVE or view.role not in person.role_set:
        return [Reply(ctx.t("bank-person-missing"), back, replace=True)]
    profile = await ctx.session.get(Profile, person.id)
    is_mentor = Role.MENTOR in person.role_set
    capacity = profile.capacity if profile else None
    taken = await banks.mentees_taken(ctx.session, person.id) if is_mentor else 0
    text = ctx.render(
        "bank_card",
        person_name=person.name or texts.plain(ctx.t("bank-no-name")),
        roles=[role.value for role in Role if role in person.role_set],
        age_group=person.age_group,
        answers=_answers(person, profile),
        mentor=is_mentor,
        capacity=capacity,
        taken=taken,
        free=max((capacity or 0) - taken, 0),
        programmes=await _open_programmes(ctx, person.id),
    )
    write = [
        ctx.button("btn-write", WriteTo(person.id)),
        ctx.button("btn-portfolio", PortfolioView(person.id)),
    ]
    return [Reply(text, [write, *back], replace=True)]


def _answers(person: Person, profile: Profile | None) -> list[tuple[str, str | list[str]]]:
    """(label key, answer) for each question the person's roles answer; forms as locale keys."""
    answers: list[tuple[str, str | list[str]]] = []
    for question in banks.questions_for(person.role_set):
        if question.kind == "number":
            continue  # capacity is shown with the places taken
        value: str | list[str]
        if question.field == "forms":
            value = [FORM_KEYS[form] for form in banks.forms_of(profile)]
        else:
            value = (getattr(profile, question.field) if profile else None) or ""
        answers.append((f"profile-{question.field}", value))
    return answers


async def _open_programmes(ctx: Context, person_id: int) -> int:
    """How many proposed or active programmes the person is in, in any role."""
    query = (
        select(func.count(func.distinct(Programme.id)))
        .select_from(Programme)
        .outerjoin(ProgrammeMember, ProgrammeMember.programme_id == Programme.id)
        .where(
            Programme.status.in_(banks.OPEN_STATUSES),
            or_(Programme.mentor_id == person_id, ProgrammeMember.person_id == person_id),
        )
    )
    return int((await ctx.session.execute(query)).scalar_one())
