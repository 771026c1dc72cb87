"""A message that carries a calendar entry: written with the notice, sent as "webinar.ics"."""

import email

import icalendar
import pytest
from django.core import mail

from outbox.delivery import deliver_notice
from outbox.models import Notice
from outbox.services import queue_notice
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

ENTRY = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:{method}\r\n"
    "BEGIN:VEVENT\r\nUID:webinar-7@webinars.example.org\r\nSEQUENCE:3\r\nDTSTAMP:20310101T000000Z\r\n"
    "SUMMARY:Brevets et innovation\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _sent_parts() -> list[email.message.Message]:
    [message] = mail.outbox
    return list(email.message_from_bytes(message.message().as_bytes()).walk())


def test_queue_notice_keeps_the_calendar_entry_with_the_message():
    notice = queue_notice(
        kind=Notice.Kind.WEBINAR_MOVED,
        to="fr@example.org",
        language="fr",
        key="test:calendar",
        context={"title": "Brevets", "name": "Awa", "duration_minutes": 90},
        calendar=ENTRY.format(method="REQUEST"),
    )

    assert Notice.objects.get(pk=notice.pk).calendar == ENTRY.format(method="REQUEST")


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_the_entry_goes_as_an_ics_attachment_naming_its_method_beside_the_text(method):
    notice = NoticeFactory(body="Bonjour\n", calendar=ENTRY.format(method=method))

    deliver_notice(notice_id=notice.pk)

    parts = _sent_parts()
    [text] = [part for part in parts if part.get_content_type() == "text/plain"]
    [entry] = [part for part in parts if part.get_content_type() == "text/calendar"]
    assert text.get_payload(decode=True).decode() == "Bonjour\n"
    assert entry.get_content_charset() == "utf-8"
    assert entry.get_param("method") == method
    assert entry.get_content_disposition() == "attachment"
    assert entry.get_filename() == "webinar.ics"
    calendar = icalendar.Calendar.from_ical(entry.get_payload(decode=True))
    assert str(calendar["METHOD"]) == method
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Brevets et innovation"


def test_a_message_without_an_entry_is_plain_text():
    notice = NoticeFactory(body="Hello\n")

    deliver_notice(notice_id=notice.pk)

    [message] = mail.outbox
    assert message.attachments == []
    assert email.message_from_bytes(message.message().as_bytes()).get_content_type() == "text/plain"
