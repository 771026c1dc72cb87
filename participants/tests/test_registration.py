"""Registering for a scheduled webinar: capacity and waiting list, one registration per
address, messages in the participant's language, reminders, attendance reports."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from outbox.models import Notice
from participants.models import Registration
from participants.services import registration as services
from participants.tasks import send_webinar_reminders as reminders_task
from participants.tests.factories import RegistrationFactory
from webinars.models import Webinar
from webinars.tests.factories import HeldWebinarFactory
from webinars.tests.factories import OpenWebinarFactory as WebinarFactory  # registration opens with an expert

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
# 08:00 UTC in June is 10:00 in Geneva (summer time).
STARTS_AT = datetime(2031, 6, 3, 8, 0, tzinfo=UTC)
START_STAMP = "20310603T0800Z"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = SITE + "/"


def form_data(**overrides) -> dict:
    data = {
        "name": "Amina Odhiambo",
        "email": "amina@example.org",
        "country": "KE",
        "organisation": "Kenya Industrial Property Institute",
        "participant_type": Registration.ParticipantType.IP_OFFICE,
        "language": "en",
        "questions": "How do small offices handle examination backlogs?",
        "has_consented": True,
    }
    return {**data, **overrides}


def register(webinar, **overrides) -> Registration:
    return services.register_participant(webinar=webinar, data=form_data(**overrides))


# The service --------------------------------------------------------------------------


def test_registering_for_a_scheduled_webinar_registers_and_counts(django_capture_on_commit_callbacks):
    webinar = WebinarFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(webinar)
    assert registration.state == Registration.State.REGISTERED
    assert registration.consented_at is not None
    webinar.refresh_from_db()
    assert webinar.registration_count == 1


def test_confirmation_is_in_the_participants_language_with_ics_and_join_links(django_capture_on_commit_callbacks):
    webinar = WebinarFactory(starts_at=STARTS_AT, join_url="https://meet.example.org/j/123")
    with django_capture_on_commit_callbacks(execute=True):
        register(webinar, language="fr")
    notice = Notice.objects.get(kind=Notice.Kind.REGISTRATION_CONFIRMED)
    assert notice.language == "fr"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"{SITE}/fr/webinars/{webinar.slug}/calendar.ics" in body
    assert "https://meet.example.org/j/123" in body
    assert "10:00" in body  # Geneva time, French format (08:00 UTC)


def test_confirmation_without_a_join_link_says_it_will_come(django_capture_on_commit_callbacks):
    webinar = WebinarFactory(join_url="")
    with django_capture_on_commit_callbacks(execute=True):
        register(webinar)
    assert "We will send you the link to join" in mail.outbox[0].body


def test_the_same_address_twice_gets_one_registration_and_one_message(django_capture_on_commit_callbacks):
    webinar = WebinarFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = register(webinar, email="Amina@Example.org")
    with django_capture_on_commit_callbacks(execute=True):
        second = register(webinar, email=" amina@example.ORG ", name="Someone else")
    assert first.pk == second.pk
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Amina Odhiambo"
    assert len(mail.outbox) == 1
    webinar.refresh_from_db()
    assert webinar.registration_count == 1


def test_the_same_address_may_register_for_two_webinars():
    register(WebinarFactory())
    register(WebinarFactory())
    assert Registration.objects.count() == 2


def test_beyond_capacity_goes_to_the_waiting_list_without_join_link(django_capture_on_commit_callbacks):
    webinar = WebinarFactory(capacity=1, join_url="https://meet.example.org/j/123")
    with django_capture_on_commit_callbacks(execute=True):
        register(webinar, email="first@example.org")
        waiting = register(webinar, email="second@example.org")
    assert waiting.state == Registration.State.WAITLISTED
    waitlist_mail = next(m for m in mail.outbox if m.to == ["second@example.org"])
    assert "waiting list" in waitlist_mail.body
    assert "https://meet.example.org/j/123" not in waitlist_mail.body
    webinar.refresh_from_db()
    assert webinar.registration_count == 1


def test_a_webinar_without_capacity_takes_everyone():
    webinar = WebinarFactory(capacity=None)
    states = {register(webinar, email=f"p{n}@example.org").state for n in range(5)}
    assert states == {Registration.State.REGISTERED}


def test_registration_after_the_start_is_refused_and_saves_nothing():
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationError, match="started"):
        register(webinar)
    assert not Registration.objects.exists()
    assert not Notice.objects.exists()


@pytest.mark.parametrize("status", [Webinar.Status.PLANNED, Webinar.Status.HELD, Webinar.Status.CANCELLED])
def test_only_scheduled_webinars_take_registrations(status):
    webinar = WebinarFactory(status=status)
    with pytest.raises(ValidationError, match="not open for registration"):
        register(webinar)
    assert not Registration.objects.exists()


def test_registration_without_consent_is_refused():
    with pytest.raises(ValidationError, match="agree"):
        register(WebinarFactory(), has_consented=False)
    assert not Registration.objects.exists()


# The pages ----------------------------------------------------------------------------


def register_url(webinar, language="en"):
    return f"/{language}/webinars/{webinar.slug}/register/"


def post_data(**overrides) -> dict:
    data = form_data(**overrides)
    data.pop("has_consented")
    data["consent"] = "on"
    return data


def test_the_webinar_page_links_to_the_registration_form(client):
    webinar = WebinarFactory()
    response = client.get(f"/en/webinars/{webinar.slug}/")
    assert register_url(webinar).encode() in response.content


def test_a_held_webinars_page_has_no_registration_link(client):
    webinar = HeldWebinarFactory()
    response = client.get(f"/en/webinars/{webinar.slug}/")
    assert b"/register/" not in response.content


def test_the_form_registers_and_shows_the_same_page_for_a_repeat(client, django_capture_on_commit_callbacks):
    webinar = WebinarFactory()
    assert client.get(register_url(webinar)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(register_url(webinar, "fr"), post_data(language="fr"))
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(register_url(webinar, "fr"), post_data(language="fr", email="AMINA@example.org"))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/fr/webinars/{webinar.slug}/registered/"
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1
    assert client.get(first["Location"]).status_code == 200


def test_a_registration_asks_once_who_gives_the_webinar(client):
    """The page's refusal and the service's check share one answer (no capacity: no row lock)."""
    webinar = WebinarFactory(capacity=None)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(register_url(webinar), post_data())

    assert response.status_code == 302
    assert sum('"webinars_webinar_experts"' in query["sql"] for query in queries.captured_queries) == 1


@pytest.mark.parametrize(("capacity", "statements"), [(None, 5), (50, 7)])
def test_a_registration_post_costs_a_few_statements_whatever_the_webinar(
    client, django_assert_max_num_queries, capacity, statements
):
    """Without a capacity: the webinar read with whether someone gives it, the registration, the
    confirmation (its key looked up, then written: outbox.services.queue_notice) and the count of
    places. With one, also the webinar's row locked and read again with the same answer, and the
    places counted. Two more here: the savepoint the service's transaction is inside a test."""
    webinar = WebinarFactory(capacity=capacity)
    client.post(register_url(webinar), post_data(email="first@example.org"))  # content types cached from here

    with django_assert_max_num_queries(statements + 2):
        response = client.post(register_url(webinar), post_data())

    assert response.status_code == 302
    assert Registration.objects.filter(webinar=webinar).count() == 2


