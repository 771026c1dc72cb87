"""Member states' delegates bring topics to their group; the group takes them into its answer or declines them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory, UserFactory
from outbox.models import Notice
from planning.tests.factories import submitted_proposal
from proposals.models import Proposal, StateRequest
from proposals.services import save_proposal_draft
from proposals.state_requests import decline_state_request, send_state_request, take_state_request
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    DelegateFactory,
    ProposalFactory,
    StateRequestFactory,
)
from webinars.tests.factories import MemberStateFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya(coordinator):
    """A member state of the coordinator's group."""
    return MemberStateFactory(
        code="KE", name_en="Kenya", name_fr="Kenya", group=coordinator.group, region=RegionFactory(code="africa")
    )


@pytest.fixture
def delegate(kenya):
    return DelegateFactory(member_state=kenya, user=UserFactory(username="kenya-delegate", language="es"))


@pytest.fixture
def brazil(stranger):
    """A member state of another group, with its own delegate."""
    return MemberStateFactory(code="BR", name_en="Brazil", group=stranger.group)


def send_topic(delegate, cycle, **values):
    values = {"title": "Geographical indications for coffee", "objectives": "Protect origin names.", **values}
    return send_state_request(actor=delegate.user, cycle=cycle, **values)


def notices(kind):
    return list(Notice.objects.filter(kind=kind).order_by("to"))


# Sending ---------------------------------------------------------------------------------------


def test_a_delegate_brings_a_topic_and_the_groups_coordinators_are_told_in_their_language(
    delegate, cycle, coordinator, colleague, english
):
    state_request = send_topic(delegate, cycle, languages=[english], text="Our cooperatives ask for it.")

    assert (state_request.kind, state_request.state, state_request.member_state) == (
        StateRequest.Kind.TOPIC,
        StateRequest.State.PENDING,
        delegate.member_state,
    )
    assert list(state_request.languages.all()) == [english]
    sent = notices(Notice.Kind.STATE_REQUEST_RECEIVED)
    assert sorted(notice.to for notice in sent) == sorted([coordinator.user.email, colleague.user.email])
    assert {notice.to: notice.language for notice in sent}[coordinator.user.email] == "fr"
    assert all("Geographical indications for coffee" in notice.body for notice in sent)


def test_a_delegate_expresses_interest_in_a_candidate_topic(delegate, cycle):
    candidate = CandidateTopicFactory(cycle=cycle)
    state_request = send_state_request(actor=delegate.user, cycle=cycle, candidate_topic=candidate)
    assert state_request.kind == StateRequest.Kind.INTEREST
    assert state_request.subject == str(candidate.topic.title)


def test_interest_in_another_consultations_topic_is_refused(delegate, cycle):
    elsewhere = CandidateTopicFactory(cycle=ConsultationCycleFactory(target_year=cycle.target_year + 1))
    with pytest.raises(ValidationError) as caught:
        send_state_request(actor=delegate.user, cycle=cycle, candidate_topic=elsewhere)
    assert caught.value.message_dict["candidate_topic"] == [
        "Only the topics offered in this consultation can be chosen."
    ]
    assert not StateRequest.objects.exists()


def test_interest_is_expressed_once_per_topic(delegate, cycle):
    candidate = CandidateTopicFactory(cycle=cycle)
    send_state_request(actor=delegate.user, cycle=cycle, candidate_topic=candidate)
    with pytest.raises(ValidationError) as caught:
        send_state_request(actor=delegate.user, cycle=cycle, candidate_topic=candidate)
    assert "already expressed its interest" in caught.value.messages[0]
    assert StateRequest.objects.count() == 1


def test_a_topic_without_a_title_is_refused_with_a_message(delegate, cycle):
    with pytest.raises(ValidationError) as caught:
        send_topic(delegate, cycle, title="  ")
    assert "Give your topic a title" in caught.value.message_dict["title"][0]


def test_a_request_after_the_deadline_is_refused_and_nothing_is_saved(delegate):
    closed = ConsultationCycleFactory(
        opens_at=timezone.now() - timedelta(days=30), deadline_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError) as caught:
        send_topic(delegate, closed)
    assert caught.value.code == "cycle_closed"
    assert "requests to the group can no longer be sent" in caught.value.messages[0]
    assert not StateRequest.objects.exists()
    assert not Notice.objects.exists()


