"""A digital footprint written straight into the database: achievements in every status (the
achievements wizard is another module's), a completed programme, meetings held, a plan item
done — what the portfolio tests look for."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Achievement,
    AchievementStatus,
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    Milestone,
    MilestoneStatus,
    Programme,
    ProgrammeStatus,
)

VERIFIED = "Олимпиада НТИ по робототехнике"
VERIFIED_TOO = "Курс «Python для начинающих»"
PENDING = "Хакатон «Умный город»"
REJECTED = "Конкурс рисунков на асфальте"
WITHDRAWN = "Снятая конференция"
# 22:00 UTC on 30 November is already 1 December in Moscow: the portfolio shows the local date.
REVIEWED = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)
VERIFIED_ON_RU = "1 декабря 2026"
AGENDA = "Разбор задач олимпиады"
MILESTONE = "Собрать первый прототип"
# olympiad 10 × regional 3 × prize-winner 2 = 60; online course 3 × school 1 × participant 1 = 3
TOTAL = "63"


def _achievement(
    person_id: int, title: str, status: AchievementStatus, **more: object
) -> Achievement:
    values: dict[str, object] = {
        "kind": "hackathon",
        "level": "national",
        "result": "winner",
        "achieved_on": date(2026, 10, 12),
    }
    values |= more
    reviewed = status in (AchievementStatus.VERIFIED, AchievementStatus.REJECTED)
    return Achievement(
        person_id=person_id,
        title=title,
        status=status,
        reviewed_at=REVIEWED if reviewed else None,
        reason="Нет подтверждающего документа" if status == AchievementStatus.REJECTED else None,
        **values,
    )


async def seed(session: AsyncSession, mentee_id: int, mentor_id: int, programme_id: int) -> None:
    """The programme completed, one meeting attended and one missed, one plan item done, and
    achievements: two verified, one pending, one rejected, one withdrawn."""
    programme = await session.get(Programme, programme_id)
    assert programme is not None
    programme.status = ProgrammeStatus.COMPLETED
    programme.started_at = programme.started_at or REVIEWED - timedelta(days=60)
    programme.closed_at = REVIEWED - timedelta(days=1)
    for n, came in enumerate((True, False)):
        start = REVIEWED - timedelta(days=4 + n)
        meeting = Meeting(
            programme_id=programme_id,
            slot=start,
            start=start,
            status=MeetingStatus.HELD,
            agenda=AGENDA if came else "Встреча, которую пропустили",
            held_at=start,
        )
        session.add(meeting)
        await session.flush()
        session.add(MeetingParticipant(meeting_id=meeting.id, person_id=mentee_id, attended=came))
        session.add(MeetingParticipant(meeting_id=meeting.id, person_id=mentor_id, attended=True))
    session.add(
        Milestone(
            programme_id=programme_id,
            title=MILESTONE,
            due_on=date(2026, 11, 1),
            status=MilestoneStatus.DONE,
            done_at=REVIEWED - timedelta(days=2),
        )
    )
    session.add_all(
        [
            _achievement(
                mentee_id,
                VERIFIED,
                AchievementStatus.VERIFIED,
                kind="olympiad",
                level="regional",
                result="prize_winner",
            ),
            _achievement(
                mentee_id,
                VERIFIED_TOO,
                AchievementStatus.VERIFIED,
                kind="online_course",
                level="school",
                result="participant",
                achieved_on=date(2026, 9, 1),
            ),
            _achievement(mentee_id, PENDING, AchievementStatus.PENDING),
            _achievement(mentee_id, REJECTED, AchievementStatus.REJECTED),
            _achievement(mentee_id, WITHDRAWN, AchievementStatus.WITHDRAWN),
        ]
    )
