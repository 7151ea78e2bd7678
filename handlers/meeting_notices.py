"""A meeting as a person sees it: its card in their own zone and language, the actions open to
them, and the renderers of every meeting notice of the outbox (proposal, confirmation, move,
cancel, counter-proposal, reminders, the mentor's question after it)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import organisation, texts
from bot.core.conversation import Button, Reply
from bot.core.models import (
    Meeting,
    MeetingAnswer,
    MeetingSeries,
    MeetingStatus,
    Milestone,
    Notification,
    Person,
    Programme,
    ProgrammeStatus,
)
from bot.core.services import meeting_reminders, meetings
from bot.core.when import format_when
from handlers.buttons import (
    CancelSeries,
    CounterAnswer,
    MeetingAction,
    MeetingActs,
    MeetingOutcome,
    OutcomeActs,
)
from handlers.meeting_calendar import meeting_file
from handlers.notifications import renderer, shown_name

ENDED = "meeting-programme-ended"  # the programme closed: the meetings ahead are off
SERIES_OFF = "meeting-series-cancelled"  # the whole series ahead is off
TEMPLATES = (
    "meeting-proposed",
    "meeting-confirmed",
    "meeting-declined",
    "meeting-called-off",
    "meeting-moved",
    "meeting-cancelled",
    SERIES_OFF,
    "meeting-counter",
    "meeting-counter-declined",
    "meeting-reminder",
    ENDED,
)
# Notices that carry a calendar file.
FILES = ("meeting-confirmed", "meeting-moved", "meeting-cancelled", SERIES_OFF, ENDED)


def when_text(moment: datetime, person: Person) -> str:
    """A moment on the person's own clock, with the weekday: «чт, 26 ноября, 15:00»."""
    return format_when(moment, ZoneInfo(person.timezone), person.locale)


async def card(session: AsyncSession, meeting: Meeting, person: Person, title: str = "") -> Markup:
    """The meeting's card: `title` (a line of news, if any), when, where, about what, who."""
    locale = person.locale
    series = await session.get(MeetingSeries, meeting.series_id) if meeting.series_id else None
    milestone = await session.get(Milestone, meeting.milestone_id) if meeting.milestone_id else None
    people = await meetings.participants(session, meeting.id)
    return texts.render(
        "meeting",
        locale,
        title=title,
        when=when_text(meeting.start, person),
        minutes=meeting.minutes,
        place=meeting.place or "",
        format=organisation.shown("formats", meeting.format, meeting.format_note, locale)
        if meeting.format
        else "",
        agenda=meeting.agenda or "",
        milestone=milestone.title if milestone else "",
        every_weeks=series.every_weeks if series else 0,
        status=texts.t(f"meeting-status-{meeting.status}", locale),
        counter=when_text(meeting.counter_start, person) if meeting.counter_start else "",
        people=[
            (shown_name(p, locale), texts.t(f"meeting-answer-{part.answer}", locale))
            for part, p in people
        ],
    )


async def actions(session: AsyncSession, meeting: Meeting, person: Person) -> list[list[Button]]:
    """The buttons open to this person on this meeting now."""
    locale = person.locale
    mid = meeting.id
    programme = await session.get(Programme, meeting.programme_id)
    if programme is None or programme.status != ProgrammeStatus.ACTIVE:
        return []
    mine = {p.id: part for part, p in await meetings.participants(session, mid)}.get(person.id)
    if mine is None:
        return []

    def button(act: MeetingActs, key: str) -> Button:
        return Button(texts.t(key, locale), MeetingAction(act, mid).pack())

    rows: list[list[Button]] = []
    proposed = meeting.status == MeetingStatus.PROPOSED
    if proposed and mine.answer == MeetingAnswer.PENDING:
        rows.append([button("confirm", "btn-meeting-confirm"), button("decline", "btn-decline")])
    if proposed and programme.mentor_id == person.id and len(await _invited(session, mid)) > 2:
        rows.append([button("all", "btn-meeting-confirm-all")])
    if meeting.status in meetings.LIVE and person.id != meeting.proposed_by:
        rows.append([button("other", "btn-meeting-other-time")])
    if meeting.status in meetings.LIVE and person.id in (programme.mentor_id, meeting.proposed_by):
        rows.append([button("move", "btn-meeting-move"), button("cancel", "btn-meeting-cancel")])
        if meeting.series_id is not None:
            label = texts.t("btn-meeting-cancel-series", locale)
            rows.append([Button(label, CancelSeries(mid).pack())])
    return rows


