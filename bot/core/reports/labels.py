"""The words of a report in one language: locale keys, survey texts, dates and answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core import dates, texts
from bot.core.services.survey_figures import IndividualAnswer, Texts

FALLBACK = "ru"  # the survey files' first language


@dataclass(frozen=True)
class Labels:
    """Plain-text labels in `locale`; moments on the clock of `zone`."""

    locale: str
    zone: str

    def __call__(self, key: str, **params: object) -> str:
        """A locale string as plain text."""
        return texts.plain(texts.t(key, self.locale, **params))

    def pick(self, text: Texts) -> str:
        """A survey text in this language, else Russian, else any."""
        return text.get(self.locale) or text.get(FALLBACK) or next(iter(text.values()), "")

    def local(self, moment: datetime) -> datetime:
        """A moment on the organisation's clock, without a zone (as spreadsheets keep it)."""
        return moment.astimezone(ZoneInfo(self.zone)).replace(tzinfo=None)

    def month(self, year: int, month: int) -> str:
        """«сентябрь 2026», «September 2026»."""
        names = dates.RU_MONTHS_NOMINATIVE if self.locale == "ru" else dates.EN_MONTHS
        return f"{names[month - 1]} {year}"

    def answer(self, answer: IndividualAnswer) -> str | int:
        """An answer as a person would read it: the number, the options' texts, the text."""
        value = answer.value
        if value is None:
            return self("answer-skipped")
        if answer.kind == "scale":
            return int(value)
        if answer.kind in ("single", "multi"):
            keys = value if isinstance(value, list) else [value]
            return "; ".join(self.pick(answer.options.get(k, {"": k})) for k in keys)
        return str(value)
