"""Redis away: the cache misses and drops writes, and nothing a user does fails with it."""

import pytest
from django.core.cache import caches

from proposals.models import Proposal
from proposals.services import submit_proposal
from proposals.tests.factories import CoordinatorFactory, ProposalFactory
from webinars.tests.factories import LanguageFactory, RegionFactory

DEAD_REDIS = {
    "default": {
        "BACKEND": "portal.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DEAD_REDIS
    yield caches["default"]
    caches["default"].close()


def test_reads_miss_and_writes_are_dropped_when_redis_is_unreachable(redis_down):
    assert redis_down.get("anything", "fallback") == "fallback"
    redis_down.set("key", "value")
    assert redis_down.add("key", "value") is False
    assert redis_down.incr("counter") == 1
    assert redis_down.get_many(["a", "b"]) == {}


@pytest.mark.django_db
def test_a_coordinator_can_submit_while_redis_is_unreachable(redis_down, client):
    proposal = ProposalFactory(state=Proposal.State.DRAFT)
    proposal.languages.add(LanguageFactory(code="fr"))
    proposal.regions.add(RegionFactory())

    coordinator = CoordinatorFactory(group=proposal.group)
    submit_proposal(proposal=proposal, actor=coordinator.user)
    response = client.get("/en/")

    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED
    assert response.status_code == 200
    assert proposal.title in response.content.decode()
