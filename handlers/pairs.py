"""Curator: /pairs — list the pairs and groups, and form a new one step by step."""

from __future__ import annotations

from markupsafe import Markup

from bot.core import dates, organisation, texts
from bot.core.conversation import Button, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    STAFF,
    Form,
    MemberRole,
    Person,
    Programme,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestKind,
    RequestStatus,
    Role,
    TermUnit,
)
from bot.core.refusal import StaleButton
from bot.core.services import banks, programmes, proposals
from handlers import org_choices
from handlers.buttons import (
    TERMS,
    ConfirmPair,
    MenteePage,
    NewPair,
    OpenProgramme,
    PairList,
    PairTypePage,
    PickForm,
    PickMentee,
    PickMentor,
    PickPairType,
    PickTerm,
    Replacement,
    SwapMentor,
    ToMentor,
)
from handlers.common import help_hint
from handlers.programme import label

router = Router()

LIST_PAGE = 4  # long pair labels, one to a row
PAGE = 6  # names two to a row, plus navigation: within VK's ten buttons and six rows


@router.command("pairs", roles=STAFF, aliases=("пары",))
async def pairs(ctx: Context) -> Replies:
    """The programmes at a glance, with Form and List buttons."""
    buttons = [[ctx.button("btn-pair-form", NewPair()), ctx.button("btn-pair-list", PairList(0))]]
    counts = await programmes.status_counts(ctx.session)
    return [ctx.reply("pairs-summary", buttons + help_hint(ctx), **counts)]


@router.button(PairList, roles=STAFF)
async def pair_list(ctx: Context, payload: PairList) -> Replies:
    """A page of programmes, newest first; each opens its card."""
    page = payload.page
    items = await programmes.listing(ctx.session)
    chunk = items[page * LIST_PAGE : (page + 1) * LIST_PAGE]
    if not chunk:
        return [
            ctx.reply("pairs-none", [[ctx.button("btn-pair-form", NewPair())], *help_hint(ctx)])
        ]
    rows = [  # the mentees first: a mentor of several pairs is not repeated at every start
        [Button(label(ctx, programme, names[1:] + names[:1]), OpenProgramme(programme.id).pack())]
        for programme, names in chunk
    ]
    nav = []
    if page > 0:
        nav.append(ctx.button("btn-prev", PairList(page - 1)))
    if (page + 1) * LIST_PAGE < len(items):
        nav.append(ctx.button("btn-next", PairList(page + 1)))
    return [ctx.reply("pairs-list-title", rows + ([nav] if nav else []) + help_hint(ctx))]


# --- forming a pair or group ------------------------------------------------------------


# Each step's buttons are for the curator, and only while that step's question is open.


@router.button(NewPair, roles=STAFF)
async def new_pair(ctx: Context, _: NewPair) -> Replies:
    """Step 1 to 7: pick mentees, a mentor, form, type, term, goals; confirm (or continue the
    pair left in the middle)."""
    return await ctx.router.begin(ctx, "pair")


async def begin_pair(ctx: Context) -> Replies:
    """A new pair from step 1."""
    await ctx.goto("pf_mentee", mentees=[], page=0)
    return await ask_mentee(ctx)


async def ask_mentee(ctx: Context) -> Replies:
    """Step 1: unmatched mentees, a page of buttons."""
    chosen: list[int] = list(ctx.data.get("mentees", []))
    page = int(ctx.data.get("page", 0))
    entries = [
        e
        for e in await banks.bank(ctx.session, Role.MENTEE, only_unmatched=True)
        if e.person.id not in chosen
    ]
    people = [
        Button(fit_label(e.person.name or "—"), PickMentee(e.person.id).pack())
        for e in entries[page * PAGE : (page + 1) * PAGE]
    ]
    rows = [people[i : i + 2] for i in range(0, len(people), 2)]
    nav = []
    if page > 0:
        nav.append(ctx.button("btn-prev", MenteePage(page - 1)))
    if (page + 1) * PAGE < len(entries):
        nav.append(ctx.button("btn-next", MenteePage(page + 1)))
    if nav:
        rows.append(nav)
    if chosen:
        rows.append([ctx.button("btn-pair-next", ToMentor())])
    names = await _names(ctx, chosen)
    if not entries and not chosen:
        await ctx.finish()
        return [ctx.reply("pf-no-mentees", help_hint(ctx))]
    key = "pf-ask-more-mentees" if chosen else "pf-ask-mentee"
    return [ctx.reply(key, rows, chosen=", ".join(names))]


