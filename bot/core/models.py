"""Typed SQLAlchemy 2 models: the whole schema of the bot."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current moment as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always gives them back aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware UTC datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with a stable constraint naming scheme for migrations."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
    }


class Role(enum.StrEnum):
    """What a person is in the programme; one person may hold several roles."""

    MENTEE = "mentee"
    MENTOR = "mentor"
    CURATOR = "curator"
    DIRECTOR = "director"


STAFF = frozenset({Role.CURATOR, Role.DIRECTOR})  # who runs the programme


class AgeGroup(enum.StrEnum):
    """Age group asked at registration; anyone under 18 needs a parent's consent."""

    CHILD = "child"  # under 14
    TEEN = "teen"  # 14–17
    ADULT = "adult"  # 18 and over

    @property
    def is_minor(self) -> bool:
        """True when a parent or legal representative must consent."""
        return self is not AgeGroup.ADULT


class PersonStatus(enum.StrEnum):
    """Where a person is in registration."""

    REGISTERING = "registering"  # consent given, profile questions under way
    AWAITING_PARENT = "awaiting_parent"  # a minor whose parent has not consented yet
    ACTIVE = "active"
    ERASED = "erased"  # consent withdrawn, personal values erased


class Person(Base):
    """A participant. Exists only after consent; erased (not deleted) on withdrawal."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    age_group: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24), default=PersonStatus.REGISTERING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    erased_at: Mapped[datetime | None]

    roles: Mapped[list[PersonRole]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    accounts: Mapped[list[Account]] = relationship(back_populates="person", lazy="raise")

    @property
    def role_set(self) -> set[Role]:
        """The person's roles as a set of `Role`."""
        return {Role(r.role) for r in self.roles}


