"""`python -m bot` as a service manager stops it: SIGTERM shuts down cleanly, like Ctrl-C."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.e2e.bot_process import bot_process, terminate
from tests.e2e.harness import TG_TOKEN
from tests.fakes.telegram import FakeTelegram


async def test_sigterm_stops_the_bot_cleanly(tmp_path: Path) -> None:
    tg = FakeTelegram(TG_TOKEN)
    base = await tg.start()
    try:
        async with bot_process(
            TELEGRAM_BOT_TOKEN=TG_TOKEN, TELEGRAM_API_BASE=base, DATA_DIR=str(tmp_path)
        ) as proc:
            await tg.wait_polling(timeout=60)
            user = tg.user(5001)
            user.send("/start")  # something written, so the WAL has content
            await user.next_message(timeout=30)
            await tg.wait_polling()
            log = await terminate(proc)
    finally:
        await tg.stop()
    assert proc.returncode == 0, log
    assert "Traceback" not in log
    assert "shut down cleanly" in log.splitlines()[-1]
    wal = tmp_path / "nastavnik.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL was left with content"


async def test_sigterm_stops_the_console_waiting_for_input(tmp_path: Path) -> None:
    async with bot_process("console", cwd=tmp_path, DATA_DIR=str(tmp_path)) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(b"/start\n")
        await proc.stdin.drain()
        await asyncio.wait_for(proc.stdout.readuntil("Согласие".encode()), timeout=60)
        await asyncio.wait_for(proc.stdout.readuntil(b"1> "), timeout=10)  # the next prompt
        await terminate(proc)  # while it waits for the next line
    assert proc.returncode == 0
    log = (tmp_path / "console.log").read_text(encoding="utf-8")
    assert "shut down cleanly" in log.splitlines()[-1]
