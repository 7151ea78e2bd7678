"""`python -m bot report`: the workbook and exit 0; a bad date, a reversed period or a path that
cannot be written is one clear line and exit 2, with nothing written."""

from __future__ import annotations

import io
import os
from pathlib import Path

from openpyxl import load_workbook

from bot.db import Database
from tests.unit.report_data import autumn
from tests.unit.test_cli import _finish, _start

PERIOD = ("--from", "2026-09-01", "--to", "2026-11-30")


async def test_report_command_writes_the_workbook_or_says_why_not(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    await autumn(db)
    env = {"DATABASE_URL": db_url, "DATA_DIR": str(tmp_path), "DEFAULT_TIMEZONE": "Europe/Moscow"}
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() == 0:  # root writes through permissions: take a folder no one may write in
        locked = Path("/proc")
    runs = {
        "ok": ("programmes", *PERIOD, "--out", str(tmp_path / "autumn.xlsx")),
        "curator": ("monitoring", *PERIOD, "--out", "m.xlsx", "--answers", "--locale", "en"),
        "bad-date": ("annual", "--from", "2026-02-30", "--to", "2026-11-30", "--out", "a.xlsx"),
        "not-iso": ("annual", "--from", "01.09.2026", "--to", "2026-11-30", "--out", "b.xlsx"),
        "reversed": ("annual", "--from", "2026-12-01", "--to", "2026-11-30", "--out", "c.xlsx"),
        "no-folder": ("annual", *PERIOD, "--out", str(tmp_path / "nowhere" / "d.xlsx")),
        "a-folder": ("annual", *PERIOD, "--out", str(tmp_path)),
        "locked": ("annual", *PERIOD, "--out", str(locked / "e.xlsx")),
    }
    started = {name: _start(tmp_path, ("report", *args), env) for name, args in runs.items()}
    done = {name: _finish(proc) for name, proc in started.items()}

    ok = done["ok"]
    assert ok.returncode == 0, ok.stderr
    assert "Wrote the programmes report for 2026-09-01–2026-11-30" in ok.stdout
    book = load_workbook(io.BytesIO((tmp_path / "autumn.xlsx").read_bytes()), read_only=True)
    assert "Ответы участников" not in book.sheetnames and "Встречи" in book.sheetnames

    curator = done["curator"]
    assert curator.returncode == 0, curator.stderr
    assert "It holds names" in curator.stdout
    book = load_workbook(io.BytesIO((tmp_path / "m.xlsx").read_bytes()), read_only=True)
    assert book.sheetnames[:2] == ["Report", "Surveys"]
    assert book.sheetnames[-1] == "Individual answers"

    expected = {
        "bad-date": "--from '2026-02-30' is not a date: use YYYY-MM-DD",
        "not-iso": "--from '01.09.2026' is not a date: use YYYY-MM-DD",
        "reversed": "--from 2026-12-01 is after --to 2026-11-30",
        "no-folder": "Cannot write",
        "a-folder": "it is a folder",
        "locked": f"Cannot write {locked / 'e.xlsx'}",
    }
    for name, message in expected.items():
        result = done[name]
        assert result.returncode == 2, (name, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], (name, result.stderr)
    written = sorted(p.name for p in tmp_path.rglob("*.xlsx"))
    assert written == ["autumn.xlsx", "m.xlsx"]  # nothing else was written
    assert not (locked / "e.xlsx").exists()
