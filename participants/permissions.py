"""Who may do what with the participants: campaigns, registrations, attendance.

Communications look after the network and promote webinars; programme officers handle
registrations and attendance. The services check the same permissions, so a screen
that shows a button and the action behind it cannot disagree.
"""

from participants.models import Campaign
from portal.permissions import has_permission


def can_create_campaign(user) -> bool:
    return has_permission(user, "participants.add_campaign")


def can_change_campaign(user, campaign: Campaign) -> bool:
    """A draft is changed and tested to oneself; a sent campaign stays as it went out."""
    return has_permission(user, "participants.change_campaign") and campaign.is_draft


def can_send_campaign(user, campaign: Campaign) -> bool:
    """Sending writes to the whole audience at once, and only once."""
    return has_permission(user, "participants.send_campaign") and campaign.is_draft


def can_see_unpublished_webinar_card(user) -> bool:
    """The promotion card of a webinar still being planned is for the campaign's preparers."""
    return has_permission(user, "participants.view_campaign")


def can_record_attendance(user) -> bool:
    return has_permission(user, "participants.record_attendance")
