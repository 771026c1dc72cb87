"""Dates read as each language writes them: Arabic had no date-and-time format in Django."""

from datetime import UTC, datetime

from django.utils import formats, translation

WHEN = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def test_arabic_dates_put_the_day_first_with_the_arabic_comma_and_24_hour_time():
    with translation.override("ar"):
        text = formats.date_format(WHEN, "DATETIME_FORMAT")

    assert text == "2 ديسمبر، 2026، 15:00"


def test_other_languages_keep_djangos_own_formats():
    with translation.override("fr"):
        assert formats.date_format(WHEN, "DATETIME_FORMAT") == "2 décembre 2026 15:00"
    with translation.override("en"):
        assert formats.date_format(WHEN, "DATETIME_FORMAT") == "Dec. 2, 2026, 3 p.m."
