"""Forged button payloads: whatever their shape, the answer is "stale button"; nothing changes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.core.models import Base
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness

STALE = "Эта кнопка больше не действует"


async def snapshot(harness: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (except when an account was last seen)."""
    db = harness.database()
    try:
        async with db.transaction() as session:
            result = {}
            for table in Base.metadata.sorted_tables:
                columns = [c for c in table.columns if c.name != "last_seen_at"]
                rows = (await session.execute(select(*columns))).all()
                result[table.name] = sorted(tuple(map(repr, row)) for row in rows)
            return result
    finally:
        await db.close()


def forgeries(programme: int, milestone: int) -> list[str]:
    """Payloads no button of the bot carries: extra or missing fields, letters, signs, zeros,
    numbers too long, values no button offers, prefixes no route has."""
    return [
        "",
        ":",
        "programme",
        "programme:",
        f"programme:{programme}:1",
        f"pg:{programme}:x",  # an older prefix, with a field too many
        "programme:abc",
        f"programme:-{programme}",
        f"programme:+{programme}",
        f"programme:0{programme}",
        "programme:99999999999999999999999",
        "programme:١",
        f"ms:done:{milestone}:x",
        f"ms:finish:{milestone}",
        "ms:done:abc",
        f"snooze:{milestone}:7",
        f"snooze:{milestone}",
        f"agree:maybe:{programme}",
        f"agree:y:{programme}:{programme}",
        f"extend:{programme}:2",
        f"extend:{programme}:9999999999999",
        f"reminders:{programme}:99",
        f"end:{programme}x",
        f"ms-pick:finish:{programme}",
        f"ms-pick:done:{programme}:-1",
        "request:y:",
        f"pq:{programme}",  # a prefix renamed long ago
        "nonsense:1",
    ]


async def test_forged_payloads_get_the_stale_answer_and_change_nothing(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    await steps.add_milestone(pair.mentor, "Собрать шасси", "10.12")
    milestone = (await steps.milestone_ids(harness))["Собрать шасси"]
    before = await snapshot(harness)
    for forged in forgeries(1, milestone):
        pair.mentee.press_payload(forged)
        msg = await pair.mentee.expect()
        assert STALE in msg.text, (forged, msg.text)
        assert pair.mentee.unread() == [], forged  # one answer, nothing else
    assert await snapshot(harness) == before
    # The real buttons still work.
    await pair.mentee.say("/programme", "Программа №1")
