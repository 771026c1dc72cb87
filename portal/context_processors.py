"""What every page's header needs: the Secretariat's screens this person may open."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from portal.permissions import is_secretariat


@dataclass(frozen=True)
class MenuItem:
    url_name: str
    label: str
    permission: str | None  # None: any member of the Secretariat with at least one permission

    @property
    def url(self) -> str:
        return reverse(self.url_name)


STAFF_MENU = (
    MenuItem("reporting:dashboard", _("Dashboard"), "reporting.view_dashboard"),
    MenuItem("proposals:dashboard", _("Groups' answers"), "proposals.view_proposal"),
    MenuItem("planning:cycle_list", _("Review and planning"), "proposals.view_proposal"),
    MenuItem("delivery:expert_roster", _("Experts"), "webinars.view_expert"),
    MenuItem("participants:campaign_list", _("Campaigns"), "participants.view_campaign"),
    MenuItem("delivery:followup_list", _("Follow-up"), "webinars.view_material"),
    MenuItem("reporting:annual_report", _("Annual report"), "reporting.view_annual_report"),
    MenuItem("reporting:committee_report_list", _("Reports to the committee"), "reporting.view_committeereport"),
    MenuItem("admin:index", _("Administration"), None),
)


def menu_for(user) -> list[MenuItem]:
    """The staff menu as this person may use it: a screen they may not open is not offered."""
    if not is_secretariat(user):
        return []
    holds_any = user.is_superuser or bool(user.get_all_permissions())
    return [item for item in STAFF_MENU if (user.has_perm(item.permission) if item.permission else holds_any)]


def staff_menu(request) -> dict:
    return {"staff_menu": SimpleLazyObject(lambda: menu_for(request.user))}
