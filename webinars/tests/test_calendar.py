"""iCalendar entries: one UID per webinar, its SEQUENCE, texts that never break the file,
the entry a message carries in its reader's language, and cancelled webinars in the feed."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from webinars import calendar
from webinars.calendar import calendar_text, event_uid, message_calendar
from webinars.models import Webinar
from webinars.selectors import CANCELLED_IN_FEED_DAYS
from webinars.tests.factories import WebinarFactory

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
STARTS_AT = datetime(2031, 3, 4, 13, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = SITE
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()  # a request under /fr/ leaves French active in this thread


def _event(ics) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return event


def _feed_events(client, path="/en/feeds/calendar.ics") -> dict[str, icalendar.Event]:
    response = client.get(path)
    assert response.status_code == 200
    return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


# Texts that never break the file --------------------------------------------------------


def test_calendar_text_keeps_one_line_values_on_one_line_without_control_characters():
    assert calendar_text("Patents\r\nand\tdesigns\x07\x00 \u2028 today") == "Patents and designs today"


def test_calendar_text_keeps_the_lines_of_a_description():
    assert calendar_text("First line\r\nSecond\x0bline\n\n\n\nLast", one_line=False) == (
        "First line\nSecond line\n\nLast"
    )


def test_a_title_with_a_line_break_and_control_characters_gives_a_valid_ics_file(client):
    webinar = WebinarFactory(title="Patents\nand designs\x07 \x1b[31m", starts_at=STARTS_AT)

    response = client.get(f"/en/webinars/{webinar.slug}/calendar.ics")

    assert response.status_code == 200
    parsed = icalendar.Calendar.from_ical(response.content)
    assert str(parsed["X-WR-CALNAME"]) == "Patents and designs [31m"
    assert str(_event(response.content)["SUMMARY"]) == "Patents and designs [31m"
    assert all(ord(char) >= 32 for line in response.content.decode().split("\r\n") for char in line)


def test_the_feed_survives_a_title_with_a_line_break(client):
    WebinarFactory(title="Patents\r\nand designs")

    assert list(_feed_events(client)) == ["Patents and designs"]


BROKEN_TITLES = [
    "Patents\nand designs",
    "Patents\r\nand designs",
    "Patents\rand designs",
    "Patents\x0band\x0cdesigns",
    "Patents\x01and\x1b designs\x7f",
    "Patents\u2028and\u2029designs\x85",
    "Patents\tand designs\n",
]


@pytest.mark.parametrize("title", BROKEN_TITLES)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_title_with_line_breaks_or_control_characters_gives_a_webinar_ics_file(client, title, language):
    webinar = WebinarFactory(title_en=title, title_fr=title, objectives=f"Goals\x0b{title}", starts_at=STARTS_AT)

    response = client.get(f"/{language}/webinars/{webinar.slug}/calendar.ics")

    assert response.status_code == 200
    assert str(_event(response.content)["SUMMARY"]) == "Patents and designs"
    assert str(icalendar.Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "Patents and designs"


@pytest.mark.parametrize("title", BROKEN_TITLES)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_title_with_line_breaks_or_control_characters_gives_a_calendar_feed(client, title, language):
    WebinarFactory(title_en=title, title_fr=title, objectives=f"Goals\x0b{title}", starts_at=STARTS_AT)

    assert list(_feed_events(client, f"/{language}/feeds/calendar.ics")) == ["Patents and designs"]


def test_a_message_entry_survives_a_title_with_a_line_break():
    webinar = WebinarFactory(title="Patents\nand designs", starts_at=STARTS_AT)

    ics = message_calendar(webinar, method=calendar.REQUEST, language="en", to="a@example.org")

    assert str(_event(ics)["SUMMARY"]) == "Patents and designs"


# One event per webinar ------------------------------------------------------------------


def test_the_uid_names_the_webinar_at_the_portals_host_and_not_its_date():
    webinar = WebinarFactory(starts_at=STARTS_AT)
    before = event_uid(webinar)

    webinar.starts_at = STARTS_AT + timedelta(days=7)

    assert event_uid(webinar) == before == f"webinar-{webinar.pk}@webinars.example.org"


def test_the_page_file_the_feed_and_a_message_share_the_uid_and_the_sequence(client):
    webinar = WebinarFactory(starts_at=STARTS_AT, calendar_sequence=4)

    from_page = _event(client.get(f"/en/webinars/{webinar.slug}/calendar.ics").content)
    [from_feed] = _feed_events(client).values()
    from_message = _event(message_calendar(webinar, method=calendar.REQUEST, language="en", to="a@example.org"))

    assert {str(e["UID"]) for e in (from_page, from_feed, from_message)} == {event_uid(webinar)}
    assert {e["SEQUENCE"] for e in (from_page, from_feed, from_message)} == {4}
    assert all("DTSTAMP" in e for e in (from_page, from_feed, from_message))


def test_the_public_file_and_feed_are_published_calendars(client):
    webinar = WebinarFactory(starts_at=STARTS_AT)

    for path in (f"/en/webinars/{webinar.slug}/calendar.ics", "/en/feeds/calendar.ics"):
        parsed = icalendar.Calendar.from_ical(client.get(path).content)
        assert str(parsed["METHOD"]) == "PUBLISH"


# The entry a message carries ------------------------------------------------------------


def test_a_request_is_in_the_readers_language_with_the_usual_fallback():
    webinar = WebinarFactory(starts_at=STARTS_AT)
    webinar.title_en, webinar.title_fr = "Patents", "Brevets"
    webinar.save()

    french = _event(message_calendar(webinar, method=calendar.REQUEST, language="fr", to="a@example.org"))
    russian = _event(message_calendar(webinar, method=calendar.REQUEST, language="ru", to="b@example.org"))

    assert str(french["SUMMARY"]) == "Brevets"
    assert str(french["URL"]) == f"{SITE}/fr/webinars/{webinar.slug}/"
    assert str(russian["SUMMARY"]) == "Patents"  # no Russian title: English
    assert str(russian["URL"]) == f"{SITE}/ru/webinars/{webinar.slug}/"


def test_a_request_names_the_organizer_and_the_person_and_asks_for_no_answer(settings):
    settings.DEFAULT_FROM_EMAIL = "Webinars <webinars@secretariat.example.org>"
    webinar = WebinarFactory(starts_at=STARTS_AT, duration_minutes=90)

    ics = message_calendar(webinar, method=calendar.REQUEST, language="en", to="awa@example.org")
    parsed = icalendar.Calendar.from_ical(ics)
    event = _event(ics)

    assert str(parsed["METHOD"]) == "REQUEST"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:webinars@secretariat.example.org"
    assert str(event["ATTENDEE"]) == "mailto:awa@example.org"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"
    assert event.decoded("DTSTART") == STARTS_AT
    assert event.decoded("DTEND") == STARTS_AT + timedelta(minutes=90)


def test_the_join_link_is_in_the_entry_only_when_given_for_someone_with_a_place():
    webinar = WebinarFactory(starts_at=STARTS_AT, join_url="https://meet.example.org/j/1")

    with_place = message_calendar(
        webinar, method=calendar.REQUEST, language="en", to="a@example.org", join_url=webinar.join_url
    )
    waiting = message_calendar(webinar, method=calendar.REQUEST, language="en", to="b@example.org", is_waitlisted=True)

    assert str(_event(with_place)["LOCATION"]) == "https://meet.example.org/j/1"
    assert "meet.example.org" not in waiting
    assert "waiting list" in str(_event(waiting)["DESCRIPTION"])
    assert str(_event(with_place)["STATUS"]) == "CONFIRMED"
    assert str(_event(waiting)["STATUS"]) == "TENTATIVE"  # no place confirmed yet


def test_a_cancel_of_a_postponed_webinar_names_its_withdrawn_date_and_says_postponed():
    webinar = WebinarFactory(status=Webinar.Status.POSTPONED, starts_at=None, calendar_sequence=2)

    ics = message_calendar(webinar, method=calendar.CANCEL, language="en", to="a@example.org", starts_at=STARTS_AT)
    event = _event(ics)

    assert str(icalendar.Calendar.from_ical(ics)["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("DTSTART") == STARTS_AT
    assert str(event["SUMMARY"]) == f"Postponed: {webinar.title}"
    assert "new date to be announced" in str(event["DESCRIPTION"])
    assert event["SEQUENCE"] == 2


def test_a_webinar_without_a_date_has_no_entry_for_a_message():
    webinar = WebinarFactory(status=Webinar.Status.POSTPONED, starts_at=None)

    assert message_calendar(webinar, method=calendar.CANCEL, language="en", to="a@example.org") == ""


def test_a_message_never_carries_a_published_calendar():
    with pytest.raises(ValueError):
        message_calendar(WebinarFactory(), method=calendar.PUBLISH, language="en", to="a@example.org")


# Cancelled webinars in the feed ---------------------------------------------------------


def test_the_feed_shows_a_cancelled_webinar_as_cancelled_with_its_uid(client):
    webinar = WebinarFactory(title="Called off", status=Webinar.Status.CANCELLED, starts_at=STARTS_AT)
    WebinarFactory(title="Coming up")

    events = _feed_events(client)

    assert set(events) == {"Called off", "Coming up"}
    assert str(events["Called off"]["STATUS"]) == "CANCELLED"
    assert str(events["Called off"]["UID"]) == event_uid(webinar)
    assert str(events["Coming up"]["STATUS"]) == "CONFIRMED"


def test_a_cancelled_webinar_leaves_the_feed_some_time_after_its_date(client):
    now = timezone.now()
    WebinarFactory(
        title="Recently", status=Webinar.Status.CANCELLED, starts_at=now - timedelta(days=CANCELLED_IN_FEED_DAYS - 1)
    )
    WebinarFactory(
        title="Long ago", status=Webinar.Status.CANCELLED, starts_at=now - timedelta(days=CANCELLED_IN_FEED_DAYS + 1)
    )
    WebinarFactory(title="Postponed", status=Webinar.Status.POSTPONED, starts_at=None)

    assert list(_feed_events(client)) == ["Recently"]
