"""The flows, written once for every platform. `build_router()` assembles them."""

from __future__ import annotations

from bot.core.flow import Router
from handlers import (
    achievement_review,
    achievement_wizard,
    achievements,
    ask,
    awaiting,
    banks,
    broadcasts,
    campaign_card,
    campaigns,
    common,
    curator,
    guardian,
    link,
    mediaplan,
    mediaplan_events,
    mediaplan_new,
    mediaplan_notices,  # noqa: F401  (registers notification renderers)
    meeting_notices,  # noqa: F401  (registers notification renderers)
    meetings,
    monitoring_notices,  # noqa: F401  (registers notification renderers)
    notices,  # noqa: F401  (registers notification renderers)
    pairs,
    parent,
    plan,
    portfolio,
    practice_review,
    practice_wizard,
    practices,
    preferences,
    privacy,
    programme,
    questionnaire,
    relay,
    reports,
    speed,
    speed_invite,
    speed_roster,
    start,
    survey,
    survey_summary,
)


def build_router() -> Router:
    """One router holding every command, button and state of the bot."""
    root = Router()
    modules = (
        common,
        start,
        questionnaire,
        parent,
        preferences,
        privacy,
        link,
        curator,
        pairs,
        programme,
        guardian,
        plan,
        meetings,
        banks,
        awaiting,
        relay,
        speed,
        speed_roster,
        speed_invite,
        ask,
        reports,
        survey,
        campaigns,
        campaign_card,
        survey_summary,
        broadcasts,
        mediaplan,
        mediaplan_new,
        portfolio,
        achievements,
        achievement_wizard,
        achievement_review,
        practices,
        practice_wizard,
        practice_review,
        mediaplan_events,
    )
    for module in modules:
        root.include(module.router)
    return root
