"""On each platform: a mentee withdraws consent mid-programme; the mentor and the curator are
told at once, the programme ends, and the mentee's old buttons change nothing."""

from __future__ import annotations

from bot.core import texts
from bot.core.models import ProgrammeStatus
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.test_lifecycle import programme

WITHDRAWN = "отозвал согласие"  # from programme-ended-withdrawn (locales/ru/review.ftl)


async def test_mentee_withdraws_consent_mid_programme(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    assert WITHDRAWN in texts.t("programme-ended-withdrawn", "ru", names="X")
    await pair.mentee.say("/forget")
    pair.mentee.press_payload("forget:y")
    await pair.mentee.expect()

    await pair.mentor.expect(WITHDRAWN)
    await pair.curator.expect(WITHDRAWN)
    assert (await programme(harness)).status == ProgrammeStatus.ENDED
    assert pair.mentee.unread() == []

    pair.mentee.press_payload("programme:1")
    refusal = await pair.mentee.expect()
    assert refusal.text == texts.plain(texts.t("refusal-stale-button", "ru"))
