"""Delivering 10,000 outbox messages to a local SMTP server (aiosmtpd in a thread).

Figures: messages per second through deliver_pending_notices (each one locked, sent and
recorded on its own, a chunk at a time over one SMTP session), and the peak resident
memory of the process while it delivers, sampled every 20 ms. The sweep walks the
table by primary key in chunks, so the peak must not depend on the number of messages;
the figure for the first tenth of the run is printed to stderr for comparison.
"""

import socket
import sys
import threading
import time
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

MESSAGES = 10_000
BODY = "Dear coordinator,\n\n" + "The consultation on next year's webinars is open. " * 12 + "\n"


class CountingSink:
    def __init__(self):
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.accepted += 1
        return "250 2.0.0 Accepted"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakRss(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = _rss_mb()
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _backlog():
    from outbox.models import Notice

    written_at = timezone.now() - timedelta(hours=1)
    for start in range(0, MESSAGES, 1000):
        Notice.objects.bulk_create(
            Notice(
                kind=Notice.Kind.CYCLE_INVITATION,
                key=f"bench-outbox:{n}",
                to=f"coordinator{n}@bench.example.org",
                language="en",
                subject=f"Consultation for 2099 ({n})",
                body=BODY,
                context={},
            )
            for n in range(start, min(start + 1000, MESSAGES))
        )
    Notice.objects.filter(key__startswith="bench-outbox:").update(created_at=written_at)


def run(report):
    from aiosmtpd.controller import Controller

    from outbox.models import Notice
    from outbox.services import deliver_pending_notices

    _backlog()
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    sampler = PeakRss()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
        ):
            sampler.start()
            started = time.perf_counter()
            counts = deliver_pending_notices(older_than_seconds=0)
            elapsed = time.perf_counter() - started
            sampler.stop.set()
            sampler.join()
        sent = Notice.objects.filter(key__startswith="bench-outbox:", state=Notice.State.SENT).count()
        assert sent == MESSAGES == sink.accepted, (counts, sent, sink.accepted)
        report("outbox_msgs_per_s", MESSAGES / elapsed, "msg/s")
        report("outbox_peak_rss_mb", sampler.peak, "MB")
        print(f"bench: outbox delivered {MESSAGES} in {elapsed:.1f} s", file=sys.stderr, flush=True)
    finally:
        controller.stop()
        Notice.objects.filter(key__startswith="bench-outbox:").delete()
