"""The December monitoring on each platform, on the scheduler's clock: a lead time before the
deadline the mentee and the mentor are invited, the mentee answers, the reminder reaches only
the mentor, the run closes at 23:59 on 20 December and in the morning the curator gets the
notice with the monitoring report (a workbook that opens, then its charts)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from tests.e2e import programme_steps as steps
from tests.e2e.harness import Harness

MENTEE_SURVEY = "Мониторинг наставничества — наставляемый"
MENTOR_SURVEY = "Мониторинг наставничества — наставник"
SELF_ASSESSMENT = "Самооценка наставника"


async def test_monitoring_invites_reminds_closes_and_reports(
    harness: Harness, platform: str
) -> None:
    pair = await steps.accepted_pair(harness, platform)
    for chat in (pair.curator, pair.mentor, pair.mentee):
        chat.unread()  # what came before

    harness.clock.now = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)  # a day short of the lead
    await harness.scheduler_jobs()
    assert pair.mentee.unread() == []
    harness.clock.now = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)  # 09:00 in Moscow, 14 days
    await harness.scheduler_jobs()
    invitation = await pair.mentee.expect(MENTEE_SURVEY)
    assert "до вс, 20 декабря, 23:59" in invitation.text and "Начать опрос" in invitation.buttons
    mentor_invitations = [(await pair.mentor.expect("Ответьте")).text for _ in range(2)]
    assert any(MENTOR_SURVEY in text for text in mentor_invitations)
    assert any(SELF_ASSESSMENT in text for text in mentor_invitations)
    await harness.scheduler_jobs()  # a later tick sends nothing twice
    assert pair.mentee.unread() == pair.mentor.unread() == pair.curator.unread() == []

    await pair.mentee.click("Начать опрос", "вопрос 1 из 5")
    await pair.mentee.click("4", "Как часто вы встречаетесь")
    await pair.mentee.click("Раз в неделю и чаще", "Что вам дало наставничество?")
    await pair.mentee.click("Уверенность в себе", "Что вам дало наставничество?")
    await pair.mentee.click("Готово", "посоветуете наставничество")
    await pair.mentee.click("6–10 →", "посоветуете наставничество")
    await pair.mentee.click("9", "вопрос 5 из 5")
    await pair.mentee.click("Пропустить", "Спасибо! Ответы записаны.")

    harness.clock.now = datetime(2026, 12, 13, 7, 0, tzinfo=UTC)  # 10:00, a week before
    await harness.scheduler_jobs()
    reminders = [(await pair.mentor.expect("Напоминаем об опросе")).text for _ in range(2)]
    assert any(MENTOR_SURVEY in text for text in reminders)
    assert pair.mentee.unread() == []  # answered: no reminder

    harness.clock.now = datetime(2026, 12, 20, 20, 59, tzinfo=UTC)  # 23:59 on 20 December
    await harness.scheduler_jobs()
    assert pair.curator.unread() == []  # night in Moscow: the report waits for morning
    await pair.mentor.click("Начать опрос", "Опрос уже закрыт")
    harness.clock.now = datetime(2026, 12, 21, 6, 0, tzinfo=UTC)
    await harness.scheduler_jobs()
    notice = await pair.curator.expect("Мониторинг закрыт")
    assert f"{MENTEE_SURVEY}: 1 из 1" in notice.text
    assert f"{MENTOR_SURVEY}: 0 из 1" in notice.text
    assert notice.document_name == "report-monitoring-20261206-20261220.xlsx"
    assert notice.document_bytes is not None
    book = load_workbook(io.BytesIO(notice.document_bytes), read_only=True)
    surveys = list(book["Опросы"].iter_rows(values_only=True))
    assert len(surveys) == 4  # the header and the three runs of the monitoring
    chart = await pair.curator.expect("График к отчёту «Мониторинг»")
    assert chart.photo and chart.document_bytes is not None
    assert chart.document_bytes.startswith(b"\x89PNG")
    while pair.curator.unread():
        chart = await pair.curator.expect("График")
    assert "Отчёты" in chart.buttons and "Помощь" in chart.buttons
    assert pair.mentor.unread() == pair.mentee.unread() == []  # nothing after the close