def test_someone_who_is_not_a_delegate_cannot_send_a_request(coordinator, cycle):
    with pytest.raises(PermissionDenied):
        send_state_request(actor=coordinator.user, cycle=cycle, title="A coordinator posing as a state")


def test_an_inactive_delegate_cannot_send_a_request(delegate, cycle):
    delegate.is_active = False
    delegate.save()
    with pytest.raises(PermissionDenied):
        send_topic(delegate, cycle)


# The group's decision --------------------------------------------------------------------------


def test_taking_a_topic_makes_a_draft_answer_that_records_the_state(delegate, cycle, coordinator, english):
    state_request = send_topic(delegate, cycle, languages=[english], text="For our cooperatives.")

    taken = take_state_request(state_request=state_request, actor=coordinator.user)

    proposal = taken.proposal
    assert (proposal.group, proposal.cycle, proposal.state) == (coordinator.group, cycle, Proposal.State.DRAFT)
    assert proposal.title == "Geographical indications for coffee"
    assert list(proposal.member_states.all()) == [delegate.member_state]
    assert list(proposal.languages.all()) == [english]
    assert list(proposal.regions.all()) == [delegate.member_state.region]
    taken.refresh_from_db()
    assert (taken.state, taken.decided_by) == (StateRequest.State.TAKEN, coordinator.user)
    assert taken.decided_at is not None


def test_the_delegate_is_told_of_the_decision_in_their_language(delegate, cycle, coordinator):
    state_request = send_topic(delegate, cycle)
    take_state_request(state_request=state_request, actor=coordinator.user)
    (told,) = notices(Notice.Kind.STATE_REQUEST_DECIDED)
    assert (told.to, told.language) == (delegate.user.email, "es")


def test_taking_an_interest_adopts_the_candidate_topic_for_the_group(delegate, cycle, coordinator):
    candidate = CandidateTopicFactory(cycle=cycle)
    state_request = send_state_request(actor=delegate.user, cycle=cycle, candidate_topic=candidate)

    taken = take_state_request(state_request=state_request, actor=coordinator.user)

    assert taken.proposal.kind == Proposal.Kind.ADOPTION
    assert taken.proposal.candidate_topic == candidate
    assert list(taken.proposal.member_states.all()) == [delegate.member_state]


def test_an_interest_in_a_topic_the_group_adopted_joins_that_adoption(delegate, cycle, coordinator):
    candidate = CandidateTopicFactory(cycle=cycle)
    adoption = ProposalFactory(
        cycle=cycle, group=coordinator.group, kind=Proposal.Kind.ADOPTION, candidate_topic=candidate
    )
    state_request = send_state_request(actor=delegate.user, cycle=cycle, candidate_topic=candidate)

    taken = take_state_request(state_request=state_request, actor=coordinator.user)

    assert taken.proposal == adoption
    assert Proposal.objects.filter(group=coordinator.group).count() == 1


def test_a_request_is_taken_into_an_existing_answer_of_the_group(delegate, cycle, coordinator):
    answer = ProposalFactory(cycle=cycle, group=coordinator.group)
    state_request = send_topic(delegate, cycle)
    taken = take_state_request(state_request=state_request, actor=coordinator.user, proposal=answer)
    assert taken.proposal == answer
    assert list(answer.member_states.all()) == [delegate.member_state]


def test_another_groups_answer_cannot_take_the_request_and_nothing_is_saved(delegate, cycle, coordinator, stranger):
    foreign = ProposalFactory(cycle=cycle, group=stranger.group)
    state_request = send_topic(delegate, cycle)
    with pytest.raises(ValidationError) as caught:
        take_state_request(state_request=state_request, actor=coordinator.user, proposal=foreign)
    assert caught.value.message_dict["proposal"] == ["Choose one of your group's answers to this consultation."]
    state_request.refresh_from_db()
    assert state_request.state == StateRequest.State.PENDING
    assert not foreign.member_states.exists()


def test_a_coordinator_of_another_group_cannot_decide(delegate, cycle, stranger):
    state_request = send_topic(delegate, cycle)
    with pytest.raises(PermissionDenied):
        take_state_request(state_request=state_request, actor=stranger.user)
    with pytest.raises(PermissionDenied):
        decline_state_request(state_request=state_request, actor=stranger.user, reason="Not ours")


