"""Settings from the environment and `.env`: the names here are a contract."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

SUPPORTED_LOCALES = ("ru", "en")
DEFAULT_DATA_DIR = Path("data")


def _day_of_year(text: str) -> tuple[int, int]:
    """`MM-DD` as (month, day), a day every year has; ValueError otherwise."""
    try:
        month, day = (int(part) for part in text.strip().split("-"))
        date(2025, month, day)  # not a leap year: 02-29 is refused
    except ValueError:
        raise ValueError(f"expected a day of the year as MM-DD, got {text!r}") from None
    return month, day


def _clock(text: str) -> time:
    """`HH:MM` as a time; ValueError otherwise."""
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"expected a time as HH:MM, got {text!r}") from None


class Settings(BaseSettings):
    """Every setting the bot reads; see `.env.example` for what each one means."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base: str = Field(default="https://api.telegram.org", alias="TELEGRAM_API_BASE")
    vk_group_token: str | None = Field(default=None, alias="VK_GROUP_TOKEN")
    vk_group_id: int | None = Field(default=None, alias="VK_GROUP_ID")
    vk_api_base: str = Field(default="https://api.vk.ru/method/", alias="VK_API_BASE")
    database_url: str = Field(default="", alias="DATABASE_URL")  # empty: a file in DATA_DIR
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, alias="DATA_DIR")
    default_locale: str = Field(default="ru", alias="DEFAULT_LOCALE")
    default_timezone: str = Field(default="Europe/Moscow", alias="DEFAULT_TIMEZONE")
    scheduler_tick_seconds: float = Field(default=5.0, gt=0, alias="SCHEDULER_TICK_SECONDS")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    quiet_hours: str = Field(default="22:00-08:00", alias="QUIET_HOURS")
    reminder_time: str = Field(default="10:00", alias="REMINDER_TIME")
    overdue_alert_days: int = Field(default=3, ge=1, le=60, alias="OVERDUE_ALERT_DAYS")
    org_data_file: Path | None = Field(default=None, alias="ORG_DATA_FILE")  # None: shipped one
    org_name: str = Field(default="", max_length=300, alias="ORG_NAME")
    director_name: str = Field(default="", max_length=100, alias="DIRECTOR_NAME")
    curator_name: str = Field(default="", max_length=100, alias="CURATOR_NAME")
    parent_code_days: int = Field(default=14, ge=1, le=90, alias="PARENT_CODE_DAYS")
    max_upload_mb: int = Field(default=20, ge=1, le=2000, alias="MAX_UPLOAD_MB")
    help_answer_hours: int = Field(default=24, ge=1, le=720, alias="HELP_ANSWER_HOURS")
    surveys_dir: Path | None = Field(default=None, alias="SURVEYS_DIR")  # None: shipped only
    footprint_points_file: Path | None = Field(default=None, alias="FOOTPRINT_POINTS_FILE")
    feedback_days: int = Field(default=7, ge=1, le=60, alias="FEEDBACK_DAYS")
    monitoring_deadlines: str = Field(default="12-20,05-20", alias="MONITORING_DEADLINES")
    monitoring_lead_days: int = Field(default=14, ge=1, le=90, alias="MONITORING_LEAD_DAYS")
    monitoring_reminder_days: str = Field(default="7,2", alias="MONITORING_REMINDER_DAYS")
    annual_report_reminder: str = Field(default="12-23", alias="ANNUAL_REPORT_REMINDER")
    broadcast_telegram_rate: float = Field(
        default=30.0, gt=0, le=30, alias="BROADCAST_TELEGRAM_RATE"
    )
    broadcast_vk_rate: float = Field(default=20.0, gt=0, le=20, alias="BROADCAST_VK_RATE")
    broadcast_progress_seconds: int = Field(
        default=5, ge=1, le=300, alias="BROADCAST_PROGRESS_SECONDS"
    )
    vk_user_token: str | None = Field(default=None, alias="VK_USER_TOKEN")  # posts to the wall
    telegram_channel_id: str | None = Field(default=None, alias="TELEGRAM_CHANNEL_ID")
    press_release_days: int = Field(default=4, ge=3, le=5, alias="PRESS_RELEASE_DAYS")
    digest_weekday: int = Field(default=1, ge=1, le=7, alias="DIGEST_WEEKDAY")  # 1: Monday
    digest_time: str = Field(default="10:00", alias="DIGEST_TIME")

    @field_validator("surveys_dir", "footprint_points_file", mode="before")
    @classmethod
    def _blank_folder_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(
        "telegram_bot_token", "vk_group_token", "vk_user_token", "telegram_channel_id",
        mode="before",
    )  # fmt: skip
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("vk_group_id", mode="before")
    @classmethod
    def _blank_id_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: str | None) -> str | None:
        if value is not None and ":" not in value:
            raise ValueError("expected the form 123456:ABC… given by @BotFather")
        return value

    @field_validator("telegram_channel_id")
    @classmethod
    def _channel_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"@[A-Za-z]\w{3,}|-100\d+", value.strip()):
            raise ValueError("expected the channel's @username or its id, -100…")
        return value.strip() if value else value

    @field_validator("telegram_api_base", "vk_api_base")
    @classmethod
    def _url_shape(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"must be one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone (use an IANA name such as Europe/Moscow)") from None
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("quiet_hours")
    @classmethod
    def _window_shape(cls, value: str) -> str:
        start, sep, end = value.partition("-")
        if not sep:
            raise ValueError("expected HH:MM-HH:MM, e.g. 22:00-08:00")
        _clock(start), _clock(end)
        return value

    @field_validator("org_data_file", mode="before")
    @classmethod
    def _org_data_checked(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if value is not None:
            from bot.core.organisation import load  # the data's schema is checked at start-up

            load(Path(str(value)))
        return value

    @field_validator("monitoring_deadlines")
    @classmethod
    def _deadlines_shape(cls, value: str) -> str:
        days = [_day_of_year(part) for part in value.split(",") if part.strip()]
        if not days:
            raise ValueError("expected one or more days as MM-DD, e.g. 12-20,05-20")
        return value

    @field_validator("annual_report_reminder")
    @classmethod
    def _reminder_day_shape(cls, value: str) -> str:
        _day_of_year(value)
        return value

    @field_validator("monitoring_reminder_days")
    @classmethod
    def _reminder_days_shape(cls, value: str) -> str:
        try:
            days = [int(part) for part in value.split(",") if part.strip()]
        except ValueError:
            raise ValueError("expected whole days before the deadline, e.g. 7,2") from None
        if any(day < 0 or day > 90 for day in days):
            raise ValueError("each reminder is 0 to 90 days before the deadline")
        return value

    @field_validator("reminder_time", "digest_time")
    @classmethod
    def _time_shape(cls, value: str) -> str:
        _clock(value)
        return value

    @model_validator(mode="after")
    def _channel_needs_the_bot(self) -> Settings:
        if self.telegram_channel_id and not self.telegram_bot_token:
            raise ValueError("TELEGRAM_CHANNEL_ID needs TELEGRAM_BOT_TOKEN (the bot posts there)")
        return self

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url.strip():
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'nastavnik.sqlite3'}"
        return self

    @property
    def quiet_window(self) -> tuple[time, time]:
        """Quiet hours as (start, end) local times."""
        start, _, end = self.quiet_hours.partition("-")
        return _clock(start), _clock(end)

    @property
    def reminder_clock(self) -> time:
        """The local time of day reminders are sent at."""
        return _clock(self.reminder_time)

    @property
    def monitoring_days(self) -> list[tuple[int, int]]:
        """The monitoring deadlines as (month, day)."""
        return [_day_of_year(part) for part in self.monitoring_deadlines.split(",") if part.strip()]

    @property
    def monitoring_reminders(self) -> list[int]:
        """Days before a monitoring deadline on which those yet to answer are reminded."""
        return [int(part) for part in self.monitoring_reminder_days.split(",") if part.strip()]

    @property
    def annual_report_day(self) -> tuple[int, int]:
        """The day (month, day) the curator is reminded of the annual report."""
        return _day_of_year(self.annual_report_reminder)

    @property
    def digest_clock(self) -> time:
        """The local time of day the weekly digest is published at."""
        return _clock(self.digest_time)

    @property
    def max_upload_bytes(self) -> int:
        """The largest file a person may send, in bytes."""
        return self.max_upload_mb * 1024 * 1024

    @property
    def secrets(self) -> list[str]:
        """Values never to be shown: every `*_token` setting and the database password."""
        tokens = [value for name, value in self if name.endswith("_token") and value]
        password = make_url(self.database_url).password
        return [str(value) for value in (*tokens, password) if value]

    @property
    def vk_enabled(self) -> bool:
        """VK runs when both the group token and the group id are set."""
        return bool(self.vk_group_token and self.vk_group_id)
