"""The cycle and its outbox when things go wrong, with the real parts.

A real Celery worker on this machine's Redis, a real PostgreSQL (row locks, and a
database that a separate worker process can see) and a real SMTP server (aiosmtpd)
that counts what it accepts (tests/processes.py, tests/conftest.py). Every wait has a
deadline and a condition; no test depends on how fast the machine is, only on what the
outbox and the SMTP server hold. The outbox's own faults: tests/test_outbox_faults.py.
"""

import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Notice
from proposals.cycle import advance_cycle, advance_cycles
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    ProposalFactory,
)
from tests.processes import ROOT, processes, states, subprocess_env, wait_for
from webinars.tests.factories import LanguageFactory, RegionFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]

LANGUAGES = ["en", "fr", "ar", "es", "ru", "zh-hans"]


def open_now_cycle(**fields):
    now = timezone.now()
    values = {
        "target_year": now.year + 1,  # next year's cycle exists: the run prepares nothing else
        "opens_at": now - timedelta(minutes=5),
        "deadline_at": now + timedelta(days=20),
        "state": ConsultationCycle.State.APPROVED,
        **fields,
    }
    cycle = ConsultationCycleFactory(**values)
    CandidateTopicFactory(cycle=cycle)
    return cycle


def coordinators(count: int):
    return [CoordinatorFactory(user=UserFactory(language=LANGUAGES[n % len(LANGUAGES)])) for n in range(count)]


# --- the faults ----------------------------------------------------------------------


