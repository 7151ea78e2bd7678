"""Console adapter: chat with the bot in a terminal as a chosen user, no token needed.

Buttons are shown as numbered choices (type the number), files are saved to a folder,
`:file PATH [caption]` sends a file, and `:user N` switches to another person (to try the
parent's side, say). Each person keeps their own messages and buttons: what reaches someone else
is announced in one line and shown, with its numbered buttons, when you switch to them. The
console's own lines are in the language of the person at the keyboard. Same core, same database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import mimetypes
import shlex
import sys
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future, InvalidStateError
from pathlib import Path
from typing import TextIO

from bot.core import texts
from bot.core.conversation import Attachment, Button, Incoming, Reply
from bot.platforms import rendering
from bot.platforms.base import Handle

LocaleOf = Callable[[str], Awaitable[str]]  # a console user's language, as the core knows it


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
        locale_of: LocaleOf | None = None,
    ) -> None:
        self.handle = handle
        self.locale_of = locale_of
        self.user = user
        self.files_dir = files_dir
        self.locale = locale
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        # each person's pressable buttons, kept for the next run of the console
        self.buttons_file = files_dir.parent / "console-buttons.json"
        self.choices_of: dict[str, list[Button]] = self._load_buttons()
        self.unseen: dict[str, list[Reply]] = {}  # messages to people you are not right now

    @property
    def choices(self) -> list[Button]:
        """The current person's numbered buttons."""
        return self.choices_of.get(self.user, [])

    def _load_buttons(self) -> dict[str, list[Button]]:
        """The buttons each person could press when the console last ran (none if unreadable)."""
        try:
            saved = json.loads(self.buttons_file.read_text(encoding="utf-8"))
            return {user: [Button(*button) for button in row] for user, row in saved.items()}
        except (OSError, ValueError, TypeError):
            return {}

    def _save_buttons(self) -> None:
        saved = {
            user: [[b.label, b.payload] for b in buttons]
            for user, buttons in self.choices_of.items()
        }
        self.buttons_file.parent.mkdir(parents=True, exist_ok=True)
        self.buttons_file.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")

    def _print(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _say(self, key: str, **params: str) -> None:
        """A line of the console's own, from the locale, as plain text."""
        self._print(texts.plain(texts.t(key, self.locale, **params)))

    async def _learn_locale(self) -> None:
        """Speak the current person's language from now on."""
        if self.locale_of is not None:
            self.locale = await self.locale_of(self.user)

    async def run(self) -> None:
        """Chat until end of input or `:quit`."""
        await self._learn_locale()
        self._say("console-banner", user=self.user)
        if self.choices:  # the last message's buttons, still pressable after a restart
            self._say("console-last-buttons")
            self._show_choices(1)
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
                await self._switch(text.removeprefix(":user").strip())
                continue
            incoming = self._file(text) if text.startswith(":file") else self._incoming(text)
            if incoming is None:
                continue
            replies = await self.handle(incoming)
            await self._learn_locale()  # /language may have changed it
            await self.send(self.user, replies)

    async def _switch(self, user: str) -> None:
        if not user.isdigit():
            self._say("console-user-hint")
            return
        self.user = user
        await self._learn_locale()
        self._say("console-user", user=user)
        unseen = self.unseen.pop(user, [])
        if unseen:
            self._say("console-unseen", count=str(len(unseen)))
            self._show(user, unseen, numbered_from=1)
        elif self.choices:
            self._show_choices(1)

    def _incoming(self, text: str) -> Incoming:
        if text.isdigit() and 1 <= int(text) <= len(self.choices):
            payload = self.choices[int(text) - 1].payload
            return Incoming(self.name, self.user, payload=payload, message=text)
        if text.startswith("'"):  # a number meant as text, not as a button
            text = text[1:]
        return Incoming(self.name, self.user, text=text)

    def _file(self, text: str) -> Incoming | None:
        """`:file PATH [caption]`: the file as an attachment (read only if the flow takes it);
        None, after a hint, when there is no such file."""
        try:
            words = shlex.split(text.removeprefix(":file"))
        except ValueError:
            words = []
        path = Path(words[0]).expanduser() if words else None
        if path is None or not path.is_file():
            self._say("console-file-hint")
            return None

        async def fetch(limit: int) -> bytes:
            with path.open("rb") as stream:
                return stream.read(limit + 1)

        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        attachment = Attachment(path.name, mime, path.stat().st_size, fetch=fetch)
        caption = " ".join(words[1:]) or None
        return Incoming(self.name, self.user, text=caption, attachments=(attachment,))

    async def send(
        self,
        external_id: str,
        replies: Sequence[Reply],
        in_place_of: str | None = None,
        dedup_key: str | None = None,
    ) -> None:
        """Print replies to the current person; keep those to anyone else for when you switch to
        them. The buttons of a whole answer become that person's numbered choices (an answer
        without buttons to the person at the keyboard leaves none: a number is then text)."""
        if external_id == self.user or any(reply.buttons for reply in replies):
            self.choices_of[external_id] = []
        first = len(self.choices_of.get(external_id, [])) + 1
        for reply in replies:
            self.choices_of.setdefault(external_id, []).extend(
                button for row in reply.buttons for button in row
            )
            self._save_file(external_id, reply)
        self._save_buttons()
        if external_id == self.user:
            self._show(external_id, replies, first)
            return
        self.unseen.setdefault(external_id, []).extend(replies)
        self._say("console-to-other", user=external_id)

    async def edit(self, external_id: str, message: str, reply: Reply) -> None:
        """A terminal cannot rewrite what it printed: the message is shown again as it is now
        (`message` is the number of the choice that was pressed under it)."""
        await self.send(external_id, [reply])

    def _save_file(self, external_id: str, reply: Reply) -> None:
        if reply.file is not None:
            self.files_dir.mkdir(parents=True, exist_ok=True)
            path = self.files_dir / f"{external_id}-{reply.file.name}"
            path.write_bytes(reply.file.content)

    def _show(self, external_id: str, replies: Sequence[Reply], numbered_from: int) -> None:
        """Print replies as plain text, each with its buttons numbered on from `numbered_from`."""
        number = numbered_from
        for reply in replies:
            self._print(rendering.to_plain(reply.text))
            if reply.file is not None:
                path = self.files_dir / f"{external_id}-{reply.file.name}"
                self._say("console-file-saved", path=str(path))
            count = sum(len(row) for row in reply.buttons)
            if count:
                self._show_choices(number, number + count)
                number += count
            self._print()

    def _show_choices(self, first: int, stop: int | None = None) -> None:
        shown = self.choices[first - 1 : (stop - 1) if stop else None]
        self._print("   ".join(f"[{i}] {b.label}" for i, b in enumerate(shown, start=first)))

    async def close(self) -> None:
        """Nothing to release."""
