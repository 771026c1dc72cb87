"""Webinars to be scheduled on the public side: their planned period in the page's language,
the topic list, the series page and the year filter show them; the calendar feed does not;
regions' capitals name time zones that exist."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from webinars.models import Region, Webinar
from webinars.periods import parse_period, period_text
from webinars.tests.factories import SeriesFactory, ToBeScheduledWebinarFactory, WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_pages():
    cache.clear()
    yield
    cache.clear()


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# The planned period ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "language", "said"),
    [
        ("2027-03", "en", "March 2027"),
        ("2027-03", "fr", "mars 2027"),
        ("2027-03", "ar", "مارس 2027"),
        ("2027-Q2", "en", "second quarter of 2027"),
        ("2027-Q4", "en", "fourth quarter of 2027"),
    ],
)
def test_a_planned_period_is_said_in_the_pages_language(code, language, said):
    with translation.override(language):
        assert period_text(code) == said


def test_a_quarter_covers_its_three_months():
    period = parse_period("2027-Q2")

    assert (period.first_day.isoformat(), period.last_day.isoformat()) == ("2027-04-01", "2027-06-30")
    assert [month.month for month in period.months] == [4, 5, 6]


@pytest.mark.parametrize("code", ["", "2027", "2027-13", "2027-Q5", "27-03"])
def test_no_period_or_a_malformed_one_says_nothing(code):
    assert parse_period(code) is None and period_text(code) == ""


# The public pages -----------------------------------------------------------------------------


def test_the_topic_list_shows_a_webinar_to_be_scheduled_with_its_period(client):
    ToBeScheduledWebinarFactory(title="Patent pools", planned_period="2031-Q2")

    page = text(client.get("/en/"))

    assert "Patent pools" in page and "Date to be announced: second quarter of 2031" in page


def test_the_topic_list_says_the_period_in_arabic(client):
    ToBeScheduledWebinarFactory(title="Patent pools", planned_period="2031-03")

    page = client.get("/ar/").content.decode()

    assert "مارس 2031" in page


def test_scheduled_webinars_come_first_then_those_waiting_by_period(client):
    ToBeScheduledWebinarFactory(title="Third, in the second quarter", planned_period="2031-Q2")
    ToBeScheduledWebinarFactory(title="Second, in March", planned_period="2031-03")
    WebinarFactory(title="First, with its date")

    page = text(client.get("/en/"))

    assert page.index("First, with its date") < page.index("Second, in March") < page.index("Third, in the second")


def test_the_year_filter_finds_a_webinar_by_its_planned_year(client):
    next_year = timezone.localdate().year + 1  # the plan's year, always offered by the filter
    ToBeScheduledWebinarFactory(title="Patent pools", planned_period=f"{next_year}-Q2")
    ToBeScheduledWebinarFactory(title="Copyright for museums", planned_period=f"{next_year + 1}-01")

    page = text(client.get(f"/en/?year={next_year}"))

    assert "Patent pools" in page and "Copyright for museums" not in page


def test_the_calendar_feed_leaves_out_webinars_without_a_date(client):
    ToBeScheduledWebinarFactory(title="Patent pools")

    feed = client.get("/en/feeds/calendar.ics").content.decode()

    assert "Patent pools" not in feed


def test_a_webinar_to_be_scheduled_has_no_calendar_file(client):
    webinar = ToBeScheduledWebinarFactory()

    assert client.get(f"/en/webinars/{webinar.slug}/calendar.ics").status_code == 404


def test_the_series_page_says_a_part_is_to_be_scheduled(client):
    series = SeriesFactory()
    ToBeScheduledWebinarFactory(series=series, series_position=1, title="Part one", planned_period="2031-03")

    page = text(client.get(f"/en/series/{series.slug}/"))

    assert "Part one" in page and "To be scheduled" in page and "Date to be announced: March 2031" in page


def test_a_webinar_to_be_scheduled_without_a_period_says_only_date_to_be_announced(client):
    webinar = ToBeScheduledWebinarFactory(planned_period="")

    page = text(client.get(f"/en/webinars/{webinar.slug}/"))

    assert "Date to be announced" in page and "Date to be announced:" not in page


def _list_queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    return len(queries)


def test_the_topic_list_costs_the_same_queries_for_two_or_twenty_webinars_to_be_scheduled(client):
    for n in range(2):
        ToBeScheduledWebinarFactory(planned_period=f"2031-0{n + 1}")
    few = _list_queries(client)
    for n in range(18):
        ToBeScheduledWebinarFactory(planned_period=f"2031-Q{n % 4 + 1}")
    many = _list_queries(client)

    assert few == many


# Regions' capitals ----------------------------------------------------------------------------


def test_a_capital_with_a_time_zone_that_does_not_exist_is_refused():
    region = Region(code="africa", name="Africa", capitals=[{"city": "Nairobi", "time_zone": "Africa/Nairobbi"}])

    with pytest.raises(ValidationError, match="“Africa/Nairobbi” of Nairobi does not exist"):
        region.full_clean()


def test_a_capital_without_a_city_is_refused():
    region = Region(code="africa", name="Africa", capitals=[{"time_zone": "Africa/Nairobi"}])

    with pytest.raises(ValidationError, match="its city and time zone"):
        region.full_clean()


def test_capitals_with_real_time_zones_are_kept():
    region = Region(code="africa", name="Africa", capitals=[{"city": "Nairobi", "time_zone": "Africa/Nairobi"}])

    region.full_clean()

    assert region.capital_zones() == [("Nairobi", "Africa/Nairobi")]
    assert Webinar.Status.TO_BE_SCHEDULED in Webinar.TRANSITIONS[Webinar.Status.PLANNED]
