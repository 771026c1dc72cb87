"""The calendar entry a registration's messages carry: the webinar in the person's calendar,
in their language, with the join link only for someone with a place."""

import email
from datetime import UTC, datetime

import icalendar
import pytest
from django.core import mail

from outbox.models import Notice
from participants.models import Registration
from participants.services import registration as services
from participants.tests.factories import RegistrationFactory
from webinars.calendar import event_uid
from webinars.tests.factories import ExpertFactory, WebinarFactory

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
STARTS_AT = datetime(2031, 6, 3, 8, 0, tzinfo=UTC)
JOIN_URL = "https://meet.example.org/j/123"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = SITE


@pytest.fixture
def webinar():
    webinar = WebinarFactory(starts_at=STARTS_AT, join_url=JOIN_URL, capacity=1, calendar_sequence=2)
    webinar.title_en, webinar.title_fr, webinar.title_es = "Patents", "Brevets", "Patentes"
    webinar.save()
    webinar.experts.add(ExpertFactory())  # registration opens once someone gives the webinar
    return webinar


def register(webinar, **data) -> Registration:
    return services.register_participant(
        webinar=webinar,
        data={
            "name": "Awa Ndiaye",
            "country": "SN",
            "participant_type": Registration.ParticipantType.IP_OFFICE,
            "has_consented": True,
            **data,
        },
    )


def entry(notice: Notice) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(notice.calendar).walk("VEVENT")
    return event


def test_the_confirmation_sends_the_webinar_for_the_calendar_in_the_persons_language(
    webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(webinar, email="awa@example.org", language="fr")

    notice = Notice.objects.get(kind=Notice.Kind.REGISTRATION_CONFIRMED)
    assert str(icalendar.Calendar.from_ical(notice.calendar)["METHOD"]) == "REQUEST"
    event = entry(notice)
    assert str(event["SUMMARY"]) == "Brevets"
    assert (str(event["UID"]), event["SEQUENCE"]) == (event_uid(webinar), 2)
    assert event.decoded("DTSTART") == STARTS_AT
    assert str(event["LOCATION"]) == JOIN_URL  # a place: the join link, as in the text
    [message] = mail.outbox
    [attachment] = [
        part
        for part in email.message_from_bytes(message.message().as_bytes()).walk()
        if part.get_content_type() == "text/calendar"
    ]
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "webinar.ics"


def test_someone_on_the_waiting_list_gets_the_entry_without_the_join_link(webinar):
    register(webinar, email="first@example.org", language="en")

    register(webinar, email="second@example.org", language="es")

    notice = Notice.objects.get(kind=Notice.Kind.REGISTRATION_WAITLISTED)
    assert str(entry(notice)["SUMMARY"]) == "Patentes"
    assert JOIN_URL not in notice.calendar


def test_a_place_that_frees_up_sends_the_entry_with_the_join_link(webinar):
    first = RegistrationFactory(webinar=webinar, email="first@example.org")
    RegistrationFactory(
        webinar=webinar, email="waiting@example.org", language="fr", state=Registration.State.WAITLISTED
    )

    services.cancel_registration(registration=first)

    notice = Notice.objects.get(kind=Notice.Kind.REGISTRATION_PROMOTED)
    assert notice.to == "waiting@example.org"
    assert str(entry(notice)["SUMMARY"]) == "Brevets"
    assert str(entry(notice)["LOCATION"]) == JOIN_URL


def test_a_cancelled_registration_message_carries_no_entry(webinar):
    registration = RegistrationFactory(webinar=webinar, email="first@example.org")

    services.cancel_registration(registration=registration)

    assert Notice.objects.get(kind=Notice.Kind.REGISTRATION_CANCELLED).calendar == ""
