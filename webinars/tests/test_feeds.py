"""The calendar files (.ics) and the Atom feed of new materials."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import icalendar
import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from webinars.models import Webinar
from webinars.tests.factories import HeldWebinarFactory, MaterialFactory, RegionFactory, WebinarFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()
    # A request under /fr/ leaves French active in this thread: give later tests English back.
    translation.deactivate()


def _events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_webinar_ics_describes_the_webinar(client, settings):
    settings.PORTAL_SITE_URL = "https://webinars.example.org"
    webinar = WebinarFactory(
        title="Patent drafting",
        objectives="Learn to draft claims.",
        starts_at=datetime(2030, 3, 4, 9, 30, tzinfo=UTC),
        duration_minutes=90,
        join_url="https://meet.example.org/secret",
    )

    response = client.get(f"/en/webinars/{webinar.slug}/calendar.ics")
    [event] = _events(response)

    assert response["Content-Disposition"] == f'attachment; filename="{webinar.slug}.ics"'
    assert str(event["SUMMARY"]) == "Patent drafting"
    assert event.decoded("DTSTART") == datetime(2030, 3, 4, 9, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2030, 3, 4, 11, 0, tzinfo=UTC)
    assert str(event["UID"]) == f"webinar-{webinar.pk}@webinars.example.org"  # the portal's host, as in messages
    assert event["SEQUENCE"] == 0
    assert str(event["URL"]) == f"http://testserver/en/webinars/{webinar.slug}/"
    assert "Learn to draft claims." in str(event["DESCRIPTION"])
    assert "meet.example.org" not in response.content.decode()


def test_webinar_ics_is_in_the_pages_language(client):
    webinar = WebinarFactory()
    webinar.title_en, webinar.title_fr = "Patents", "Brevets"
    webinar.save()

    [event] = _events(client.get(f"/fr/webinars/{webinar.slug}/calendar.ics"))

    assert str(event["SUMMARY"]) == "Brevets"


def test_cancelled_webinar_ics_says_cancelled(client):
    webinar = WebinarFactory(status=Webinar.Status.CANCELLED)
    [event] = _events(client.get(f"/en/webinars/{webinar.slug}/calendar.ics"))
    assert str(event["STATUS"]) == "CANCELLED"


def test_planned_webinar_has_no_ics(client):
    webinar = WebinarFactory(status=Webinar.Status.PLANNED)
    assert client.get(f"/en/webinars/{webinar.slug}/calendar.ics").status_code == 404


def test_calendar_feed_holds_scheduled_webinars_only(client):
    WebinarFactory(title="Coming up", starts_at=timezone.now() + timedelta(days=3))
    HeldWebinarFactory(title="Already held")
    WebinarFactory(title="Still planned", status=Webinar.Status.PLANNED)

    events = _events(client.get("/en/feeds/calendar.ics"))

    assert [str(event["SUMMARY"]) for event in events] == ["Coming up"]


def test_calendar_feed_is_filtered_like_the_list(client):
    africa, asia = RegionFactory(code="africa"), RegionFactory(code="asia")
    WebinarFactory(title="For Africa", regions=[africa])
    WebinarFactory(title="For Asia", regions=[asia])

    events = _events(client.get("/en/feeds/calendar.ics?region=africa"))

    assert [str(event["SUMMARY"]) for event in events] == ["For Africa"]


def test_calendar_feed_ignores_bad_filter_values(client):
    WebinarFactory(title="Coming up")
    events = _events(client.get("/en/feeds/calendar.ics?region=atlantis&q=" + "x" * 10000))
    assert events == []  # the search still applies (cut), the unknown region is left out


def test_calendar_feed_with_an_unknown_value_only_still_lists_everything(client):
    WebinarFactory(title="Coming up")
    events = _events(client.get("/en/feeds/calendar.ics?region=atlantis"))
    assert [str(event["SUMMARY"]) for event in events] == ["Coming up"]


def test_materials_feed_lists_newly_published_materials_newest_first(client):
    held = HeldWebinarFactory(title="Patent drafting")
    MaterialFactory(webinar=held, title="Older slides", kind="slides", published_at=timezone.now() - timedelta(days=2))
    MaterialFactory(webinar=held, title="New recording", published_at=timezone.now())
    MaterialFactory(webinar=held, title="Not published", is_published=False, published_at=None)
    hidden = WebinarFactory(status=Webinar.Status.PLANNED)
    MaterialFactory(webinar=hidden, title="Of a planned webinar")

    response = client.get("/en/feeds/materials.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Patent drafting: Recording (New recording)", "Patent drafting: Slides (Older slides)"]
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    assert links == {f"http://testserver/en/webinars/{held.slug}/#materials"}
    ids = [entry.find(f"{ATOM}id").text for entry in feed.iter(f"{ATOM}entry")]
    assert len(set(ids)) == 2


def test_materials_feed_is_in_the_pages_language(client):
    held = HeldWebinarFactory()
    held.title_en, held.title_fr = "Patents", "Brevets"
    held.save()
    MaterialFactory(webinar=held)

    feed = ElementTree.fromstring(client.get("/fr/feeds/materials.atom").content)

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}title").text.startswith("Brevets")


def test_materials_feed_gives_the_summary_as_plain_text(client):
    held = HeldWebinarFactory(summary='Claims & <b onmouseover="alert(1)">drafting</b>\nQuestions answered.')
    MaterialFactory(webinar=held)

    feed = ElementTree.fromstring(client.get("/en/feeds/materials.atom").content)

    summary = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == 'Claims & <b onmouseover="alert(1)">drafting</b>\nQuestions answered.'


def test_materials_feed_survives_control_characters_in_a_title_and_a_summary(client):
    held = HeldWebinarFactory(title="Patents\r\nand\x0bdesigns\x07", summary="First\x0bline\x1b[31m\nSecond")
    MaterialFactory(webinar=held, title="Slides\x0c")

    response = client.get("/en/feeds/materials.atom")

    assert response.status_code == 200
    entry = next(ElementTree.fromstring(response.content).iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}title").text == "Patents and designs: Recording (Slides)"
    assert entry.find(f"{ATOM}summary").text == "First line [31m\nSecond"
