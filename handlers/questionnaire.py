"""The questionnaire that puts a person into the banks, and /profile to see and edit it."""

from __future__ import annotations

from markupsafe import Markup

from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import Form, Profile
from bot.core.refusal import StaleButton
from bot.core.services import banks
from handlers.buttons import CAPACITY_CHOICES, Capacity, EditAnswer, FormsDone, ToggleForm
from handlers.common import help_hint

router = Router()


BY_FIELD = {q.field: q for q in banks.QUESTIONNAIRE}


def answered(profile: Profile | None, question: banks.Question) -> bool:
    """True when the profile holds an answer to the question."""
    value = getattr(profile, question.field) if profile is not None else None
    return value not in (None, "")


async def first_unanswered(ctx: Context) -> str | None:
    """The field of the first question this person has not answered yet."""
    assert ctx.person is not None
    profile = await ctx.session.get(Profile, ctx.person.id)
    for question in banks.questions_for(ctx.person.role_set):
        if not answered(profile, question):
            return question.field
    return None


async def ask(ctx: Context, field: str, edit: bool = False) -> Replies:
    """Move to the question about `field` and ask it."""
    data: dict[str, object] = {"edit": edit}
    if field == "forms":
        assert ctx.person is not None
        profile = await ctx.session.get(Profile, ctx.person.id)
        data["chosen"] = [f.value for f in banks.forms_of(profile)]
    await ctx.goto(f"q_{field}", **data)
    return await ctx.router.prompt(ctx)


def _field(ctx: Context) -> str:
    return (ctx.state or "").removeprefix("q_")


async def prompt(ctx: Context) -> Replies:
    """Ask the current questionnaire question."""
    field = _field(ctx)
    question = BY_FIELD[field]
    if question.kind == "number":
        buttons = [[Button(str(n), Capacity(n).pack()) for n in CAPACITY_CHOICES]]
        return [ctx.reply(f"q-{field}", buttons)]
    if question.kind == "forms":
        return [Reply(ctx.t("q-forms"), forms_keyboard(ctx))]
    return [ctx.reply(f"q-{field}")]


def forms_keyboard(ctx: Context) -> list[list[Button]]:
    """Form toggles (a tick on the chosen ones) and Done."""
    chosen = set(ctx.data.get("chosen", []))
    rows = []
    for form in Form:
        mark = "✓ " if form.value in chosen else ""
        rows.append([Button(mark + ctx.t(f"form-{form.value}"), ToggleForm(form).pack())])
    rows.append([ctx.button("btn-done", FormsDone())])
    return rows


async def take_text(ctx: Context) -> Replies:
    """A typed answer to a text or number question."""
    field = _field(ctx)
    question = BY_FIELD[field]
    assert ctx.person is not None
    if question.kind == "forms":
        return [ctx.reply("refusal-use-buttons")] + await prompt(ctx)
    if question.kind == "number":
        text = (ctx.incoming.text or "").strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= banks.MAX_CAPACITY:
            return [ctx.reply("q-capacity-invalid", max=banks.MAX_CAPACITY)]
        return await _store(ctx, field, int(text))
    value = banks.clean_text(ctx.incoming.text)
    if value is None:
        return [ctx.reply("q-text-invalid", max=banks.MAX_TEXT)]
    return await _store(ctx, field, value)


@router.button(Capacity, states=["q_capacity"])
async def take_number(ctx: Context, choice: Capacity) -> Replies:
    """A capacity button."""
    return await _store(ctx, "capacity", choice.places)


@router.button(FormsDone, states=["q_forms"])
async def forms_done(ctx: Context, _: FormsDone) -> Replies:
    """Done saves the forms chosen (at least one)."""
    chosen: list[str] = list(ctx.data.get("chosen", []))
    if not chosen:
        return [ctx.reply("q-forms-empty")]
    ordered = [f.value for f in Form if f.value in chosen]
    return await _store(ctx, "forms", ",".join(ordered))


@router.button(ToggleForm, states=["q_forms"])
async def toggle_form(ctx: Context, toggle: ToggleForm) -> Replies:
    """Tick or untick a form."""
    chosen: list[str] = list(ctx.data.get("chosen", []))
    choice = toggle.form.value
    chosen = [c for c in chosen if c != choice] if choice in chosen else [*chosen, choice]
    await ctx.goto("q_forms", edit=ctx.data.get("edit", False), chosen=chosen)
    return [Reply(ctx.t("q-forms"), forms_keyboard(ctx), replace=True)]


async def _store(ctx: Context, field: str, value: object) -> Replies:
    assert ctx.person is not None
    profile = await banks.profile_of(ctx.session, ctx.person.id)
    setattr(profile, field, value)
    if ctx.data.get("edit"):
        await ctx.finish()
        return [ctx.reply("profile-saved")] + await show_profile(ctx)
    from handlers.start import next_question  # registration goes on where it stands

    return await next_question(ctx)


@router.command("profile", aliases=("профиль", "анкета"))
async def profile_command(ctx: Context) -> Replies:
    """The questionnaire answers, with a button to change each."""
    return await show_profile(ctx)


async def show_profile(ctx: Context) -> Replies:
    """The profile card and edit buttons."""
    assert ctx.person is not None
    profile = await ctx.session.get(Profile, ctx.person.id)
    items = banks.questions_for(ctx.person.role_set)
    text = ctx.render("profile", person=ctx.person, answers=_answers(ctx, profile, items))
    buttons = [ctx.button(f"btn-edit-{q.field}", EditAnswer(q.field)) for q in items]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)] + help_hint(ctx)
    return [Reply(text, rows)]


def _answers(
    ctx: Context, profile: Profile | None, items: list[banks.Question]
) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    for question in items:
        value = getattr(profile, question.field) if profile else None
        shown: str
        if question.kind == "forms":
            shown = Markup(", ").join(ctx.t(f"form-{f.value}") for f in banks.forms_of(profile))
        else:
            shown = str(value) if value not in (None, "") else ""
        result.append((ctx.t(f"profile-{question.field}"), shown or ctx.t("mydata-none")))
    return result


@router.button(EditAnswer)
async def edit_field(ctx: Context, edit: EditAnswer) -> Replies:
    """Edit one answer from the profile card."""
    question = BY_FIELD[edit.field]
    if not ctx.registered or ctx.person is None or not question.roles & ctx.person.role_set:
        raise StaleButton()
    return await ask(ctx, question.field, edit=True)


for _question in banks.QUESTIONNAIRE:
    router.state(f"q_{_question.field}", prompt, take_text)
router.wizard("questionnaire", (f"q_{q.field}" for q in banks.QUESTIONNAIRE))
