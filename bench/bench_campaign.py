"""Queueing a campaign to 10,000 members of the participants' network.

Figures: the seconds `send_campaign` takes to select the audience and write one outbox
row per person (one transaction; each language's message rendered once, then the name
and unsubscribe link put in per person; rows written a thousand per INSERT), and how
much the resident memory of the process grew at its peak while it did (sampled every
20 ms). The issue's goal: under 10 s, memory flat. BENCH_CAMPAIGN_MEMBERS=2000 runs a
smaller audience to compare: the growth must not follow the number of members.
"""

import os
import sys
import time

from django.utils import timezone

from bench.bench_outbox import PeakRss

MEMBERS = int(os.environ.get("BENCH_CAMPAIGN_MEMBERS", "10000"))
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


def _webinar():
    from webinars.models import Language, Topic, Webinar

    topic = Topic.objects.create(slug="bench-campaign", title="Campaign benchmark")
    webinar = Webinar.objects.create(
        slug="bench-campaign",
        title="Campaign benchmark",
        title_fr="Banc d'essai des campagnes",
        description="A webinar promoted to the whole network.",
        topic=topic,
        status=Webinar.Status.SCHEDULED,
        starts_at=timezone.now() + timezone.timedelta(days=30),
    )
    language, created = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    webinar.languages.set([language])
    return webinar, (language if created else None)


def _members() -> None:
    from participants.models import NetworkMember

    now = timezone.now()
    for start in range(0, MEMBERS, 1000):
        NetworkMember.objects.bulk_create(
            NetworkMember(
                email=f"member{n}@bench.example.org",
                name=f"Member {n}" if n % 3 else "",
                language=LANGUAGES[n % len(LANGUAGES)],
                state=NetworkMember.State.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(start, min(start + 1000, MEMBERS))
        )


def run(report):
    from outbox.models import Notice
    from participants.models import Campaign, NetworkMember
    from participants.services.campaigns import preview_campaign, send_campaign

    webinar, own_language = _webinar()
    _members()
    campaign = Campaign.objects.create(
        webinar=webinar, subject_en="Campaign benchmark", include_series_participants=False
    )
    # A running web process has its URLconf, templates and six catalogues loaded already,
    # and the Secretariat previews every language before sending: warm up the same way.
    for language in LANGUAGES:
        preview_campaign(campaign, language)
    sampler = PeakRss()
    baseline = sampler.peak
    try:
        sampler.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        campaign = send_campaign(campaign=campaign, actor=None)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        sampler.stop.set()
        sampler.join()
        queued = Notice.objects.filter(key__startswith=f"campaign:{campaign.pk}:").count()
        assert campaign.sent_count == queued == MEMBERS, (campaign.sent_count, queued)
        report(f"campaign_{MEMBERS}_queue_s", elapsed, "s")
        report(f"campaign_{MEMBERS}_rss_mb", max(0.0, sampler.peak - baseline), "MB")
        print(
            f"bench: campaign queued {MEMBERS} messages in {elapsed:.1f} s ({cpu:.1f} s of this process's CPU)",
            file=sys.stderr,
            flush=True,
        )
    finally:
        sampler.stop.set()
        Notice.objects.filter(key__startswith=f"campaign:{campaign.pk}:").delete()
        Campaign.objects.filter(pk=campaign.pk).delete()
        NetworkMember.objects.filter(email__endswith="@bench.example.org").delete()
        webinar.delete()
        webinar.topic.delete()
        if own_language is not None:  # the modules after this one build their own languages
            own_language.delete()