class PersonRole(Base):
    """One role held by one person."""

    __tablename__ = "person_roles"
    __table_args__ = (UniqueConstraint("person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))

    person: Mapped[Person] = relationship(back_populates="roles")


class Account(Base):
    """A platform identity (Telegram, VK or console); before consent only its id and language."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str | None] = mapped_column(String(8))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person | None] = relationship(back_populates="accounts", lazy="selectin")

    @property
    def address(self) -> str:
        """The account as `platform:id`, the form the CLI takes."""
        return f"{self.platform}:{self.external_id}"


class ConsentGiver(enum.StrEnum):
    """Who gave a consent: the person, or a parent / legal representative of a minor.

    A minor's own "yes" is recorded as the child's assent: it never stands in for the parent's
    consent.
    """

    SELF = "self"
    PARENT = "parent"
    CHILD_ASSENT = "child-assent"


class Consent(Base):
    """A consent to personal-data processing (152-FZ): which text, when, by whom, withdrawn when."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text_version: Mapped[str] = mapped_column(String(32))
    given_by: Mapped[str] = mapped_column(String(16))
    representative_name: Mapped[str | None] = mapped_column(String(100))
    # The account a parent consented from: their /mydata lists it, their /forget withdraws it.
    representative_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]


class ConversationState(Base):
    """What the bot awaits from an account; kept in the database so a restart resumes the flow."""

    __tablename__ = "conversation_states"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PausedWizard(Base):
    """A wizard left for a command in the middle: its step and answers, to continue later."""

    __tablename__ = "paused_wizards"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    wizard: Mapped[str] = mapped_column(String(32), primary_key=True)
    state: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    paused_at: Mapped[datetime] = mapped_column(default=utcnow)


class CodePurpose(enum.StrEnum):
    """What a one-time code is for."""

    LINK = "link"  # link a second platform account to the same person
    PARENT = "parent"  # a parent consents in a minor's name


class OneTimeCode(Base):
    """A short-lived single-use code handed to a person to type elsewhere."""

    __tablename__ = "one_time_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    purpose: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class NotificationStatus(enum.StrEnum):
    """Life of an outbox row."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by one dispatcher (its `claim_token`) until `locked_until`
    SENT = "sent"
    FAILED = "failed"  # gave up: a permanent refusal, or transient ones past the row's deadline
    VOID = "void"  # no longer applies (its subject changed), or pointless past `expires_at`


class Subject(enum.StrEnum):
    """What an outbox row is about: voiding and deduplication go by subject."""

    PERSON = "person"
    PROGRAMME = "programme"
    MILESTONE = "milestone"
    REQUEST = "request"
    SPEED_EVENT = "speed-event"
    SPEED_BOOKING = "speed-booking"
    MEETING = "meeting"
    HELP = "help"  # a question asked with /ask
    SURVEY_RUN = "survey-run"  # a survey sent out: its closing, the curator's reports
    SURVEY_RESPONSE = "survey-response"  # one person's invitation to a run, and reminders
    BROADCAST = "broadcast"  # a curator's announcement: its final report
    MEDIA_POST = "media-post"  # a post of the media plan: drafts to approve, hand-publishing
    MEDIA_EVENT = "media-event"  # an event of the media plan: the ask for photos after it
    MEDIA_PLAN = "media-plan"  # the plan as a whole: the weekly guarantee's alert
    ACHIEVEMENT = "achievement"  # an achievement: the curator's queue, the verdict to its owner
    PRACTICE = "practice"  # a best practice: the invitation, the curators' review, the verdict


class Notification(Base):
    """The outbox: anything sent later, or to someone other than the current chat, is a row here.

    A row names its subject (`milestone` 12), its purpose (`remind-before-3`), its recipient and
    an occasion (the due date a reminder belongs to, say). Among rows that are not void, those
    four are unique: scheduling the same thing twice adds nothing, and voiding frees the slot.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index(
            "uq_notifications_dedup",
            "subject_kind",
            "subject_id",
            "purpose",
            "occasion",
            "person_id",
            unique=True,
            sqlite_where=text("status != 'void'"),
            postgresql_where=text("status != 'void'"),
        ),
        Index("ix_notifications_due", "status", "due_at"),
        Index("ix_notifications_lease", "status", "locked_until"),
        Index("ix_notifications_subject", "subject_kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    # Only for an erased person's last word (a child whose parent declined): their former account.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(48))
    occasion: Mapped[str] = mapped_column(String(128), default="")
    template: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    due_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]  # past this moment the row is pointless: voided unsent
    status: Mapped[str] = mapped_column(String(16), default=NotificationStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # sends tried
    interruptions: Mapped[int] = mapped_column(Integer, default=0)  # claims that lapsed mid-send
    quiet_hours: Mapped[bool] = mapped_column(Boolean, default=False)  # wait out the night
    claim_token: Mapped[str | None] = mapped_column(String(32), index=True)
    locked_until: Mapped[datetime | None]
    first_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class Form(enum.StrEnum):
    """Forms of mentoring (§3.1 of the regulation)."""

    VIRTUAL = "virtual"
    GOAL = "goal"  # short-term / goal-setting
    REVERSE = "reverse"
    SITUATIONAL = "situational"
    SPEED = "speed"


class Profile(Base):
    """Questionnaire answers that put a person in the bank of mentees and/or mentors."""

    __tablename__ = "profiles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    requests: Mapped[str | None] = mapped_column(String(500))  # mentee: what help is wanted
    interests: Mapped[str | None] = mapped_column(String(500))  # mentee: topics, comma-separated
    competences: Mapped[str | None] = mapped_column(String(500))  # mentor: comma-separated
    experience: Mapped[str | None] = mapped_column(String(500))  # mentor: free text
    capacity: Mapped[int | None]  # mentor: how many mentees at once
    forms: Mapped[str] = mapped_column(String(100), default="")  # preferred forms, comma-separated
    availability: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ProgrammeStatus(enum.StrEnum):
    """Life of a pair's or group's programme (§7)."""

    PROPOSED = "proposed"  # formed by the curator, waiting for everyone to accept the agreement
    ACTIVE = "active"
    COMPLETED = "completed"  # the plan was carried out
    ENDED = "ended"  # ended early, by a member or the curator
    DECLINED = "declined"  # someone declined the agreement


class TermUnit(enum.StrEnum):
    """The unit a programme's term is counted in (a camp shift: days; a school year: months)."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


class Programme(Base):
    """A mentoring pair or group: one mentor, one or more mentees, an agreement and a plan."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    form: Mapped[str] = mapped_column(String(16))
    pair_type: Mapped[str] = mapped_column(String(32))  # a key of the organisation's data
    pair_type_note: Mapped[str | None] = mapped_column(String(100))  # the text of "other"
    term: Mapped[int]  # how many `term_unit`s
    term_unit: Mapped[str] = mapped_column(String(8), default=TermUnit.MONTHS)
    goals: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16), default=ProgrammeStatus.PROPOSED, index=True)
    reminder_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [3, 1])
    # Hours before a meeting its reminders go out.
    meeting_reminder_hours: Mapped[list[int]] = mapped_column(JSON, default=lambda: [24, 1])
    agreement_version: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    ends_on: Mapped[date | None] = mapped_column(Date)
    plan_agreed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    close_reason: Mapped[str | None] = mapped_column(String(500))
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class MemberRole(enum.StrEnum):
    """A person's place in a programme."""

    MENTOR = "mentor"
    MENTEE = "mentee"


