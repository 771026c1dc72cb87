"""Review, synergies, the draft plan and publishing, through the services."""

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import StaffFactory
from planning import selectors, services, solver
from planning.models import AnnualPlan, PlanEntry, SynergySuggestion
from planning.tests.factories import submitted_proposal
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory, ProposalPartFactory
from webinars.models import Webinar
from webinars.tests.factories import RegionalGroupFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def cycle():
    return ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)


def test_marking_under_review_moves_a_submitted_submitted_proposal(staff, cycle):
    proposal = services.mark_under_review(actor=staff, proposal=submitted_proposal(cycle))
    assert proposal.state == Proposal.State.UNDER_REVIEW
    assert proposal.version == 2


def test_a_draft_cannot_be_put_under_review(staff, cycle):
    with pytest.raises(ValidationError):
        services.mark_under_review(actor=staff, proposal=submitted_proposal(cycle, state=Proposal.State.DRAFT))


def test_declining_needs_a_reason_and_stores_it(staff, cycle):
    proposal = submitted_proposal(cycle)
    with pytest.raises(ValidationError):
        services.decline_proposal(actor=staff, proposal=proposal, reason="  ")
    proposal = services.decline_proposal(actor=staff, proposal=proposal, reason="Outside the strategy.")
    assert proposal.state == Proposal.State.DECLINED
    assert proposal.decision_reason == "Outside the strategy."


def test_merging_keeps_every_source_and_says_what_each_was_merged_into(staff, cycle):
    lead, other = submitted_proposal(cycle), submitted_proposal(cycle)
    merge = services.merge_proposals(actor=staff, lead=lead, others=[other])
    other.refresh_from_db()
    lead.refresh_from_db()
    assert other.state == Proposal.State.MERGED
    assert lead.state == Proposal.State.UNDER_REVIEW
    assert list(merge.members.all()) == [other]
    assert selectors.merged_into(proposal=other) == lead


def test_proposals_of_another_cycle_cannot_be_merged(staff, cycle):
    other_cycle = ConsultationCycleFactory(target_year=cycle.target_year + 1, state=ConsultationCycle.State.CLOSED)
    with pytest.raises(ValidationError):
        services.merge_proposals(actor=staff, lead=submitted_proposal(cycle), others=[submitted_proposal(other_cycle)])


def test_finder_suggests_proposals_of_two_groups_in_two_languages(staff, cycle):
    # No objectives: the factory's shared sentence would make any three proposals look alike.
    submitted_proposal(
        cycle, title="Les indications géographiques des produits agricoles", written_in="fr", objectives=""
    )
    submitted_proposal(cycle, title="المؤشرات الجغرافية للمنتجات الزراعية", written_in="ar", objectives="")
    submitted_proposal(cycle, title="Video games and software", written_in="en", objectives="")
    [suggestion] = services.refresh_synergy_suggestions(actor=staff, cycle=cycle)
    assert suggestion.proposals.count() == 2
    assert "geographical_indications" in suggestion.matched["concepts"]


def test_a_dismissed_suggestion_is_not_suggested_again(staff, cycle):
    submitted_proposal(cycle, title="Geographical indications for coffee")
    submitted_proposal(cycle, title="Indications géographiques du café", written_in="fr")
    [suggestion] = services.refresh_synergy_suggestions(actor=staff, cycle=cycle)
    services.dismiss_synergy_suggestion(actor=staff, suggestion=suggestion)
    assert services.refresh_synergy_suggestions(actor=staff, cycle=cycle) == []
    suggestion.refresh_from_db()
    assert suggestion.state == SynergySuggestion.State.DISMISSED


def test_accepting_a_suggestion_merges_its_proposals(staff, cycle):
    first = submitted_proposal(cycle, title="Geographical indications for coffee")
    second = submitted_proposal(cycle, title="Indications géographiques du café", written_in="fr")
    [suggestion] = services.refresh_synergy_suggestions(actor=staff, cycle=cycle)
    merge = services.accept_synergy_suggestion(actor=staff, suggestion=suggestion)
    assert merge.lead == first
    second.refresh_from_db()
    assert second.state == Proposal.State.MERGED
    with pytest.raises(ValidationError):
        services.accept_synergy_suggestion(actor=staff, suggestion=suggestion)


def test_solver_fills_the_draft_with_one_entry_per_webinar_and_reasons(staff, cycle):
    regions = [RegionFactory(), RegionFactory()]
    inside = [submitted_proposal(cycle, region=regions[0]) for _ in range(3)]
    outside = submitted_proposal(cycle, region=regions[1], in_scope=False)
    plan = services.start_plan(actor=staff, cycle=cycle)
    plan.capacity = 2
    plan.save()
    result = services.run_solver(actor=staff, plan=plan)
    entries = list(plan.entries.order_by("position"))
    assert len(entries) == 2
    assert outside in {p for e in entries for p in e.proposals.all()}  # the only one for its region
    assert sum(1 for p in inside if p.plan_entries.exists()) == 1
    assert result.status == "optimal"
    plan.refresh_from_db()
    verdicts = plan.solver_report["verdicts"]
    assert len(verdicts) == 4 and all(v["reasons"] for v in verdicts.values())


