"""The Secretariat's review and the annual plan: every state change is one named action.

Proposals change state only through `proposal.change_state(...)`, locked with
select_for_update, inside these services' transactions.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from planning import costs, reasons, selectors, solver, synergy
from planning.consultation import record_consultation
from planning.models import AnnualPlan, PlanEntry, ProposalMerge, SynergySuggestion
from planning.permissions import CHANGE_PLAN, PUBLISH_PLAN, REVIEW, RUN_SOLVER, START_PLAN
from portal.permissions import require_permission
from proposals.cycle import queue_outcome_notices
from proposals.models import ConsultationCycle, Proposal
from proposals.series import check_continuation
from similarity import registry as similarity_registry
from similarity import thesaurus
from similarity import vectors as similarity_vectors
from webinars.models import Language, Region, Series, Topic, Webinar

HARD_RULES = (solver.OVER_CAPACITY, solver.OVER_BUDGET, solver.SERIES_ORDER_BROKEN)


def _lock_proposal(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _lock_plan(plan: AnnualPlan) -> AnnualPlan:
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != AnnualPlan.State.DRAFT:
        raise ValidationError(_("The plan is published; it can no longer be changed."))
    return plan


def _save_state(proposal: Proposal, actor, *extra: str) -> None:
    proposal.version += 1
    proposal._history_user = actor
    proposal.save(update_fields=["state", "version", "updated_at", *extra])


def _to_review(proposal: Proposal) -> None:
    if proposal.state != Proposal.State.UNDER_REVIEW:
        proposal.change_state(Proposal.State.UNDER_REVIEW)


@transaction.atomic
def mark_under_review(*, actor, proposal: Proposal) -> Proposal:
    """The Secretariat starts examining an answer; the group can no longer change it."""
    require_permission(actor, REVIEW)
    proposal = _lock_proposal(proposal)
    proposal.change_state(Proposal.State.UNDER_REVIEW)
    _save_state(proposal, actor)
    return proposal


@transaction.atomic
def decline_proposal(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """Not retained, with the reason the group will read."""
    require_permission(actor, REVIEW)
    if not reason.strip():
        raise ValidationError(_("Give the group the reason why its proposal is not retained."))
    proposal = _lock_proposal(proposal)
    _to_review(proposal)
    proposal.change_state(Proposal.State.DECLINED)
    proposal.decision_reason = reason.strip()
    _save_state(proposal, actor, "decision_reason")
    return proposal


def _refuse_unless_reviewable(proposal: Proposal) -> None:
    if proposal.state not in selectors.REVIEWABLE:
        raise ValidationError(
            _("“%(title)s” is %(state)s: only an answer under review can change here.")
            % {"title": proposal.title, "state": proposal.get_state_display().lower()}
        )


@transaction.atomic
def attach_to_series(*, actor, proposal: Proposal, series: Series, first_part: int | None = None) -> Proposal:
    """The Secretariat says that an answer continues a public series, as its next part (or the part given).

    The strategy's gradation: "each webinar completes the information given in the previous
    ones". The number must follow the parts the series holds or another proposal offers
    (proposals.series); a series nobody sees yet cannot be continued.
    """
    require_permission(actor, REVIEW)
    proposal = _lock_proposal(proposal)
    _refuse_unless_reviewable(proposal)
    proposal.series_first_part = check_continuation(proposal=proposal, series=series, first_part=first_part)
    proposal.continues_series = series
    _save_state(proposal, actor, "continues_series", "series_first_part")
    return proposal


@transaction.atomic
def detach_from_series(*, actor, proposal: Proposal) -> Proposal:
    """The answer stands on its own again (or, a graded series, starts a series of its own)."""
    require_permission(actor, REVIEW)
    proposal = _lock_proposal(proposal)
    _refuse_unless_reviewable(proposal)
    proposal.continues_series, proposal.series_first_part = None, None
    _save_state(proposal, actor, "continues_series", "series_first_part")
    return proposal


@transaction.atomic
def mark_distinct(*, actor, proposal: Proposal, is_distinct: bool, reason: str = "") -> Proposal:
    """Nothing is planned twice, unless the Secretariat says why this answer is another webinar.

    Close to a webinar held in recent years or to another answer, yet distinct (another
    region or language, say): the solver may then plan it. The reason is kept with the answer.
    """
    require_permission(actor, REVIEW)
    proposal = _lock_proposal(proposal)
    _refuse_unless_reviewable(proposal)
    reason = (reason or "").strip()
    if is_distinct and not reason:
        raise ValidationError(_("Say why this answer is not a repeat of the earlier webinar."))
    proposal.is_distinct_from_earlier = is_distinct
    proposal.distinct_reason = reason if is_distinct else ""
    _save_state(proposal, actor, "is_distinct_from_earlier", "distinct_reason")
    return proposal


@transaction.atomic
def merge_proposals(*, actor, lead: Proposal, others: list[Proposal]) -> ProposalMerge:
    """Answer several proposals with one webinar: the others are merged into the lead.

    Every source is kept (the merger lists them; the plan entry of the lead names them
    all) and each group sees what its proposal was merged into.
    """
    require_permission(actor, REVIEW)
    ids = sorted({p.pk for p in others} - {lead.pk})
    if not ids:
        raise ValidationError(_("Choose at least one other proposal to merge."))
    lead = _lock_proposal(lead)
    members = list(Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if any(p.cycle_id != lead.cycle_id for p in members):
        raise ValidationError(_("Only proposals of the same consultation can be merged."))
    for proposal in [lead, *members]:
        if proposal.state not in selectors.REVIEWABLE:
            raise ValidationError(
                _("“%(title)s” is %(state)s and cannot be merged.")
                % {"title": proposal.title, "state": proposal.get_state_display().lower()}
            )
    merge = ProposalMerge.objects.filter(lead=lead).first()
    if merge is None:
        merge = ProposalMerge.objects.create(cycle=lead.cycle, lead=lead, created_by=actor)
    for member in members:
        led = ProposalMerge.objects.filter(lead=member).first()
        if led is not None:  # a lead merged in turn brings its own members along
            merge.members.add(*led.members.all())
            led.delete()
    merge.members.add(*members)
    if lead.state != Proposal.State.UNDER_REVIEW:
        lead.change_state(Proposal.State.UNDER_REVIEW)
        _save_state(lead, actor)
    for member in members:
        _to_review(member)
        member.change_state(Proposal.State.MERGED)
        _save_state(member, actor)
    return merge


def _documents(cycle: ConsultationCycle) -> list[synergy.Document]:
    """The cycle's answers with their stored vectors (computed in one batch where a save's task did not run)."""
    proposals = list(
        Proposal.objects.filter(cycle=cycle, state__in=selectors.REVIEWABLE)
        .select_related("group")
        .prefetch_related("parts")
        .order_by("pk")
    )
    vectors = similarity_vectors.vectors_for(proposals)
    subjects = thesaurus.current()  # compiled once for every text of the cycle
    documents = []
    for proposal, vector in zip(proposals, vectors, strict=True):
        text = similarity_registry.text_of(proposal)
        documents.append(
            synergy.Document(
                id=str(proposal.pk),
                group=str(proposal.group_id),
                texts={proposal.written_in: text},
                candidate_topic=str(proposal.candidate_topic_id) if proposal.candidate_topic_id else None,
                vector=vector,
                concepts=frozenset(subjects.concepts_in(text, proposal.written_in)),
            )
        )
    return documents


def _shown_first(subjects: thesaurus.Thesaurus, concepts: tuple[str, ...]) -> tuple[str, ...]:
    """The shared subjects in the order staff read them: the strategy's scope areas first, then by name."""
    names = [subjects.name(slug, "en") for slug in concepts]
    return tuple(n.slug for n in sorted(names, key=lambda n: (not n.scope_area, n.label.casefold(), n.slug)))


