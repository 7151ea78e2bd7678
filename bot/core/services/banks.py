"""The banks of mentors and mentees: questionnaire answers, listing, and mentor suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import (
    Form,
    MemberRole,
    Person,
    PersonRole,
    PersonStatus,
    Profile,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
)
from bot.core.services import consent

OPEN_STATUSES = (ProgrammeStatus.PROPOSED, ProgrammeStatus.ACTIVE)
MAX_TEXT = 500
MAX_CAPACITY = 20
PAGE = 8


@dataclass(frozen=True)
class Question:
    """One questionnaire item: the profile field it fills, who is asked it, how it is answered."""

    field: str
    roles: frozenset[Role]
    kind: Literal["text", "number", "forms"]


# The questionnaire, in the order it is asked and shown: the one list of its fields.
QUESTIONNAIRE = (
    Question("requests", frozenset({Role.MENTEE}), "text"),
    Question("interests", frozenset({Role.MENTEE}), "text"),
    Question("competences", frozenset({Role.MENTOR}), "text"),
    Question("experience", frozenset({Role.MENTOR}), "text"),
    Question("capacity", frozenset({Role.MENTOR}), "number"),
    Question("forms", frozenset({Role.MENTEE, Role.MENTOR}), "forms"),
    Question("availability", frozenset({Role.MENTOR}), "text"),
)
QUESTIONNAIRE_FIELDS = tuple(q.field for q in QUESTIONNAIRE)
TEXT_FIELDS = tuple(q.field for q in QUESTIONNAIRE if q.kind == "text")


def questions_for(roles: set[Role] | frozenset[Role]) -> list[Question]:
    """The questions a person with these roles answers."""
    return [q for q in QUESTIONNAIRE if q.roles & roles]


async def profile_of(session: AsyncSession, person_id: int) -> Profile:
    """The person's questionnaire row, created empty on first use."""
    profile = await session.get(Profile, person_id)
    if profile is None:
        profile = Profile(person_id=person_id, forms="")
        session.add(profile)
        await session.flush()
    return profile


def clean_text(text: str | None, limit: int = MAX_TEXT) -> str | None:
    """A free-text answer with whitespace tidied, or None when empty or too long."""
    if text is None:
        return None
    cleaned = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if not 2 <= len(cleaned) <= limit:
        return None
    return cleaned


def forms_of(profile: Profile | None) -> list[Form]:
    """Preferred forms of mentoring from a profile."""
    if profile is None or not profile.forms:
        return []
    return [Form(f) for f in profile.forms.split(",") if f in Form.__members__.values()]


def _stems(text: str | None) -> set[str]:
    """Comparable word stems: lowercase words of 3+ letters cut to 6 characters."""
    words = re.findall(r"[\w+#]+", (text or "").lower().replace("ё", "е"))
    return {w[:6] for w in words if len(w) >= 3}


async def mentees_taken(session: AsyncSession, mentor_id: int) -> int:
    """How many mentees the mentor has in proposed or active programmes."""
    query = (
        select(func.count())
        .select_from(ProgrammeMember)
        .join(Programme, Programme.id == ProgrammeMember.programme_id)
        .where(
            Programme.mentor_id == mentor_id,
            Programme.status.in_(OPEN_STATUSES),
            ProgrammeMember.role == MemberRole.MENTEE,
        )
    )
    return int((await session.execute(query)).scalar_one())


async def in_open_programme(session: AsyncSession, person_id: int, role: MemberRole) -> bool:
    """True when the person is already in a proposed or active programme in this role."""
    query = (
        select(func.count())
        .select_from(ProgrammeMember)
        .join(Programme, Programme.id == ProgrammeMember.programme_id)
        .where(
            ProgrammeMember.person_id == person_id,
            ProgrammeMember.role == role,
            Programme.status.in_(OPEN_STATUSES),
        )
    )
    return int((await session.execute(query)).scalar_one()) > 0


@dataclass(frozen=True)
class BankEntry:
    """One line of a bank listing."""

    person: Person
    profile: Profile | None
    taken: int  # mentees taken (mentors) or open programmes (mentees)

    @property
    def free(self) -> int:
        """Free places of a mentor."""
        capacity = self.profile.capacity if self.profile and self.profile.capacity else 0
        return max(capacity - self.taken, 0)


async def bank(
    session: AsyncSession,
    role: Role,
    *,
    form: Form | None = None,
    only_free: bool = False,
    only_unmatched: bool = False,
) -> list[BankEntry]:
    """Active people with `role`, filtered, by name."""
    query = (
        select(Person, Profile)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .outerjoin(Profile, Profile.person_id == Person.id)
        .where(PersonRole.role == role, Person.status == PersonStatus.ACTIVE)
        .order_by(Person.name, Person.id)
    )
    entries: list[BankEntry] = []
    for person, profile in (await session.execute(query)).all():
        if form is not None and form not in forms_of(profile):
            continue
        if role == Role.MENTOR:
            taken = await mentees_taken(session, person.id)
        else:
            taken = int(await in_open_programme(session, person.id, MemberRole.MENTEE))
        entry = BankEntry(person, profile, taken)
        if only_free and role == Role.MENTOR and entry.free == 0:
            continue
        if only_unmatched and entry.taken > 0:
            continue
        entries.append(entry)
    return entries


@dataclass(frozen=True)
class Suggestion:
    """A mentor proposed for a mentee, with the reasons for the rank."""

    mentor: Person
    score: int
    common: list[str]  # shared topics, as the mentor wrote them
    forms: list[Form]  # shared preferred forms
    free: int
    capacity: int


async def suggest_mentors(
    session: AsyncSession, mentee_ids: list[int], limit: int = 5, exclude: int | None = None
) -> list[Suggestion]:
    """Mentors with free places ranked by overlap with the mentees' answers, then free places
    (`exclude`: a mentor not to suggest, such as the one being replaced). A parent who
    consented for one of the mentees is never suggested as their mentor."""
    parents = await consent.parents_of(session, mentee_ids)
    wanted: set[str] = set()
    wanted_forms: set[Form] = set()
    for mentee_id in mentee_ids:
        profile = await session.get(Profile, mentee_id)
        if profile is not None:
            wanted |= _stems(profile.interests) | _stems(profile.requests)
            wanted_forms |= set(forms_of(profile))
    suggestions: list[Suggestion] = []
    for entry in await bank(session, Role.MENTOR, only_free=True):
        if entry.person.id in {*mentee_ids, exclude, *parents} or entry.free < len(mentee_ids):
            continue
        profile = entry.profile
        topics = (
            [
                t.strip()
                for t in (profile.competences or "").split(",")
                if t.strip() and _stems(t) & wanted
            ]
            if profile
            else []
        )
        shared_forms = [f for f in forms_of(profile) if f in wanted_forms]
        experience_hits = len(_stems(profile.experience if profile else None) & wanted)
        score = 3 * len(topics) + experience_hits + 2 * len(shared_forms)
        capacity = profile.capacity or 0 if profile else 0
        suggestions.append(
            Suggestion(entry.person, score, topics, shared_forms, entry.free, capacity)
        )
    suggestions.sort(key=lambda s: (-s.score, -s.free, s.mentor.name or "", s.mentor.id))
    return suggestions[:limit]