def test_the_periodic_run_delivered_twice_and_run_twice_at_once_invites_each_coordinator_once(smtp, worker):
    from proposals.tasks import advance_consultation_cycles

    invited = coordinators(6)
    cycle = open_now_cycle()
    barrier = threading.Barrier(2)

    def run_at_the_same_time():
        try:
            barrier.wait(timeout=10)
            advance_cycles()
        finally:
            connection.close()

    advance_consultation_cycles.delay()
    advance_consultation_cycles.delay()  # the broker delivers the periodic task twice
    threads = [threading.Thread(target=run_at_the_same_time) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    wait_for(lambda: states(kind=Notice.Kind.CYCLE_INVITATION)[Notice.State.SENT] == 6, what="six invitations sent")
    time.sleep(0.5)  # anything sent twice would arrive now
    assert Counter(smtp.recipients()) == Counter({c.user.email: 1 for c in invited})
    assert Notice.objects.filter(kind=Notice.Kind.CYCLE_INVITATION).count() == 6
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.OPEN


def test_the_mail_server_refuses_then_accepts_and_the_message_goes_out_once(smtp, worker, settings):
    from outbox.tasks import send_pending_notices

    settings.PORTAL_OUTBOX_RETRY_SECONDS = 1  # retries after 1 s, 2 s, 4 s... instead of 30 s
    [invited] = coordinators(1)
    cycle = open_now_cycle()
    smtp.accepting.clear()

    advance_cycle(cycle=cycle)  # commits: the invitation goes to the broker, then the worker

    notice = Notice.objects.get(kind=Notice.Kind.CYCLE_INVITATION)
    wait_for(lambda: Notice.objects.get(pk=notice.pk).last_error, what="the refusal recorded on the notice")
    notice.refresh_from_db()
    assert notice.state == Notice.State.PENDING  # visible in the admin meanwhile, and not lost
    assert "451" in notice.last_error and "Try again later" in notice.last_error
    assert smtp.recipients() == []

    smtp.accepting.set()
    notice.refresh_from_db()
    wait_for(lambda: timezone.now() >= notice.next_attempt_at, what="the refused message's wait to pass")
    send_pending_notices.delay()  # what beat does every PORTAL_OUTBOX_SWEEP_SECONDS
    wait_for(lambda: Notice.objects.get(pk=notice.pk).state == Notice.State.SENT, what="the sweep to deliver")
    time.sleep(0.5)
    notice.refresh_from_db()
    assert smtp.recipients() == [invited.user.email]
    assert notice.attempts == smtp.refusals + 1


def test_a_worker_killed_in_the_middle_of_a_batch_leaves_the_rest_to_the_next_worker_and_sends_nothing_twice(
    smtp, broker, tmp_path
):
    invited = coordinators(12)
    cycle = open_now_cycle()
    smtp.hold_message_number = 5  # the worker will be stuck sending the fifth message
    env = subprocess_env(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")

    advance_cycle(cycle=cycle)  # twelve invitations committed and handed to the broker
    with processes(tmp_path) as running:
        first = running.worker("first", env)
        wait_for(smtp.holding.is_set, what="the first worker to reach the fifth message")
        assert len(smtp.recipients()) == 4
        # The attempt was committed before the hand-over: staff see the message being sent.
        assert states(kind=Notice.Kind.CYCLE_INVITATION) == Counter({"sent": 4, "sending": 1, "pending": 7})
        running.kill(first)
        smtp.release.set()  # the half-sent message was never accepted
        time.sleep(1.5)  # past the second worker's visibility timeout and lease

        # The task of the fifth message comes back (late acknowledgement); its row is in doubt.
        running.worker("second", {**env, "CELERY_VISIBILITY_TIMEOUT": "1", "PORTAL_OUTBOX_SENDING_LEASE": "1"})
        wait_for(
            lambda: states(kind=Notice.Kind.CYCLE_INVITATION)[Notice.State.SENT] == 12,
            what="the second worker to deliver the rest, the interrupted message included",
        )
        time.sleep(0.5)
        log = running.output()

    assert Counter(smtp.recipients()) == Counter({c.user.email: 1 for c in invited}), log
    assert Notice.objects.filter(in_doubt_at__isnull=False).count() == 1


def test_after_a_week_without_beat_the_next_run_opens_then_closes_in_order_and_reminds_no_one(smtp, worker):
    from proposals.tasks import advance_consultation_cycles

    secretariat = StaffFactory(email="secretariat@example.org", password="!")
    coordinators(3)
    now = timezone.now()
    # Beat stopped eight days ago: since then the opening, both reminder days and the deadline passed.
    cycle = open_now_cycle(opens_at=now - timedelta(days=7), deadline_at=now - timedelta(hours=12))

    advance_consultation_cycles.delay()

    wait_for(lambda: states(kind=Notice.Kind.CYCLE_SUMMARY)[Notice.State.SENT] == 1, what="the summary")
    time.sleep(0.5)
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.CLOSED
    assert cycle.opened_at <= cycle.closed_at
    assert smtp.recipients() == [secretariat.email]
    assert not Notice.objects.filter(kind__in=[Notice.Kind.CYCLE_INVITATION, Notice.Kind.CYCLE_REMINDER]).exists()
    assert Notice.objects.get(kind=Notice.Kind.CYCLE_SUMMARY).context["nobody_invited"] is True


def test_a_submission_while_the_broker_is_down_is_saved_and_confirmed_once_it_is_back(smtp, broker):
    from celery.contrib.testing.worker import start_worker

    from outbox.tasks import send_pending_notices

    [submitter] = coordinators(1)
    cycle = open_now_cycle(state=ConsultationCycle.State.OPEN)
    proposal = ProposalFactory(cycle=cycle, group=submitter.group, created_by=submitter.user)
    proposal.languages.set([LanguageFactory(code="en")])
    proposal.regions.set([RegionFactory()])
    dead_broker = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    script = (
        "from accounts.models import User; from proposals.models import Proposal; "
        "from proposals.services import submit_proposal; "
        f"proposal = Proposal.objects.get(pk={proposal.pk}); actor = User.objects.get(pk={submitter.user.pk}); "
        "submit_proposal(proposal=proposal, actor=actor); print('submitted')"
    )

    web = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=subprocess_env(CELERY_BROKER_URL=dead_broker),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert web.returncode == 0, web.stderr
    assert "submitted" in web.stdout
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED
    confirmation = Notice.objects.get(kind=Notice.Kind.PROPOSAL_SUBMITTED, to=submitter.user.email)
    assert confirmation.state == Notice.State.PENDING
    assert smtp.recipients() == []

    # Redis is back; the sweep leaves a notice its first minute for the on-commit hand-off.
    with transaction.atomic():
        a_while_ago = timezone.now() - timedelta(minutes=2)
        Notice.objects.filter(pk=confirmation.pk).update(created_at=a_while_ago, next_attempt_at=a_while_ago)
    with start_worker(broker, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        send_pending_notices.delay()
        send_pending_notices.delay()  # two sweeps: still one message
        wait_for(lambda: Notice.objects.get(pk=confirmation.pk).state == Notice.State.SENT, what="the sweep")
        time.sleep(0.5)

    assert smtp.recipients() == [submitter.user.email]