@transaction.atomic
def refresh_synergy_suggestions(*, actor, cycle: ConsultationCycle) -> list[SynergySuggestion]:
    """Run the finder over the cycle's answers; new suggestions join, decided ones stay decided.

    The finder reads the vectors stored when each proposal was saved (the encoder runs here
    only for a proposal whose save task was lost); the subjects shown beside a suggestion are
    the thesaurus concepts both proposals name.
    """
    require_permission(actor, REVIEW)
    found = synergy.find_synergies(_documents(cycle))
    subjects = thesaurus.current()
    for suggestion in found:
        suggestion.concepts = _shown_first(subjects, suggestion.concepts)
    existing = {s.signature: s for s in SynergySuggestion.objects.filter(cycle=cycle)}
    created = []
    for suggestion in found:
        signature = "-".join(sorted(suggestion.ids, key=int))
        if signature in existing:
            row = existing[signature]
            if row.state == SynergySuggestion.State.PENDING:
                row.score, row.kind, row.matched = suggestion.score, suggestion.kind, suggestion.as_dict()
                row.save(update_fields=["score", "kind", "matched"])
            continue
        row = SynergySuggestion.objects.create(
            cycle=cycle,
            signature=signature,
            kind=suggestion.kind,
            score=suggestion.score,
            matched=suggestion.as_dict(),
        )
        row.proposals.set([int(i) for i in suggestion.ids])
        created.append(row)
    return created


