"""Time zones of participants: which names are valid, which to offer, how to show a time.

Reminders go in the participant's language, with the time in the participant's own time
zone too. The portal's times are Geneva's (the Secretariat's); a participant may
give their own zone (an IANA name such as "Africa/Nairobi") so that messages show both.
"""

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.utils import formats, translation

GENEVA_TIME_ZONE = "Europe/Zurich"  # the same clock as Geneva's; IANA has no "Europe/Geneva"

# Offered in the form when the browser cannot say (no JavaScript): one or two cities per
# offset, across the regions the programme serves. Any valid IANA name is accepted.
COMMON_TIME_ZONES = (
    "Pacific/Honolulu",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/New_York",
    "America/Santiago",
    "America/Caracas",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Atlantic/Cape_Verde",
    "Europe/London",
    "Africa/Dakar",
    "Africa/Lagos",
    "Europe/Paris",
    "Europe/Zurich",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Europe/Warsaw",
    "Europe/Kyiv",
    "Africa/Nairobi",
    "Asia/Riyadh",
    "Europe/Moscow",
    "Asia/Tehran",
    "Asia/Dubai",
    "Asia/Tbilisi",
    "Asia/Tashkent",
    "Asia/Karachi",
    "Asia/Almaty",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Manila",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Sydney",
    "Pacific/Port_Moresby",
    "Pacific/Auckland",
    "Pacific/Fiji",
)


@cache
def _known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_time_zone(name: str) -> bool:
    """True for an IANA time zone name this machine knows (from the tzdata package)."""
    return name in _known_time_zones()


def time_zone_choices() -> list[tuple[str, str]]:
    """The common zones, by name; the form adds the browser's own zone when it is another."""
    return [(name, name.replace("_", " ")) for name in COMMON_TIME_ZONES]


def time_text(when: datetime, *, time_zone: str, language: str) -> str:
    """A moment as a person reads it: in this zone, in their language's date format."""
    with translation.override(language):
        return formats.date_format(when.astimezone(ZoneInfo(time_zone)), "DATETIME_FORMAT")


def geneva_time_text(when: datetime | None, *, language: str) -> str:
    """A start time as messages and pages give it: Geneva's clock, the reader's date format."""
    if when is None:
        return ""
    return time_text(when, time_zone=GENEVA_TIME_ZONE, language=language)


def own_time_text(when: datetime, *, time_zone: str, language: str) -> str:
    """The time in the participant's own zone, or "" when they gave none or it is Geneva's clock.

    Said only when it differs from Geneva's: "10:00 (Geneva time), 10:00 your time" helps nobody.
    """
    if not time_zone or not is_time_zone(time_zone):
        return ""
    own = when.astimezone(ZoneInfo(time_zone))
    geneva = when.astimezone(ZoneInfo(GENEVA_TIME_ZONE))
    if own.replace(tzinfo=None) == geneva.replace(tzinfo=None):
        return ""
    return time_text(when, time_zone=time_zone, language=language)
