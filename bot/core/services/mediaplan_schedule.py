"""What the media plan does by itself as time passes: press releases before events, the ask for
photos after them, the weekly digest, and the alert before a week without a post. Every step
writes rows, so a pass repeated (or after a restart) adds nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.core import outbox, posts
from bot.core.models import (
    MediaEvent,
    MediaPost,
    Meeting,
    MeetingStatus,
    Person,
    PersonRole,
    PersonStatus,
    PostKind,
    PostStatus,
    Programme,
    ProgrammeStatus,
    Role,
    Subject,
)
from bot.core.services import mediaplan, programmes
from bot.core.when import format_when

LATEST_PRESS = timedelta(days=3)  # a press release is out at least this long before its event
FOLLOW_UP = timedelta(hours=3)  # after an event starts, the curator is asked for photos
POST_RELEASE_BY = timedelta(days=1)  # the post-release goes out within a day of the event
DIGEST_NOTICE = timedelta(days=1)  # the digest is drafted (and can be held) this long ahead
WEEK = timedelta(days=7)
LOOK_BACK = timedelta(days=30)  # events older than this are left alone


@dataclass(frozen=True)
class Plan:
    """The organisation's settings for the media plan."""

    press_days: int
    digest_weekday: int  # 1: Monday … 7: Sunday
    digest_clock: time
    zone: str
    locale: str

    def when(self, moment: datetime) -> str:
        """A moment as the wall shows it."""
        return format_when(moment, ZoneInfo(self.zone), self.locale)


def plan_of(settings: Settings) -> Plan:
    """The media plan's settings: press release lead, digest day and time, zone, language."""
    return Plan(
        settings.press_release_days, settings.digest_weekday, settings.digest_clock,
        settings.default_timezone, settings.default_locale,
    )  # fmt: skip


async def run(session: AsyncSession, now: datetime, plan: Plan) -> None:
    """One pass of everything due by `now`."""
    await press_releases(session, now, plan)
    await post_releases(session, now, plan)
    await digest(session, now, plan)
    await quiet_alert(session, now)
    await mediaplan.went_live(session, now)


def event_params(event: MediaEvent, plan: Plan) -> dict[str, str]:
    """What a post's template knows of the event."""
    return {
        "title": event.title, "when": plan.when(event.starts_at), "place": event.place,
        "description": event.description,
    }  # fmt: skip


async def _events(session: AsyncSession, *where: object) -> list[MediaEvent]:
    query = select(MediaEvent).where(MediaEvent.cancelled_at.is_(None), *where)  # type: ignore[arg-type]
    return list((await session.execute(query.order_by(MediaEvent.starts_at))).scalars())


async def press_releases(session: AsyncSession, now: datetime, plan: Plan) -> None:
    """Draft the press release of every event `press_days` ahead, for the curators to approve."""
    lead = timedelta(days=plan.press_days)
    for event in await _events(
        session, MediaEvent.starts_at > now, MediaEvent.starts_at <= now + lead
    ):
        text = posts.render(PostKind.PRESS_RELEASE, plan.locale, **event_params(event, plan))
        at = max(now, event.starts_at - LATEST_PRESS)
        post = await mediaplan.new_post(
            session, PostKind.PRESS_RELEASE, f"event:{event.id}", text, at, now,
            event_id=event.id,
        )  # fmt: skip
        if post is not None:
            await mediaplan.tell_curators(session, post, "media-draft", now)


def post_release_text(event: MediaEvent, plan: Plan, words: str = "") -> str:
    """The post-release of `event`, with the curator's few words (as data) if any."""
    return posts.render(
        PostKind.POST_RELEASE, plan.locale, words=words, **event_params(event, plan)
    )


async def post_releases(session: AsyncSession, now: datetime, plan: Plan) -> None:
    """After an event: draft its post-release and ask the curators for photos and a few words."""
    for event in await _events(
        session, MediaEvent.starts_at <= now - FOLLOW_UP, MediaEvent.starts_at > now - LOOK_BACK
    ):
        at = max(now, event.starts_at + POST_RELEASE_BY)
        post = await mediaplan.new_post(
            session, PostKind.POST_RELEASE, f"event:{event.id}", post_release_text(event, plan),
            at, now, event_id=event.id,
        )  # fmt: skip
        if post is not None:
            await mediaplan.tell_curators(session, post, "media-photos-wanted", now)


