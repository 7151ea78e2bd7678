"""The banks as a CSV or XLSX file: export every mentor and mentee, import edited answers.

The file's extension picks the format (`.xlsx` for Excel, anything else CSV). The column titles
are in the export's language (English titles are the column codes); a Russian CSV separates fields
with `;`, as Excel with Russian settings expects. Import takes either language and either separator.

Import only updates people who already exist (people join through the bot, with their consent).
Every row is checked before anything is written: one bad row and nothing changes. Typed text that
a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) is written with a leading `'`,
which import takes off again.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import SUPPORTED_LOCALES
from bot.core import texts
from bot.core.models import Form, Person, PersonRole, PersonStatus, Profile, Role
from bot.core.services import banks
from bot.core.services.profile import clean_name
from bot.db import Database

COLUMNS = ("person_id", "name", "roles", "age_group", "status", *banks.QUESTIONNAIRE_FIELDS)
READ_ONLY = ("roles", "age_group", "status")  # shown for context; they change only in the bot
BANK_ROLES = (Role.MENTEE.value, Role.MENTOR.value)
FORM_CODES = tuple(form.value for form in Form)
PROGRESS_ROWS = 500  # above this many rows the progress bar is drawn even when not on a terminal
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[0-9]{1,18}")


def titles(locale: str) -> list[str]:
    """The column titles of a file in `locale`, in the order of `COLUMNS`."""
    return [texts.plain(texts.t(f"csv-column-{column}", locale)) for column in COLUMNS]


def delimiter(locale: str) -> str:
    """The field separator a spreadsheet in `locale` expects (Russian Excel uses `;`)."""
    return ";" if locale == "ru" else ","


# Every language's title of a column (lowercase), and the column itself, name that column.
KNOWN_TITLES = {
    title.lower(): column
    for locale in SUPPORTED_LOCALES
    for title, column in zip(titles(locale), COLUMNS, strict=True)
}


class BanksFileError(Exception):
    """The file cannot be read at all (missing, not UTF-8, no header)."""


# ---------------------------------------------------------------------------------------------
# Progress


class Progress:
    """A plain text bar redrawn with `\\r` on a stream (stderr); silent when not wanted."""

    def __init__(self, total: int, label: str, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.label, self.done = total, label, 0
        self.enabled = total > 0 and (total > PROGRESS_ROWS or _is_tty(self.stream))
        self._drawn = -1

    def step(self, count: int = 1) -> None:
        """Count rows done; redraw when the percentage moved."""
        self.done += count
        percent = self.done * 100 // self.total if self.total else 100
        if self.enabled and percent != self._drawn:
            self._drawn = percent
            filled = percent * 30 // 100
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line so later output starts on a fresh one."""
        if self.enabled and self._drawn >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _is_tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


async def _migrate(url: str) -> None:
    from bot import migrate  # imported late: Alembic logs as it loads

    await migrate.upgrade(url)


# ---------------------------------------------------------------------------------------------
# Export


def _bank_people() -> Select[Person, Profile]:
    """People with a mentee or mentor role who are not erased, by id."""
    in_bank = select(PersonRole.person_id).where(PersonRole.role.in_(BANK_ROLES))
    return (
        select(Person, Profile)
        .outerjoin(Profile, Profile.person_id == Person.id)
        .where(Person.id.in_(in_bank), Person.status != PersonStatus.ERASED)
        .order_by(Person.id)
    )


def _roles_cell(person: Person) -> str:
    return ";".join(role.value for role in Role if role in person.role_set)


def _forms_cell(profile: Profile | None) -> str:
    chosen = set(banks.forms_of(profile))
    return ";".join(form.value for form in Form if form in chosen)


def as_text(cell: str) -> str:
    """Typed text as a cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def person_row(person: Person, profile: Profile | None) -> list[str]:
    """One person as a CSV row, in the order of `COLUMNS`."""
    cells = {
        "person_id": str(person.id),
        "name": person.name or "",
        "roles": _roles_cell(person),
        "age_group": person.age_group or "",
        "status": person.status,
        "capacity": str(profile.capacity) if profile and profile.capacity is not None else "",
        "forms": _forms_cell(profile),
    }
    for name in banks.TEXT_FIELDS:
        cells[name] = (getattr(profile, name) if profile else None) or ""
    for name in ("name", *banks.TEXT_FIELDS):
        cells[name] = as_text(cells[name])
    for question in _not_asked(person):
        cells[question.field] = ""  # left from a former role: not this person's bank any more
    return [cells[column] for column in COLUMNS]


def _not_asked(person: Person) -> list[banks.Question]:
    """Questionnaire items that do not apply to the person's roles (a capacity for a mentee)."""
    return [q for q in banks.QUESTIONNAIRE if not q.roles & person.role_set]