def _lock_pending(suggestion: SynergySuggestion) -> SynergySuggestion:
    suggestion = SynergySuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state != SynergySuggestion.State.PENDING:
        raise ValidationError(_("This suggestion has already been decided."))
    return suggestion


@transaction.atomic
def accept_synergy_suggestion(*, actor, suggestion: SynergySuggestion, lead: Proposal | None = None) -> ProposalMerge:
    """Merge the suggested proposals; the lead is the one chosen, or the earliest received."""
    require_permission(actor, REVIEW)
    suggestion = _lock_pending(suggestion)
    proposals = list(suggestion.proposals.order_by("submitted_at", "pk"))
    lead = lead or proposals[0]
    if lead.pk not in {p.pk for p in proposals}:
        raise ValidationError(_("The lead must be one of the suggested proposals."))
    merge = merge_proposals(actor=actor, lead=lead, others=[p for p in proposals if p.pk != lead.pk])
    suggestion.state = SynergySuggestion.State.ACCEPTED
    suggestion.decided_by, suggestion.decided_at, suggestion.merge = actor, timezone.now(), merge
    suggestion.save(update_fields=["state", "decided_by", "decided_at", "merge"])
    return merge


@transaction.atomic
def dismiss_synergy_suggestion(*, actor, suggestion: SynergySuggestion) -> SynergySuggestion:
    """The proposals stay apart; a refresh will not suggest them together again."""
    require_permission(actor, REVIEW)
    suggestion = _lock_pending(suggestion)
    suggestion.state = SynergySuggestion.State.DISMISSED
    suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    return suggestion


@transaction.atomic
def start_plan(*, actor, cycle: ConsultationCycle) -> AnnualPlan:
    """The draft plan of the year the cycle prepares (made once, then reused)."""
    require_permission(actor, START_PLAN)
    plan = AnnualPlan.objects.filter(cycle=cycle).first()
    if plan is not None:
        return plan
    if AnnualPlan.objects.filter(year=cycle.target_year).exists():
        raise ValidationError(_("A plan for %(year)s already exists.") % {"year": cycle.target_year})
    return AnnualPlan.objects.create(year=cycle.target_year, cycle=cycle)


