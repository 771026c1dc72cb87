"""The feedback survey goes by itself after a webinar is marked held (issue 17): to each attendee
and accepted expert in their language after the delay, one reminder to who has not answered,
"the recording is available" to registrants who did not attend, nothing twice."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from delivery import tasks
from delivery.models import ExpertInvitation
from delivery.services import followup, survey
from delivery.services.scheduling import cancel_webinar, mark_webinar_held
from delivery.tests.factories import ExpertInvitationFactory
from outbox.models import Notice
from participants.models import Registration
from participants.services.registration import record_attendance
from participants.tests.factories import RegistrationFactory
from webinars.models import Feedback, Material, Webinar
from webinars.tests.factories import (
    ExpertFactory,
    HeldWebinarFactory,
    LanguageFactory,
    MaterialFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
SURVEY, REMINDER, RECORDING = (
    Notice.Kind.FEEDBACK_SURVEY,
    Notice.Kind.SURVEY_REMINDER,
    Notice.Kind.RECORDING_AVAILABLE,
)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.PORTAL_SITE_URL = SITE
    settings.PORTAL_SURVEY_DELAY_HOURS = 24
    settings.PORTAL_SURVEY_REMINDER_DAYS = 7
    settings.PORTAL_SURVEY_ATTENDANCE_WAIT_DAYS = 7
    settings.PORTAL_SURVEY_MAX_AGE = 30 * 24 * 3600


class Clock:
    """The portal's clock (``timezone.now``), moved forward by the test."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


def held_webinar(clock, **fields) -> Webinar:
    """A webinar that started two hours ago, marked held now through the scheduling service."""
    webinar = WebinarFactory(starts_at=clock.now - timedelta(hours=2), **fields)
    return mark_webinar_held(webinar=webinar, actor=None).webinar


def expert_speaking(webinar: Webinar, language: str, *, state=ExpertInvitation.State.ACCEPTED):
    expert = ExpertFactory()
    expert.languages.set([LanguageFactory(code=language)])
    webinar.experts.add(expert)
    ExpertInvitationFactory(expert=expert, webinar=webinar, state=state)
    return expert


def attendance(webinar: Webinar, *emails: str) -> None:
    report = "email,name\n" + "".join(f"{email},Someone\n" for email in emails)
    record_attendance(webinar=webinar, raw=report.encode(), actor=None)


def notices(kind=None) -> dict[str, Notice]:
    rows = Notice.objects.all() if kind is None else Notice.objects.filter(kind=kind)
    return {notice.to: notice for notice in rows}


def run() -> dict:
    """The hourly task, as the beat runs it."""
    return tasks.send_feedback_surveys()


def answer(notice: Notice, client) -> None:
    path = re.search(rf"{re.escape(SITE)}(/\S+/survey/\S+/)", notice.body).group(1)
    response = client.post(path, {"overall_rating": "4", "content_rating": "4", "expert_rating": "4"})
    assert response.status_code == 302, response.content


@pytest.fixture
def delivered(clock):
    """A webinar marked held now: two attendees (French, English), one registrant who did not
    come, one who waited for a place, one who cancelled; an accepted expert who speaks Arabic
    and one who declined."""
    webinar = held_webinar(clock)
    RegistrationFactory(webinar=webinar, email="ana@example.org", language="fr")
    RegistrationFactory(webinar=webinar, email="bob@example.org", language="en")
    RegistrationFactory(webinar=webinar, email="absent@example.org", language="es")
    RegistrationFactory(
        webinar=webinar, email="waiting@example.org", language="ru", state=Registration.State.WAITLISTED
    )
    RegistrationFactory(webinar=webinar, email="gone@example.org", language="fr", state=Registration.State.CANCELLED)
    expert = expert_speaking(webinar, "ar")
    declined = expert_speaking(webinar, "fr", state=ExpertInvitation.State.DECLINED)
    attendance(webinar, "ana@example.org", "BOB@example.org", "guest@example.org")
    return {"webinar": webinar, "expert": expert, "declined": declined}