def test_the_form_refuses_a_bad_country_code(client):
    webinar = WebinarFactory()
    response = client.post(register_url(webinar), post_data(country="Kenya"))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_the_form_refuses_without_consent(client):
    webinar = WebinarFactory()
    data = post_data()
    del data["consent"]
    response = client.post(register_url(webinar), data)
    assert response.status_code == 400
    assert b"Please agree to the use of your data" in response.content
    assert not Registration.objects.exists()


def test_the_form_after_the_start_says_registration_is_closed(client):
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(minutes=1))
    response = client.post(register_url(webinar), post_data())
    assert response.status_code == 400
    assert b"registration-closed" in response.content
    assert not Registration.objects.exists()


def test_a_robot_filling_the_honeypot_registers_nobody(client):
    webinar = WebinarFactory()
    response = client.post(register_url(webinar), {**post_data(), "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_a_planned_webinar_has_no_registration_page(client):
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=None)
    assert client.get(register_url(webinar)).status_code == 404
    assert client.post(register_url(webinar), post_data()).status_code == 404


# Reminders ----------------------------------------------------------------------------


def reminder_keys():
    return sorted(Notice.objects.filter(kind=Notice.Kind.WEBINAR_REMINDER).values_list("key", flat=True))


def make_registration(webinar, *, created_at, **kwargs) -> Registration:
    registration = RegistrationFactory(webinar=webinar, **kwargs)
    Registration.objects.filter(pk=registration.pk).update(created_at=created_at)
    return registration


def test_the_day_reminder_goes_once_in_the_participants_language_with_geneva_time():
    webinar = WebinarFactory(starts_at=STARTS_AT, join_url="https://meet.example.org/j/1")
    registration = make_registration(webinar, created_at=STARTS_AT - timedelta(days=10), language="fr")
    now = STARTS_AT - timedelta(hours=23, minutes=55)
    assert services.send_webinar_reminders(now=now) == 1
    assert services.send_webinar_reminders(now=now + timedelta(minutes=10)) == 0
    notice = Notice.objects.get(kind=Notice.Kind.WEBINAR_REMINDER)
    assert notice.key == f"webinar_reminder:day:{registration.pk}:{START_STAMP}"
    assert notice.language == "fr"
    assert "10:00" in notice.body
    assert "https://meet.example.org/j/1" in notice.body


def test_the_hour_reminder_follows_the_day_reminder():
    webinar = WebinarFactory(starts_at=STARTS_AT)
    registration = make_registration(webinar, created_at=STARTS_AT - timedelta(days=10))
    services.send_webinar_reminders(now=STARTS_AT - timedelta(hours=20))
    services.send_webinar_reminders(now=STARTS_AT - timedelta(minutes=50))
    services.send_webinar_reminders(now=STARTS_AT - timedelta(minutes=40))
    assert reminder_keys() == [
        f"webinar_reminder:day:{registration.pk}:{START_STAMP}",
        f"webinar_reminder:hour:{registration.pk}:{START_STAMP}",
    ]


def test_a_webinar_moved_after_its_day_reminder_reminds_again_before_the_new_start():
    webinar = WebinarFactory(starts_at=STARTS_AT)
    registration = make_registration(webinar, created_at=STARTS_AT - timedelta(days=10))
    services.send_webinar_reminders(now=STARTS_AT - timedelta(hours=20))
    moved_to = STARTS_AT + timedelta(days=7)
    Webinar.objects.filter(pk=webinar.pk).update(starts_at=moved_to)

    assert services.send_webinar_reminders(now=moved_to - timedelta(hours=20)) == 1
    assert reminder_keys() == [
        f"webinar_reminder:day:{registration.pk}:{START_STAMP}",
        f"webinar_reminder:day:{registration.pk}:{moved_to:%Y%m%dT%H%MZ}",
    ]


def test_no_reminder_is_due_two_days_before_or_after_the_start():
    webinar = WebinarFactory(starts_at=STARTS_AT)
    make_registration(webinar, created_at=STARTS_AT - timedelta(days=10))
    assert services.send_webinar_reminders(now=STARTS_AT - timedelta(days=2)) == 0
    assert services.send_webinar_reminders(now=STARTS_AT + timedelta(minutes=1)) == 0
    assert reminder_keys() == []


def test_someone_who_registered_on_the_eve_gets_only_the_hour_reminder():
    webinar = WebinarFactory(starts_at=STARTS_AT)
    registration = make_registration(webinar, created_at=STARTS_AT - timedelta(hours=5))
    services.send_webinar_reminders(now=STARTS_AT - timedelta(hours=4))
    services.send_webinar_reminders(now=STARTS_AT - timedelta(minutes=30))
    assert reminder_keys() == [f"webinar_reminder:hour:{registration.pk}:{START_STAMP}"]


def test_the_waiting_list_and_cancelled_webinars_get_no_reminder():
    webinar = WebinarFactory(starts_at=STARTS_AT)
    make_registration(webinar, created_at=STARTS_AT - timedelta(days=10), state=Registration.State.WAITLISTED)
    cancelled = WebinarFactory(starts_at=STARTS_AT, status=Webinar.Status.CANCELLED)
    make_registration(cancelled, created_at=STARTS_AT - timedelta(days=10))
    assert services.send_webinar_reminders(now=STARTS_AT - timedelta(hours=2)) == 0


def test_the_reminder_task_queues_due_reminders_and_is_scheduled():
    webinar = WebinarFactory(starts_at=timezone.now() + timedelta(minutes=30))
    make_registration(webinar, created_at=timezone.now() - timedelta(days=3))
    assert reminders_task.delay().get() == 1
    assert reminders_task.delay().get() == 0
    schedule = settings.CELERY_BEAT_SCHEDULE["send-webinar-reminders"]
    assert schedule["task"] == "participants.tasks.send_webinar_reminders"
    assert schedule["schedule"] == 600.0


# Attendance ---------------------------------------------------------------------------

REPORT = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
    "Amina,AMINA@example.org,06/03/2031 10:00,06/03/2031 11:30,90\n"
    "Amina,amina@example.org,06/03/2031 11:31,06/03/2031 11:40,9\n"
    "Guest,guest@example.org,06/03/2031 10:05,06/03/2031 11:00,55\n"
    "No address,,06/03/2031 10:05,06/03/2031 11:00,55\n"
    "Typo,not-an-address,06/03/2031 10:05,06/03/2031 11:00,55\n"
    "Short row,short@example.org\n"
)