async def _names(ctx: Context, ids: list[int]) -> list[str]:
    people = [await ctx.session.get(Person, i) for i in ids]
    return [p.name or "—" for p in people if p is not None]


@router.button(PickMentee, states=["pf_mentee"], roles=STAFF)
async def pick_mentee(ctx: Context, payload: PickMentee) -> Replies:
    """A mentee chosen: checked (consent, parent's consent, not in a pair) and added."""
    await programmes.check_candidate(ctx.session, payload.person_id, MemberRole.MENTEE)
    chosen = list(dict.fromkeys([*ctx.data.get("mentees", []), payload.person_id]))
    await ctx.goto("pf_mentee", mentees=chosen, page=0)
    return await ask_mentee(ctx)


@router.button(MenteePage, states=["pf_mentee"], roles=STAFF)
async def mentee_page(ctx: Context, payload: MenteePage) -> Replies:
    """Another page of mentees."""
    await ctx.goto("pf_mentee", mentees=ctx.data.get("mentees", []), page=payload.page)
    return await ask_mentee(ctx)


@router.button(ToMentor, states=["pf_mentee"], roles=STAFF)
async def to_mentor(ctx: Context, _: ToMentor) -> Replies:
    """Step 2: suggested mentors, ranked, each with its reasons."""
    if not ctx.data.get("mentees"):
        raise StaleButton()
    await ctx.goto("pf_mentor", **ctx.data)
    return await ask_mentor(ctx)


async def ask_mentor(ctx: Context) -> Replies:
    """The ranked mentor suggestions."""
    replaced = ctx.data.get("replaced_mentor")
    suggestions = await banks.suggest_mentors(
        ctx.session, list(ctx.data["mentees"]), exclude=int(replaced) if replaced else None
    )
    if not suggestions:
        await ctx.finish()
        return [ctx.reply("pf-no-mentors", help_hint(ctx))]
    lines = [_reason(ctx, i, s) for i, s in enumerate(suggestions, start=1)]
    rows = [
        [Button(fit_label(f"{i}. {s.mentor.name or '—'}"), PickMentor(s.mentor.id).pack())]
        for i, s in enumerate(suggestions, start=1)
    ]
    return [ctx.reply("pf-ask-mentor", rows, lines=Markup("\n").join(lines))]


def _reason(ctx: Context, index: int, s: banks.Suggestion) -> Markup:
    """One line explaining a suggestion's rank."""
    parts = []
    if s.common:
        parts.append(ctx.t("pf-reason-topics", count=len(s.common), topics=", ".join(s.common)))
    if s.forms:
        forms = Markup(", ").join(ctx.t(f"form-{f.value}") for f in s.forms)
        parts.append(ctx.t("pf-reason-forms", forms=forms))
    parts.append(ctx.t("pf-reason-free", free=s.free, capacity=s.capacity))
    reasons = Markup("; ").join(parts)
    return ctx.t("pf-reason", index=index, name=s.mentor.name or "—", reasons=reasons)


@router.button(PickMentor, states=["pf_mentor"], roles=STAFF)
async def pick_mentor(ctx: Context, payload: PickMentor) -> Replies:
    """A mentor chosen: checked (consent, capacity) and kept."""
    mentor = await programmes.check_candidate(ctx.session, payload.person_id, MemberRole.MENTOR)
    await programmes.check_capacity(ctx.session, mentor, len(ctx.data["mentees"]))
    await programmes.check_not_parent(ctx.session, mentor, list(ctx.data["mentees"]))
    if ctx.data.get("replaces"):  # the rest is taken over from the programme being replaced
        await ctx.goto("pf_confirm", **{**ctx.data, "mentor": mentor.id})
        return await ask_confirm(ctx)
    await ctx.goto("pf_form", **{**ctx.data, "mentor": mentor.id})
    return await ask_form(ctx)


async def ask_form(ctx: Context) -> Replies:
    """Step 3: the form of mentoring."""
    rows = [[ctx.button(f"form-{f.value}", PickForm(f))] for f in Form]
    return [ctx.reply("pf-ask-form", rows)]


@router.button(PickForm, states=["pf_form"], roles=STAFF)
async def pick_form(ctx: Context, payload: PickForm) -> Replies:
    """The form chosen."""
    await ctx.goto("pf_type", **{**ctx.data, "form": payload.form.value})
    return await TYPE.ask(ctx)


TYPE_PAGE = 8  # four rows of two, then the page switch and Other: ten buttons, VK's limit


async def _set_type(ctx: Context, pair_type: str, note: str | None) -> Replies:
    await ctx.goto("pf_term", **{**ctx.data, "pair_type": pair_type, "pair_type_note": note})
    return await ask_term(ctx)


