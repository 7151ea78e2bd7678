"""Migrations build exactly the schema the models describe, and downgrade cleanly."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from bot.migrate import alembic_config, upgrade_sync


def test_migrations_match_models(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/m.sqlite3"
    upgrade_sync(url)
    command.check(alembic_config(url))  # raises if the models need a migration not written


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/m.sqlite3"
    upgrade_sync(url)
    command.downgrade(alembic_config(url), "base")
    upgrade_sync(url)
    command.check(alembic_config(url))
