"""Demo of the groups commenting on next year's draft plan.

The story: the Secretariat drafted next year's plan from the answers already in and shared
it with the groups for comment until ten days from today. The African Group (in French)
asks for Arabic on the traditional knowledge webinar, GRULAC (in Spanish) comments on the
timing of its series, and the Asia and Pacific Group (in English) on the plan as a whole;
the other groups have not commented yet, so they are the ones the reminder will reach.

Written through the loader's ``upsert`` (a second run changes nothing); the sharing is
recorded in the plan's history as the service records it, without writing notices (the
demo's coordinators are not e-mailed when the demo loads).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from planning import consultation, costs
from planning.models import AnnualPlan, PlanComment, PlanEntry
from proposals.models import Proposal

# The draft's entries: the open consultation's submitted answers (group, title) it takes up.
DRAFT_ENTRIES = [
    {
        "position": 1,
        "proposal": ("grulac", "El ciclo de la asistencia técnica, paso a paso"),
        "part": 1,
        "title": {
            "en": "The technical assistance cycle, step by step: needs assessment",
            "es": "El ciclo de la asistencia técnica, paso a paso: evaluación de necesidades",
            "fr": "Le cycle de l’assistance technique, pas à pas : évaluation des besoins",
        },
        "region": "lac",
        "languages": ["es", "en"],
        "period": "q2",
    },
    {
        "position": 2,
        "proposal": ("african", "Valoriser les savoirs traditionnels : expériences africaines"),
        "title": {
            "en": "Making the most of traditional knowledge: African experiences",
            "fr": "Valoriser les savoirs traditionnels : expériences africaines",
            "es": "Valorizar los conocimientos tradicionales: experiencias africanas",
        },
        "region": "africa",
        "languages": ["fr", "en"],
        "period": "q3",
    },
    {
        "position": 3,
        "proposal": ("asia-pacific", "Intellectual property and the Sustainable Development Goals"),
        "title": {
            "en": "Intellectual property and the Sustainable Development Goals",
            "fr": "La propriété intellectuelle et les objectifs de développement durable",
            "es": "La propiedad intelectual y los Objetivos de Desarrollo Sostenible",
        },
        "region": "asia-pacific",
        "languages": ["en"],
        "period": "q4",
    },
]

SHARE_MESSAGE = (
    "Here is the draft plan for next year, drawn from the answers received so far. "
    "Please send your group's comments on the whole plan or on any webinar before the date below."
)

# (group, entry position or None for the whole plan, language, text)
COMMENTS = [
    (
        "african",
        2,
        "fr",
        "Le Groupe des pays africains souhaite que ce webinaire soit aussi interprété en arabe, "
        "pour les offices d’Afrique du Nord.",
    ),
    (
        "grulac",
        1,
        "es",
        "Agradecemos que la serie comience este año. Pedimos que las sesiones sean por la tarde, "
        "hora de Ginebra, para que la región pueda seguirlas en directo.",
    ),
    (
        "asia-pacific",
        None,
        "en",
        "The Asia and Pacific Group supports the draft. A webinar on AI in IP offices would be welcome "
        "if capacity allows.",
    ),
]


def _estimated(plan: AnnualPlan, language_count: int) -> dict:
    estimate = costs.estimate_for(plan, language_count=language_count)
    return {
        "estimated_expert_fee": estimate.expert_fee,
        "estimated_interpretation": estimate.interpretation,
        "estimated_platform": estimate.platform,
    }


def _part(proposal: Proposal, position: int | None):
    return proposal.parts.filter(position=position).first() if position else None


def load_shared_draft(loader) -> AnnualPlan | None:
    """Next year's draft plan, shared with the groups, with three groups' comments in three languages.

    Reuses next year's draft plan when there is one; makes it from the open consultation's
    answers otherwise. Nothing happens once next year's plan is published.
    """
    from demo.management.commands.load_demo import upsert  # the demo's "save only what differs"

    year = loader.year + 1
    plan = AnnualPlan.objects.filter(year=year).first()
    if plan is not None and plan.state != AnnualPlan.State.DRAFT:
        return None
    if plan is None:
        plan = upsert(
            AnnualPlan,
            {"year": year},
            {
                "cycle": loader.open_cycle,
                "capacity": 6,
                "budget": Decimal("40000.00"),
                "cost_per_webinar": Decimal("9000.00"),
                "interpretation_cost_per_language": Decimal("1500.00"),
            },
        )
    entries = {}
    if not plan.entries.exists() or plan.entries.filter(title_en=DRAFT_ENTRIES[0]["title"]["en"]).exists():
        for item in DRAFT_ENTRIES:
            group, title = item["proposal"]
            proposal = Proposal.objects.filter(cycle=loader.open_cycle, group=loader.groups[group], title=title).first()
            entries[item["position"]] = upsert(
                PlanEntry,
                {"plan": plan, "position": item["position"]},
                {
                    "title": item["title"],
                    "region": loader.regions[item["region"]],
                    "period": item["period"],
                    "proposal_part": _part(proposal, item.get("part")) if proposal else None,
                    **_estimated(plan, len(item["languages"])),
                },
                m2m={
                    "regions": [loader.regions[item["region"]]],
                    "languages": loader.pick(loader.languages, item["languages"]),
                    "proposals": [proposal] if proposal else [],
                },
            )
    else:  # another part of the demo drafted next year's plan: the groups comment on its entries
        entries = {entry.position: entry for entry in plan.entries.order_by("position")}
    if plan.shared_at is None:
        plan.shared_at = timezone.now() - timedelta(days=2)
        plan.shared_by = loader.secretariat
        plan.comments_until = loader.today + timedelta(days=10)
        plan.share_message = SHARE_MESSAGE
        plan.shared_version = consultation.draft_digest(plan)
        plan._change_reason = consultation.SHARED
        plan._history_user = loader.secretariat
        plan.save(update_fields=consultation.SHARE_FIELDS)
    for group, position, language, text in COMMENTS:
        entry = entries.get(position) if position else None
        if position and entry is None:
            continue
        upsert(
            PlanComment,
            {"plan": plan, "group": loader.groups[group], "entry": entry},
            {
                "text": text,
                "written_in": language,
                "entry_title": entry.title if entry else "",
                "author": loader.coordinator_of[group],
            },
        )
    return plan
