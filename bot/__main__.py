"""Command line: run (default), console, migrate, grant / revoke, export / import, report."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from bot import redaction
from bot.config import SUPPORTED_LOCALES, Settings
from bot.core.models import Role
from bot.platforms.base import PlatformRejected

log = logging.getLogger("bot")

NO_TOKEN = """No platform token is set, so there is nothing to connect to.
  Telegram: set TELEGRAM_BOT_TOKEN (from @BotFather) in the environment or in .env
  VK:       set VK_GROUP_TOKEN and VK_GROUP_ID (community settings → API usage)
  Or try the bot right here in the terminal:  python -m bot console"""


def load_settings() -> Settings:
    """Settings from the environment; a bad value stops start-up with one line naming it."""
    try:
        settings = Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        raise SystemExit(f"Setting {name} is invalid: {error['msg']}") from None
    if settings.vk_group_token and settings.vk_group_id is None:
        raise SystemExit("Setting VK_GROUP_ID is missing: it is required with VK_GROUP_TOKEN")
    if settings.vk_group_id is not None and not settings.vk_group_token:
        raise SystemExit("Setting VK_GROUP_TOKEN is missing: it is required with VK_GROUP_ID")
    return settings


def surveys_usable(settings: Settings) -> bool:
    """Read the survey files; each one refused is named on stderr in one line (False)."""
    from bot.core import survey_files

    try:
        survey_files.configure(settings.surveys_dir)
    except survey_files.SurveyFileError as exc:
        print(f"Survey files refused:\n{exc}", file=sys.stderr)
        return False
    return True


def points_usable(settings: Settings) -> bool:
    """Read the points table of the digital footprint; a refused one is named in one line."""
    from bot.core import points

    try:
        points.configure(settings.footprint_points_file)
    except points.PointsFileError as exc:
        print(f"Points file refused: {exc}", file=sys.stderr)
        return False
    return True


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="nastavnik", description="Mentoring programme bot")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="start every platform whose token is set (the default)")
    console = sub.add_parser("console", help="chat with the bot in this terminal, no token needed")
    console.add_argument("--user", default="1", help="console user number (default 1)")
    sub.add_parser("migrate", help="apply database migrations")
    for name in ("grant", "revoke"):
        cmd = sub.add_parser(name, help=f"{name} a role, e.g. {name} curator tg:123456")
        cmd.add_argument("role", choices=[Role.CURATOR.value, Role.DIRECTOR.value])
        cmd.add_argument("address", help="tg:<user id>, vk:<user id> or console:<n>")
    for name, verb in (("export", "write the banks to"), ("import", "update the banks from")):
        cmd = sub.add_parser(name, help=f"{verb} a CSV or XLSX file, e.g. {name} banks banks.xlsx")
        cmd.add_argument("what", choices=["banks"])
        cmd.add_argument("file", type=Path, help="CSV file (UTF-8)")
    sub.choices["export"].add_argument(
        "--locale",
        choices=SUPPORTED_LOCALES,
        help="language of the column titles; ru also separates CSV fields with ';' "
        "(default: DEFAULT_LOCALE)",
    )
    report = sub.add_parser(
        "report", help="write a report workbook, e.g. report annual --from 2026-01-01 ..."
    )
    report.add_argument("kind", choices=["programmes", "monitoring", "annual"])
    report.add_argument("--from", dest="first", required=True, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="last", required=True, help="last day, YYYY-MM-DD")
    report.add_argument("--out", type=Path, required=True, help="the XLSX file to write")
    report.add_argument("--run", type=int, help="monitoring: only this survey run")
    report.add_argument(
        "--answers", action="store_true", help="the curator's copy: add the individual answers"
    )
    report.add_argument("--locale", choices=SUPPORTED_LOCALES, help="default: DEFAULT_LOCALE")
    return parser.parse_args(argv)


def setup_logging(settings: Settings, to_file: bool) -> None:
    """Log to stderr, or to a file in the data folder while the console owns the terminal; no
    token ever shows (see bot.redaction)."""
    redaction.install(settings.secrets)
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    if to_file:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(
            level=settings.log_level, format=fmt, filename=settings.data_dir / "console.log"
        )
    else:
        logging.basicConfig(level=settings.log_level, format=fmt)
    level = logging.getLevelName(settings.log_level)
    # Migration chatter is noise at every start; its warnings and errors still show.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, level))
    # APScheduler logs every tick at INFO ("Running job ..."): shown only when debugging.
    logging.getLogger("apscheduler").setLevel(
        level if level <= logging.DEBUG else max(logging.WARNING, level)
    )
    # aiosqlite logs two DEBUG lines per SQL call, thousands a minute: never worth reading.
    logging.getLogger("aiosqlite").setLevel(max(logging.INFO, level))


def stop_on_sigterm(task: asyncio.Task[None]) -> None:
    """SIGTERM (systemd, `docker stop`) ends `task` as Ctrl-C does, so shutdown runs; a second
    SIGTERM ends the process at once."""
    loop = asyncio.get_running_loop()

    def on_sigterm() -> None:
        log.info("SIGTERM received: shutting down")
        loop.remove_signal_handler(signal.SIGTERM)
        task.cancel()

    with contextlib.suppress(NotImplementedError):  # Windows: no signal handlers in asyncio
        loop.add_signal_handler(signal.SIGTERM, on_sigterm)


async def serve(settings: Settings, console_user: str | None) -> None:
    """Start the app and run it until interrupted (Ctrl-C or SIGTERM), then stop it."""
    from bot.app import App

    app = App(settings)
    if console_user is not None:
        app.add_console(console_user)
    else:
        app.add_configured_platforms()
    task = asyncio.current_task()
    assert task is not None
    stop_on_sigterm(task)
    try:
        await app.start()
        await app.run()
    except PlatformRejected as exc:
        raise SystemExit(str(exc)) from None
    finally:
        await app.stop()


def report(settings: Settings, args: argparse.Namespace) -> int:
    """`report KIND --from --to --out`: the workbook, or one line of why not (exit code 2)."""
    from bot import report_cli

    try:
        first = report_cli.parse_day("--from", args.first)
        last = report_cli.parse_day("--to", args.last)
    except report_cli.ReportArgsError as exc:
        print(str(exc), file=sys.stderr)
        return report_cli.USAGE_ERROR
    request = report_cli.ReportRequest(
        args.kind,
        first,
        last,
        args.out,
        args.locale or settings.default_locale,
        settings.default_timezone,
        answers=args.answers,
        run_id=args.run,
    )
    return report_cli.run_cli(settings.database_url, request)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m bot` and `nastavnik`."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    settings = load_settings()
    command = args.command or "run"
    setup_logging(settings, to_file=command == "console")
    if command == "migrate":
        from bot.migrate import upgrade_sync

        upgrade_sync(settings.database_url)
        print("Database is up to date.")
        return 0
    if command in ("grant", "revoke"):
        from bot.admin import change_role

        ok, message = asyncio.run(change_role(settings, command, args.role, args.address))
        print(message)
        return 0 if ok else 1
    if command in ("export", "import"):
        from bot.banks_csv import run_cli

        locale = getattr(args, "locale", None) or settings.default_locale
        return run_cli(command, settings.database_url, args.file, locale)
    if command == "report":
        return report(settings, args)
    if command == "run" and not (settings.telegram_bot_token or settings.vk_enabled):
        print(NO_TOKEN, file=sys.stderr)
        return 2
    if not (surveys_usable(settings) and points_usable(settings)):
        return 2
    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):  # Ctrl-C, SIGTERM
        asyncio.run(serve(settings, args.user if command == "console" else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
