"""/forget on each platform: the others in a programme are told at once, the person's old buttons
change nothing, and nothing the person typed is left in the database file or its `-wal` file."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.core import texts
from bot.core.models import ProgrammeStatus
from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness
from tests.e2e.test_lifecycle import programme

WITHDRAWN = "отозвал согласие"  # from programme-ended-withdrawn (locales/ru/review.ftl)

NAME = "Zyxwvutsrq Qwertyuiop"
TYPED = {
    "requests": "Хочу разобраться в квазикристаллах",
    "interests": "ксилофонистика, бортничество",
}
END_REASON = "Уезжаю зимовать на Шпицберген"
REPLACE_REASON = "Наставник путает ксилофон с ксероксом"
SECRETS = (NAME, *TYPED.values(), END_REASON, REPLACE_REASON)


async def test_mentee_withdraws_consent_mid_programme(harness: Harness, platform: str) -> None:
    pair = await steps.accepted_pair(harness, platform)
    assert WITHDRAWN in texts.t("programme-ended-withdrawn", "ru", names="X")
    await pair.mentee.say("/forget")
    pair.mentee.press_payload("forget:y")
    await pair.mentee.expect()

    await pair.mentor.expect(WITHDRAWN)
    await pair.curator.expect(WITHDRAWN)
    assert (await programme(harness)).status == ProgrammeStatus.ENDED
    assert pair.mentee.unread() == []

    pair.mentee.press_payload("programme:1")
    refusal = await pair.mentee.expect()
    assert refusal.text == texts.plain(texts.t("refusal-stale-button", "ru"))


def _database_files(harness: Harness) -> dict[str, bytes]:
    """The raw bytes of the SQLite file and of its write-ahead log, as a disk reader sees them."""
    assert harness.settings is not None
    path = Path(str(make_url(harness.settings.database_url).database))
    found = {}
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            with open(file, "rb") as raw:
                found[file.name] = raw.read()
    return found


def _traces(value: str) -> list[bytes]:
    """The ways a typed value can sit in SQLite: as UTF-8 text, and escaped inside a JSON column."""
    return [value.encode(), json.dumps(value).strip('"').encode()]


async def test_nothing_typed_survives_in_the_database_files(
    harness: Harness, platform: str
) -> None:
    cur = await steps.curator(harness, platform, 9000)
    men = await steps.mentor(harness, platform, 9001, "Иван Наставников")
    tee = await steps.mentee(harness, platform, 9002, NAME, **TYPED)
    # A first pair, ended early by the mentee with a typed reason that names no one else.
    await steps.form_pair(cur, NAME, "Иван Наставников")
    await steps.accept(steps.Pair(cur, men, tee))
    await tee.say("/programme")
    await tee.click("Прекратить досрочно", "досрочно?")
    await tee.click("Да, прекратить", "Почему программа прекращается")
    await tee.say(END_REASON, "Программа прекращена")
    assert NAME in (await men.expect(END_REASON)).text
    assert NAME in (await cur.expect(END_REASON)).text
    # A second pair, where the mentee asks the curator for another mentor.
    await steps.form_pair(cur, NAME, "Иван Наставников")
    await steps.accept(steps.Pair(cur, men, tee))
    choice = await tee.say("/programme", "несколько программ")
    await tee.click(next(b for b in choice.buttons if b.endswith("№2")), "Программа №2")
    await tee.click("Попросить другого наставника", "Почему вам нужен другой наставник")
    await tee.say(REPLACE_REASON, "отправлена куратору")
    request = await cur.expect("просит заменить наставника")
    assert NAME in request.text and REPLACE_REASON in request.text
    before = b"".join(_database_files(harness).values())
    assert all(any(t in before for t in _traces(s)) for s in SECRETS)  # the check can see them

    await tee.say("/forget")
    await tee.click("Да, удалить", "персональные данные удалены")
    await men.expect(WITHDRAWN)
    await cur.expect(WITHDRAWN)

    left = [
        (secret, name)
        for name, content in _database_files(harness).items()
        for secret in SECRETS
        if any(trace in content for trace in _traces(secret))
    ]
    assert left == [], left
