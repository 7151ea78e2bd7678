"""The console adapter: numbered buttons across a whole answer, numbers as text, files saved."""

from __future__ import annotations

import io
from pathlib import Path

from bot.app import App
from bot.config import Settings
from bot.core.conversation import Button, File, Incoming, Reply
from bot.db import Database
from bot.platforms.console import ConsolePlatform


def console(tmp_path: Path, handled: list[Incoming], answers: list[list[Reply]]) -> ConsolePlatform:
    async def handle(incoming: Incoming) -> list[Reply]:
        handled.append(incoming)
        return answers.pop(0) if answers else []

    return ConsolePlatform(handle, "1", tmp_path / "files", "ru", io.StringIO(), io.StringIO())


async def test_buttons_of_all_replies_are_numbered_together(tmp_path: Path) -> None:
    handled: list[Incoming] = []
    platform = console(tmp_path, handled, [])
    await platform.send(
        "1",
        [
            Reply("Фильтры", [[Button("Формы", "f:1")]]),
            Reply("Список", [[Button("Анна", "p:1"), Button("Борис", "p:2")]]),
        ],
    )
    out = platform.stdout.getvalue()  # type: ignore[attr-defined]
    assert "[1] Формы" in out and "[2] Анна" in out and "[3] Борис" in out
    assert platform._incoming("3").payload == "p:2"
    assert platform._incoming("'3").text == "3"  # a number meant as text
    assert platform._incoming("7").text == "7"  # no such button: plain text


async def test_files_are_saved_and_other_users_messages_marked(tmp_path: Path) -> None:
    platform = console(tmp_path, [], [])
    await platform.send("2", [Reply("Вам файл", file=File("a.txt", b"data"))])
    assert (tmp_path / "files" / "2-a.txt").read_bytes() == b"data"
    out = platform.stdout.getvalue()  # type: ignore[attr-defined]
    assert "console:2" in out
    assert platform.choices == []  # another user's buttons are not ours to press


async def test_a_session_in_the_console(tmp_path: Path) -> None:
    handled: list[Incoming] = []
    answers = [[Reply("Согласие?", [[Button("Да", "consent:y"), Button("Нет", "consent:n")]])], []]
    platform = console(tmp_path, handled, answers)
    platform.stdin = io.StringIO("/start\n1\n:user 2\n:quit\n")
    await platform.run()
    assert [(i.external_id, i.text, i.payload) for i in handled] == [
        ("1", "/start", None),
        ("1", None, "consent:y"),
    ]
    assert platform.user == "2"


async def test_console_lines_show_values_as_typed(tmp_path: Path) -> None:
    folder = tmp_path / "R&D <files> 'x'"
    platform = ConsolePlatform(_nothing, "1", folder, "ru", io.StringIO(), io.StringIO())
    await platform.send("1", [Reply("Вам файл", file=File("a.txt", b"data"))])
    out = platform.stdout.getvalue()  # type: ignore[attr-defined]
    assert f"Файл сохранён: {folder / '1-a.txt'}" in out


async def _nothing(incoming: Incoming) -> list[Reply]:
    return []


async def test_messages_to_another_person_wait_with_their_buttons(tmp_path: Path) -> None:
    """A notice sent to the parent while you are the child: announced in one line, shown with
    its numbered buttons when you switch to the parent, and its buttons work there."""
    handled: list[Incoming] = []
    platform = console(tmp_path, handled, [])
    await platform.send("1", [Reply("Ваш код: AB12", [[Button("Помощь", "menu:help")]])])
    await platform.send("2", [Reply("Согласие родителя", [[Button("Даю", "parent:y")]])])
    out = platform.stdout.getvalue()  # type: ignore[attr-defined]
    assert "Согласие родителя" not in out and ":user 2" in out

    platform.stdin = io.StringIO(":user 2\n1\n:user 1\n1\n:quit\n")
    await platform.run()

    out = platform.stdout.getvalue()  # type: ignore[attr-defined]
    assert "Непрочитанных сообщений: 1" in out
    assert out.index("Согласие родителя") > out.index("console:2")
    assert "[1] Даю" in out
    assert [(i.external_id, i.payload) for i in handled] == [("2", "parent:y"), ("1", "menu:help")]


async def test_the_console_speaks_the_language_of_the_person_at_the_keyboard(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    """User 1 switches to English: the console's own lines for them are English; user 2, new,
    hears the default Russian."""
    app = App(settings)
    stdout = io.StringIO()
    app.add_console("1", io.StringIO("/language\n2\n:user 2\n:user 1\n:user x\n:quit\n"), stdout)
    await app.platforms["console"].run()  # type: ignore[attr-defined]
    out = stdout.getvalue()
    assert "Теперь вы пользователь console:2." in out
    assert "You are now user console:1." in out
    assert "Give a user number" in out
    assert out.index("Теперь вы") < out.index("You are now")


async def test_the_questionnaire_interrupted_in_the_console_continues(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    """/mydata in the middle of the questionnaire answers, then offers «Продолжить анкету»;
    its number asks the same question again."""
    app = App(settings)
    stdout = io.StringIO()
    typed = "/start\n1\nАнна Иванова\n3\n1\n/mydata\n2\n:quit\n"
    app.add_console("1", io.StringIO(typed), stdout)
    await app.platforms["console"].run()  # type: ignore[attr-defined]
    out = stdout.getvalue()
    offer = out.index("Не закончено: анкета")
    assert "[2] Продолжить анкету" in out[offer:]
    assert out.count("С чем вам нужна помощь наставника?") == 2
    assert out.rindex("С чем вам нужна помощь наставника?") > offer


async def test_the_last_buttons_are_pressable_after_a_restart(tmp_path: Path) -> None:
    """Quit with a question on screen, start the console again: its buttons are shown again
    and their numbers press them."""
    await console(tmp_path, [], []).send(
        "1", [Reply("Сколько вам лет?", [[Button("Младше 14", "age:1"), Button("18+", "age:3")]])]
    )
    handled: list[Incoming] = []
    again = console(tmp_path, handled, [])
    again.stdin = io.StringIO("2\n:quit\n")
    await again.run()
    out = again.stdout.getvalue()  # type: ignore[attr-defined]
    assert "Кнопки последнего сообщения:\n[1] Младше 14   [2] 18+" in out
    assert [i.payload for i in handled] == ["age:3"]


async def test_an_answer_without_buttons_leaves_none_to_press(tmp_path: Path) -> None:
    """After a question to type the answer to, «1» is the answer, not the button of the
    question before; and a restart offers no stale buttons."""
    platform = console(tmp_path, [], [])
    await platform.send("1", [Reply("Кем вы хотите быть?", [[Button("Наставляемым", "role:1")]])])
    await platform.send("1", [Reply("Сколько лет вы в профессии?")])
    assert platform._incoming("1").text == "1"
    again = console(tmp_path, [], [])
    again.stdin = io.StringIO(":quit\n")
    await again.run()
    assert "Кнопки последнего сообщения" not in again.stdout.getvalue()  # type: ignore[attr-defined]