# Marking held --------------------------------------------------------------------------------


def test_marking_a_webinar_held_records_when(clock):
    webinar = held_webinar(clock)

    assert Webinar.objects.get(pk=webinar.pk).marked_held_at == clock.now


# The survey ------------------------------------------------------------------------------------


def test_nothing_goes_before_the_delay(clock, delivered):
    clock.advance(hours=23, minutes=59)

    run()

    assert Notice.objects.filter(kind__in=[SURVEY, REMINDER, RECORDING]).count() == 0


def test_after_the_delay_each_attendee_and_accepted_expert_gets_the_survey_once_in_their_language(clock, delivered):
    clock.advance(hours=24)

    result = run()

    sent = notices(SURVEY)
    assert set(sent) == {"ana@example.org", "bob@example.org", delivered["expert"].email}
    assert (sent["ana@example.org"].language, sent["bob@example.org"].language) == ("fr", "en")
    assert sent[delivered["expert"].email].language == "ar"
    assert f"{SITE}/fr/survey/" in sent["ana@example.org"].body
    assert f"{SITE}/ar/survey/" in sent[delivered["expert"].email].body
    assert sent[delivered["expert"].email].context["is_expert"] is True
    assert result["surveys"] == 3


def test_a_registrant_who_did_not_attend_and_a_declined_expert_get_no_survey(clock, delivered):
    clock.advance(hours=25)

    run()

    sent = notices(SURVEY)
    for email in ("absent@example.org", "waiting@example.org", "gone@example.org", delivered["declined"].email):
        assert email not in sent


def test_running_the_task_twice_sends_nothing_twice(clock, delivered):
    MaterialFactory(webinar=delivered["webinar"], kind=Material.Kind.RECORDING)
    clock.advance(hours=25)
    run()
    first = Notice.objects.count()

    second = run()

    assert Notice.objects.count() == first
    assert second == {"surveys": 0, "reminders": 0, "recordings": 0, "waiting_for_attendance": []}


def test_the_survey_someone_was_sent_by_hand_is_not_sent_again(clock, delivered):
    survey.send_feedback_survey(
        webinar=delivered["webinar"], actor=None, recipients=[("ana@example.org", "en", Feedback.Source.PARTICIPANT)]
    )
    clock.advance(hours=25)

    run()

    assert Notice.objects.filter(kind=SURVEY, to__iexact="ana@example.org").count() == 1
    assert Notice.objects.filter(kind=SURVEY).count() == 3


# The reminder ----------------------------------------------------------------------------------


def test_the_reminder_goes_once_only_to_those_who_did_not_answer(clock, delivered, client):
    clock.advance(hours=25)
    run()
    answer(notices(SURVEY)["ana@example.org"], client)

    clock.advance(days=7)
    run()
    clock.advance(days=1)
    run()

    reminded = notices(REMINDER)
    assert set(reminded) == {"bob@example.org", delivered["expert"].email}
    assert Notice.objects.filter(kind=REMINDER).count() == 2
    assert reminded["bob@example.org"].language == "en"
    assert reminded[delivered["expert"].email].language == "ar"


def test_no_reminder_before_the_reminder_days(clock, delivered):
    clock.advance(hours=25)
    run()

    clock.advance(days=6, hours=23)
    run()

    assert Notice.objects.filter(kind=REMINDER).count() == 0


def test_a_reminder_link_used_after_answering_says_already_answered(clock, delivered, client):
    clock.advance(hours=25)
    run()
    clock.advance(days=7)
    run()
    reminder = notices(REMINDER)["bob@example.org"]
    answer(reminder, client)

    path = re.search(rf"{re.escape(SITE)}(/\S+/survey/\S+/)", notices(SURVEY)["bob@example.org"].body).group(1)
    response = client.get(path)

    assert response.status_code == 200
    assert "delivery/survey/already_answered.html" in [t.name for t in response.templates]
    assert Feedback.objects.filter(webinar=delivered["webinar"]).count() == 1


