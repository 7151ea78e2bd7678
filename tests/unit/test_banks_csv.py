"""The banks as CSV: export, import with every check, nothing written on error, the CLI."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot import banks_csv
from bot.banks_csv import COLUMNS, BanksFileError, export_file, import_file
from bot.core.models import Person, PersonRole, PersonStatus, Profile, Role
from bot.db import Database

REPO = Path(__file__).resolve().parents[2]
HEADER = ",".join(COLUMNS)


async def add_person(
    db: Database,
    name: str | None,
    roles: tuple[Role, ...],
    status: str = PersonStatus.ACTIVE,
    **answers: object,
) -> int:
    """A person as registration leaves them, with questionnaire answers when given."""
    async with db.transaction() as session:
        person = Person(name=name, locale="ru", timezone="Europe/Moscow", age_group="adult")
        person.status = status
        person.roles.extend(PersonRole(role=role) for role in roles)
        session.add(person)
        await session.flush()
        if answers:
            session.add(Profile(person_id=person.id, **{"forms": "", **answers}))
        return person.id


@pytest.fixture
async def people(db: Database) -> dict[str, int]:
    """A small bank: a mentor, a mentee, someone who is both, and people who are not exported."""
    return {
        "mentor": await add_person(
            db,
            "Иван Петров",
            (Role.MENTOR,),
            competences="Python, робототехника",
            experience='Веду кружок, "Кванториум"',
            capacity=3,
            forms="virtual,goal",
            availability="будни после 16:00",
        ),
        "mentee": await add_person(
            db,
            "Анна Иванова",
            (Role.MENTEE,),
            requests="Хочу научиться программировать",
            interests="робототехника; Python",
            forms="speed",
        ),
        "both": await add_person(db, "Олег Сидоров", (Role.MENTEE, Role.MENTOR, Role.CURATOR)),
        "registering": await add_person(db, None, (Role.MENTEE,), PersonStatus.REGISTERING),
        "curator": await add_person(db, "Ольга Кураторова", (Role.CURATOR,)),
        "erased": await add_person(db, None, (Role.MENTEE,), PersonStatus.ERASED),
    }


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_file(path: Path, *lines: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


async def snapshot(db: Database) -> list[tuple[object, ...]]:
    """Every person's name and answers, to prove an import changed nothing."""
    async with db.transaction() as session:
        result = await session.execute(
            select(Person, Profile).outerjoin(Profile).order_by(Person.id)
        )
        return [
            (
                person.name,
                *(
                    getattr(profile, column, None)
                    for column in ("requests", "interests", "competences", "experience")
                ),
                profile.capacity if profile else None,
                profile.forms if profile else None,
                profile.availability if profile else None,
            )
            for person, profile in result.all()
        ]