class AgreementStatus(enum.StrEnum):
    """A member's answer to the agreement."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ProgrammeMember(Base):
    """A person in a programme, and their answer to its agreement."""

    __tablename__ = "programme_members"
    __table_args__ = (UniqueConstraint("programme_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    agreement: Mapped[str] = mapped_column(String(16), default=AgreementStatus.PENDING)
    responded_at: Mapped[datetime | None]
    # A minor's parent answers the agreement on the child's behalf too; None: no parent needed.
    guardian_agreement: Mapped[str | None] = mapped_column(String(16))


class MilestoneStatus(enum.StrEnum):
    """A plan item's state."""

    OPEN = "open"
    DONE = "done"
    DELETED = "deleted"


class Milestone(Base):
    """One activity of the individual plan (appendix 4), due on a calendar date."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    format: Mapped[str | None] = mapped_column(String(32))  # a key of the organisation's data
    format_note: Mapped[str | None] = mapped_column(String(100))  # the text of "other"
    description: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16), default=MilestoneStatus.OPEN)
    done_at: Mapped[datetime | None]
    done_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RequestKind(enum.StrEnum):
    """What a programme request asks for."""

    EXTEND = "extend"  # extend the term (mutual consent)
    PLAN_CHANGE = "plan_change"  # change the plan (mutual consent)
    REPLACE_MENTOR = "replace_mentor"  # a mentee asks the curator for another mentor
    PLAN_AGREEMENT = "plan_agreement"  # the mentor asks every mentee to agree to the plan


class RequestStatus(enum.StrEnum):
    """Where a programme request stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # its author withdrew consent before anyone answered


class ProgrammeRequest(Base):
    """A proposal one member makes and the other side (or the curator) answers."""

    __tablename__ = "programme_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]


class SpeedEventStatus(enum.StrEnum):
    """Life of a speed-mentoring event."""

    OPEN = "open"
    CANCELLED = "cancelled"


class Audience(enum.StrEnum):
    """Who a speed-mentoring event invites: every mentee, the mentees of a form, or of one
    programme."""

    ALL = "all"
    FORM = "form"
    PROGRAMME = "programme"


class SpeedEvent(Base):
    """Speed mentoring (§3.1): one meeting with a guest mentor, cut into slots mentees book."""

    __tablename__ = "speed_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    guest_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    guest_name: Mapped[str | None] = mapped_column(String(100))  # a guest not registered
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300))
    slot_minutes: Mapped[int]
    capacity: Mapped[int]  # mentees per slot
    audience: Mapped[str] = mapped_column(String(16))
    audience_ref: Mapped[str | None] = mapped_column(String(32))  # the form, or programme id
    status: Mapped[str] = mapped_column(String(16), default=SpeedEventStatus.OPEN)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]


