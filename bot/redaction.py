"""Secrets never reach the log: each configured token is replaced by `***` in every record.

A failed request's address holds the Telegram token (`…/bot<token>/getUpdates`) and library
messages may echo a VK access token, at any level. The masking happens where records are made,
so it covers every logger and every handler, including those libraries add themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

MASK = "***"


class Redactor:
    """Replaces each secret (as is, or percent-encoded in an address) by `***` in a text."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms = {form for secret in secrets if secret for form in (secret, quote(secret, safe=""))}
        self.secrets = sorted(forms, key=len, reverse=True)  # a longer one first, masked whole

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def record(self, record: logging.LogRecord) -> None:
        """Render the record's message, exception and stack now, with the secrets masked."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: show it with its arguments, masked too
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = self(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None  # only the masked text goes on
        if record.exc_text:
            record.exc_text = self(record.exc_text)
        if record.stack_info:
            record.stack_info = self(record.stack_info)


def install(secrets: Iterable[str]) -> None:
    """Mask `secrets` in every log record made from now on."""
    redact = Redactor(secrets)
    if not redact.secrets:
        return
    make_record = logging.getLogRecordFactory()

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redact.record(record)
        return record

    logging.setLogRecordFactory(masked_record)
