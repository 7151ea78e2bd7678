"""Every button's payload, one small class per action (see `bot.core.payload`).

A route is registered for a class (`@router.button(OpenProgramme)`); the router parses the
payload and hands the handler a typed value, or answers a malformed one as a stale button.
`legacy` keeps buttons in messages sent before a prefix was renamed working.
"""

from __future__ import annotations

from typing import Annotated, Literal

from bot.config import SUPPORTED_LOCALES
from bot.core.models import (
    AchievementLevel,
    AchievementResult,
    AgeGroup,
    Audience,
    Form,
    TermUnit,
)
from bot.core.payload import OneOf, Payload
from bot.core.services.banks import QUESTIONNAIRE_FIELDS
from bot.core.services.reports import ReportKind

# What the buttons offer.
CAPACITY_CHOICES = (1, 2, 3, 5)
ZONE_SHORTCUTS = ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok")
# Extensions in the programme's own unit.
EXTEND_CHOICES: dict[str, tuple[int, ...]] = {
    TermUnit.DAYS: (7, 14, 21),
    TermUnit.WEEKS: (1, 2, 4),
    TermUnit.MONTHS: (1, 3, 6),
}
# Term buttons of the pair wizard: a camp shift, a term, half a year, a school year.
TERMS = ((21, TermUnit.DAYS), (3, TermUnit.MONTHS), (6, TermUnit.MONTHS), (9, TermUnit.MONTHS))
SNOOZE_DAYS = (1, 3)
# The speed wizard's numbers as buttons (any other typed).
SPEED_MINUTES = (10, 15, 20, 30)
SPEED_SLOTS = (4, 6, 8)
SPEED_CAPACITY = (1, 2, 3)
# Reminder schedules a programme can use: days before the due date (the day itself always).
REMINDER_PRESETS: dict[str, list[int]] = {"31": [3, 1], "731": [7, 3, 1], "1": [1], "0": []}
BankRole = Literal["mentor", "mentee"]
BankAct = Literal["open", "list", "filters", "forms"]
MilestoneAct = Literal["done", "move", "delete"]


# --- everyone ------------------------------------------------------------------------------


class Menu(Payload, prefix="menu"):
    """A command from the /help or /settings menu."""

    command: str


class WizardStep(Payload, prefix="wizard"):
    """Continue a wizard left in the middle, or start it over."""

    name: str
    again: bool


class Language(Payload, prefix="lang"):
    """Speak this language."""

    code: Annotated[str, OneOf(SUPPORTED_LOCALES)]


class ConsentAnswer(Payload, prefix="consent"):
    """Agree or decline to the processing of one's data."""

    agree: bool


class RoleChoice(Payload, prefix="role"):
    """Register as a mentee, a mentor or both."""

    choice: Literal["mentee", "mentor", "both"]


class AgeChoice(Payload, prefix="age"):
    """One's age group."""

    group: AgeGroup


class ZoneShortcut(Payload, prefix="zone"):
    """One of the commonest time zones."""

    index: Annotated[int, OneOf(range(len(ZONE_SHORTCUTS)))]


class ForgetAnswer(Payload, prefix="forget"):
    """Really withdraw consent and erase one's data, or not."""

    erase: bool


class ForgetMine(Payload, prefix="forget-mine"):
    """Withdraw one's own consent (chosen when one also consented for a child)."""


class ForgetChild(Payload, prefix="forget-child"):
    """Withdraw the consent one gave as a parent for this child."""

    child: int


class ParentAnswer(Payload, prefix="parent"):
    """A parent agrees or declines in a minor's name."""

    agree: bool


# --- the questionnaire ---------------------------------------------------------------------


class Capacity(Payload, prefix="capacity"):
    """How many mentees a mentor takes."""

    places: Annotated[int, OneOf(CAPACITY_CHOICES)]


class ToggleForm(Payload, prefix="toggle"):
    """Tick or untick a form of mentoring."""

    form: Form


class FormsDone(Payload, prefix="forms-done"):
    """The forms are chosen."""


