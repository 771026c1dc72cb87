"""The webinar page offers "Register" exactly where the registration service would take a registration."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from outbox.models import Notice
from participants.models import Registration
from participants.services import registration
from participants.tests.factories import RegistrationFactory
from webinars.models import Webinar
from webinars.tests.factories import HeldWebinarFactory, ToBeScheduledWebinarFactory
from webinars.tests.factories import OpenWebinarFactory as WebinarFactory  # registration opens with an expert

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = "https://webinars.example.org"


def _full() -> Webinar:
    webinar = WebinarFactory(capacity=1, registration_count=1)
    RegistrationFactory(webinar=webinar, email="holder@example.org")
    return webinar


CASES = {
    "scheduled": lambda: WebinarFactory(),
    "started": lambda: WebinarFactory(starts_at=timezone.now() - timedelta(minutes=5)),
    "held": lambda: HeldWebinarFactory(),
    "cancelled": lambda: WebinarFactory(status=Webinar.Status.CANCELLED),
    "postponed": lambda: WebinarFactory(status=Webinar.Status.POSTPONED, starts_at=None),
    "to be scheduled": lambda: ToBeScheduledWebinarFactory(),
    "scheduled, no expert yet": lambda: WebinarFactory(experts=[]),
    "full": _full,
}
TAKES_REGISTRATIONS = {"scheduled", "full"}


def _service_takes_a_registration(webinar: Webinar) -> bool:
    data = {
        "name": "Awa Ndiaye",
        "email": "awa@example.org",
        "country": "SN",
        "language": "fr",
        "has_consented": True,
    }
    try:
        registration.register_participant(webinar=webinar, data=data)
    except ValidationError:
        return False
    return True


def _page_shows_the_button(client, webinar: Webinar) -> bool:
    page = client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()
    return reverse("participants:webinar_register", args=[webinar.slug]) in page


@pytest.mark.parametrize("case", CASES)
def test_the_register_button_shows_exactly_where_the_service_takes_a_registration(client, case):
    webinar = CASES[case]()

    shows_button = _page_shows_the_button(client, webinar)
    takes_registration = _service_takes_a_registration(webinar)

    assert shows_button == takes_registration == (case in TAKES_REGISTRATIONS)


def test_a_full_webinar_offers_its_waiting_list_since_the_service_takes_newcomers_there(client):
    webinar = _full()

    page = client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()
    _service_takes_a_registration(webinar)

    assert "Join the waiting list" in page
    assert Registration.objects.get(email="awa@example.org").state == Registration.State.WAITLISTED
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_WAITLISTED).count() == 1


def test_the_registration_page_of_a_postponed_webinar_says_registration_reopens_with_the_new_date(client):
    webinar = WebinarFactory(status=Webinar.Status.POSTPONED, starts_at=None)

    url = reverse("participants:webinar_register", args=[webinar.slug])

    page = client.get(url).content.decode()

    assert "registration opens again once its new date is announced" in page
    assert f'action="{url}"' not in page
