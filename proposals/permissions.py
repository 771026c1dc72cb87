"""Who may do what on the coordinators' pages.

A coordinator answers for one regional group and sees only that group's answers;
Secretariat staff read every group's answers (they change them in the admin, not here).
Answers change only while the cycle is open and before the Secretariat's review starts.
"""

from proposals.models import ConsultationCycle, Coordinator, Proposal

EDITABLE_STATES = (Proposal.State.DRAFT, Proposal.State.SUBMITTED, Proposal.State.WITHDRAWN)


def active_coordinator(user) -> Coordinator | None:
    """The user's coordinator role, if it is active and its group too; else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    coordinator = getattr(user, "coordinator", None)
    if coordinator is None or not coordinator.is_active or not coordinator.group.is_active:
        return None
    return coordinator


def can_use_coordinator_pages(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_staff or active_coordinator(user)))


def can_view_group_answers(user, group) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    coordinator = active_coordinator(user)
    return coordinator is not None and coordinator.group_id == group.pk


def can_answer_cycle(user, cycle: ConsultationCycle) -> bool:
    """Only a group's coordinators answer, and only while the cycle is open."""
    return active_coordinator(user) is not None and cycle.is_open()


def can_edit_proposal(user, proposal: Proposal) -> bool:
    coordinator = active_coordinator(user)
    return (
        coordinator is not None
        and coordinator.group_id == proposal.group_id
        and proposal.state in EDITABLE_STATES
        and proposal.cycle.is_open()
    )


def can_submit_proposal(user, proposal: Proposal) -> bool:
    return can_edit_proposal(user, proposal) and proposal.can_change_state(Proposal.State.SUBMITTED)


def can_withdraw_proposal(user, proposal: Proposal) -> bool:
    return can_edit_proposal(user, proposal) and proposal.can_change_state(Proposal.State.WITHDRAWN)


def can_reorder_parts(user, proposal: Proposal) -> bool:
    return can_edit_proposal(user, proposal) and proposal.shape == Proposal.Shape.SERIES
