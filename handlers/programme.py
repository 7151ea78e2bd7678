"""/programme: a pair's status, its agreement, and every step of its life (§7)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import dates, documents, organisation, pdf, texts, timezones
from bot.core.conversation import Button, File, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import (
    AgreementStatus,
    MemberRole,
    Notification,
    Person,
    Programme,
    ProgrammeMember,
    ProgrammeRequest,
    ProgrammeStatus,
    RequestKind,
    TermUnit,
)
from bot.core.refusal import StaleButton
from bot.core.services import banks, pending, plans, programmes, proposals
from handlers import awaiting, notifications
from handlers.buttons import (
    EXTEND_CHOICES,
    REMINDER_PRESETS,
    AgreementAnswer,
    AgreementFile,
    AskMentor,
    AskReplacement,
    Complete,
    ConfirmComplete,
    ConfirmEnd,
    EndEarly,
    Extend,
    KeepAsIs,
    MeetingList,
    MeetingReminders,
    Menu,
    OpenPlan,
    OpenProgramme,
    Reminders,
    RequestAnswer,
    SwapMentor,
    WriteToMember,
)
from handlers.common import help_hint
from handlers.plan import apply_change, item_line, local_date, other_names

router = Router()

# A reason typed long after the question was asked is more likely a stray message than a reason:
# ending a programme or asking for another mentor is not done on it.
REASON_TTL = timedelta(hours=1)


async def agreement_text(
    session: AsyncSession, programme: Programme, locale: str, zone: str
) -> Markup:
    """The agreement (appendix 3) filled in for this programme: the organisation, the parties
    and their acceptances (on the clock of `zone`, the reader's), the term with its dates."""
    everyone = await programmes.members(session, programme.id)
    mentor = next((p.name for m, p in everyone if m.role == MemberRole.MENTOR), "—")
    mentees = [p.name or "—" for m, p in everyone if m.role == MemberRole.MENTEE]
    started = timezones.to_local(programme.started_at, zone) if programme.started_at else None
    return texts.render(
        "agreement",
        locale,
        org=organisation.current(),
        mentor=mentor or "—",
        mentees=", ".join(mentees),
        mentee_count=len(mentees),
        goals=programme.goals,
        term=programme.term,
        term_unit=programme.term_unit,
        starts_on=dates.format_date(started.date(), locale) if started else None,
        ends_on=dates.format_date(programme.ends_on, locale) if programme.ends_on else None,
        form=texts.t(f"form-{programme.form}", locale),
        pair_type=organisation.shown(
            "pair_types", programme.pair_type, programme.pair_type_note, locale
        ),
        parties=[
            {"role": m.role, "name": p.name or "—", "answer": _answer(m, locale, zone)}
            for m, p in everyone
        ],
        version=programme.agreement_version,
    )


def _answer(member: ProgrammeMember, locale: str, zone: str) -> Markup:
    """A party's answer to the agreement, an acceptance with its date and time."""
    if member.agreement != AgreementStatus.ACCEPTED or member.responded_at is None:
        return texts.t(f"agreement-status-{member.agreement}", locale)
    at = timezones.to_local(member.responded_at, zone)
    return texts.t(
        "agreement-accepted-at",
        locale,
        date=dates.format_date(at.date(), locale),
        time=at.strftime("%H:%M"),
        zone=timezones.describe(zone, member.responded_at, locale),
    )


@notifications.renderer("agreement")
async def render_agreement(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The agreement with Accept / Decline, while the answer is still open."""
    programme = await session.get(Programme, int(row.params.get("programme_id", 0)))
    member = await programmes.membership(session, programme.id, person.id) if programme else None
    if programme is None or member is None or programme.status != ProgrammeStatus.PROPOSED:
        return None
    if member.agreement != AgreementStatus.PENDING:
        return None
    locale = person.locale
    buttons = [
        [
            Button(
                texts.t("btn-agreement-accept", locale), AgreementAnswer(True, programme.id).pack()
            ),
            Button(
                texts.t("btn-agreement-decline", locale),
                AgreementAnswer(False, programme.id).pack(),
            ),
        ],
        [Button(texts.t("btn-agreement-file", locale), AgreementFile(programme.id).pack())],
    ]
    text = await agreement_text(session, programme, locale, person.timezone)
    return [Reply(text, buttons)]


@router.button(AgreementFile)
async def agreement_file(ctx: Context, payload: AgreementFile) -> Replies:
    """The agreement of a programme as a DOCX file (with a button for the PDF) or as a PDF, for
    its members and staff."""
    programme = await _programme_for(ctx, payload.programme_id)
    zone = ctx.person.timezone if ctx.person else ctx.settings.default_timezone
    text = await agreement_text(ctx.session, programme, ctx.locale, zone)
    if payload.pdf:
        file = File(f"agreement-{programme.id}.pdf", pdf.pdf(text), pdf.PDF_MIME)
        return [Reply(ctx.t("agreement-file-caption"), help_hint(ctx), file=file)]
    file = File(f"agreement-{programme.id}.docx", documents.docx(text), documents.DOCX_MIME)
    as_pdf = [[ctx.button("btn-agreement-pdf", AgreementFile(programme.id, pdf=True))]]
    return [Reply(ctx.t("agreement-file-caption"), as_pdf, file=file)]


@router.button(AgreementAnswer)
async def agreement_answer(ctx: Context, answer: AgreementAnswer) -> Replies:
    """Accept the agreement of a programme one belongs to; a decline asks the reason first."""
    programme = await _programme_for(ctx, answer.programme_id)
    assert ctx.person is not None
    if not answer.accept:
        member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
        pending = member is not None and member.agreement == AgreementStatus.PENDING
        if programme.status != ProgrammeStatus.PROPOSED or not pending:
            raise StaleButton()
        await ctx.goto("decline_reason", programme=programme.id)
        return await ask_reason(ctx)
    outcome = await programmes.answer_agreement(
        ctx.session,
        programme,
        ctx.person.id,
        answer.accept,
        ctx.now,
        remind_at=ctx.settings.reminder_clock,
    )
    buttons = [[ctx.button("btn-open-programme", OpenProgramme(programme.id))]]
    if outcome == "active" and programme.mentor_id == ctx.person.id:
        outcome = "active-mentor"  # the plan is theirs to draw up
    return [ctx.reply(f"agreement-{outcome}", buttons)]


@router.command("programme", aliases=("программа",))
async def programme_command(ctx: Context) -> Replies:
    """The person's programmes: one opens at once, several are offered as buttons."""
    assert ctx.person is not None
    mine = await programmes.programmes_of(ctx.session, ctx.person.id, tuple(ProgrammeStatus))
    if not mine:
        return [ctx.reply("programme-none", help_hint(ctx))]
    if len(mine) == 1:
        return await card(ctx, mine[0])
    rows = [[Button(await _title(ctx, p), OpenProgramme(p.id).pack())] for p in mine[:6]]
    return [ctx.reply("programme-choose", rows)]


async def _title(ctx: Context, programme: Programme) -> str:
    """The programme as its members' list shows it: by the other people in it."""
    return label(ctx, programme, await other_names(ctx, programme.id))


def label(ctx: Context, programme: Programme, names: list[str]) -> str:
    """A programme as a button label: status mark, people, number — cut to VK's 40 characters.
    What tells the items apart comes first."""
    mark = ctx.t(f"programme-mark-{programme.status}")
    text = texts.plain(ctx.t("pair-label", id=programme.id, names=" · ".join(names), mark=mark))
    return fit_label(text)


@router.button(OpenProgramme)
async def open_card(ctx: Context, payload: OpenProgramme) -> Replies:
    """A programme's card, for its members and the curator."""
    return await card(ctx, await _programme_for(ctx, payload.programme_id))


async def _visible(ctx: Context, programme_id: int) -> Programme | None:
    """The programme, if this person may see it: a member, or staff."""
    programme = await ctx.session.get(Programme, programme_id)
    if programme is None or ctx.person is None:
        return None
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    return programme if member is not None or ctx.is_staff else None


async def _programme_for(
    ctx: Context, programme_id: int, statuses: Iterable[str] | None = None
) -> Programme:
    """The programme a button names, if this person may see it and it is in one of `statuses`
    (None: any); else the button is stale."""
    programme = await _visible(ctx, programme_id)
    if programme is None or (statuses is not None and programme.status not in statuses):
        raise StaleButton()
    return programme


async def card(ctx: Context, programme: Programme) -> Replies:
    """Status, people, dates, plan progress (for staff, every item) and the requests awaiting an
    answer, with the actions open to this person; then what awaits this person's own answer,
    each with its notice's buttons (the agreement's are on the card itself)."""
    assert ctx.person is not None
    everyone = await programmes.members(ctx.session, programme.id)
    items = await plans.milestones(ctx.session, programme.id)
    done, total = plans.progress(items)
    started = programme.started_at
    text = ctx.render(
        "programme_card",
        programme=programme,
        members=everyone,
        done=done,
        total=total,
        form=ctx.t(f"form-{programme.form}"),
        pair_type=organisation.shown(
            "pair_types", programme.pair_type, programme.pair_type_note, ctx.locale
        ),
        status=ctx.t(f"programme-status-{programme.status}"),
        starts_on=_date(ctx, local_date(ctx, started)) if started else "",
        ends_on=_date(ctx, programme.ends_on),
        items=[item_line(ctx, m) for m in items] if ctx.is_staff else [],
        requests=[
            await _request_line(ctx, r)
            for r in await pending.requests_of(ctx.session, programme.id)
            if _may_see(ctx, r)
        ],
    )
    actions = await _actions(ctx, programme, everyone, done, total)
    return [Reply(text, actions), *await awaiting.of_programme(ctx, programme.id, ("agreement",))]


def _date(ctx: Context, day: date | None) -> str:
    return dates.format_date(day, ctx.locale) if day else ""


def _may_see(ctx: Context, request: ProgrammeRequest) -> bool:
    """A request for another mentor is for the curator's eyes (and its author's) only."""
    if request.kind != RequestKind.REPLACE_MENTOR or ctx.is_staff:
        return True
    return ctx.person is not None and request.proposed_by == ctx.person.id


async def _request_line(ctx: Context, request: ProgrammeRequest) -> dict[str, str]:
    """A request awaiting an answer, as the card lists it: what, and whose answer it awaits."""
    if request.kind == RequestKind.REPLACE_MENTOR:
        who = ctx.t("awaiting-staff")
    else:
        who = await awaiting.who_is_awaited(ctx, request)
    return {"kind": ctx.t(f"request-kind-{request.kind}"), "who": who}


async def _actions(
    ctx: Context,
    programme: Programme,
    everyone: list[tuple[ProgrammeMember, Person]],
    done: int,
    total: int,
) -> list[list[Button]]:
    assert ctx.person is not None
    me = next((m for m, p in everyone if p.id == ctx.person.id), None)
    pid = programme.id
    rows: list[list[Button]] = []
    if (
        programme.status == ProgrammeStatus.PROPOSED
        and me
        and me.agreement == AgreementStatus.PENDING
    ):
        rows.append(
            [
                ctx.button("btn-agreement-accept", AgreementAnswer(True, pid)),
                ctx.button("btn-agreement-decline", AgreementAnswer(False, pid)),
            ]
        )
    if programme.status == ProgrammeStatus.ACTIVE and me is not None:
        rows.append(
            [
                ctx.button("btn-plan", OpenPlan(pid)),
                ctx.button("btn-meetings", MeetingList(0)),
                ctx.button("btn-extend", Extend(pid)),
            ]
        )
        if me.role == MemberRole.MENTOR and total:
            rows.append([ctx.button("btn-complete", Complete(pid))])
        row = [ctx.button("btn-end-early", EndEarly(pid))]
        if me.role == MemberRole.MENTEE:
            row.append(ctx.button("btn-replace-mentor", AskReplacement(pid)))
        elif not ctx.is_staff:  # the mentor's survey figures (staff see every answer instead)
            row.append(ctx.button("btn-surveys", Menu("surveys")))
        rows.append(row)
        if me.role == MemberRole.MENTEE:
            rows.append([ctx.button("btn-ask-mentor", AskMentor(pid))])
    if programme.status == ProgrammeStatus.ACTIVE and ctx.is_staff and me is None:
        rows.append(
            [ctx.button("btn-extend", Extend(pid)), ctx.button("btn-swap-mentor", SwapMentor(pid))]
        )
    if ctx.is_staff and me is None:
        rows.append([ctx.button("btn-write-members", WriteToMember(pid))])
    if programme.status == ProgrammeStatus.ACTIVE and (
        ctx.is_staff or (me is not None and me.role == MemberRole.MENTOR)
    ):
        rows.append(
            [
                ctx.button("btn-reminders", Reminders(pid)),
                ctx.button("btn-meeting-reminders", MeetingReminders(pid)),
            ]
        )
    if programme.status in banks.OPEN_STATUSES and ctx.is_staff:
        rows.append([ctx.button("btn-end-by-curator", EndEarly(pid))])
    rows.append([ctx.button("btn-agreement-file", AgreementFile(pid)), *help_hint(ctx)[0]])
    return rows


@router.button(Reminders)
async def reminder_schedule(ctx: Context, payload: Reminders) -> Replies:
    """The mentor or curator chooses when plan reminders go out for this programme."""
    programme = await _programme_for(ctx, payload.programme_id, (ProgrammeStatus.ACTIVE,))
    assert ctx.person is not None
    if programme.mentor_id != ctx.person.id and not ctx.is_staff:
        raise StaleButton()
    if payload.preset is None:
        rows = [
            [ctx.button(f"btn-reminders-{key}", Reminders(programme.id, key))]
            for key in REMINDER_PRESETS
        ]
        return [ctx.reply("reminders-choose", rows, current=_days(ctx, programme.reminder_days))]
    days = REMINDER_PRESETS[payload.preset]
    programme.reminder_days = days
    policy = plans.ReminderPolicy(ctx.settings.reminder_clock, ctx.settings.overdue_alert_days)
    await plans.reschedule_all(ctx.session, programme, policy, ctx.now)
    return [
        ctx.reply(
            "reminders-set",
            [[ctx.button("btn-open-programme", OpenProgramme(programme.id))]],
            current=_days(ctx, days),
        )
    ]


def _days(ctx: Context, days: list[int]) -> str:
    """A reminder schedule in words."""
    key = next((k for k, v in REMINDER_PRESETS.items() if v == sorted(days, reverse=True)), "31")
    return ctx.t(f"btn-reminders-{key}")


@router.button(Complete)
async def complete(ctx: Context, payload: Complete) -> Replies:
    """The mentor closes a programme as done: asked to confirm first."""
    programme = await _completable(ctx, payload.programme_id)
    await ctx.goto("complete_confirm", programme=programme.id)
    return await ask_complete(ctx)


async def _completable(ctx: Context, programme_id: int) -> Programme:
    """The active programme this mentor may complete."""
    programme = await _programme_for(ctx, programme_id, (ProgrammeStatus.ACTIVE,))
    assert ctx.person is not None
    if programme.mentor_id != ctx.person.id:
        raise StaleButton()
    return programme


async def _open_items(ctx: Context, programme_id: int) -> tuple[int, int]:
    """How many plan items are still open, and how many there are."""
    done, total = plans.progress(await plans.milestones(ctx.session, programme_id))
    return total - done, total


async def ask_complete(ctx: Context) -> Replies:
    """Really complete the programme? Open plan items are counted in the question."""
    pid = int(ctx.data.get("programme", 0))
    open_items, total = await _open_items(ctx, pid)
    if not total:
        await ctx.finish()
        return [ctx.reply("programme-plan-not-done", help_hint(ctx))]
    sure = ctx.button("btn-complete-sure", ConfirmComplete(pid, open_items))
    buttons = [[sure, ctx.button("btn-cancel", KeepAsIs(pid))]]
    return [ctx.reply("programme-complete-confirm", buttons, id=pid, open=open_items)]


@router.button(ConfirmComplete, states=["complete_confirm"])
async def confirm_complete(ctx: Context, payload: ConfirmComplete) -> Replies:
    """Confirmed: the programme is completed, unless the plan changed since the question (then
    it is asked again, with the new count)."""
    programme = await _completable(ctx, payload.programme_id)
    assert ctx.person is not None
    if (await _open_items(ctx, programme.id))[0] != payload.open_items:
        return await ask_complete(ctx)
    await ctx.finish()
    await programmes.close(ctx.session, programme, ProgrammeStatus.COMPLETED, ctx.person, ctx.now)
    return [ctx.reply("programme-completed-you", help_hint(ctx))]


# --- a reason asked before acting: ending early, asking for another mentor -----------------


async def _end(ctx: Context, programme: Programme, reason: str) -> str:
    """End the programme; everyone concerned is told why."""
    assert ctx.person is not None
    await programmes.close(
        ctx.session, programme, ProgrammeStatus.ENDED, ctx.person, ctx.now, reason
    )
    return "programme-ended-you"


async def _decline(ctx: Context, programme: Programme, reason: str) -> str:
    """Decline the agreement; the others and the curator are told who declined and why."""
    assert ctx.person is not None
    outcome = await programmes.answer_agreement(
        ctx.session, programme, ctx.person.id, False, ctx.now, reason=reason
    )
    return f"agreement-{outcome}"


async def _ask_replacement(ctx: Context, programme: Programme, reason: str) -> str:
    """Send the curator the mentee's request for another mentor."""
    assert ctx.person is not None
    details = {"reason": reason}
    await proposals.propose(
        ctx.session, programme, RequestKind.REPLACE_MENTOR, ctx.person, details, ctx.now
    )
    return "programme-replace-sent"


@dataclass(frozen=True)
class ReasonQuestion:
    """A question whose typed answer is the reason for acting on a programme."""

    prompt: str  # locale key of the question
    statuses: tuple[str, ...]  # the programme must still be in one of these when answered
    act: Callable[[Context, Programme, str], Awaitable[str]]  # returns the reply's locale key


REASONS = {
    "decline_reason": ReasonQuestion(
        "agreement-ask-decline-reason", (ProgrammeStatus.PROPOSED,), _decline
    ),
    "end_reason": ReasonQuestion("programme-ask-end-reason", banks.OPEN_STATUSES, _end),
    "replace_reason": ReasonQuestion(
        "programme-ask-replace-reason", (ProgrammeStatus.ACTIVE,), _ask_replacement
    ),
}


@router.button(EndEarly)
async def end_early(ctx: Context, payload: EndEarly) -> Replies:
    """A member or the curator ends a programme: asked to confirm, then for the reason."""
    programme = await _programme_for(ctx, payload.programme_id, banks.OPEN_STATUSES)
    await ctx.goto("end_confirm", programme=programme.id)
    return await ask_end(ctx)


async def ask_end(ctx: Context) -> Replies:
    """Really end the programme early? Yes goes on to the reason; Cancel changes nothing."""
    pid = int(ctx.data.get("programme", 0))
    buttons = [
        [ctx.button("btn-end-sure", ConfirmEnd(pid)), ctx.button("btn-cancel", KeepAsIs(pid))]
    ]
    return [ctx.reply("programme-end-confirm", buttons, id=pid)]


@router.button(ConfirmEnd, states=["end_confirm"])
async def confirm_end(ctx: Context, payload: ConfirmEnd) -> Replies:
    """Confirmed: now the reason, which everyone concerned will read."""
    programme = await _programme_for(ctx, payload.programme_id, banks.OPEN_STATUSES)
    await ctx.goto("end_reason", programme=programme.id)
    return await ask_reason(ctx)


@router.button(AskReplacement)
async def replace_mentor(ctx: Context, payload: AskReplacement) -> Replies:
    """A mentee asks the curator for another mentor, with a reason."""
    programme = await _programme_for(ctx, payload.programme_id, (ProgrammeStatus.ACTIVE,))
    assert ctx.person is not None
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    if member is None or member.role != MemberRole.MENTEE:
        raise StaleButton()
    await ctx.goto("replace_reason", programme=programme.id)
    return await ask_reason(ctx)


async def ask_reason(ctx: Context) -> Replies:
    """Ask (again) for the reason; the answer is taken only for `REASON_TTL` from now."""
    await ctx.goto(str(ctx.state), **{**ctx.data, "asked": ctx.now.isoformat()})
    cancel = KeepAsIs(int(ctx.data.get("programme", 0)))
    return [ctx.reply(REASONS[str(ctx.state)].prompt, [[ctx.button("btn-cancel", cancel)]])]


@router.button(KeepAsIs, states=[*REASONS, "end_confirm", "complete_confirm"])
async def keep_as_is(ctx: Context, payload: KeepAsIs) -> Replies:
    """Cancel: nothing is done, and the person is told so, with the programme to go back to."""
    await ctx.finish()
    buttons = [[ctx.button("btn-open-programme", OpenProgramme(payload.programme_id))]]
    return [ctx.reply("programme-kept", [*buttons, *help_hint(ctx)])]


async def take_reason(ctx: Context) -> Replies:
    """Read a typed reason, re-check the programme named in the flow, and act on it."""
    question = REASONS[str(ctx.state)]
    asked = ctx.data.get("asked")
    if not isinstance(asked, str) or ctx.now - datetime.fromisoformat(asked) > REASON_TTL:
        await ctx.finish()
        return [ctx.reply("programme-reason-expired", help_hint(ctx))]
    reason = banks.clean_text(ctx.incoming.text)
    if reason is None:
        return [ctx.reply("q-text-invalid", max=banks.MAX_TEXT)]
    programme = await _visible(ctx, int(ctx.data.get("programme", 0)))
    await ctx.finish()
    if programme is None or programme.status not in question.statuses:
        return [ctx.reply("refusal-flow-outdated", help_hint(ctx))]
    key = await question.act(ctx, programme, reason)
    return [ctx.reply(key, help_hint(ctx))]


# --- proposals -----------------------------------------------------------------------------


@router.button(Extend)
async def extend(ctx: Context, payload: Extend) -> Replies:
    """Propose a longer term in the programme's unit; the other side accepts or declines."""
    programme = await _programme_for(ctx, payload.programme_id, (ProgrammeStatus.ACTIVE,))
    assert ctx.person is not None
    member = await programmes.membership(ctx.session, programme.id, ctx.person.id)
    if member is None and not ctx.is_staff:
        raise StaleButton()
    waiting = await proposals.pending_request(ctx.session, programme.id, RequestKind.EXTEND)
    if waiting is not None:  # one proposal at a time: a double tap must not add the time twice
        return await _extension_pending(ctx, waiting)
    unit = TermUnit(programme.term_unit)
    room = programmes.MAX_TERM[unit] - programme.term
    choices = [n for n in EXTEND_CHOICES[unit] if n <= room]
    if not choices:
        longest = ctx.t(f"term-{unit}", count=programmes.MAX_TERM[unit])
        return [ctx.reply("programme-extend-too-long", help_hint(ctx), max=longest)]
    if payload.count is None:
        terms = {n: ctx.t(f"term-{unit}", count=n) for n in choices}
        rows = [
            [ctx.button("btn-extend-by", Extend(programme.id, n), term=terms[n]) for n in terms]
        ]
        return [ctx.reply("programme-extend-choose", rows, unit=unit.value)]
    if payload.count not in choices:
        raise StaleButton()
    details = {"count": payload.count}
    await proposals.propose(
        ctx.session, programme, RequestKind.EXTEND, ctx.person, details, ctx.now
    )
    return [ctx.reply("request-sent", help_hint(ctx))]


async def _extension_pending(ctx: Context, request: ProgrammeRequest) -> Replies:
    """The proposal already made: answerable by whoever must answer it, else whose answer it
    awaits."""
    assert ctx.person is not None
    found = await proposals.open_request(ctx.session, request.id, ctx.person.id)
    if found is not None:
        shown = await awaiting.replies_of(ctx, [pending.Awaiting(found[1], request)])
        return [ctx.reply("request-extend-yours"), *shown]
    return [
        ctx.reply("request-extend-pending"),
        Reply(await awaiting.who_is_awaited(ctx, request), help_hint(ctx)),
    ]


@router.button(RequestAnswer)
async def answer_request(ctx: Context, answer: RequestAnswer) -> Replies:
    """Accept or decline another member's proposal (extension or plan change)."""
    if ctx.person is None:
        raise StaleButton()  # no profile: never registered, or erased since
    found = await proposals.open_request(ctx.session, answer.request_id, ctx.person.id)
    if found is None or found[0].kind == RequestKind.REPLACE_MENTOR:
        raise StaleButton()
    request, programme = found
    outcome = await proposals.answer(
        ctx.session,
        request,
        programme,
        ctx.person,
        answer.accept,
        ctx.now,
        remind_at=ctx.settings.reminder_clock,
    )
    if outcome == "accepted" and request.kind == RequestKind.PLAN_CHANGE:
        await apply_change(ctx, programme, request.details)
    return [
        ctx.reply(
            ANSWER_KEYS[outcome], [[ctx.button("btn-open-programme", OpenProgramme(programme.id))]]
        )
    ]


# A member's answer to a request, by its outcome (a group waits until every member agrees).
ANSWER_KEYS = {
    "accepted": "request-accepted-you",
    "declined": "request-declined-you",
    "waiting": "request-accepted-waiting",
}


for _state in REASONS:
    router.state(_state, ask_reason, take_reason)
router.state("end_confirm", ask_end)
router.state("complete_confirm", ask_complete)
