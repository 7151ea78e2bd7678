"""Reading a time zone as people type it: a city, an IANA name or a UTC offset."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from bot.core import texts

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

_OFFSET = re.compile(r"^(?:utc|gmt|мск)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$")
_MOSCOW_MINUTES = 3 * 60
# Offsets that are not whole hours have no `Etc/` zone: a zone without summer time keeps each.
_PART_HOUR_ZONES = {
    -9 * 60 - 30: "Pacific/Marquesas",
    3 * 60 + 30: "Asia/Tehran",
    4 * 60 + 30: "Asia/Kabul",
    5 * 60 + 30: "Asia/Kolkata",
    5 * 60 + 45: "Asia/Kathmandu",
    6 * 60 + 30: "Asia/Yangon",
    8 * 60 + 45: "Australia/Eucla",
    9 * 60 + 30: "Australia/Darwin",
}
# The city shown for a bare whole-hour offset: the Russian regional centre on that clock.
_CITY_OF_OFFSET = {
    2: "Europe/Kaliningrad",
    3: "Europe/Moscow",
    4: "Europe/Samara",
    5: "Asia/Yekaterinburg",
    6: "Asia/Omsk",
    7: "Asia/Novosibirsk",
    8: "Asia/Irkutsk",
    9: "Asia/Yakutsk",
    10: "Asia/Vladivostok",
    11: "Asia/Magadan",
    12: "Asia/Kamchatka",
}


_ZONES_BY_LOWER_NAME = {name.lower(): name for name in available_timezones()}
# The last part of a zone name ("tokyo"), choosing the shortest full name when several share it.
_ZONES_BY_CITY: dict[str, str] = {}
for _name in sorted(_ZONES_BY_LOWER_NAME.values(), key=lambda n: (len(n), n), reverse=True):
    if "/" in _name:
        _ZONES_BY_CITY[_name.rsplit("/", 1)[1].lower()] = _name


def _by_city_suffix(text: str) -> str | None:
    return _ZONES_BY_CITY.get(text.replace(" ", "_").lower())


def _by_offset(cleaned: str, match: re.Match[str]) -> str | None:
    """`UTC+7`, `+05:30`, `мск+4` as a zone; None for offsets no clock on Earth keeps."""
    extra = int(match.group(3) or 0)
    if extra >= 60:
        return None
    minutes = int(match.group(2)) * 60 + extra
    if match.group(1) != "+":
        minutes = -minutes
    if cleaned.startswith("мск"):
        minutes += _MOSCOW_MINUTES
    if not -12 * 60 <= minutes <= 14 * 60:
        return None
    if minutes == 0:
        return "Etc/UTC"
    hours, rest = divmod(abs(minutes), 60)
    if rest:
        return _PART_HOUR_ZONES.get(minutes)
    # POSIX-style names invert the sign: UTC+3 is Etc/GMT-3.
    return f"Etc/GMT{'-' if minutes > 0 else '+'}{hours}"


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
        return _by_offset(cleaned, match)
    if "/" in cleaned:
        return _ZONES_BY_LOWER_NAME.get(cleaned.replace(" ", "_"))
    return _by_city_suffix(cleaned)


def _offset_label(minutes: int) -> str:
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _city(zone: str, minutes: int, locale: str) -> str | None:
    """The place a zone is named after, in the person's language when the locale knows it."""
    if zone.startswith("Etc/"):
        found = _CITY_OF_OFFSET.get(minutes // 60) if minutes % 60 == 0 else None
        if found is None:
            return None
        zone = found
    if "/" not in zone:
        return None
    key = "zone-" + zone.lower().replace("/", "-").replace("_", "-")
    if texts.has(key, locale):
        return texts.plain(texts.t(key, locale))
    return zone.rsplit("/", 1)[1].replace("_", " ")


def describe(zone: str, now: datetime, locale: str) -> str:
    """A zone as people read it: `UTC+7 (Новосибирск)`, never `Etc/GMT-7`."""
    offset = now.astimezone(ZoneInfo(zone)).utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    label = _offset_label(minutes)
    city = _city(zone, minutes, locale)
    return f"{label} ({city})" if city else label


def to_local(moment: datetime, zone: str) -> datetime:
    """A UTC moment on the person's own clock."""
    return moment.astimezone(ZoneInfo(zone))
