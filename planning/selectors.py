"""Read-side queries of the review and the plan, and the bridge from rows to the solver's input."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planning import costs, duplicates, solver
from planning.models import AnnualPlan, PlanEntry, ProposalMerge, SynergySuggestion
from proposals.models import ConsultationCycle, Proposal, ProposalPart
from webinars.models import Language, Region, RegionalGroup, Series, Webinar

REVIEWABLE = (Proposal.State.SUBMITTED, Proposal.State.UNDER_REVIEW)


def review_proposals(*, cycle: ConsultationCycle, filters: dict | None = None) -> QuerySet[Proposal]:
    """Every answer of a cycle (drafts aside), with what the review list shows."""
    filters = filters or {}
    queryset = (
        Proposal.objects.filter(cycle=cycle)
        .exclude(state=Proposal.State.DRAFT)
        .select_related("group", "scope_area", "candidate_topic__topic", "continues_series")
        .prefetch_related("regions", "languages", "member_states", "parts", "merged_into__lead")
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


def entry_estimates(*, plan: AnnualPlan, entries: Iterable[PlanEntry]) -> dict[int, costs.Estimate]:
    """Each entry's estimated costs, by entry id (their languages prefetched: no query)."""
    return {entry.pk: costs.entry_estimate(entry, plan) for entry in entries}


def webinar_estimate(webinar) -> costs.Estimate | None:
    """What the plan expected the webinar to cost, for the follow-up screen; None for a webinar
    that no plan entry scheduled (held before the portal planned, or added by hand)."""
    entry = PlanEntry.objects.filter(webinar_id=webinar.pk).select_related("plan").prefetch_related("languages").first()
    return None if entry is None else costs.entry_estimate(entry, entry.plan)


def webinar_plan_year(webinar) -> int | None:
    """The year of the plan the webinar came from, for the experts screen of a webinar with neither a
    date nor a planned period; None for a webinar that no plan entry made."""
    return PlanEntry.objects.filter(webinar_id=webinar.pk).values_list("plan__year", flat=True).first()


def undated_plan_webinar_ids(*, year: int) -> list[int]:
    """The webinars of the year's plan with neither a date nor a planned period (the groups asked for
    "any time of the year"): their year is the plan's, which only the plan knows."""
    return list(
        PlanEntry.objects.filter(plan__year=year, webinar__starts_at__isnull=True, webinar__planned_period="")
        .order_by("webinar_id")
        .values_list("webinar_id", flat=True)
    )


def proposals_to_add(*, plan: AnnualPlan) -> QuerySet[Proposal]:
    """The cycle's proposals under review that the plan does not hold yet, for adding by hand.

    A single webinar is in the plan once it has an entry; a series until every part has
    one (``add_plan_entry`` adds its next part). One query, whatever the number of proposals.
    """
    in_plan = PlanEntry.objects.filter(plan=plan, proposals=OuterRef("pk"))
    part_in_plan = PlanEntry.objects.filter(
        plan=plan, proposals=OuterRef(OuterRef("pk")), proposal_part__position=OuterRef("position")
    )
    part_left = ProposalPart.objects.filter(proposal=OuterRef("pk")).filter(~Exists(part_in_plan))
    is_series = Q(shape=Proposal.Shape.SERIES)
    return (
        Proposal.objects.filter(cycle_id=plan.cycle_id, state__in=REVIEWABLE)
        .filter((~is_series & ~Exists(in_plan)) | (is_series & Exists(part_left)))
        .select_related("group")
        .order_by("title", "pk")
    )


def merged_into(*, proposal: Proposal) -> Proposal | None:
    """The proposal this one was merged into, for its group's page ("merged into ...")."""
    merge = ProposalMerge.objects.filter(members=proposal).select_related("lead").first()
    return merge.lead if merge else None


@dataclass(frozen=True)
class Outcome:
    """What the review and the plan made of one proposal, as its group reads it."""

    merged_into: Proposal | None  # the lead proposal it was merged into (group selected)
    entries: tuple[PlanEntry, ...]  # the plan entries that answer it (their proposals prefetched)