@transaction.atomic
def run_solver(*, actor, plan: AnnualPlan) -> solver.PlanResult:
    """Replace the draft's entries by the solver's best plan, with a reason for every proposal."""
    require_permission(actor, RUN_SOLVER)
    plan = _lock_plan(plan)
    if plan.cycle_id is None:
        raise ValidationError(_("Link the plan to its consultation first."))
    data = selectors.solver_input(plan)
    result = solver.solve_plan(data.candidates, data.rules)
    plan.entries.filter(webinar__isnull=True).delete()
    regions = {r.code: r for r in Region.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    proposals = Proposal.objects.in_bulk({pk for pk, _position in data.sources.values()})
    parts = {
        (part.proposal_id, part.position): part for proposal in proposals.values() for part in proposal.parts.all()
    }
    by_id = {c.id: c for c in data.candidates}
    for slot in result.slots:
        candidate = by_id[slot.candidate_id]
        proposal_id, position = data.sources[slot.candidate_id]
        proposal = proposals[proposal_id]
        part = parts.get((proposal_id, position)) if position else None
        entry = PlanEntry.objects.create(
            plan=plan,
            position=slot.position,
            title=candidate.title[:255],
            topic=proposal.candidate_topic.topic if proposal.candidate_topic_id else None,
            region=regions[candidate.regions[0]],
            period=slot.period,
            proposal_part=part,
            reasons=[r.as_dict() for r in result.verdicts[slot.candidate_id].reasons],
            **_estimated_fields(plan, language_count=len(set(candidate.languages))),
        )
        entry.regions.set([regions[code] for code in candidate.regions])
        entry.languages.set([languages[code] for code in candidate.languages if code in languages])
        entry.proposals.set([proposal_id, *data.merges.get(proposal_id, [])])
    plan.solver_report = result.as_dict() | {"sources": {k: list(v) for k, v in data.sources.items()}}
    plan.solved_at = timezone.now()
    plan.save(update_fields=["solver_report", "solved_at"])
    return result


def _estimated_fields(plan: AnnualPlan, *, language_count: int) -> dict:
    """A new entry's estimated costs from the plan's rates and its number of languages (planning.costs)."""
    estimate = costs.estimate_for(plan, language_count=language_count)
    return {
        "estimated_expert_fee": estimate.expert_fee,
        "estimated_interpretation": estimate.interpretation,
        "estimated_platform": estimate.platform,
    }


def _renumber(plan: AnnualPlan, entries: list[PlanEntry]) -> None:
    """Write positions 1..n in this order (via a free range: positions are unique in a plan)."""
    offset = (plan.entries.aggregate(top=Max("position"))["top"] or 0) + 1
    for n, entry in enumerate(entries):
        PlanEntry.objects.filter(pk=entry.pk).update(position=offset + n)
    for n, entry in enumerate(entries):
        PlanEntry.objects.filter(pk=entry.pk).update(position=n + 1)
        entry.position = n + 1


@transaction.atomic
def move_plan_entry(*, actor, entry: PlanEntry, position: int) -> PlanEntry:
    """Put an entry at another place in the year; the others close ranks."""
    require_permission(actor, CHANGE_PLAN)
    plan = _lock_plan(entry.plan)
    entries = [e for e in plan.entries.order_by("position") if e.pk != entry.pk]
    position = min(max(position, 1), len(entries) + 1)
    entries.insert(position - 1, entry)
    _renumber(plan, entries)
    entry.refresh_from_db()
    return entry


@transaction.atomic
def remove_plan_entry(*, actor, entry: PlanEntry) -> None:
    """Take an entry out of the draft; the others close ranks."""
    require_permission(actor, CHANGE_PLAN)
    plan = _lock_plan(entry.plan)
    entry.delete()
    _renumber(plan, list(plan.entries.order_by("position")))


@transaction.atomic
def add_plan_entry(*, actor, plan: AnnualPlan, proposal: Proposal) -> PlanEntry:
    """Add a proposal the solver left out (a series: its next part not yet in the plan)."""
    require_permission(actor, CHANGE_PLAN)
    plan = _lock_plan(plan)
    if proposal.cycle_id != plan.cycle_id or proposal.state not in selectors.REVIEWABLE:
        raise ValidationError(_("Only proposals under review in this consultation can be added."))
    taken_parts = set(plan.entries.filter(proposals=proposal).values_list("proposal_part__position", flat=True))
    part = None
    if proposal.shape == Proposal.Shape.SERIES:
        part = next((p for p in proposal.parts.order_by("position") if p.position not in taken_parts), None)
        if part is None:
            raise ValidationError(_("Every part of this series is already in the plan."))
    elif taken_parts:
        raise ValidationError(_("This proposal is already in the plan."))
    regions = list(proposal.regions.all())
    if not regions:
        raise ValidationError(_("The proposal names no region."))
    merge = ProposalMerge.objects.filter(lead=proposal).first()
    languages = list(proposal.languages.all())
    entry = PlanEntry.objects.create(
        plan=plan,
        position=(plan.entries.aggregate(top=Max("position"))["top"] or 0) + 1,
        title=(f"{proposal.title}: {part.title}" if part else proposal.title)[:255],
        topic=proposal.candidate_topic.topic if proposal.candidate_topic_id else None,
        region=regions[0],
        period=proposal.preferred_period,
        proposal_part=part,
        **_estimated_fields(plan, language_count=len(languages)),
    )
    entry.regions.set(regions)
    entry.languages.set(languages)
    entry.proposals.set([proposal, *(merge.members.all() if merge else [])])
    return entry


@transaction.atomic
def update_plan_entry(*, actor, entry: PlanEntry, form) -> PlanEntry:
    """Save the Secretariat's edit of an entry (period, regions, languages, expert, date, estimate).

    Changing the languages without touching the estimated interpretation estimates it
    again by the plan's rule (planning.costs): one language more is one more interpretation.
    """
    require_permission(actor, CHANGE_PLAN)
    plan = _lock_plan(entry.plan)
    entry = form.save(commit=False)
    regions = list(form.cleaned_data.get("regions") or [])
    if regions and entry.region not in regions:
        regions.insert(0, entry.region)
    if "languages" in form.changed_data and "estimated_interpretation" not in form.changed_data:
        language_count = len(form.cleaned_data.get("languages") or [])
        entry.estimated_interpretation = costs.estimate_for(plan, language_count=language_count).interpretation
    entry.save()
    form.save_m2m()
    if regions:
        entry.regions.set(regions)
    return entry


QUARTERS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}


