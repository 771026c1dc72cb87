"""Abuse of the registration form: limits per client and per address, the honeypot, and a
stranger registering again an address whose registration was cancelled (issue 20, finding 2)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from outbox.models import Notice
from participants.models import Registration
from participants.services import registration as services
from webinars.tests.factories import OpenWebinarFactory as WebinarFactory  # registration opens with an expert

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PORTAL_SITE_URL = SITE + "/"
    settings.PORTAL_REGISTRATION_RATE = "3/h"
    settings.PORTAL_REGISTRATION_ADDRESS_RATE = "2/d"
    cache.clear()
    yield
    cache.clear()


def form(**overrides) -> dict:
    return {
        "name": "Amina Odhiambo",
        "email": "amina@example.org",
        "country": "KE",
        "organisation": "Kenya Industrial Property Institute",
        "participant_type": Registration.ParticipantType.IP_OFFICE,
        "language": "en",
        "questions": "",
        "time_zone": "Africa/Nairobi",
        "consent": "on",
        **overrides,
    }


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the form as a browser at `client_address` would (messages delivered on commit)."""

    def send(webinar, *, client_address="192.0.2.10", page_language="en", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/{page_language}/webinars/{webinar.slug}/register/", form(**extra), REMOTE_ADDR=client_address
            )

    return send


# Per client -----------------------------------------------------------------------------


def test_a_client_posting_too_often_gets_a_429_page_in_its_language_and_nothing_is_saved_or_sent(post):
    webinar = WebinarFactory()
    for number in range(3):
        assert post(webinar, email=f"person{number}@example.org", client_address="198.51.100.7").status_code == 302

    response = post(webinar, email="person3@example.org", client_address="198.51.100.7", page_language="fr")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    page = response.content.decode()
    assert '<html lang="fr"' in page and "Trop de demandes" in page  # the visitor's language
    assert f"/fr/webinars/{webinar.slug}/" in page
    assert not Registration.objects.filter(email="person3@example.org").exists()
    assert Notice.objects.count() == 3
    assert len(mail.outbox) == 3
    webinar.refresh_from_db()
    assert webinar.registration_count == 3


def test_the_client_limit_counts_invalid_posts_and_every_webinar(post):
    first, second = WebinarFactory(), WebinarFactory()
    post(first, country="Kenya", client_address="198.51.100.8")
    post(second, country="Kenya", client_address="198.51.100.8")
    post(first, consent="", client_address="198.51.100.8")

    assert post(second, client_address="198.51.100.8").status_code == 429
    assert not Registration.objects.exists()
    assert not Notice.objects.exists()


def test_robots_filling_the_honeypot_count_against_their_client_too(post):
    webinar = WebinarFactory()
    for number in range(3):
        response = post(webinar, email=f"bot{number}@example.org", website="http://spam.example")
        assert response.status_code == 302  # told the same as a person, nothing kept

    assert post(webinar, email="bot3@example.org", website="http://spam.example").status_code == 429
    assert not Registration.objects.exists()
    assert not Notice.objects.exists()


def test_bots_cannot_fill_a_capacity_from_one_client(post):
    webinar = WebinarFactory(capacity=5)
    statuses = [post(webinar, email=f"bot{number}@example.org").status_code for number in range(5)]

    assert statuses == [302, 302, 302, 429, 429]
    webinar.refresh_from_db()
    assert webinar.registration_count == 3
    assert post(webinar, email="person@example.org", client_address="203.0.113.50").status_code == 302
    assert Registration.objects.get(email="person@example.org").state == Registration.State.REGISTERED


def test_another_client_is_not_held_back_by_a_busy_one(post):
    webinar = WebinarFactory()
    for number in range(4):
        post(webinar, email=f"person{number}@example.org", client_address="198.51.100.7")

    assert post(webinar, email="other@example.org", client_address="198.51.100.9").status_code == 302


def test_the_registration_page_carries_the_honeypot_out_of_sight(client):
    webinar = WebinarFactory()
    page = client.get(f"/en/webinars/{webinar.slug}/register/").content.decode()
    assert 'class="mb-3 network-honeypot"' in page
    assert re.search(r'<input type="text" name="website"[^>]*tabindex="-1"', page)


def test_a_get_of_the_form_does_not_count(client, post):
    webinar = WebinarFactory()
    for _ in range(5):
        assert client.get(f"/en/webinars/{webinar.slug}/register/", REMOTE_ADDR="192.0.2.10").status_code == 200

    assert post(webinar).status_code == 302


# The client address: the one the login limit uses ----------------------------------------------


def _last_forwarded_address(request):
    """What axes answers behind one trusted proxy: the address the proxy saw, last in X-Forwarded-For."""
    return request.META.get("HTTP_X_FORWARDED_FOR", request.META["REMOTE_ADDR"]).split(",")[-1].strip()