@pytest.fixture
def held_with_registrations():
    webinar = HeldWebinarFactory()
    amina = RegistrationFactory(webinar=webinar, email="amina@example.org", country="KE")
    absent = RegistrationFactory(webinar=webinar, email="absent@example.org", country="BR", has_attended=True)
    return webinar, amina, absent


def test_attendance_marks_registrations_and_lists_unknown_and_bad_rows(held_with_registrations):
    webinar, amina, absent = held_with_registrations
    result = services.record_attendance(webinar=webinar, raw=REPORT.encode())
    assert result.matched == 1
    assert result.attendees == 2  # Amina (twice) and the guest
    assert [(row.line, row.email) for row in result.unknown] == [(4, "guest@example.org")]
    assert [(row.line, row.email) for row in result.bad] == [
        (5, ""),
        (6, "not-an-address"),
        (7, "short@example.org"),
    ]
    amina.refresh_from_db()
    absent.refresh_from_db()
    webinar.refresh_from_db()
    assert amina.has_attended is True
    assert absent.has_attended is False  # the report is the whole truth
    assert webinar.attendance_count == 2


def test_attendance_counts_by_country_and_type(held_with_registrations):
    webinar, _amina, _absent = held_with_registrations
    services.record_attendance(webinar=webinar, raw=REPORT.encode())
    breakdown = services.attendance_breakdown(webinar=webinar)
    assert breakdown["by_country"] == [{"country": "KE", "count": 1}]
    assert breakdown["by_type"] == [{"participant_type": "Intellectual property office", "count": 1}]


