"""The Secretariat's admin for the tracker of committee decisions and their follow-up.

Laid out like the annex of the report it feeds: a decision, its measures, and for each
measure the documents on its implementation and examination and what is still to do.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedDjangoJqueryTranslationAdmin,
    TranslationStackedInline,
)

from portal.admin_kit import HTTPS_LINKS, RECORD, StateTransitionForm, TranslatedHistoryAdmin, in_every_language
from reporting.models import (
    CommitteeDecision,
    CommitteeReport,
    DecisionItem,
    DecisionParagraph,
    DocumentReference,
    FollowUpAction,
    Measure,
    MeasureEvent,
    ReportSnapshot,
    Session,
    WebinarAccount,
)


class MeasureForm(StateTransitionForm):
    """A measure's state moves only along ``Measure.TRANSITIONS``, with the day it took effect.

    As in ``services.change_measure_state``: a new state needs a new effective date (the
    model refuses one before the decision).
    """

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.instance.pk is not None
            and "state" in self.changed_data
            and "state_since" not in self.changed_data
            and "state" not in self.errors
        ):
            self.add_error("state_since", _("Give the day the new state took effect."))
        return cleaned_data


class MeasureInline(TranslationStackedInline):
    model = Measure
    form = MeasureForm
    fields = ("decision_paragraph", "paragraph", "number", "title", "state", "state_since")
    ordering = ("paragraph", "number")
    show_change_link = True
    extra = 0


class DecisionItemInline(TranslationStackedInline):
    model = DecisionItem
    fields = ("label", "text", "order")
    ordering = ("order",)
    extra = 0


class DecisionParagraphInline(TranslationStackedInline):
    model = DecisionParagraph
    fields = ("label", "text")
    extra = 0


@admin.register(CommitteeDecision)
class CommitteeDecisionAdmin(TranslatedHistoryAdmin):
    list_display = ("title", "session", "agenda_item", "decided_on", "source_document", "measure_count")
    list_filter = ("session",)
    search_fields = ("source_document", *in_every_language("title", "text"))
    date_hierarchy = "decided_on"
    readonly_fields = ("created_at",)
    list_select_related = ("session",)
    autocomplete_fields = ("session",)
    inlines = [DecisionItemInline, DecisionParagraphInline, MeasureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_count=Count("measures"))

    @admin.display(description=_("measures"), ordering="measure_count")
    def measure_count(self, decision):
        return decision.measure_count


REFERENCE_FIELDS = ("role", "kind", "symbol", "title", "session", "held_on", "place", "paragraphs", "url", "order")


class DocumentReferenceInline(TranslationStackedInline):
    model = DocumentReference
    fields = ("event", *REFERENCE_FIELDS)
    autocomplete_fields = ("session",)
    ordering = ("role", "order")
    formfield_overrides = HTTPS_LINKS
    extra = 0


class MeasureEventInline(TranslationStackedInline):
    model = MeasureEvent
    fields = ("kind", "session", "occurred_on", "text", "order")
    autocomplete_fields = ("session",)
    show_change_link = True
    extra = 0


class FollowUpActionInline(TranslationStackedInline):
    model = FollowUpAction
    fields = ("description", "owner", "due_on", "due_at_session", "done_on")
    autocomplete_fields = ("due_at_session",)
    ordering = ("due_on",)
    extra = 0


@admin.register(Measure)
class MeasureAdmin(TranslatedHistoryAdmin):
    form = MeasureForm
    list_display = ("title", "decision", "paragraph", "number", "state", "state_since", "updated_at")
    list_filter = ("state", "decision__session", "decision")
    list_select_related = ("decision",)
    search_fields = ("documents__symbol", *in_every_language("title", "decision__title"))
    autocomplete_fields = ("decision",)
    readonly_fields = ("updated_at",)
    inlines = [MeasureEventInline, DocumentReferenceInline, FollowUpActionInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    *("decision", "decision_paragraph", "paragraph", "number", "title"),
                    *("state", "state_since", "has_webinar_programme"),
                )
            },
        ),
        (
            _("Implementation, examination, decision and follow-up"),
            {"fields": ("implementation", "examination", "decision_taken", "follow_up")},
        ),
        (RECORD, {"fields": ("updated_at",)}),
    )


@admin.register(MeasureEvent)
class MeasureEventAdmin(TranslatedHistoryAdmin):
    """What happened to a measure at a session; its references are added on the measure."""

    list_display = ("__str__", "measure", "kind", "session", "occurred_on")
    list_filter = ("kind", "session")
    list_select_related = ("measure", "session")
    search_fields = in_every_language("text", "measure__title")
    autocomplete_fields = ("measure", "session")


@admin.register(DecisionParagraph)
class DecisionParagraphAdmin(TranslatedHistoryAdmin):
    list_display = ("__str__", "decision")
    list_select_related = ("decision",)
    search_fields = in_every_language("text")
    autocomplete_fields = ("decision",)


@admin.register(DecisionItem)
class DecisionItemAdmin(TranslatedHistoryAdmin):
    list_display = ("__str__", "decision", "order")
    list_select_related = ("decision",)
    search_fields = in_every_language("text")
    autocomplete_fields = ("decision",)


@admin.register(DocumentReference)
class DocumentReferenceAdmin(TranslatedHistoryAdmin):
    list_display = ("__str__", "kind", "role", "paragraphs", "measure", "order")
    list_filter = ("kind", "role")
    list_select_related = ("measure", "session")
    search_fields = ("symbol", "url", *in_every_language("title", "measure__title"))
    autocomplete_fields = ("measure", "event", "session")
    fields = ("measure", "event", *REFERENCE_FIELDS)
    formfield_overrides = HTTPS_LINKS


@admin.register(FollowUpAction)
class FollowUpActionAdmin(TranslatedHistoryAdmin):
    list_display = ("__str__", "measure", "owner", "due_on", "due_at_session", "done_on")
    list_filter = (("done_on", admin.EmptyFieldListFilter), "due_at_session", "owner")
    list_select_related = ("measure",)
    search_fields = ("owner", *in_every_language("description", "measure__title"))
    date_hierarchy = "due_on"
    autocomplete_fields = ("measure", "due_at_session")


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


@admin.register(CommitteeReport)
class CommitteeReportAdmin(TranslatedHistoryAdmin):
    """The annual reports to the committee. Saves go through the services (texts cleaned, a final report frozen);
    the state moves on the report's own screen, where finalising freezes it with its data."""

    list_display = ("symbol", "year", "session", "dated_on", "original_language", "state")
    list_filter = ("state", "original_language")
    list_select_related = ("session",)
    search_fields = ("symbol", *in_every_language("title"))
    fields = (
        *("year", "symbol", "session", "dated_on", "original_language", "state"),
        *CommitteeReport.TEXT_FIELDS,
        *("finalised_at", "submitted_at", "created_at", "updated_at"),
    )
    readonly_fields = ("state", "finalised_at", "submitted_at", "created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "year") if obj is not None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def save_model(self, request, obj, form, change):
        from modeltranslation.utils import get_translation_fields

        from reporting import services

        texts = {name: form.cleaned_data.get(name) for name in get_translation_fields(*CommitteeReport.TEXT_FIELDS)}
        names = ("symbol", "session", "dated_on", "original_language")
        settings_values = {name: form.cleaned_data[name] for name in names}
        if change:
            saved = services.edit_committee_report(report=obj, actor=request.user, values=settings_values, texts=texts)
        else:
            saved = services.create_committee_report(
                actor=request.user, year=form.cleaned_data["year"], texts=texts, **settings_values
            )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        """Nothing related is edited here."""


@admin.register(WebinarAccount)
class WebinarAccountAdmin(TranslatedHistoryAdmin):
    """Read only: the accounts are written on the report's screen, where they are cleaned and frozen with it."""

    list_display = ("webinar", "report")
    list_filter = ("report",)
    list_select_related = ("webinar", "report")
    search_fields = ("webinar__title", "report__symbol")
    readonly_fields = ("report", "webinar", *in_every_language("text"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Session)
class SessionAdmin(TabbedDjangoJqueryTranslationAdmin):
    """The committee's sessions: data the Secretariat enters (number, dates, venue)."""

    list_display = ("number", "starts_on", "ends_on", "venue")
    search_fields = ("number", *in_every_language("venue"))
    date_hierarchy = "starts_on"
