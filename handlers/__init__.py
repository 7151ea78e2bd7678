"""The flows, written once for every platform. `build_router()` assembles them."""

from __future__ import annotations

from bot.core.flow import Router
from handlers import common, curator, link, parent, preferences, privacy, start


def build_router() -> Router:
    """One router holding every command, button and state of the bot."""
    root = Router()
    for module in (common, start, parent, preferences, privacy, link, curator):
        root.include(module.router)
    return root
