"""The Secretariat's admin for the reference data and the catalogue's topics and series.

A webinar's own admin page is the Secretariat's working screen for delivering it
(status, experts, registrations, materials, survey): it lives in ``delivery.admin``,
which calls the services of the apps that own those rules.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin, TranslationStackedInline

from portal.admin_kit import in_every_language
from webinars.forms import PartPositionsInlineFormSet
from webinars.models import Closure, Language, MemberState, Region, RegionalGroup, ScopeArea, Series, Topic, Webinar

# Reference data -----------------------------------------------------------------------


@admin.register(Language)
class LanguageAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("code", "name", "is_ui_language", "order")
    list_filter = ("is_ui_language",)
    search_fields = ("code", *in_every_language("name"))


@admin.register(Region)
class RegionAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("code", "name", "order")
    search_fields = ("code", *in_every_language("name"))


@admin.register(RegionalGroup)
class RegionalGroupAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("code", "name", "regions_covered", "contact_email", "is_active", "order")
    list_filter = ("is_active", "regions")
    search_fields = ("code", "contact_email", *in_every_language("name"))
    filter_horizontal = ("regions",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    @admin.display(description=_("regions covered"))
    def regions_covered(self, group):
        return ", ".join(str(region) for region in group.regions.all())


@admin.register(MemberState)
class MemberStateAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("code", "name", "group", "region", "is_active")
    list_filter = ("group", "region", "is_active")
    list_select_related = ("group", "region")
    search_fields = ("code", *in_every_language("name"))
    ordering = ("group__order", "code")


@admin.register(Closure)
class ClosureAdmin(TabbedDjangoJqueryTranslationAdmin):
    """Official holidays, the committee's sessions and other days without webinars."""

    list_display = ("title", "kind", "starts_on", "ends_on")
    list_filter = ("kind",)
    date_hierarchy = "starts_on"
    search_fields = in_every_language("title")


@admin.register(ScopeArea)
class ScopeAreaAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("code", "title", "is_in_scope", "order")
    list_filter = ("is_in_scope",)
    search_fields = ("code", *in_every_language("title", "description"))


# Catalogue ----------------------------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("title", "scope_area", "webinar_count", "updated_at")
    list_filter = ("scope_area__is_in_scope", "scope_area")
    list_select_related = ("scope_area",)
    search_fields = ("slug", *in_every_language("title", "summary"))
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("scope_area",)
    readonly_fields = ("created_at", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(webinar_count=Count("webinars"))

    @admin.display(description=_("webinars"), ordering="webinar_count")
    def webinar_count(self, topic):
        return topic.webinar_count


class SeriesPartsFormSet(PartPositionsInlineFormSet):
    position_field = "series_position"


class SeriesPartInline(TranslationStackedInline):
    """The parts of a series, edited together so that their numbering stays 1..n."""

    model = Webinar
    fk_name = "series"
    formset = SeriesPartsFormSet
    fields = ("series_position", "title", "slug", "topic", "starts_at", "regions", "languages", "status")
    readonly_fields = ("status",)
    autocomplete_fields = ("topic", "regions", "languages")
    prepopulated_fields = {"slug": ("title",)}
    ordering = ("series_position",)
    extra = 1
    can_delete = False
    show_change_link = True
    verbose_name = _("part of the series")
    verbose_name_plural = _("parts of the series")


@admin.register(Series)
class SeriesAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("title", "topic", "part_count", "created_at")
    list_select_related = ("topic",)
    list_filter = ("topic__scope_area",)
    search_fields = ("slug", *in_every_language("title", "description"))
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topic",)
    readonly_fields = ("created_at",)
    inlines = [SeriesPartInline]
    # Read by modeltranslation's TranslationAdmin for the add form only.
    add_fieldsets = (
        (
            None,
            {
                "fields": ("title", "slug", "topic", "description"),
                "description": _("Save the series first: its parts are then added on its page, numbered 1, 2, 3..."),
            },
        ),
    )

    def get_inlines(self, request, obj):
        # Parts are added once the series exists: Webinar.clean() needs the series' id.
        return self.inlines if obj is not None else []

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(part_count=Count("parts"))

    @admin.display(description=_("parts"), ordering="part_count")
    def part_count(self, series):
        return series.part_count
