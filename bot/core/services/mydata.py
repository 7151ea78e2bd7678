"""Everything stored about a person, as plain data (the answer to a 152-FZ access request)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Account,
    Consent,
    Meeting,
    MeetingParticipant,
    Notification,
    NotificationStatus,
    Person,
    Profile,
    Programme,
    ProgrammeMember,
)
from bot.core.services import achievements, banks, consent, help_threads, people, practices, surveys


def account_record(account: Account) -> dict[str, Any]:
    """What is kept about a platform account."""
    return {
        "platform": account.platform,
        "id": account.external_id,
        "language": account.locale,
        "first_seen": account.created_at.isoformat(),
        "last_seen": account.last_seen_at.isoformat(),
    }


async def programmes_record(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """The person's pairs and groups: role, status, term and their answer to the agreement."""
    query = (
        select(ProgrammeMember, Programme)
        .join(Programme, Programme.id == ProgrammeMember.programme_id)
        .where(ProgrammeMember.person_id == person_id)
        .order_by(Programme.id)
    )
    return [
        {
            "programme": programme.id,
            "role": member.role,
            "status": programme.status,
            "form": programme.form,
            "term": programme.term,
            "term_unit": programme.term_unit,
            "goals": programme.goals,
            "agreement": member.agreement,
            "agreement_version": programme.agreement_version,
            "answered_at": member.responded_at.isoformat() if member.responded_at else None,
        }
        for member, programme in (await session.execute(query)).all()
    ]


async def meetings_record(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """The meetings one was invited to: when, in which programme, their status, one's answer
    and whether one came; of those one proposed, the place, format and agenda one typed; the
    other time one proposed."""
    query = (
        select(MeetingParticipant, Meeting)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(MeetingParticipant.person_id == person_id)
        .order_by(Meeting.start, Meeting.id)
    )
    found = []
    for part, meeting in (await session.execute(query)).all():
        item: dict[str, Any] = {
            "start": meeting.start.isoformat(),
            "minutes": meeting.minutes,
            "programme": meeting.programme_id,
            "status": meeting.status,
            "answer": part.answer,
            "attended": part.attended,
        }
        if meeting.proposed_by == person_id:
            typed = {"place": meeting.place, "format_note": meeting.format_note}
            typed["agenda"] = meeting.agenda
            item |= {key: value for key, value in typed.items() if value}
        if meeting.counter_by == person_id and meeting.counter_start is not None:
            item["other_time"] = meeting.counter_start.isoformat()
        found.append(item)
    return found


async def questionnaire_record(session: AsyncSession, person_id: int) -> dict[str, Any]:
    """The questionnaire answers, as given."""
    profile = await session.get(Profile, person_id)
    if profile is None:
        return {}
    return {
        name: getattr(profile, name)
        for name in banks.QUESTIONNAIRE_FIELDS
        if getattr(profile, name) not in (None, "")
    }


async def consents_given(session: AsyncSession, account: Account) -> dict[str, Any]:
    """The consents given as a parent, and for whom (an erased child is named by no one)."""
    given = await consent.given_as_parent(session, account)
    if not given:
        return {}
    return {
        "consents_given": [
            {
                "for": child.name,
                "representative_name": c.representative_name,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c, child in given
        ]
    }


async def collect(session: AsyncSession, account: Account, person: Person | None) -> dict[str, Any]:
    """The full record: profile, roles, accounts, consents (given and given as a parent),
    programmes, meetings, survey answers, what was written with /ask, achievements, practices
    and pending messages."""
    as_parent = await consents_given(session, account)
    if person is None:
        return {"accounts": [account_record(account)], **as_parent}
    consents = (
        await session.execute(
            select(Consent).where(Consent.person_id == person.id).order_by(Consent.given_at)
        )
    ).scalars()
    pending = (
        await session.execute(
            select(Notification).where(
                Notification.person_id == person.id,
                Notification.status == NotificationStatus.PENDING,
            )
        )
    ).scalars()
    return {
        "profile": {
            "name": person.name,
            "language": person.locale,
            "time_zone": person.timezone,
            "age_group": person.age_group,
            "status": person.status,
            "roles": sorted(person.role_set),
            "registered": person.created_at.isoformat(),
        },
        "questionnaire": await questionnaire_record(session, person.id),
        "accounts": [account_record(a) for a in await people.accounts_of(session, person.id)],
        "consents": [
            {
                "text_version": c.text_version,
                "given_by": c.given_by,
                "representative_name": c.representative_name,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in consents
        ],
        "programmes": await programmes_record(session, person.id),
        "meetings": await meetings_record(session, person.id),
        "surveys": await surveys.record(session, person.id, person.locale),
        "questions": await help_threads.record(session, person.id),
        "achievements": await achievements.record(session, person.id),
        "practices": await practices.record(session, person.id),
        "scheduled_messages": [
            {"kind": n.template, "due_at": n.due_at.isoformat()} for n in pending
        ],
        **as_parent,
    }
