"""A plain (not editable) install starts from any folder: texts and migrations ship inside it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.unit.test_cli import SETTING_NAMES

REPO = Path(__file__).resolve().parents[2]
# What the repository holds besides the package sources; none of it may be needed at run time.
NOT_SHIPPED = shutil.ignore_patterns(
    ".*", "tests", "bench", "data", "build", "dist", "*.egg-info", "__pycache__", "console-files"
)
# Top-level folder in the repository -> where it lands in site-packages.
SHIPPED = {
    "bot": "bot",
    "handlers": "handlers",
    "scheduler": "scheduler",
    "locales": "bot/locales",
    "templates": "bot/templates",
    "migrations": "bot/migrations",
}


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install <copy of the repo>` into a new venv that borrows this one's dependencies."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the repository
    shutil.copytree(REPO, source, ignore=NOT_SHIPPED)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    (_site(venv) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q",
         "--no-deps", "--no-index", "--no-build-isolation", source],
        check=True, capture_output=True,
    )  # fmt: skip
    return venv


def _site(venv: Path) -> Path:
    return next((venv / "lib").glob("python*/site-packages"))


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in {*SETTING_NAMES, "PYTHONPATH"}}
    env.update(extra)
    return env


def test_installed_command_runs_from_another_folder(venv: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [venv / "bin" / "nastavnik", "console"],
        cwd=work,
        env=_clean_env(DATA_DIR=str(work / "state"), PYTHONIOENCODING="utf-8"),
        input="/start\n:quit\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Согласие на обработку персональных данных" in result.stdout
    with sqlite3.connect(work / "state" / "nastavnik.sqlite3") as conn:
        assert conn.execute("select version_num from alembic_version").fetchall()
        tables = {row[0] for row in conn.execute("select name from sqlite_master")}
    assert {"people", "accounts", "notifications"} <= tables
    # It ran from the install, not from this checkout.
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import bot; print(bot.__file__)"],
        cwd=work, env=_clean_env(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(_site(venv))


def test_the_install_holds_every_source_and_data_file(venv: Path) -> None:
    site = _site(venv)
    missing = [
        f"{folder}/{path.relative_to(REPO / folder)}"
        for folder, target in SHIPPED.items()
        for path in (REPO / folder).rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not (site / target / path.relative_to(REPO / folder)).is_file()
    ]
    assert missing == []
