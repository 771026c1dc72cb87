"""The Secretariat's admin for annual plans and their entries.

A plan is published through its service, never by editing its state here; once
published it is read here, not changed (``can_change_plan``), as on the planning
screens. Proposals are merged on the review screen (``merge_proposals``), which settles
their states; the admin shows the mergers.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin, TranslationStackedInline

from planning.models import AnnualPlan, PlanComment, PlanEntry, ProposalMerge, SynergySuggestion
from planning.permissions import can_change_plan
from portal.admin_kit import RECORD, ReadOnlyHistoryAdmin, TabbedTranslationMedia, in_every_language

# Set by sharing the draft, the hourly comment-period run and publishing (planning.consultation), never here.
CONSULTATION_FIELDS = (
    "shared_at",
    "shared_by",
    "comments_until",
    "share_message",
    "comments_reminded_at",
    "comments_closed_at",
    "groups_consulted",
    "consultation_skipped_reason",
)
PLAN_ENTRY_AUTOCOMPLETE = ("topic", "region", "languages", "proposals", "expert", "webinar")


class PlanEntryInline(TranslationStackedInline):
    model = PlanEntry
    fields = (
        "position",
        "title",
        "topic",
        "region",
        "languages",
        "period",
        "proposals",
        "expert",
        "webinar",
        "rationale",
        ("estimated_expert_fee", "estimated_interpretation", "estimated_platform"),
    )
    autocomplete_fields = PLAN_ENTRY_AUTOCOMPLETE
    ordering = ("position",)
    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or can_change_plan(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or can_change_plan(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or can_change_plan(request.user, obj))


@admin.register(AnnualPlan)
class AnnualPlanAdmin(TabbedTranslationMedia, ReadOnlyHistoryAdmin):
    list_display = (
        "__str__",
        "cycle",
        "state",
        "capacity",
        "entry_count",
        "budget",
        "cost_per_webinar",
        "interpretation_cost_per_language",
        "published_at",
    )
    list_filter = ("state",)
    list_select_related = ("cycle",)
    search_fields = ("year", "notes")
    autocomplete_fields = ("cycle",)
    readonly_fields = ("state", "published_at", "published_by", "created_at", *CONSULTATION_FIELDS)
    inlines = [PlanEntryInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "year",
                    "cycle",
                    "capacity",
                    "budget",
                    "cost_per_webinar",
                    "interpretation_cost_per_language",
                    "notes",
                )
            },
        ),
        (RECORD, {"fields": ("state", "published_at", "published_by", "created_at")}),
        (_("The groups' comments on the draft"), {"fields": CONSULTATION_FIELDS}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or can_change_plan(request.user, obj))

    @admin.display(description=_("entries"), ordering="entry_count")
    def entry_count(self, plan):
        return plan.entry_count


@admin.register(PlanEntry)
class PlanEntryAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("title", "plan", "position", "region", "period", "expert", "webinar")
    list_filter = ("plan", "region", "period")
    list_select_related = ("plan", "region", "expert", "webinar")
    search_fields = (*in_every_language("title", "rationale"),)
    autocomplete_fields = ("plan", "topic", "region", "proposals", "expert", "webinar")
    filter_horizontal = ("languages",)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or can_change_plan(request.user, obj.plan))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or can_change_plan(request.user, obj.plan))


@admin.register(SynergySuggestion)
class SynergySuggestionAdmin(admin.ModelAdmin):
    list_display = ("signature", "cycle", "kind", "score", "state", "decided_by", "decided_at")
    list_filter = ("cycle", "kind", "state")
    list_select_related = ("cycle", "decided_by")
    readonly_fields = ("cycle", "signature", "kind", "score", "matched", "state", "decided_by", "decided_at", "merge")
    filter_horizontal = ("proposals",)


@admin.register(ProposalMerge)
class ProposalMergeAdmin(admin.ModelAdmin):
    list_display = ("lead", "cycle", "created_by", "created_at")
    list_filter = ("cycle",)
    list_select_related = ("lead", "cycle", "created_by")
    readonly_fields = ("cycle", "lead", "members", "created_by", "created_at")

    def has_add_permission(self, request):
        return False  # a merger is made on the review screen, which puts its proposals in the right states

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PlanComment)
class PlanCommentAdmin(ReadOnlyHistoryAdmin):
    """The groups' comments, to read: a group writes and changes its own on its page (planning.consultation)."""

    list_display = ("plan", "group", "entry_title", "written_in", "author", "updated_at")
    list_filter = ("plan", "group", "written_in")
    list_select_related = ("plan", "group", "author")
    search_fields = ("text", "entry_title")
    fields = ("plan", "group", "entry", "entry_title", "text", "written_in", "author", "created_at", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
