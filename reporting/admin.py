"""The Secretariat's admin for the tracker of committee decisions and their follow-up.

Laid out like the annex of the report it feeds: a decision, its measures, and for each
measure the documents on its implementation and examination and what is still to do.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from portal.admin_kit import HTTPS_LINKS, RECORD, StateTransitionForm, TranslatedHistoryAdmin, in_every_language
from reporting.models import CommitteeDecision, DocumentReference, FollowUpAction, Measure, ReportSnapshot


class MeasureForm(StateTransitionForm):
    """A measure's state moves only along ``Measure.TRANSITIONS``."""


class MeasureInline(TranslationStackedInline):
    model = Measure
    form = MeasureForm
    fields = ("paragraph", "number", "title", "state")
    ordering = ("paragraph", "number")
    show_change_link = True
    extra = 0


@admin.register(CommitteeDecision)
class CommitteeDecisionAdmin(TranslatedHistoryAdmin):
    list_display = ("title", "session", "agenda_item", "decided_on", "source_document", "measure_count")
    list_filter = ("session",)
    search_fields = ("source_document", *in_every_language("title", "text"))
    date_hierarchy = "decided_on"
    readonly_fields = ("created_at",)
    inlines = [MeasureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_count=Count("measures"))

    @admin.display(description=_("measures"), ordering="measure_count")
    def measure_count(self, decision):
        return decision.measure_count


class DocumentReferenceInline(TranslationTabularInline):
    model = DocumentReference
    fields = ("role", "symbol", "title", "paragraphs", "url", "order")
    ordering = ("role", "order")
    formfield_overrides = HTTPS_LINKS
    extra = 0


class FollowUpActionInline(TranslationStackedInline):
    model = FollowUpAction
    fields = ("description", "owner", "due_on", "done_on")
    ordering = ("due_on",)
    extra = 0


@admin.register(Measure)
class MeasureAdmin(TranslatedHistoryAdmin):
    form = MeasureForm
    list_display = ("title", "decision", "paragraph", "number", "state", "updated_at")
    list_filter = ("state", "decision__session", "decision")
    list_select_related = ("decision",)
    search_fields = ("documents__symbol", *in_every_language("title", "decision__title"))
    autocomplete_fields = ("decision",)
    readonly_fields = ("updated_at",)
    inlines = [DocumentReferenceInline, FollowUpActionInline]
    fieldsets = (
        (None, {"fields": ("decision", "paragraph", "number", "title", "state")}),
        (
            _("Implementation, examination, decision and follow-up"),
            {"fields": ("implementation", "examination", "decision_taken", "follow_up")},
        ),
        (RECORD, {"fields": ("updated_at",)}),
    )


@admin.register(DocumentReference)
class DocumentReferenceAdmin(TranslatedHistoryAdmin):
    list_display = ("symbol", "role", "title", "paragraphs", "measure", "order")
    list_filter = ("role",)
    list_select_related = ("measure",)
    search_fields = ("symbol", "url", *in_every_language("title", "measure__title"))
    autocomplete_fields = ("measure",)
    formfield_overrides = HTTPS_LINKS


@admin.register(FollowUpAction)
class FollowUpActionAdmin(TranslatedHistoryAdmin):
    list_display = ("__str__", "measure", "owner", "due_on", "done_on")
    list_filter = (("done_on", admin.EmptyFieldListFilter), "owner")
    list_select_related = ("measure",)
    search_fields = ("owner", *in_every_language("description", "measure__title"))
    date_hierarchy = "due_on"
    autocomplete_fields = ("measure",)


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(admin.ModelAdmin):
    """Kept reports, read only: a kept report is the record of what was sent to the committee."""

    list_display = ("__str__", "kind", "first_year", "last_year", "language", "fmt", "generated_at", "generated_by")
    list_filter = ("kind", "fmt", "language")
    list_select_related = ("generated_by",)
    search_fields = ("data_digest",)
    date_hierarchy = "generated_at"
    fields = (
        *("kind", "first_year", "last_year", "language", "fmt"),
        *("file", "data_digest", "generated_at", "generated_by"),
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
