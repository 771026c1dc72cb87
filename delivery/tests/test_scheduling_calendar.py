"""Calendars follow every change of a webinar: one UID, a SEQUENCE that grows with each change,
a REQUEST for a new date and a CANCEL for a cancellation or a postponement, in each person's
language, once per person and change."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from delivery.models import ExpertInvitation
from delivery.services import scheduling
from delivery.tests.factories import ExpertInvitationFactory
from outbox.delivery import deliver_notice
from outbox.models import Notice
from participants.models import Registration
from participants.tests.factories import RegistrationFactory
from webinars.calendar import event_uid
from webinars.models import Webinar
from webinars.tests.factories import ExpertFactory, LanguageFactory, WebinarFactory

pytestmark = pytest.mark.django_db

SITE = "https://webinars.example.org"
STARTS_AT = datetime(2031, 3, 4, 13, 0, tzinfo=UTC)
NEW_STARTS_AT = datetime(2031, 4, 8, 12, 0, tzinfo=UTC)
JOIN_URL = "https://meet.example.org/j/2031"
TITLES = {"en": "Patents", "fr": "Brevets", "es": "Patentes", "ar": "براءات الاختراع"}
# Who is told, in which language (the Arabic-speaking expert included).
TOLD = {"en@example.org": "en", "fr@example.org": "fr", "es@example.org": "es", "expert@example.org": "ar"}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PORTAL_SITE_URL = SITE


@pytest.fixture
def officer():
    return SecretariatFactory(roles=["Programme officer"])


@pytest.fixture
def audience():
    """A scheduled webinar titled in four languages, with two registrants (English, French), one
    person waiting (Spanish) and an expert who accepted (Arabic)."""
    webinar = WebinarFactory(starts_at=STARTS_AT, capacity=2, join_url=JOIN_URL)
    for language, title in TITLES.items():
        setattr(webinar, f"title_{language}", title)
    webinar.save()
    RegistrationFactory(webinar=webinar, email="en@example.org", language="en")
    RegistrationFactory(webinar=webinar, email="fr@example.org", language="fr")
    RegistrationFactory(webinar=webinar, email="es@example.org", language="es", state=Registration.State.WAITLISTED)
    expert = ExpertFactory(email="expert@example.org")
    expert.languages.add(LanguageFactory(code="ar"))
    ExpertInvitationFactory(webinar=webinar, expert=expert, state=ExpertInvitation.State.ACCEPTED)
    webinar.experts.add(expert)
    return SimpleNamespace(webinar=webinar, uid=event_uid(webinar))


def entries(kind: str) -> dict[str, tuple[icalendar.Calendar, icalendar.Event]]:
    """The calendar and event each person's message of this kind carries, by address."""
    found = {}
    for notice in Notice.objects.filter(kind=kind):
        calendar = icalendar.Calendar.from_ical(notice.calendar)
        [event] = calendar.walk("VEVENT")
        found[notice.to] = (calendar, event)
    return found


def sequence(webinar) -> int:
    return Webinar.objects.get(pk=webinar.pk).calendar_sequence


# Moving -----------------------------------------------------------------------------------


def test_a_move_keeps_the_uid_raises_the_sequence_and_gives_the_new_date(officer, audience):
    before = sequence(audience.webinar)

    scheduling.move_webinar(webinar=audience.webinar, starts_at=NEW_STARTS_AT, actor=officer)

    assert sequence(audience.webinar) == before + 1
    moved = entries(Notice.Kind.WEBINAR_MOVED)
    assert set(moved) == set(TOLD)
    for address, (calendar, event) in moved.items():
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == audience.uid
        assert event["SEQUENCE"] == before + 1
        assert event.decoded("DTSTART") == NEW_STARTS_AT
        # The waiting list's entry is tentative: no place is confirmed yet.
        assert str(event["STATUS"]) == ("TENTATIVE" if address == "es@example.org" else "CONFIRMED")


def test_each_person_gets_one_message_per_change_with_the_entry_in_their_language(officer, audience):
    scheduling.move_webinar(webinar=audience.webinar, starts_at=NEW_STARTS_AT, actor=officer)
    scheduling.move_webinar(webinar=audience.webinar, starts_at=NEW_STARTS_AT + timedelta(days=1), actor=officer)

    notices = Notice.objects.filter(kind=Notice.Kind.WEBINAR_MOVED)
    assert Counter(notices.values_list("to", flat=True)) == {address: 2 for address in TOLD}
    for notice in notices:
        assert notice.language == TOLD[notice.to]
        [event] = icalendar.Calendar.from_ical(notice.calendar).walk("VEVENT")
        assert str(event["SUMMARY"]) == TITLES[notice.language]


def test_the_join_link_is_only_in_the_entries_of_people_with_a_place(officer, audience):
    scheduling.move_webinar(webinar=audience.webinar, starts_at=NEW_STARTS_AT, actor=officer)

    moved = entries(Notice.Kind.WEBINAR_MOVED)
    assert str(moved["en@example.org"][1]["LOCATION"]) == JOIN_URL
    assert str(moved["fr@example.org"][1]["LOCATION"]) == JOIN_URL
    assert JOIN_URL not in Notice.objects.get(kind=Notice.Kind.WEBINAR_MOVED, to="es@example.org").calendar
    assert JOIN_URL not in Notice.objects.get(kind=Notice.Kind.WEBINAR_MOVED, to="expert@example.org").calendar