TYPE = org_choices.Step(  # step 4: the pair type from the organisation's list, or "other"
    "pair_types",
    "pf_type",
    "pf-ask-type",
    "pf-ask-type-other",
    PickPairType,
    "pair_type",
    PairTypePage,
    "btn-more-pair-types",
    TYPE_PAGE,
    _set_type,
)


async def ask_term(ctx: Context) -> Replies:
    """Step 5: the term, in days, weeks or months."""
    rows = [
        [ctx.button(f"term-{unit}", PickTerm(count, unit), count=count)] for count, unit in TERMS
    ]
    return [ctx.reply("pf-ask-term", rows)]


@router.button(PickTerm, states=["pf_term"], roles=STAFF)
async def pick_term(ctx: Context, payload: PickTerm) -> Replies:
    """A term button."""
    return await _set_term(ctx, payload.count, payload.unit or TermUnit.MONTHS)


async def type_term(ctx: Context) -> Replies:
    """A typed term: «21 день», «3 недели», «6 месяцев», or a number of months."""
    term = dates.parse_term(ctx.incoming.text or "")
    if term is None:
        return [ctx.reply("pf-term-invalid")]
    return await _set_term(ctx, term[0], TermUnit(term[1]))


async def _set_term(ctx: Context, count: int, unit: TermUnit) -> Replies:
    programmes.check_term(count, unit)
    await ctx.goto("pf_goals", **{**ctx.data, "term": count, "term_unit": unit.value})
    return await ask_goals(ctx)


async def ask_goals(ctx: Context) -> Replies:
    """Step 6: the goals, typed."""
    return [ctx.reply("pf-ask-goals")]


async def type_goals(ctx: Context) -> Replies:
    """The goals typed: show the summary to confirm."""
    goals = banks.clean_text(ctx.incoming.text, 1000)
    if goals is None:
        return [ctx.reply("q-text-invalid", max=1000)]
    await ctx.goto("pf_confirm", **{**ctx.data, "goals": goals})
    return await ask_confirm(ctx)


def _pair_type(ctx: Context) -> str:
    """The pair type chosen, as it reads."""
    note = ctx.data.get("pair_type_note")
    return organisation.shown("pair_types", str(ctx.data["pair_type"]), note, ctx.locale)


def _unit(ctx: Context) -> str:
    """The term's unit kept in the wizard (months in a wizard begun before units)."""
    return str(ctx.data.get("term_unit", TermUnit.MONTHS))


async def ask_confirm(ctx: Context) -> Replies:
    """Step 7: everything chosen, with Form and Cancel."""
    mentor = await ctx.session.get(Person, int(ctx.data["mentor"]))
    text = ctx.render(
        "pair_summary",
        mentor=mentor.name if mentor else "—",
        mentees=", ".join(await _names(ctx, list(ctx.data["mentees"]))),
        mentee_count=len(ctx.data["mentees"]),
        form=ctx.t(f"form-{ctx.data['form']}"),
        pair_type=_pair_type(ctx),
        term=int(ctx.data["term"]),
        term_unit=_unit(ctx),
        goals=str(ctx.data["goals"]),
        replaces=ctx.data.get("replaces"),
    )
    rows = [
        [
            ctx.button("btn-pair-confirm", ConfirmPair(confirm=True)),
            ctx.button("btn-cancel", ConfirmPair(confirm=False)),
        ]
    ]
    return [Reply(text, rows)]


@router.button(ConfirmPair, states=["pf_confirm"], roles=STAFF)
async def confirm(ctx: Context, payload: ConfirmPair) -> Replies:
    """Form the programme (every check again) and send the agreements, or drop it.

    A replacement first ends the old programme, with the mentee's request granted; if the new
    pair is then refused (say, the mentor's last place was taken meanwhile), the `Refusal` undoes
    the ending too.
    """
    assert ctx.person is not None
    if not payload.confirm:
        await ctx.finish()
        return [ctx.reply("cancel-done", help_hint(ctx))]
    if ctx.data.get("replaces") and not await _end_replaced(ctx):
        await ctx.finish()
        return [ctx.reply("refusal-flow-outdated", help_hint(ctx))]
    programme = await programmes.form(
        ctx.session,
        curator_id=ctx.person.id,
        mentor_id=int(ctx.data["mentor"]),
        mentee_ids=[int(i) for i in ctx.data["mentees"]],
        form=Form(ctx.data["form"]),
        pair_type=str(ctx.data["pair_type"]),
        pair_type_note=ctx.data.get("pair_type_note"),
        term=int(ctx.data["term"]),
        term_unit=TermUnit(_unit(ctx)),
        goals=str(ctx.data["goals"]),
        now=ctx.now,
    )
    kind = "group" if len(ctx.data["mentees"]) > 1 else "pair"
    await ctx.finish()
    button = ctx.button("btn-open-pair", OpenProgramme(programme.id), kind=kind)
    return [ctx.reply("pf-done", [[button]], id=programme.id, kind=kind)]


