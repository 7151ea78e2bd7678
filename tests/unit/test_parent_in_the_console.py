"""The minors' main path in the console: the child registers, the parent consents, the child
is invited to the questionnaire only then, and the parent withdraws from their own account."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.core.models import Person
from bot.db import Database
from tests.fakes.clock import FakeClock

Line = str | Callable[[str], str]


class Script(io.StringIO):
    """Standard input that types each line only when the console asks for it, so a line may
    depend on what the bot has said so far (a code it gave)."""

    def __init__(self, lines: list[Line], screen: io.StringIO) -> None:
        super().__init__()
        self.lines, self.screen = lines, screen

    def readline(self, size: int | None = -1) -> str:
        if not self.lines:
            return ""
        line = self.lines.pop(0)
        return (line if isinstance(line, str) else line(self.screen.getvalue())) + "\n"


def parent_command(screen: str) -> str:
    codes = re.findall(r"/parent ([A-Z2-9]{4}-[A-Z2-9]{4})", screen)
    return f"/parent {codes[-1]}"


async def test_minor_parent_and_withdrawal_in_the_console(
    settings: Settings, clock: FakeClock, db: Database, tmp_path: Path
) -> None:
    screen = io.StringIO()
    lines: list[Line] = [
        *("/start", "1", "Миша Котов", "2"),  # consent, name, 14–17
        "/profile",
        ":user 2",
        parent_command,
        *("1", "Котова Ирина Петровна"),  # the parent consents and signs
        ":user 1",
        *("/start", "1"),  # the role (mentee) and the questionnaire, now
        ":user 2",
        *("/mydata", "/forget", "1", "1"),  # for my child: Миша Котов; yes
        ":quit",
    ]
    app = App(settings, clock=clock)
    app.add_console("1", Script(lines, screen), screen)
    await app.platforms["console"].run()
    await app.dispatcher.drain()

    out = screen.getvalue()
    consented = out.index("может продолжить регистрацию")
    assert out.index("станет доступна, когда родитель") < consented  # /profile waited
    assert "Кем вы хотите быть" not in out[:consented]
    assert "Несколько вопросов для анкеты" not in out[:consented]
    assert "Несколько вопросов для анкеты" in out[consented:]
    assert "Согласия, которые вы дали" in out and "ребёнок: Миша Котов" in out
    assert "Согласие, данное за ребёнка (Миша Котов), отозвано" in out
    async with db.transaction() as session:
        assert (await session.execute(select(Person.name))).scalars().all() == [None]
