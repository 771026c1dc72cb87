"""Who may do what on the review and planning screens.

Reading the groups' answers, reviewing them, drafting the plan, running the solver and
publishing are separate jobs of the Secretariat, each a named permission held by a role
(``accounts.roles``). The views open with the same permissions, the services check
them again, and the pages offer a button only where these functions say yes.
"""

from planning.models import AnnualPlan, SynergySuggestion
from planning.selectors import REVIEWABLE
from portal.permissions import has_permission
from proposals.models import ConsultationCycle, Proposal
from proposals.permissions import active_coordinator

READ_ANSWERS = "proposals.view_proposal"
REVIEW = "proposals.review_proposal"
VIEW_PLAN = "planning.view_annualplan"
START_PLAN = "planning.add_annualplan"
CHANGE_PLAN = "planning.change_annualplan"
RUN_SOLVER = "planning.run_solver"
PUBLISH_PLAN = "planning.publish_annualplan"
SHARE_PLAN = "planning.share_annualplan"
READ_COMMENTS = "planning.view_plancomment"


def can_read_answers(user) -> bool:
    """The review list, the comparison and the synergies show what the groups sent."""
    return has_permission(user, READ_ANSWERS)


def can_review_answers(user) -> bool:
    """Merging answers and deciding on synergies shape what the groups will be told."""
    return has_permission(user, REVIEW)


def can_mark_under_review(user, proposal: Proposal) -> bool:
    """Putting an answer under review closes it to the group's changes."""
    return can_review_answers(user) and proposal.state == Proposal.State.SUBMITTED


def can_decline_proposal(user, proposal: Proposal) -> bool:
    """Declining gives the group a reason; only an answer still in review can be declined."""
    return can_review_answers(user) and proposal.state in REVIEWABLE


def can_link_to_series(user, proposal: Proposal) -> bool:
    """Attaching an answer to a series, or marking it distinct from an earlier webinar, is part of its review."""
    return can_review_answers(user) and proposal.state in REVIEWABLE


def can_decide_suggestion(user, suggestion: SynergySuggestion) -> bool:
    """A pending synergy suggestion is accepted (a merger) or dismissed, once."""
    return can_review_answers(user) and suggestion.state == SynergySuggestion.State.PENDING


def can_view_plan(user) -> bool:
    return has_permission(user, VIEW_PLAN)


def can_start_plan(user, cycle: ConsultationCycle) -> bool:
    """The draft plan of the year a consultation prepares."""
    return has_permission(user, START_PLAN)


def can_change_plan(user, plan: AnnualPlan) -> bool:
    """Adding, moving, editing and taking out entries: only while the plan is a draft."""
    return has_permission(user, CHANGE_PLAN) and plan.state == AnnualPlan.State.DRAFT


def can_run_solver(user, plan: AnnualPlan) -> bool:
    """The solver replaces a draft's entries; a published plan stays as it was published."""
    return has_permission(user, RUN_SOLVER) and plan.state == AnnualPlan.State.DRAFT


def can_publish_plan(user, plan: AnnualPlan) -> bool:
    """Publishing commits the Secretariat to the groups: the programme manager's call.

    Only a draft, and only once its consultation has closed: the Secretariat compares
    answers received by the same deadline.
    """
    return (
        has_permission(user, PUBLISH_PLAN)
        and plan.state == AnnualPlan.State.DRAFT
        and plan.cycle is not None
        and plan.cycle.state == ConsultationCycle.State.CLOSED
    )


# --- The groups' comments on a shared draft (planning.consultation) ------------------------


def can_share_plan(user, plan: AnnualPlan) -> bool:
    """Sharing the draft asks every group for comments by a date: only a draft is shared."""
    return has_permission(user, SHARE_PLAN) and plan.state == AnnualPlan.State.DRAFT


def can_read_plan_comments(user) -> bool:
    """The Secretariat reads the groups' comments beside the plan."""
    return has_permission(user, READ_COMMENTS)


def can_see_shared_plan(user, plan: AnnualPlan) -> bool:
    """A group's coordinators read the draft while it is shared with the groups, and after its last day.

    Coordinators of an inactive group, or inactive coordinators, see nothing.
    """
    return active_coordinator(user) is not None and plan.state == AnnualPlan.State.DRAFT and plan.shared_at is not None


def can_comment_on_plan(user, plan: AnnualPlan) -> bool:
    """A group comments on the shared draft until its last day."""
    return can_see_shared_plan(user, plan) and plan.is_open_for_comments()


def can_edit_plan_comment(user, comment) -> bool:
    """The group's own comment, until the last day; never another group's."""
    coordinator = active_coordinator(user)
    return coordinator is not None and coordinator.group_id == comment.group_id and comment.plan.is_open_for_comments()
