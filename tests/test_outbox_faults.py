"""The outbox when the mail server, a worker or Redis misbehave, with the real parts.

Worker and beat processes of the deployment on this machine's Redis and PostgreSQL, and a
real SMTP server (tests/processes.py). What each test proves is in its name; the promise
itself is written in outbox/delivery.py: at least once, a copy possible only when a worker
dies after the server accepted a message, and then with the same Message-ID.
"""

import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from outbox.models import MailServer, Notice
from outbox.services import queue_notice
from outbox.tests.factories import NoticeFactory
from tests.processes import ROOT, free_port, processes, states, subprocess_env, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]

KIND = Notice.Kind.PROPOSAL_SUBMITTED


def queue(count: int, *, prefix: str = "person") -> list[Notice]:
    """Messages written by one state change; on commit each is handed to the broker."""
    with transaction.atomic():
        return [
            queue_notice(kind=KIND, to=f"{prefix}{n}@example.org", language="en", key=f"{prefix}:{n}", context={})
            for n in range(count)
        ]


def left_to_the_sweep(count: int, *, prefix: str = "person") -> list[Notice]:
    """Messages whose hand-off to the broker was lost: only the sweep will find them."""
    notices = [NoticeFactory(to=f"{prefix}{n}@example.org") for n in range(count)]
    a_while_ago = timezone.now() - timedelta(minutes=5)
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(created_at=a_while_ago, next_attempt_at=a_while_ago)
    return notices


def test_a_worker_killed_after_the_server_accepted_leaves_the_message_in_doubt_then_sends_it_with_the_same_id(
    smtp, broker, tmp_path
):
    notices = queue(6)
    smtp.hold_message_number = 3  # the server stores the third message, then the worker dies
    smtp.hold_after_accepting = True
    env = subprocess_env(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")

    with processes(tmp_path) as running:
        first = running.worker("first", env)
        wait_for(smtp.holding.is_set, what="the server to accept the third message")
        running.kill(first)
        smtp.release.set()
        held = Notice.objects.get(to=smtp.recipients()[-1])
        # The attempt was committed before the hand-over: staff see it, it is not rolled back.
        assert (held.state, held.attempts) == (Notice.State.SENDING, 1)
        assert states() == Counter({"sent": 2, "sending": 1, "pending": 3})

        time.sleep(1.5)  # past the next worker's visibility timeout and lease
        running.worker("second", {**env, "CELERY_VISIBILITY_TIMEOUT": "1", "PORTAL_OUTBOX_SENDING_LEASE": "1"})
        wait_for(lambda: states()[Notice.State.SENT] == 6, what="every message sent, the one in doubt included")
        time.sleep(0.5)
        log = running.output()

    held.refresh_from_db()
    assert held.in_doubt_at is not None  # shown to staff: the person may have two copies
    assert held.attempts == 2
    copies = smtp.message_ids(held.to)
    assert len(copies) == 2 and copies[0] == copies[1], log  # one Message-ID: the copy can be dropped
    assert Counter(smtp.recipients()) == Counter({n.to: 2 if n.pk == held.pk else 1 for n in notices}), log


def test_while_the_mail_server_is_down_two_workers_and_beat_make_one_probe_at_a_time_then_deliver_everything_once(
    smtp, broker, tmp_path
):
    smtp.down = True  # "421 service not available" to every message
    env = subprocess_env(
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        EMAIL_TIMEOUT="1",  # the probes' shortest wait
        PORTAL_OUTBOX_PROBE_SECONDS="1",
        PORTAL_OUTBOX_RETRY_SECONDS="1",
        PORTAL_OUTBOX_SWEEP_SECONDS="1",
    )

    with processes(tmp_path) as running:
        running.worker("one", env)
        running.worker("two", env)
        running.beat(env, tmp_path)
        notices = queue(30)  # thirty tasks on one queue, two workers taking them
        wait_for(
            lambda: MailServer.objects.filter(down_since__isnull=False, probes__gte=3).exists(),
            what="three probes of the server (after 1, 2 and 4 seconds)",
        )
        probes = MailServer.objects.get().probes
        attempts_while_down = smtp.seen
        # At most each worker's first failure, then one attempt per probe: not one per message.
        assert attempts_while_down <= 2 + probes, running.output()
        assert states()[Notice.State.PENDING] + states()[Notice.State.SENDING] == 30

        smtp.down = False
        wait_for(lambda: states()[Notice.State.SENT] == 30, what="beat's sweep to deliver once a probe passes")
        time.sleep(1)
        log = running.output()

    assert Counter(smtp.recipients()) == Counter({n.to: 1 for n in notices}), log
    assert MailServer.objects.get().down_since is None


def test_refused_recipients_at_the_head_of_the_queue_hold_nothing_back_and_greylisting_is_retried(
    smtp, broker, tmp_path, settings
):
    bad = left_to_the_sweep(4, prefix="bad")
    good = left_to_the_sweep(10, prefix="good")
    smtp.reject = {n.to for n in bad[:3]}  # no such mailbox: refused for good
    greylisted = bad[3]
    smtp.accepting.clear()  # "451 try again later" to every message that reaches the end...
    env = subprocess_env(
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}", PORTAL_OUTBOX_RETRY_SECONDS="1", PORTAL_OUTBOX_SWEEP_SECONDS="1"
    )

    with processes(tmp_path) as running:
        running.worker("one", env)
        running.beat(env, tmp_path)
        wait_for(lambda: smtp.refusals >= 11, what="the first sweep to try every message")
        smtp.accepting.set()  # ...then the server accepts again
        wait_for(lambda: states()[Notice.State.SENT] == 11, what="the good messages and the greylisted one")
        time.sleep(1)
        log = running.output()

    assert sorted(smtp.recipients()) == sorted(n.to for n in [*good, greylisted]), log
    failed = Notice.objects.filter(state=Notice.State.FAILED)
    assert sorted(failed.values_list("to", flat=True)) == sorted(n.to for n in bad[:3])
    assert set(failed.values_list("attempts", flat=True)) == {1}  # a permanent refusal is not retried
    assert all("550" in error for error in failed.values_list("last_error", flat=True))
    assert MailServer.objects.filter(down_since__isnull=False).count() == 0  # recipients, not the server