def planned_period(*, year: int, period: str, starts_at: datetime | None) -> str:
    """The month or quarter a published entry keeps while its date is to be announced.

    The month of the date the Secretariat wrote on the entry, else the quarter the groups
    asked for in the plan's year ("2027-Q2"), else none: "any time of the year" promises no
    period, and the public page says only "date to be announced". Never a date: the date is
    chosen on the scheduling screen, where weekends, closures and office hours are checked.
    """
    if starts_at is not None:
        local = timezone.localtime(starts_at)
        return f"{local.year}-{local.month:02d}"
    if period in QUARTERS:
        return f"{year}-Q{QUARTERS[period]}"
    return ""


def _unique_slug(model, base: str) -> str:
    base = (slugify(base) or "webinar")[:100]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _queue_outcome_notices(*, cycle: ConsultationCycle, outcomes: list[dict]) -> None:
    """The cycle's helper tells each group, through the outbox, what became of its proposals."""
    queue_outcome_notices(cycle=cycle, outcomes=outcomes)


@transaction.atomic
def publish_plan(*, actor, plan: AnnualPlan, consultation_skipped_reason: str = "") -> list[Webinar]:
    """Fix next year's list: webinars to be scheduled, every proposal's outcome, the groups told.

    In one transaction: each entry becomes a webinar "to be scheduled" (public at once,
    with its planned month or quarter, no date, no registration yet, no expert until one
    accepts an invitation), proposals in the plan are retained, those merged into a retained one stay merged,
    every other answer is declined; the cycle is decided; outcome notices are queued.
    A plan over capacity or budget, or with a series out of order, is refused; so is one the
    groups were not consulted on (planning.consultation), unless a reason is given.
    """
    require_permission(actor, PUBLISH_PLAN)
    plan = _lock_plan(plan)
    consulted_fields = record_consultation(plan=plan, skipped_reason=consultation_skipped_reason)
    cycle = ConsultationCycle.objects.select_for_update().get(pk=plan.cycle_id) if plan.cycle_id else None
    if cycle is None or cycle.state != ConsultationCycle.State.CLOSED:
        raise ValidationError(_("The consultation must be closed before its plan is published."))
    entries = list(selectors.plan_entries(plan=plan).order_by("position"))
    if not entries:
        raise ValidationError(_("The plan has no entries."))
    hard = [r for r in selectors.plan_broken_rules(plan, entries) if r.code in HARD_RULES]
    if hard:
        raise ValidationError(_("The plan breaks a rule that must hold; see the list of broken rules."))
    webinars: list[Webinar] = []
    series_of: dict[int, Series] = {}
    for entry in entries:
        sources = sorted(entry.proposals.all(), key=lambda p: p.pk)
        lead = sources[0] if sources else None
        topic = entry.topic or Topic.objects.create(
            slug=_unique_slug(Topic, f"{plan.year}-{entry.title}"),
            title=entry.title,
            objectives=lead.objectives if lead else "",
            target_audience=lead.target_audience if lead else "",
            scope_area=lead.scope_area if lead else None,
        )
        series, series_position = _series_place(entry=entry, sources=sources, plan=plan, topic=topic, made=series_of)
        webinar = Webinar.objects.create(
            slug=_unique_slug(Webinar, f"{plan.year}-{entry.title}"),
            title=entry.title,
            objectives=lead.objectives if lead else "",
            target_audience=lead.target_audience if lead else "",
            topic=topic,
            series=series,
            series_position=series_position,
            starts_at=None,
            planned_period=planned_period(year=plan.year, period=entry.period, starts_at=entry.starts_at),
            status=Webinar.Status.TO_BE_SCHEDULED,
        )
        webinar.regions.set(list(entry.regions.all()) or [entry.region])
        webinar.languages.set(entry.languages.all())
        # The entry's expert stays the plan's suggestion (entry.expert): an expert is put on the
        # webinar, and so on its public page, when they accept the Secretariat's invitation.
        entry.webinar = webinar
        entry.save(update_fields=["webinar"])
        _record_webinar(sources=sources, webinar=webinar)
        webinars.append(webinar)

    outcomes = _settle_proposals(actor=actor, cycle=cycle, entries=entries, repeats=_repeats(plan))
    cycle.change_state(ConsultationCycle.State.DECIDED)
    cycle.save(update_fields=["state"])
    plan.change_state(AnnualPlan.State.PUBLISHED)
    plan.published_at, plan.published_by = timezone.now(), actor
    plan._history_user = actor
    plan.save(update_fields=["state", "published_at", "published_by", *consulted_fields])
    _queue_outcome_notices(cycle=cycle, outcomes=outcomes)
    return webinars


