"""What the portal tells people by itself, to read: requests to be told a webinar's date (people make
them on the webinar's page) and the webinars the network digest has announced."""

from django.contrib import admin

from participants.models import DateAlert, DigestListing


@admin.register(DateAlert)
class DateAlertAdmin(admin.ModelAdmin):
    list_display = ("email", "webinar", "language", "created_at", "told_at")
    list_filter = ("language",)
    list_select_related = ("webinar",)
    search_fields = ("email", "webinar__title")
    readonly_fields = ("webinar", "email", "language", "consented_at", "created_at", "told_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DigestListing)
class DigestListingAdmin(admin.ModelAdmin):
    """Written by the digest itself (``participants.services.digest``): read only."""

    list_display = ("webinar", "listed_at")
    list_select_related = ("webinar",)
    search_fields = ("webinar__title",)
    readonly_fields = ("webinar", "listed_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