def _unquoted(cell: str) -> str:
    """A typed-text cell without the `'` that export puts before formula-like text."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _number(cell: str) -> int | None:
    """A whole number written with the digits 0-9 (not too long for the database), or None."""
    value = cell.strip()
    return int(value) if NUMBER.fullmatch(value) else None


async def export_rows(session: AsyncSession) -> list[list[str]]:
    """Every person of the banks as CSV rows (without the header)."""
    result = await session.execute(_bank_people())
    return [person_row(person, profile) for person, profile in result.all()]


def is_xlsx(path: Path) -> bool:
    """True when the file is an Excel workbook (by its extension)."""
    return path.suffix.lower() == ".xlsx"


def write_xlsx(
    path: Path, rows: Sequence[Sequence[str]], locale: str, progress: Progress | None = None
) -> None:
    """Write the titles and rows to the first sheet, every cell as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("banks")
    sheet.append(titles(locale))
    for row in rows:
        sheet.append(list(row))
        if progress is not None:
            progress.step()
    workbook.save(path)


def write_csv(
    path: Path, rows: Sequence[Sequence[str]], locale: str, progress: Progress | None = None
) -> None:
    """Write the titles and rows as UTF-8 with a BOM (so Excel shows Cyrillic right), separated
    as a spreadsheet in `locale` expects."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        write_table(handle, titles(locale), rows, locale, progress)


def write_table(
    handle: IO[str],
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    locale: str,
    progress: Progress | None = None,
) -> None:
    """Write a header and rows, separated as a spreadsheet in `locale` expects."""
    writer = csv.writer(handle, delimiter=delimiter(locale))
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if progress is not None:
            progress.step()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]], locale: str) -> bytes:
    """A header and rows as a CSV file's bytes, written as `write_csv` writes (UTF-8, a BOM)."""
    handle = io.StringIO(newline="")
    write_table(handle, header, rows, locale)
    return handle.getvalue().encode("utf-8-sig")


async def export_file(
    url: str, path: Path, stream: IO[str] | None = None, locale: str = "en"
) -> int:
    """Export the banks of the database at `url` to `path` with titles in `locale`; the number
    of people written."""
    await _migrate(url)
    db = Database(url)
    try:
        async with db.transaction() as session:
            rows = await export_rows(session)
    finally:
        await db.close()
    progress = Progress(len(rows), "Writing", stream)
    try:
        (write_xlsx if is_xlsx(path) else write_csv)(path, rows, locale, progress)
    finally:
        progress.close()
    return len(rows)


# ---------------------------------------------------------------------------------------------
# Reading and checking


@dataclass(frozen=True)
class Record:
    """One data row of the file with its line number (line 1 is the header)."""

    line: int
    values: dict[str, str]
    problem: str | None = None  # set when the row could not be split into the columns


@dataclass(frozen=True)
class Change:
    """The checked new values for one person."""

    person_id: int
    name: str | None
    fields: dict[str, Any]


@dataclass
class ImportReport:
    """What an import found: errors (nothing written when any), updates, notes for the operator."""

    errors: list[str] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file was accepted."""
        return not self.errors


def read_table(path: Path) -> list[Record]:
    """The data rows of a banks file (CSV or XLSX); `BanksFileError` when it cannot be read or
    has no usable header."""
    rows = _xlsx_rows(path) if is_xlsx(path) else _csv_rows(path)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise BanksFileError(f"{path}: empty file; expected a header row: {','.join(COLUMNS)}")
    header = [_column(name) for name in rows[0]]
    problem = _header_problem(header)
    if problem:
        raise BanksFileError(f"line 1: wrong header ({problem}); expected: {','.join(COLUMNS)}")
    records: list[Record] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        if len(cells) != len(header):
            shape = f"{len(cells)} fields instead of {len(header)} (a stray comma or quote?)"
            records.append(Record(number, {}, shape))
        else:
            records.append(Record(number, dict(zip(header, cells, strict=True))))
    return records


def _column(title: str) -> str:
    """The column a title names, in any language (unknown titles are kept, to be reported)."""
    name = title.strip().lower()
    return KNOWN_TITLES.get(name, name)


def _xlsx_rows(path: Path) -> list[list[str]]:
    """The first sheet's rows as text (trailing empty cells of a row dropped, as in CSV)."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise BanksFileError(f"{path}: no such file") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise BanksFileError(f"{path}: not an Excel workbook that can be read ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    width = len(COLUMNS)
    return [row[:width] if len(row) > width and not any(row[width:]) else row for row in rows]


