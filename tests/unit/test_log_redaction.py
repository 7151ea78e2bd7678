"""Configured secrets are masked in every log record: message, arguments and tracebacks."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot import redaction
from bot.__main__ import setup_logging
from bot.config import Settings

TG_TOKEN = "123456:AAH-secret_Telegram-token"
VK_TOKEN = "vk1.a.secret-group-token"
DB_PASSWORD = "pa55-word"


@pytest.fixture
def settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        TELEGRAM_BOT_TOKEN=TG_TOKEN,
        VK_GROUP_TOKEN=VK_TOKEN,
        VK_GROUP_ID="1",
        DATABASE_URL=f"postgresql+asyncpg://bot:{DB_PASSWORD}@db/nastavnik",
        LOG_LEVEL="DEBUG",
    )


@pytest.fixture
def output(settings: Settings) -> Iterator[io.StringIO]:
    """What a handler formatted as the bot's own does writes, with logging set up as at start-up."""
    factory = logging.getLogRecordFactory()
    alembic_level = logging.getLogger("alembic").level
    setup_logging(settings, to_file=False)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logging.setLogRecordFactory(factory)
        logging.getLogger("alembic").setLevel(alembic_level)


def test_debug_message_and_arguments(output: io.StringIO) -> None:
    log = logging.getLogger("test.redaction")
    log.debug("POST %s", f"https://api.telegram.org/bot{TG_TOKEN}/getUpdates")
    log.debug(f"VK says {VK_TOKEN!r} and the database {DB_PASSWORD}")
    text = output.getvalue()
    assert "POST https://api.telegram.org/bot***/getUpdates" in text
    assert "VK says '***' and the database ***" in text
    assert TG_TOKEN not in text and VK_TOKEN not in text and DB_PASSWORD not in text


def test_error_with_exception_and_traceback(output: io.StringIO) -> None:
    log = logging.getLogger("test.redaction")
    try:
        raise RuntimeError(f"Cannot reach https://api.vk.ru/method/x?access_token={VK_TOKEN}")
    except RuntimeError:
        log.exception("request with %s failed", TG_TOKEN)
    text = output.getvalue()
    assert "ERROR test.redaction: request with *** failed" in text
    assert "Traceback" in text and "RuntimeError: Cannot reach" in text
    assert "access_token=***" in text
    assert TG_TOKEN not in text and VK_TOKEN not in text


def test_percent_encoded_token_is_masked(output: io.StringIO) -> None:
    logging.getLogger("test.redaction").warning("GET /bot%s/getMe", TG_TOKEN.replace(":", "%3A"))
    assert output.getvalue() == "WARNING test.redaction: GET /bot***/getMe\n"


def test_records_of_library_handlers_are_masked_too(
    output: io.StringIO, caplog: pytest.LogCaptureFixture
) -> None:
    """vkbottle logs through a handler of its own, with `{}` formatting."""
    from vkbottle.modules import logger as vk_logger

    with caplog.at_level(logging.DEBUG, logger="vkbottle"):
        vk_logger.debug("Request {} with {} data", "messages.send", {"access_token": VK_TOKEN})
    text = logging.getLogger("vkbottle").handlers[0].format(caplog.records[-1])
    assert "'access_token': '***'" in text
    assert VK_TOKEN not in text


def test_without_secrets_nothing_changes() -> None:
    assert redaction.Redactor(["", ""]).secrets == []
    bare = Settings(_env_file=None)  # type: ignore[call-arg]
    assert bare.secrets == []