def test_declining_needs_a_reason_and_keeps_it(delegate, cycle, coordinator):
    state_request = send_topic(delegate, cycle)
    with pytest.raises(ValidationError) as caught:
        decline_state_request(state_request=state_request, actor=coordinator.user, reason=" ")
    assert caught.value.message_dict["reason"]

    decline_state_request(state_request=state_request, actor=coordinator.user, reason="Already held in 2024.")

    state_request.refresh_from_db()
    assert (state_request.state, state_request.decline_reason, state_request.decided_by) == (
        StateRequest.State.DECLINED,
        "Already held in 2024.",
        coordinator.user,
    )
    assert not Proposal.objects.exists()


def test_a_decision_is_kept_a_second_decision_is_refused(delegate, cycle, coordinator, colleague):
    state_request = send_topic(delegate, cycle)
    decline_state_request(state_request=state_request, actor=coordinator.user, reason="Outside the scope.")
    with pytest.raises(ValidationError) as caught:
        take_state_request(state_request=state_request, actor=colleague.user)
    assert caught.value.code == "already_decided"
    state_request.refresh_from_db()
    assert (state_request.state, state_request.decided_by) == (StateRequest.State.DECLINED, coordinator.user)


def test_a_request_sent_at_the_last_minute_can_still_be_declined_after_the_deadline(delegate, coordinator):
    cycle = ConsultationCycleFactory(deadline_at=timezone.now() - timedelta(minutes=5))
    state_request = StateRequestFactory(cycle=cycle, member_state=delegate.member_state, created_by=delegate.user)
    with pytest.raises(ValidationError):
        take_state_request(state_request=state_request, actor=coordinator.user)
    decline_state_request(state_request=state_request, actor=coordinator.user, reason="Too late for this year.")
    state_request.refresh_from_db()
    assert state_request.state == StateRequest.State.DECLINED


# Proposals record the member states -------------------------------------------------------------


def test_an_answer_records_only_the_groups_member_states(coordinator, cycle, kenya, brazil):
    with pytest.raises(ValidationError) as caught:
        save_proposal_draft(
            actor=coordinator.user,
            group=coordinator.group,
            cycle=cycle,
            values={"title": "Coffee origins", "member_states": [kenya, brazil]},
        )
    assert "Brazil: not a member state of your group" in caught.value.message_dict["member_states"][0]
    assert not Proposal.objects.exists()
    saved = save_proposal_draft(
        actor=coordinator.user,
        group=coordinator.group,
        cycle=cycle,
        values={"title": "Coffee origins", "member_states": [kenya]},
    )
    assert list(saved.member_states.all()) == [kenya]


def test_the_proposal_form_offers_the_groups_states_and_refuses_another(client, coordinator, cycle, kenya, brazil):
    client.force_login(coordinator.user)
    url = reverse("proposals:propose", kwargs={"cycle_pk": cycle.pk})
    page = client.get(url).content.decode()
    assert "Kenya" in page and "Brazil" not in page

    response = client.post(url, {"title": "Coffee origins", "member_states": [brazil.pk], "action": "save"})

    assert response.status_code == 200
    assert "not one of your group&#x27;s" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_answers_page_and_the_review_show_the_member_states(client, coordinator, cycle, kenya):
    proposal = submitted_proposal(cycle, group=coordinator.group, title="Coffee origins", submitted_by=coordinator.user)
    proposal.member_states.add(kenya)
    client.force_login(coordinator.user)
    assert "Kenya" in client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    client.force_login(SecretariatFactory(permissions=["proposals.view_proposal"]))
    review = client.get(reverse("planning:cycle_review", kwargs={"cycle_id": cycle.pk})).content.decode()
    assert "Requested or supported by: Kenya" in review


# The pages -------------------------------------------------------------------------------------


def test_the_delegate_sends_a_request_from_the_page(client, delegate, cycle, coordinator):
    client.force_login(delegate.user)
    response = client.post(
        reverse("proposals:state_request_new", kwargs={"cycle_pk": cycle.pk}),
        {"title": "Coffee origins", "objectives": "Protect names."},
    )
    state_request = StateRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:state_request", kwargs={"pk": state_request.pk})
    assert state_request.member_state == delegate.member_state


