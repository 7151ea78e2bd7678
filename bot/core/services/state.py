"""Conversation state: what the bot awaits from an account, kept in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.models import ConversationState


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
