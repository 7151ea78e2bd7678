"""/stats for the curator: people, pairs and groups by status, who waits, what is late."""

from __future__ import annotations

from bot.core import texts
from bot.core.engine import Core
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import add_milestone, core, programme_setup

__all__ = ["core"]


async def test_stats_counts_pairs_groups_waiting_mentees_and_overdue_items(
    core: Core, db: Database, clock: FakeClock
) -> None:
    pair = await programme_setup(core, db)
    await add_milestone(pair.mentor, pair.programme_id, "Собрать шасси", "через неделю")
    await add_milestone(pair.mentor, pair.programme_id, "Написать код", "через месяц")
    await register(Chat(core, user="9"), name="Петя Ждущий")
    clock.advance(days=10)

    (reply,) = await pair.curator.send("/stats")

    text = texts.plain(reply.text)
    assert "Пары и группы" in text
    assert "Идут: 1 пара, 0 групп" in text
    assert "Ждут соглашения: 0 пар, 0 групп" in text
    assert "Наставляемых без пары: 2" in text  # Петя, and the curator registered as a mentee
    assert "Просроченных пунктов плана: 1" in text
    assert "Петя" not in text and "Собрать" not in text  # figures only, no names
