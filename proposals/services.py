"""State changes of the consultation: each one a named action in one transaction.

Notices to people (invitations, confirmations) belong to the outbox of the
consultation-cycle work; these services are where they will be queued.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proposals.models import ConsultationCycle, Proposal


def _locked(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


@transaction.atomic
def approve_cycle(*, cycle: ConsultationCycle, actor) -> ConsultationCycle:
    """The Secretariat approves the prepared list; the cycle then opens on its date.

    A cycle cannot be approved without candidate topics: the strategy's first step is
    "a list of topics envisaged for next year's webinars".
    """
    cycle = _locked(ConsultationCycle, cycle)
    if not cycle.candidate_topics.exists():
        raise ValidationError(_("Add at least one candidate topic before approving the consultation."))
    cycle.full_clean()
    cycle.change_state(ConsultationCycle.State.APPROVED)
    cycle.approved_at = timezone.now()
    cycle._change_reason = f"approved by {actor}"
    cycle.save(update_fields=["state", "approved_at"])
    return cycle


@dataclass(frozen=True)
class CycleStep:
    cycle_id: int
    target_year: int
    step: str


@transaction.atomic
def advance_cycle(*, cycle: ConsultationCycle, at: datetime | None = None, dry_run: bool = False) -> list[CycleStep]:
    """Move one cycle as far as its dates allow: approved -> open -> closed.

    Idempotent and catching up: a cycle whose opening and deadline have both passed
    while nothing ran is opened and then closed, in that order. A draft never opens by
    itself; the Secretariat approves it first.
    """
    at = at or timezone.now()
    cycle = _locked(ConsultationCycle, cycle)
    steps: list[CycleStep] = []
    if cycle.state == ConsultationCycle.State.APPROVED and cycle.opens_at <= at:
        cycle.change_state(ConsultationCycle.State.OPEN)
        cycle.opened_at = at
        steps.append(CycleStep(cycle.pk, cycle.target_year, "open"))
    if cycle.state == ConsultationCycle.State.OPEN and cycle.deadline_at <= at:
        cycle.change_state(ConsultationCycle.State.CLOSED)
        cycle.closed_at = at
        steps.append(CycleStep(cycle.pk, cycle.target_year, "close"))
    if steps and not dry_run:
        cycle.save(update_fields=["state", "opened_at", "closed_at"])
    return steps


def advance_cycles(*, at: datetime | None = None, dry_run: bool = False) -> list[CycleStep]:
    """Advance every cycle that may move; each cycle in its own transaction."""
    steps: list[CycleStep] = []
    movable = ConsultationCycle.objects.filter(
        state__in=[ConsultationCycle.State.APPROVED, ConsultationCycle.State.OPEN]
    ).order_by("target_year")
    for cycle in movable:
        steps.extend(advance_cycle(cycle=cycle, at=at, dry_run=dry_run))
    return steps


def _refuse_unless_editable(proposal: Proposal) -> None:
    if not proposal.cycle.is_open():
        raise ValidationError(
            _("The consultation closed on %(date)s; answers can no longer be changed.")
            % {"date": timezone.localtime(proposal.cycle.deadline_at).strftime("%Y-%m-%d %H:%M")},
            code="cycle_closed",
        )


@transaction.atomic
def submit_proposal(*, proposal: Proposal, actor) -> Proposal:
    """Send the group's answer to the Secretariat.

    Only while the cycle is open (the Secretariat compares answers received by the same
    deadline), and only complete: objectives, audience, at least one language and one
    region, a series numbered 1..n.
    """
    proposal = _locked(Proposal, proposal)
    _refuse_unless_editable(proposal)
    errors = proposal.completeness_errors()
    if errors:
        raise ValidationError(errors)
    proposal.change_state(Proposal.State.SUBMITTED)
    proposal.submitted_at = timezone.now()
    proposal.submitted_by = actor
    proposal.version += 1
    proposal._history_user = actor
    proposal.save(update_fields=["state", "submitted_at", "submitted_by", "version", "updated_at"])
    return proposal


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, actor) -> Proposal:
    """The group takes its answer back; possible until the deadline."""
    proposal = _locked(Proposal, proposal)
    _refuse_unless_editable(proposal)
    proposal.change_state(Proposal.State.WITHDRAWN)
    proposal.version += 1
    proposal._history_user = actor
    proposal.save(update_fields=["state", "version", "updated_at"])
    return proposal
