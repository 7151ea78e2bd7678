"""`python -m bot` as an operator runs it: helpful errors, migrate, grant/revoke, the console."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import migrate
from bot.core import texts
from bot.core.models import Account, Person
from bot.db import Database

REPO = Path(__file__).resolve().parents[2]
# Every setting the bot reads from the environment: none may leak in from the developer's shell.
SETTING_NAMES = {
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE",
    "VK_GROUP_TOKEN",
    "VK_GROUP_ID",
    "VK_API_BASE",
    "DATABASE_URL",
    "DATA_DIR",
    "DEFAULT_LOCALE",
    "DEFAULT_TIMEZONE",
    "SCHEDULER_TICK_SECONDS",
    "LOG_LEVEL",
    "QUIET_HOURS",
    "REMINDER_TIME",
    "OVERDUE_ALERT_DAYS",
    "SURVEYS_DIR",
    "FEEDBACK_DAYS",
}


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_NAMES}
    clean["PYTHONPATH"] = str(REPO)
    clean["PYTHONIOENCODING"] = "utf-8"
    clean.update(extra or {})
    return clean


def _start(cwd: Path, args: Sequence[str], env: dict[str, str] | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=_env(env),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _finish(proc: subprocess.Popen[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    out, err = proc.communicate(stdin, timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run_bot(
    cwd: Path, *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """One run of `python -m bot` in `cwd`, with no setting from the developer's shell."""
    return _finish(_start(cwd, args, env), stdin)


CONSOLE_INPUT = "/start\n1\nАнна Иванова\n3\n1\n/help\n"
# Independent runs, started together so the suite waits for the slowest one only:
# name -> (arguments, environment, standard input).
RUNS: dict[str, tuple[tuple[str, ...], dict[str, str], str]] = {
    "no-token": ((), {}, ""),
    "bad-telegram-token": ((), {"TELEGRAM_BOT_TOKEN": "bad"}, ""),
    "bad-vk-group-id": ((), {"VK_GROUP_ID": "abc"}, ""),
    "migrate": (("migrate",), {}, ""),
    "grant-unknown": (("grant", "curator", "tg:1"), {}, ""),
    "console": (("console",), {}, CONSOLE_INPUT),
    "bad-survey-run": ((), {"TELEGRAM_BOT_TOKEN": "123:ABC", "SURVEYS_DIR": "surveys"}, ""),
    "bad-survey-console": (("console",), {"SURVEYS_DIR": "surveys"}, "/start\n"),
}
# Two malformed survey files the bad-survey runs read from their folder's `surveys`.
BAD_SURVEYS = {
    "pulse.yaml": "title: {ru: Пульс, en: Pulse}\nquestions:\n"
    "  - {id: mood, kind: stars, text: {ru: Как дела, en: How are you}}\n",
    "meeting-feedback.yaml": "title: {ru: Отзыв, en: Feedback}\nquestions:\n"
    "  - {id: why, kind: text, text: {ru: Почему, en: Why},"
    " show_if: {question: score, in: [1]}}\n"
    "  - {id: score, kind: scale, min: 1, max: 5, text: {ru: Оценка, en: Score}}\n",
}


@dataclass
class Run:
    cwd: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    folders = {name: tmp_path_factory.mktemp(name) for name in RUNS}
    for name, folder in folders.items():
        if name.startswith("bad-survey"):
            (folder / "surveys").mkdir()
            for file, text in BAD_SURVEYS.items():
                (folder / "surveys" / file).write_text(text, encoding="utf-8")
    started = {name: _start(folders[name], args, env) for name, (args, env, _) in RUNS.items()}
    return {
        name: Run(folders[name], _finish(proc, RUNS[name][2])) for name, proc in started.items()
    }


def db_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "nastavnik.sqlite3"


