from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from proposals.models import ConsultationCycle, Coordinator, Proposal
from proposals.services import advance_cycle, advance_cycles, approve_cycle, submit_proposal, withdraw_proposal
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    CoordinatorFactory,
    ProposalFactory,
    ProposalPartFactory,
)
from webinars.tests.factories import LanguageFactory, RegionFactory

pytestmark = pytest.mark.django_db


def coordinator_of(proposal):
    """The proposal's author, made a coordinator of its group (only coordinators submit)."""
    Coordinator.objects.get_or_create(user=proposal.created_by, defaults={"group": proposal.group})
    return proposal.created_by


def complete(proposal):
    proposal.languages.set([LanguageFactory(code="fr")])
    proposal.regions.set([RegionFactory()])
    return proposal


def test_deadline_before_opening_is_refused_with_a_message():
    now = timezone.now()
    cycle = ConsultationCycle(target_year=now.year + 1, opens_at=now, deadline_at=now - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        cycle.full_clean()
    assert error.value.message_dict["deadline_at"] == ["The deadline must come after the opening date."]


def test_deadline_before_opening_is_refused_by_the_database():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationCycle.objects.create(target_year=now.year + 1, opens_at=now, deadline_at=now)


def test_one_cycle_per_year():
    ConsultationCycleFactory(target_year=2030)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationCycle.objects.create(
            target_year=2030, opens_at=timezone.now(), deadline_at=timezone.now() + timedelta(days=1)
        )


def test_adopting_needs_a_candidate_topic():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(kind=Proposal.Kind.ADOPTION, candidate_topic=None)


def test_adopting_a_topic_of_another_cycle_is_refused():
    proposal = ProposalFactory.build(
        cycle=ConsultationCycleFactory(target_year=2031),
        group=CoordinatorFactory().group,
        created_by=UserFactory(),
        kind=Proposal.Kind.ADOPTION,
        candidate_topic=CandidateTopicFactory(cycle=ConsultationCycleFactory(target_year=2032)),
    )
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert "candidate_topic" in error.value.message_dict


def test_proposal_without_a_language_is_not_submitted_and_stays_a_draft():
    proposal = ProposalFactory()
    proposal.regions.set([RegionFactory()])
    with pytest.raises(ValidationError) as error:
        submit_proposal(proposal=proposal, actor=coordinator_of(proposal))
    assert error.value.message_dict["languages"] == ["Choose at least one language."]
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT
    assert proposal.submitted_at is None
    assert proposal.version == 1


def test_complete_proposal_is_submitted_with_who_and_when():
    proposal = complete(ProposalFactory())
    submit_proposal(proposal=proposal, actor=coordinator_of(proposal))
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED
    assert proposal.submitted_by == proposal.created_by
    assert proposal.submitted_at is not None
    assert proposal.version == 2
    assert proposal.history.first().history_user == proposal.created_by


def test_submission_after_the_deadline_is_refused():
    cycle = ConsultationCycleFactory(
        opens_at=timezone.now() - timedelta(days=30), deadline_at=timezone.now() - timedelta(minutes=1)
    )
    proposal = complete(ProposalFactory(cycle=cycle))
    with pytest.raises(ValidationError) as error:
        submit_proposal(proposal=proposal, actor=coordinator_of(proposal))
    assert "closed" in error.value.messages[0]
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DRAFT


def test_series_with_a_gap_in_its_parts_is_not_submitted():
    proposal = complete(ProposalFactory(shape=Proposal.Shape.SERIES))
    ProposalPartFactory(proposal=proposal, position=1)
    ProposalPartFactory(proposal=proposal, position=3)
    with pytest.raises(ValidationError) as error:
        submit_proposal(proposal=proposal, actor=coordinator_of(proposal))
    assert "parts" in error.value.message_dict


def test_series_needs_two_parts():
    proposal = complete(ProposalFactory(shape=Proposal.Shape.SERIES))
    ProposalPartFactory(proposal=proposal, position=1)
    with pytest.raises(ValidationError) as error:
        submit_proposal(proposal=proposal, actor=coordinator_of(proposal))
    assert error.value.message_dict["parts"] == ["A series has at least two parts."]


def test_two_parts_cannot_share_a_number():
    part = ProposalPartFactory(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalPartFactory(proposal=part.proposal, position=1)


def test_withdrawn_proposal_leaves_the_public_list():
    proposal = complete(ProposalFactory())
    submit_proposal(proposal=proposal, actor=coordinator_of(proposal))
    assert proposal in Proposal.objects.under_consideration()
    withdraw_proposal(proposal=proposal, actor=coordinator_of(proposal))
    assert proposal not in Proposal.objects.under_consideration()


def test_draft_never_appears_under_consideration():
    proposal = ProposalFactory()
    assert proposal not in Proposal.objects.under_consideration()


def test_coordinator_sees_only_the_groups_proposals():
    coordinator = CoordinatorFactory()
    own = ProposalFactory(group=coordinator.group)
    ProposalFactory()
    assert list(Proposal.objects.visible_to(coordinator.user)) == [own]


def test_staff_see_every_proposal_and_anonymous_none():
    from django.contrib.auth.models import AnonymousUser

    ProposalFactory.create_batch(2)
    assert Proposal.objects.visible_to(StaffFactory()).count() == 2
    assert Proposal.objects.visible_to(AnonymousUser()).count() == 0


def test_a_user_without_a_group_sees_no_proposal():
    ProposalFactory()
    assert Proposal.objects.visible_to(UserFactory()).count() == 0


def test_decided_cycle_cannot_be_reopened():
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.DECIDED)
    with pytest.raises(ValidationError):
        cycle.change_state(ConsultationCycle.State.OPEN)


def test_cycle_without_candidate_topics_cannot_be_approved():
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.DRAFT)
    with pytest.raises(ValidationError):
        approve_cycle(cycle=cycle, actor=StaffFactory())
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.DRAFT


def test_approved_cycle_opens_on_its_date():
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.DRAFT)
    CandidateTopicFactory(cycle=cycle)
    approve_cycle(cycle=cycle, actor=StaffFactory())
    steps = advance_cycles()
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.OPEN
    assert [step.step for step in steps] == ["open"]


def test_draft_cycle_never_opens_by_itself():
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.DRAFT)
    assert advance_cycles() == []
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.DRAFT


def test_cycle_missed_while_nothing_ran_is_opened_then_closed_in_order():
    cycle = ConsultationCycleFactory(
        state=ConsultationCycle.State.APPROVED,
        opens_at=timezone.now() - timedelta(days=20),
        deadline_at=timezone.now() - timedelta(days=2),
    )
    steps = advance_cycle(cycle=cycle)
    assert [step.step for step in steps] == ["open", "close"]
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.CLOSED
    assert cycle.opened_at is not None and cycle.closed_at is not None


def test_advancing_twice_changes_nothing_the_second_time():
    ConsultationCycleFactory(state=ConsultationCycle.State.APPROVED)
    assert len(advance_cycles()) == 1
    assert advance_cycles() == []


def test_dry_run_changes_nothing():
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.APPROVED)
    steps = advance_cycles(dry_run=True)
    assert [step.step for step in steps] == ["open"]
    cycle.refresh_from_db()
    assert cycle.state == ConsultationCycle.State.APPROVED
