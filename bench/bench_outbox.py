"""Delivering 10,000 outbox messages to a local SMTP server (aiosmtpd in its own process).

Figures: messages per second through deliver_pending_notices (each one locked, sent and
recorded on its own, a chunk at a time over one SMTP session), and the peak resident
memory of the process while it delivers, sampled every 20 ms. The sweep walks the
table by primary key in chunks, so the peak must not depend on the number of messages
(BENCH_OUTBOX_MESSAGES=2000 runs a smaller backlog to compare).

The SMTP server runs in a child process, as a real mail server would: in the same
process its event loop would compete with the sender for the GIL and the figure would
measure the two together.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

MESSAGES = int(os.environ.get("BENCH_OUTBOX_MESSAGES", "10000"))
BODY = "Dear coordinator,\n\n" + "The consultation on next year's webinars is open. " * 12 + "\n"


class CountingSink:
    def __init__(self):
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.accepted += 1
        return "250 2.0.0 Accepted"


def serve_sink(port: int) -> None:
    """The child process: accept mail on `port` until stdin closes, then print the count."""
    from aiosmtpd.controller import Controller

    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()  # the parent closes our stdin when it has delivered everything
    controller.stop()
    print(sink.accepted, flush=True)


class SinkProcess:
    """An SMTP sink in a child process; `stop()` returns how many messages it accepted."""

    def __init__(self):
        self.port = _free_port()
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and file)
            [sys.executable, __file__, str(self.port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            self.process.kill()
            raise RuntimeError("the SMTP sink did not start")

    def stop(self) -> int:
        output, _ = self.process.communicate(input="", timeout=30)
        return int(output.strip() or -1)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


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
    from outbox.models import Notice
    from outbox.services import deliver_pending_notices

    _backlog()
    sink = SinkProcess()
    sampler = PeakRss()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=sink.port,
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
        accepted = sink.stop()
        sent = Notice.objects.filter(key__startswith="bench-outbox:", state=Notice.State.SENT).count()
        assert sent == MESSAGES == accepted, (counts, sent, accepted)
        report("outbox_msgs_per_s", MESSAGES / elapsed, "msg/s")
        report("outbox_peak_rss_mb", sampler.peak, "MB")
        print(f"bench: outbox delivered {MESSAGES} in {elapsed:.1f} s", file=sys.stderr, flush=True)
    finally:
        sink.kill()
        Notice.objects.filter(key__startswith="bench-outbox:").delete()


if __name__ == "__main__":
    serve_sink(int(sys.argv[1]))
