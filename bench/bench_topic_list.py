"""The public topic list with a realistic catalogue: 1,000 webinars, 3,000 proposals.

Figures: SQL queries of one page view, and the 95th percentile of its response time
through Django's test client (no network), so the query plan and rendering are timed.
"""

import statistics
import time
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

WEBINARS = 1000
PROPOSALS = 3000
REQUESTS = 40


def _catalogue():
    from accounts.models import User
    from proposals.models import ConsultationCycle, Proposal
    from webinars.models import Language, Region, RegionalGroup, Topic, Webinar

    now = timezone.now()
    languages = [Language.objects.create(code=code, name=code) for code in ["ar", "zh-hans", "en", "fr", "ru", "es"]]
    regions = [Region.objects.create(code=f"r{n}", name=f"Region {n}") for n in range(7)]
    groups = [RegionalGroup.objects.create(code=f"g{n}", name=f"Group {n}") for n in range(7)]
    topic = Topic.objects.create(slug="topic", title="Topic")
    webinars = Webinar.objects.bulk_create(
        Webinar(
            slug=f"w{n}",
            title=f"Webinar {n}",
            title_fr=f"Webinaire {n}",
            title_es=f"Seminario web {n}",
            title_ar=f"ندوة {n}",
            title_ru=f"Вебинар {n}",
            title_zh_hans=f"网络研讨会 {n}",
            topic=topic,
            status=Webinar.Status.HELD if n % 2 else Webinar.Status.SCHEDULED,
            starts_at=now + timedelta(days=(n % 300) - 150 if n % 2 == 0 else -(n % 300) - 1),
        )
        for n in range(WEBINARS)
    )
    Webinar.regions.through.objects.bulk_create(
        Webinar.regions.through(webinar_id=w.pk, region_id=regions[i % 7].pk) for i, w in enumerate(webinars)
    )
    Webinar.languages.through.objects.bulk_create(
        Webinar.languages.through(webinar_id=w.pk, language_id=languages[i % 6].pk) for i, w in enumerate(webinars)
    )
    user = User.objects.create(username="bench")
    cycle = ConsultationCycle.objects.create(
        target_year=now.year + 1,
        opens_at=now - timedelta(days=5),
        deadline_at=now + timedelta(days=5),
        state=ConsultationCycle.State.OPEN,
    )
    Proposal.objects.bulk_create(
        Proposal(
            cycle=cycle,
            group=groups[n % 7],
            title=f"Proposal {n}",
            objectives="Objectives",
            created_by=user,
            state=Proposal.State.SUBMITTED,
            submitted_at=now - timedelta(minutes=n),
        )
        for n in range(PROPOSALS)
    )


def run(report):
    _catalogue()
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")
    report("topic_list_queries", len(queries), "queries")
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get("/en/")
        timings.append((time.perf_counter() - started) * 1000)
    report("topic_list_p95", statistics.quantiles(timings, n=20)[18], "ms")