class EditAnswer(Payload, prefix="edit"):
    """Change one answer of the questionnaire."""

    field: Annotated[str, OneOf(QUESTIONNAIRE_FIELDS)]


# --- a programme ---------------------------------------------------------------------------


class OpenProgramme(Payload, prefix="programme", legacy=("pg",)):
    """A programme's card."""

    programme_id: int


class AgreementAnswer(Payload, prefix="agree", legacy=("agr",)):
    """Accept or decline the agreement of a programme."""

    accept: bool
    programme_id: int


class GuardianAnswer(Payload, prefix="guardian"):
    """A parent accepts or declines a minor's agreement on the child's behalf."""

    accept: bool
    programme_id: int
    child: int


class AgreementFile(Payload, prefix="agreement"):
    """The agreement as a file: a DOCX, or a PDF."""

    programme_id: int
    pdf: bool = False


class Reminders(Payload, prefix="reminders"):
    """Choose when plan reminders go out (no preset: show the choices)."""

    programme_id: int
    preset: Annotated[str, OneOf(REMINDER_PRESETS)] | None = None


class Complete(Payload, prefix="complete"):
    """The mentor closes a programme as done (a confirmation is asked next)."""

    programme_id: int


class ConfirmComplete(Payload, prefix="complete-sure"):
    """Yes, complete it, with this many plan items still open (as the warning said)."""

    programme_id: int
    open_items: int


class EndEarly(Payload, prefix="end"):
    """End a programme early (a confirmation is asked next)."""

    programme_id: int


class ConfirmEnd(Payload, prefix="end-sure"):
    """Yes, end it early (the reason is asked next)."""

    programme_id: int


class KeepAsIs(Payload, prefix="keep"):
    """Cancel the question of a reason: the programme stays as it was."""

    programme_id: int


class Extend(Payload, prefix="extend"):
    """Propose a longer term, in the programme's unit (no count: show the choices)."""

    programme_id: int
    count: Annotated[int, OneOf(sorted({n for c in EXTEND_CHOICES.values() for n in c}))] | None = (
        None
    )


class AskReplacement(Payload, prefix="replace"):
    """A mentee asks for another mentor (the reason is asked next)."""

    programme_id: int


class RequestAnswer(Payload, prefix="request", legacy=("rq",)):
    """Accept or decline another member's proposal."""

    accept: bool
    request_id: int


# --- pairs (staff) -------------------------------------------------------------------------


class PairList(Payload, prefix="pairs"):
    """A page of the list of programmes."""

    page: int


class NewPair(Payload, prefix="pair-new"):
    """Start forming a pair or group."""


class Replacement(Payload, prefix="pair-replace"):
    """Form a pair with another mentor, from a mentee's request."""

    request_id: int


class SwapMentor(Payload, prefix="pair-swap"):
    """The curator replaces a running pair's mentor (from a mentee's request, if one awaits)."""

    programme_id: int


class PickMentee(Payload, prefix="pair-mentee"):
    """Add a mentee to the pair being formed."""

    person_id: int


class MenteePage(Payload, prefix="pair-mentees"):
    """Another page of mentees."""

    page: int


class ToMentor(Payload, prefix="pair-next"):
    """The mentees are chosen: on to the mentor."""


class PickMentor(Payload, prefix="pair-mentor"):
    """The mentor of the pair being formed."""

    person_id: int


class PickForm(Payload, prefix="pair-form"):
    """The pair's form of mentoring."""

    form: Form


class PickPairType(Payload, prefix="pair-type"):
    """The pair's type: a key of the organisation's data, or `other`."""

    pair_type: str


class PairTypePage(Payload, prefix="pair-types"):
    """Another page of pair types."""

    page: int


class PickTerm(Payload, prefix="pair-term"):
    """The pair's term (no unit: months, as buttons sent before days and weeks said)."""

    count: int
    unit: TermUnit | None = None


class ConfirmPair(Payload, prefix="pair-confirm"):
    """Form the pair as summed up, or drop it."""

    confirm: bool


# --- the plan ------------------------------------------------------------------------------


class OpenPlan(Payload, prefix="plan"):
    """A programme's plan."""

    programme_id: int


