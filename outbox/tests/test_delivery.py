"""Delivering the outbox: chunks over one SMTP session, the attempt recorded before the hand-over,
refusals for one recipient (for now, for good) apart from failures of the server, rows in doubt."""

import smtplib
import socket
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from outbox import mail_server
from outbox.delivery import Outcome, deliver_notice, deliver_pending_notices, message_id, retry_delay
from outbox.models import MailServer, Notice
from outbox.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


class SessionCountingServer:
    """A real SMTP server (aiosmtpd) that records each message with the session it came in."""

    def __init__(self, *, refuse: set[str] = frozenset(), reject: set[str] = frozenset()):
        self.lock = threading.Lock()
        self.accepted: list[tuple[tuple, str]] = []  # (client address of the session, recipient)
        self.refuse = refuse  # refused for now, at the end of the message
        self.reject = reject  # refused for good, at the recipient

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.reject:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

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
    """A mail server that refuses every message for now (451 at the end of the message)."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")


class SilentServerBackend(EmailBackend):
    """A mail server that does not answer: every attempt times out (EMAIL_TIMEOUT)."""

    attempts = 0

    def send_messages(self, messages):
        SilentServerBackend.attempts += 1
        raise TimeoutError("timed out")


class WatchingBackend(EmailBackend):
    """Records, at the moment of the hand-over, what the outbox row says."""

    seen: list[tuple[str, int]] = []

    def send_messages(self, messages):
        for message in messages:
            row = Notice.objects.get(to=message.to[0])
            WatchingBackend.seen.append((row.state, row.attempts))
        return super().send_messages(messages)


def due_notices(count, **fields):
    """Notices past their on-commit hand-off: the sweep takes them."""
    notices = NoticeFactory.create_batch(count, **fields)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(created_at=an_hour_ago, next_attempt_at=an_hour_ago)
    return notices


def test_a_backlog_is_delivered_in_chunks_with_one_smtp_session_per_chunk(smtp_server):
    server = smtp_server()
    notices = due_notices(5)

    counts = deliver_pending_notices(batch_size=2)

    assert counts == {"done": 5, "failed": 0, "paused": 0}
    assert server.sessions() == 3  # not one session per message
    assert sorted(server.recipients()) == sorted(n.to for n in notices)
    assert set(Notice.objects.values_list("state", flat=True)) == {Notice.State.SENT}


def test_the_attempt_is_recorded_before_the_message_is_handed_to_the_mail_server(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.WatchingBackend"
    WatchingBackend.seen = []
    notice = NoticeFactory()

    assert deliver_notice(notice_id=notice.pk) is Outcome.SENT

    assert WatchingBackend.seen == [(Notice.State.SENDING, 1)]
    notice.refresh_from_db()
    assert (notice.state, notice.attempts, notice.in_doubt_at) == (Notice.State.SENT, 1, None)


def test_a_refusal_for_now_waits_and_the_rest_of_the_chunk_goes_on_over_the_same_session(smtp_server):
    notices = due_notices(4)
    server = smtp_server(refuse={notices[1].to})

    counts = deliver_pending_notices(batch_size=10)

    assert counts == {"done": 3, "failed": 1, "paused": 0}
    assert sorted(server.recipients()) == sorted(n.to for n in notices if n != notices[1])
    assert server.sessions() == 1  # the server reset the transaction; the session goes on
    refused = Notice.objects.get(pk=notices[1].pk)
    assert (refused.state, refused.attempts) == (Notice.State.PENDING, 1)
    assert refused.last_error.startswith("SMTPDataError: (451")
    assert refused.next_attempt_at > refused.last_attempt_at + timedelta(seconds=29)
    assert not MailServer.objects.filter(down_since__isnull=False).exists()  # one recipient, not the server


def test_a_permanent_refusal_fails_at_once_and_is_never_tried_again(smtp_server):
    notices = due_notices(3)
    server = smtp_server(reject={notices[0].to})

    counts = deliver_pending_notices()

    assert counts == {"done": 2, "failed": 1, "paused": 0}
    rejected = Notice.objects.get(pk=notices[0].pk)
    assert (rejected.state, rejected.attempts) == (Notice.State.FAILED, 1)
    assert "550" in rejected.last_error and "No such mailbox" in rejected.last_error
    assert deliver_pending_notices(now=timezone.now() + timedelta(days=1)) == {"done": 0, "failed": 0, "paused": 0}
    assert sorted(server.recipients()) == sorted(n.to for n in notices[1:])


def test_bad_addresses_in_a_row_do_not_stop_the_sweep(smtp_server):
    notices = due_notices(10)
    bad = [n.to for n in notices[:6]]
    server = smtp_server(reject=set(bad[:3]), refuse=set(bad[3:]))

    counts = deliver_pending_notices()

    assert counts == {"done": 4, "failed": 6, "paused": 0}
    assert sorted(server.recipients()) == sorted(n.to for n in notices[6:])
    assert Notice.objects.filter(state=Notice.State.FAILED).count() == 3
    assert Notice.objects.filter(state=Notice.State.PENDING).count() == 3


def test_a_refusal_for_now_is_tried_again_with_growing_waits_for_days_then_fails(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.RefusingBackend"
    waits = [retry_delay(attempts) for attempts in range(1, 40)]
    assert waits[:4] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240)]
    assert max(waits) == timedelta(hours=4)
    assert sum(waits, timedelta()) > timedelta(days=5)  # still trying after days, not 15 minutes

    [recent, old] = due_notices(2)
    Notice.objects.filter(pk=recent.pk).update(attempts=12)
    Notice.objects.filter(pk=recent.pk).update(retrying_since=timezone.now() - timedelta(days=4))
    Notice.objects.filter(pk=old.pk).update(attempts=12, retrying_since=timezone.now() - timedelta(days=5, hours=1))

    deliver_pending_notices()

    recent.refresh_from_db()
    old.refresh_from_db()
    assert (recent.state, recent.attempts) == (Notice.State.PENDING, 13)
    waited = recent.next_attempt_at - recent.last_attempt_at  # counted from the refusal, just after
    assert timedelta(hours=4) <= waited < timedelta(hours=4, seconds=10)
    assert (old.state, old.attempts) == (Notice.State.FAILED, 13)
    assert "Given up after 5 days" in old.last_error


def test_a_notice_that_just_failed_rests_before_the_sweep_tries_again():
    [resting, due] = due_notices(2)
    Notice.objects.filter(pk=resting.pk).update(attempts=1, next_attempt_at=timezone.now() + timedelta(seconds=25))

    deliver_pending_notices()

    assert [m.to[0] for m in mail.outbox] == [due.to]
    resting.refresh_from_db()
    assert (resting.state, resting.attempts) == (Notice.State.PENDING, 1)


def test_a_server_that_fails_pauses_every_delivery_until_one_probe_goes_through(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.SilentServerBackend"
    settings.PORTAL_OUTBOX_PROBE_SECONDS = 30
    SilentServerBackend.attempts = 0
    notices = due_notices(20)
    start = timezone.now()

    first = deliver_pending_notices(now=start)
    assert first == {"done": 0, "failed": 1, "paused": 0}  # the server failed: the sweep stopped there
    server = MailServer.objects.get()
    assert server.down_since is not None and "TimeoutError" in server.last_error
    timed_out = Notice.objects.get(attempts=1)
    assert timed_out.state == Notice.State.PENDING and timed_out.last_error.startswith("TimeoutError")

    # New messages while the server is down are not tried: their tasks find deliveries paused.
    fresh = NoticeFactory()  # its task runs at once, before the sweep would take it
    assert deliver_notice(notice_id=fresh.pk, now=start + timedelta(seconds=5)) is Outcome.PAUSED
    fresh.refresh_from_db()
    assert (fresh.attempts, fresh.next_attempt_at) == (0, start + timedelta(seconds=5))  # in line for when it is back
    assert deliver_pending_notices(now=start + timedelta(seconds=10)) == {"done": 0, "failed": 0, "paused": 1}
    assert SilentServerBackend.attempts == 1

    # The probe is due: one delivery tests the server; it fails, the next probe waits longer.
    assert deliver_pending_notices(now=start + timedelta(seconds=31)) == {"done": 0, "failed": 1, "paused": 0}
    assert SilentServerBackend.attempts == 2
    assert deliver_pending_notices(now=start + timedelta(seconds=60)) == {"done": 0, "failed": 0, "paused": 1}
    assert SilentServerBackend.attempts == 2

    # The server is back: the next probe goes through and everything follows in the same sweep.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_pending_notices(now=start + timedelta(seconds=95))["done"] == 21
    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.to for n in [*notices, fresh])
    assert MailServer.objects.get().down_since is None
    assert Notice.objects.filter(state=Notice.State.SENT).count() == 21


def test_the_probe_is_taken_by_one_delivery_at_a_time():
    mail_server.record_down(error="TimeoutError: timed out")
    later = timezone.now() + timedelta(minutes=1)

    assert mail_server.clearance(now=later) is mail_server.Clearance.PROBE
    assert mail_server.clearance(now=later) is mail_server.Clearance.WAIT  # the probe is out
    mail_server.record_up()
    assert mail_server.clearance(now=later) is mail_server.Clearance.GO


def test_a_notice_found_in_the_middle_of_sending_is_left_to_its_worker_then_in_doubt_sent_again(settings):
    settings.PORTAL_OUTBOX_SENDING_LEASE = 300
    notice = NoticeFactory(key="registration:12:confirmed")
    began = timezone.now() - timedelta(seconds=100)
    Notice.objects.filter(pk=notice.pk).update(state=Notice.State.SENDING, attempts=1, last_attempt_at=began)

    assert deliver_notice(notice_id=notice.pk) is Outcome.SKIPPED  # its worker may still be sending it
    assert deliver_pending_notices() == {"done": 0, "failed": 0, "paused": 0}
    assert mail.outbox == []

    counts = deliver_pending_notices(now=began + timedelta(seconds=301))

    assert counts == {"done": 1, "failed": 0, "paused": 0}
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (Notice.State.SENT, 2)
    assert notice.in_doubt_at == began + timedelta(seconds=301)
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id(notice)  # the same as the first attempt's


def test_a_mail_server_that_does_not_answer_is_a_failure_of_the_server(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.SilentServerBackend"
    notice = NoticeFactory()

    assert deliver_notice(notice_id=notice.pk) is Outcome.SERVER_DOWN

    notice.refresh_from_db()
    assert notice.state == Notice.State.PENDING
    assert notice.last_error.startswith("TimeoutError")
    assert socket.timeout is TimeoutError  # what smtplib raises when EMAIL_TIMEOUT runs out
    assert mail_server.is_down()


def test_every_message_carries_a_message_id_stable_across_attempts(settings):
    notice = NoticeFactory(key="cycle-invitation:1:user-2")

    deliver_notice(notice_id=notice.pk)

    header = mail.outbox[0].extra_headers["Message-ID"]
    assert header == message_id(notice)
    assert header == message_id(Notice.objects.get(pk=notice.pk))
    assert header.startswith(f"<notice-{notice.pk}.") and header.endswith("@secretariat.example.org>")


@pytest.mark.parametrize(
    ("error", "refusal"),
    [
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 No such mailbox")}), "permanent"),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"4.2.0 Greylisted")}), "temporary"),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (421, b"4.7.0 Too many connections")}), "server"),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (530, b"5.7.0 Authentication required")}), "server"),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (554, b"5.7.1 Relay access denied")}), "server"),
        (smtplib.SMTPSenderRefused(552, b"5.3.4 Message size exceeds limit", "webinars@example.org"), "permanent"),
        (smtplib.SMTPSenderRefused(553, b"5.7.1 Sender not allowed", "webinars@example.org"), "server"),
        (smtplib.SMTPDataError(554, b"5.6.0 Content rejected"), "permanent"),
        (smtplib.SMTPDataError(451, b"4.3.0 Try again later"), "temporary"),
        (smtplib.SMTPDataError(421, b"4.3.2 Service not available"), "server"),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), "server"),
        (ConnectionRefusedError(111, "Connection refused"), "server"),
        (TimeoutError("timed out"), "server"),
    ],
)
def test_each_reply_of_a_mail_server_is_a_refusal_of_the_right_kind(error, refusal):
    from outbox.refusals import classify

    assert classify(error).value == refusal


def test_a_session_that_died_after_the_message_was_sent_leaves_it_in_doubt_but_a_refused_connection_does_not():
    from outbox.refusals import may_have_arrived

    assert may_have_arrived(smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    assert may_have_arrived(TimeoutError("timed out"))
    assert not may_have_arrived(ConnectionRefusedError(111, "Connection refused"))
    assert not may_have_arrived(smtplib.SMTPConnectError(421, b"busy"))


class ChokingBackend(EmailBackend):
    """A server that drops the session on one recipient's message (a content filter) and takes the rest."""

    choke_on = ""

    def send_messages(self, messages):
        if messages[0].to[0] == ChokingBackend.choke_on:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_message_the_server_chokes_on_waits_its_turn_and_does_not_block_the_others(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.ChokingBackend"
    settings.PORTAL_OUTBOX_PROBE_SECONDS = 30
    [choking, *others] = due_notices(4)
    ChokingBackend.choke_on = choking.to
    start = timezone.now()

    assert deliver_pending_notices(now=start)["failed"] == 1
    choking.refresh_from_db()
    assert choking.state == Notice.State.PENDING and choking.in_doubt_at == start  # it may have arrived
    assert choking.next_attempt_at == start + timedelta(seconds=30)  # its own wait: not the next probe

    later = start + timedelta(seconds=31)
    counts = deliver_pending_notices(now=later)  # a message not tried yet is the probe, and goes
    assert counts == {"done": 3, "failed": 1, "paused": 0}  # the choking one last, alone again
    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.to for n in others)


