"""The portal against the real services of the deployment: PostgreSQL, Redis, a worker."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from proposals.models import ConsultationCycle, Proposal
from proposals.services import submit_proposal
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory, ProposalFactory
from webinars.tests.factories import LanguageFactory, RegionFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_submitting_the_same_proposal_at_once_submit_it_once():
    proposal = ProposalFactory()
    proposal.languages.set([LanguageFactory(code="en")])
    proposal.regions.set([RegionFactory()])
    coordinators = iter([CoordinatorFactory(group=proposal.group).user, CoordinatorFactory(group=proposal.group).user])
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def submit():
        actor = next(coordinators)
        barrier.wait()
        try:
            submit_proposal(proposal=proposal, actor=actor)
            outcomes.append("submitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "submitted"]
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED
    assert proposal.version == 2
    assert proposal.history.filter(state=Proposal.State.SUBMITTED).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.redis
def test_cache_is_shared_through_redis(settings):
    import redis

    cache.set("portal-probe", "shared", timeout=30)
    client = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key.endswith(b"portal-probe") for key in client.scan_iter("*portal-probe"))
    assert cache.get("portal-probe") == "shared"
    cache.delete("portal-probe")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_opens_an_approved_cycle_through_redis():
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app
    from proposals.tasks import advance_consultation_cycles

    assert not app.conf.task_always_eager, "with REDIS_URL set, tasks must go through the broker"
    cycle = ConsultationCycleFactory(
        state=ConsultationCycle.State.APPROVED, opens_at=timezone.now() - timedelta(minutes=5)
    )
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        advance_consultation_cycles.delay()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            cycle.refresh_from_db()
            if cycle.state == ConsultationCycle.State.OPEN:
                break
            time.sleep(0.2)
    assert cycle.state == ConsultationCycle.State.OPEN
