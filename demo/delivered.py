"""Demo of what was delivered against what was planned: last year's consultation and plan behind
last year's held webinars, the estimated costs in the plans, and for every held webinar the
languages it was delivered in and what it cost.

So that the annual report's table of languages asked for and delivered per group, and its
costs estimated against actual, show real figures. The story: last year the groups asked
for more languages than were delivered (Portuguese for GRULAC, English for the African
Group; the French interpreter for the Arab-region webinar could not be found in time, so
French came as a summary only).

Idempotent like the rest of the demo: every row is found by its natural key and saved only
when a value differs. Written directly, not through the services: these are past facts of
the demo story, and nothing is queued.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from modeltranslation.utils import build_localized_fieldname

from delivery.models import DeliveredLanguage, WebinarCosts
from planning import costs
from planning.models import AnnualPlan, PlanEntry, ProposalMerge
from proposals.models import ConsultationCycle, Proposal
from webinars.models import Webinar
from webinars.selectors import LANGUAGE_CODES

INTERPRETATION_PER_LANGUAGE = Decimal("1500.00")
PLATFORM = Decimal("300.00")

LAST_YEARS_PLAN = {
    "capacity": 6,
    "budget": "55000.00",
    "cost_per_webinar": "9000.00",
    "published_on": (12, 12),  # in the year before the plan
    "notes": "Five webinars: a two-part series for Asia and the Pacific, one each for the Arab region, "
    "Central Asia with Central Europe, and Latin America.",
}

# Last year's answers behind last year's held webinars. "webinars": the held webinars (slugs) the
# plan scheduled for it, one per part of a series; "merged_into": the lead's title.
LAST_YEARS_PROPOSALS = [
    {
        "group": "asia-pacific",
        "title": "Artificial intelligence in IP offices",
        "topic": "ai-and-ip-offices",
        "shape": "series",
        "written_in": "en",
        "preferred_period": "q1",
        "submitted_on": (10, 3),
        "regions": ["asia-pacific"],
        "languages": ["en", "zh-hans"],
        "objectives": "Show the tools offices already use, then the policy questions they raise.",
        "target_audience": "Heads of IP offices and their IT and examination managers.",
        "parts": [
            {"title": "The tools in use", "objectives": "Classification, search and translation tools."},
            {"title": "The policy questions", "objectives": "Data governance and the examiner's decision."},
        ],
        "webinars": ["ai-in-ip-offices-part-1", "ai-in-ip-offices-part-2"],
    },
    {
        "group": "african",
        "title": "Les femmes entrepreneures et la propriété intellectuelle dans la région arabe",
        "topic": "women-entrepreneurs-and-ip",
        "written_in": "fr",
        "preferred_period": "q2",
        "submitted_on": (10, 20),
        "regions": ["arab"],
        "languages": ["ar", "fr", "en"],
        "objectives": "Présenter les programmes qui aident les femmes entrepreneures à protéger leurs créations.",
        "target_audience": "Offices de propriété intellectuelle, associations d’entrepreneures.",
        "webinars": ["women-entrepreneurs-arab-region"],
    },
    {
        "group": "caceec",
        "title": "Measuring the impact of technical assistance",
        "topic": "measuring-technical-assistance-impact",
        "written_in": "en",
        "preferred_period": "q3",
        "submitted_on": (10, 12),
        "regions": ["central-asia"],
        "languages": ["ru", "en"],
        "objectives": "How the Secretariat and the offices measure what technical assistance changed.",
        "target_audience": "Planning and evaluation officers of IP offices.",
        "webinars": ["measuring-impact-europe-central-asia"],
    },
    {
        "group": "cebs",
        "title": "Evaluating technical assistance in Central Europe",
        "topic": "measuring-technical-assistance-impact",
        "written_in": "en",
        "preferred_period": "q3",
        "submitted_on": (10, 25),
        "regions": ["central-europe"],
        "languages": ["en"],
        "objectives": "Indicators for the results of technical assistance received by the region's offices.",
        "target_audience": "Evaluation officers.",
        "merged_into": "Measuring the impact of technical assistance",
    },
    {
        "group": "grulac",
        "title": "El derecho de autor en el entorno digital",
        "topic": "copyright-in-the-digital-environment",
        "written_in": "es",
        "preferred_period": "q4",
        "submitted_on": (10, 28),
        "regions": ["lac"],
        "languages": ["es", "pt"],
        "objectives": "Los desafíos de la transmisión en continuo y de la gestión colectiva.",
        "target_audience": "Oficinas de derecho de autor y sociedades de gestión colectiva.",
        "webinars": ["copyright-digital-latin-america"],
    },
]

# How a held webinar was delivered, where the demo story departs from the usual: the first of its
# languages spoken with the recording and the slides in it, the others interpreted live, a summary
# wherever one was written. A language mapped to None was not delivered at all.
DELIVERED_EXCEPTIONS = {
    "women-entrepreneurs-arab-region": {"fr": {"is_interpreted_live": False}},  # no interpreter: summary only
}


def load_delivered(loader) -> None:
    """Estimates in this year's plan, last year's plan behind its held webinars, and every held
    webinar's languages delivered and actual costs. ``loader``: the demo's DemoLoader, after its plan."""
    from demo.management.commands.load_demo import upsert  # the demo's "save only what differs"

    estimate_current_plan(upsert=upsert, year=loader.year)
    load_last_years_plan(loader, upsert=upsert)
    for webinar in Webinar.objects.held().prefetch_related("languages", "experts").order_by("starts_at", "pk"):
        load_languages_delivered(webinar, upsert=upsert)
        load_actual_costs(webinar, upsert=upsert)


def _estimated(plan: AnnualPlan, language_count: int, **split) -> dict:
    estimate = costs.estimate_for(plan, language_count=language_count)
    values = {
        "estimated_expert_fee": estimate.expert_fee,
        "estimated_interpretation": estimate.interpretation,
        "estimated_platform": estimate.platform,
    }
    return values | split


def estimate_current_plan(*, upsert, year: int) -> None:
    """This year's plan counts interpretation per language; its entries are estimated by that rule."""
    plan = AnnualPlan.objects.filter(year=year).first()
    if plan is None:
        return
    plan = upsert(AnnualPlan, {"pk": plan.pk}, {"interpretation_cost_per_language": INTERPRETATION_PER_LANGUAGE})
    for entry in plan.entries.prefetch_related("languages").order_by("position"):
        upsert(PlanEntry, {"pk": entry.pk}, _estimated(plan, len(entry.languages.all())))