class AddMilestone(Payload, prefix="ms-add"):
    """The mentor adds a plan item."""

    programme_id: int


class PickActivity(Payload, prefix="ms-format"):
    """The new item's format of work: a key of the organisation's data, or `other`."""

    activity: str


class SkipActivity(Payload, prefix="ms-no-format"):
    """The new item has no particular format."""


class ActivityPage(Payload, prefix="ms-formats"):
    """Another page of formats."""

    page: int


class SkipDescription(Payload, prefix="ms-no-description"):
    """The new item has no description."""


class PickMilestones(Payload, prefix="ms-pick"):
    """A page of open items to mark done, move or delete (no page: the first, as a new message)."""

    act: MilestoneAct
    programme_id: int
    page: int | None = None


class MilestoneAction(Payload, prefix="ms"):
    """Mark one item done, move it or delete it."""

    act: MilestoneAct
    milestone_id: int


class ConfirmDelete(Payload, prefix="ms-delete"):
    """Yes, delete this plan item."""

    milestone_id: int


class Snooze(Payload, prefix="snooze"):
    """Remind of an item again in a few days."""

    milestone_id: int
    days: Annotated[int, OneOf(SNOOZE_DAYS)]


class TellCurator(Payload, prefix="ms-tell"):
    """Tell the curator an item is done."""

    milestone_id: int


class SendPlan(Payload, prefix="plan-send"):
    """The mentor sends the plan to the mentees to agree."""

    programme_id: int


class AgreePlan(Payload, prefix="plan-agree", legacy=("pk",)):
    """A mentee agrees to the plan."""

    programme_id: int


# --- the banks (staff) ---------------------------------------------------------------------


def free_only_for_mentors(role: BankRole, free: bool) -> bool:
    """Only mentors have free places to filter by."""
    return role == "mentor" or not free


class BankHome(Payload, prefix="bank"):
    """The banks' figures."""


class BankList(Payload, prefix="bank-list"):
    """A bank's list (`list`), with its filters above it (`open`), the filters alone
    (`filters`) or the form chooser (`forms`); the whole view is in the payload."""

    act: BankAct
    role: BankRole
    form: Form | None
    free: bool
    unmatched: bool
    page: int

    def valid(self) -> bool:
        """Only mentors have free places to filter by."""
        return free_only_for_mentors(self.role, self.free)


class BankCard(Payload, prefix="bank-card"):
    """A person's card, with the way back to the view it was opened from."""

    person_id: int
    role: BankRole
    form: Form | None
    free: bool
    unmatched: bool
    page: int

    def valid(self) -> bool:
        """Only mentors have free places to filter by."""
        return free_only_for_mentors(self.role, self.free)


# --- messages between the curator and a participant -------------------------------------------


class WriteTo(Payload, prefix="write"):
    """The curator writes to a participant through the bot (a person card, a pair card, a reply)."""

    person_id: int


class AnswerCurator(Payload, prefix="write-back"):
    """A participant answers the curator's message (the outbox row that carried it)."""

    message_id: int


class WriteToMember(Payload, prefix="write-pick"):
    """From the pair card: choose which member of the programme the curator writes to."""

    programme_id: int


# --- speed mentoring ---------------------------------------------------------------------------


class SpeedNew(Payload, prefix="speed-new"):
    """The curator creates a speed-mentoring event (or continues the one left in the middle)."""


class SpeedGuest(Payload, prefix="speed-guest"):
    """The event's guest: a registered mentor."""

    person_id: int


class SpeedMinutes(Payload, prefix="speed-min"):
    """How long a slot is."""

    minutes: Annotated[int, OneOf(SPEED_MINUTES)]


class SpeedSlots(Payload, prefix="speed-slots"):
    """How many slots the event has."""

    slots: Annotated[int, OneOf(SPEED_SLOTS)]


class SpeedCapacity(Payload, prefix="speed-cap"):
    """How many mentees a slot takes."""

    capacity: Annotated[int, OneOf(SPEED_CAPACITY)]