def test_people_added_by_hand_are_reminded_too(clock, delivered):
    survey.send_feedback_survey(
        webinar=delivered["webinar"],
        actor=None,
        recipients=[("pasted@example.org", "es", Feedback.Source.PARTICIPANT)],
    )
    clock.advance(days=8)

    run()

    assert notices(REMINDER)["pasted@example.org"].language == "es"


# "The recording is available" -------------------------------------------------------------------


def test_registrants_who_did_not_attend_get_recording_available_once_it_is_published_never_the_survey(clock, delivered):
    clock.advance(hours=25)
    run()
    assert notices(RECORDING) == {}

    recording = MaterialFactory(
        webinar=delivered["webinar"], kind=Material.Kind.RECORDING, is_published=False, published_at=None
    )
    followup.publish_material(material=recording, actor=None)
    run()

    told = notices(RECORDING)
    assert set(told) == {"absent@example.org", "waiting@example.org"}
    assert (told["absent@example.org"].language, told["waiting@example.org"].language) == ("es", "ru")
    assert f"/es/webinars/{delivered['webinar'].slug}/#materials" in told["absent@example.org"].body
    assert not set(told) & set(notices(SURVEY))


def test_a_recording_published_before_the_survey_goes_is_announced_with_it(clock, delivered):
    MaterialFactory(webinar=delivered["webinar"], kind=Material.Kind.RECORDING)
    clock.advance(hours=25)

    run()

    assert set(notices(RECORDING)) == {"absent@example.org", "waiting@example.org"}


def test_publishing_again_or_a_second_recording_tells_nobody_twice(clock, delivered):
    clock.advance(hours=25)
    run()
    first = MaterialFactory(
        webinar=delivered["webinar"], kind=Material.Kind.RECORDING, is_published=False, published_at=None
    )
    followup.publish_material(material=first, actor=None)
    followup.withdraw_material(material=first, actor=None)
    followup.publish_material(material=first, actor=None)
    second = MaterialFactory(
        webinar=delivered["webinar"], kind=Material.Kind.RECORDING, is_published=False, published_at=None
    )
    followup.publish_material(material=second, actor=None)

    assert Notice.objects.filter(kind=RECORDING).count() == 2


def test_slides_published_tell_nobody_that_a_recording_is_available(clock, delivered):
    clock.advance(hours=25)
    run()
    slides = MaterialFactory(
        webinar=delivered["webinar"], kind=Material.Kind.SLIDES, is_published=False, published_at=None
    )

    followup.publish_material(material=slides, actor=None)

    assert notices(RECORDING) == {}


# Without an attendance report ------------------------------------------------------------------


@pytest.fixture
def without_report(clock):
    webinar = held_webinar(clock)
    RegistrationFactory(webinar=webinar, email="placed@example.org", language="fr")
    RegistrationFactory(
        webinar=webinar, email="waiting@example.org", language="es", state=Registration.State.WAITLISTED
    )
    RegistrationFactory(webinar=webinar, email="gone@example.org", language="en", state=Registration.State.CANCELLED)
    MaterialFactory(webinar=webinar, kind=Material.Kind.RECORDING)
    return {"webinar": webinar, "expert": expert_speaking(webinar, "en")}


def test_without_an_attendance_report_the_participants_survey_waits_and_the_experts_goes(clock, without_report):
    clock.advance(hours=25)

    result = run()

    assert set(notices(SURVEY)) == {without_report["expert"].email}
    assert notices(RECORDING) == {}
    assert result["waiting_for_attendance"] == [without_report["webinar"].pk]