def load_last_years_plan(loader, *, upsert) -> AnnualPlan:
    """Last year's decided consultation, its retained (and one merged) answers, and its archived
    plan whose entries scheduled last year's held webinars, with their estimated costs."""
    from demo import data
    from demo.management.commands.load_demo import at

    year, before = loader.year - 1, loader.year - 2
    spec = data.CURRENT_CYCLE
    opens_at, deadline_at = at(date(before, *spec["opens_on"]), 9), at(date(before, *spec["deadline_on"]), 18)
    cycle = loader.load_cycle(
        target_year=year,
        spec=spec,
        state=ConsultationCycle.State.DECIDED,
        approved_at=at(date(before, *spec["approved_on"]), 10),
        opens_at=opens_at,
        deadline_at=deadline_at,
        closed_at=deadline_at,
        candidates=[],
    )
    proposals = {}
    for item in LAST_YEARS_PROPOSALS:
        state = Proposal.State.MERGED if item.get("merged_into") else Proposal.State.RETAINED
        proposals[item["title"]] = loader.load_proposal(
            cycle,
            {
                **item,
                "kind": Proposal.Kind.OWN,
                "scope_area": loader.topic_data[item["topic"]]["scope_area"],
                "state": state,
            },
            at(date(before, *item["submitted_on"]), 10),
        )
    members: dict[str, list[Proposal]] = {}
    for item in LAST_YEARS_PROPOSALS:
        if item.get("merged_into"):
            members.setdefault(item["merged_into"], []).append(proposals[item["title"]])
    for lead_title, merged in members.items():
        upsert(
            ProposalMerge,
            {"lead": proposals[lead_title]},
            {"cycle": cycle, "created_by": loader.secretariat},
            m2m={"members": merged},
        )
    published_at = at(date(before, *LAST_YEARS_PLAN["published_on"]), 10)
    plan = upsert(
        AnnualPlan,
        {"year": year},
        {
            "cycle": cycle,
            "capacity": LAST_YEARS_PLAN["capacity"],
            "budget": Decimal(LAST_YEARS_PLAN["budget"]),
            "cost_per_webinar": Decimal(LAST_YEARS_PLAN["cost_per_webinar"]),
            "interpretation_cost_per_language": INTERPRETATION_PER_LANGUAGE,
            "state": AnnualPlan.State.ARCHIVED,
            "notes": LAST_YEARS_PLAN["notes"],
            "published_at": published_at,
            "published_by": loader.secretariat,
        },
        backdate={"created_at": published_at - timedelta(days=10)},
    )
    position = 0
    for item in LAST_YEARS_PROPOSALS:
        proposal = proposals[item["title"]]
        sources = [proposal, *members.get(item["title"], [])]
        parts = list(proposal.parts.order_by("position"))
        for n, slug in enumerate(item.get("webinars", [])):
            position += 1
            webinar = Webinar.objects.prefetch_related("regions", "languages").get(slug=slug)
            regions, languages = list(webinar.regions.all()), list(webinar.languages.all())
            # The platform's share of the base rate was known for the series: split out of the expert's fee.
            split = {"estimated_expert_fee": Decimal("8500.00"), "estimated_platform": Decimal("500.00")}
            upsert(
                PlanEntry,
                {"plan": plan, "position": position},
                {
                    "title": _titles(webinar),
                    "topic": webinar.topic,
                    "region": regions[0],
                    "period": item["preferred_period"],
                    "proposal_part": parts[n] if parts else None,
                    "webinar": webinar,
                    **_estimated(plan, len(languages), **(split if parts else {})),
                },
                m2m={"proposals": sources, "regions": regions, "languages": languages},
            )
            for source in sources:  # what the publication records: the proposal became this webinar
                source.webinars.add(webinar)
    return plan