def _series_place(
    *, entry: PlanEntry, sources: list[Proposal], plan: AnnualPlan, topic: Topic, made: dict[int, Series]
) -> tuple[Series | None, int | None]:
    """Where the entry's webinar stands in a series, across years.

    A proposal that continues a public series adds its webinars to that series, numbered after
    the parts it holds (proposals.series); a new graded series gets its series, once per
    proposal (`made`), numbered from 1. A part already taken is refused, and nothing is saved.
    """
    if entry.proposal_part_id:
        proposal, own = entry.proposal_part.proposal, entry.proposal_part.position
    else:
        proposal, own = next((p for p in sources if p.continues_series_id), None), 1
    if proposal is None:
        return None, None
    if proposal.continues_series_id:
        series, position = proposal.continues_series, proposal.series_first_part + own - 1
        if Webinar.objects.filter(series=series, series_position=position).exists():
            raise ValidationError(
                _("Part %(part)s of “%(series)s” exists already: attach “%(title)s” to the series again.")
                % {"part": position, "series": series.title, "title": proposal.title}
            )
        return series, position
    if proposal.pk not in made:
        made[proposal.pk] = Series.objects.create(
            slug=_unique_slug(Series, f"{plan.year}-{proposal.title}"), title=proposal.title, topic=topic
        )
    return made[proposal.pk], own


