"""Reading a time zone as people type it: a city, an IANA name or a UTC offset."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

# Russian regional centres and large cities people are likely to type, in Russian and English.
CITIES: dict[str, str] = {
    "москва": "Europe/Moscow",
    "moscow": "Europe/Moscow",
    "санкт-петербург": "Europe/Moscow",
    "петербург": "Europe/Moscow",
    "спб": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "st petersburg": "Europe/Moscow",
    "казань": "Europe/Moscow",
    "kazan": "Europe/Moscow",
    "нижний новгород": "Europe/Moscow",
    "nizhny novgorod": "Europe/Moscow",
    "ростов-на-дону": "Europe/Moscow",
    "краснодар": "Europe/Moscow",
    "воронеж": "Europe/Moscow",
    "калининград": "Europe/Kaliningrad",
    "kaliningrad": "Europe/Kaliningrad",
    "самара": "Europe/Samara",
    "samara": "Europe/Samara",
    "ижевск": "Europe/Samara",
    "саратов": "Europe/Saratov",
    "ульяновск": "Europe/Ulyanovsk",
    "астрахань": "Europe/Astrakhan",
    "волгоград": "Europe/Volgograd",
    "volgograd": "Europe/Volgograd",
    "екатеринбург": "Asia/Yekaterinburg",
    "yekaterinburg": "Asia/Yekaterinburg",
    "челябинск": "Asia/Yekaterinburg",
    "пермь": "Asia/Yekaterinburg",
    "уфа": "Asia/Yekaterinburg",
    "тюмень": "Asia/Yekaterinburg",
    "оренбург": "Asia/Yekaterinburg",
    "омск": "Asia/Omsk",
    "omsk": "Asia/Omsk",
    "новосибирск": "Asia/Novosibirsk",
    "novosibirsk": "Asia/Novosibirsk",
    "барнаул": "Asia/Barnaul",
    "томск": "Asia/Tomsk",
    "кемерово": "Asia/Novokuznetsk",
    "новокузнецк": "Asia/Novokuznetsk",
    "красноярск": "Asia/Krasnoyarsk",
    "krasnoyarsk": "Asia/Krasnoyarsk",
    "иркутск": "Asia/Irkutsk",
    "irkutsk": "Asia/Irkutsk",
    "улан-удэ": "Asia/Irkutsk",
    "чита": "Asia/Chita",
    "якутск": "Asia/Yakutsk",
    "yakutsk": "Asia/Yakutsk",
    "владивосток": "Asia/Vladivostok",
    "vladivostok": "Asia/Vladivostok",
    "хабаровск": "Asia/Vladivostok",
    "khabarovsk": "Asia/Vladivostok",
    "магадан": "Asia/Magadan",
    "южно-сахалинск": "Asia/Sakhalin",
    "петропавловск-камчатский": "Asia/Kamchatka",
    "камчатка": "Asia/Kamchatka",
    "минск": "Europe/Minsk",
    "minsk": "Europe/Minsk",
    "астана": "Asia/Almaty",
    "алматы": "Asia/Almaty",
    "ташкент": "Asia/Tashkent",
    "бишкек": "Asia/Bishkek",
    "ереван": "Asia/Yerevan",
    "тбилиси": "Asia/Tbilisi",
    "баку": "Asia/Baku",
}

_OFFSET = re.compile(r"^(?:utc|gmt|мск)?\s*([+-−])\s*(\d{1,2})(?::?00)?$")


_ZONES_BY_LOWER_NAME = {name.lower(): name for name in available_timezones()}
# The last part of a zone name ("tokyo"), choosing the shortest full name when several share it.
_ZONES_BY_CITY: dict[str, str] = {}
for _name in sorted(_ZONES_BY_LOWER_NAME.values(), key=lambda n: (len(n), n), reverse=True):
    if "/" in _name:
        _ZONES_BY_CITY[_name.rsplit("/", 1)[1].lower()] = _name


def _by_city_suffix(text: str) -> str | None:
    return _ZONES_BY_CITY.get(text.replace(" ", "_").lower())


def parse(text: str) -> str | None:
    """The IANA zone for what the person typed, or None when it cannot be understood."""
    cleaned = " ".join(text.strip().lower().replace("ё", "е").split())
    if not cleaned or len(cleaned) > 64:
        return None
    if cleaned in CITIES:
        return CITIES[cleaned]
    if cleaned in ("utc", "gmt"):
        return "Etc/UTC"
    match = _OFFSET.match(cleaned)
    if match:
        sign, hours = match.group(1), int(match.group(2))
        if cleaned.startswith("мск"):
            hours = hours + 3 if sign == "+" else 3 - hours
            sign = "+" if hours >= 0 else "-"
            hours = abs(hours)
        if hours > 14:
            return None
        if hours == 0:
            return "Etc/UTC"
        # POSIX-style names invert the sign: UTC+3 is Etc/GMT-3.
        return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
    if "/" in cleaned:
        return _ZONES_BY_LOWER_NAME.get(cleaned.replace(" ", "_"))
    return _by_city_suffix(cleaned)


def describe(zone: str, now: datetime) -> str:
    """A zone as people read it: `Europe/Moscow (UTC+03:00)`."""
    offset = now.astimezone(ZoneInfo(zone)).strftime("%z")
    return f"{zone} (UTC{offset[:3]}:{offset[3:]})"


def to_local(moment: datetime, zone: str) -> datetime:
    """A UTC moment on the person's own clock."""
    return moment.astimezone(ZoneInfo(zone))