def digest_slot(now: datetime, plan: Plan) -> datetime:
    """The next digest time not more than a day past (UTC)."""
    zone = ZoneInfo(plan.zone)
    local = now.astimezone(zone)
    day = local.date() + timedelta(days=(plan.digest_weekday - 1 - local.weekday()) % 7)
    slot = datetime.combine(day, plan.digest_clock, zone)
    if slot - WEEK + POST_RELEASE_BY > now:  # last week's slot is still within its day
        slot -= WEEK
    return slot.astimezone(now.tzinfo)


async def _count(session: AsyncSession, query: object) -> int:
    return int((await session.execute(query)).scalar_one())  # type: ignore[call-overload]


async def digest(session: AsyncSession, now: datetime, plan: Plan) -> None:
    """A day before the digest's time, write it approved (it publishes itself unless a curator
    holds or edits it) and tell the curators."""
    slot = digest_slot(now, plan)
    if now < slot - DIGEST_NOTICE:
        return
    occasion = f"week:{slot.date().isoformat()}"
    if (await session.execute(select(MediaPost.id).where(MediaPost.occasion == occasion))).first():
        return
    held = await _events(session, MediaEvent.starts_at >= slot - WEEK, MediaEvent.starts_at < slot)
    ahead = await _events(session, MediaEvent.starts_at >= slot, MediaEvent.starts_at < slot + WEEK)
    meetings = (
        select(func.count())
        .select_from(Meeting)
        .where(
            Meeting.status == MeetingStatus.HELD, Meeting.start >= slot - WEEK, Meeting.start < slot
        )
    )
    roles = select(func.count()).select_from(PersonRole).join(Person)
    active = roles.where(Person.status == PersonStatus.ACTIVE)
    running = (
        select(func.count())
        .select_from(Programme)
        .where(Programme.status == ProgrammeStatus.ACTIVE)
    )
    text = posts.render(
        PostKind.DIGEST, plan.locale,
        week=plan.when(slot - WEEK).rsplit(",", 1)[0] + " – " + plan.when(slot).rsplit(",", 1)[0],
        held=[{"title": e.title, "when": plan.when(e.starts_at)} for e in held],
        ahead=[{"title": e.title, "when": plan.when(e.starts_at)} for e in ahead],
        meetings=await _count(session, meetings),
        mentors=await _count(session, active.where(PersonRole.role == Role.MENTOR)),
        mentees=await _count(session, active.where(PersonRole.role == Role.MENTEE)),
        running=await _count(session, running),
    )  # fmt: skip
    post = await mediaplan.new_post(
        session, PostKind.DIGEST, occasion, text, max(slot, now), now, status=PostStatus.APPROVED
    )
    if post is not None:
        await mediaplan.tell_curators(session, post, "media-digest", now)


async def quiet_alert(session: AsyncSession, now: datetime) -> None:
    """Six days after the last post (or, on a fresh install, after the plan's first pass), an
    alert to each curator, sent only if the week is still quiet then (`still_quiet`)."""
    last = await session.scalar(select(func.max(MediaPost.published_at)))
    since = last or now
    for curator in await programmes.curators(session):
        await outbox.schedule(
            session, to=curator.id, subject=Subject.MEDIA_PLAN, subject_id=0,
            purpose="media-quiet", due_at=since + WEEK - DIGEST_NOTICE,
            occasion=last.isoformat() if last else "fresh", params={"since": since.isoformat()},
        )  # fmt: skip


async def still_quiet(session: AsyncSession, since: datetime) -> bool:
    """Nothing published after `since`, and nothing on its way to the wall within its week."""
    published = await session.scalar(
        select(func.count()).select_from(MediaPost).where(MediaPost.published_at > since)
    )
    coming = await session.scalar(
        select(func.count())
        .select_from(MediaPost)
        .where(
            MediaPost.status.in_(
                [PostStatus.APPROVED, PostStatus.PUBLISHING, PostStatus.SCHEDULED]
            ),
            MediaPost.publish_at <= since + WEEK,
        )
    )
    return not published and not coming
