"""Who may do what on the coordinators' pages.

A coordinator answers for one regional group and sees only that group's answers; a
coordinator needs no Django permission, only an active Coordinator row. The Secretariat
reads every group's answers with ``proposals.view_proposal`` (it changes them in the
admin, not here), and a group's unsubmitted draft only with
``proposals.view_draft_proposal``: every such reading is recorded for the group to see.
Answers change only while the cycle is open and before the Secretariat's review starts.
"""

from portal.permissions import has_permission
from proposals.models import ConsultationCycle, Coordinator, Delegate, Proposal, StateRequest

EDITABLE_STATES = (Proposal.State.DRAFT, Proposal.State.SUBMITTED, Proposal.State.WITHDRAWN)
READ_ANSWERS = "proposals.view_proposal"
READ_DRAFTS = "proposals.view_draft_proposal"
APPROVE_CYCLE = "proposals.approve_consultationcycle"


def active_coordinator(user) -> Coordinator | None:
    """The user's coordinator role, if it is active and its group too; else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    coordinator = getattr(user, "coordinator", None)
    if coordinator is None or not coordinator.is_active or not coordinator.group.is_active:
        return None
    return coordinator


def is_coordinator_of(user, group) -> bool:
    coordinator = active_coordinator(user)
    return coordinator is not None and coordinator.group_id == group.pk


def can_view_every_groups_answers(user) -> bool:
    """The Secretariat's reading of the consultation: every group's submitted answers."""
    return has_permission(user, READ_ANSWERS)


def can_use_coordinator_pages(user) -> bool:
    return bool(active_coordinator(user) or can_view_every_groups_answers(user))


def can_view_group_answers(user, group) -> bool:
    return can_view_every_groups_answers(user) or is_coordinator_of(user, group)


def can_read_group_drafts(user) -> bool:
    """A draft is its group's until submitted; the Secretariat reads one only with the dedicated permission."""
    return has_permission(user, READ_DRAFTS)


def is_reading_of_a_draft(user, proposal: Proposal) -> bool:
    """Someone other than the group's own coordinators opens its unsubmitted draft: a reading to record."""
    if proposal.state != Proposal.State.DRAFT:
        return False
    coordinator = active_coordinator(user)
    return coordinator is None or coordinator.group_id != proposal.group_id


def can_approve_cycles(user) -> bool:
    """Approving commits the Secretariat to the consultation: the programme manager's call."""
    return has_permission(user, APPROVE_CYCLE)


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


# --- Member states' delegates and their requests to the group ------------------------
# A delegate speaks for one member state and needs no Django permission, only an active
# Delegate row (and an active state that sits in a group). The group's coordinators take
# the state's requests into the group's answer or decline them.


def active_delegate(user) -> Delegate | None:
    """The user's delegate role, if it, its state and the state's group are active; else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    delegate = getattr(user, "delegate", None)
    if delegate is None or not delegate.is_active or not delegate.member_state.is_active:
        return None
    group = delegate.member_state.group
    if group is None or not group.is_active:
        return None
    return delegate


def can_use_delegate_pages(user) -> bool:
    return active_delegate(user) is not None


def can_bring_state_request(user, cycle: ConsultationCycle) -> bool:
    """A delegate brings a topic, or the state's interest in a candidate topic, while the cycle is open."""
    return active_delegate(user) is not None and cycle.is_open()


def can_decide_state_request(user, state_request: StateRequest) -> bool:
    """The coordinators of the state's group decide, once, while the request waits.

    Declining is possible after the deadline too (a request sent at the last minute still
    gets its answer); taking it into the answer changes the answer, so it needs the cycle
    open, as every change of an answer does.
    """
    group = state_request.member_state.group
    return state_request.state == StateRequest.State.PENDING and group is not None and is_coordinator_of(user, group)


def can_take_state_request(user, state_request: StateRequest) -> bool:
    return can_decide_state_request(user, state_request) and state_request.cycle.is_open()
