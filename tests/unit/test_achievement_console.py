"""The achievement wizard in the console: every step with its buttons, wrong answers refused
and asked again, the curator's /stats, /pending and verdict, the mentee's card afterwards;
a rejection edited with every answer kept but the proof; a mentor adding for a mentee."""

from __future__ import annotations

import json

from bot.core.conversation import Attachment
from bot.core.engine import Core
from bot.core.models import Achievement, AchievementStatus, Role, StoredFile
from bot.db import Database
from tests.fakes.clock import FakeClock
from tests.unit.test_ask import deliver, files, photo, send_file
from tests.unit.test_flows import joined, payloads
from tests.unit.test_programme_edge_cases import core, grant, person_id, programme_setup, rows

__all__ = ["core"]

WORD = Attachment("diploma.docx", "application/msword", content=b"PK word")


async def test_a_mentee_adds_one_and_the_curator_verifies_it(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    pupil, boss = setup.mentees[0], setup.curator
    listing = await pupil.send("/achievements")
    assert "Здесь пока пусто" in joined(listing)
    assert "ach-new" in payloads(listing)
    assert "/cancel" in joined(await pupil.press("ach-new"))
    assert "Ещё" not in joined(await pupil.send("Х"))  # too short: asked again
    kinds = await pupil.send("Олимпиада НТИ <робототехника>")
    assert payloads(kinds)[:6] == [
        "ach-kind:olympiad",
        "ach-kind:hackathon",
        "ach-kind:project_school",
        "ach-kind:competition",
        "ach-kind:online_course",
        "ach-kind:conference",
    ]
    assert payloads(kinds)[6] == "ach-kind:other"
    levels = await pupil.press("ach-kind:olympiad")
    assert "Всероссийский" in [b.label for r in levels[0].buttons for b in r]
    assert "ach-result:winner" in payloads(await pupil.press("ach-level:national"))
    assert "дату" in joined(await pupil.press("ach-result:prize_winner"))
    assert "ещё не наступила" in joined(await pupil.send("через неделю"))
    assert "подтверждение" in joined(await pupil.send("20.11.2026"))
    refused = await send_file(pupil, WORD)
    assert "пришлите фото или PDF" in joined(refused)
    assert await rows(db, StoredFile) == []
    summary = await send_file(pupil, photo(b"\xff\xd8 diploma"))
    text = joined(summary)
    assert "Олимпиада НТИ &lt;робототехника&gt;" in text
    assert "Всероссийский" in text and "Призёр" in text and "20 ноября 2026" in text
    assert payloads(summary) == ["ach-send:y", "ach-send:n"]
    assert "отправлено куратору" in joined(await pupil.press("ach-send:y"))
    (found,) = await rows(db, Achievement)

    notice = (await deliver(db, clock)).take("1")
    assert "Новое достижение на проверку" in joined(notice)
    assert [f.content for f in files(notice)] == [b"\xff\xd8 diploma"]
    assert payloads(notice[-1:]) == [f"ach-verdict:{found.id}:y", f"ach-verdict:{found.id}:n"]
    stats = await boss.send("/stats")
    assert "Достижения на проверку (1)" in [b.label for r in stats[0].buttons for b in r]
    pending = await boss.send("/pending")
    assert f"ach-verdict:{found.id}:y" in payloads(pending)

    assert "подтверждено" in joined(await boss.press(f"ach-verdict:{found.id}:y"))
    told = (await deliver(db, clock)).take("3")
    assert "Куратор подтвердил достижение" in joined(told)
    shown = await pupil.press(f"ach:{found.id}")
    assert "подтверждено куратором" in joined(shown)
    assert f"ach-edit:{found.id}" not in payloads(shown)
    assert f"ach-withdraw:{found.id}" in payloads(shown)
    assert "изменить его нельзя" in joined(await pupil.press(f"ach-edit:{found.id}"))
    again = await boss.press(f"ach-verdict:{found.id}:n")
    assert "уже проверено" in joined(again)
    mydata = await pupil.send("/mydata")
    assert "Олимпиада НТИ &lt;робототехника&gt;, 2026-11-20: подтверждено куратором" in joined(
        mydata
    )
    exported = json.loads(next(f for f in files(mydata) if f.name.endswith(".json")).content)
    assert exported["achievements"][0]["file"]["type"] == "image/jpeg"


async def test_a_rejection_is_edited_and_sent_again_and_a_mentor_adds_for_a_mentee(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db)
    pupil, boss, guide = setup.mentees[0], setup.curator, setup.mentor
    choose = await guide.send("/achievements")
    mentor_id = await person_id(db, "2")
    assert payloads(choose) == ["ach-new::y", f"portfolio:{mentor_id}", "menu:help"]
    mentee_id = await person_id(db, "3")
    assert payloads(await guide.press("ach-new::y"))[0] == f"ach-new:{mentee_id}"
    await guide.press(f"ach-new:{mentee_id}")
    await guide.send("Хакатон «Цифровой прорыв»")
    await guide.press("ach-kind:hackathon")
    await guide.press("ach-level:regional")
    await guide.press("ach-result:participant")
    await guide.send("01.11.2026")
    assert "ещё раз" not in joined(await guide.send("ftp://nope"))
    summary = await guide.send("https://hack.example/certificates/77")
    assert "https://hack.example/certificates/77" in joined(summary)
    await guide.press("ach-send:y")
    (found,) = await rows(db, Achievement)
    assert (found.person_id, found.added_by_id) == (mentee_id, await person_id(db, "2"))

    await deliver(db, clock)
    await boss.press(f"ach-verdict:{found.id}:n")
    await boss.send("Сертификат выдан на другую фамилию")
    delivered = await deliver(db, clock)
    for user in ("2", "3"):
        told = delivered.take(user)
        assert "Сертификат выдан на другую фамилию" in joined(told)
        assert f"ach-edit:{found.id}" in payloads(told)

    for user in (pupil, guide):  # the rejection waits in /pending until edited
        waiting = await user.send("/pending")
        assert "Сертификат выдан на другую фамилию" in joined(waiting)
        assert f"ach-edit:{found.id}" in payloads(waiting)
    await pupil.press(f"ach-edit:{found.id}")
    for _ in range(5):  # title, kind, level, result and date kept as they were
        await pupil.press("ach-keep")
    summary = await send_file(pupil, photo(b"\xff\xd8 right name"))
    assert "Хакатон «Цифровой прорыв»" in joined(summary)
    await pupil.press("ach-send:y")
    (again,) = await rows(db, Achievement)
    assert (again.status, again.reason, again.proof_url) == (AchievementStatus.PENDING, None, None)
    assert [f.content for f in await rows(db, StoredFile)] == [b"\xff\xd8 right name"]
    assert "Новое достижение" in joined((await deliver(db, clock)).take("1"))
    assert "ach-edit" not in " ".join(payloads(await pupil.send("/pending")))


async def test_a_curator_typing_a_reason_after_another_decided_is_told_and_let_go(
    core: Core, db: Database, clock: FakeClock
) -> None:
    setup = await programme_setup(core, db, mentees=2)
    await grant(db, "4", Role.CURATOR)
    pupil, first, second = setup.mentees[0], setup.curator, setup.mentees[1]
    await pupil.press("ach-new")
    await pupil.send("Конкурс чтецов")
    await pupil.press("ach-kind:competition")
    await pupil.press("ach-level:school")
    await pupil.press("ach-result:winner")
    await pupil.send("10.11.2026")
    await pupil.send("https://school.example/winners")
    await pupil.press("ach-send:y")
    (found,) = await rows(db, Achievement)
    assert "Почему" in joined(await first.press(f"ach-verdict:{found.id}:n"))
    await second.press(f"ach-verdict:{found.id}:y")
    late = await first.send("Не видно фамилии")
    assert "уже проверено другим куратором" in joined(late)
    assert "Не понял" in joined(await first.send("Не видно фамилии"))  # the question is over
    (kept,) = await rows(db, Achievement)
    assert (kept.status, kept.reason) == (AchievementStatus.VERIFIED, None)


async def test_a_command_in_the_middle_keeps_the_answers_to_continue(
    core: Core, db: Database
) -> None:
    setup = await programme_setup(core, db)
    pupil = setup.mentees[0]
    await pupil.press("ach-new")
    await pupil.send("Онлайн-курс по Python")
    await pupil.press("ach-kind:online_course")
    paused = await pupil.send("/programme")
    assert "Не закончено: добавление достижения" in joined(paused)
    assert "Продолжить добавление достижения" in [b.label for r in paused[-1].buttons for b in r]
    assert "Какой уровень" in joined(await pupil.press("wizard:achievement:n"))
