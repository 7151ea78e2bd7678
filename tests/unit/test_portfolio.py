"""/portfolio: the verified footprint with its points in chat, as a PDF (read back with pypdf,
its Cyrillic font embedded) and as JSON matching docs/portfolio.schema.json; the points table
is data — a changed file changes the score, a broken one stops start-up."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest

from bot.app import App
from bot.config import Settings
from bot.core import points
from bot.core.conversation import Reply
from bot.core.dates import format_date
from bot.core.engine import Core
from bot.core.models import MemberRole, Person, PersonStatus, ProgrammeMember
from bot.db import Database
from handlers import build_router
from tests.fakes.clock import FakeClock
from tests.unit import portfolio_data as data
from tests.unit.schema_check import problems
from tests.unit.test_cli import run_bot
from tests.unit.test_flows import Chat, register
from tests.unit.test_programme_edge_cases import person_id, programme_setup

STALE = "Эта кнопка больше не действует"
SCHEMA = Path(__file__).parents[2] / "docs" / "portfolio.schema.json"


@pytest.fixture
def core(db: Database, settings: Settings, clock: FakeClock) -> Core:
    return Core(db, settings, build_router(), clock)


async def seeded(core: Core, db: Database) -> tuple[Chat, int]:
    """A mentee (Петя Учеников) with the footprint of `portfolio_data`; the chat and the id."""
    setup = await programme_setup(core, db)
    mentee = setup.mentees[0]
    mentee_id = await person_id(db, mentee.user)
    mentor_id = await person_id(db, setup.mentor.user)
    async with db.transaction() as session:
        await data.seed(session, mentee_id, mentor_id, setup.programme_id)
    return mentee, mentee_id


def file_of(replies: list[Reply], name: str) -> bytes:
    (reply,) = [r for r in replies if r.file is not None]
    assert reply.file is not None and reply.file.name == name
    return reply.file.content


async def test_the_portfolio_shows_only_verified_achievements_with_points(
    core: Core, db: Database
) -> None:
    mentee, _ = await seeded(core, db)
    (reply,) = await mentee.send("/portfolio")
    text = reply.text
    assert "Портфолио: Петя Учеников" in text
    assert data.VERIFIED in text and data.VERIFIED_TOO in text
    for hidden in (data.PENDING, data.REJECTED, data.WITHDRAWN):
        assert hidden not in text
    assert f"подтверждено куратором {data.VERIFIED_ON_RU}" in text  # Moscow's date, not UTC's
    assert "Олимпиада, региональный уровень, призёр, 12 октября 2026" in text
    assert "Олимпиада 10 × региональный 3 × призёр 2 = 60" in text
    assert "Онлайн-курс 3 × школьный 1 × участие 1 = 3" in text
    assert f"Итого: {data.TOTAL}" in text
    assert "Программы наставничества: 1" in text and "завершена 30 ноября 2026" in text
    assert "Посещено встреч: 1" in text and data.AGENDA in text
    assert "пропустили" not in text
    assert "Выполнено пунктов плана: 1" in text and data.MILESTONE in text
    labels = [b.label for row in reply.buttons for b in row]
    assert labels == ["PDF", "JSON", "Мои достижения", "Помощь"]


async def test_the_pdf_is_a_document_with_the_name_the_achievements_and_the_total(
    core: Core, db: Database, settings: Settings, clock: FakeClock
) -> None:
    settings = settings.model_copy(update={"org_name": "МУ ДО «Дом творчества»"})
    core = Core(db, settings, build_router(), clock)
    mentee, mentee_id = await seeded(core, db)
    content = file_of(
        await mentee.press(f"portfolio:{mentee_id}:pdf"), f"portfolio-{mentee_id}.pdf"
    )
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Портфолио: Петя Учеников" in text
    assert "Организация: МУ ДО «Дом творчества»" in text
    assert f"Сформировано {format_date(clock.now.date(), 'ru')}" in text
    assert data.VERIFIED in text and data.PENDING not in text and data.REJECTED not in text
    assert f"подтверждено куратором {data.VERIFIED_ON_RU}" in text
    assert f"Итого {data.TOTAL}" in text
    fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    assert fonts and all("DejaVu" in str(f["/BaseFont"]) for f in fonts)
    for font in fonts:  # every font travels inside the file: Cyrillic reads the same anywhere
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor


async def test_the_json_export_follows_its_documented_schema(core: Core, db: Database) -> None:
    mentee, mentee_id = await seeded(core, db)
    content = file_of(
        await mentee.press(f"portfolio:{mentee_id}:json"), f"portfolio-{mentee_id}.json"
    )
    exported = json.loads(content)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert problems(exported, schema, schema) == []
    assert [a["title"] for a in exported["achievements"]] == [data.VERIFIED_TOO, data.VERIFIED]
    olympiad = exported["achievements"][1]
    assert olympiad["verified_on"] == "2026-12-01"
    assert olympiad["points"] == {"kind": 10, "level": 3, "result": 2, "total": 60}
    assert exported["total_points"] == 63
    assert exported["programmes"][0]["status"] == "completed"
    assert [m["title"] for m in exported["meetings_attended"]] == [data.AGENDA]
    assert problems({**exported, "extra": 1}, schema, schema) != []  # the check does check


async def test_a_changed_points_file_changes_the_score(
    core: Core, db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    mentee, _ = await seeded(core, db)
    table = points.SHIPPED.read_text(encoding="utf-8").replace("olympiad = 10", "olympiad = 20")
    (tmp_path / "points.toml").write_text(table, encoding="utf-8")
    changed = settings.model_copy(update={"footprint_points_file": tmp_path / "points.toml"})
    try:
        core = Core(db, changed, build_router(), clock)
        (reply,) = await Chat(core, user=mentee.user).send("/portfolio")
    finally:
        points.configure()
    assert "Олимпиада 20 × региональный 3 × призёр 2 = 120" in reply.text
    assert "Итого: 123" in reply.text


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("winner = 3\n", ""), "[results] has no entry for 'winner'"),
        (("regional = 3", "regional = -1"), "[levels] regional must be a number above 0"),
        (("hackathon = 8", 'hackathon = "8"'), "[kinds] hackathon must be a number above 0"),
        (("winner = 3", "winner = 3\nlaureate = 4"), "[results] has an unknown entry 'laureate'"),
        (("other = 2", "other = 2\nRobotics = 4"), "[kinds] has an unknown entry 'Robotics'"),
        (("[levels]", "[levels"), "points.toml: "),
    ],
)
def test_a_broken_points_file_is_refused_with_what_is_wrong(
    tmp_path: Path, change: tuple[str, str], said: str
) -> None:
    path = tmp_path / "points.toml"
    path.write_text(points.SHIPPED.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    with pytest.raises(points.PointsFileError) as refused:
        points.load(path)
    assert said in str(refused.value) and "\n" not in str(refused.value)


def test_a_broken_points_file_stops_start_up_with_one_line(tmp_path: Path) -> None:
    table = points.SHIPPED.read_text(encoding="utf-8").replace("winner = 3\n", "")
    (tmp_path / "points.toml").write_text(table, encoding="utf-8")
    env = {"TELEGRAM_BOT_TOKEN": "123:ABC", "FOOTPRINT_POINTS_FILE": "points.toml"}
    result = run_bot(tmp_path, env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line == "Points file refused: points.toml: [results] has no entry for 'winner'"


async def test_nobody_else_opens_a_portfolio_and_a_mentor_chooses_a_mentee(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    mentee_id = await person_id(db, setup.mentees[0].user)
    stranger = Chat(core, user="9")
    await register(stranger, name="Чужой Человек")
    for view in ("", ":pdf", ":json", ":docx", ":pdf:x", "x"):  # theirs, and malformed ones
        (refused,) = await stranger.press(f"portfolio:{mentee_id}{view}")
        assert STALE in refused.text and refused.file is None
    (own,) = await stranger.send("/portfolio")
    assert "Портфолио: Чужой Человек" in own.text

    (choice,) = await setup.mentor.send("/portfolio")
    assert "Чьё портфолио открыть?" in choice.text
    labels = [b.label for row in choice.buttons for b in row]
    assert labels == ["Моё портфолио", "Портфолио: Петя Учеников", "Помощь"]
    (pick,) = [b for row in choice.buttons for b in row if b.label == "Портфолио: Петя Учеников"]
    (shown,) = await setup.mentor.press(pick.payload)
    assert "Портфолио: Петя Учеников" in shown.text

    (curator_view,) = await setup.curator.press(f"portfolio:{mentee_id}")
    assert "Портфолио: Петя Учеников" in curator_view.text


async def test_mydata_says_the_portfolio_is_built_from_it(core: Core, db: Database) -> None:
    mentee, _ = await seeded(core, db)
    text = (await mentee.send("/mydata"))[0].text
    assert "Портфолио (/portfolio) собирается из этих данных" in text


async def test_the_portfolio_and_its_pdf_in_the_console(
    core: Core, db: Database, settings: Settings, clock: FakeClock, tmp_path: Path
) -> None:
    """A mentee at the keyboard: /portfolio shows the score worked out, «1» (PDF) saves the
    document; a changed points file set in the settings changes what the console shows."""
    mentee, mentee_id = await seeded(core, db)
    table = points.SHIPPED.read_text(encoding="utf-8").replace(
        "prize_winner = 2", "prize_winner = 2.5"
    )
    (tmp_path / "points.toml").write_text(table, encoding="utf-8")
    changed = settings.model_copy(update={"footprint_points_file": tmp_path / "points.toml"})
    screen = io.StringIO()
    app = App(changed, clock=clock)
    app.add_console(mentee.user, io.StringIO("/portfolio\n1\n:quit\n"), screen)
    try:
        await app.platforms["console"].run()  # type: ignore[attr-defined]
    finally:
        points.configure()
    out = screen.getvalue()
    assert "Олимпиада 10 × региональный 3 × призёр 2.5 = 75" in out and "Итого: 78" in out
    assert "[1] PDF   [2] JSON" in out and "Файл сохранён" in out
    (saved,) = (tmp_path / "console-files").glob(f"*portfolio-{mentee_id}.pdf")
    assert "Итого 78" in " ".join(pypdf.PdfReader(saved).pages[0].extract_text().split())


async def test_a_mentor_of_many_mentees_gets_a_choice_that_fits_vk(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    async with db.transaction() as session:
        for n in range(12):
            someone = Person(name=f"Ученик {n:02}", locale="ru", timezone="Europe/Moscow")
            someone.status = PersonStatus.ACTIVE
            session.add(someone)
            await session.flush()
            session.add(
                ProgrammeMember(
                    programme_id=setup.programme_id, person_id=someone.id, role=MemberRole.MENTEE
                )
            )
    (choice,) = await setup.mentor.send("/portfolio")
    labels = [b.label for row in choice.buttons for b in row]
    assert len(labels) == 10 and len(choice.buttons) <= 6
    assert labels[:3] == ["Моё портфолио", "Портфолио: Петя Учеников", "Портфолио: Ученик 00"]
    assert labels[-1] == "Помощь"


def test_a_kind_the_organisation_added_has_its_weight_and_an_unknown_one_counts_as_other(
    tmp_path: Path,
) -> None:
    table = points.SHIPPED.read_text(encoding="utf-8").replace(
        "other = 2", "other = 2\nrobotics = 7"
    )
    (tmp_path / "points.toml").write_text(table, encoding="utf-8")
    try:
        points.configure(tmp_path / "points.toml")
        assert points.score("robotics", "regional", "winner").points == 63
        assert points.score("chess", "regional", "winner").points == 18  # other 2 × 3 × 3
    finally:
        points.configure()


def test_scores_read_as_plain_numbers() -> None:
    """A big score reads in full, never as 1e+09; a whole number without «.0»."""
    assert [points.number(x) for x in (1000.0**3, 60.0, 7.5, 0.25)] == [
        "1000000000",
        "60",
        "7.5",
        "0.25",
    ]
