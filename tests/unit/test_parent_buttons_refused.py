"""A parent's buttons act only for the child they consented for: a forged child id, or another
person pressing them, is refused and changes nothing."""

from __future__ import annotations

from bot.core.engine import Core
from bot.db import Database
from tests.unit.test_flows import Chat, core, parent_code, register, router, ru, snapshot

__all__ = ["core", "router"]  # the fixtures, shared with the flow tests


async def _child_and_parent(core: Core, child: str, parent: str, name: str) -> Chat:
    code = parent_code(await register(Chat(core, user=child), name=name, age="teen"))
    chat = Chat(core, user=parent)
    await chat.send(f"/parent {code}")
    await chat.press("parent:y")
    await chat.send("Мария Петровна Сидорова")
    return chat


async def test_forged_child_and_agreement_buttons(core: Core, db: Database) -> None:
    first = await _child_and_parent(core, "1", "2", "Петя Сидоров")
    await _child_and_parent(core, "3", "4", "Оля Смирнова")
    stranger = Chat(core, user="5")
    await stranger.send("/help")  # the account exists before the snapshot
    await first.send("/forget")
    before = await snapshot(db)
    for chat, payload in [
        (first, "forget-child:3"),  # the other parent's child (person 3 is not theirs)
        (first, "guardian:y:1:3"),
        (stranger, "forget-child:1"),
        (stranger, "guardian:y:1:1"),
    ]:
        replies = await chat.press(payload)
        assert replies[0].text == ru("refusal-stale-button"), payload
    assert await snapshot(db) == before
