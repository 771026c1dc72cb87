"""Registrations arriving at the same moment, on a real PostgreSQL (SQLite has one writer
at a time, so it cannot show a race): the issue's "two hundred people registering for the
last ten places at the same moment: exactly ten get in, the rest go to the waiting list,
nothing lost"."""

import threading

import pytest
from django.db import connection
from django.test import Client

from outbox.models import Notice
from participants.models import Registration
from participants.tests.factories import RegistrationFactory
from webinars.models import Webinar
from webinars.tests.factories import OpenWebinarFactory as WebinarFactory  # dated, its expert accepted

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 200
# PostgreSQL serves 100 connections by default and other tests share it: 40 clients, each
# with its own connection, post 5 registrations each back to back, all released at once.
CLIENTS = 40


@pytest.fixture(autouse=True)
def _no_limits(settings):
    """These tests are about races, not abuse: every client posts from 127.0.0.1, and one
    test posts one address forty times (test_registration_limits.py tests the limits)."""
    settings.PORTAL_REGISTRATION_RATE = "100000/h"
    settings.PORTAL_REGISTRATION_ADDRESS_RATE = "100000/h"


def form(number: int) -> dict:
    return {
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "country": "KE",
        "participant_type": Registration.ParticipantType.GOVERNMENT,
        "language": "fr" if number % 2 else "en",
        "time_zone": "Africa/Nairobi",
        "consent": "on",
    }


def post_all_at_once(webinar: Webinar, forms: list[dict]) -> tuple[list[int], list[Exception]]:
    barrier = threading.Barrier(CLIENTS)
    statuses: list[int] = []
    errors: list[Exception] = []
    lock = threading.Lock()
    url = f"/en/webinars/{webinar.slug}/register/"

    def client_thread(share: list[dict]):
        client = Client()
        try:
            barrier.wait(timeout=60)
            for data in share:
                response = client.post(url, data)
                with lock:
                    statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported by the test
            with lock:
                errors.append(error)
        finally:
            connection.close()

    shares = [forms[index::CLIENTS] for index in range(CLIENTS)]
    threads = [threading.Thread(target=client_thread, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a registration never finished"
    return statuses, errors


def test_two_hundred_people_for_the_last_ten_places_ten_get_in_none_lost():
    webinar = WebinarFactory(capacity=30)
    for number in range(20):
        RegistrationFactory(webinar=webinar, email=f"early{number}@example.org")
    Webinar.objects.filter(pk=webinar.pk).update(registration_count=20)

    statuses, errors = post_all_at_once(webinar, [form(number) for number in range(PEOPLE)])

    assert errors == []
    assert statuses == [302] * PEOPLE
    newcomers = Registration.objects.filter(webinar=webinar, email__startswith="person")
    assert newcomers.count() == PEOPLE
    assert newcomers.filter(state=Registration.State.REGISTERED).count() == 10
    assert newcomers.filter(state=Registration.State.WAITLISTED).count() == PEOPLE - 10
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_CONFIRMED).count() == 10
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_WAITLISTED).count() == PEOPLE - 10
    assert set(Notice.objects.values_list("to", flat=True)) == set(newcomers.values_list("email", flat=True))
    webinar.refresh_from_db()
    assert webinar.registration_count == 30


def test_without_a_capacity_everyone_gets_in_and_the_count_is_exact():
    webinar = WebinarFactory(capacity=None)

    statuses, errors = post_all_at_once(webinar, [form(number) for number in range(PEOPLE)])

    assert errors == []
    assert statuses == [302] * PEOPLE
    assert Registration.objects.filter(webinar=webinar, state=Registration.State.REGISTERED).count() == PEOPLE
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_CONFIRMED).count() == PEOPLE
    webinar.refresh_from_db()
    assert webinar.registration_count == PEOPLE


def test_one_address_posted_by_forty_clients_at_once_makes_one_registration_and_one_message():
    webinar = WebinarFactory(capacity=None)

    statuses, errors = post_all_at_once(webinar, [form(7)] * CLIENTS)

    assert errors == []
    assert statuses == [302] * CLIENTS  # every one of them sees the same thank-you page
    assert Registration.objects.filter(webinar=webinar).count() == 1
    assert Notice.objects.filter(kind=Notice.Kind.REGISTRATION_CONFIRMED).count() == 1
    webinar.refresh_from_db()
    assert webinar.registration_count == 1


@pytest.mark.parametrize(("capacity", "locks"), [(None, 0), (50, 1)])
def test_the_webinar_row_is_locked_only_when_places_are_counted(client, capacity, locks):
    from django.test.utils import CaptureQueriesContext

    webinar = WebinarFactory(capacity=capacity)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/en/webinars/{webinar.slug}/register/", form(1))
    assert response.status_code == 302
    webinar_locks = [
        q for q in queries.captured_queries if 'FROM "webinars_webinar"' in q["sql"] and "FOR UPDATE" in q["sql"]
    ]
    assert len(webinar_locks) == locks
