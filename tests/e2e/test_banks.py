"""/banks: a curator browses the banks of mentors and mentees; nobody else can, even by forging."""

from __future__ import annotations

from sqlalchemy import select

from bot.admin import change_role
from bot.core.models import (
    MemberRole,
    Person,
    PersonRole,
    PersonStatus,
    Profile,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
    Role,
)
from tests.e2e.harness import Chat, Harness, Msg
from tests.e2e.helpers import register

# Mentees put straight into the database (as if they had registered): (name, forms).
SEEDED = [
    ("Алексей Быстров", "speed"),
    ("Борис Волков", "virtual"),
    ("Вера Горина", "virtual,speed"),
    ("Галина Дронова", "goal"),
    ("Денис Ершов", "virtual"),
    ("Елена Жукова", "situational"),
    ("Жанна Зотова", "virtual"),
    ("Зоя Ильина", "speed"),
    ("Игорь Котов", "goal"),
]
MATCHED = "Борис Волков"  # in an active programme with the second mentor


async def join(
    chat: Chat, name: str, role: str, forms: tuple[str, ...], capacity: str = "2"
) -> Msg:
    """Register with the questionnaire answered; mentors give `capacity` places."""
    answers = {"competences": "Робототехника, программирование на Python", "capacity": capacity}
    msg = await register(chat, name=name, role=role, answers=answers, forms=forms)
    assert "вы зарегистрированы" in msg.text
    return msg


async def seed(harness: Harness, mentor_name: str) -> None:
    """Nine mentees; one of them paired with the mentor, whose only place is then taken."""
    db = harness.database()
    try:
        async with db.transaction() as session:
            people = {}
            for name, forms in SEEDED:
                person = Person(name=name, locale="ru", timezone="Europe/Moscow", age_group="adult")
                person.status = PersonStatus.ACTIVE
                person.roles.append(PersonRole(role=Role.MENTEE))
                session.add(person)
                await session.flush()
                session.add(Profile(person_id=person.id, requests="Хочу научиться", forms=forms))
                people[name] = person
            mentor = (
                await session.execute(select(Person).where(Person.name == mentor_name))
            ).scalar_one()
            programme = Programme(
                mentor_id=mentor.id,
                form="speed",
                pair_type="other",
                term=3,
                term_unit="months",
                goals="Олимпиада",
                status=ProgrammeStatus.ACTIVE,
                agreement_version="test",
            )
            session.add(programme)
            await session.flush()
            session.add_all(
                [
                    ProgrammeMember(
                        programme_id=programme.id, person_id=mentor.id, role=MemberRole.MENTOR
                    ),
                    ProgrammeMember(
                        programme_id=programme.id,
                        person_id=people[MATCHED].id,
                        role=MemberRole.MENTEE,
                    ),
                ]
            )
    finally:
        await db.close()


def names(msg: Msg) -> list[str]:
    """The person buttons of a list page."""
    return [
        label
        for label, payload in zip(msg.buttons, msg.payloads, strict=True)
        if payload.startswith("bank-card:")
    ]


async def tap(chat: Chat, msg: Msg, label: str, contains: str | None = None) -> Msg:
    """Press a button of an earlier message (the filters sit above their list)."""
    chat.user.press(label, msg.raw)
    return await chat.expect(contains)


async def make_curator(harness: Harness, chat: Chat) -> None:
    prefix = "tg" if chat.platform == "telegram" else "vk"
    address = f"{prefix}:{chat.user_id}"
    ok, message = await change_role(harness.settings, "grant", "curator", address, harness.clock)
    assert ok, message
    await harness.dispatch_due()
    await chat.expect("Вам дана роль куратора")


