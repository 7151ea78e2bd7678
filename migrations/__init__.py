"""Alembic migrations; installed as `bot.migrations`."""
