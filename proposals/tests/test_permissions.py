from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from proposals.models import Proposal
from proposals.permissions import (
    can_answer_cycle,
    can_edit_proposal,
    can_reorder_parts,
    can_submit_proposal,
    can_use_coordinator_pages,
    can_view_group_answers,
    can_withdraw_proposal,
)
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(coordinator, cycle):
    return ProposalFactory(cycle=cycle, group=coordinator.group)


def close(cycle):
    cycle.opens_at = timezone.now() - timedelta(days=30)
    cycle.deadline_at = timezone.now() - timedelta(seconds=1)
    cycle.save()


def test_a_coordinator_edits_the_groups_draft_while_the_cycle_is_open(coordinator, proposal):
    assert can_edit_proposal(coordinator.user, proposal)
    assert can_submit_proposal(coordinator.user, proposal)
    assert can_withdraw_proposal(coordinator.user, proposal)


def test_a_coordinator_of_another_group_cannot_edit(stranger, proposal):
    assert not can_edit_proposal(stranger.user, proposal)


def test_the_secretariat_reads_but_does_not_edit_here(proposal):
    staff = StaffFactory()

    assert can_view_group_answers(staff, proposal.group)
    assert not can_edit_proposal(staff, proposal)


def test_nobody_edits_after_the_deadline(coordinator, proposal, cycle):
    close(cycle)

    assert not can_edit_proposal(coordinator.user, proposal)
    assert not can_answer_cycle(coordinator.user, cycle)


@pytest.mark.parametrize("state", [Proposal.State.UNDER_REVIEW, Proposal.State.RETAINED, Proposal.State.DECLINED])
def test_nobody_edits_an_answer_in_review(coordinator, proposal, state):
    proposal.state = state

    assert not can_edit_proposal(coordinator.user, proposal)


def test_a_submitted_answer_is_not_submitted_twice(coordinator, proposal):
    proposal.state = Proposal.State.SUBMITTED

    assert can_edit_proposal(coordinator.user, proposal)
    assert not can_submit_proposal(coordinator.user, proposal)
    assert can_withdraw_proposal(coordinator.user, proposal)


def test_a_withdrawn_answer_cannot_be_withdrawn_again(coordinator, proposal):
    proposal.state = Proposal.State.WITHDRAWN

    assert not can_withdraw_proposal(coordinator.user, proposal)


def test_an_inactive_coordinator_has_no_rights(cycle):
    former = CoordinatorFactory(is_active=False)
    proposal = ProposalFactory(cycle=cycle, group=former.group)

    assert not can_use_coordinator_pages(former.user)
    assert not can_edit_proposal(former.user, proposal)
    assert not can_view_group_answers(former.user, former.group)


def test_a_coordinator_of_an_inactive_group_has_no_rights(cycle):
    coordinator = CoordinatorFactory(group__is_active=False)

    assert not can_use_coordinator_pages(coordinator.user)


def test_who_may_use_the_coordinators_pages(coordinator):
    assert can_use_coordinator_pages(coordinator.user)
    assert can_use_coordinator_pages(StaffFactory())
    assert not can_use_coordinator_pages(UserFactory())
    assert not can_use_coordinator_pages(AnonymousUser())


def test_a_coordinator_sees_only_the_own_groups_answers(coordinator, stranger):
    assert can_view_group_answers(coordinator.user, coordinator.group)
    assert not can_view_group_answers(coordinator.user, stranger.group)


def test_only_coordinators_answer_an_open_cycle(coordinator, cycle):
    upcoming = ConsultationCycleFactory(target_year=cycle.target_year + 1, opens_at=timezone.now() + timedelta(days=3))

    assert can_answer_cycle(coordinator.user, cycle)
    assert not can_answer_cycle(coordinator.user, upcoming)
    assert not can_answer_cycle(StaffFactory(), cycle)


def test_only_a_series_has_parts_to_reorder(coordinator, proposal):
    assert not can_reorder_parts(coordinator.user, proposal)
    proposal.shape = Proposal.Shape.SERIES
    assert can_reorder_parts(coordinator.user, proposal)