def test_the_client_limit_is_keyed_by_the_address_axes_trusts_not_by_the_proxys(client, settings):
    """Behind the TLS proxy every request comes from the proxy's address: the limit counts the
    client address axes works out (PORTAL_TRUSTED_PROXY_COUNT), like the login and sign-up limits."""
    settings.AXES_CLIENT_IP_CALLABLE = _last_forwarded_address
    webinar = WebinarFactory()
    url = f"/en/webinars/{webinar.slug}/register/"

    def through_proxy(email, forwarded_for):
        return client.post(url, form(email=email), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)

    # A client cannot escape its limit by sending its own X-Forwarded-For entries: the proxy
    # appends the address it saw, and that one is counted.
    answers = [through_proxy(f"a{n}@example.org", f"192.0.2.{n}, 198.51.100.20").status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
    # Other visitors behind the same proxy still register.
    assert through_proxy("b@example.org", "198.51.100.21").status_code == 302
    assert through_proxy("c@example.org", "198.51.100.22").status_code == 302
    assert Registration.objects.count() == 5


# Per address ----------------------------------------------------------------------------


def test_one_address_gets_at_most_two_requests_a_day_even_from_many_clients_and_webinars(post):
    webinars = [WebinarFactory() for _ in range(3)]
    assert post(webinars[0], client_address="203.0.113.1").status_code == 302
    assert post(webinars[1], email="AMINA@example.org", client_address="203.0.113.2").status_code == 302

    response = post(webinars[2], client_address="203.0.113.3")

    assert response.status_code == 429
    assert response["Retry-After"] == "86400"
    assert not Registration.objects.filter(webinar=webinars[2]).exists()
    assert Notice.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_address_limit_page_is_the_same_whether_the_address_is_registered_or_not(post):
    webinar = WebinarFactory()
    services.register_participant(
        webinar=webinar,
        data={"name": "Known", "email": "known@example.org", "country": "KE", "has_consented": True},
    )
    pages = {}
    for email in ("known@example.org", "unknown@example.org"):
        for number in range(2):
            assert post(webinar, email=email, client_address=f"203.0.113.{number}").status_code == 302
        response = post(webinar, email=email, client_address="203.0.113.9")
        assert response.status_code == 429
        # Less what differs on every page (the CSP nonce, the language menu's masked CSRF token).
        page = re.sub(rb'(nonce|name="csrfmiddlewaretoken" value)="[^"]*"', b"", response.content)
        pages[email] = (response["Retry-After"], page)
        cache.delete_many([f"registration:client:203.0.113.{n}" for n in (0, 1, 9)])

    assert pages["known@example.org"] == pages["unknown@example.org"]
    assert b"known@example.org" not in pages["known@example.org"][1]


# Registering again after a cancellation ---------------------------------------------------------


def test_a_stranger_registering_a_cancelled_address_again_changes_none_of_its_details(post):
    webinar = WebinarFactory()
    owner = services.register_participant(
        webinar=webinar,
        data={
            "name": "Amina Odhiambo",
            "email": "amina@example.org",
            "country": "KE",
            "organisation": "Kenya Industrial Property Institute",
            "participant_type": Registration.ParticipantType.IP_OFFICE,
            "language": "fr",
            "questions": "How do small offices handle examination backlogs?",
            "time_zone": "Africa/Nairobi",
            "has_consented": True,
        },
    )
    services.cancel_registration(registration=owner)
    before = Registration.objects.values().get(pk=owner.pk)
    mail.outbox.clear()

    response = post(
        webinar,
        email="Amina@Example.org",
        name="Somebody Else",
        country="RU",
        organisation="Elsewhere Ltd",
        participant_type=Registration.ParticipantType.OTHER,
        language="ru",
        questions="Planted question",
        time_zone="Europe/Moscow",
        client_address="203.0.113.66",
    )

    assert response.status_code == 302  # the page every valid registration ends on
    assert response["Location"] == f"/en/webinars/{webinar.slug}/registered/"
    after = Registration.objects.values().get(pk=owner.pk)
    kept = ("name", "email", "country", "organisation", "participant_type", "language", "questions", "time_zone")
    assert {field: after[field] for field in kept} == {field: before[field] for field in kept}
    assert after["state"] == Registration.State.REGISTERED and after["cancelled_at"] is None
    assert Registration.objects.count() == 1
    # The owner hears of it, at the address, in the owner's language, with the link to cancel.
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    notice = Notice.objects.filter(kind=Notice.Kind.REGISTRATION_CONFIRMED).latest("pk")
    assert notice.language == "fr"
    assert "Amina Odhiambo" in message.body and "Somebody Else" not in message.body
    assert notice.context["cancel_url"] in message.body