def test_moving_a_planned_webinar_raises_the_sequence_without_a_message():
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=STARTS_AT)

    scheduling.move_webinar(webinar=webinar, starts_at=NEW_STARTS_AT, actor=None)

    assert sequence(webinar) == 1
    assert not Notice.objects.exists()


# Cancelling -------------------------------------------------------------------------------


def test_a_cancellation_message_carries_a_cancel_with_the_same_uid_and_a_higher_sequence(officer, audience):
    before = sequence(audience.webinar)

    scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)

    cancelled = entries(Notice.Kind.WEBINAR_CANCELLED)
    assert set(cancelled) == set(TOLD)
    for address, (calendar, event) in cancelled.items():
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == audience.uid
        assert event["SEQUENCE"] == before + 1
        assert event.decoded("DTSTART") == STARTS_AT
        assert str(event["SUMMARY"]) == TITLES[TOLD[address]]


def test_a_cancellation_refused_changes_neither_the_sequence_nor_the_messages(officer, audience):
    scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)
    after_first = sequence(audience.webinar)

    with pytest.raises(ValidationError):
        scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)

    assert sequence(audience.webinar) == after_first
    assert Notice.objects.filter(kind=Notice.Kind.WEBINAR_CANCELLED).count() == len(TOLD)


def test_cancelling_a_webinar_never_put_in_calendars_sends_no_entry(officer):
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=STARTS_AT)
    expert = ExpertFactory(email="expert@example.org")
    webinar.experts.add(expert)

    scheduling.cancel_webinar(webinar=webinar, actor=officer)

    notice = Notice.objects.get(kind=Notice.Kind.WEBINAR_CANCELLED, to="expert@example.org")
    assert notice.calendar == ""
    assert sequence(webinar) == 1


def test_the_cancellation_is_sent_with_its_cancel_attachment(officer, audience):
    scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)
    notice = Notice.objects.get(kind=Notice.Kind.WEBINAR_CANCELLED, to="fr@example.org")

    deliver_notice(notice_id=notice.pk)

    [message] = mail.outbox
    [attachment] = [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]
    assert attachment["Content-Type"] == "text/calendar; charset=utf-8; method=CANCEL"
    assert attachment.get_filename() == "webinar.ics"


def test_the_feed_shows_the_webinar_cancelled_through_the_service(client, officer, audience):
    scheduling.cancel_webinar(webinar=audience.webinar, actor=officer)

    feed = icalendar.Calendar.from_ical(client.get("/en/feeds/calendar.ics").content)

    [event] = feed.walk("VEVENT")
    assert (str(event["UID"]), str(event["STATUS"])) == (audience.uid, "CANCELLED")
    assert event["SEQUENCE"] == sequence(audience.webinar)


# Postponing, then a new date ------------------------------------------------------------


def test_a_postponement_cancels_the_old_date_saying_so_and_the_new_date_comes_back_as_a_request(officer, audience):
    start = sequence(audience.webinar)

    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)
    scheduling.schedule_webinar(webinar=audience.webinar, starts_at=NEW_STARTS_AT, actor=officer)

    postponed = entries(Notice.Kind.WEBINAR_POSTPONED)
    assert set(postponed) == set(TOLD)
    calendar, event = postponed["fr@example.org"]
    assert str(calendar["METHOD"]) == "CANCEL"
    assert (str(event["UID"]), event["SEQUENCE"]) == (audience.uid, start + 1)
    assert event.decoded("DTSTART") == STARTS_AT  # the date withdrawn
    assert "Brevets" in str(event["SUMMARY"])  # "Postponed: Brevets", in French
    rescheduled = entries(Notice.Kind.WEBINAR_MOVED)
    calendar, event = rescheduled["fr@example.org"]
    assert str(calendar["METHOD"]) == "REQUEST"
    assert (str(event["UID"]), event["SEQUENCE"]) == (audience.uid, start + 2)
    assert event.decoded("DTSTART") == NEW_STARTS_AT


def test_the_english_postponement_entry_says_the_webinar_is_postponed(officer, audience):
    scheduling.postpone_webinar(webinar=audience.webinar, actor=officer)

    _calendar, event = entries(Notice.Kind.WEBINAR_POSTPONED)["en@example.org"]

    assert str(event["SUMMARY"]) == "Postponed: Patents"
    assert "new date to be announced" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CANCELLED"


# Every change --------------------------------------------------------------------------


def test_every_change_of_date_or_status_raises_the_sequence_once(officer):
    webinar = WebinarFactory(status=Webinar.Status.PLANNED, starts_at=None)

    scheduling.schedule_webinar(webinar=webinar, starts_at=STARTS_AT, actor=officer)  # a Tuesday, 14:00 in Geneva
    assert sequence(webinar) == 1
    scheduling.move_webinar(webinar=webinar, starts_at=STARTS_AT + timedelta(days=1), actor=officer)
    assert sequence(webinar) == 2
    scheduling.postpone_webinar(webinar=webinar, actor=officer)
    assert sequence(webinar) == 3
    scheduling.schedule_webinar(webinar=webinar, starts_at=STARTS_AT + timedelta(days=2), actor=officer)
    assert sequence(webinar) == 4
    scheduling.cancel_webinar(webinar=webinar, actor=officer)
    assert sequence(webinar) == 5


def test_marking_a_webinar_held_raises_the_sequence(officer):
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(hours=2))

    scheduling.mark_webinar_held(webinar=webinar, actor=officer)

    assert sequence(webinar) == 1
