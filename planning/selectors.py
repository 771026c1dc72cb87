"""Read-side queries of the review and the plan, and the bridge from rows to the solver's input."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from planning import solver
from planning.models import AnnualPlan, PlanEntry, ProposalMerge, SynergySuggestion
from proposals.models import ConsultationCycle, Proposal
from webinars.models import Language, Region

REVIEWABLE = (Proposal.State.SUBMITTED, Proposal.State.UNDER_REVIEW)


def review_proposals(*, cycle: ConsultationCycle, filters: dict | None = None) -> QuerySet[Proposal]:
    """Every answer of a cycle (drafts aside), with what the review list shows."""
    filters = filters or {}
    queryset = (
        Proposal.objects.filter(cycle=cycle)
        .exclude(state=Proposal.State.DRAFT)
        .select_related("group", "scope_area", "candidate_topic__topic")
        .prefetch_related("regions", "languages", "parts", "merged_into__lead")
        .order_by("group__order", "group__code", "pk")
    )
    lookups = {
        "group": "group",
        "kind": "kind",
        "scope_area": "scope_area",
        "region": "regions",
        "language": "languages",
        "state": "state",
    }
    for key, lookup in lookups.items():
        value = filters.get(key)
        if value:
            queryset = queryset.filter(**{lookup: value})
    return queryset.distinct()


def synergy_suggestions(*, cycle: ConsultationCycle) -> QuerySet[SynergySuggestion]:
    return SynergySuggestion.objects.filter(cycle=cycle).prefetch_related(
        Prefetch("proposals", queryset=Proposal.objects.select_related("group").order_by("pk"))
    )


def plan_entries(*, plan: AnnualPlan) -> QuerySet[PlanEntry]:
    return plan.entries.select_related("region", "topic", "expert", "proposal_part", "webinar").prefetch_related(
        "regions", "languages", Prefetch("proposals", queryset=Proposal.objects.select_related("group"))
    )


def merged_into(*, proposal: Proposal) -> Proposal | None:
    """The proposal this one was merged into, for its group's page ("merged into ...")."""
    merge = ProposalMerge.objects.filter(members=proposal).select_related("lead").first()
    return merge.lead if merge else None


@dataclass
class SolverInput:
    candidates: list[solver.Candidate]
    rules: solver.Rules
    sources: dict[str, tuple[int, int | None]]  # candidate id -> (lead proposal id, part position)
    merges: dict[int, list[int]]  # lead proposal id -> member proposal ids


def candidate_id(proposal_id: int, position: int | None = None) -> str:
    return f"p{proposal_id}" if position is None else f"p{proposal_id}.{position}"


def _money(value) -> int:
    return int(round(value or 0))


def plan_rules(plan: AnnualPlan, *, workers: int = 1) -> solver.Rules:
    """The plan's settings as solver rules. No budget and no cost set means money does not limit."""
    uses_money = plan.budget > 0 or plan.cost_per_webinar > 0
    return solver.Rules(
        capacity=plan.capacity,
        budget=_money(plan.budget) if uses_money else None,
        cost_per_webinar=_money(plan.cost_per_webinar),
        regions=tuple(Region.objects.order_by("order", "code").values_list("code", flat=True)),
        languages=tuple(Language.objects.filter(is_ui_language=True).values_list("code", flat=True)),
        workers=workers,
    )


def solver_input(plan: AnnualPlan) -> SolverInput:
    """The cycle's reviewable proposals as candidates: one per webinar, one per part of a series.

    A merger's lead stands for every proposal merged into it: it serves all their groups,
    regions and languages.
    """
    proposals = list(
        Proposal.objects.filter(cycle=plan.cycle, state__in=REVIEWABLE)
        .select_related("group", "scope_area", "candidate_topic__topic__scope_area")
        .prefetch_related("regions", "languages", "parts")
        .order_by("pk")
    )
    merges: dict[int, list[int]] = {}
    members_by_lead: dict[int, list[Proposal]] = defaultdict(list)
    for merge in ProposalMerge.objects.filter(cycle=plan.cycle).prefetch_related(
        Prefetch("members", queryset=Proposal.objects.select_related("group").prefetch_related("regions", "languages"))
    ):
        members = list(merge.members.all())
        merges[merge.lead_id] = [m.pk for m in members]
        members_by_lead[merge.lead_id] = members
    candidates: list[solver.Candidate] = []
    sources: dict[str, tuple[int, int | None]] = {}
    for proposal in proposals:
        family = [proposal, *members_by_lead.get(proposal.pk, [])]
        scope_area = proposal.scope_area or (
            proposal.candidate_topic.topic.scope_area if proposal.candidate_topic_id else None
        )
        common = {
            "groups": tuple(dict.fromkeys(p.group.code for p in family)),
            "regions": tuple(dict.fromkeys(r.code for p in family for r in p.regions.all())),
            "languages": tuple(dict.fromkeys(lang.code for p in family for lang in p.languages.all())),
            "in_scope": bool(scope_area and scope_area.is_in_scope),
            "preferred_period": proposal.preferred_period,
            "sources": tuple(str(p.pk) for p in family),
        }
        parts = list(proposal.parts.all()) if proposal.shape == Proposal.Shape.SERIES else []
        if parts:
            for part in parts:
                key = candidate_id(proposal.pk, part.position)
                candidates.append(
                    solver.Candidate(
                        id=key,
                        series_key=candidate_id(proposal.pk),
                        series_position=part.position,
                        title=f"{proposal.title}: {part.title}",
                        **common,
                    )
                )
                sources[key] = (proposal.pk, part.position)
        else:
            key = candidate_id(proposal.pk)
            candidates.append(solver.Candidate(id=key, title=proposal.title, **common))
            sources[key] = (proposal.pk, None)
    return SolverInput(candidates=candidates, rules=plan_rules(plan), sources=sources, merges=merges)


def entry_candidate_id(entry: PlanEntry) -> str:
    if entry.proposal_part_id:
        return candidate_id(entry.proposal_part.proposal_id, entry.proposal_part.position)
    proposals = sorted(entry.proposals.all(), key=lambda p: p.pk)
    return candidate_id(proposals[0].pk) if proposals else f"e{entry.pk}"


def plan_broken_rules(plan: AnnualPlan, entries: list[PlanEntry] | None = None) -> list[solver.Reason]:
    """The rules the plan as edited breaks now: the entries as they stand, in their order."""
    data = solver_input(plan)
    entries = list(plan_entries(plan=plan)) if entries is None else entries
    by_id = {c.id: c for c in data.candidates}
    ordered = []
    for entry in entries:
        key = entry_candidate_id(entry)
        base = by_id.get(key)
        regions = tuple(r.code for r in entry.regions.all()) or (entry.region.code,)
        by_id[key] = solver.Candidate(
            id=key,
            groups=tuple(dict.fromkeys(p.group.code for p in entry.proposals.all())),
            regions=regions,
            languages=tuple(lang.code for lang in entry.languages.all()),
            series_key=base.series_key if base else None,
            series_position=base.series_position if base else None,
        )
        ordered.append(key)
    return solver.check_plan(list(by_id.values()), data.rules, ordered)


def cycles_in_review() -> QuerySet[ConsultationCycle]:
    return ConsultationCycle.objects.filter(
        Q(state=ConsultationCycle.State.CLOSED) | Q(state=ConsultationCycle.State.DECIDED)
    ).order_by("-target_year")
