"""Who may do what on the coordinators' pages.

A coordinator answers for one regional group and sees only that group's answers; a
coordinator needs no Django permission, only an active Coordinator row. The Secretariat
reads every group's answers with ``proposals.view_proposal`` (it changes them in the
admin, not here), and a group's unsubmitted draft only with
``proposals.view_draft_proposal``: every such reading is recorded for the group to see.
Answers change only while the cycle is open and before the Secretariat's review starts.
"""

from portal.permissions import has_permission
from proposals.models import ConsultationCycle, Coordinator, Proposal

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
