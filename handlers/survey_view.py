"""How a survey shows in chat: the invitation (and its reminders) with Start, and one question
at a time with its buttons, laid out to fit VK's keyboard (at most 10 buttons in 6 rows)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts, when
from bot.core.conversation import MAX_ROWS, Button, Reply
from bot.core.models import Notification, Person, ResponseStatus, SurveyResponse, SurveyRun
from bot.core.services import surveys
from handlers.buttons import SurveyMove, SurveyOpen, SurveyPick, SurveyTick
from handlers.notifications import renderer

SCALE_ROW = 5  # numbers a row: VK cuts an inline row at five
SCALE_FITS = 8  # a longer scale (0–10) shows one half at a time
Half = Literal["low", "high"]


def said(text: dict[str, str], locale: str) -> str:
    """A survey file's text in the reader's language."""
    return text.get(locale) or next(iter(text.values()))


def _chunks(buttons: list[Button], size: int) -> list[list[Button]]:
    return [buttons[i : i + size] for i in range(0, len(buttons), size)]


def _scale(step: surveys.Step, locale: str, half: Half) -> list[list[Button]]:
    """A scale's numbers; a long one in halves, with a button to the other half."""
    question, rid = step.question or {}, step.response.id
    values = list(range(question["min"], question["max"] + 1))
    turn: list[Button] = []
    if len(values) > SCALE_FITS:
        split = (len(values) + 1) // 2
        low, high = values[:split], values[split:]
        values = low if half == "low" else high
        other: Half = "high" if half == "low" else "low"
        key = "btn-survey-higher" if half == "low" else "btn-survey-lower"
        span = high if half == "low" else low
        label = texts.t(key, locale, **{"from": span[0], "to": span[-1]})
        turn = [Button(label, SurveyMove(rid, step.index, other).pack())]
    numbers = [Button(str(v), SurveyPick(rid, step.index, v).pack()) for v in values]
    per_row = SCALE_ROW if len(numbers) <= SCALE_ROW else (len(numbers) + 1) // 2
    return _chunks(numbers, per_row) + ([turn] if turn else [])


def _choices(step: surveys.Step, locale: str, ticked: int) -> list[list[Button]]:
    """A single choice's options, or a multiple choice's ticks and Done."""
    question, rid = step.question or {}, step.response.id
    multi = question["kind"] == "multi"
    buttons = []
    for i, option in enumerate(question["options"]):
        label = said(option["text"], locale)
        if not multi:
            buttons.append(Button(label, SurveyPick(rid, step.index, i).pack()))
            continue
        if ticked >> i & 1:
            label = texts.plain(texts.t("btn-survey-ticked", locale, label=label))
        buttons.append(Button(label, SurveyTick(rid, step.index, ticked ^ 1 << i).pack()))
    free = MAX_ROWS - 1 - int(multi)  # under them: Back/Skip, and Done
    rows = _chunks(buttons, 1 if len(buttons) <= free else 2)
    if multi:
        done = texts.t("btn-survey-done", locale)
        rows.append([Button(done, SurveyTick(rid, step.index, ticked, True).pack())])
    return rows


def _moves(step: surveys.Step, locale: str) -> list[list[Button]]:
    """Back (but at the first question) and Skip (for an optional one)."""
    question, rid = step.question or {}, step.response.id
    row = []
    if not step.first:
        row.append(Button(texts.t("btn-back", locale), SurveyMove(rid, step.index, "back").pack()))
    if not question["required"]:
        row.append(Button(texts.t("btn-skip", locale), SurveyMove(rid, step.index, "skip").pack()))
    return [row] if row else []


def _hint(question: dict[str, Any], locale: str) -> Markup:
    kind = question["kind"]
    if kind == "scale":
        labels = question.get("labels")
        ends = {"min": question["min"], "max": question["max"]}
        if labels:
            low, high = said(labels["min"], locale), said(labels["max"], locale)
            hint = texts.t("survey-hint-scale-labels", locale, low=low, high=high, **ends)
        else:
            hint = texts.t("survey-hint-scale", locale, **ends)
    else:
        hint = texts.t(f"survey-hint-{kind}", locale)
    if not question["required"]:
        hint = Markup(" ").join([hint, texts.t("survey-hint-optional", locale)])
    return hint


def question(
    step: surveys.Step, locale: str, ticked: int = 0, half: Half = "low", replace: bool = False
) -> Reply:
    """The current question with its number, the hint of how to answer and its buttons."""
    q = step.question
    assert q is not None
    text = texts.t(
        "survey-question",
        locale,
        title=said(step.definition["title"], locale),
        number=step.number,
        total=step.total,
        text=said(q["text"], locale),
    )
    if q["kind"] == "scale":
        rows = _scale(step, locale, half)
    elif q["kind"] == "text":
        rows = []
    else:
        rows = _choices(step, locale, ticked)
    return Reply(
        Markup("\n").join([text, _hint(q, locale)]), rows + _moves(step, locale), replace=replace
    )


@renderer(surveys.INVITE)
@renderer(surveys.REMIND)
async def invitation(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The invitation (or a reminder) with Start, or Continue once begun; void once the person
    has answered or the run has closed."""
    response = await session.get(SurveyResponse, int(row.params.get("response_id", 0)))
    if response is None or response.status == ResponseStatus.COMPLETED:
        return None
    run = await session.get(SurveyRun, response.run_id)
    if run is None or run.closed_at is not None:
        return None
    locale = person.locale
    definition = await surveys.definition_of(session, run)
    text = texts.t(
        row.template,
        locale,
        title=said(definition["title"], locale),
        until=when.format_when(run.closes_at, ZoneInfo(person.timezone), locale),
    )
    key = "btn-survey-start" if response.status == ResponseStatus.INVITED else "btn-survey-continue"
    return [Reply(text, [[Button(texts.t(key, locale), SurveyOpen(response.id).pack())]])]


async def pending(session: AsyncSession, person: Person, now: datetime) -> list[Reply]:
    """The person's surveys yet to be answered, each as its invitation showed it."""
    replies: list[Reply] = []
    for response in await surveys.unanswered(session, person.id, now):
        notice = Notification(template=surveys.INVITE, params={"response_id": response.id})
        replies += await invitation(session, notice, person) or []
    return replies