async def test_curator_browses_the_banks(harness: Harness, platform: str) -> None:
    curator = harness.chat(platform, 7001)
    await join(curator, "Ольга Кураторова", "Наставляемым", ("Реверсивная",))
    await make_curator(harness, curator)
    await join(harness.chat(platform, 7002), "Иван Петров", "Наставником", ("Виртуальная",))
    await join(harness.chat(platform, 7003), "Мария Смирнова", "Наставником", ("Скоростная",), "1")
    await seed(harness, "Мария Смирнова")

    home = await curator.say("/banks", "Банки наставников и наставляемых")
    assert "Наставников: 2, из них со свободными местами: 1" in home.text
    assert "Наставляемых: 10, из них без пары: 9" in home.text

    # Mentors: the filters, then the list with free places on each button.
    filters = await curator.click("Наставники", "Сейчас показаны все")
    mentors = await curator.expect("Банк наставников")
    assert names(mentors) == ["Иван Петров — свободно 2 из 2", "Мария Смирнова — свободно 0 из 1"]
    assert "Дальше →" not in mentors.buttons
    filters = await tap(curator, filters, "Только со свободными местами", "Фильтры: есть свободные")
    assert "✓ Только со свободными местами" in filters.buttons
    free = await curator.expect("Банк наставников")
    assert names(free) == ["Иван Петров — свободно 2 из 2"]

    # A card, and back to the same filtered list.
    card = await curator.click("Иван Петров — свободно 2 из 2", "Иван Петров")
    assert "наставник" in card.text
    assert "18 лет и старше" in card.text
    assert "Компетенции: Робототехника, программирование на Python" in card.text
    assert "Формы наставничества: Виртуальная" in card.text
    assert "Места: занято 0 из 2, свободно 2" in card.text
    assert "Текущих программ: 0" in card.text
    back = await curator.click("← К списку", "есть свободные места")
    assert names(back) == ["Иван Петров — свободно 2 из 2"]

    # The busy mentor's card counts the programme.
    filters = await tap(curator, filters, "✓ Только со свободными местами", "показаны все")
    await curator.expect("Банк наставников")
    card = await curator.click("Мария Смирнова — свободно 0 из 1", "занято 1 из 1")
    assert "Текущих программ: 1" in card.text

    # Nobody matches: said so, with a way back.
    chooser = await tap(curator, filters, "Форма: любая", "Выберите форму наставничества")
    assert len(chooser.buttons) == 7  # five forms, «all forms», back
    filters = await tap(curator, chooser, "← К фильтрам", "Сейчас показаны все")
    chooser = await tap(curator, filters, "Форма: любая", "Выберите форму наставничества")
    filters = await tap(curator, chooser, "Реверсивная", "Фильтры: форма «Реверсивная»")
    empty = await curator.expect("никого не нашлось")
    assert empty.buttons == ["Сбросить фильтры", "К банкам"]
    await curator.click("К банкам", "Банки наставников и наставляемых")

    # Mentees: 10 people over two pages, by name.
    by_name = sorted([name for name, _ in SEEDED] + ["Ольга Кураторова"])
    filters = await curator.click("Наставляемые", "Сейчас показаны все")
    assert "Только со свободными местами" not in filters.buttons
    first = await curator.expect("Страница 1 из 2")
    assert names(first) == by_name[:8]
    assert "← Назад" not in first.buttons
    second = await curator.click("Дальше →", "Страница 2 из 2")
    assert names(second) == by_name[8:]
    assert "Дальше →" not in second.buttons
    again = await curator.click("← Назад", "Страница 1 из 2")
    assert names(again) == by_name[:8]

    # Filters: by form, then only those without a pair.
    chooser = await tap(curator, filters, "Форма: любая", "Выберите форму")
    filters = await tap(curator, chooser, "Скоростная", "Фильтры: форма «Скоростная»")
    assert "Форма: Скоростная" in filters.buttons
    speed = await curator.expect("Найдено: 3")
    assert names(speed) == ["Алексей Быстров", "Вера Горина", "Зоя Ильина"]
    chooser = await tap(curator, filters, "Форма: Скоростная", "Выберите форму")
    assert "✓ Скоростная" in chooser.buttons
    filters = await tap(curator, chooser, "Все формы", "Сейчас показаны все")
    await curator.expect("Найдено: 10")
    await tap(curator, filters, "Только без пары", "Фильтры: без пары")
    unmatched = await curator.expect("Найдено: 9")
    assert MATCHED not in names(unmatched)

    # A mentee's card.
    card = await curator.click("Вера Горина", "Вера Горина")
    assert "наставляемый" in card.text
    assert "Запрос: Хочу научиться" in card.text
    assert "Формы наставничества: Виртуальная, Скоростная" in card.text
    assert "Места" not in card.text


async def test_banks_refuse_everyone_but_curators(harness: Harness, platform: str) -> None:
    mentee = harness.chat(platform, 7101)
    await join(mentee, "Пётр Сидоров", "Наставляемым", ("Виртуальная",))
    await mentee.say("/banks", "только куратору")
    mentee.press_payload("menu:banks")
    await mentee.expect("только куратору")
    for forged in (
        "bank",
        "bank-list:list:mentee::n:n:0",
        "bank-card:1:mentee::n:n:0",
        "bank-list:forms:mentor::n:n:0",
    ):
        mentee.press_payload(forged)
        msg = await mentee.expect("только куратору")
        assert "Пётр Сидоров" not in msg.text
    stranger = harness.chat(platform, 7102)
    stranger.press_payload("bank-card:1:mentee::n:n:0")
    await stranger.expect("только куратору")

    # A curator's forged or stale buttons are checked too.
    await make_curator(harness, mentee)
    mentee.press_payload("bank-card:999:mentee::n:n:0")
    missing = await mentee.expect("больше нет в банке")
    assert "← К списку" in missing.buttons
    mentee.press_payload("bank-card:1:mentor::n:n:0")  # a mentee is not in the bank of mentors
    await mentee.expect("больше нет в банке")
    forgeries = (
        "bank-list:list:mentee::y:n:0",  # only mentors are filtered by free places
        "bank-list:list:teacher::n:n:0",
        "bank-list:list:mentor:magic:n:n:0",
        "bank-list:list:mentor::n:n:²",
        "bank-card:¹:mentee::n:n:0",
        "bank-list:open:mentee::n:n:0:extra",
        "bank-list:zz",
        "bank-card",
        "bk:h",
    )
    for forged in forgeries:
        mentee.press_payload(forged)
        await mentee.expect("больше не действует")
    await mentee.say("/help", "Что я умею")
    await mentee.click("Банки", "Наставляемых: 1")
    mentee.press_payload("bank-list:list:mentee::n:n:99")  # past the end: the last page
    last = await mentee.expect("Страница 1 из 1")
    assert names(last) == ["Пётр Сидоров"]
