"""Opening a consultation for 200 coordinators: the invitations written to the outbox.

Figure: seconds for the opening step (state change, 200 invitations rendered in six
languages and written, the commit). The hand-off to the broker is replaced by a
counter, so no worker anywhere sends these messages; delivery is bench_outbox's figure.
"""

import time
from datetime import timedelta
from unittest import mock

from django.utils import timezone

COORDINATORS = 200
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


def _consultation():
    from accounts.models import User
    from proposals.models import CandidateTopic, ConsultationCycle, Coordinator
    from webinars.models import RegionalGroup, Topic

    now = timezone.now()
    groups = [RegionalGroup.objects.create(code=f"bench-cycle-{n}", name=f"Bench group {n}") for n in range(8)]
    users = User.objects.bulk_create(
        User(
            username=f"bench-coordinator-{n}",
            email=f"coordinator{n}@bench.example.org",
            language=LANGUAGES[n % len(LANGUAGES)],
            password="!",
        )
        for n in range(COORDINATORS)
    )
    Coordinator.objects.bulk_create(
        Coordinator(user=user, group=groups[n % len(groups)]) for n, user in enumerate(users)
    )
    cycle = ConsultationCycle.objects.create(
        target_year=2099,
        opens_at=now - timedelta(minutes=1),
        deadline_at=now + timedelta(days=30),
        state=ConsultationCycle.State.APPROVED,
    )
    for n in range(6):
        topic = Topic.objects.create(
            slug=f"bench-cycle-topic-{n}",
            title=f"Candidate topic {n}",
            title_fr=f"Thème candidat {n}",
            objectives="Share what works.",
            target_audience="IP offices.",
        )
        CandidateTopic.objects.create(cycle=cycle, topic=topic, order=n)
    return cycle, groups, users


def _clean_up(cycle, groups, users):
    from outbox.models import Notice
    from proposals.models import CandidateTopic, Coordinator
    from webinars.models import Topic

    Notice.objects.filter(key__startswith=f"cycle-invitation:{cycle.pk}:").delete()
    topic_ids = list(CandidateTopic.objects.filter(cycle=cycle).values_list("topic_id", flat=True))
    cycle.candidate_topics.all().delete()
    cycle.delete()
    Topic.objects.filter(pk__in=topic_ids).delete()
    Coordinator.objects.filter(user__in=users).delete()
    for user in users:
        user.delete()
    for group in groups:
        group.delete()


def run(report):
    from outbox.models import Notice
    from proposals.cycle import advance_cycle

    cycle, groups, users = _consultation()
    handed_off = []
    try:
        with mock.patch("outbox.services.enqueue_delivery", handed_off.append):
            started = time.perf_counter()
            steps = advance_cycle(cycle=cycle)
            elapsed = time.perf_counter() - started
        written = Notice.objects.filter(key__startswith=f"cycle-invitation:{cycle.pk}:")
        assert [step.step for step in steps] == ["open"], steps
        assert written.count() == COORDINATORS == len(handed_off), (written.count(), len(handed_off))
        report("cycle_open_200_s", elapsed, "s")
    finally:
        _clean_up(cycle, groups, users)
