"""The Secretariat's admin for the consultation: cycles, candidate topics, coordinators, proposals.

States move through the services only (``proposals.services``): the admin shows them,
filters on them, and offers the moves that have a service as actions, each to those
whose roles hold its permission. A group's unsubmitted draft stays the group's: it is
listed and opened only with ``proposals.view_draft_proposal``, and every opening is
recorded for the group to see.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.admin_kit import RECORD, ReadOnlyHistoryAdmin, TranslatedHistoryAdmin, in_every_language
from proposals.models import (
    CandidateTopic,
    ConsultationCycle,
    Coordinator,
    Delegate,
    DraftReading,
    Proposal,
    ProposalPart,
    StateRequest,
)
from proposals.permissions import can_approve_cycles, can_read_group_drafts
from proposals.services import approve_cycle, record_draft_reading, record_draft_readings
from webinars.forms import PartPositionsInlineFormSet, check_position_among_siblings


class CandidateTopicInline(admin.TabularInline):
    model = CandidateTopic
    fields = ("order", "topic", "source", "note", "continues_series", "series_part")
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

    def has_approve_permission(self, request) -> bool:
        return can_approve_cycles(request.user)

    @admin.action(
        description=_("Approve the selected consultations (they open on their date)"), permissions=["approve"]
    )
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


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    """A member state's delegate is made like a coordinator: the account, then this row; the
    invitation to set a password is the accounts admin's "Send an invitation" action."""

    list_display = ("__str__", "user_email", "member_state", "member_state_group", "is_active", "created_at")
    list_filter = ("is_active", "member_state__group")
    list_select_related = ("user", "member_state__group")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "member_state__code",
        *in_every_language("member_state__name"),
    )
    autocomplete_fields = ("user", "member_state")
    readonly_fields = ("created_at",)

    @admin.display(description=_("e-mail"), ordering="user__email")
    def user_email(self, delegate):
        return delegate.user.email

    @admin.display(description=_("regional group"), ordering="member_state__group")
    def member_state_group(self, delegate):
        return delegate.member_state.group


@admin.register(StateRequest)
class StateRequestAdmin(ReadOnlyHistoryAdmin):
    """Read here; the delegate sends a request and the group decides on the portal's pages (the services)."""

    list_display = ("__str__", "member_state", "kind", "cycle", "state", "created_at", "decided_at")
    list_filter = ("state", "kind", "cycle", "member_state__group")
    list_select_related = ("member_state", "cycle", "candidate_topic__topic")
    search_fields = ("title", "member_state__code", *in_every_language("member_state__name"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DraftsStayWithTheirGroup:
    """A group's unsubmitted draft, in the admin, only for those who may read drafts; each opening recorded.

    Without ``proposals.view_draft_proposal`` drafts are left out of the list (and of the
    autocomplete lists that use it), and their change, history and delete pages answer
    404: the data is not shown, nor is it hinted at. With it, every page of a draft that
    is opened is a reading the group sees in the proposal's history.
    """

    draft_state_lookup = "state"  # from this admin's model to its proposal's state
    proposal_lookup = "pk"  # from Proposal to this admin's object id

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if can_read_group_drafts(request.user):
            return queryset
        return queryset.exclude(**{self.draft_state_lookup: Proposal.State.DRAFT})

    def _open_draft_page(self, request, object_id) -> None:
        try:
            draft = Proposal.objects.filter(state=Proposal.State.DRAFT, **{self.proposal_lookup: unquote(object_id)})
            draft = draft.first()
        except (ValueError, ValidationError):
            return  # not an id: the admin's own answer
        if draft is None:
            return
        if not can_read_group_drafts(request.user):
            raise Http404
        if request.method == "GET" and self.has_view_or_change_permission(request):
            record_draft_reading(proposal=draft, reader=request.user, place=DraftReading.Place.ADMIN)

    def changelist_view(self, request, extra_context=None):
        """A list that shows drafts' titles shows the drafts: each one listed is a reading."""
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and request.method == "GET":
            prefix = self.draft_state_lookup.removesuffix("state")  # "" or "proposal__"
            listed = [(getattr(obj, prefix.removesuffix("__")) if prefix else obj) for obj in changelist.result_list]
            record_draft_readings(proposals=listed, reader=request.user, place=DraftReading.Place.ADMIN)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._open_draft_page(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._open_draft_page(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._open_draft_page(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._open_draft_page(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class DraftReadingInline(admin.TabularInline):
    """Who from the Secretariat opened the proposal while it was a draft: kept as written, never edited."""

    model = DraftReading
    fields = ("read_at", "reader", "place")
    readonly_fields = fields
    ordering = ("-read_at", "-pk")
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reader")

    def has_view_permission(self, request, obj=None) -> bool:
        # Whoever may open the proposal sees who read it as a draft.
        return request.user.has_perm("proposals.view_proposal") or request.user.has_perm("proposals.change_proposal")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DraftReading)
class DraftReadingAdmin(admin.ModelAdmin):
    """Every reading of a group's draft by the Secretariat, across proposals: an audit trail, never edited."""

    list_display = ("read_at", "reader", "proposal", "place")
    list_filter = ("place",)
    list_select_related = ("reader", "proposal")
    search_fields = ("proposal__title", "reader__username", "reader__first_name", "reader__last_name")
    date_hierarchy = "read_at"
    fields = ("read_at", "reader", "proposal", "place")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ProposalPartsFormSet(PartPositionsInlineFormSet):
    position_field = "position"


class ProposalPartInline(admin.TabularInline):
    model = ProposalPart
    formset = ProposalPartsFormSet
    fields = ("position", "title", "objectives")
    ordering = ("position",)
    extra = 0


YEAR_TO_YEAR = ("continues_series", "series_first_part", "is_distinct_from_earlier", "distinct_reason", "webinars")


@admin.register(Proposal)
class ProposalAdmin(DraftsStayWithTheirGroup, ReadOnlyHistoryAdmin):
    """The groups' answers. State and the reason given to the group are the review's to set
    (``planning.services``), so they are shown here, never edited."""

    list_display = ("title", "group", "cycle", "kind", "shape", "state", "submitted_at")
    list_filter = ("cycle", "group", "state", "kind", "shape", "scope_area")
    list_select_related = ("group", "cycle")
    search_fields = ("title", "objectives", "topics", "group__code", *in_every_language("group__name"))
    date_hierarchy = "submitted_at"
    autocomplete_fields = ("cycle", "group", "candidate_topic", "scope_area")
    filter_horizontal = ("regions", "languages")
    readonly_fields = (
        "state",
        "decision_reason",
        "created_by",
        "created_at",
        "submitted_by",
        "submitted_at",
        "version",
        "updated_at",
        # Changed at review only (planning's services), and by publication.
        *YEAR_TO_YEAR,
    )
    inlines = [ProposalPartInline, DraftReadingInline]
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
        (_("From one year to the next"), {"fields": YEAR_TO_YEAR}),
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
class ProposalPartAdmin(DraftsStayWithTheirGroup, ReadOnlyHistoryAdmin):
    draft_state_lookup = "proposal__state"
    proposal_lookup = "parts__pk"
    form = ProposalPartForm
    list_display = ("__str__", "proposal", "position")
    list_select_related = ("proposal",)
    list_filter = ("proposal__cycle",)
    search_fields = ("title", "proposal__title")
    autocomplete_fields = ("proposal",)