@router.button(Replacement, roles=STAFF)
async def start_replacement(ctx: Context, payload: Replacement) -> Replies:
    """From a mentee's request for another mentor: suggest mentors for the same mentee; the
    form, pair type, term and goals carry over."""
    found = await _replacement(ctx, payload.request_id)
    if found is None:
        raise StaleButton()
    request, programme = found
    assert request.proposed_by is not None  # checked by `_replacement`
    return await _replace(ctx, programme, [request.proposed_by], request.id)


@router.button(SwapMentor, roles=STAFF)
async def swap_mentor(ctx: Context, payload: SwapMentor) -> Replies:
    """From the pair card: the mentee's request, if one awaits; else the curator's own decision,
    for every mentee of the pair."""
    programme = await ctx.session.get(Programme, payload.programme_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        raise StaleButton()
    request = await proposals.pending_request(ctx.session, programme.id, RequestKind.REPLACE_MENTOR)
    if request is not None:
        return await start_replacement(ctx, Replacement(request.id))
    everyone = await programmes.members(ctx.session, programme.id)
    mentees = [p.id for m, p in everyone if m.role == MemberRole.MENTEE]
    return await _replace(ctx, programme, mentees, None)


async def _replace(
    ctx: Context, programme: Programme, mentees: list[int], request_id: int | None
) -> Replies:
    """Suggest mentors for a new pair replacing `programme`; the rest carries over."""
    await ctx.goto(
        "pf_mentor",
        mentees=mentees,
        form=programme.form,
        pair_type=programme.pair_type,
        pair_type_note=programme.pair_type_note,
        term=programme.term,
        term_unit=programme.term_unit,
        goals=programme.goals,
        replaces=programme.id,
        request=request_id,
        replaced_mentor=programme.mentor_id,
    )
    return await ask_mentor(ctx)


async def _replacement(ctx: Context, request_id: int) -> tuple[ProgrammeRequest, Programme] | None:
    """A pending request for another mentor in a running programme."""
    request = await ctx.session.get(ProgrammeRequest, request_id)
    if request is None or request.kind != RequestKind.REPLACE_MENTOR:
        return None
    if request.status != RequestStatus.PENDING or request.proposed_by is None:
        return None
    programme = await ctx.session.get(Programme, request.programme_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return None
    return request, programme


async def _end_replaced(ctx: Context) -> bool:
    """End the programme being replaced and grant the request, if there was one; False if
    either changed meanwhile (or a request arrived since: the curator sees it first)."""
    assert ctx.person is not None
    reason = "pf-swapped-reason"
    if ctx.data.get("request"):
        found = await _replacement(ctx, int(ctx.data["request"]))
        if found is None or found[1].id != ctx.data.get("replaces"):
            return False
        request, programme = found
        request.status, request.resolved_at = RequestStatus.ACCEPTED, ctx.now
        reason = "pf-replaced-reason"
    else:
        replaced = await ctx.session.get(Programme, int(ctx.data.get("replaces", 0)))
        if replaced is None or replaced.status != ProgrammeStatus.ACTIVE:
            return False
        if await proposals.pending_request(ctx.session, replaced.id, RequestKind.REPLACE_MENTOR):
            return False
        programme = replaced
    await programmes.close(
        ctx.session,
        programme,
        ProgrammeStatus.ENDED,
        ctx.person,
        ctx.now,
        texts.plain(ctx.t(reason)),  # stored as plain text, escaped when shown
    )
    await ctx.session.flush()
    return True


router.state("pf_mentee", ask_mentee)
router.state("pf_mentor", ask_mentor)
router.state("pf_form", ask_form)
TYPE.register(router, roles=STAFF)
router.state("pf_term", ask_term, type_term)
router.state("pf_goals", ask_goals, type_goals)
router.state("pf_confirm", ask_confirm)
router.wizard(
    "pair",
    (
        "pf_mentee",
        "pf_mentor",
        "pf_form",
        "pf_type",
        "pf_type_other",
        "pf_term",
        "pf_goals",
        "pf_confirm",
    ),
    roles=STAFF,
    start=begin_pair,
)
