"""Adding a proposal to the draft plan by hand and taking an entry out, from the plan screen."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import SecretariatFactory, StaffFactory
from planning import services
from planning.models import PlanEntry
from planning.tests.factories import submitted_proposal
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory, ProposalPartFactory
from similarity.vectors import vectors_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)


@pytest.fixture
def plan(cycle):
    return services.start_plan(actor=StaffFactory(), cycle=cycle)


@pytest.fixture
def officer(client):
    user = SecretariatFactory(roles=["Programme officer"], language="en")
    client.force_login(user)
    return user


@pytest.fixture
def read_only(client):
    user = SecretariatFactory(roles=["Read-only"], language="en")
    client.force_login(user)
    return user


def url(name, cycle, *args):
    return reverse(f"planning:{name}", args=[cycle.pk, *args])


def text(response) -> str:
    return html.unescape(response.content.decode())


def in_plan(plan, proposal) -> PlanEntry:
    return services.add_plan_entry(actor=StaffFactory(), plan=plan, proposal=proposal)


def entries(plan) -> list[tuple]:
    return list(plan.entries.order_by("position").values_list("pk", "position", "title"))


def offered(client, cycle) -> str:
    """The choices of the "Add to the plan" form, as the page shows them."""
    page = text(client.get(url("plan_detail", cycle)))
    return page.split('id="add-proposal"', 1)[1].split("</select>", 1)[0] if 'id="add-proposal"' in page else ""


def test_an_officer_adds_a_proposal_under_review_to_the_plan(client, officer, cycle, plan):
    proposal = submitted_proposal(cycle, title="Patents for universities")
    assert "Patents for universities" in offered(client, cycle)

    response = client.post(url("entry_add", cycle), {"proposal": proposal.pk}, follow=True)

    assert "“Patents for universities” is added to the plan." in text(response)
    entry = plan.entries.get()
    assert list(entry.proposals.all()) == [proposal]
    assert "Every proposal under review is in the plan." in text(response)


def test_an_officer_takes_an_entry_out_and_the_others_close_ranks(client, officer, cycle, plan):
    first = in_plan(plan, submitted_proposal(cycle, title="Patents for universities"))
    second = in_plan(plan, submitted_proposal(cycle, title="Copyright for museums"))

    response = client.post(url("entry_remove", cycle, first.pk), follow=True)

    assert "“Patents for universities” is taken out of the plan." in text(response)
    assert entries(plan) == [(second.pk, 1, "Copyright for museums")]
    assert "Patents for universities" in offered(client, cycle)


def test_a_series_is_offered_until_every_part_is_in_the_plan(client, officer, cycle, plan):
    series = submitted_proposal(cycle, title="Patents, step by step", shape=Proposal.Shape.SERIES)
    ProposalPartFactory(proposal=series, position=1, title="Basics")
    ProposalPartFactory(proposal=series, position=2, title="Practice")

    client.post(url("entry_add", cycle), {"proposal": series.pk})
    assert "Patents, step by step" in offered(client, cycle)
    client.post(url("entry_add", cycle), {"proposal": series.pk})

    assert [title for _pk, _position, title in entries(plan)] == [
        "Patents, step by step: Basics",
        "Patents, step by step: Practice",
    ]
    assert "Patents, step by step" not in offered(client, cycle)


def test_a_read_only_member_is_offered_neither_adding_nor_taking_out(client, read_only, cycle, plan):
    in_plan(plan, submitted_proposal(cycle, title="Patents for universities"))
    submitted_proposal(cycle, title="Copyright for museums")

    page = text(client.get(url("plan_detail", cycle)))

    assert "Patents for universities" in page
    assert url("entry_add", cycle) not in page
    assert "/remove/" not in page
    assert "Add to the plan" not in page and "Take out of the plan" not in page


def test_a_read_only_member_can_neither_add_nor_take_out(client, read_only, cycle, plan):
    entry = in_plan(plan, submitted_proposal(cycle, title="Patents for universities"))
    waiting = submitted_proposal(cycle, title="Copyright for museums")
    before = entries(plan)

    assert client.post(url("entry_add", cycle), {"proposal": waiting.pk}).status_code == 403
    assert client.post(url("entry_remove", cycle, entry.pk)).status_code == 403

    assert entries(plan) == before


def test_a_declined_proposal_is_not_offered_nor_added(client, officer, cycle, plan):
    declined = submitted_proposal(cycle, title="Music rights", state=Proposal.State.DECLINED)
    assert "Music rights" not in offered(client, cycle)

    response = client.post(url("entry_add", cycle), {"proposal": declined.pk}, follow=True)

    assert "Only proposals under review in this consultation can be added." in text(response)
    assert not plan.entries.exists()


def test_a_proposal_already_in_the_plan_is_not_offered_nor_added_twice(client, officer, cycle, plan):
    proposal = submitted_proposal(cycle, title="Patents for universities")
    in_plan(plan, proposal)
    before = entries(plan)
    assert "Patents for universities" not in offered(client, cycle)

    response = client.post(url("entry_add", cycle), {"proposal": proposal.pk}, follow=True)

    assert "This proposal is already in the plan." in text(response)
    assert entries(plan) == before


def test_a_draft_or_another_cycles_proposal_is_not_found(client, officer, cycle, plan):
    draft = submitted_proposal(cycle, state=Proposal.State.DRAFT)
    elsewhere = submitted_proposal(ConsultationCycleFactory(target_year=cycle.target_year + 3))

    for proposal in (draft, elsewhere):
        assert client.post(url("entry_add", cycle), {"proposal": proposal.pk}).status_code == 404
    assert not plan.entries.exists()


def test_a_published_plan_offers_neither_and_refuses_both(client, cycle, plan):
    entry = in_plan(plan, submitted_proposal(cycle, title="Patents for universities"))
    waiting = submitted_proposal(cycle, title="Copyright for museums")
    services.publish_plan(actor=StaffFactory(), plan=plan, consultation_skipped_reason="Tested without the groups.")
    client.force_login(SecretariatFactory(roles=["Programme officer"], language="en"))

    page = text(client.get(url("plan_detail", cycle)))
    response = client.post(url("entry_add", cycle), {"proposal": waiting.pk}, follow=True)
    client.post(url("entry_remove", cycle, entry.pk))

    assert "Add to the plan" not in page and "Take out of the plan" not in page
    assert "The plan is published; it can no longer be changed." in text(response)
    assert list(plan.entries.values_list("pk", flat=True)) == [entry.pk]


def _plan_page_queries(client, cycle) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("plan_detail", cycle))
    assert response.status_code == 200
    return len(captured)


def test_the_plan_page_queries_do_not_grow_with_the_proposals(client, officer, cycle, plan):
    """Each count has as many proposals in the plan as offered for adding: 1, then 20."""
    in_plan(plan, submitted_proposal(cycle))
    submitted_proposal(cycle)
    vectors_for(Proposal.objects.filter(cycle=cycle))  # stored, as the save tasks leave them (duplicates)
    few = _plan_page_queries(client, cycle)

    for _ in range(19):
        in_plan(plan, submitted_proposal(cycle))
        submitted_proposal(cycle)
    vectors_for(Proposal.objects.filter(cycle=cycle))

    assert offered(client, cycle).count("<option") == 20
    assert _plan_page_queries(client, cycle) == few
