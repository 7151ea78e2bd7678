"""/portfolio through the real aiogram and vkbottle stacks: a mentee with a verified achievement,
a completed programme and an attended meeting sees them, gets the PDF and the JSON as documents;
pending and rejected achievements stay out; the mentor and the curator open the mentee's; a
stranger's forged button is refused; a parent sees the child's portfolio."""

from __future__ import annotations

import io
import json
from datetime import date

import pypdf
import pytest

from bot.core.models import Achievement, AchievementStatus
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.helpers import person_of
from tests.e2e.test_parent_rights import _child_with_consent as child_with_consent
from tests.unit import portfolio_data as data

STALE = "Эта кнопка больше не действует"


def pdf_text(content: bytes | None) -> str:
    """The text of a PDF the bot sent, read with pypdf, whitespace squeezed."""
    assert content is not None, "no file"
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


async def seed(harness: Harness, pair: steps.Pair) -> int:
    """The footprint of `portfolio_data` for the pair's mentee; the mentee's id."""
    mentee = await person_of(harness, pair.mentee)
    mentor = await person_of(harness, pair.mentor)
    assert mentee is not None and mentor is not None
    db = harness.database()
    try:
        async with db.transaction() as session:
            await data.seed(session, mentee.id, mentor.id, 1)
    finally:
        await db.close()
    return mentee.id


async def test_the_portfolio_its_pdf_and_json_and_who_may_see_them(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    mentee_id = await seed(harness, pair)

    shown = await pair.mentee.say("/portfolio", "Портфолио: Петя Учеников")
    assert data.VERIFIED in shown.text and data.VERIFIED_TOO in shown.text
    for hidden in (data.PENDING, data.REJECTED, data.WITHDRAWN):
        assert hidden not in shown.text
    assert f"подтверждено куратором {data.VERIFIED_ON_RU}" in shown.text
    assert "Олимпиада 10 × региональный 3 × призёр 2 = 60" in shown.text
    assert f"Итого: {data.TOTAL}" in shown.text
    assert "Программы наставничества: 1" in shown.text and "завершена" in shown.text
    assert "Посещено встреч: 1" in shown.text and data.AGENDA in shown.text
    assert shown.buttons == ["PDF", "JSON", "Мои достижения", "Помощь"]

    document = await pair.mentee.click("PDF", "Портфолио в PDF")
    assert document.document_name == f"portfolio-{mentee_id}.pdf"
    text = pdf_text(document.document_bytes)
    assert "Портфолио: Петя Учеников" in text and data.VERIFIED in text
    assert f"подтверждено куратором {data.VERIFIED_ON_RU}" in text
    assert f"Итого {data.TOTAL}" in text and data.PENDING not in text

    exported = await pair.mentee.click("JSON", "Портфолио в JSON")
    assert exported.document_name == f"portfolio-{mentee_id}.json"
    assert exported.document_bytes is not None
    record = json.loads(exported.document_bytes)
    assert record["person"] == {"name": "Петя Учеников"} and record["total_points"] == 63
    assert {a["title"] for a in record["achievements"]} == {data.VERIFIED, data.VERIFIED_TOO}

    choice = await pair.mentor.say("/portfolio", "Чьё портфолио открыть?")
    assert choice.buttons == ["Моё портфолио", "Портфолио: Петя Учеников", "Помощь"]
    seen = await pair.mentor.click("Портфолио: Петя Учеников", "Портфолио: Петя Учеников")
    assert data.VERIFIED in seen.text and data.REJECTED not in seen.text

    await pair.curator.say("/banks", "Банки наставников и наставляемых")
    await pair.curator.click("Наставляемые", "Сейчас показаны все")
    await pair.curator.expect("Банк наставляемых")
    card = await pair.curator.click("Петя Учеников", "Петя Учеников")
    assert "Портфолио" in card.buttons
    from_bank = await pair.curator.click("Портфолио", "Портфолио: Петя Учеников")
    assert f"Итого: {data.TOTAL}" in from_bank.text

    stranger = await steps.mentee(harness, platform, 9100, "Чужой Человек")
    for view in ("", ":pdf", ":json"):
        stranger.press_payload(f"portfolio:{mentee_id}{view}")
        refused = await stranger.expect(STALE)
        assert refused.document_name is None and "Петя" not in refused.text
    own = await stranger.say("/portfolio", "Портфолио: Чужой Человек")
    assert data.VERIFIED not in own.text


@pytest.mark.parametrize(("child_on", "parent_on"), [("telegram", "vk"), ("vk", "telegram")])
async def test_a_parent_sees_the_childs_portfolio(
    harness: Harness, child_on: str, parent_on: str
) -> None:
    child = harness.chat(child_on, 3101)
    parent = harness.chat(parent_on, 3102)
    await child_with_consent(harness, child, parent, "Миша Котов")
    minor = await person_of(harness, child)
    assert minor is not None
    db = harness.database()
    try:
        async with db.transaction() as session:
            session.add(
                Achievement(
                    person_id=minor.id,
                    title="Турнир юных физиков",
                    kind="competition",
                    level="municipal",
                    result="winner",
                    achieved_on=date(2026, 11, 2),
                    status=AchievementStatus.VERIFIED,
                    reviewed_at=data.REVIEWED,
                )
            )
    finally:
        await db.close()

    shown = await parent.say("/portfolio", "Портфолио: Миша Котов")
    assert "Турнир юных физиков" in shown.text
    assert "Конкурс, соревнования 6 × муниципальный 2 × победитель 3 = 36" in shown.text
    document = await parent.click("PDF", "Портфолио в PDF")
    assert "Миша Котов" in pdf_text(document.document_bytes)
    assert "Турнир юных физиков" in (await child.say("/portfolio", "Портфолио: Миша Котов")).text
