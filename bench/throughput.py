"""Throughput: how fast the real bot drains a Telegram backlog, next to a bare aiogram echo bot.

Both bots long-poll a fake Bot API server on 127.0.0.1 (``tests.fakes.telegram``) that holds
the same backlog, queued before the bot starts: ``--messages`` updates from ``--users``
people, interleaved the way a crowd writes.  Each bot is timed from the moment it is started
until the fake has received every expected reply.  Nothing about speed is asserted; the script
prints figures (``--json`` for machine-readable ones).

Every message of the backlog gets exactly one reply from Nastavnik (see ``SCRIPT``), and the
echo bot answers each text once, so both runs expect ``--messages`` replies.

Run from the repository root::

    python bench/throughput.py                     # 3000 messages from 300 users
    python bench/throughput.py --messages 6000 --users 500 --json
    python bench/throughput.py --profile 25        # also cProfile the Nastavnik run
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import json
import logging
import os
import platform
import pstats
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.app import App  # noqa: E402
from bot.config import SUPPORTED_LOCALES, Settings  # noqa: E402
from bot.core import texts  # noqa: E402
from tests.fakes.echo_bots import run_aiogram_echo  # noqa: E402
from tests.fakes.telegram import DEFAULT_TOKEN, FakeTelegram  # noqa: E402

# What one person sends, in order (repeated if they send more).  Before consent each of these
# gets exactly one reply: /start asks for consent (and enters the "consent" state), /help and
# /language answer with one message in any state, /cancel leaves the state.  Free text gets one
# reply ("I did not understand") only outside a state -- inside "consent" it gets two (a
# refusal plus the consent question again), so text comes only right after /cancel.
# /mydata is left out: it answers with a message and a file.
SCRIPT = (
    "/start",
    "/help",
    "/language",
    "/cancel",
    "привет",
    "/help",
    "/start",
    "/start",
    "/help",
    "/cancel",
    "what can you do?",
    "/language",
)
FIRST_USER_ID = 100_000_001


@dataclass
class Result:
    """One bot's run over the backlog."""

    bot: str
    messages: int
    users: int
    expected_replies: int
    replies: int
    seconds: float
    mismatched_chats: int = 0  # chats that got more or fewer replies than messages they sent
    internal_errors: int = 0  # replies that were the bot's "something went wrong" message

    @property
    def rate(self) -> float:
        """Messages of the backlog handled per second."""
        return self.messages / self.seconds if self.seconds > 0 else float("inf")


