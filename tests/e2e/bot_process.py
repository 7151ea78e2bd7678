"""`python -m bot` as a separate process, as an operator or a service manager runs it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.unit.test_cli import SETTING_NAMES

REPO = Path(__file__).resolve().parents[2]
PIPE = asyncio.subprocess.PIPE


def bot_env(**settings: str) -> dict[str, str]:
    """This environment without any setting from the developer's shell, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_NAMES}
    env.update(settings, PYTHONIOENCODING="utf-8")
    return env


@asynccontextmanager
async def bot_process(
    *args: str, cwd: Path = REPO, **settings: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m bot ARGS` with pipes for stdin, stdout and stderr; killed if still running."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        cwd=cwd, env=bot_env(**settings), stdin=PIPE, stdout=PIPE, stderr=PIPE,
    )  # fmt: skip
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def terminate(proc: asyncio.subprocess.Process, timeout: float = 30) -> str:
    """Send SIGTERM and wait for the process to end; what it wrote to stderr."""
    proc.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(proc.communicate(), timeout)
    return stderr.decode()