async def test_export_writes_the_banks_for_excel(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "banks.csv"
    assert await export_file(db_url, target) == 4
    assert target.read_bytes().startswith(b"\xef\xbb\xbfperson_id,name,roles,")  # BOM for Excel
    rows = read_rows(target)
    assert [int(row["person_id"]) for row in rows] == [
        people["mentor"],
        people["mentee"],
        people["both"],
        people["registering"],
    ]
    mentor, mentee, both, registering = rows
    assert mentor == {
        "person_id": str(people["mentor"]),
        "name": "Иван Петров",
        "roles": "mentor",
        "age_group": "adult",
        "status": "active",
        "requests": "",
        "interests": "",
        "competences": "Python, робототехника",
        "experience": 'Веду кружок, "Кванториум"',
        "capacity": "3",
        "forms": "virtual;goal",
        "availability": "будни после 16:00",
    }
    assert mentee["interests"] == "робототехника; Python"
    assert mentee["forms"] == "speed" and mentee["capacity"] == ""
    assert both["roles"] == "mentee;mentor;curator"
    assert registering["name"] == "" and registering["status"] == "registering"


async def test_export_then_import_changes_nothing(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    await export_file(db_url, first)
    before = await snapshot(db)
    report = await import_file(db_url, first)
    assert report.ok, report.errors
    assert (report.updated, report.unchanged) == (0, 4)
    assert report.notes == []
    await export_file(db_url, second)
    assert second.read_bytes() == first.read_bytes()
    assert await snapshot(db) == before


async def test_import_updates_answers_and_names(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "banks.csv"
    await export_file(db_url, target)
    rows = read_rows(target)
    rows[0].update(name="Иван  Петрович", capacity="5", forms="speed; virtual", availability="")
    rows[1].update(requests="  Хочу\nв олимпиадную   команду ", roles="mentor")
    rows[2].update(competences="Черчение", capacity="2", forms="reverse")
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)

    report = await import_file(db_url, target)

    assert report.ok, report.errors
    assert (report.updated, report.unchanged) == (3, 1)
    assert report.notes == [
        "line 3: roles is mentee in the bot and was left as it is (it changes only in the bot)"
    ]
    async with db.transaction() as session:
        mentor = await session.get(Person, people["mentor"])
        mentor_profile = await session.get(Profile, people["mentor"])
        mentee = await session.get(Person, people["mentee"])
        mentee_profile = await session.get(Profile, people["mentee"])
        both_profile = await session.get(Profile, people["both"])
    assert mentor is not None and mentor_profile is not None
    assert mentor.name == "Иван Петрович"
    assert (mentor_profile.capacity, mentor_profile.forms) == (5, "virtual,speed")
    assert mentor_profile.availability is None
    assert mentor_profile.competences == "Python, робототехника"
    assert mentee is not None and mentee.role_set == {Role.MENTEE}  # roles are not imported
    assert mentee_profile is not None
    assert mentee_profile.requests == "Хочу в олимпиадную команду"
    assert both_profile is not None  # created for the first answers
    assert (both_profile.competences, both_profile.capacity) == ("Черчение", 2)
    assert both_profile.forms == "reverse"


async def test_every_bad_row_is_reported_and_nothing_is_written(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    mentor, mentee = people["mentor"], people["mentee"]
    good = f"{mentee},Анна Смирнова,mentee,adult,active,Новый запрос,,,,,,"
    bad_file = write_file(
        tmp_path / "bad.csv",
        good,  # line 2 is fine, yet it must not be written either
        "999,Кто-то Новый,mentee,adult,active,,,,,,,",  # 3: unknown
        f"{mentor},Иван Петров,mentor,adult,active,,,,,0,virtual,",  # 4: capacity 0
        f"{mentor + 1000},,,,,,,,,,,",  # 5: unknown too
        f"{mentee},Анна,mentee,adult,active,,,,,,virtual;online,",  # 6: form, and a repeat
        f"{people['both']},<b>Олег</b>,mentee,adult,active,,,,,21,,",  # 7: name and capacity
        f"{people['curator']},Ольга Кураторова,curator,adult,active,,,,,,,",  # 8: not in banks
        f"{people['erased']},,mentee,adult,erased,,,,,,,",  # 9: erased
        "abc,Анна,mentee,adult,active,,,,,,,",  # 10: id not a number
        f"{people['registering']},Петя,mentee,adult,active,{'я' * 501},,,,,,",  # 11: too long
        f"{people['registering']},Петя,mentee",  # 12: too few fields
        f"{mentor},Иван Петров,mentor,adult,active,,,,,два,,",  # 13: capacity not a number
        f"{mentor},Иван Петров,mentor,adult,active,,,,,²,,",  # 14: not the digits 0-9
        "123456789012345678901234,Иван Петров,mentor,adult,active,,,,,,,",  # 15: too long an id
    )
    before = await snapshot(db)

    report = await import_file(db_url, bad_file)

    assert not report.ok
    assert report.updated == 0
    text = "\n".join(report.errors)
    lines = sorted({int(error.split(":")[0].removeprefix("line ")) for error in report.errors})
    assert lines == list(range(3, 16))
    assert "line 3: no person with person_id 999" in text
    assert "people join only through the bot, with their consent" in text
    assert "line 4: capacity must be a whole number 1 to 20 or empty (is '0')" in text
    assert "line 6: unknown form 'online'" in text
    assert f"line 6: person_id {mentee} is already on line 2" in text
    assert "line 7: name '<b>Олег</b>' is not a valid name" in text
    assert "line 7: capacity must be a whole number 1 to 20 or empty (is '21')" in text
    assert "line 8: person" in text and "neither a mentee nor a mentor" in text
    assert "line 9: person" in text and "erased" in text
    assert "line 10: person_id must be a number (is 'abc')" in text
    assert "line 11: requests must be 2 to 500 characters (has 501)" in text
    assert "line 12: 3 fields instead of 12 (a stray comma or quote?)" in text
    assert "line 13: capacity must be a whole number" in text
    assert "line 14: capacity must be a whole number 1 to 20 or empty (is '²')" in text
    assert "line 15: person_id must be a number" in text
    assert await snapshot(db) == before


async def test_formula_like_answers_are_exported_as_text(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    """A typed answer such as `=HYPERLINK(…)` must not run when the file is opened in Excel."""
    await add_person(
        db,
        "Анна Иванова",
        (Role.MENTEE,),
        requests='=HYPERLINK("http://example.com","жми")',
        interests="-5 к успеваемости, +1 к мотивации",
        forms="goal",
    )
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    await export_file(db_url, first)
    row = read_rows(first)[0]
    assert row["requests"] == '\'=HYPERLINK("http://example.com","жми")'
    assert row["interests"] == "'-5 к успеваемости, +1 к мотивации"
    report = await import_file(db_url, first)
    assert (report.ok, report.updated) == (True, 0)
    await export_file(db_url, second)
    assert second.read_bytes() == first.read_bytes()


async def test_a_wrong_header_stops_everything(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    header = HEADER.replace("capacity", "places")
    bad = write_file(
        tmp_path / "bad.csv", f"{people['mentee']},Анна,mentee,,,,,,,,,", header=header
    )
    before = await snapshot(db)
    with pytest.raises(BanksFileError, match=r"line 1: wrong header \(missing capacity; unknown"):
        await import_file(db_url, bad)
    assert await snapshot(db) == before


async def test_a_file_excel_saved_in_russian_is_read(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    """Excel with Russian settings separates with ';' (fields holding ';' come quoted)."""
    mentor = people["mentor"]
    row = f'{mentor};Иван Петров;mentor;adult;active;;;Python;Опыт;4;"virtual;speed";'
    target = tmp_path / "excel.csv"
    target.write_text(HEADER.replace(",", ";") + "\r\n" + row + "\r\n", encoding="utf-8-sig")
    report = await import_file(db_url, target)
    assert report.ok, report.errors
    async with db.transaction() as session:
        profile = await session.get(Profile, mentor)
    assert profile is not None
    assert (profile.competences, profile.capacity, profile.forms) == ("Python", 4, "virtual,speed")
    assert profile.availability is None


async def test_a_file_not_in_utf8_is_explained(db_url: str, tmp_path: Path) -> None:
    target = tmp_path / "cp1251.csv"
    target.write_bytes((HEADER + "\n1,Анна,,,,,,,,,,\n").encode("cp1251"))
    with pytest.raises(BanksFileError, match="not UTF-8"):
        await import_file(db_url, target)
    with pytest.raises(BanksFileError, match="no such file"):
        await import_file(db_url, tmp_path / "missing.csv")


async def test_progress_bar_for_large_files_only(db: Database, db_url: str, tmp_path: Path) -> None:
    large = write_file(tmp_path / "large.csv", *(f"{n},,,,,,,,,,," for n in range(1, 602)))
    stream = io.StringIO()
    report = await import_file(db_url, large, stream)
    assert len(report.errors) == 601
    drawn = stream.getvalue()
    assert drawn.startswith("\rChecking [") and drawn.endswith("] 601/601\n")
    assert drawn.count("\r") <= 101  # redrawn when the percentage moves, not on every row

    small = write_file(tmp_path / "small.csv", "1,,,,,,,,,,,")
    quiet = io.StringIO()  # not a terminal
    await import_file(db_url, small, quiet)
    assert quiet.getvalue() == ""


def run_bot(
    cwd: Path, db_file: Path, *args: str, locale: str = "ru"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "VK_"))}
    env.update(
        DEFAULT_LOCALE=locale,
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
        DATABASE_URL=f"sqlite+aiosqlite:///{db_file}",
        DATA_DIR=str(cwd / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


async def test_command_line(
    db: Database, people: dict[str, int], tmp_path: Path, db_url: str
) -> None:
    db_file = Path(db_url.removeprefix("sqlite+aiosqlite:///"))
    exported = run_bot(tmp_path, db_file, "export", "banks", "banks.csv")
    assert exported.returncode == 0, exported.stderr
    assert "Exported 4 people to banks.csv" in exported.stdout
    imported = run_bot(tmp_path, db_file, "import", "banks", "banks.csv")
    assert imported.returncode == 0, imported.stderr
    assert "Updated 0 people (4 unchanged)" in imported.stdout

    before = await snapshot(db)
    write_file(
        tmp_path / "bad.csv",
        f"{people['mentee']},Анна Смирнова,mentee,adult,active,,,,,,,",
        "4242,Новый Человек,mentee,adult,active,,,,,,,",
        f"{people['mentor']},Иван Петров,mentor,adult,active,,,,,100,,",
    )
    failed = run_bot(tmp_path, db_file, "import", "banks", "bad.csv")
    assert failed.returncode == 1
    assert "line 3: no person with person_id 4242" in failed.stderr
    assert "line 4: capacity must be a whole number 1 to 20" in failed.stderr
    assert "line 2" not in failed.stderr
    assert "Nothing was imported: 2 problem(s)" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert await snapshot(db) == before

    missing = run_bot(tmp_path, db_file, "import", "banks", "nope.csv")
    assert missing.returncode == 1
    assert "nope.csv: no such file" in missing.stderr


def test_columns_are_the_documented_ones() -> None:
    assert banks_csv.COLUMNS == (
        "person_id",
        "name",
        "roles",
        "age_group",
        "status",
        "requests",
        "interests",
        "competences",
        "experience",
        "capacity",
        "forms",
        "availability",
    )


async def test_answers_that_do_not_apply_to_the_person_are_refused(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    """A capacity on a mentee's row, a request on a mentor's: nothing written, each explained."""
    mentor, mentee = people["mentor"], people["mentee"]
    bad_file = write_file(
        tmp_path / "misplaced.csv",
        f"{mentee},Анна Иванова,mentee,adult,active,Запрос,,Python,,3,speed,",
        f"{mentor},Иван Петров,mentor,adult,active,Хочу в команду,,Python,,3,virtual,",
    )
    before = await snapshot(db)

    report = await import_file(db_url, bad_file)

    assert not report.ok
    text = "\n".join(report.errors)
    assert f"line 2: competences is asked of mentor only and person {mentee} is a mentee" in text
    assert f"line 2: capacity is asked of mentor only and person {mentee} is a mentee" in text
    assert f"line 3: requests is asked of mentee only and person {mentor} is a mentor" in text
    assert await snapshot(db) == before


async def test_answers_left_from_a_former_role_are_not_exported(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    """Someone who was a mentor and is now only a mentee: the old capacity stays out of the file
    (and the file imports back unchanged)."""
    await add_person(db, "Вера Бывшая", (Role.MENTEE,), requests="Помощь с ЕГЭ", capacity=4)
    path = tmp_path / "banks.csv"
    await export_file(db_url, path)
    (row,) = read_rows(path)
    assert (row["requests"], row["capacity"]) == ("Помощь с ЕГЭ", "")
    assert (await import_file(db_url, path)).ok


async def test_the_banks_as_an_excel_workbook(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    """`export banks FILE.xlsx` writes a workbook; edited in Excel, it imports back."""
    path = tmp_path / "banks.xlsx"
    assert await export_file(db_url, path) == 4
    sheet = load_workbook(path).worksheets[0]
    rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == COLUMNS
    mentor = next(row for row in rows if row[1] == "Иван Петров")
    assert mentor[COLUMNS.index("capacity")] == "3"
    assert (await import_file(db_url, path)).updated == 0  # a round trip changes nothing

    sheet.cell(row=rows.index(mentor) + 1, column=COLUMNS.index("capacity") + 1, value=5)
    sheet.parent.save(path)  # Excel stores a typed number as a number
    report = await import_file(db_url, path)
    assert report.ok and report.updated == 1
    async with db.transaction() as session:
        profile = await session.get(Profile, people["mentor"])
        assert profile is not None and profile.capacity == 5


async def test_a_file_that_is_not_a_workbook_is_explained(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "banks.xlsx"
    path.write_text("person_id,name\n", encoding="utf-8")
    with pytest.raises(BanksFileError, match="not an Excel workbook"):
        await import_file(db_url, path)


async def test_a_russian_export_opens_in_columns_in_russian_excel(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    """In Russian: ';' between fields, a BOM, Russian column titles; it imports back as is."""
    target = tmp_path / "banks.csv"
    assert await export_file(db_url, target, locale="ru") == 4
    raw = target.read_bytes()
    assert raw.startswith("\ufeffНомер;Имя;Роли;".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-2:] == ["Формы наставничества", "Когда удобно"]
    mentor = dict(zip(rows[0], rows[1], strict=True))
    assert mentor["Имя"] == "Иван Петров" and mentor["Сколько наставляемых"] == "3"
    before = await snapshot(db)
    report = await import_file(db_url, target)
    assert report.ok, report.errors
    assert (report.updated, report.unchanged) == (0, 4)
    assert await snapshot(db) == before


async def test_import_takes_russian_titles_with_commas(
    db: Database, db_url: str, people: dict[str, int], tmp_path: Path
) -> None:
    titles = (
        "Номер,Имя,Роли,Возраст,Статус,Запрос,Интересы,Компетенции,Опыт,"
        "Сколько наставляемых,Формы наставничества,Когда удобно"
    )
    row = f"{people['mentor']},Иван Петров,mentor,adult,active,,,Python,Опыт,4,virtual,"
    report = await import_file(db_url, write_file(tmp_path / "ru.csv", row, header=titles))
    assert report.ok, report.errors
    async with db.transaction() as session:
        profile = await session.get(Profile, people["mentor"])
    assert profile is not None and profile.capacity == 4


async def test_command_line_exports_in_the_default_language_or_the_one_asked(
    db: Database, people: dict[str, int], tmp_path: Path, db_url: str
) -> None:
    db_file = Path(db_url.removeprefix("sqlite+aiosqlite:///"))
    assert run_bot(tmp_path, db_file, "export", "banks", "ru.csv").returncode == 0
    assert (tmp_path / "ru.csv").read_bytes().startswith("\ufeffНомер;Имя".encode())
    exported = run_bot(tmp_path, db_file, "export", "banks", "en.csv", "--locale", "en")
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "en.csv").read_bytes().startswith(b"\xef\xbb\xbfperson_id,name,")
    assert run_bot(tmp_path, db_file, "export", "banks", "d.csv", locale="en").returncode == 0
    assert (tmp_path / "d.csv").read_bytes().startswith(b"\xef\xbb\xbfperson_id,name,")
