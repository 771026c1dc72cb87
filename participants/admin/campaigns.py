"""The Secretariat's admin list of campaigns (reading; sending happens on the campaign screens)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from participants.models import Campaign


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    """A list to find campaigns; a campaign is written and sent on its own screen, where the
    audience is counted and the preview shown, so the admin neither adds nor changes one."""

    list_display = ("webinar", "state", "created_by", "created_at", "sent_at", "sent_count", "screen")
    list_filter = ("state",)
    list_select_related = ("webinar", "created_by")
    search_fields = ("webinar__title", "subject")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "updated_at", "sent_at", "sent_by", "sent_count", "test_sent_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a campaign sent is the record of what went out

    @admin.display(description=_("campaign screen"))
    def screen(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("participants:campaign_detail", kwargs={"pk": obj.pk}), _("open")
        )
