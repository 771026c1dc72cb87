"""Delivering outbox messages to a local SMTP server, beside plain smtplib doing the same.

Figures, each from a process of its own (so that one run's memory is not another's):
- outbox_msgs_per_s: 10,000 messages through deliver_pending_notices (each one claimed and
  committed before the hand-over, sent, then recorded as sent; a chunk at a time over one
  SMTP session);
- smtp_baseline_msgs_per_s: the same 10,000 messages sent by a plain smtplib program over
  one connection to the same server (each built with the standard library's EmailMessage,
  then sent): what the mail server allows with no database and no bookkeeping;
  outbox_vs_smtp is the ratio (goal: at least 0.5); smtp_wire_msgs_per_s is the SMTP exchange
  alone (bytes made beforehand, untimed), the strictest yardstick, and outbox_vs_smtp_wire
  the outbox against it;
- outbox_peak_rss_mb (10,000 messages) and outbox_peak_rss_2000_mb: the peak resident
  memory of a process delivering 10,000 and 2,000 messages, sampled every 20 ms;
  outbox_rss_growth_mb is the difference: the sweep walks the table in chunks, so it must
  stay near zero whatever the backlog.

The SMTP server runs in a child process, as a real mail server would: in the same
process its event loop would compete with the sender for the GIL and the figure would
measure the two together.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.test import override_settings
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
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


def _backlog(messages: int):
    from outbox.models import Notice

    written_at = timezone.now() - timedelta(hours=1)
    for start in range(0, messages, 1000):
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
            for n in range(start, min(start + 1000, messages))
        )
    Notice.objects.filter(key__startswith="bench-outbox:").update(created_at=written_at, next_attempt_at=written_at)


def _smtp_settings(port: int) -> dict:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }


def deliver_with_the_outbox(messages: int) -> dict:
    """In its own process: write a backlog, deliver it through the outbox, measure time and memory."""
    from outbox.delivery import deliver_pending_notices
    from outbox.models import Notice

    _backlog(messages)
    sink = SinkProcess()
    sampler = PeakRss()
    try:
        with override_settings(**_smtp_settings(sink.port)):
            sampler.start()
            started = time.perf_counter()
            counts = deliver_pending_notices()
            elapsed = time.perf_counter() - started
            sampler.stop.set()
            sampler.join()
        accepted = sink.stop()
        sent = Notice.objects.filter(key__startswith="bench-outbox:", state=Notice.State.SENT).count()
        assert sent == messages == accepted, (counts, sent, accepted)
        return {"elapsed": elapsed, "peak_rss_mb": sampler.peak}
    finally:
        sink.kill()
        Notice.objects.filter(key__startswith="bench-outbox:").delete()


def deliver_with_smtplib(messages: int) -> dict:
    """In its own process: the same messages sent by a plain smtplib program over one connection.

    It builds each message with the standard library (email.message.EmailMessage: the same
    subject, sender, recipient, headers and text as the outbox's) and sends it: what a script
    that knew nothing of the outbox would do, with no database and no bookkeeping.
    """
    import smtplib
    from email.message import EmailMessage

    from django.conf import settings

    from outbox.delivery import _message, message_id
    from outbox.models import Notice

    _backlog(messages)
    rows = list(Notice.objects.filter(key__startswith="bench-outbox:").order_by("pk"))
    sink = SinkProcess()
    try:
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", sink.port, timeout=30) as connection:
            for notice in rows:
                message = EmailMessage()
                message["Subject"] = notice.subject
                message["From"] = settings.DEFAULT_FROM_EMAIL
                message["To"] = notice.to
                message["Message-ID"] = message_id(notice)
                message["Content-Language"] = notice.language
                message.set_content(notice.body)
                connection.send_message(message)
        elapsed = time.perf_counter() - started
        # The wire alone: the same messages as bytes made beforehand, only the SMTP exchange timed.
        wire = [(notice.to, _message(notice).message().as_bytes()) for notice in rows]
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", sink.port, timeout=30) as connection:
            for to, message_bytes in wire:
                connection.sendmail(settings.DEFAULT_FROM_EMAIL, [to], message_bytes)
        wire_elapsed = time.perf_counter() - started
        accepted = sink.stop()
        assert accepted == 2 * messages, accepted
        return {"elapsed": elapsed, "wire_elapsed": wire_elapsed}
    finally:
        sink.kill()
        Notice.objects.filter(key__startswith="bench-outbox:").delete()


def _in_own_process(mode: str, messages: int) -> dict:
    """Run one of the two deliveries above in a fresh interpreter on the bench's database."""
    done = subprocess.run(  # noqa: S603 (our own interpreter and file)
        [sys.executable, __file__, mode, str(messages)],
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench_outbox {mode} {messages} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(report):
    outbox = _in_own_process("outbox", MESSAGES)
    baseline = _in_own_process("smtplib", MESSAGES)
    smaller = _in_own_process("outbox", 2000)
    outbox_rate = MESSAGES / outbox["elapsed"]
    smtp_rate = MESSAGES / baseline["elapsed"]
    report("outbox_msgs_per_s", outbox_rate, "msg/s")
    report("smtp_baseline_msgs_per_s", smtp_rate, "msg/s")
    report("outbox_vs_smtp", outbox_rate / smtp_rate, "ratio")
    wire_rate = MESSAGES / baseline["wire_elapsed"]
    report("smtp_wire_msgs_per_s", wire_rate, "msg/s")
    report("outbox_vs_smtp_wire", outbox_rate / wire_rate, "ratio")
    report("outbox_peak_rss_mb", outbox["peak_rss_mb"], "MB")
    report("outbox_peak_rss_2000_mb", smaller["peak_rss_mb"], "MB")
    report("outbox_rss_growth_mb", outbox["peak_rss_mb"] - smaller["peak_rss_mb"], "MB")
    print(
        f"bench: outbox delivered {MESSAGES} in {outbox['elapsed']:.1f} s, smtplib in {baseline['elapsed']:.1f} s",
        file=sys.stderr,
        flush=True,
    )


def _child(mode: str, messages: int) -> None:
    import django

    django.setup()
    work = deliver_with_the_outbox if mode == "outbox" else deliver_with_smtplib
    print(json.dumps(work(messages)), flush=True)


if __name__ == "__main__":
    if sys.argv[1] in ("outbox", "smtplib"):
        _child(sys.argv[1], int(sys.argv[2]))
    else:
        serve_sink(int(sys.argv[1]))