def _cell_text(value: object) -> str:
    """A cell as the CSV would hold it: whole numbers without `.0`, empty cells as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BanksFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise BanksFileError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise BanksFileError(
            f"{path}: not UTF-8 text; in Excel save it as 'CSV UTF-8 (comma delimited)'"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Excel in Russian uses ;
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _header_problem(header: list[str]) -> str:
    missing = [name for name in COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    repeated = sorted({name for name in header if header.count(name) > 1})
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if unknown:
        parts.append("unknown " + ", ".join(repr(name) for name in unknown))
    if repeated:
        parts.append("repeated " + ", ".join(repeated))
    return "; ".join(parts)


def _check_text(name: str, raw: str) -> tuple[str | None, str | None]:
    """(value, error) for a free-text column."""
    spaced = " ".join(
        _unquoted(raw.strip()).split()
    )  # line breaks in a cell (Alt+Enter in Excel) become spaces
    if not spaced:
        return None, None
    value = banks.clean_text(spaced)
    if value is None:
        return None, f"{name} must be 2 to {banks.MAX_TEXT} characters (has {len(spaced)})"
    return value, None


def _check_capacity(raw: str) -> tuple[int | None, str | None]:
    if not raw.strip():
        return None, None
    value = _number(raw)
    if value is not None and 1 <= value <= banks.MAX_CAPACITY:
        return value, None
    return None, f"capacity must be a whole number 1 to {banks.MAX_CAPACITY} or empty (is {raw!r})"


def _check_forms(raw: str) -> tuple[str, str | None]:
    codes = [code.strip().lower() for code in raw.replace(",", ";").split(";") if code.strip()]
    unknown = [code for code in codes if code not in FORM_CODES]
    if unknown:
        return "", (
            f"unknown form {', '.join(repr(c) for c in unknown)} "
            f"(known: {', '.join(FORM_CODES)}; separate them with ';')"
        )
    return ",".join(code for code in FORM_CODES if code in codes), None


def _check_person(person: Person | None, person_id: int) -> str | None:
    if person is None:
        return (
            f"no person with person_id {person_id}: import only updates people already in the "
            "bot (people join only through the bot, with their consent)"
        )
    if person.status == PersonStatus.ERASED:
        return f"person {person_id} withdrew consent and was erased; their row cannot be imported"
    if not person.role_set & {Role.MENTEE, Role.MENTOR}:
        return f"person {person_id} is neither a mentee nor a mentor, so not in the banks"
    return None


def check_record(record: Record, person: Person | None) -> tuple[Change | None, list[str]]:
    """The change a row asks for, or what is wrong with it."""
    if record.problem is not None:
        return None, [record.problem]
    values = record.values
    person_id = _number(values["person_id"])
    if person_id is None:
        return None, [f"person_id must be a number (is {values['person_id']!r})"]
    problem = _check_person(person, person_id)
    if problem is not None:
        return None, [problem]
    assert person is not None
    errors: list[str] = []
    name: str | None = person.name
    if values["name"].strip() or person.name is not None:
        name = clean_name(_unquoted(values["name"].strip()))
        if name is None:
            errors.append(
                f"name {values['name']!r} is not a valid name (letters, spaces, hyphens, "
                "apostrophes and dots, 2 to 100 characters)"
            )
    fields: dict[str, Any] = {}
    for column in banks.TEXT_FIELDS:
        fields[column], error = _check_text(column, values[column])
        if error:
            errors.append(error)
    fields["capacity"], error = _check_capacity(values["capacity"])
    if error:
        errors.append(error)
    fields["forms"], error = _check_forms(values["forms"])
    if error:
        errors.append(error)
    for question in _not_asked(person):
        del fields[question.field]
        if values[question.field].strip():
            errors.append(
                f"{question.field} is asked of {_roles_text(question.roles)} only and person "
                f"{person_id} is a {_roles_text(person.role_set)}: leave it empty"
            )
    return (None if errors else Change(person_id, name, fields)), errors


def _roles_text(roles: Iterable[Role]) -> str:
    return " and ".join(role.value for role in Role if role in set(roles))


def read_only_notes(record: Record, person: Person) -> list[str]:
    """Differences in columns the import does not change, to tell the operator."""
    stored = dict(zip(COLUMNS, person_row(person, None), strict=True))
    notes = []
    for column in READ_ONLY:
        given, kept = record.values[column].strip(), stored[column]
        if column == "roles":
            given, kept = _role_set(given), _role_set(kept)
        if given != kept:
            notes.append(
                f"line {record.line}: {column} is {stored[column] or 'empty'} in the bot and "
                "was left as it is (it changes only in the bot)"
            )
    return notes


def _role_set(cell: str) -> str:
    return ";".join(sorted(r.strip() for r in cell.replace(",", ";").split(";") if r.strip()))


# ---------------------------------------------------------------------------------------------
# Import


async def _people(session: AsyncSession, ids: Iterable[int]) -> dict[int, Person]:
    wanted = sorted(set(ids))
    found: dict[int, Person] = {}
    for start in range(0, len(wanted), 500):  # keep under SQLite's bound-parameter limit
        chunk = wanted[start : start + 500]
        result = await session.execute(select(Person).where(Person.id.in_(chunk)))
        found.update({person.id: person for person in result.scalars()})
    return found


def _current(profile: Profile | None) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(profile, name, None) for name in banks.TEXT_FIELDS}
    values["capacity"] = profile.capacity if profile else None
    values["forms"] = ",".join(f.value for f in Form if f in set(banks.forms_of(profile)))
    return values


async def apply_import(
    session: AsyncSession, records: Sequence[Record], progress: Progress | None = None
) -> ImportReport:
    """Check every record, then (only when all are right) update the people in `session`."""
    report = ImportReport()
    ids = [_number(record.values.get("person_id", "")) for record in records]
    people = await _people(session, [i for i in ids if i is not None])
    changes: list[Change] = []
    first_line: dict[int, int] = {}
    for record, person_id in zip(records, ids, strict=True):
        if progress is not None:
            progress.step()
        person = people.get(person_id) if person_id is not None else None
        change, errors = check_record(record, person)
        if person is not None:
            seen = first_line.setdefault(person.id, record.line)
            if seen != record.line:
                errors.append(f"person_id {person.id} is already on line {seen}")
                change = None
        report.errors.extend(f"line {record.line}: {error}" for error in errors)
        if change is not None and person is not None:
            changes.append(change)
            report.notes.extend(read_only_notes(record, person))
    if report.errors:
        return report
    for change in changes:
        if await _update(session, people[change.person_id], change):
            report.updated += 1
        else:
            report.unchanged += 1
    return report


async def _update(session: AsyncSession, person: Person, change: Change) -> bool:
    """Write one change; False when the stored values were the same already."""
    profile = await session.get(Profile, person.id)
    current = _current(profile)
    differs = {name: value for name, value in change.fields.items() if current[name] != value}
    if change.name == person.name and not differs:
        return False
    person.name = change.name
    if differs:
        profile = await banks.profile_of(session, person.id)
        for name, value in differs.items():
            setattr(profile, name, value)
    return True


async def import_file(url: str, path: Path, stream: IO[str] | None = None) -> ImportReport:
    """Import a banks file into the database at `url`; writes nothing when any row is wrong."""
    records = read_table(path)
    await _migrate(url)
    db = Database(url)
    progress = Progress(len(records), "Checking", stream)
    try:
        async with db.transaction() as session:
            return await apply_import(session, records, progress)
    finally:
        progress.close()
        await db.close()


# ---------------------------------------------------------------------------------------------
# Command line


def run_cli(action: str, url: str, path: Path, locale: str) -> int:
    """`export banks FILE` / `import banks FILE`: print the outcome, return the exit code."""
    logging.getLogger("alembic").setLevel(logging.WARNING)  # keep the operator's output short
    if action == "export":
        try:
            count = asyncio.run(export_file(url, path, locale=locale))
        except OSError as exc:
            print(f"Cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(
            f"Exported {_people_count(count)} to {path}. The file holds personal data: keep it "
            "safe and delete it when done."
        )
        return 0
    try:
        report = asyncio.run(import_file(url, path))
    except BanksFileError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not report.ok:
        for error in report.errors:
            print(error, file=sys.stderr)
        print(
            f"Nothing was imported: {len(report.errors)} problem(s) in {path}. "
            "Fix them and run the import again.",
            file=sys.stderr,
        )
        return 1
    for note in report.notes:
        print(note)
    print(f"Updated {_people_count(report.updated)} ({report.unchanged} unchanged) from {path}.")
    return 0


def _people_count(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"
