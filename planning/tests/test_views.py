"""The staff screens, through the client: permissions, actions on POST, constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import StaffFactory, UserFactory
from planning import services
from planning.models import AnnualPlan, SynergySuggestion
from planning.tests.factories import submitted_proposal
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory
from similarity.vectors import vectors_for
from webinars.models import Webinar
from webinars.tests.factories import RegionalGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


@pytest.fixture
def cycle():
    return ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)


def url(name, cycle, *args):
    return reverse(f"planning:{name}", args=[cycle.pk, *args])


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_a_coordinator_cannot_open_the_review(client, cycle):
    client.force_login(UserFactory(language="en"))
    response = client.get(url("cycle_review", cycle))
    assert response.status_code == 403
    assert "This page is for the Secretariat" in response.content.decode()


def test_review_lists_the_answers_and_filters_by_group(client, staff, cycle):
    group = RegionalGroupFactory()
    mine = submitted_proposal(cycle, group=group, title="Patents for universities")
    submitted_proposal(cycle, title="Music rights")
    response = client.get(url("cycle_review", cycle), {"group": group.pk})
    assert mine.title in response.content.decode()
    assert "Music rights" not in response.content.decode()


def test_review_list_queries_do_not_grow_with_the_answers(client, staff, cycle):
    submitted_proposal(cycle)
    few = queries_for(client, url("cycle_review", cycle))
    for _ in range(19):
        submitted_proposal(cycle)
    assert queries_for(client, url("cycle_review", cycle)) == few


def test_plan_page_queries_do_not_grow_with_the_entries(client, staff, cycle):
    submitted_proposal(cycle)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    vectors_for(Proposal.objects.filter(cycle=cycle))  # stored, as the save tasks leave them (duplicates)
    few = queries_for(client, url("plan_detail", cycle))
    for _ in range(5):
        submitted_proposal(cycle)
    services.run_solver(actor=staff, plan=plan)
    vectors_for(Proposal.objects.filter(cycle=cycle))
    assert plan.entries.count() == 6
    assert queries_for(client, url("plan_detail", cycle)) == few


def test_synergy_list_queries_do_not_grow_with_the_suggestions(client, staff, cycle):
    submitted_proposal(cycle, title="Geographical indications for coffee")
    submitted_proposal(cycle, title="Indications géographiques du café", written_in="fr")
    services.refresh_synergy_suggestions(actor=staff, cycle=cycle)
    few = queries_for(client, url("synergy_list", cycle))
    for n in range(6):
        submitted_proposal(cycle, title=f"Collective management of music royalties {n}")
    services.refresh_synergy_suggestions(actor=staff, cycle=cycle)
    assert SynergySuggestion.objects.count() >= 2  # a pair, then a cluster of six
    assert queries_for(client, url("synergy_list", cycle)) == few


def test_get_never_changes_a_proposal(client, staff, cycle):
    proposal = submitted_proposal(cycle)
    response = client.get(url("proposal_review", cycle, proposal.pk))
    assert response.status_code == 405
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED


def test_marking_under_review_through_the_page(client, staff, cycle):
    proposal = submitted_proposal(cycle)
    client.post(url("proposal_review", cycle, proposal.pk))
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.UNDER_REVIEW


def test_a_proposal_of_another_cycle_is_not_found(client, staff, cycle):
    other = submitted_proposal(ConsultationCycleFactory(target_year=cycle.target_year + 3))
    assert client.post(url("proposal_review", cycle, other.pk)).status_code == 404


def test_declining_through_the_page_stores_the_reason(client, staff, cycle):
    proposal = submitted_proposal(cycle)
    client.post(url("proposal_decline", cycle, proposal.pk), {"reason": "Already covered last year."})
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DECLINED
    assert proposal.decision_reason == "Already covered last year."


def test_comparing_two_proposals_shows_both(client, staff, cycle):
    a, b = submitted_proposal(cycle, title="Left one"), submitted_proposal(cycle, title="Right one")
    page = client.get(url("proposal_compare", cycle), {"a": a.pk, "b": b.pk}).content.decode()
    assert "Left one" in page and "Right one" in page


def test_accepting_a_suggestion_through_the_page_merges(client, staff, cycle):
    submitted_proposal(cycle, title="Geographical indications for coffee")
    second = submitted_proposal(cycle, title="Indications géographiques du café", written_in="fr")
    client.post(url("synergy_refresh", cycle))
    suggestion = SynergySuggestion.objects.get()
    client.post(url("synergy_decide", cycle, suggestion.pk, "accept"))
    second.refresh_from_db()
    assert second.state == Proposal.State.MERGED


def test_the_whole_plan_flow_through_the_pages(client, staff, cycle):
    for _ in range(3):
        submitted_proposal(cycle)
    client.post(url("plan_start", cycle))
    client.post(url("plan_solve", cycle))
    plan = AnnualPlan.objects.get(cycle=cycle)
    last = plan.entries.order_by("position").last()
    client.post(url("entry_move", cycle, last.pk), {"position": 1})
    assert plan.entries.order_by("position").first() == last
    page = client.get(url("plan_detail", cycle)).content.decode()
    assert 'data-rule="over_capacity"' not in page
    # The groups' other regions asked for nothing: said once, as a gap of the proposals, not a broken rule.
    assert 'data-conflict="region_without_proposal"' in page
    assert 'data-rule="region_without_proposal"' not in page
    client.post(url("plan_publish", cycle), {"consultation_skipped_reason": "Tested without the groups."})
    assert Webinar.objects.filter(status=Webinar.Status.TO_BE_SCHEDULED, starts_at=None).count() == 3
    public = client.get(reverse("webinars:topic_list")).content.decode()
    assert last.title in public and "Date to be announced" in public
