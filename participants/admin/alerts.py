"""Requests to be told a webinar's date: to read; people make them on the webinar's page."""

from django.contrib import admin

from participants.models import DateAlert


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
