"""Admin pieces of the expert roster: the invitations (to read) and a link to the experts screen.

Invitations change state only through ``delivery.services.experts`` (the expert's signed link, the
Secretariat's withdraw button), so the admin shows them and never edits them.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from delivery.models import ExpertInvitation
from webinars.models import Webinar


@admin.display(description=_("experts: suggestions and invitations"))
def expert_screen_link(webinar: Webinar) -> str:
    """On the webinar's change page: where the Secretariat picks and invites its expert."""
    if webinar is None or webinar.pk is None:
        return _("Save the webinar first.")
    return format_html(
        '<a href="{}">{}</a>',
        reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk}),
        _("Suggested experts, the year's balance figures and the invitations"),
    )


@admin.register(ExpertInvitation)
class ExpertInvitationAdmin(admin.ModelAdmin):
    list_display = ("expert", "webinar", "state", "invited_at", "answered_at", "invited_by")
    list_filter = ("state",)
    list_select_related = ("expert", "webinar", "invited_by")
    search_fields = ("expert__name", "webinar__title")
    date_hierarchy = "invited_at"
    readonly_fields = (
        "expert",
        "webinar",
        "state",
        "message",
        "decline_reason",
        "invited_by",
        "invited_at",
        "answered_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
