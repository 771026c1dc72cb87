"""Delivering the outbox in bulk: chunks, one SMTP session per chunk, back-off, refusals."""

import socket
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from outbox.delivery import DeliveryFailed, deliver_notice, deliver_pending_notices, message_id
from outbox.models import Notice
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


class SessionCountingServer:
    """A real SMTP server (aiosmtpd) that records each message with the session it came in."""

    def __init__(self, *, refuse: set[str] = frozenset()):
        self.lock = threading.Lock()
        self.accepted: list[tuple[tuple, str]] = []  # (client address of the session, recipient)
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        if envelope.rcpt_tos[0] in self.refuse:
            return "451 4.3.0 Try again later"
        with self.lock:
            self.accepted.append((session.peer, envelope.rcpt_tos[0]))
        return "250 2.0.0 Accepted"

    def sessions(self) -> int:
        with self.lock:
            return len({peer for peer, _to in self.accepted})

    def recipients(self) -> list[str]:
        with self.lock:
            return [to for _peer, to in self.accepted]


@pytest.fixture
def smtp_server(settings):
    """Start a real SMTP server on a free port and point the SMTP backend at it."""

    def start(**options) -> SessionCountingServer:
        server = SessionCountingServer(**options)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(server, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10
        return server

    started = []
    yield start
    for controller in started:
        controller.stop()


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


def test_a_backlog_is_delivered_in_chunks_with_one_smtp_session_per_chunk(smtp_server):
    server = smtp_server()
    notices = old_notices(5)

    counts = deliver_pending_notices(batch_size=2)

    assert counts == {"done": 5, "failed": 0}
    assert server.sessions() == 3  # not one session per message
    assert sorted(server.recipients()) == sorted(n.to for n in notices)
    assert set(Notice.objects.values_list("state", flat=True)) == {Notice.State.SENT}


def test_after_a_refusal_the_rest_of_the_chunk_goes_out_over_a_fresh_session(smtp_server):
    notices = old_notices(4)
    server = smtp_server(refuse={notices[1].to})

    counts = deliver_pending_notices(batch_size=10)

    assert counts == {"done": 3, "failed": 1}
    assert sorted(server.recipients()) == sorted(n.to for n in notices if n != notices[1])
    assert server.sessions() == 2
    refused = Notice.objects.get(pk=notices[1].pk)
    assert (refused.state, refused.attempts) == (Notice.State.PENDING, 1)
    assert refused.last_error.startswith("SMTPDataError")


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