@pytest.fixture
def frozen_redis(tmp_path):
    """A Redis of its own, stopped with SIGSTOP: connections open, nothing ever answers."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is needed to freeze a Redis of the test's own")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _answers(port), what="the test's own Redis to start", timeout=10)
        process.send_signal(signal.SIGSTOP)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.send_signal(signal.SIGCONT)
        process.kill()
        process.wait(timeout=10)


def _answers(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def test_a_frozen_redis_never_holds_a_request_that_queues_sixty_messages_and_none_is_lost(frozen_redis):
    script = (
        "import time; from django.db import transaction; from outbox.services import queue_notice; "
        "from django.core.cache import cache; started = time.monotonic(); cache.get('catalogue-version')\n"
        "with transaction.atomic():\n"
        "    for n in range(60): queue_notice(kind='proposal_submitted', to=f'p{n}@example.org', language='en', "
        "key=f'survey:{n}', context={})\n"
        "print('queued in', round(time.monotonic() - started, 2))"
    )

    web = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=subprocess_env(REDIS_URL=frozen_redis, CELERY_BROKER_URL=frozen_redis),
        capture_output=True,
        text=True,
        timeout=60,  # without the bound, this hangs for as long as Redis stays frozen
    )

    # It ended (the timeout above catches a hang): one cache timeout, then the cache does without
    # Redis a while; the hand-overs only queue for the process's publisher thread, which gives up
    # on the frozen broker once, pauses, and leaves the sixty to the sweep.
    assert web.returncode == 0, web.stderr
    assert web.stderr.count("Could not hand") == 1, web.stderr
    assert Notice.objects.filter(state=Notice.State.PENDING, key__startswith="survey:").count() == 60


def test_two_workers_asking_at_once_while_the_server_is_down_get_one_probe():
    from django.db import connection as main_connection

    from outbox import mail_server

    mail_server.record_down(error="TimeoutError: timed out")
    later = timezone.now() + timedelta(minutes=5)
    barrier = threading.Barrier(2)
    answers = []

    def ask():
        from django.db import connection

        try:
            barrier.wait(timeout=10)
            answers.append(mail_server.clearance(now=later))
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(answer.value for answer in answers) == ["probe", "wait"]
    assert main_connection.vendor == "postgresql"
