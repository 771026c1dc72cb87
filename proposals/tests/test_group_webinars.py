"""The coordinators of the groups that asked for a webinar read its full survey results
(issue 17): every rating, the comments and every suggested topic. Another group's coordinator
gets a 404; the list of the group's webinars costs the same queries whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory, ProposalMergeFactory
from proposals.models import Proposal
from proposals.tests.factories import ProposalFactory
from webinars.models import Feedback, SuggestionReview, Webinar
from webinars.tests.factories import ExpertFactory, FeedbackFactory, HeldWebinarFactory, WebinarFactory

pytestmark = pytest.mark.django_db

LIST = "/en/consultation/webinars/"


def results_url(webinar: Webinar) -> str:
    return f"/en/consultation/webinars/{webinar.slug}/results/"


def asked_by(group, *, webinar: Webinar | None = None) -> Webinar:
    """A webinar of the plan born of one of the group's proposals."""
    webinar = webinar or HeldWebinarFactory()
    proposal = ProposalFactory(group=group, state=Proposal.State.RETAINED, submitted_at=timezone.now())
    PlanEntryFactory(plan=AnnualPlanFactory(year=2031), webinar=webinar).proposals.add(proposal)
    return webinar


@pytest.fixture
def webinar(coordinator):
    webinar = asked_by(coordinator.group)
    FeedbackFactory(
        webinar=webinar,
        overall_rating=5,
        relevance_rating=4,
        useful="The case of Kenya",
        to_improve="Longer questions",
        topic_suggestion="Hidden topic",
        suggestion_review=SuggestionReview.HIDDEN,
    )
    FeedbackFactory(webinar=webinar, overall_rating=3, topic_suggestion="Pending topic")
    FeedbackFactory(
        webinar=webinar,
        source=Feedback.Source.EXPERT,
        expert=ExpertFactory(),
        overall_rating=4,
        useful="An attentive audience",
    )
    return webinar


def test_a_coordinator_of_a_group_that_asked_for_the_webinar_reads_its_full_results(client, coordinator, webinar):
    client.force_login(coordinator.user)

    html = client.get(results_url(webinar)).content.decode()

    for text in ("The case of Kenya", "Longer questions", "Hidden topic", "Pending topic", "An attentive audience"):
        assert text in html
    assert '<td class="survey-answers">3</td>' in html
    assert 'data-rating="relevance_rating"' in html


def test_another_groups_coordinator_gets_a_404(client, stranger, webinar):
    client.force_login(stranger.user)

    response = client.get(results_url(webinar))

    assert response.status_code == 404
    assert "The case of Kenya" not in response.content.decode()


def test_a_group_whose_proposal_was_merged_into_the_webinar_reads_its_results(client, coordinator, stranger):
    lead = ProposalFactory(group=stranger.group, state=Proposal.State.RETAINED, submitted_at=timezone.now())
    ProposalMergeFactory(lead=lead, members=[ProposalFactory(group=coordinator.group, cycle=lead.cycle)])
    webinar = HeldWebinarFactory()
    PlanEntryFactory(webinar=webinar).proposals.add(lead)
    FeedbackFactory(webinar=webinar, useful="Merged and read")
    client.force_login(coordinator.user)

    assert "Merged and read" in client.get(results_url(webinar)).content.decode()


def test_the_secretariat_reads_results_on_its_own_pages_not_here(client, webinar):
    client.force_login(SecretariatFactory(permissions=["proposals.view_proposal", "webinars.view_feedback"]))

    assert client.get(results_url(webinar)).status_code == 404


def test_a_webinar_not_held_has_no_results_page(client, coordinator):
    webinar = asked_by(coordinator.group, webinar=WebinarFactory())
    client.force_login(coordinator.user)

    assert client.get(results_url(webinar)).status_code == 404


def test_the_list_shows_the_groups_webinars_with_their_answers_and_links_to_results(client, coordinator, webinar):
    elsewhere = HeldWebinarFactory(title="Another group's webinar")
    scheduled = asked_by(coordinator.group, webinar=WebinarFactory(title="Coming next"))
    client.force_login(coordinator.user)

    html = client.get(LIST).content.decode()

    assert f'data-webinar="{webinar.slug}"' in html
    assert results_url(webinar) in html
    assert f'data-webinar="{scheduled.slug}"' in html
    assert results_url(scheduled) not in html
    assert elsewhere.slug not in html
    assert "The case of Kenya" not in html  # comments only on the results page


def test_the_list_of_another_group_answers_404_to_a_coordinator(client, coordinator, stranger):
    client.force_login(coordinator.user)

    assert client.get(LIST, {"group": stranger.group.pk}).status_code == 404


def test_the_consultation_page_links_to_the_groups_webinars(client, coordinator):
    client.force_login(coordinator.user)

    assert LIST in client.get("/en/consultation/").content.decode()


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_makes_the_same_number_of_queries_for_1_and_20_webinars(client, coordinator):
    client.force_login(coordinator.user)
    FeedbackFactory(webinar=asked_by(coordinator.group))
    small = _list_queries(client)
    for _ in range(19):
        FeedbackFactory(webinar=asked_by(coordinator.group))

    assert _list_queries(client) == small


def test_the_secretariat_picks_a_group_and_opens_results_on_its_own_page(client, coordinator, webinar):
    client.force_login(SecretariatFactory(permissions=["proposals.view_proposal", "webinars.view_feedback"]))

    html = client.get(LIST, {"group": coordinator.group.pk}).content.decode()

    assert f'data-webinar="{webinar.slug}"' in html
    assert f"/en/survey/results/webinar/{webinar.pk}/" in html
    assert results_url(webinar) not in html
