"""Apply Alembic migrations from code (the `migrate` command and start-up)."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.config import Config

from bot import resources


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the project's migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(resources.folder("migrations")))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_sync(url: str) -> None:
    """Bring the database at `url` to the newest schema (blocking)."""
    command.upgrade(alembic_config(url), "head")


async def upgrade(url: str) -> None:
    """Bring the database at `url` to the newest schema without blocking the event loop."""
    await asyncio.to_thread(upgrade_sync, url)
