"""Data shipped inside the package: Fluent locales, Jinja2 templates and Alembic migrations.

They sit at the top of the repository and install as the packages `bot.locales`, `bot.templates`
and `bot.migrations` (see pyproject.toml), so a checkout, an editable install and a wheel all find
them the same way, whatever the working folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def folder(name: str) -> Path:
    """The folder of the shipped package `bot.<name>` (`locales`, `templates`, `migrations`)."""
    return Path(str(files(f"bot.{name}")))
