"""`python -m bot report {programmes|monitoring|annual} --from … --to … --out FILE.xlsx`.

A bad date, a period that ends before it starts or a path that cannot be written is one line on
stderr and exit code 2, with nothing written.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bot.core.timezones import to_local

USAGE_ERROR = 2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ReportArgsError(ValueError):
    """An argument the report cannot be made with: the message is for the operator."""


@dataclass(frozen=True)
class ReportRequest:
    """What the operator asked for."""

    kind: str
    first: date
    last: date
    out: Path
    locale: str
    zone: str
    answers: bool = False  # the curator's copy, with the sheet of individual answers
    run_id: int | None = None


def parse_day(option: str, text: str) -> date:
    """A YYYY-MM-DD date, or an error naming the option."""
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ReportArgsError(f"{option} {text!r} is not a date: use YYYY-MM-DD") from None


def check(first: date, last: date, out: Path) -> None:
    """Refuse a reversed period and a file that could not be written, before any work."""
    if first > last:
        raise ReportArgsError(f"--from {first} is after --to {last}")
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise ReportArgsError(f"Cannot write {out}: it is a folder")
    if not folder.is_dir():
        raise ReportArgsError(f"Cannot write {out}: no folder {folder}")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ReportArgsError(f"Cannot write {out}: permission denied")


async def build(url: str, request: ReportRequest) -> bytes:
    """The workbook's bytes for the request, from the database at `url` (migrated first)."""
    from bot import migrate
    from bot.core.reports.files import report_files
    from bot.core.services.period_figures import Period
    from bot.core.services.reports import ReportKind
    from bot.db import Database

    await migrate.upgrade(url)
    db = Database(url)
    today = to_local(datetime.now().astimezone(), request.zone).date()
    try:
        async with db.transaction() as session:
            (workbook,) = await report_files(
                session,
                ReportKind(request.kind),
                Period(request.first, request.last, request.zone),
                today,
                request.locale,
                curator=request.answers,
                run_id=request.run_id,
                with_charts=False,
            )
    finally:
        await db.close()
    return workbook.content


def run_cli(url: str, request: ReportRequest) -> int:
    """Write the report; print what was written, or one line of why not (exit code 2)."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        check(request.first, request.last, request.out)
        content = asyncio.run(build(url, request))
        request.out.write_bytes(content)
    except ReportArgsError as exc:
        print(str(exc), file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:
        print(f"Cannot write {request.out}: {exc.strerror or exc}", file=sys.stderr)
        return USAGE_ERROR
    note = " It holds names: keep it safe." if request.answers else ""
    print(
        f"Wrote the {request.kind} report for {request.first}–{request.last} "
        f"to {request.out}.{note}"
    )
    return 0