class SpeedAudience(Payload, prefix="speed-for"):
    """Whom the event invites: all mentees, those of a form, or one programme's (picked next)."""

    kind: Audience
    form: Form | None = None

    def valid(self) -> bool:
        """A form exactly when the audience is a form."""
        return (self.form is not None) == (self.kind == Audience.FORM)


class SpeedProgramme(Payload, prefix="speed-pair"):
    """The event invites the mentees of this programme."""

    programme_id: int


class SpeedConfirm(Payload, prefix="speed-create"):
    """Create the event as summed up, or drop it."""

    confirm: bool


class SpeedOpen(Payload, prefix="speed"):
    """An event's card: its slots and who booked them."""

    event_id: int


class SpeedCsv(Payload, prefix="speed-csv"):
    """The event's roster as a CSV file."""

    event_id: int


class SpeedStop(Payload, prefix="speed-stop"):
    """Cancel the event (asks first; `sure` does it)."""

    event_id: int
    sure: bool = False


class SpeedBook(Payload, prefix="speed-book"):
    """A mentee books this slot (moving from another slot of the same event)."""

    slot_id: int


class SpeedUnbook(Payload, prefix="speed-unbook"):
    """A mentee cancels their booking at this event."""

    event_id: int


# --- meetings --------------------------------------------------------------------------------

MEETING_DAYS = 7  # day buttons: today and the six days after
MEETING_SLOTS = tuple(9 * 60 + 90 * i for i in range(8))  # 09:00, 10:30 … 19:30 local
MEETING_DURATIONS = (30, 45, 60, 90)
MEETING_COUNTS = (0, 4, 6, 8, 12)  # occurrences of a series; 0: until the term ends
# Meeting reminder schedules a programme can use: hours before the start.
MEETING_REMINDER_PRESETS: dict[str, list[int]] = {"241": [24, 1], "24": [24], "1": [1], "0": []}
MeetingActs = Literal["confirm", "all", "decline", "other", "move", "cancel"]
OutcomeActs = Literal["held", "not", "moved"]


class MeetingList(Payload, prefix="meet-list"):
    """A page of one's upcoming meetings."""

    page: int


class MeetingSchedule(Payload, prefix="meet-ics"):
    """All one's upcoming meetings as one calendar file."""


class NewMeeting(Payload, prefix="meet-new"):
    """Propose a meeting (no programme: choose it first when one has several)."""

    programme_id: int | None = None


class MeetingProgrammePage(Payload, prefix="meet-new-page"):
    """Another page of one's programmes to propose a meeting in."""

    page: int


class MeetingDay(Payload, prefix="meet-day"):
    """The day of the meeting: today plus this many days."""

    offset: Annotated[int, OneOf(range(MEETING_DAYS))]


class MeetingSlot(Payload, prefix="meet-slot"):
    """The local time of the meeting, in minutes after midnight."""

    minute: Annotated[int, OneOf(MEETING_SLOTS)]


class MeetingLength(Payload, prefix="meet-len"):
    """How long the meeting lasts, in minutes."""

    minutes: Annotated[int, OneOf(MEETING_DURATIONS)]


class MeetingSkip(Payload, prefix="meet-skip"):
    """No answer to this question of the meeting wizard (place, format, agenda, milestone)."""


class MeetingFormat(Payload, prefix="meet-format"):
    """The meeting's format of work: a key of the organisation's data, or `other`."""

    activity: str


class MeetingFormatPage(Payload, prefix="meet-formats"):
    """Another page of formats."""

    page: int


class MeetingCovers(Payload, prefix="meet-covers"):
    """The plan item the meeting covers."""

    milestone_id: int


class MeetingCoversPage(Payload, prefix="meet-covers-page"):
    """Another page of the plan items a meeting may cover."""

    page: int


class MeetingRepeat(Payload, prefix="meet-repeat"):
    """Once (0), or every one or two weeks."""

    every_weeks: Annotated[int, OneOf((0, 1, 2))]


class MeetingCount(Payload, prefix="meet-count"):
    """How many meetings a series has (0: until the programme's term ends)."""

    count: Annotated[int, OneOf(MEETING_COUNTS)]


