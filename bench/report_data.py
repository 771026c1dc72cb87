"""Ten years of programme data for the annual report's benchmarks, written with bulk_create.

The issue's size: 60 webinars (six a year for ten years: five held, one cancelled),
30,000 registrations and 5,000 feedback answers, with what the report also reads: the
published plan of every year and its entries, a decided consultation per year with
each group's proposals (retained, merged, declined) and their regions and languages,
a roster of experts of both genders from every region, materials, summaries and
answers to questions left open for most held webinars, and topic suggestions.

build_report_data() returns the range it wrote and the counts it claims. The data is
the same at every run (a seeded random generator, fixed dates), so two runs give the
same report. It uses only models the committed migrations create.
"""

import random
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from django.db import transaction

FIRST_YEAR = 2016
LAST_YEAR = 2025
WEBINARS_A_YEAR = 6
HELD_A_YEAR = 5
REGISTRATIONS = 30_000
FEEDBACK = 5_000
PREFIX = "bench-report"

LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية"), ("ru", "Русский")]
LANGUAGES += [("zh-hans", "中文")]
REGIONS = ["africa", "arab", "asia-pacific", "latin-america", "central-europe", "developed", "china"]
COUNTRIES = [
    "KE",
    "NG",
    "SN",
    "EG",
    "MA",
    "TN",
    "IN",
    "CN",
    "ID",
    "PH",
    "BR",
    "MX",
    "AR",
    "CO",
    "PE",
    "PL",
    "RO",
    "UA",
    "FR",
    "DE",
    "CH",
    "US",
    "GB",
    "JP",
    "ZA",
    "GH",
    "ET",
    "TZ",
    "UG",
    "CL",
]
GENDERS = ["female", "male", "female", "male", "undisclosed"]
PARTICIPANT_TYPES = ["government", "ip_office", "academia", "private_sector", "civil_society", "other"]


def _at(year: int, month: int, day: int = 15) -> datetime:
    return datetime(year, month, day, 13, 0, tzinfo=UTC)


def _reference():
    from webinars.models import Language, Region, RegionalGroup, ScopeArea

    languages = [
        Language.objects.get_or_create(code=code, defaults={"name": name, "order": n, "is_ui_language": True})[0]
        for n, (code, name) in enumerate(LANGUAGES)
    ]
    regions = [
        Region.objects.get_or_create(code=f"{PREFIX}-{code}"[:20], defaults={"name": code.title(), "order": n})[0]
        for n, code in enumerate(REGIONS)
    ]
    groups = []
    for n, region in enumerate(regions):
        group = RegionalGroup.objects.get_or_create(
            code=f"{PREFIX[:8]}-group-{n}", defaults={"name": f"Group {region.name}", "order": n}
        )[0]
        group.regions.set([region])
        groups.append(group)
    areas = [
        ScopeArea.objects.get_or_create(code=f"{PREFIX[:8]}-{letter}", defaults={"title": f"Area {letter}"})[0]
        for letter in "bcdef"
    ]
    return languages, regions, groups, areas


