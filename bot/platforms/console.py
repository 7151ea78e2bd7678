"""Console adapter: chat with the bot in a terminal as a chosen user, no token needed.

Buttons are shown as numbered choices (type the number), files are saved to a folder, and
`:user N` switches to another person (to try the parent's side, say). Same core, same database.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future, InvalidStateError
from pathlib import Path
from typing import TextIO

from bot.core import texts
from bot.core.conversation import Button, Incoming, Reply
from bot.platforms import rendering
from bot.platforms.base import Handle


def read_line(stream: TextIO) -> Future[str]:
    """The next line of `stream` ('' at its end), read in a daemon thread: a chat stopped by
    Ctrl-C or SIGTERM while waiting for input exits without waiting for one more line."""
    line: Future[str] = Future()

    def read() -> None:
        with contextlib.suppress(InvalidStateError):  # nobody waits for it any more
            try:
                line.set_result(stream.readline())
            except Exception as exc:
                line.set_exception(exc)

    threading.Thread(target=read, name="console-input", daemon=True).start()
    return line


class ConsolePlatform:
    """Reads lines from stdin, prints replies to stdout."""

    name = "console"
    rate = 100.0  # notifications a second: a terminal has no limit worth the name

    def __init__(
        self,
        handle: Handle,
        user: str,
        files_dir: Path,
        locale: str,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.handle = handle
        self.user = user
        self.files_dir = files_dir
        self.locale = locale
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.choices: list[Button] = []

    def _print(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _say(self, key: str, **params: str) -> None:
        """A line of the console's own, from the locale, as plain text."""
        self._print(texts.plain(texts.t(key, self.locale, **params)))

    async def run(self) -> None:
        """Chat until end of input or `:quit`."""
        self._say("console-banner", user=self.user)
        while True:
            self.stdout.write(f"{self.user}> ")
            self.stdout.flush()
            line = await asyncio.wrap_future(read_line(self.stdin))
            if not line:
                self._print()
                return
            text = line.strip()
            if text in (":quit", ":q"):
                return
            if text.startswith(":user"):
                self._switch(text.removeprefix(":user").strip())
                continue
            incoming = self._incoming(text)
            await self.send(self.user, await self.handle(incoming))

    def _switch(self, user: str) -> None:
        if user.isdigit():
            self.user, self.choices = user, []
            self._say("console-user", user=user)
        else:
            self._say("console-user-hint")

    def _incoming(self, text: str) -> Incoming:
        if text.isdigit() and 1 <= int(text) <= len(self.choices):
            return Incoming(self.name, self.user, payload=self.choices[int(text) - 1].payload)
        if text.startswith("'"):  # a number meant as text, not as a button
            text = text[1:]
        return Incoming(self.name, self.user, text=text)

    async def send(
        self,
        external_id: str,
        replies: Sequence[Reply],
        in_place_of: str | None = None,
        dedup_key: str | None = None,
    ) -> None:
        """Print replies; the buttons of all of them become the current user's numbered choices."""
        if external_id != self.user:
            self._say("console-to-other", user=external_id)
        mine = external_id == self.user
        if mine and any(reply.buttons for reply in replies):
            self.choices = []
        for reply in replies:
            self._print(rendering.to_plain(reply.text))
            if reply.file is not None:
                self.files_dir.mkdir(parents=True, exist_ok=True)
                path = self.files_dir / f"{external_id}-{reply.file.name}"
                path.write_bytes(reply.file.content)
                self._say("console-file-saved", path=str(path))
            if reply.buttons and mine:
                first = len(self.choices) + 1
                self.choices += [button for row in reply.buttons for button in row]
                numbered = [
                    f"[{i}] {b.label}" for i, b in enumerate(self.choices[first - 1 :], start=first)
                ]
                self._print("   ".join(numbered))
            self._print()

    async def close(self) -> None:
        """Nothing to release."""