class SendMeeting(Payload, prefix="meet-send"):
    """Send the proposal as summed up (`despite_clash`: after the warning of a clash)."""

    despite_clash: bool = False


class MeetingAction(Payload, prefix="meet"):
    """Answer, move or cancel one meeting."""

    act: MeetingActs
    meeting_id: int


class CancelSeries(Payload, prefix="meet-series-off"):
    """Cancel every occurrence ahead of the meeting's series (`sure`: after the question)."""

    meeting_id: int
    sure: bool = False


class CounterAnswer(Payload, prefix="meet-counter"):
    """The proposer takes or refuses the other time a participant proposed."""

    accept: bool
    meeting_id: int


class MeetingOutcome(Payload, prefix="meet-outcome"):
    """The mentor says whether the meeting took place."""

    act: OutcomeActs
    meeting_id: int


class MeetingAttended(Payload, prefix="meet-came"):
    """Tick or untick one participant who came, on that page of names (`person_id` 0: the
    ticking is done)."""

    meeting_id: int
    person_id: int
    page: int = 0


class AttendancePage(Payload, prefix="meet-came-page"):
    """Another page of the names to tick after a meeting."""

    meeting_id: int
    page: int


class MeetingReminders(Payload, prefix="meet-reminders"):
    """Choose when meeting reminders go out (no preset: show the choices)."""

    programme_id: int
    preset: Annotated[str, OneOf(MEETING_REMINDER_PRESETS)] | None = None


# --- help on request (/ask) ---------------------------------------------------------------------


class AskMentor(Payload, prefix="ask"):
    """Ask the mentor of this programme a question (0: the curators)."""

    programme_id: int


class HelpReply(Payload, prefix="help-reply"):
    """Write in a help thread: the mentor's answer, or the mentee's next message."""

    thread_id: int


class HelpSolved(Payload, prefix="help-solved"):
    """The mentee closes the question: it is solved."""

    thread_id: int


class HelpHandOn(Payload, prefix="help-hand"):
    """A curator chooses another mentor for an unanswered question."""

    thread_id: int


class HelpHandTo(Payload, prefix="help-to"):
    """Give the question to this mentor."""

    thread_id: int
    mentor_id: int


# --- reports -------------------------------------------------------------------------------

ReportSpan = Literal["month", "last", "year", "calendar"]


class ReportChoice(Payload, prefix="report"):
    """The curator chose which report to prepare."""

    kind: ReportKind


class ReportPeriod(Payload, prefix="report-period"):
    """The report for this month, last month or this school year."""

    kind: ReportKind
    span: ReportSpan


# --- surveys -------------------------------------------------------------------------------


class SurveyOpen(Payload, prefix="survey"):
    """Start answering a survey, or continue from the first question not yet answered."""

    response_id: int


class SurveyPick(Payload, prefix="sv-pick"):
    """The answer to question `step`: a scale's number, or a single choice's option (its place)."""

    response_id: int
    step: int
    value: int


class SurveyTick(Payload, prefix="sv-tick"):
    """Multiple choice at question `step`: the options ticked (a bit each); `done` submits them."""

    response_id: int
    step: int
    ticked: int
    done: bool = False


class SurveyMove(Payload, prefix="sv-move"):
    """At question `step`: back to the one before, skip it, or show a long scale's other half."""

    response_id: int
    step: int
    act: Literal["back", "skip", "low", "high"]


# --- surveys sent by the curator ----------------------------------------------------------------

CAMPAIGN_DAYS = (3, 7, 14)  # deadline buttons: answers taken until the end of that day
CampaignSegment = Literal["all", "mentors", "mentees", "form", "pair_type", "programme"]


class CampaignNew(Payload, prefix="sv-new"):
    """The curator starts sending a survey (or continues the one left in the middle)."""


class CampaignFile(Payload, prefix="sv-file"):
    """The survey to send: a survey file's name."""

    key: str


class CampaignTo(Payload, prefix="sv-to"):
    """Whom to send it to; a form, pair type or programme without `value`: choose it next."""

    segment: CampaignSegment
    value: str | None = None


class CampaignProgramme(Payload, prefix="sv-pair"):
    """Send it to the members of this programme."""

    programme_id: int