def test_solver_puts_each_part_of_a_series_after_the_one_before(staff, cycle):
    series = submitted_proposal(cycle, shape=Proposal.Shape.SERIES, preferred_period="q2")
    ProposalPartFactory(proposal=series, position=1)
    ProposalPartFactory(proposal=series, position=2)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    parts = [e.proposal_part.position for e in plan.entries.order_by("position")]
    assert parts == [1, 2]


def test_a_merged_lead_carries_every_source_into_its_entry(staff, cycle):
    lead, other = submitted_proposal(cycle), submitted_proposal(cycle)
    services.merge_proposals(actor=staff, lead=lead, others=[other])
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    [entry] = plan.entries.all()
    assert set(entry.proposals.all()) == {lead, other}


def test_moving_an_entry_changes_the_order_and_breaks_a_series_at_once(staff, cycle):
    series = submitted_proposal(cycle, shape=Proposal.Shape.SERIES)
    ProposalPartFactory(proposal=series, position=1)
    ProposalPartFactory(proposal=series, position=2)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    second = plan.entries.get(proposal_part__position=2)
    services.move_plan_entry(actor=staff, entry=second, position=1)
    assert [e.proposal_part.position for e in plan.entries.order_by("position")] == [2, 1]
    codes = [r.code for r in selectors.plan_broken_rules(plan)]
    assert solver.SERIES_ORDER_BROKEN in codes
    with pytest.raises(ValidationError):
        services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason="Tested without the groups.")


def test_adding_over_capacity_is_named_as_a_broken_rule(staff, cycle):
    proposals = [submitted_proposal(cycle) for _ in range(3)]
    plan = services.start_plan(actor=staff, cycle=cycle)
    plan.capacity = 2
    plan.save()
    services.run_solver(actor=staff, plan=plan)
    left_out = next(p for p in proposals if not p.plan_entries.exists())
    services.add_plan_entry(actor=staff, plan=plan, proposal=left_out)
    assert solver.OVER_CAPACITY in [r.code for r in selectors.plan_broken_rules(plan)]


def test_publishing_makes_webinars_to_be_scheduled_and_settles_every_proposal(staff, cycle):
    region = RegionFactory()
    kept, merged, left = (
        submitted_proposal(cycle, region=region),
        submitted_proposal(cycle, region=region),
        submitted_proposal(cycle, in_scope=False),
    )
    services.merge_proposals(actor=staff, lead=kept, others=[merged])
    plan = services.start_plan(actor=staff, cycle=cycle)
    plan.capacity = 1
    plan.save()
    services.run_solver(actor=staff, plan=plan)
    webinars = services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason="Tested without the groups.")
    assert [(w.status, w.starts_at) for w in webinars] == [(Webinar.Status.TO_BE_SCHEDULED, None)]
    assert list(Webinar.objects.public()) == webinars
    assert not Webinar.objects.scheduled().exists()
    for proposal, state in ((kept, "retained"), (merged, "merged"), (left, "declined")):
        proposal.refresh_from_db()
        assert proposal.state == state
    cycle.refresh_from_db()
    plan.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.DECIDED
    assert plan.state == AnnualPlan.State.PUBLISHED


def test_a_published_plan_cannot_be_changed(staff, cycle):
    submitted_proposal(cycle)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason="Tested without the groups.")
    with pytest.raises(ValidationError):
        services.run_solver(actor=staff, plan=plan)


def test_publishing_waits_for_the_consultation_to_close(staff):
    open_cycle = ConsultationCycleFactory()
    submitted_proposal(open_cycle)
    plan = services.start_plan(actor=staff, cycle=open_cycle)
    services.run_solver(actor=staff, plan=plan)
    with pytest.raises(ValidationError):
        services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason="Tested without the groups.")
    assert not Webinar.objects.exists()


def test_publishing_rolls_back_entirely_when_a_step_fails(staff, cycle, monkeypatch):
    submitted_proposal(cycle)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)

    def fail(**kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(services, "_queue_outcome_notices", fail)
    with pytest.raises(RuntimeError):
        services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason="Tested without the groups.")
    assert not Webinar.objects.exists()
    assert PlanEntry.objects.get(plan=plan).webinar is None
    assert Proposal.objects.get().state == Proposal.State.SUBMITTED


def test_a_candidate_names_the_group_of_its_proposal(staff, cycle):
    group = RegionalGroupFactory()
    submitted_proposal(cycle, group=group)
    plan = services.start_plan(actor=staff, cycle=cycle)
    data = selectors.solver_input(plan)
    assert data.candidates[0].groups == (group.code,)