def test_a_form_naming_another_state_is_refused_and_nothing_is_saved(client, delegate, cycle, brazil):
    client.force_login(delegate.user)
    response = client.post(
        reverse("proposals:state_request_new", kwargs={"cycle_pk": cycle.pk}),
        {"title": "For Brazil", "member_state": brazil.pk},
    )
    assert response.status_code == 400
    assert "names a member state other than yours" in response.content.decode()
    assert not StateRequest.objects.exists()


def test_a_delegate_cannot_open_another_states_request(client, delegate, cycle, brazil):
    other = StateRequestFactory(cycle=cycle, member_state=brazil)
    client.force_login(delegate.user)
    assert client.get(reverse("proposals:state_request", kwargs={"pk": other.pk})).status_code == 404
    response = client.post(reverse("proposals:state_request_decline", kwargs={"pk": other.pk}), {"reason": "x"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.state == StateRequest.State.PENDING


def test_a_coordinator_cannot_open_another_groups_state_request(client, stranger, delegate, cycle):
    state_request = send_topic(delegate, cycle)
    client.force_login(stranger.user)
    assert client.get(reverse("proposals:state_request", kwargs={"pk": state_request.pk})).status_code == 404


def test_the_coordinator_sees_the_groups_requests_on_the_cycle_page(client, coordinator, delegate, cycle):
    send_topic(delegate, cycle, title="Coffee origins")
    client.force_login(coordinator.user)
    page = client.get(reverse("proposals:dashboard")).content.decode()
    assert "Coffee origins" in page and "Kenya" in page


def test_the_coordinator_declines_on_the_page_and_the_delegate_reads_the_reason(client, coordinator, delegate, cycle):
    state_request = send_topic(delegate, cycle)
    client.force_login(coordinator.user)
    response = client.post(
        reverse("proposals:state_request_decline", kwargs={"pk": state_request.pk}), {"reason": "Held in 2024."}
    )
    assert response.status_code == 302
    client.force_login(delegate.user)
    home = client.get(reverse("proposals:delegate_home")).content.decode()
    detail = client.get(reverse("proposals:state_request", kwargs={"pk": state_request.pk})).content.decode()
    assert "Declined by the group" in home
    assert "Held in 2024." in detail


def test_the_coordinator_takes_a_request_on_the_page(client, coordinator, delegate, cycle):
    state_request = send_topic(delegate, cycle)
    client.force_login(coordinator.user)
    response = client.post(reverse("proposals:state_request_take", kwargs={"pk": state_request.pk}), {"proposal": ""})
    state_request.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:detail", kwargs={"pk": state_request.proposal_id})


def test_the_delegate_cannot_decide_their_own_request(client, delegate, cycle):
    state_request = send_topic(delegate, cycle)
    client.force_login(delegate.user)
    response = client.post(reverse("proposals:state_request_take", kwargs={"pk": state_request.pk}))
    assert response.status_code == 403
    state_request.refresh_from_db()
    assert state_request.state == StateRequest.State.PENDING


def _queries_of_delegate_page(client, delegate, cycle, count) -> int:
    StateRequest.objects.all().delete()
    for n in range(count):
        StateRequestFactory(cycle=cycle, member_state=delegate.member_state, created_by=delegate.user, title=f"T{n}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("proposals:delegate_home"))
    assert response.status_code == 200
    return len(queries)


def test_the_delegate_page_reads_as_many_queries_for_one_request_as_for_twenty(client, delegate, cycle):
    client.force_login(delegate.user)
    client.get(reverse("proposals:delegate_home"))  # the session and the caches warmed
    assert _queries_of_delegate_page(client, delegate, cycle, 1) == _queries_of_delegate_page(
        client, delegate, cycle, 20
    )


def test_the_state_request_messages_render_in_every_language():
    from outbox.previews import preview_rows

    kinds = {Notice.Kind.STATE_REQUEST_RECEIVED, Notice.Kind.STATE_REQUEST_DECIDED}
    rows = [row for row in preview_rows() if row["kind"] in kinds]
    assert len(rows) == len(kinds)
    for row in rows:
        for cell in row["cells"]:
            assert "error" not in cell, (row["kind"], cell["language"], cell.get("error"))
            assert cell["subject"] and "Kenya" in cell["body"]