def outcomes_of(proposals: Iterable[Proposal]) -> dict[int, Outcome]:
    """`merged_into` and the plan entries of many proposals at once, by proposal id.

    Three queries whatever the number of proposals, so that a list page (the
    coordinators' dashboard) keeps a constant query count. Proposals that neither a
    merger nor an entry names are left out of the mapping.
    """
    ids = {proposal.pk for proposal in proposals}
    if not ids:
        return {}
    lead_of: dict[int, Proposal] = {
        row.proposal_id: row.proposalmerge.lead
        for row in ProposalMerge.members.through.objects.filter(proposal_id__in=ids).select_related(
            "proposalmerge__lead__group"
        )
    }
    entries = (
        PlanEntry.objects.filter(proposals__in=ids)
        .select_related("plan")
        .prefetch_related(Prefetch("proposals", queryset=Proposal.objects.select_related("group").order_by("pk")))
        .order_by("plan__year", "position", "pk")
        .distinct()
    )
    entries_of: dict[int, list[PlanEntry]] = defaultdict(list)
    for entry in entries:
        for source in entry.proposals.all():
            if source.pk in ids:
                entries_of[source.pk].append(entry)
    return {
        pk: Outcome(merged_into=lead_of.get(pk), entries=tuple(entries_of.get(pk, ())))
        for pk in ids
        if pk in lead_of or pk in entries_of
    }


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
    """The plan's settings as solver rules. No budget and no cost set means money does not limit.

    A candidate costs the plan's cost per webinar plus its interpretation per language beyond
    the first (planning.costs), computed by the solver from these rules and its languages.
    """
    return solver.Rules(
        capacity=plan.capacity,
        budget=_money(plan.budget) if costs.uses_money(plan) else None,
        cost_per_webinar=_money(plan.cost_per_webinar),
        interpretation_per_language=_money(plan.interpretation_cost_per_language),
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
        .select_related("group", "scope_area", "candidate_topic__topic__scope_area", "continues_series")
        .prefetch_related("regions", "languages", "parts")
        .order_by("pk")
    )
    repeats = _earlier_repeats(proposals)
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
            "subjects": (f"topic:{proposal.candidate_topic.topic_id}",) if proposal.candidate_topic_id else (),
            "held_before": repeats.get(proposal.pk, ()),
            "is_distinct": proposal.is_distinct_from_earlier,
        }
        # A proposal continuing a public series takes its parts' numbers there (proposals.series).
        continued = series_key(proposal.continues_series_id) if proposal.continues_series_id else None
        offset = (proposal.series_first_part or 1) - 1 if continued else 0
        parts = list(proposal.parts.all()) if proposal.shape == Proposal.Shape.SERIES else []
        if parts:
            for part in parts:
                key = candidate_id(proposal.pk, part.position)
                candidates.append(
                    solver.Candidate(
                        id=key,
                        series_key=continued or candidate_id(proposal.pk),
                        series_position=offset + part.position,
                        title=f"{proposal.title}: {part.title}",
                        **common,
                    )
                )
                sources[key] = (proposal.pk, part.position)
        else:
            key = candidate_id(proposal.pk)
            candidates.append(
                solver.Candidate(
                    id=key,
                    series_key=continued,
                    series_position=proposal.series_first_part if continued else None,
                    title=proposal.title,
                    **common,
                )
            )
            sources[key] = (proposal.pk, None)
    rules = replace(
        plan_rules(plan),
        held_parts=earlier_parts(proposals),
        close_pairs=_close_pairs(plan.cycle, candidates),
    )
    return SolverInput(candidates=candidates, rules=rules, sources=sources, merges=merges)


def series_key(series_id: int) -> str:
    """The solver's name for a public series that proposals continue (a new series is its proposal's id)."""
    return f"s{series_id}"


def earlier_parts(proposals: Iterable[Proposal]) -> frozenset[tuple[str, int]]:
    """The parts, held, scheduled or to be scheduled (not cancelled), of the series these proposals continue."""
    ids = {p.continues_series_id for p in proposals if p.continues_series_id}
    if not ids:
        return frozenset()
    rows = (
        Webinar.objects.filter(series_id__in=ids)
        .exclude(status=Webinar.Status.CANCELLED)
        .values_list("series_id", "series_position")
    )
    return frozenset((series_key(series_id), position) for series_id, position in rows)


def _earlier_repeats(proposals: list[Proposal]) -> dict[int, tuple[int, str]]:
    """For each proposal that repeats a webinar held in recent years: (year, title) of the closest one."""
    return {
        pk: (found.earlier[0].year, found.earlier[0].webinar.title)
        for pk, found in duplicates.earlier_webinars(proposals).items()
        if found.earlier
    }


