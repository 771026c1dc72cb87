"""A registrant's calendar follows a move (issue 17): the .ics file of the public page before
and after the Secretariat moves the webinar, and the entry the registrant's messages carry,
are one event (same UID) whose SEQUENCE grows and whose DTSTART is the new date."""

from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STARTS_AT = datetime(2031, 6, 3, 12, 0, tzinfo=UTC)  # 14:00 in Geneva
NEW_STARTS_AT = datetime(2031, 6, 10, 9, 30, tzinfo=UTC)  # 11:30 in Geneva


def _download_ics(page) -> icalendar.Event:
    """The event of the file behind the page's "Add to my calendar" link, as a visitor gets it."""
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert str(calendar["METHOD"]) == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    return event


def _entry(text: str) -> tuple[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    [event] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


@pytest.mark.parametrize("browser_timezone", ["Europe/Zurich"])
def test_a_registrants_calendar_file_follows_a_move_made_by_the_secretariat(
    live_server, page, screenshot, settings, mailoutbox
):
    from accounts.tests.factories import SecretariatFactory
    from delivery.services import scheduling
    from outbox.models import Notice
    from participants.models import Registration
    from participants.services.registration import register_participant
    from webinars.tests.factories import ExpertFactory, LanguageFactory, WebinarFactory

    settings.PORTAL_SITE_URL = live_server.url
    webinar = WebinarFactory(
        slug="licensing-public-research",
        title="Licensing technology from public research",
        starts_at=STARTS_AT,
        join_url="https://meet.example.org/j/2031",
        languages=[LanguageFactory(code="en", name="English")],
    )
    webinar.experts.add(ExpertFactory(name="Grace Mwangi"))  # registration opens once an expert gives it
    register_participant(
        webinar=webinar,
        data={
            "name": "Awa Ndiaye",
            "email": "awa.ndiaye@example.org",
            "country": "SN",
            "participant_type": Registration.ParticipantType.GOVERNMENT,
            "language": "en",
            "has_consented": True,
        },
    )
    confirmation = Notice.objects.get(kind=Notice.Kind.REGISTRATION_CONFIRMED)

    page.goto(f"{live_server.url}/en/webinars/{webinar.slug}/")
    before = _download_ics(page)
    assert before.decoded("DTSTART") == STARTS_AT
    method, confirmed = _entry(confirmation.calendar)
    assert method == "REQUEST"
    assert (str(confirmed["UID"]), confirmed["SEQUENCE"]) == (str(before["UID"]), before["SEQUENCE"])

    officer = SecretariatFactory(roles=["Programme officer"])
    scheduling.move_webinar(webinar=webinar, starts_at=NEW_STARTS_AT, actor=officer)

    page.reload()
    when = page.locator(".webinar-page header time").first
    assert when.get_attribute("datetime") == "2031-06-10T11:30:00+02:00"
    assert "June 10, 2031" in when.inner_text()
    screenshot(page, "webinar-moved-new-date-en")
    after = _download_ics(page)
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART") == NEW_STARTS_AT

    # The registrant's message about the move carries the same event, as the calendar file says.
    moved = Notice.objects.get(kind=Notice.Kind.WEBINAR_MOVED, to="awa.ndiaye@example.org")
    method, entry = _entry(moved.calendar)
    assert method == "REQUEST"
    assert (str(entry["UID"]), entry["SEQUENCE"]) == (str(after["UID"]), after["SEQUENCE"])
    assert entry.decoded("DTSTART") == NEW_STARTS_AT
    assert str(entry["LOCATION"]) == "https://meet.example.org/j/2031"  # she has a place
    # Sent in-process (the tests run tasks eagerly): the entry goes as its attachment.
    [sent] = [m for m in mailoutbox if m.subject == moved.subject and m.to == ["awa.ndiaye@example.org"]]
    [attachment] = [p for p in sent.message().walk() if p.get_content_type() == "text/calendar"]
    assert attachment["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
    assert page.console_errors == []
