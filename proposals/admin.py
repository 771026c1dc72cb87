"""The Secretariat's admin for the consultation: cycles, candidate topics, coordinators, proposals.

States move through the services only (``proposals.services``): the admin shows them,
filters on them, and offers the moves that have a service as actions.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.admin_kit import RECORD, ReadOnlyHistoryAdmin, TranslatedHistoryAdmin, in_every_language
from proposals.models import CandidateTopic, ConsultationCycle, Coordinator, Proposal, ProposalPart
from proposals.services import approve_cycle
from webinars.forms import PartPositionsInlineFormSet, check_position_among_siblings


class CandidateTopicInline(admin.TabularInline):
    model = CandidateTopic
    fields = ("order", "topic", "source", "note")
    autocomplete_fields = ("topic",)
    ordering = ("order", "pk")
    extra = 0


@admin.register(ConsultationCycle)
class ConsultationCycleAdmin(TranslatedHistoryAdmin):
    list_display = (
        "__str__",
        "target_year",
        "state",
        "opens_at",
        "deadline_at",
        "candidate_topic_count",
        "proposal_count",
    )
    list_filter = ("state",)
    search_fields = ("target_year", *in_every_language("title"))
    readonly_fields = ("state", "approved_at", "opened_at", "closed_at", "created_at")
    inlines = [CandidateTopicInline]
    actions = ["approve_selected"]
    fieldsets = (
        (None, {"fields": ("target_year", "title", "introduction", "opens_at", "deadline_at")}),
        (_("Progress"), {"fields": ("state", "approved_at", "opened_at", "closed_at", "created_at")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                candidate_topic_count=Count("candidate_topics", distinct=True),
                proposal_count=Count("proposals", distinct=True),
            )
        )

    @admin.display(description=_("candidate topics"), ordering="candidate_topic_count")
    def candidate_topic_count(self, cycle):
        return cycle.candidate_topic_count

    @admin.display(description=_("proposals"), ordering="proposal_count")
    def proposal_count(self, cycle):
        return cycle.proposal_count

    @admin.action(description=_("Approve the selected consultations (they open on their date)"))
    def approve_selected(self, request, queryset):
        for cycle in queryset:
            try:
                approve_cycle(cycle=cycle, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("%(cycle)s was not approved: %(reason)s") % {"cycle": cycle, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    _("%(cycle)s is approved; it opens on %(date)s.")
                    % {"cycle": cycle, "date": date_format(timezone.localtime(cycle.opens_at), "DATETIME_FORMAT")},
                    messages.SUCCESS,
                )


@admin.register(CandidateTopic)
class CandidateTopicAdmin(admin.ModelAdmin):
    list_display = ("topic", "cycle", "source", "order")
    list_filter = ("cycle", "source")
    list_select_related = ("topic", "cycle")
    search_fields = (*in_every_language("topic__title"),)
    autocomplete_fields = ("cycle", "topic")


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ("__str__", "user_email", "group", "is_active", "created_at")
    list_filter = ("is_active", "group")
    list_select_related = ("user", "group")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email", "group__code")
    autocomplete_fields = ("user", "group")
    readonly_fields = ("created_at",)

    @admin.display(description=_("e-mail"), ordering="user__email")
    def user_email(self, coordinator):
        return coordinator.user.email


class ProposalPartsFormSet(PartPositionsInlineFormSet):
    position_field = "position"


class ProposalPartInline(admin.TabularInline):
    model = ProposalPart
    formset = ProposalPartsFormSet
    fields = ("position", "title", "objectives")
    ordering = ("position",)
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyHistoryAdmin):
    list_display = ("title", "group", "cycle", "kind", "shape", "state", "submitted_at")
    list_filter = ("cycle", "group", "state", "kind", "shape", "scope_area")
    list_select_related = ("group", "cycle")
    search_fields = ("title", "objectives", "topics", "group__code", *in_every_language("group__name"))
    date_hierarchy = "submitted_at"
    autocomplete_fields = ("cycle", "group", "candidate_topic", "scope_area")
    filter_horizontal = ("regions", "languages")
    readonly_fields = ("state", "created_by", "created_at", "submitted_by", "submitted_at", "version", "updated_at")
    inlines = [ProposalPartInline]
    fieldsets = (
        (None, {"fields": ("cycle", "group", "kind", "candidate_topic", "shape", "title", "written_in")}),
        (
            _("Content"),
            {
                "fields": (
                    "objectives",
                    "target_audience",
                    "topics",
                    "scope_area",
                    "regions",
                    "languages",
                    "preferred_period",
                    "comment",
                )
            },
        ),
        (_("The Secretariat's decision"), {"fields": ("state", "decision_reason")}),
        (RECORD, {"fields": ("created_by", "created_at", "submitted_by", "submitted_at", "version", "updated_at")}),
    )

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ProposalPartForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        proposal = cleaned_data.get("proposal")
        if proposal is not None and {"proposal", "position"} & set(self.changed_data):
            check_position_among_siblings(self, siblings=proposal.parts.all(), position_field="position")
        return cleaned_data


@admin.register(ProposalPart)
class ProposalPartAdmin(ReadOnlyHistoryAdmin):
    form = ProposalPartForm
    list_display = ("__str__", "proposal", "position")
    list_select_related = ("proposal",)
    list_filter = ("proposal__cycle",)
    search_fields = ("title", "proposal__title")
    autocomplete_fields = ("proposal",)