@transaction.atomic
def build_report_data() -> dict:
    """Write the ten years; return {"first_year", "last_year", and the counts written}."""
    from accounts.models import User
    from delivery.models import DeliveredLanguage, WebinarCosts
    from participants.models import Registration
    from planning.models import AnnualPlan, PlanEntry
    from proposals.models import ConsultationCycle, Proposal
    from webinars.models import AnsweredQuestion, Expert, Feedback, Material, Series, Topic, Webinar

    rng = random.Random(2025)
    languages, regions, groups, areas = _reference()
    author = User.objects.get_or_create(username=f"{PREFIX}-author", defaults={"password": "!"})[0]

    experts = Expert.objects.bulk_create(
        Expert(
            name=f"Expert {n}",
            email=f"expert{n}@{PREFIX}.example.org",
            gender=GENDERS[n % len(GENDERS)],
            region=regions[n % len(regions)],
            nationality=COUNTRIES[n % len(COUNTRIES)],
            kind=Expert.Kind.STAFF if n % 4 == 0 else Expert.Kind.EXTERNAL,
        )
        for n in range(24)
    )
    topics = Topic.objects.bulk_create(
        Topic(slug=f"{PREFIX}-topic-{n}", title=f"Report topic {n}", scope_area=areas[n % len(areas)])
        for n in range(30)
    )
    series = Series.objects.bulk_create(
        Series(slug=f"{PREFIX}-series-{n}", title=f"Report series {n}", topic=topics[n]) for n in range(5)
    )

    webinars = []
    series_position = {s.pk: 0 for s in series}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for n in range(WEBINARS_A_YEAR):
            held = n < HELD_A_YEAR
            in_series = series[(year + n) % len(series)] if n in (1, 2) else None
            position = None
            if in_series is not None:
                series_position[in_series.pk] += 1
                position = series_position[in_series.pk]
            webinars.append(
                Webinar(
                    slug=f"{PREFIX}-{year}-{n}",
                    title=f"Webinar {year} number {n + 1}",
                    topic=topics[(year * 7 + n) % len(topics)],
                    series=in_series,
                    series_position=position,
                    status=Webinar.Status.HELD if held else Webinar.Status.CANCELLED,
                    starts_at=_at(year, 2 + 2 * n) if held else None,
                    summary=f"What webinar {year}-{n} covered." if held and n != 4 else "",
                    capacity=None,
                )
            )
    webinars = Webinar.objects.bulk_create(webinars)
    held_webinars = [w for w in webinars if w.status == Webinar.Status.HELD]

    Webinar.regions.through.objects.bulk_create(
        Webinar.regions.through(webinar_id=w.pk, region_id=regions[(i + k) % len(regions)].pk)
        for i, w in enumerate(webinars)
        for k in range(1 + i % 2)
    )
    Webinar.languages.through.objects.bulk_create(
        Webinar.languages.through(webinar_id=w.pk, language_id=languages[(i + k) % len(languages)].pk)
        for i, w in enumerate(webinars)
        for k in range(1 + i % 3)
    )
    Webinar.experts.through.objects.bulk_create(
        Webinar.experts.through(webinar_id=w.pk, expert_id=experts[(i + k) % len(experts)].pk)
        for i, w in enumerate(webinars)
        for k in range(1 + i % 2)
    )

    materials = []
    for i, w in enumerate(held_webinars):
        if i % 5 != 3:
            materials.append(_material(Material, w, Material.Kind.RECORDING))
        if i % 7 != 2:
            materials.append(_material(Material, w, Material.Kind.SLIDES))
    Material.objects.bulk_create(materials)
    AnsweredQuestion.objects.bulk_create(
        AnsweredQuestion(webinar=w, question=f"Question {k}?", answer=f"Answer {k}.", order=k)
        for i, w in enumerate(held_webinars)
        if i % 3
        for k in range(3)
    )

    plans, entries = [], []
    cycles = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        cycles.append(
            ConsultationCycle(
                target_year=year,
                opens_at=_at(year - 1, 9, 1),
                deadline_at=_at(year - 1, 10, 31),
                state=ConsultationCycle.State.DECIDED,
            )
        )
    cycles = ConsultationCycle.objects.bulk_create(cycles)
    for cycle in cycles:
        plans.append(
            AnnualPlan(
                year=cycle.target_year,
                cycle=cycle,
                capacity=WEBINARS_A_YEAR,
                state=AnnualPlan.State.PUBLISHED,
                published_at=_at(cycle.target_year - 1, 12, 1),
            )
        )
    plans = AnnualPlan.objects.bulk_create(plans)
    for plan in plans:
        year_webinars = [w for w in webinars if w.slug.startswith(f"{PREFIX}-{plan.year}-")]
        for position, w in enumerate(year_webinars, start=1):
            entries.append(
                PlanEntry(
                    plan=plan,
                    position=position,
                    title=w.title,
                    topic_id=w.topic_id,
                    region=regions[position % len(regions)],
                    webinar=w,
                    estimated_expert_fee=9000,
                    estimated_interpretation=1500 * (position % 3),
                    estimated_platform=300,
                )
            )
    entries = PlanEntry.objects.bulk_create(entries)

    proposal_states = ["retained", "retained", "merged", "declined", "declined", "submitted"]
    proposals = Proposal.objects.bulk_create(
        Proposal(
            cycle=cycle,
            group=group,
            kind=Proposal.Kind.OWN,
            title=f"Proposal {cycle.target_year} of {group.code} number {k}",
            state=proposal_states[(g + k + cycle.target_year) % len(proposal_states)],
            submitted_at=cycle.deadline_at - timedelta(days=3),
            created_by=author,
            submitted_by=author,
        )
        for cycle in cycles
        for g, group in enumerate(groups)
        for k in range(2)
    )
    Proposal.regions.through.objects.bulk_create(
        Proposal.regions.through(proposal_id=p.pk, region_id=regions[(i * 3 + k) % len(regions)].pk)
        for i, p in enumerate(proposals)
        for k in range(1 + i % 2)
    )
    Proposal.languages.through.objects.bulk_create(
        Proposal.languages.through(proposal_id=p.pk, language_id=languages[(i + k) % len(languages)].pk)
        for i, p in enumerate(proposals)
        for k in range(1 + i % 3)
    )
    # Each entry answers two of its cycle's proposals; each held webinar was delivered in its
    # languages (the last one interpreted) and has its actual costs.
    proposals_of_year: dict[int, list] = {}
    for proposal in proposals:
        proposals_of_year.setdefault(proposal.cycle.target_year, []).append(proposal)
    PlanEntry.proposals.through.objects.bulk_create(
        PlanEntry.proposals.through(planentry_id=entry.pk, proposal_id=source.pk)
        for entry in entries
        for source in proposals_of_year[entry.plan.year][2 * entry.position - 2 : 2 * entry.position]
    )
    DeliveredLanguage.objects.bulk_create(
        DeliveredLanguage(
            webinar_id=w.pk,
            language_id=languages[(i + k) % len(languages)].pk,
            is_interpreted_live=k > 0,
            has_recording=k == 0,
            has_summary=True,
            has_slides=k == 0,
        )
        for i, w in enumerate(webinars)
        if w.status == Webinar.Status.HELD
        for k in range(1 + i % 3)
    )
    WebinarCosts.objects.bulk_create(
        WebinarCosts(webinar_id=w.pk, expert_fee=8500 + 50 * (i % 7), interpretation=1450 * (i % 3), platform=300)
        for i, w in enumerate(held_webinars)
    )

    registrations = []
    per_webinar = REGISTRATIONS // len(webinars)
    consented = _at(FIRST_YEAR - 1, 1)
    for w in webinars:
        held = w.status == Webinar.Status.HELD
        for k in range(per_webinar):
            registrations.append(
                Registration(
                    webinar=w,
                    name=f"Participant {k}",
                    email=f"p{k}-{w.pk}@{PREFIX}.example.org",
                    country=rng.choice(COUNTRIES),
                    participant_type=rng.choice(PARTICIPANT_TYPES),
                    language=rng.choice(LANGUAGES)[0],
                    consented_at=consented,
                    state=Registration.State.REGISTERED if held else Registration.State.CANCELLED,
                    has_attended=held and rng.random() < 0.6,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=2000)

    feedback = []
    per_held = FEEDBACK // len(held_webinars)
    for w in held_webinars:
        for k in range(per_held):
            feedback.append(
                Feedback(
                    webinar=w,
                    overall_rating=rng.choice([3, 4, 4, 5, 5, 2]),
                    relevance_rating=rng.choice([3, 4, 5]),
                    respondent=f"{w.pk}-{k}",
                    useful="The examples from other offices." if k % 10 == 0 else "",
                    to_improve="More time for questions." if k % 12 == 0 else "",
                    topic_suggestion=f"Suggested topic {k % 40}" if k % 15 == 0 else "",
                    country=rng.choice(COUNTRIES),
                )
            )
    Feedback.objects.bulk_create(feedback, batch_size=2000)

    return {
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        "webinars": len(webinars),
        "held": len(held_webinars),
        "registrations": len(registrations),
        "feedback": len(feedback),
        "proposals": len(proposals),
    }


def _material(model, webinar, kind):
    return model(
        webinar=webinar,
        kind=kind,
        title=f"{kind} of {webinar.slug}",
        url=f"https://media.example.org/{webinar.slug}/{kind}",
        is_published=True,
        published_at=webinar.starts_at + timedelta(days=7),
    )


@contextmanager
def report_data_rolled_back():
    """Yield build_report_data()'s answer inside a transaction that is rolled back afterwards.

    The benchmarks share one throw-away database: the ten years must not reach the
    modules that run after (the public list would count 60 more webinars).
    """
    with transaction.atomic():
        written = build_report_data()
        try:
            yield written
        finally:
            transaction.set_rollback(True)