def _titles(webinar: Webinar) -> dict[str, str]:
    """The webinar's title in the languages it is written in, for its plan entry."""
    titles = {code: getattr(webinar, build_localized_fieldname("title", code)) for code in LANGUAGE_CODES}
    return {code: title for code, title in titles.items() if title}


def _has_summary(webinar: Webinar, code: str) -> bool:
    return bool((getattr(webinar, build_localized_fieldname("summary", code), "") or "").strip())


def load_languages_delivered(webinar: Webinar, *, upsert) -> None:
    """The first of its languages spoken (recording and slides in it), the others interpreted live."""
    exceptions = DELIVERED_EXCEPTIONS.get(webinar.slug, {})
    for n, language in enumerate(sorted(webinar.languages.all(), key=_given_first(webinar))):
        ways = {
            "is_interpreted_live": n > 0,
            "has_recording": n == 0,
            "has_slides": n == 0,
            "has_summary": _has_summary(webinar, language.code),
        }
        if language.code in exceptions:
            if exceptions[language.code] is None:
                continue
            ways |= exceptions[language.code]
        upsert(DeliveredLanguage, {"webinar": webinar, "language": language}, ways)


def _given_first(webinar: Webinar):
    """The demo gives a webinar in the language its materials are in, then the others in order."""
    spoken = webinar.materials.filter(language__isnull=False).values_list("language_id", flat=True).first()
    return lambda language: (language.pk != spoken, language.order, language.code)


def load_actual_costs(webinar: Webinar, *, upsert) -> None:
    """Near the plan's rates, drawn from the slug so that every run draws the same amounts: staff
    experts cost no fee; interpretation for each language interpreted live; the platform."""
    draw = random.Random(webinar.slug)
    external = any(expert.kind != "staff" for expert in webinar.experts.all())
    interpreted = DeliveredLanguage.objects.filter(webinar=webinar, is_interpreted_live=True).count()
    upsert(
        WebinarCosts,
        {"webinar": webinar},
        {
            "expert_fee": Decimal(8000 + 100 * draw.randint(0, 20) if external else 0),
            "interpretation": Decimal(interpreted * (1300 + 50 * draw.randint(0, 8))),
            "platform": PLATFORM,
            "other": Decimal(draw.choice([0, 0, 0, 150])),
            "notes": "" if external else "Given by Secretariat staff: no fee.",
        },
    )
