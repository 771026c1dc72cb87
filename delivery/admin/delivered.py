"""What a webinar delivered: its languages (and how) and its actual costs."""

from django.contrib import admin

from delivery.models import DeliveredLanguage, WebinarCosts


@admin.register(DeliveredLanguage)
class DeliveredLanguageAdmin(admin.ModelAdmin):
    list_display = ("webinar", "language", "is_interpreted_live", "has_recording", "has_summary", "has_slides")
    list_filter = ("language", "is_interpreted_live")
    list_select_related = ("webinar", "language")
    autocomplete_fields = ("webinar",)
    search_fields = ("webinar__title",)


@admin.register(WebinarCosts)
class WebinarCostsAdmin(admin.ModelAdmin):
    list_display = ("webinar", "expert_fee", "interpretation", "platform", "other", "recorded_at")
    list_select_related = ("webinar",)
    autocomplete_fields = ("webinar",)
    search_fields = ("webinar__title",)
