"""Queueing the network digest to 10,000 members of the participants' network.

Figures: the seconds `send_network_digest` takes to find the webinars newly open for
registration, read the members whose digest is due (a thousand at a time, locked), match
each member's interests (areas, regions, languages), and write one outbox row per member
(one transaction; each language's message for one list of webinars rendered once, then the
name and the two links put in per person; rows written a thousand per INSERT); and how much
the resident memory of the process grew at its peak while it did (sampled every 20 ms).
The issue's goal: under 10 s, memory flat. BENCH_DIGEST_MEMBERS=2000 runs a smaller network
to compare: the growth must not follow the number of members.

The data are the bench's own: built and measured inside a transaction that is rolled back,
so the modules after this one find the database as they left it.
"""

import os
import sys
import time

from django.db import transaction
from django.utils import timezone

from bench.bench_outbox import PeakRss

MEMBERS = int(os.environ.get("BENCH_DIGEST_MEMBERS", "10000"))
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
WEBINARS = 6


class _RolledBack(Exception):
    """Leaves the bench's transaction, rolling back everything it wrote."""


def _programme():
    """Six webinars open for registration, each for two regions, in one scope area and in one
    to three languages: members' interests select different lists of them."""
    from webinars.models import Expert, Language, Region, ScopeArea, Topic, Webinar

    languages = [
        Language.objects.get_or_create(code=code, defaults={"name": code.upper(), "order": n})[0]
        for n, code in enumerate(LANGUAGES)
    ]
    regions = [Region.objects.create(code=f"bench-digest-{n}", name=f"Region {n}") for n in range(3)]
    areas = [ScopeArea.objects.create(code=f"bench-digest-{n}", title=f"Area {n}") for n in range(2)]
    expert = Expert.objects.create(name="Bench expert", email="expert@bench-digest.example.org")
    webinars = []
    for n in range(WEBINARS):
        topic = Topic.objects.create(slug=f"bench-digest-{n}", title=f"Digest topic {n}", scope_area=areas[n % 2])
        webinar = Webinar.objects.create(
            slug=f"bench-digest-{n}",
            title=f"Digest benchmark {n}",
            title_fr=f"Banc d'essai du résumé {n}",
            description="A webinar newly open for registration. " * 8,
            topic=topic,
            status=Webinar.Status.SCHEDULED,
            starts_at=timezone.now() + timezone.timedelta(days=20 + n),
        )
        webinar.regions.set([regions[n % 3], regions[(n + 1) % 3]])
        webinar.languages.set(languages[n % 6 : n % 6 + 1 + n % 3])
        webinar.experts.set([expert])
        webinars.append(webinar)
    return regions, areas


def _members(regions, areas) -> None:
    """Confirmed members in the six languages; two in three chose a region, one in two an area,
    one in three some languages (the others hear of every webinar)."""
    from participants.models import NetworkMember

    now = timezone.now()
    region_links = NetworkMember.regions.through
    area_links = NetworkMember.scope_areas.through
    for start in range(0, MEMBERS, 1000):
        chunk = NetworkMember.objects.bulk_create(
            NetworkMember(
                email=f"member{n}@bench-digest.example.org",
                name=f"Member {n}" if n % 3 else "",
                language=LANGUAGES[n % len(LANGUAGES)],
                languages=[LANGUAGES[n % 6], LANGUAGES[(n + 2) % 6]] if n % 3 == 0 else [],
                state=NetworkMember.State.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(start, min(start + 1000, MEMBERS))
        )
        region_links.objects.bulk_create(
            region_links(networkmember_id=member.pk, region_id=regions[n % 3].pk)
            for n, member in enumerate(chunk, start)
            if n % 3
        )
        area_links.objects.bulk_create(
            area_links(networkmember_id=member.pk, scopearea_id=areas[n % 2].pk)
            for n, member in enumerate(chunk, start)
            if n % 2
        )


def run(report):
    from outbox.models import Notice
    from participants.services import digest
    from participants.services.rendering import render_once

    try:
        with transaction.atomic():
            regions, areas = _programme()
            _members(regions, areas)
            # A running worker has its URLconf, templates and six catalogues loaded already:
            # warm up the same way (one message in each language).
            for language in LANGUAGES:
                render_once(kind=Notice.Kind.NETWORK_DIGEST, language=language, context={"webinars": []})
            sampler = PeakRss()
            baseline = sampler.peak
            try:
                sampler.start()
                started, cpu_started = time.perf_counter(), time.process_time()
                queued = digest.send_network_digest()
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            finally:
                sampler.stop.set()
                sampler.join()
            written = Notice.objects.filter(kind=Notice.Kind.NETWORK_DIGEST).count()
            assert queued == written == MEMBERS, (queued, written)
            report(f"digest_{MEMBERS}_queue_s", elapsed, "s")
            report(f"digest_{MEMBERS}_rss_mb", max(0.0, sampler.peak - baseline), "MB")
            print(
                f"bench: digest queued {MEMBERS} messages in {elapsed:.1f} s ({cpu:.1f} s of this process's CPU)",
                file=sys.stderr,
                flush=True,
            )
            raise _RolledBack
    except _RolledBack:
        pass
