"""Delivering the outbox in bulk: chunks, one SMTP session per chunk, back-off, refusals."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from outbox.models import Notice
from outbox.services import DeliveryFailed, deliver_notice, deliver_pending_notices, message_id
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


class CountingBackend(EmailBackend):
    """The in-memory mail box, counting the SMTP sessions the outbox opens."""

    sessions = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        CountingBackend.sessions += 1


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")


class SilentServerBackend(EmailBackend):
    def send_messages(self, messages):
        raise TimeoutError("timed out")


def old_notices(count):
    notices = NoticeFactory.create_batch(count)
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(created_at=timezone.now() - timedelta(hours=1))
    return notices


def test_a_backlog_is_delivered_in_chunks_with_one_smtp_session_per_chunk(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.CountingBackend"
    CountingBackend.sessions = 0
    notices = old_notices(5)

    counts = deliver_pending_notices(batch_size=2)

    assert counts == {"done": 5, "failed": 0}
    assert CountingBackend.sessions == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.to for n in notices)
    assert set(Notice.objects.values_list("state", flat=True)) == {Notice.State.SENT}


def test_a_notice_that_just_failed_rests_before_the_sweep_tries_again():
    [resting, due] = old_notices(2)
    Notice.objects.filter(pk=resting.pk).update(attempts=1, last_attempt_at=timezone.now() - timedelta(seconds=5))
    Notice.objects.filter(pk=due.pk).update(attempts=1, last_attempt_at=timezone.now() - timedelta(seconds=31))

    deliver_pending_notices()

    assert [m.to[0] for m in mail.outbox] == [due.to]
    resting.refresh_from_db()
    assert (resting.state, resting.attempts) == (Notice.State.PENDING, 1)


def test_the_sweep_stops_when_the_mail_server_refuses_several_in_a_row(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.RefusingBackend"
    old_notices(5)

    counts = deliver_pending_notices(max_failures_in_a_row=3)

    assert counts == {"done": 0, "failed": 3}
    assert sorted(Notice.objects.values_list("attempts", flat=True)) == [0, 0, 1, 1, 1]
    assert set(Notice.objects.values_list("state", flat=True)) == {Notice.State.PENDING}
    assert Notice.objects.filter(last_error__contains="SMTPDataError").count() == 3


def test_a_mail_server_that_does_not_answer_counts_as_a_refusal(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.SilentServerBackend"
    notice = NoticeFactory()

    with pytest.raises(DeliveryFailed):
        deliver_notice(notice_id=notice.pk)

    notice.refresh_from_db()
    assert notice.state == Notice.State.PENDING
    assert notice.last_error.startswith("TimeoutError")
    assert socket.timeout is TimeoutError  # what smtplib raises when EMAIL_TIMEOUT runs out


def test_every_message_carries_a_message_id_stable_across_attempts(settings):
    notice = NoticeFactory(key="cycle-invitation:1:user-2")

    deliver_notice(notice_id=notice.pk)

    header = mail.outbox[0].extra_headers["Message-ID"]
    assert header == message_id(notice)
    assert header == message_id(Notice.objects.get(pk=notice.pk))
    assert header.startswith(f"<notice-{notice.pk}.") and header.endswith("@secretariat.example.org>")
