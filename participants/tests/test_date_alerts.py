"""'Tell me when the date is set': one request per address and webinar, a page that reveals
nothing, a limit per client, and the message once registration opens."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from outbox.models import Notice
from participants.models import DateAlert
from participants.services import alerts
from participants.tests.factories import DateAlertFactory
from webinars.models import Webinar
from webinars.tests.factories import (
    ExpertFactory,
    HeldWebinarFactory,
    OpenWebinarFactory,
    ToBeScheduledWebinarFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(settings):
    from django.core.cache import cache

    settings.PORTAL_SITE_URL = "https://webinars.example.org"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def webinar():
    return ToBeScheduledWebinarFactory(title="Patent pools", planned_period="2031-03")


def ask(client, webinar, **data):
    form = {"email": "amina@example.org", "language": "fr", "consent": "on", "website": "", **data}
    return client.post(reverse("participants:date_alert", args=[webinar.slug]), form)


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# The service -------------------------------------------------------------------------------


def test_asking_keeps_one_request_with_the_chosen_language(webinar):
    alerts.ask_for_the_date(webinar=webinar, email=" Amina@Example.org ", language="fr")

    alert = DateAlert.objects.get()
    assert (alert.webinar, alert.email, alert.language, alert.told_at) == (webinar, "amina@example.org", "fr", None)


def test_the_same_address_asking_twice_changes_nothing(webinar):
    alerts.ask_for_the_date(webinar=webinar, email="amina@example.org", language="fr")
    before = list(DateAlert.objects.values())

    alerts.ask_for_the_date(webinar=webinar, email="AMINA@example.org", language="es")

    assert list(DateAlert.objects.values()) == before


def test_an_address_that_is_not_one_is_refused(webinar):
    with pytest.raises(ValidationError):
        alerts.ask_for_the_date(webinar=webinar, email="not an address", language="en")

    assert not DateAlert.objects.exists()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda: OpenWebinarFactory(), "registration is open: register on its page"),
        (lambda: HeldWebinarFactory(), "has taken place"),
        (lambda: WebinarFactory(status=Webinar.Status.CANCELLED), "was cancelled"),
    ],
    ids=["open", "held", "cancelled"],
)
def test_a_webinar_not_waiting_for_its_date_takes_no_request_and_says_why(client, make, said):
    webinar = make()
    with pytest.raises(ValidationError, match=said):
        alerts.ask_for_the_date(webinar=webinar, email="amina@example.org", language="en")
    page = client.get(reverse("participants:date_alert", kwargs={"slug": webinar.slug}))
    assert said in page.content.decode() and "date-alert-form" not in page.content.decode()


@pytest.mark.parametrize(
    "make",
    [
        lambda: ToBeScheduledWebinarFactory(),
        lambda: WebinarFactory(status=Webinar.Status.POSTPONED, starts_at=None),
        lambda: WebinarFactory(),  # scheduled, no expert yet: registration opens soon
    ],
    ids=["to be scheduled", "postponed", "expert being confirmed"],
)
def test_a_webinar_whose_registration_opens_later_takes_requests(make):
    alerts.ask_for_the_date(webinar=make(), email="amina@example.org", language="en")

    assert DateAlert.objects.count() == 1


def test_nobody_is_told_while_registration_is_not_open(webinar):
    DateAlertFactory(webinar=webinar)

    assert alerts.tell_date_set(webinar=webinar) == 0
    assert not Notice.objects.exists()


def test_once_open_each_request_is_told_once_with_the_register_link_in_its_language():
    webinar = OpenWebinarFactory(title="Patent pools")
    webinar.title_es = "Consorcios de patentes"
    webinar.save()
    DateAlertFactory(webinar=webinar, email="es@example.org", language="es")

    first = alerts.tell_date_set(webinar=webinar)
    second = alerts.tell_date_set(webinar=webinar)

    notice = Notice.objects.get(kind=Notice.Kind.WEBINAR_DATE_SET)
    assert (first, second) == (1, 0)
    assert notice.language == "es" and "Consorcios de patentes" in notice.subject
    assert f"https://webinars.example.org/es/webinars/{webinar.slug}/register/" in notice.body


# The pages ---------------------------------------------------------------------------------


def test_the_public_page_says_date_to_be_announced_and_offers_the_form(client, webinar):
    page = client.get(reverse("webinars:webinar_detail", args=[webinar.slug]))

    assert "Date to be announced: March 2031" in text(page)
    assert reverse("participants:date_alert", args=[webinar.slug]) in page.content.decode()
    assert "register-button" not in page.content.decode()


def test_the_public_page_says_the_period_in_its_own_language(client):
    webinar = ToBeScheduledWebinarFactory(planned_period="2031-Q2")

    with translation.override("fr"):
        url = reverse("webinars:webinar_detail", args=[webinar.slug])
    english = text(client.get(reverse("webinars:webinar_detail", args=[webinar.slug])))
    french = text(client.get(url))

    assert "Date to be announced: second quarter of 2031" in english
    assert "2031" in french and 'lang="fr"' in client.get(url).content.decode()


def test_a_scheduled_webinar_waiting_for_its_expert_says_registration_opens_soon(client):
    webinar = WebinarFactory()  # no expert

    page = text(client.get(reverse("webinars:webinar_detail", args=[webinar.slug])))

    assert "Registration opens soon" in page


def test_a_webinar_open_for_registration_offers_no_request(client):
    webinar = OpenWebinarFactory()

    page = client.get(reverse("webinars:webinar_detail", args=[webinar.slug])).content.decode()

    assert reverse("participants:date_alert", args=[webinar.slug]) not in page


def test_asking_ends_on_the_same_page_whatever_the_address(client, webinar):
    DateAlertFactory(webinar=webinar, email="known@example.org")

    known = ask(client, webinar, email="known@example.org")
    new = ask(client, webinar, email="new@example.org")

    sent = reverse("participants:date_alert_sent", args=[webinar.slug])
    assert known.status_code == new.status_code == 302 and known["Location"] == new["Location"] == sent
    assert DateAlert.objects.filter(webinar=webinar).count() == 2
    assert client.get(sent).status_code == 200


def test_a_request_without_consent_is_refused_with_the_reason(client, webinar):
    response = ask(client, webinar, consent="")

    assert response.status_code == 400
    assert "Please agree to the use of your address" in text(response)
    assert not DateAlert.objects.exists()


def test_a_robot_filling_the_honeypot_is_told_the_same_and_nothing_is_kept(client, webinar):
    response = ask(client, webinar, website="https://spam.example.org")

    assert response.status_code == 302
    assert not DateAlert.objects.exists()


def test_requests_are_limited_per_client_address(client, webinar, settings):
    settings.PORTAL_DATE_ALERT_RATE = "2/h"

    answers = [ask(client, webinar, email=f"person{n}@example.org").status_code for n in range(3)]

    assert answers == [302, 302, 429]
    assert DateAlert.objects.count() == 2


def test_the_register_page_of_a_webinar_to_be_scheduled_offers_to_be_told(client, webinar):
    page = client.get(reverse("participants:webinar_register", args=[webinar.slug])).content.decode()

    assert "registration opens once it is set" in page
    assert reverse("participants:date_alert", args=[webinar.slug]) in page


def test_the_request_page_works_without_the_webinars_page(client, webinar):
    response = client.get(reverse("participants:date_alert", args=[webinar.slug]))

    assert response.status_code == 200 and 'name="email"' in response.content.decode()


def test_an_expert_on_the_webinar_is_not_an_alert(webinar):
    webinar.experts.add(ExpertFactory())

    assert alerts.waits_for_registration(webinar)  # still no date