class CampaignUntil(Payload, prefix="sv-until"):
    """Take answers until the end of the day this many days ahead."""

    days: Annotated[int, OneOf(CAMPAIGN_DAYS)]


class CampaignSend(Payload, prefix="sv-send"):
    """Send the survey as summed up, or drop it (at any step)."""

    confirm: bool


class CampaignCard(Payload, prefix="sv-run"):
    """A sent survey's card with its response figures as they are now."""

    run_id: int


class CampaignRemind(Payload, prefix="sv-remind"):
    """Remind those yet to answer, once."""

    run_id: int


class CampaignAnswers(Payload, prefix="sv-answers"):
    """Everyone's answers to a sent survey as a CSV file (the curator's alone)."""

    run_id: int


class SurveySummary(Payload, prefix="sv-sum"):
    """A mentor's figures of a survey's answers from their own pairs and groups."""

    run_id: int


# --- the curator: broadcasts -----------------------------------------------------------------

BroadcastAudience = Literal[
    "all", "mentors", "mentees", "form", "pair_type", "programme", "parents", "survey"
]
BroadcastAct = Literal["open", "pause", "resume", "cancel", "csv"]


class BroadcastTo(Payload, prefix="bc-to"):
    """Whom to send the announcement to; a kind that needs a value without it: choose next."""

    kind: BroadcastAudience
    value: str | None = None


class BroadcastSend(Payload, prefix="bc-send"):
    """Send the announcement as previewed, or drop it (at any step)."""

    confirm: bool


class BroadcastBack(Payload, prefix="bc-back"):
    """From the preview back to choosing whom the announcement goes to."""


class BroadcastCard(Payload, prefix="bc"):
    """A broadcast's card (figures counted afresh), and pausing, resuming, cancelling it, or
    the file of those not reached."""

    broadcast_id: int
    act: BroadcastAct


class Announcements(Payload, prefix="announce"):
    """Switch the curators' announcements on or off for oneself."""

    on: bool


# --- the portfolio -------------------------------------------------------------------------


class PortfolioView(Payload, prefix="portfolio"):
    """A person's portfolio in chat, as a PDF or as JSON (who may see it is checked again)."""

    person_id: int
    view: Literal["chat", "pdf", "json"] = "chat"


# --- achievements ----------------------------------------------------------------------------


class AchievementList(Payload, prefix="ach-list"):
    """One's achievements (/achievements)."""


class OpenAchievement(Payload, prefix="ach"):
    """An achievement's card."""

    achievement_id: int


class NewAchievement(Payload, prefix="ach-new"):
    """Add an achievement: for oneself, or (a mentor) for this mentee; `choose`: a page of them."""

    owner: int | None = None
    choose: bool = False
    page: int = 0


class AchievementKind(Payload, prefix="ach-kind"):
    """The kind of the achievement being added (a key of the organisation's list)."""

    key: str


class AchievementKindPage(Payload, prefix="ach-kinds"):
    """Another page of the kinds."""

    page: int


class AchievementLevelChoice(Payload, prefix="ach-level"):
    """The level of the event."""

    level: AchievementLevel


class AchievementResultChoice(Payload, prefix="ach-result"):
    """What was achieved there."""

    result: AchievementResult


class AchievementKeep(Payload, prefix="ach-keep"):
    """Editing: keep this answer as it was."""


class AchievementSend(Payload, prefix="ach-send"):
    """Send the achievement for the curator's check, or drop it."""

    send: bool


class EditAchievement(Payload, prefix="ach-edit"):
    """Change an achievement not yet verified (it goes to the curator again)."""

    achievement_id: int


class WithdrawAchievement(Payload, prefix="ach-withdraw"):
    """Withdraw an achievement (a confirmation is asked first)."""

    achievement_id: int
    sure: bool = False


class AchievementQueue(Payload, prefix="ach-queue"):
    """The curator's queue of achievements to check."""


class AchievementVerdict(Payload, prefix="ach-verdict"):
    """The curator verifies an achievement, or rejects it (the reason is asked next)."""

    achievement_id: int
    verify: bool
