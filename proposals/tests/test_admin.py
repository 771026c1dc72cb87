"""The consultation's admin: each action to those whose roles hold its permission; states only through the services."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import RequestFactory
from django.urls import reverse

from accounts.tests.factories import SecretariatFactory, StaffFactory
from portal.permissions import MissingPermission
from proposals.models import ConsultationCycle, Proposal
from proposals.services import approve_cycle
from proposals.tests.factories import CandidateTopicFactory, ConsultationCycleFactory, ProposalFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:proposals_consultationcycle_changelist"


@pytest.fixture
def prepared_cycle():
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.DRAFT)
    CandidateTopicFactory(cycle=cycle)
    return cycle


def approve_through_the_admin(client, cycle):
    return client.post(reverse(CHANGELIST), {"action": "approve_selected", ACTION_CHECKBOX_NAME: [cycle.pk]})


def test_the_approve_action_is_not_offered_to_staff_without_the_approve_permission(client, prepared_cycle):
    client.force_login(SecretariatFactory(roles=["Programme officer"]))  # may change cycles, not approve them

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert "approve_selected" not in response.content.decode()


def test_posting_the_approve_action_without_the_permission_approves_nothing(client, prepared_cycle):
    client.force_login(SecretariatFactory(roles=["Programme officer"]))

    approve_through_the_admin(client, prepared_cycle)

    prepared_cycle.refresh_from_db()
    assert prepared_cycle.state == ConsultationCycle.State.DRAFT


def test_a_programme_manager_approves_a_cycle_from_the_admin(client, prepared_cycle):
    client.force_login(SecretariatFactory(roles=["Programme manager"]))

    assert "approve_selected" in client.get(reverse(CHANGELIST)).content.decode()
    approve_through_the_admin(client, prepared_cycle)

    prepared_cycle.refresh_from_db()
    assert prepared_cycle.state == ConsultationCycle.State.APPROVED


def test_the_approve_service_refuses_a_member_without_the_approve_permission(prepared_cycle):
    with pytest.raises(MissingPermission):
        approve_cycle(cycle=prepared_cycle, actor=SecretariatFactory(roles=["Programme officer"]))

    prepared_cycle.refresh_from_db()
    assert prepared_cycle.state == ConsultationCycle.State.DRAFT
    assert prepared_cycle.approved_at is None


def test_the_approve_service_approves_for_a_programme_manager(prepared_cycle):
    approve_cycle(cycle=prepared_cycle, actor=SecretariatFactory(roles=["Programme manager"]))

    prepared_cycle.refresh_from_db()
    assert prepared_cycle.state == ConsultationCycle.State.APPROVED


def test_the_proposal_admin_shows_state_and_reason_but_never_edits_them(client):
    proposal = ProposalFactory(state=Proposal.State.DRAFT, decision_reason="")
    client.force_login(StaffFactory())

    page = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk])).content.decode()

    assert 'name="state"' not in page
    assert 'name="decision_reason"' not in page
    request = RequestFactory().get("/")
    request.user = StaffFactory()
    readonly = admin.site._registry[Proposal].get_readonly_fields(request, proposal)
    assert {"state", "decision_reason"} <= set(readonly)


def test_every_action_of_the_consultation_and_planning_admin_declares_its_permissions():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("proposals", "planning"):
            continue
        for action in model_admin.actions or ():
            function = getattr(model_admin, action) if isinstance(action, str) else action
            assert getattr(function, "allowed_permissions", None), f"{model.__name__}: {action}"