def _close_pairs(cycle: ConsultationCycle, candidates: list[solver.Candidate]) -> frozenset[tuple[str, str]]:
    """Single webinars of different proposals that say the same thing: the synergy finder's similar
    pairs still to decide. Merging them makes one candidate; dismissing the suggestion says they are
    two webinars. Parts of series are compared by their number in the series instead (the solver's rule).
    """
    singles = {c.id for c in candidates if c.series_key is None}
    pairs = set()
    for suggestion in SynergySuggestion.objects.filter(
        cycle=cycle, kind=SynergySuggestion.Kind.SIMILAR, state=SynergySuggestion.State.PENDING
    ).prefetch_related("proposals"):
        ids = sorted(candidate_id(p.pk) for p in suggestion.proposals.all())
        pairs.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :] if a in singles and b in singles)
    return frozenset(pairs)


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
            # An estimated entry costs its estimate; one never estimated, the plan's rule (planning.costs).
            cost=_money(costs.stored_estimate(entry).total) if costs.is_estimated(entry) else None,
        )
        ordered.append(key)
    return solver.check_plan(list(by_id.values()), data.rules, ordered)


@dataclass(frozen=True)
class LeftOut:
    """A candidate the last solver run did not choose, as people read it."""

    title: str
    part_title: str  # "" for a single webinar
    position: int | None  # the part's number in its series
    groups: tuple[str, ...]  # names of the groups it answers (a merger's lead answers several)
    reasons: tuple[dict, ...]


def left_out(plan: AnnualPlan) -> list[LeftOut]:
    """The proposals (and parts of series) the last solver run left out, with its reasons.

    The solver speaks in candidate ids ("p12", "p12.2"); the report keeps which proposal
    and part each id stands for, so the page names them by title and group instead.
    Three queries whatever the number of proposals.
    """
    report = plan.solver_report or {}
    sources = report.get("sources", {})
    verdicts = {key: v for key, v in report.get("verdicts", {}).items() if not v.get("chosen") and key in sources}
    ids = {sources[key][0] for key in verdicts}
    proposals = Proposal.objects.select_related("group").prefetch_related("parts").in_bulk(ids)
    members: dict[int, list[str]] = defaultdict(list)
    for merge in ProposalMerge.objects.filter(lead_id__in=ids).prefetch_related(
        Prefetch("members", queryset=Proposal.objects.select_related("group").order_by("pk"))
    ):
        members[merge.lead_id] = [member.group.name for member in merge.members.all()]
    rows = []
    for key, verdict in verdicts.items():
        proposal_id, position = sources[key]
        proposal = proposals.get(proposal_id)
        if proposal is None:  # deleted since the run
            continue
        part = next((p for p in proposal.parts.all() if p.position == position), None) if position else None
        rows.append(
            LeftOut(
                title=proposal.title,
                part_title=part.title if part else "",
                position=position,
                groups=tuple(dict.fromkeys([proposal.group.name, *members.get(proposal_id, [])])),
                reasons=tuple(verdict.get("reasons", [])),
            )
        )
    return sorted(rows, key=lambda row: (row.title.casefold(), row.position or 0))


def reason_names() -> dict[str, dict[str, str]]:
    """Names for the codes that reasons carry (regions, groups, languages), in the active language.

    Reasons are stored with codes so that they read well in every language; the page
    turns them into names with this map (four queries, whatever the number of reasons).
    """
    regions = {region.code: str(region) for region in Region.objects.all()}
    languages = {language.code: str(language) for language in Language.objects.all()}
    groups = {group.code: str(group) for group in RegionalGroup.objects.all()}
    series = {series_key(series.pk): str(series.title) for series in Series.objects.all()}
    return {
        "regions": regions,
        "region": regions,
        "languages": languages,
        "language": languages,
        "groups": groups,
        "series": series,
    }


# The groups that asked for a webinar --------------------------------------------------------


def _asked_by(group_lookup: str, value) -> Q:
    """Webinars whose plan entry answers a proposal of the group, directly or as a proposal
    merged into the entry's lead (``group_lookup`` ends the path at the group)."""
    return Q(**{f"plan_entry__proposals__{group_lookup}": value}) | Q(
        **{f"plan_entry__proposals__merge_led__members__{group_lookup}": value}
    )


