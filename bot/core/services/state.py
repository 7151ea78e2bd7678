"""Conversation state: what the bot awaits from an account, kept in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import ConversationState, PausedWizard


async def load(session: AsyncSession, account_id: int) -> tuple[str | None, dict[str, Any]]:
    """The account's current state and its data, or (None, {})."""
    row = await session.get(ConversationState, account_id)
    return (row.state, dict(row.data)) if row else (None, {})


async def save(session: AsyncSession, account_id: int, state: str, data: dict[str, Any]) -> None:
    """Remember that the bot now waits on `state` for this account."""
    row = await session.get(ConversationState, account_id)
    if row is None:
        session.add(ConversationState(account_id=account_id, state=state, data=data))
    else:
        row.state, row.data = state, data


async def clear(session: AsyncSession, account_id: int) -> None:
    """Forget any awaited answer for this account."""
    await session.execute(
        delete(ConversationState).where(ConversationState.account_id == account_id)
    )


async def pause(
    session: AsyncSession, account_id: int, wizard: str, state: str, data: dict[str, Any]
) -> None:
    """Keep a wizard's step and answers aside (one paused copy of each wizard)."""
    await session.merge(PausedWizard(account_id=account_id, wizard=wizard, state=state, data=data))


async def paused(session: AsyncSession, account_id: int) -> list[str]:
    """The wizards this account left in the middle, oldest first."""
    rows = await session.execute(
        select(PausedWizard.wizard)
        .where(PausedWizard.account_id == account_id)
        .order_by(PausedWizard.paused_at)
    )
    return list(rows.scalars())


async def take_paused(
    session: AsyncSession, account_id: int, wizard: str
) -> tuple[str, dict[str, Any]] | None:
    """A paused wizard's step and answers, no longer kept aside; None if there is none."""
    row = await session.get(PausedWizard, (account_id, wizard))
    if row is None:
        return None
    await session.delete(row)
    return row.state, dict(row.data)


async def drop_paused(
    session: AsyncSession, account_ids: list[int], wizard: str | None = None
) -> None:
    """Forget the paused wizards of these accounts (only `wizard`, when given)."""
    query = delete(PausedWizard).where(PausedWizard.account_id.in_(account_ids))
    if wizard is not None:
        query = query.where(PausedWizard.wizard == wizard)
    await session.execute(query)
