"""What people read of the plan: names instead of the solver's ids, and each group's outcome."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from planning import selectors, services
from planning.models import AnnualPlan
from planning.tests.factories import PlanEntryFactory, ProposalMergeFactory, submitted_proposal
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory, ProposalPartFactory
from webinars.tests.factories import RegionalGroupFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


@pytest.fixture
def cycle():
    return ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)


def plan_page(client, cycle) -> str:
    response = client.get(reverse("planning:plan_detail", args=[cycle.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_left_out_list_names_proposals_parts_and_groups_not_solver_ids(client, staff, cycle):
    region = RegionFactory(name="Andean Region")
    chosen = submitted_proposal(cycle, region=region, title="Patents for universities")
    series = submitted_proposal(
        cycle,
        region=region,
        in_scope=False,
        shape=Proposal.Shape.SERIES,
        title="Copyright step by step",
        group=RegionalGroupFactory(name="Caribbean Group"),
    )
    ProposalPartFactory(proposal=series, position=1, title="Basics of copyright")
    ProposalPartFactory(proposal=series, position=2, title="Collective management")
    plan = services.start_plan(actor=staff, cycle=cycle)
    AnnualPlan.objects.filter(pk=plan.pk).update(capacity=1)
    services.run_solver(actor=staff, plan=AnnualPlan.objects.get(pk=plan.pk))

    page = plan_page(client, cycle)
    left_out = page.split('id="left-out"')[1]

    assert "Copyright step by step" in left_out and "Caribbean Group" in left_out
    assert "part 1: Basics of copyright" in left_out and "part 2: Collective management" in left_out
    assert chosen.title not in left_out
    for solver_id in (f"p{series.pk}", f"p{series.pk}.1", f"p{series.pk}.2", f"p{chosen.pk}"):
        assert f"{solver_id}:" not in page and f">{solver_id}<" not in page


def test_reasons_name_regions_not_their_codes(client, staff, cycle):
    submitted_proposal(cycle, region=RegionFactory(code="andean", name="Andean Region"))
    services.run_solver(actor=staff, plan=services.start_plan(actor=staff, cycle=cycle))

    page = plan_page(client, cycle)

    assert "The only webinar of the plan for Andean Region." in page
    assert "for andean" not in page


def test_plan_page_queries_do_not_grow_with_the_proposals_left_out(client, staff, cycle):
    submitted_proposal(cycle)
    plan = services.start_plan(actor=staff, cycle=cycle)
    AnnualPlan.objects.filter(pk=plan.pk).update(capacity=1)
    plan.refresh_from_db()
    submitted_proposal(cycle)
    services.run_solver(actor=staff, plan=plan)
    with CaptureQueriesContext(connection) as few:
        plan_page(client, cycle)
    for _ in range(8):
        submitted_proposal(cycle)
    services.run_solver(actor=staff, plan=plan)
    with CaptureQueriesContext(connection) as many:
        page = plan_page(client, cycle)

    assert page.split('id="left-out"')[1].count("<li>") == 9
    assert len(many) == len(few)


def test_outcomes_of_says_which_lead_and_which_entry_whatever_the_number_of_proposals(cycle):
    merges = [ProposalMergeFactory(lead=submitted_proposal(cycle)) for _ in range(3)]
    entry = PlanEntryFactory(plan=AnnualPlan.objects.create(year=cycle.target_year, cycle=cycle))
    entry.proposals.set([merges[0].lead, *merges[0].members.all()])
    member = merges[0].members.get()

    with CaptureQueriesContext(connection) as one:
        selectors.outcomes_of([member])
    everyone = [m.lead for m in merges] + [p for m in merges for p in m.members.all()]
    with CaptureQueriesContext(connection) as six:
        outcomes = selectors.outcomes_of(everyone)

    assert len(one) == len(six) == 3
    assert outcomes[member.pk].merged_into == merges[0].lead
    assert outcomes[member.pk].entries == (entry,)
    assert outcomes[merges[1].members.get().pk].merged_into == merges[1].lead
    assert outcomes[merges[1].members.get().pk].entries == ()
    assert merges[2].lead.pk not in outcomes  # neither merged nor planned


def test_dashboard_says_which_proposal_a_merged_answer_joined_before_any_plan(client):
    coordinator = CoordinatorFactory()
    earlier = ConsultationCycleFactory(
        target_year=timezone.now().year, state=ConsultationCycle.State.DECIDED, deadline_at=timezone.now()
    )
    ConsultationCycleFactory(target_year=timezone.now().year + 1)
    submitted = timezone.now() - timedelta(days=30)
    ours = submitted_proposal(earlier, group=coordinator.group, title="Ours", state=Proposal.State.MERGED)
    lead = submitted_proposal(
        earlier, group=RegionalGroupFactory(name="Group of the Lead"), title="Their lead", state=Proposal.State.RETAINED
    )
    Proposal.objects.filter(pk__in=[ours.pk, lead.pk]).update(submitted_at=submitted)
    ProposalMergeFactory(lead=lead, members=[ours])
    client.force_login(coordinator.user)

    page = client.get(reverse("proposals:dashboard")).content.decode()

    assert "Merged into “Their lead” (Group of the Lead)." in page
