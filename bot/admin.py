"""Operator commands run from the shell: giving and taking staff roles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot import migrate
from bot.config import Settings
from bot.core import outbox
from bot.core.models import Role, Subject, utcnow
from bot.core.services import people
from bot.db import Database

Clock = Callable[[], datetime]


async def change_role(
    settings: Settings, action: str, role: str, address: str, clock: Clock = utcnow
) -> tuple[bool, str]:
    """Grant or revoke `role` for the person behind `address`; (success, message for the shell).

    A person granted a role is told, by the running bot, what they can do now."""
    try:
        platform, external_id = people.parse_address(address)
    except ValueError as exc:
        return False, str(exc)
    await migrate.upgrade(settings.database_url)
    db = Database(settings.database_url)
    try:
        async with db.transaction() as session:
            account = await people.find_account(session, platform, external_id)
            person = account.person if account else None
            if person is None:
                return False, (
                    f"{address} is not registered yet: ask them to send /start to the bot and "
                    "give consent first."
                )
            if action == "grant":
                changed = people.grant(person, Role(role))
                verb = "now has" if changed else "already had"
                if changed:
                    now = clock()
                    await outbox.schedule(
                        session,
                        to=person.id,
                        subject=Subject.PERSON,
                        subject_id=person.id,
                        purpose=f"role-granted-{role}",
                        occasion=now.isoformat(),
                        due_at=now,
                    )
            else:
                changed = people.revoke(person, Role(role))
                verb = "no longer has" if changed else "did not have"
            return True, f"{address} ({person.name}) {verb} the {role} role."
    finally:
        await db.close()
