"""Who may do what in a webinar's delivery: experts, dates, follow-up, the feedback survey.

Programme officers deliver the webinars; other roles may read the roster and the
follow-up. The services check the same permissions, so a button a page shows and the
action behind it cannot disagree.
"""

from delivery.models import ExpertInvitation
from delivery.services.experts import takes_invitations
from delivery.services.scheduling import OVERRIDE_PERMISSION, SCHEDULE_PERMISSION, available_changes
from portal.permissions import has_permission
from webinars.models import Webinar


def can_view_experts(user) -> bool:
    """The roster, the suggestions for a webinar and its invitations."""
    return has_permission(user, "webinars.view_expert")


def can_invite_expert(user, webinar: Webinar) -> bool:
    return has_permission(user, "delivery.invite_expert") and takes_invitations(webinar)


def can_withdraw_invitation(user, invitation: ExpertInvitation) -> bool:
    return has_permission(user, "delivery.invite_expert") and invitation.can_change_state(
        ExpertInvitation.State.WITHDRAWN
    )


def can_record_followup(user) -> bool:
    """Materials, summary, answers and "materials available": what the public page shows afterwards."""
    return has_permission(user, "webinars.record_followup")


def can_send_survey(user) -> bool:
    return has_permission(user, "webinars.send_survey")


def can_schedule_webinar(user) -> bool:
    """Dates and status: scheduling, moving, postponing, cancelling, marking held."""
    return has_permission(user, SCHEDULE_PERMISSION)


def can_schedule_despite_conflicts(user) -> bool:
    """Keeping a date that breaks a rule (a holiday, a weekend, hours outside a region's office
    hours...), with a reason: the programme manager's call."""
    return has_permission(user, OVERRIDE_PERMISSION)


def schedule_changes_for(user, webinar: Webinar) -> list[str]:
    """The status changes this person may make to this webinar now (none without the permission)."""
    if webinar.pk is None or not can_schedule_webinar(user):
        return []
    return available_changes(webinar)


def can_moderate_suggestions(user) -> bool:
    """Publish or hide topic suggestions on the webinars' public pages."""
    return has_permission(user, "webinars.change_feedback")