def test_without_tokens_explains_what_to_set(runs: dict[str, Run]) -> None:
    result = runs["no-token"].result
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "VK_GROUP_TOKEN" in result.stderr and "VK_GROUP_ID" in result.stderr
    assert "python -m bot console" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("run", "named"),
    [("bad-telegram-token", "TELEGRAM_BOT_TOKEN"), ("bad-vk-group-id", "VK_GROUP_ID")],
)
def test_bad_setting_stops_with_one_line_naming_it(
    runs: dict[str, Run], run: str, named: str
) -> None:
    result = runs[run].result
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named in lines[0]
    assert list(runs[run].cwd.iterdir()) == []  # nothing created on the way out


@pytest.mark.parametrize("run", ["bad-survey-run", "bad-survey-console"])
def test_malformed_survey_files_stop_the_start(runs: dict[str, Run], run: str) -> None:
    """Each refused file is named in one line with its question and the reason."""
    result = runs[run].result
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "Survey files refused:"
    assert len(lines) == 3, result.stderr
    feedback, pulse = lines[1:]
    assert "surveys/meeting-feedback.yaml: question 'why':" in feedback
    assert "'score', not an earlier question" in feedback
    assert "surveys/pulse.yaml: question 'mood': kind must be one of" in pulse
    assert "'stars'" in pulse
    assert "Согласие" not in result.stdout  # the console never started


def test_migrate_creates_the_database(runs: dict[str, Run]) -> None:
    result, cwd = runs["migrate"].result, runs["migrate"].cwd
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert db_file(cwd).is_file()
    with sqlite3.connect(db_file(cwd)) as conn:
        tables = {row[0] for row in conn.execute("select name from sqlite_master")}
    assert {"people", "accounts", "consents", "notifications", "alembic_version"} <= tables


def test_grant_for_an_unknown_account(runs: dict[str, Run]) -> None:
    result = runs["grant-unknown"].result
    assert result.returncode == 1
    assert "tg:1 is not registered" in result.stdout
    assert "/start" in result.stdout
    assert "Traceback" not in result.stderr


async def test_grant_and_revoke(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{db_file(tmp_path)}"
    await migrate.upgrade(url)
    db = Database(url)
    try:
        async with db.transaction() as session:
            person = Person(name="Анна Иванова", locale="ru", timezone="Europe/Moscow")
            person.status = "active"
            session.add(person)
            await session.flush()
            session.add(Account(platform="telegram", external_id="1", locale="ru", person=person))
    finally:
        await db.close()

    def roles() -> set[str]:
        with sqlite3.connect(db_file(tmp_path)) as conn:
            return {row[0] for row in conn.execute("select role from person_roles")}

    granted = run_bot(tmp_path, "grant", "curator", "tg:1")
    assert granted.returncode == 0, granted.stderr
    assert "now has the curator role" in granted.stdout
    assert "Анна Иванова" in granted.stdout
    assert roles() == {"curator"}

    revoked = run_bot(tmp_path, "revoke", "curator", "tg:1")
    assert revoked.returncode == 0, revoked.stderr
    assert "no longer has" in revoked.stdout
    assert roles() == set()


def test_console_chat(runs: dict[str, Run]) -> None:
    result, tmp_path = runs["console"].result, runs["console"].cwd
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Согласие на обработку персональных данных" in out
    assert "[1] Даю согласие" in out and "[3] English" in out
    assert texts.t("ask-age", "ru") in out  # the typed name was taken
    assert texts.t("ask-role", "ru") in out  # "3" pressed "18 or over"
    assert "Что я умею" in out and "/forget" in out
    assert "<b>" not in out and "&lt;" not in out  # the console shows plain text
    # Everything lands in the data folder of the working directory, nothing elsewhere there.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert not (tmp_path / ".vkbottle").exists()
    with sqlite3.connect(db_file(tmp_path)) as conn:
        rows = conn.execute(
            "select p.name, p.age_group from people p join accounts a on a.person_id = p.id "
            "where a.platform = 'console' and a.external_id = '1'"
        ).fetchall()
    assert rows == [("Анна Иванова", "adult")]
