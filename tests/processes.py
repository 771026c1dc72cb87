"""The real parts the fault tests drive: an SMTP server that counts, worker and beat processes.

Used by tests/test_cycle_faults.py and tests/test_outbox_faults.py, with the fixtures in
tests/conftest.py. Every wait has a deadline and a condition; no test depends on how fast
the machine is, only on what the outbox and the SMTP server hold.
"""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from outbox.models import Notice

ROOT = Path(__file__).resolve().parent.parent


class SmtpSink:
    """An SMTP server that records what it accepts.

    It can refuse for now (451), be down (421 to every message), refuse one recipient for good
    (550 at RCPT), or hang on the n-th message, before accepting it or after.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.accepted: list[dict] = []
        self.refusals = 0
        self.seen = 0
        self.accepting = threading.Event()
        self.accepting.set()
        self.down = False
        self.reject: set[str] = set()
        self.hold_message_number: int | None = None
        self.hold_after_accepting = False
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's hook)
        if address in self.reject:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self.lock:
            self.seen += 1
            number = self.seen
        if self.down:
            return "421 4.3.2 Service not available, closing transmission channel"
        holding = number == self.hold_message_number
        if holding and not self.hold_after_accepting:
            await self._hold()
            return "451 4.3.0 Connection lost before the message was accepted"
        if not self.accepting.is_set():
            with self.lock:
                self.refusals += 1
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.accepted.append(
                {"to": envelope.rcpt_tos[0], "subject": message["Subject"], "message_id": message["Message-ID"]}
            )
        if holding:  # accepted and stored; the sender waits for the answer and may die meanwhile
            await self._hold()
        return "250 2.0.0 Accepted"

    async def _hold(self) -> None:
        self.holding.set()
        while not self.release.is_set():
            await asyncio.sleep(0.02)

    def recipients(self) -> list[str]:
        with self.lock:
            return [message["to"] for message in self.accepted]

    def message_ids(self, to: str) -> list[str]:
        with self.lock:
            return [message["message_id"] for message in self.accepted if message["to"] == to]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"Timed out after {timeout}s waiting for {what}")


def states(**filters) -> Counter:
    return Counter(Notice.objects.filter(**filters).values_list("state", flat=True))


def subprocess_env(**overrides) -> dict:
    """The environment of another process of the deployment, on this test's database."""
    db = django_settings.DATABASES["default"]
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    database_url = (
        f"postgres://{quote(db['USER'] or '', safe='')}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{connection.settings_dict['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": django_settings.REDIS_URL,
        "CELERY_BROKER_URL": django_settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "LOG_LEVEL": "WARNING",
    }
    env.update(overrides)
    return env


WORKER = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--concurrency=1"]
WORKER += ["--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "warning"]
BEAT = [sys.executable, "-m", "celery", "-A", "portal", "beat", "-l", "warning"]


class Processes:
    """Worker and beat processes of the deployment, all killed at the end whatever happens."""

    def __init__(self, log_path: Path):
        self.log = log_path.open("w")
        self.log_path = log_path
        self.running: list[subprocess.Popen] = []

    def start(self, command: list[str], env: dict) -> subprocess.Popen:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=self.log)  # noqa: S603
        self.running.append(process)
        return process

    def worker(self, name: str, env: dict) -> subprocess.Popen:
        return self.start([*WORKER, "-n", f"{name}@%h"], env)

    def beat(self, env: dict, folder: Path) -> subprocess.Popen:
        return self.start([*BEAT, "--pidfile", str(folder / "beat.pid"), "-s", str(folder / "beat-schedule")], env)

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text()

    def close(self) -> None:
        for process in self.running:
            self.kill(process)
        self.log.close()


@contextmanager
def processes(tmp_path: Path):
    running = Processes(tmp_path / "processes.log")
    try:
        yield running
    finally:
        running.close()
