"""Time zones of participants: which names are valid, which to offer, how to show a time.

Reminders go in the participant's language, with the time in the participant's own time
zone too. The portal's times are Geneva's (the Secretariat's); a participant may
give their own zone (an IANA name such as "Africa/Nairobi") so that messages show both.

The weekend of a capital, by its time zone, is here too: the scheduling rules keep a webinar
within office hours on each target capital's own working days (WEEKEND_BY_TIME_ZONE).
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


# Weekends ------------------------------------------------------------------------------------
# Days are ISO weekday numbers, as date.isoweekday() gives them: 1 is Monday, 7 is Sunday.
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(1, 8)
SATURDAY_SUNDAY = frozenset({SATURDAY, SUNDAY})
FRIDAY_SATURDAY = frozenset({FRIDAY, SATURDAY})

# The official weekend (government offices) of the countries whose weekend is not Saturday and
# Sunday, by the IANA name a capital gives. The name as written counts, not the zone tzdata makes
# it an alias of: Asia/Muscat (Oman) shares Asia/Dubai's clock but not its weekend. Any other zone
# has Saturday and Sunday off. A capital whose week differs from this table (a country not listed,
# a city on a neighbour's zone, a change of law) gives its own "weekend" in Region.capitals.
# Checked in 2025; a weekend changes by law now and then, so correct the table when one does.
WEEKEND_BY_TIME_ZONE: dict[str, frozenset[int]] = {
    # Friday and Saturday.
    "Africa/Algiers": FRIDAY_SATURDAY,  # Algeria, since 2009
    "Africa/Cairo": FRIDAY_SATURDAY,  # Egypt
    "Africa/Khartoum": FRIDAY_SATURDAY,  # Sudan
    "Africa/Tripoli": FRIDAY_SATURDAY,  # Libya
    "Asia/Aden": FRIDAY_SATURDAY,  # Yemen, since 2013
    "Asia/Amman": FRIDAY_SATURDAY,  # Jordan
    "Asia/Baghdad": FRIDAY_SATURDAY,  # Iraq
    "Asia/Bahrain": FRIDAY_SATURDAY,  # Bahrain
    "Asia/Damascus": FRIDAY_SATURDAY,  # Syria
    "Asia/Dhaka": FRIDAY_SATURDAY,  # Bangladesh
    "Asia/Jerusalem": FRIDAY_SATURDAY,  # Israel
    "Asia/Kuwait": FRIDAY_SATURDAY,  # Kuwait
    "Asia/Muscat": FRIDAY_SATURDAY,  # Oman, since 2013
    "Asia/Qatar": FRIDAY_SATURDAY,  # Qatar
    "Asia/Riyadh": FRIDAY_SATURDAY,  # Saudi Arabia, since 2013
    "Indian/Maldives": FRIDAY_SATURDAY,  # Maldives
    # Friday only (Thursday is a half day in many offices: mornings only, before office hours end).
    "Asia/Kabul": frozenset({FRIDAY}),  # Afghanistan (Kabul's whole Thursday off ended in 2019)
    "Asia/Tehran": frozenset({FRIDAY}),  # Iran (a 2024 law adding Saturday awaits being put into force)
    # Other weeks.
    "Asia/Brunei": frozenset({FRIDAY, SUNDAY}),  # Brunei: Saturday is a working day
    "Asia/Kathmandu": frozenset({SATURDAY}),  # Nepal (a Sunday off too was tried in 2022 and dropped)
    # Not here, Saturday and Sunday: the United Arab Emirates (Asia/Dubai) since January 2022,
    # Morocco, Tunisia, Lebanon, Mauritania, Türkiye, Indonesia, Malaysia's capital.
}

# English names of the days, as a capital's "weekend" may give them (with the ISO numbers).
DAY_NUMBERS = {
    name: number
    for number, full in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), 1)
    for name in (full, full[:3])
}


def weekend_of(time_zone: str) -> frozenset[int]:
    """The weekend (ISO day numbers) where a time zone's country keeps its offices closed."""
    return WEEKEND_BY_TIME_ZONE.get(time_zone, SATURDAY_SUNDAY)


def weekend_days(days: list) -> frozenset[int]:
    """A weekend as Region.capitals gives it: ISO numbers (5, 6) or English names ("Friday", "fri").

    Raises ValueError with the first item that is not a day (or with ``days`` when it is not a list).
    """
    if not isinstance(days, list | tuple):
        raise ValueError(days)
    found = set()
    for day in days:
        if isinstance(day, str) and day.strip().isdigit():
            day = int(day)
        if isinstance(day, int) and not isinstance(day, bool) and MONDAY <= day <= SUNDAY:
            found.add(day)
        elif isinstance(day, str) and day.strip().lower() in DAY_NUMBERS:
            found.add(DAY_NUMBERS[day.strip().lower()])
        else:
            raise ValueError(day)
    return frozenset(found)