class SpeedSlot(Base):
    """One slot of an event; `booked` counts its live bookings and never passes the capacity
    (the booking's conditional UPDATE sees to that)."""

    __tablename__ = "speed_slots"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("speed_events.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]  # 1, 2, … in time order
    starts_at: Mapped[datetime]
    booked: Mapped[int] = mapped_column(Integer, default=0)


class SpeedBooking(Base):
    """A mentee's place in a slot; one live booking per mentee and event (cancelled ones stay,
    so a reminder's key is never reused)."""

    __tablename__ = "speed_bookings"
    __table_args__ = (
        Index(
            "uq_speed_bookings_live",
            "event_id",
            "person_id",
            unique=True,
            sqlite_where=text("cancelled_at IS NULL"),
            postgresql_where=text("cancelled_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("speed_events.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("speed_slots.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]


class MeetingStatus(enum.StrEnum):
    """Life of a meeting."""

    PROPOSED = "proposed"  # waiting for the other members' answers
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    HELD = "held"
    NOT_HELD = "not_held"


class MeetingAnswer(enum.StrEnum):
    """A participant's answer to a proposed meeting."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class MeetingSeries(Base):
    """Meetings repeated every week or two: its occurrences are `Meeting` rows linked to it."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    every_weeks: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # raised on every change of it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Meeting(Base):
    """A meeting of a pair or group (or one occurrence of a series)."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="CASCADE"), index=True
    )
    slot: Mapped[datetime]  # the start the series gave it (RECURRENCE-ID); a one-off: its first
    start: Mapped[datetime] = mapped_column(index=True)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    place: Mapped[str | None] = mapped_column(String(500))  # an address or an online link
    format: Mapped[str | None] = mapped_column(String(32))  # a key of the organisation's data
    format_note: Mapped[str | None] = mapped_column(String(100))  # the text of "other"
    agenda: Mapped[str | None] = mapped_column(String(1000))
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="SET NULL")
    )
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default=MeetingStatus.PROPOSED, index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # raised on every change
    counter_start: Mapped[datetime | None]  # another time a participant proposed
    counter_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    held_at: Mapped[datetime | None]  # when the mentor said it took place


class MeetingParticipant(Base):
    """A person invited to a meeting: their answer and whether they came."""

    __tablename__ = "meeting_participants"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(16), default=MeetingAnswer.PENDING)
    attended: Mapped[bool | None] = mapped_column(Boolean)


class StoredFile(Base):
    """A file a person sent (a photo or a document), kept until it is delivered and erased with
    the person's data."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def described(self) -> dict[str, Any]:
        """What /mydata says of the file: its name, type and size (never its bytes)."""
        return {"name": self.name, "type": self.mime, "size": self.size}


class HelpStatus(enum.StrEnum):
    """Where a question asked with /ask stands."""

    OPEN = "open"  # awaiting an answer
    ANSWERED = "answered"
    CLOSED = "closed"  # the mentee said it is solved


class HelpThread(Base):
    """A question a mentee asked with /ask and everything written in it since.

    `helper_id` is the mentor asked (None: the curators, for a mentee without a mentor);
    `asked_at` is when the mentee last wrote, the start of the wait for an answer.
    """

    __tablename__ = "help_threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    helper_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(16), default=HelpStatus.OPEN, index=True)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)  # the curators were told
    asked_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]


class HelpMessage(Base):
    """One message of a help thread: text, a file, or both."""

    __tablename__ = "help_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("help_threads.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SurveyKind(enum.StrEnum):
    """Why a survey was sent out."""

    MEETING = "meeting"  # feedback after a meeting logged as held
    MONITORING = "monitoring"  # the twice-yearly monitoring (§3.5)
    COMPLETION = "completion"  # a programme's end (appendix 4, stage 6)
    CURATOR = "curator"  # sent by a curator to a segment


class SurveyVersion(Base):
    """A survey file as it was when a run was sent: answers keep pointing at the questions they
    answered, whatever later becomes of the file."""

    __tablename__ = "survey_versions"
    __table_args__ = (UniqueConstraint("key", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)  # the file's name, `meeting-feedback`
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of the parsed definition
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SurveyRun(Base):
    """One sending of a survey: to whom it went is its responses; it takes answers until
    `closes_at` and is closed (`closed_at`) once, when the deadline passes.

    `occasion` makes an automatic run unique: the monitoring deadline (`2026-12-20`), the
    meeting's or programme's id; a curator's runs leave it empty.
    """

    __tablename__ = "survey_runs"
    __table_args__ = (
        Index(
            "uq_survey_runs_occasion",
            "kind",
            "occasion",
            unique=True,
            sqlite_where=text("occasion != ''"),
            postgresql_where=text("occasion != ''"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    occasion: Mapped[str] = mapped_column(String(64), default="")
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # a curator's segment
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime] = mapped_column(index=True)
    closed_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]  # the curator's one reminder to those yet to answer
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResponseStatus(enum.StrEnum):
    """Where one person's answers to a run stand."""

    INVITED = "invited"
    STARTED = "started"
    COMPLETED = "completed"


class SurveyResponse(Base):
    """One person's answer set to a run: at most one per person and run.

    `programme_id` is the pair or group the answers are about (a mentor sees aggregates of their
    own), `role` the part the person had there when invited.
    """

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("run_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("survey_runs.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=ResponseStatus.INVITED, index=True)
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]


class SurveyAnswer(Base):
    """The answer to one question: a number (scale), an option key (single choice), a list of
    option keys (multiple choice) or text; `skipped` for an optional question passed over."""

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("response_id", "question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(64))  # the question's id in the survey file
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class BroadcastStatus(enum.StrEnum):
    """Life of a curator's announcement."""

    SENDING = "sending"  # its deliveries are being sent
    PAUSED = "paused"  # the curator paused it: nothing is claimed until resumed
    CANCELLED = "cancelled"  # the rest will never be sent
    DONE = "done"  # every delivery is sent, unreachable or failed


class Broadcast(Base):
    """An announcement a curator sent: its text (data, escaped when shown), one optional file,
    the audience as chosen and how many opted-out people it skipped."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_mime: Mapped[str | None] = mapped_column(String(100))
    file_content: Mapped[bytes | None] = mapped_column(LargeBinary)
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    skipped: Mapped[int] = mapped_column(Integer, default=0)  # opted out of announcements
    status: Mapped[str] = mapped_column(String(16), default=BroadcastStatus.SENDING, index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # The curator's message the figures are shown in as it goes (edited while it can be).
    progress_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL")
    )
    progress_message: Mapped[str | None] = mapped_column(String(32))


class DeliveryStatus(enum.StrEnum):
    """Life of one broadcast delivery (one recipient account)."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by one worker until `locked_until`
    SENT = "sent"
    UNREACHABLE = "unreachable"  # blocked the bot, or VK refused the intent: not retried
    FAILED = "failed"  # refused, or transient failures past the retry budget
    CANCELLED = "cancelled"  # the curator cancelled the broadcast first


class BroadcastDelivery(Base):
    """One broadcast to one account, frozen when the curator confirmed; the claim comes from
    this row, VK's `random_id` from its batch, so a restart never sends it twice to VK."""

    __tablename__ = "broadcast_deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "account_id"),
        Index("ix_broadcast_deliveries_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    platform: Mapped[str] = mapped_column(String(16))
    intent: Mapped[str] = mapped_column(String(32))  # VK's `intent` of messages.send
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime]
    claim_token: Mapped[str | None] = mapped_column(String(32))
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    # the VK request this delivery goes in (`BroadcastBatch`); None on Telegram
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcast_batches.id", ondelete="SET NULL"), index=True
    )


class AnnouncementOptOut(Base):
    """A person who switched announcements off in /settings."""

    __tablename__ = "announcement_opt_outs"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PostKind(enum.StrEnum):
    """The regulation's kinds of media-plan content (§1.3)."""

    PRESS_RELEASE = "press-release"  # 3–5 days before an event
    POST_RELEASE = "post-release"  # within a day after it
    DIGEST = "digest"
    ALBUM = "album"
    PLAYLIST = "playlist"
    LONGREAD = "longread"  # over 2,000 characters


class PostStatus(enum.StrEnum):
    """A post's way: draft → approved → scheduled → published, or failed or cancelled."""

    DRAFT = "draft"
    APPROVED = "approved"
    PUBLISHING = "publishing"  # claimed by the scheduler, being sent to the wall
    SCHEDULED = "scheduled"  # on the wall with a publish_date still ahead
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ChannelStatus(enum.StrEnum):
    """A post's copy in the Telegram channel."""

    SENDING = "sending"  # claimed, being sent
    SENT = "sent"
    FAILED = "failed"


class MediaEvent(Base):
    """An event of the media plan: its press release comes before, its post-release after."""

    __tablename__ = "media_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    curator_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]  # cancelled: no posts are drafted for it any more


class MediaPost(Base):
    """A post of the media plan. `occasion` keeps the bot's own posts single: `event:12` for an
    event's press release and post-release, `week:2026-12-07` for a digest; a curator's own item
    has `item:<n>`."""

    __tablename__ = "media_posts"
    __table_args__ = (UniqueConstraint("kind", "occasion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_events.id", ondelete="CASCADE"), index=True
    )
    occasion: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), default=PostStatus.DRAFT, index=True)
    text: Mapped[str] = mapped_column(Text)
    publish_at: Mapped[datetime] = mapped_column(index=True)
    wall_post_id: Mapped[int | None]
    failure: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The copy in the Telegram channel (TELEGRAM_CHANNEL_ID): None (not yet), sending, sent,
    # failed; claimed like the wall publish.
    channel_status: Mapped[str | None] = mapped_column(String(16))
    channel_claimed_until: Mapped[datetime | None]
    channel_message_id: Mapped[int | None]
    channel_failure: Mapped[str | None] = mapped_column(String(200))


class MediaPhoto(Base):
    """A photo for a post, as the curator sent it."""

    __tablename__ = "media_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("media_posts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class MediaPostChange(Base):
    """The post history: every change of a post, by whom (None: the bot) and when."""

    __tablename__ = "media_post_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("media_posts.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(200), default="")


class AchievementStatus(enum.StrEnum):
    """Where an achievement stands with the curator (the moderator)."""

    PENDING = "pending"  # waiting for the curator's check
    VERIFIED = "verified"  # checked: the owner can no longer edit it, only withdraw it
    REJECTED = "rejected"  # with the curator's reason, which the owner sees
    WITHDRAWN = "withdrawn"  # withdrawn by its owner


class AchievementLevel(enum.StrEnum):
    """The level of the event an achievement comes from."""

    SCHOOL = "school"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    NATIONAL = "national"
    INTERNATIONAL = "international"


class AchievementResult(enum.StrEnum):
    """What the person achieved there."""

    PARTICIPANT = "participant"
    PRIZE_WINNER = "prize_winner"
    WINNER = "winner"


class Achievement(Base):
    """One achievement of a person's digital footprint: what, of which kind, level and result,
    when, and its proof (a photo or PDF kept as a `StoredFile` of the owner, or a link). `kind`
    is a key of the organisation's achievement kinds; `level` an `AchievementLevel`, `result`
    an `AchievementResult`."""

    __tablename__ = "achievements"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16))
    result: Mapped[str] = mapped_column(String(16))
    achieved_on: Mapped[date] = mapped_column(Date)
    proof_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL")
    )
    proof_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default=AchievementStatus.PENDING, index=True)
    reason: Mapped[str | None] = mapped_column(String(500))  # why the curator rejected it
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PracticeStatus(enum.StrEnum):
    """A practice's way to the methodological collection (методическая копилка)."""

    DRAFT = "draft"  # being written by its author (an invitation not yet answered, too)
    SUBMITTED = "submitted"  # waiting for the curator
    CHANGES_REQUESTED = "changes_requested"  # back with the author, with the curator's comment
    APPROVED = "approved"  # in the collection: everyone registered sees it in /practices
    DECLINED = "declined"  # with the curator's reason


class Practice(Base):
    """A mentor's best practice: what was done in a programme and what came of it. `form` is a
    `Form`; `format` a key of the organisation's formats of work (or "other", with
    `format_note`); `round` counts submissions (each is a new notice to the curators)."""

    __tablename__ = "practices"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    form: Mapped[str | None] = mapped_column(String(16))
    format: Mapped[str | None] = mapped_column(String(32))
    format_note: Mapped[str | None] = mapped_column(String(100))
    done: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=PracticeStatus.DRAFT, index=True)
    invited: Mapped[bool] = mapped_column(Boolean, default=False)  # drafted by the invitation
    round: Mapped[int] = mapped_column(Integer, default=0)
    comment: Mapped[str | None] = mapped_column(Text)  # the curator's comment or reason
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PracticeFile(Base):
    """A photo or document of a practice, kept with it and deleted with it."""

    __tablename__ = "practice_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BroadcastBatch(Base):
    """Up to 100 VK deliveries of one broadcast sent in one `messages.send` (`peer_ids`). Its
    `random_id` comes from this row, so a batch sent again after a crash, with the same members,
    is dropped by VK."""

    __tablename__ = "broadcast_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