def build_backlog(fake: FakeTelegram, messages: int, users: int) -> Counter[int]:
    """Queue ``messages`` updates from ``users`` people; return the replies expected per chat.

    Message ``i`` comes from user ``i % users`` and is step ``i // users`` of their script, so
    everybody starts with /start and the users' messages are interleaved round-robin.
    Even-numbered users write with a Russian client, odd-numbered ones with an English one.
    """
    people = [
        fake.user(FIRST_USER_ID + n, language_code="ru" if n % 2 == 0 else "en")
        for n in range(users)
    ]
    expected: Counter[int] = Counter()
    for i in range(messages):
        person = people[i % users]
        person.send(SCRIPT[(i // users) % len(SCRIPT)])
        expected[person.id] += 1  # one reply per message, for both bots
    return expected


async def drain(
    fake: FakeTelegram,
    expected: int,
    start_bot: Callable[[], Awaitable[asyncio.Task[None]]],
    timeout: float,
) -> tuple[float, asyncio.Task[None]]:
    """Start the bot and time it until ``expected`` replies were sent; returns (seconds, task)."""
    began = time.perf_counter()
    task = await start_bot()
    try:
        await fake.wait_sent(expected, timeout=timeout)
    except AssertionError:
        print(
            f"warning: only {len(fake.sent)} of {expected} replies within {timeout:.0f}s",
            file=sys.stderr,
        )
    return time.perf_counter() - began, task


async def stop_task(task: asyncio.Task[None]) -> None:
    """Cancel a bot's polling task and wait until it has shut down."""
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def settle(fake: FakeTelegram, seconds: float = 0.3) -> None:
    """Give a bot a moment to send anything beyond the expected replies (it should not)."""
    with contextlib.suppress(AssertionError):
        await fake.wait_for(lambda: False, seconds, "nothing")


async def run_nastavnik(
    messages: int,
    users: int,
    timeout: float,
    workdir: Path,
    profiler: cProfile.Profile | None = None,
) -> Result:
    """The real bot (Telegram only, SQLite file in ``workdir``) over a fresh backlog.

    With ``profiler``, only the timed part (polling until the last reply) is profiled.
    """
    fake = FakeTelegram(DEFAULT_TOKEN)
    base_url = await fake.start()
    try:
        expected = build_backlog(fake, messages, users)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
            TELEGRAM_API_BASE=base_url,
            DATABASE_URL=f"sqlite+aiosqlite:///{workdir}/bench.sqlite3",
            DATA_DIR=str(workdir / "data"),
            SCHEDULER_TICK_SECONDS=3600,
            LOG_LEVEL="WARNING",
        )
        app = App(settings)
        app.add_telegram()
        await app.start()  # migrations and the scheduler: not part of the measurement
        try:

            async def start_bot() -> asyncio.Task[None]:
                return asyncio.create_task(app.run())

            with profiler or contextlib.nullcontext():
                seconds, task = await drain(fake, expected.total(), start_bot, timeout)
            await settle(fake)
            await stop_task(task)
        finally:
            await app.stop()
        return make_result("nastavnik", fake, expected, users, seconds)
    finally:
        await fake.stop()


async def run_echo(messages: int, users: int, timeout: float) -> Result:
    """The bare aiogram echo bot over a fresh, identical backlog."""
    fake = FakeTelegram(DEFAULT_TOKEN)
    base_url = await fake.start()
    try:
        expected = build_backlog(fake, messages, users)

        async def start_bot() -> asyncio.Task[None]:
            return asyncio.create_task(run_aiogram_echo(base_url, DEFAULT_TOKEN))

        seconds, task = await drain(fake, expected.total(), start_bot, timeout)
        await settle(fake)
        await stop_task(task)
        return make_result("aiogram echo", fake, expected, users, seconds)
    finally:
        await fake.stop()


def make_result(
    name: str, fake: FakeTelegram, expected: Counter[int], users: int, seconds: float
) -> Result:
    """The figures of one run, after checking what the fake received."""
    mismatched, errors = check_replies(fake, expected, name)
    total = expected.total()
    return Result(name, total, users, total, len(fake.sent), seconds, mismatched, errors)


def check_replies(fake: FakeTelegram, expected: Counter[int], name: str) -> tuple[int, int]:
    """Count (and warn on stderr about) chats with a wrong number of replies, and error replies.

    Returns ``(mismatched chats, internal-error replies)``; both are 0 in a healthy run.
    """
    got = Counter(m.chat_id for m in fake.sent)
    off = [chat for chat in expected.keys() | got.keys() if got[chat] != expected[chat]]
    if off:
        print(f"warning: {name}: unexpected reply count in {len(off)} chat(s)", file=sys.stderr)
    errors = {texts.t("error-internal", locale) for locale in SUPPORTED_LOCALES}
    failed = sum(1 for m in fake.sent if m.plain_text in errors)
    if failed:
        print(f"warning: {name}: {failed} reply(ies) were internal errors", file=sys.stderr)
    return len(off), failed


def environment() -> dict[str, str]:
    """Versions that matter for the figures."""

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "sqlite": sqlite3.sqlite_version,
        "aiosqlite": version("aiosqlite"),
        "sqlalchemy": version("sqlalchemy"),
        "aiogram": version("aiogram"),
        "machine": f"{platform.machine()}, {_cpu_count()} CPU(s)",
    }


def _cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def print_table(ours: Result, echo: Result, env: dict[str, str]) -> None:
    """The figures as a small text table."""
    print(f"backlog: {ours.messages} messages from {ours.users} users (queued before start)")
    print()
    header = f"{'bot':<14}{'messages':>9}{'users':>7}{'replies':>9}{'errors':>8}"
    print(f"{header}{'seconds':>9}{'msg/s':>8}")
    for r in (ours, echo):
        print(
            f"{r.bot:<14}{r.messages:>9}{r.users:>7}{r.replies:>9}{r.internal_errors:>8}"
            f"{r.seconds:>9.2f}{r.rate:>8.0f}"
        )
    print()
    print(f"ratio nastavnik / aiogram echo (msg/s): {ours.rate / echo.rate:.2f}")
    print(
        f"Python {env['python']} ({env['implementation']}), {env['machine']}; "
        f"SQLite {env['sqlite']} via aiosqlite {env['aiosqlite']} "
        f"(SQLAlchemy {env['sqlalchemy']}), aiogram {env['aiogram']}"
    )
    print("nastavnik: one DB transaction per update on a WAL SQLite file; echo: no storage")


def print_json(ours: Result, echo: Result, env: dict[str, str]) -> None:
    """The figures as one JSON object."""
    runs = {r.bot: {**asdict(r), "messages_per_second": r.rate} for r in (ours, echo)}
    print(
        json.dumps(
            {"runs": runs, "ratio": ours.rate / echo.rate, "environment": env},
            ensure_ascii=False,
            indent=2,
        )
    )


async def main_async(args: argparse.Namespace) -> tuple[Result, Result]:
    """Both runs, one after the other, in this event loop."""
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        profiler = cProfile.Profile() if args.profile else None
        ours = await run_nastavnik(args.messages, args.users, args.timeout, Path(tmp), profiler)
        if profiler is not None:
            report_profile(profiler, args.profile)
    echo = await run_echo(args.messages, args.users, args.timeout)
    return ours, echo


def report_profile(profiler: cProfile.Profile, top: int) -> None:
    """Where the Nastavnik run spent its main-thread time, on stderr.

    Own time ("tottime") per package and per function.  Cumulative times are left out: under
    asyncio cProfile counts every resumption of a coroutine, so they add up to nonsense.  The
    SQLite work itself runs in aiosqlite's threads and is not seen here.
    """
    stats = pstats.Stats(profiler)
    print("--- nastavnik run: main-thread own time by package ---", file=sys.stderr)
    packages = own_time_by_package(stats)
    total = sum(packages.values()) or 1.0
    for package, seconds in packages.most_common(top):
        print(f"{seconds:8.2f}s {100 * seconds / total:5.1f}%  {package}", file=sys.stderr)
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats("tottime").print_stats(top)
    print("--- nastavnik run: functions by own time ---", file=sys.stderr)
    print(out.getvalue(), file=sys.stderr)


def own_time_by_package(stats: pstats.Stats) -> Counter[str]:
    """Sum the own time of every function by where it lives (a package, stdlib, this repo)."""
    totals: Counter[str] = Counter()
    for (filename, _line, _name), row in stats.stats.items():  # type: ignore[attr-defined]
        path = filename.replace("\\", "/")
        if "site-packages/" in path:
            where = path.split("site-packages/", 1)[1].split("/", 1)[0]
        elif path.startswith(str(ROOT) + "/"):
            where = "repo: " + "/".join(path[len(str(ROOT)) + 1 :].split("/")[:2])
        elif path == "~" or path.startswith("<"):
            where = "built-ins (epoll wait, sockets, queues, ...)"
        else:
            where = "stdlib: " + Path(path).parent.name + "/" + Path(path).name
        totals[where] += row[2]
    return totals


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=3000, help="backlog size (3000)")
    parser.add_argument("--users", type=int, default=300, help="distinct senders (300)")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds each bot may take (60)"
    )
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument(
        "--verbose", action="store_true", help="full tracebacks for errors the bots log"
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="cProfile the Nastavnik run and print its top N functions to stderr",
    )
    args = parser.parse_args(argv)
    if args.users < 1 or args.messages < args.users:
        parser.error("need --users >= 1 and --messages >= --users (everyone sends /start)")
    return args


class OneLineErrors(logging.Formatter):
    """Log records on one line each: an exception shows as its type and first line."""

    def formatException(self, ei: Any) -> str:
        """``ExceptionType: first line of its message``, without the traceback."""
        error = ei[1]
        message = str(error).strip().splitlines()
        return f"  -> {type(error).__name__}: {message[0] if message else ''}"

    def format(self, record: logging.LogRecord) -> str:
        """The record, with the exception line appended on the same line."""
        return super().format(record).replace("\n  -> ", "  -> ", 1)


def setup_logging(verbose: bool) -> None:
    """Only warnings and errors (stderr), one line each unless ``verbose``."""
    handler = logging.StreamHandler()
    fmt = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(logging.Formatter(fmt) if verbose else OneLineErrors(fmt))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    args = parse_args(argv)
    setup_logging(args.verbose)
    ours, echo = asyncio.run(main_async(args))
    env = environment()
    if args.json:
        print_json(ours, echo, env)
    else:
        print_table(ours, echo, env)


if __name__ == "__main__":
    main()