def test_semicolon_report_with_bom_is_read():
    webinar = HeldWebinarFactory()
    RegistrationFactory(webinar=webinar, email="amina@example.org")
    raw = "\ufeffE-mail;Name\namina@example.org;Amina\n".encode()
    assert services.record_attendance(webinar=webinar, raw=raw).matched == 1


@pytest.mark.parametrize(
    "raw",
    [
        b"Name,Join Time\nAmina,10:00\n",  # no e-mail column
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # an image renamed .csv
        b"",  # empty
    ],
)
def test_a_malformed_report_is_refused_and_changes_nothing(held_with_registrations, raw):
    webinar, amina, absent = held_with_registrations
    with pytest.raises(ValidationError):
        services.record_attendance(webinar=webinar, raw=raw)
    absent.refresh_from_db()
    webinar.refresh_from_db()
    assert absent.has_attended is True
    assert webinar.attendance_count == 0


def test_attendance_of_a_webinar_not_yet_held_is_refused():
    webinar = WebinarFactory()
    with pytest.raises(ValidationError, match="not taken place"):
        services.record_attendance(webinar=webinar, raw=b"email\na@example.org\n")


def test_staff_upload_the_report_in_the_admin_and_see_every_row(client, held_with_registrations):
    webinar, _amina, _absent = held_with_registrations
    client.force_login(StaffFactory())
    url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})
    response = client.post(url, {"attendance-report": SimpleUploadedFile("report.csv", REPORT.encode(), "text/csv")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "guest@example.org" in html
    assert "not-an-address" in html
    assert "short@example.org" in html
    assert "Intellectual property office" in html
    webinar.refresh_from_db()
    assert webinar.attendance_count == 2


def test_the_admin_action_leads_to_the_upload_page(client):
    webinar = HeldWebinarFactory()
    client.force_login(StaffFactory())
    response = client.post(
        reverse("admin:webinars_webinar_changelist"),
        {"action": "upload_attendance", "_selected_action": [webinar.pk]},
    )
    assert response.status_code == 302
    attendance_url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})
    assert response["Location"] == attendance_url


def test_a_user_who_is_not_staff_cannot_reach_the_upload_page(client):
    from accounts.tests.factories import UserFactory

    webinar = HeldWebinarFactory()
    client.force_login(UserFactory())
    url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})
    response = client.post(url, {"attendance-report": SimpleUploadedFile("r.csv", b"email\na@example.org\n")})
    assert response.status_code == 302  # to the admin login
    webinar.refresh_from_db()
    assert webinar.attendance_count == 0