def test_an_attendance_report_that_comes_in_time_decides_the_participants_survey(clock, without_report):
    clock.advance(days=3)
    run()
    attendance(without_report["webinar"], "waiting@example.org")
    clock.advance(hours=1)

    run()

    assert set(notices(SURVEY)) == {without_report["expert"].email, "waiting@example.org"}
    assert set(notices(RECORDING)) == {"placed@example.org"}


def test_past_the_wait_the_survey_goes_to_the_registrants_who_had_a_place(clock, without_report):
    clock.advance(hours=24)
    clock.advance(days=7)

    run()

    assert set(notices(SURVEY)) == {without_report["expert"].email, "placed@example.org"}
    assert notices(SURVEY)["placed@example.org"].language == "fr"
    assert set(notices(RECORDING)) == {"waiting@example.org"}


def test_the_follow_up_screen_says_the_survey_waits_for_the_attendance_report(clock, without_report, client):
    clock.advance(hours=25)
    run()
    client.force_login(StaffFactory())

    response = client.get(f"/en/secretariat/webinars/{without_report['webinar'].slug}/follow-up/")

    assert "waits for the attendance report" in response.content.decode()


def test_the_follow_up_screen_says_when_the_survey_will_go(clock, client):
    webinar = held_webinar(clock)
    client.force_login(StaffFactory())

    response = client.get(f"/en/secretariat/webinars/{webinar.slug}/follow-up/")

    assert "goes by itself on" in response.content.decode()


# Nothing to send -------------------------------------------------------------------------------


def test_a_held_webinar_without_attendance_or_experts_sends_nothing(clock):
    held_webinar(clock)
    clock.advance(days=9)

    run()

    assert Notice.objects.count() == 0


def test_an_attendance_report_naming_no_registrant_sends_the_participants_nothing(clock):
    webinar = held_webinar(clock)
    RegistrationFactory(webinar=webinar, email="absent@example.org")
    attendance(webinar, "walk-in@example.org")
    clock.advance(hours=25)

    run()

    assert notices(SURVEY) == {}


def test_a_cancelled_webinar_sends_nothing(clock):
    webinar = WebinarFactory(starts_at=clock.now + timedelta(days=3))
    RegistrationFactory(webinar=webinar, email="someone@example.org")
    expert_speaking(webinar, "en")
    cancel_webinar(webinar=webinar, actor=None)
    clock.advance(days=9)

    run()

    assert Notice.objects.filter(kind__in=[SURVEY, REMINDER, RECORDING]).count() == 0


def test_a_webinar_held_before_the_survey_went_by_itself_gets_nothing(clock):
    webinar = HeldWebinarFactory(starts_at=clock.now - timedelta(days=2))
    RegistrationFactory(webinar=webinar, has_attended=True)
    Webinar.objects.filter(pk=webinar.pk).update(attendance_count=1)
    MaterialFactory(webinar=webinar, kind=Material.Kind.RECORDING)

    run()

    assert Notice.objects.count() == 0


def test_the_survey_stops_going_by_itself_once_its_time_is_over(clock, delivered):
    clock.advance(days=30)

    run()

    assert Notice.objects.filter(kind__in=[SURVEY, REMINDER]).count() == 0


# The schedule ---------------------------------------------------------------------------------


def test_the_beat_runs_the_survey_task_every_hour(settings):
    entry = next(
        item
        for item in settings.CELERY_BEAT_SCHEDULE.values()
        if item["task"] == "delivery.tasks.send_feedback_surveys"
    )

    assert entry["schedule"] == 3600.0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_message_once(clock):
    webinar = held_webinar(clock)
    for number in range(20):
        RegistrationFactory(webinar=webinar, email=f"person{number}@example.org", has_attended=True)
    Webinar.objects.filter(pk=webinar.pk).update(attendance_count=20)
    clock.advance(hours=25)
    barrier = threading.Barrier(4)
    errors = []

    def one_run():
        try:
            barrier.wait(timeout=30)
            survey.send_due_surveys()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one_run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert Notice.objects.filter(kind=SURVEY).count() == 20