def test_a_failing_server_never_fails_an_old_message_and_a_resend_restarts_the_retry_period(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.SilentServerBackend"
    [old] = due_notices(1)
    Notice.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=9))

    deliver_pending_notices()

    old.refresh_from_db()
    assert old.state == Notice.State.PENDING  # the server's outage is not the message's fault
    Notice.objects.filter(pk=old.pk).update(
        state=Notice.State.FAILED, retrying_since=timezone.now() - timedelta(days=6)
    )
    from accounts.tests.factories import StaffFactory
    from outbox.services import resend_notice

    resend_notice(notice=old, actor=StaffFactory())
    old.refresh_from_db()
    assert (old.state, old.retrying_since) == (Notice.State.PENDING, None)


def test_a_probe_answered_with_a_recipients_refusal_shows_the_server_is_up(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.RefusingBackend"  # 451: the server answers
    mail_server.record_down(error="TimeoutError: timed out")
    [notice] = due_notices(1)

    assert deliver_notice(notice_id=notice.pk, now=timezone.now() + timedelta(minutes=5)) is Outcome.REFUSED

    assert not mail_server.is_down()


def test_a_row_taken_over_by_another_worker_keeps_that_workers_outcome(settings):
    settings.EMAIL_BACKEND = "outbox.tests.test_delivery.RefusingBackend"
    from outbox.delivery import _claim, _record_refusal, _release

    [refused, unsent] = due_notices(2)
    claimed, _clearance = _claim(notice_ids=[refused.pk, unsent.pk], now=timezone.now() - timedelta(minutes=10))
    taken_over_at = timezone.now()
    Notice.objects.filter(pk__in=[refused.pk, unsent.pk]).update(last_attempt_at=taken_over_at, attempts=2)

    error = smtplib.SMTPDataError(451, b"4.3.0 Try again later")
    assert _record_refusal(notice=claimed[0], error=error) is Outcome.SKIPPED
    _release([claimed[1]])

    for row in Notice.objects.filter(pk__in=[refused.pk, unsent.pk]):
        assert (row.state, row.attempts, row.last_attempt_at) == (Notice.State.SENDING, 2, taken_over_at)