def _record_webinar(*, sources: list[Proposal], webinar: Webinar) -> None:
    """Each source proposal (merged ones too) records the webinar it became: the next cycle never offers it again."""
    for proposal in sources:
        proposal.webinars.add(webinar)


# What the solver says of a proposal it left out that the group is told too: the earlier
# webinar it repeats, or the entry of the plan that treats its subject.
TOLD_TO_THE_GROUP = (solver.OUT_ALREADY_HELD, solver.OUT_SAME_SUBJECT)


def _repeats(plan: AnnualPlan) -> dict[int, str]:
    """Per proposal the last solver run left out as a repeat, the sentence that says of what."""
    report = plan.solver_report or {}
    sources = report.get("sources", {})
    told: dict[int, str] = {}
    for key, verdict in report.get("verdicts", {}).items():
        if verdict.get("chosen") or key not in sources:
            continue
        for reason in verdict.get("reasons", []):
            if reason.get("code") in TOLD_TO_THE_GROUP:
                told.setdefault(sources[key][0], reasons.describe(reason))
    return told


def _settle_proposals(
    *, actor, cycle: ConsultationCycle, entries: list[PlanEntry], repeats: dict[int, str]
) -> list[dict]:
    """Retain what the plan holds, keep mergers of retained leads, decline the rest.

    A proposal the solver left out as a repeat is told which webinar it repeats.
    """
    entry_of: dict[int, PlanEntry] = {}
    for entry in entries:
        for proposal in entry.proposals.all():
            entry_of.setdefault(proposal.pk, entry)
    leads = {m.lead_id: m for m in ProposalMerge.objects.filter(cycle=cycle).select_related("lead")}
    lead_of = {
        member_id: lead_id for lead_id, m in leads.items() for member_id in m.members.values_list("pk", flat=True)
    }
    outcomes: dict[int, dict] = {}
    answers = (
        Proposal.objects.select_for_update()
        .filter(cycle=cycle)
        .exclude(state__in=[Proposal.State.DRAFT, Proposal.State.WITHDRAWN])
    )
    for proposal in answers.order_by("pk"):
        entry = entry_of.get(proposal.pk)
        if proposal.state == Proposal.State.MERGED:
            lead_entry = entry_of.get(lead_of.get(proposal.pk))
            if lead_entry is not None:
                outcomes[proposal.pk] = {"state": proposal.state, "webinar": lead_entry.title}
                continue
            proposal.change_state(Proposal.State.UNDER_REVIEW)
            entry = None
        if proposal.state == Proposal.State.DECLINED:
            outcomes[proposal.pk] = {"state": proposal.state, "reason": proposal.decision_reason}
            continue
        _to_review(proposal)
        if entry is not None:
            proposal.change_state(Proposal.State.RETAINED)
            outcomes[proposal.pk] = {"state": proposal.state, "webinar": entry.title}
        else:
            proposal.change_state(Proposal.State.DECLINED)
            if not proposal.decision_reason:
                proposal.decision_reason = " ".join(
                    filter(
                        None,
                        [
                            _("Not retained in the plan for %(year)s.") % {"year": cycle.target_year},
                            repeats.get(proposal.pk, ""),
                        ],
                    )
                )
            outcomes[proposal.pk] = {"state": proposal.state, "reason": proposal.decision_reason}
        _save_state(proposal, actor, "decision_reason")
    return [{"proposal_id": pk, **outcome} for pk, outcome in outcomes.items()]