async def _invited(session: AsyncSession, meeting_id: int) -> list[int]:
    return [p.id for _, p in await meetings.participants(session, meeting_id)]


async def _meeting(session: AsyncSession, row: Notification) -> Meeting | None:
    """The meeting a notice is about, while its programme runs (or the notice says it ended)."""
    meeting = await session.get(Meeting, int(row.params.get("meeting_id", 0)))
    programme = await session.get(Programme, meeting.programme_id) if meeting else None
    if programme is None:
        return None
    if programme.status != ProgrammeStatus.ACTIVE and row.template != ENDED:
        return None
    return meeting


def _current(row: Notification, meeting: Meeting, person: Person) -> bool:
    """Whether the notice still says something true (else it is voided unsent)."""
    if row.template == "meeting-proposed":
        return meeting.status == MeetingStatus.PROPOSED
    if row.template == "meeting-counter":
        return meeting.counter_start is not None and meeting.proposed_by == person.id
    if row.template == "meeting-reminder":
        return meeting.status == MeetingStatus.CONFIRMED
    return True


async def meeting_notice(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """A meeting's news: its card under a line of what happened, with the person's buttons
    (a calendar file with the news of a confirmation, a move or a cancel)."""
    meeting = await _meeting(session, row)
    if meeting is None or not _current(row, meeting, person):
        return None
    asker = meeting.counter_by if row.template == "meeting-counter" else meeting.proposed_by
    by_id = row.params.get("by_id") or asker  # shown from /pending: who asked
    by = await session.get(Person, int(by_id)) if by_id else None
    title = texts.t(
        row.template,
        person.locale,
        by=shown_name(by, person.locale),
        hours=int(row.params.get("hours", 0)),
    )
    buttons = await actions(session, meeting, person)
    if row.template == "meeting-counter":
        buttons = [
            [
                Button(
                    texts.t("btn-accept", person.locale), CounterAnswer(True, meeting.id).pack()
                ),
                Button(
                    texts.t("btn-decline", person.locale), CounterAnswer(False, meeting.id).pack()
                ),
            ]
        ]
    replies = [Reply(await card(session, meeting, person, title), buttons)]
    if row.template in FILES and meeting.status in (
        MeetingStatus.CONFIRMED,
        MeetingStatus.CANCELLED,
    ):
        caption = texts.t("meeting-ics-caption", person.locale)
        file = await meeting_file(session, meeting, person, row.template == SERIES_OFF)
        replies.append(Reply(caption, file=file))
    return replies


for _template in TEMPLATES:
    renderer(_template)(meeting_notice)


@renderer(meeting_reminders.OUTCOME)
async def outcome_question(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """The mentor is asked whether the meeting took place: held, not held or moved."""
    meeting = await _meeting(session, row)
    if meeting is None or meeting.status != MeetingStatus.CONFIRMED:
        return None
    locale = person.locale
    title = texts.t("meeting-outcome", locale)
    acts: tuple[OutcomeActs, ...] = ("held", "not", "moved")
    labels = [
        Button(texts.t(f"btn-meeting-{act}", locale), MeetingOutcome(act, meeting.id).pack())
        for act in acts
    ]
    buttons = [labels[:2], labels[2:]]
    return [Reply(await card(session, meeting, person, title), buttons)]
