"""`python -m bot` as a service manager stops it: SIGTERM shuts down cleanly, like Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.e2e.harness import TG_TOKEN
from tests.fakes.telegram import FakeTelegram
from tests.unit.test_cli import SETTING_NAMES

REPO = Path(__file__).resolve().parents[2]


def _env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_NAMES}
    env.update(settings, PYTHONIOENCODING="utf-8")
    return env


async def test_sigterm_stops_the_bot_cleanly(tmp_path: Path) -> None:
    tg = FakeTelegram(TG_TOKEN)
    base = await tg.start()
    env = _env(TELEGRAM_BOT_TOKEN=TG_TOKEN, TELEGRAM_API_BASE=base, DATA_DIR=str(tmp_path))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=REPO, env=env, stderr=asyncio.subprocess.PIPE
    )
    try:
        await tg.wait_polling(timeout=60)
        user = tg.user(5001)
        user.send("/start")  # something written, so the WAL has content
        await user.next_message(timeout=30)
        await tg.wait_polling()
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await tg.stop()
    log = stderr.decode()
    assert proc.returncode == 0, log
    assert "Traceback" not in log
    assert "shut down cleanly" in log.splitlines()[-1]
    wal = tmp_path / "nastavnik.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL was left with content"


async def test_sigterm_stops_the_console_waiting_for_input(tmp_path: Path) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "console",
        cwd=tmp_path, env=_env(DATA_DIR=str(tmp_path)),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(b"/start\n")
        await proc.stdin.drain()
        await asyncio.wait_for(proc.stdout.readuntil("Согласие".encode()), timeout=60)
        await asyncio.wait_for(proc.stdout.readuntil(b"1> "), timeout=10)  # the next prompt
        proc.send_signal(signal.SIGTERM)  # while it waits for the next line
        await asyncio.wait_for(proc.wait(), timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0
    log = (tmp_path / "console.log").read_text(encoding="utf-8")
    assert "shut down cleanly" in log.splitlines()[-1]