def webinars_asked_by(group: RegionalGroup) -> QuerySet[Webinar]:
    """The public webinars born of the group's answers to a consultation, newest first: what the
    group's coordinators follow, and whose full survey results they read."""
    return (
        Webinar.objects.public()
        .filter(Q(pk__in=Webinar.objects.filter(_asked_by("group", group)).values("pk")))
        .select_related("topic")
        .order_by("-starts_at", "pk")
    )


def is_asked_by(webinar: Webinar, group: RegionalGroup) -> bool:
    return Webinar.objects.filter(_asked_by("group", group), pk=webinar.pk).exists()


# --- The groups' comments on a shared draft plan (planning.consultation) -----------------


def plan_comments(*, plan: AnnualPlan) -> QuerySet:
    """The groups' comments on a plan, group by group, the oldest first.

    Each comment has ``group``, ``entry`` (None for a comment on the whole plan, or when the
    entry was later taken out: ``entry_title`` keeps what it was written on), ``text``,
    ``written_in`` (the language it was written in, shown as written), ``author``,
    ``created_at`` and ``updated_at``. The annual report's consultation section reads them here.
    """
    from planning.models import PlanComment

    return (
        PlanComment.objects.filter(plan=plan)
        .select_related("group", "entry", "author")
        .order_by("group__order", "group__code", "created_at", "pk")
    )


def shared_draft_plan() -> AnnualPlan | None:
    """The draft plan the groups are asked to comment on (the latest shared), or None."""
    return (
        AnnualPlan.objects.filter(state=AnnualPlan.State.DRAFT, shared_at__isnull=False)
        .select_related("cycle")
        .order_by("-year")
        .first()
    )


def shared_plan_entries(*, plan: AnnualPlan) -> QuerySet[PlanEntry]:
    """The draft's entries as the groups read them: parts of series, regions, languages, period."""
    return (
        plan.entries.select_related("region", "proposal_part__proposal")
        .prefetch_related("regions", "languages")
        .order_by("position", "pk")
    )


@dataclass(frozen=True)
class ConsultationEvent:
    at: object
    who: object
    what: str
    group: object = None
    detail: str = ""


def consultation_history(*, plan: AnnualPlan) -> list[ConsultationEvent]:
    """Every step of the groups' consultation on the plan, oldest first.

    Read from the plan's history (its change reasons name the steps: shared, shared again,
    reminded, closed, published with or without consultation) and the comments' history
    (written, changed).
    """
    from planning import consultation

    labels = {
        consultation.SHARED: _("Shared with the groups for comment"),
        consultation.SHARED_AGAIN: _("Shared again with the groups: the draft or its date changed"),
        consultation.REMINDED: _("Groups that had not commented reminded"),
        consultation.CLOSED: _("Comment period closed; the Secretariat told who commented"),
        consultation.PUBLISHED_CONSULTED: _("Published, the groups consulted"),
        consultation.PUBLISHED_NOT_CONSULTED: _("Published without consulting the groups"),
    }
    events = []
    records = plan.history.exclude(history_change_reason__isnull=True).exclude(history_change_reason="")
    for record in records.select_related("history_user"):
        code, _sep, count = record.history_change_reason.partition(":")
        if code not in labels:
            continue
        detail = ""
        if code in (consultation.SHARED, consultation.SHARED_AGAIN):
            detail = _("Comments until %(date)s") % {"date": date_format(record.comments_until, "DATE_FORMAT")}
        elif code == consultation.REMINDED:
            detail = _("%(count)s group(s) reminded") % {"count": count}
        elif code == consultation.CLOSED:
            detail = _("%(count)s group(s) commented") % {"count": count}
        elif code == consultation.PUBLISHED_NOT_CONSULTED:
            detail = record.consultation_skipped_reason
        events.append(
            ConsultationEvent(at=record.history_date, who=record.history_user, what=str(labels[code]), detail=detail)
        )
    from planning.models import PlanComment

    comment_records = PlanComment.history.filter(plan_id=plan.pk).select_related("history_user", "group")
    for record in comment_records:
        what = {"+": _("Comment written"), "~": _("Comment changed"), "-": _("Comment deleted")}[record.history_type]
        events.append(
            ConsultationEvent(
                at=record.history_date,
                who=record.history_user,
                what=str(what),
                group=record.group,
                detail=record.entry_title,
            )
        )
    return sorted(events, key=lambda event: event.at)
