"""The organisation's data file: checked when the settings are read, its lists offered in the
console wizard, "other" in words, and stored keys it no longer lists still shown by name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pydantic
import pytest

from bot.config import Settings
from bot.core import organisation
from bot.core.engine import Core
from bot.core.models import Role
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit.test_flows import Chat, joined, payloads, register
from tests.unit.test_programme_edge_cases import grant, person_id, programme, set_capacity
from tests.unit.test_settings_take_effect import changed

CAMP = """
[[pair_types]]
key = "shift_camper"
ru = "Наставник смены — отдыхающий"
en = "Shift mentor — camper"

[[formats]]
key = "hike"
ru = "Поход"
en = "Hike"
"""


@pytest.fixture(autouse=True)
def shipped_lists_afterwards() -> Iterator[None]:
    """Whatever a test configured, the tests after it see the shipped lists."""
    yield
    organisation.configure(None)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_lists_hold_the_regulation_and_the_target_model() -> None:
    lists = organisation.load(organisation.SHIPPED)
    pair_types, formats = lists["pair_types"], lists["formats"]
    ru = {e.labels["ru"] for e in pair_types}
    assert {"Вожатый — воспитанник", "Волонтёр — воспитанник", "Руководитель — куратор"} <= ru
    assert {"Ученик — ученик", "Учитель — учитель", "Студент — ученик"} <= ru
    assert "Работодатель — ученик" in ru
    assert {"Встреча", "Занятие", "Консультация", "Хакатон"} <= {e.labels["ru"] for e in formats}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("not toml at all [", "org.toml"),
        ('[[formats]]\nkey = "a"\nru = "А"\nen = "A"\n', "pair_types"),
        (CAMP.replace('key = "hike"', 'key = "Hike!"'), "key must be"),
        (CAMP.replace('key = "hike"', 'key = "other"'), "key must be"),
        (CAMP.replace('en = "Hike"', 'en = ""'), "'en' must be text"),
        (CAMP.replace('ru = "Поход"', 'ru = "' + "П" * 41 + '"'), "1 to 40"),
        (CAMP + '\n[[formats]]\nkey = "hike"\nru = "Х"\nen = "H"\n', "listed twice"),
    ],
)
def test_a_bad_data_file_is_refused_when_the_settings_are_read(
    tmp_path: Path, settings: Settings, text: str, said: str
) -> None:
    with pytest.raises(pydantic.ValidationError, match=said):
        changed(settings, ORG_DATA_FILE=str(write(tmp_path, text)))


async def test_org_data_file_changes_the_console_wizard(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    """ORG_DATA_FILE set: its pair type and "other" are offered, and nothing else; "other" takes
    words, which the summary and the programme keep."""
    core = Core(
        db, changed(settings, ORG_DATA_FILE=str(write(tmp_path, CAMP))), build_router(), clock
    )
    curator, mentor, mentee = Chat(core, "1"), Chat(core, "2"), Chat(core, "3")
    await register(curator, name="Ольга Куратова")
    await grant(db, "1", Role.CURATOR)
    await register(mentor, name="Иван Наставников", role="mentor")
    await set_capacity(db, "2", 3)
    await register(mentee, name="Петя Учеников")
    await curator.press("pair-new")
    await curator.press(f"pair-mentee:{await person_id(db, '3')}")
    await curator.press("pair-next")
    await curator.press(f"pair-mentor:{await person_id(db, '2')}")
    asked = await curator.press("pair-form:virtual")
    assert payloads(asked) == ["pair-type:shift_camper", "pair-type:other"]
    assert [b.label for row in asked[0].buttons for b in row] == [
        "Наставник смены — отдыхающий",
        "Другое",
    ]
    assert "своими словами" in joined(await curator.press("pair-type:other"))
    await curator.send("Старший отряд — младший отряд")
    await curator.send("21 день")
    summary = joined(await curator.send("Подготовить концерт"))
    assert "Тип пары: Другое: Старший отряд — младший отряд" in summary
    await curator.press("pair-confirm:y")
    row = await programme(db, 1)
    assert (row.pair_type, row.pair_type_note) == ("other", "Старший отряд — младший отряд")


async def test_a_type_the_file_no_longer_lists_is_still_shown_by_name(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    Core(db, changed(settings, ORG_DATA_FILE=str(write(tmp_path, CAMP))), build_router(), clock)
    assert (
        organisation.shown("pair_types", "volunteer_pupil", None, "ru") == "Волонтёр — воспитанник"
    )
    assert organisation.shown("pair_types", "gone_long_ago", None, "en") == "gone_long_ago"
    assert organisation.shown("formats", "other", "Прогулка", "en") == "Other: Прогулка"
    assert organisation.shown("pair_types", "other", None, "ru") == "Другое"  # stored before
    assert not organisation.current().offers("pair_types", "volunteer_pupil")
    Core(db, settings, build_router(), clock)  # back to the shipped lists
    assert organisation.current().offers("pair_types", "volunteer_pupil")


def test_achievement_kinds_are_organisation_data(tmp_path: Path, settings: Settings) -> None:
    """The shipped kinds; a copy without them keeps them; a copy with its own offers only those
    (and "other"); a broken entry is refused at start-up."""
    kinds = organisation.load(organisation.SHIPPED)["achievement_kinds"]
    assert [e.key for e in kinds] == [
        "olympiad",
        "hackathon",
        "project_school",
        "competition",
        "online_course",
        "conference",
    ]
    organisation.configure(write(tmp_path, CAMP))
    assert organisation.current().offers("achievement_kinds", "hackathon")
    own = CAMP + '\n[[achievement_kinds]]\nkey = "rally"\nru = "Слёт"\nen = "Rally"\n'
    organisation.configure(write(tmp_path, own))
    assert [e.key for e in organisation.current().entries("achievement_kinds")] == ["rally"]
    assert not organisation.current().offers("achievement_kinds", "hackathon")
    assert organisation.shown("achievement_kinds", "hackathon", None, "ru") == "Хакатон"
    assert organisation.shown("achievement_kinds", "other", None, "en") == "Other"
    with pytest.raises(pydantic.ValidationError, match="achievement_kinds #1"):
        changed(settings, ORG_DATA_FILE=str(write(tmp_path, own.replace("rally", "Rally!"))))


async def test_org_data_file_changes_the_achievement_kinds_offered(
    db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    own = CAMP + '\n[[achievement_kinds]]\nkey = "rally"\nru = "Слёт"\nen = "Rally"\n'
    core = Core(
        db, changed(settings, ORG_DATA_FILE=str(write(tmp_path, own))), build_router(), clock
    )
    pupil = Chat(core, "3")
    await register(pupil, name="Петя Учеников")
    await pupil.press("ach-new")
    asked = await pupil.send("Слёт юных техников")
    assert payloads(asked) == ["ach-kind:rally", "ach-kind:other"]
    assert "Какой уровень" in joined(await pupil.press("ach-kind:rally"))
