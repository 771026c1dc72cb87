"""The webinar's admin page: the Secretariat's working screen for delivering one webinar.

Status, experts, capacity and registrations, materials and answers, the survey: each
change goes through the service of the app that owns its rule.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import (
    TabbedDjangoJqueryTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from delivery.admin.delivered import DeliveredLanguageInline, save_delivered_languages
from delivery.admin.experts import expert_screen_link
from delivery.admin.scheduling import STATUS_ACTIONS, WebinarSchedulingAdminMixin
from delivery.models import DeliveredLanguage
from delivery.permissions import can_send_survey, can_view_experts
from delivery.services import followup, survey
from delivery.uploads import check_material_file
from delivery.views.survey import send_survey_to_experts, send_survey_to_participants
from participants.admin.registration import WebinarRegistrationAdminMixin, upload_attendance
from portal.admin_kit import HTTPS_LINKS, RECORD, in_every_language
from webinars.forms import check_position_among_siblings
from webinars.models import AnsweredQuestion, Expert, Feedback, Material, Webinar


@admin.register(Expert)
class ExpertAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("name", "title", "kind", "gender", "nationality", "region", "is_active")
    list_filter = ("is_active", "kind", "gender", "region", "scope_areas", "languages")
    list_select_related = ("region",)
    search_fields = ("name", "email", "expertise", *in_every_language("title"))
    autocomplete_fields = ("region",)
    filter_horizontal = ("languages", "scope_areas")
    readonly_fields = ("created_at",)
    fieldsets = (
        (None, {"fields": ("name", "title", "biography", "kind", "region", "is_active")}),
        (_("Expertise"), {"fields": ("scope_areas", "languages", "expertise")}),
        (
            _("Private: for the Secretariat's balance figures only"),
            {"fields": ("email", "gender", "nationality")},
        ),
        (RECORD, {"fields": ("created_at",)}),
    )


class WebinarAdminForm(forms.ModelForm):
    """The webinar's own fields; its status and date are changed through the scheduling pages."""

    def clean(self):
        cleaned_data = super().clean()
        series = cleaned_data.get("series")
        if series is not None and {"series", "series_position"} & set(self.changed_data):
            check_position_among_siblings(self, siblings=series.parts.all(), position_field="series_position")
        return cleaned_data


class MaterialForm(forms.ModelForm):
    """A material in the admin follows the follow-up screen's rules (delivery.services.followup):
    a held webinar, a link or a file, the same file checks. The admin saves it through
    ``save_material``, so publishing and withdrawing are the follow-up screen's own functions."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_material_file(file, kind=self.cleaned_data.get("kind") or Material.Kind.OTHER)
        return file

    def clean(self):
        cleaned_data = super().clean()
        webinar = cleaned_data.get("webinar") or (self.instance.webinar if self.instance.webinar_id else None)
        if webinar is None or not self.has_changed() or {"url", "kind", "webinar"} & set(self.errors):
            return cleaned_data
        followup.check_material(
            webinar=webinar,
            kind=cleaned_data.get("kind") or Material.Kind.OTHER,
            url=cleaned_data.get("url") or "",
            has_file=bool(cleaned_data.get("file")) or "file" in self.errors,
            upload=None,  # checked by clean_file, where its error belongs
        )
        return cleaned_data


def save_material(material: Material, *, actor) -> Material:
    """Save a material the admin's form filled in: its row through the follow-up service, then
    its publication (as the form asks) through the follow-up screen's publish and withdraw."""
    wants_published = material.is_published
    material = followup.record_material(material=material, actor=actor)
    if wants_published != material.is_published:
        change = followup.publish_material if wants_published else followup.withdraw_material
        changed = change(material=material, actor=actor)
        material.is_published, material.published_at = changed.is_published, changed.published_at
    return material


class MaterialInline(TranslationTabularInline):
    model = Material
    form = MaterialForm
    fields = ("kind", "title", "url", "file", "language", "is_published", "published_at")
    readonly_fields = ("published_at",)
    formfield_overrides = HTTPS_LINKS
    extra = 0


class AnsweredQuestionInline(TranslationStackedInline):
    model = AnsweredQuestion
    fields = ("order", "question", "answer", "is_published")
    extra = 0


@admin.register(Webinar)
class WebinarAdmin(WebinarSchedulingAdminMixin, WebinarRegistrationAdminMixin, TabbedDjangoJqueryTranslationAdmin):
    form = WebinarAdminForm
    list_display = (
        "title",
        "series_part",
        "topic",
        "status",
        "starts_at",
        "format",
        "registration_count",
        "attendance_count",
    )
    list_filter = ("status", "format", "topic__scope_area", "series", "regions", "languages")
    list_select_related = ("topic", "series")
    search_fields = ("slug", *in_every_language("title", "description"))
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topic", "series", "experts")
    filter_horizontal = ("regions", "languages")
    # The counts are the registration and attendance services' to keep.
    readonly_fields = ("created_at", "updated_at", "registration_count", "attendance_count", expert_screen_link)
    inlines = [MaterialInline, AnsweredQuestionInline, DeliveredLanguageInline]
    actions = [*STATUS_ACTIONS, send_survey_to_experts, send_survey_to_participants, upload_attendance]
    formfield_overrides = HTTPS_LINKS
    fieldsets = (
        (None, {"fields": ("title", "slug", "topic", "series", "series_position")}),
        (_("Content"), {"fields": ("description", "objectives", "target_audience")}),
        (
            pgettext_lazy("noun: a webinar's date, format and audience", "Schedule"),
            {
                "fields": (
                    "status",
                    "starts_at",
                    "planned_period",
                    "date_conflicts_summary",
                    "duration_minutes",
                    "format",
                    "join_url",
                    "regions",
                    "languages",
                    "experts",
                    expert_screen_link,
                )
            },
        ),
        (_("After the webinar"), {"fields": ("summary", "registration_count", "attendance_count")}),
        (RECORD, {"fields": ("created_at", "updated_at")}),
    )

    def has_send_survey_permission(self, request) -> bool:
        return can_send_survey(request.user)

    def get_fieldsets(self, request, obj=None):
        """The link to the experts screen only for whoever may open that screen."""
        fieldsets = super().get_fieldsets(request, obj)
        if can_view_experts(request.user):
            return fieldsets
        return [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f is not expert_screen_link)})
            for name, options in fieldsets
        ]

    def get_inlines(self, request, obj):
        """A new webinar is planned: its materials come once it has been held, its languages
        delivered once it is held."""
        inlines = super().get_inlines(request, obj)
        if obj is None or obj.status != Webinar.Status.HELD:
            inlines = [inline for inline in inlines if inline is not DeliveredLanguageInline]
        return inlines if obj is not None else [inline for inline in inlines if inline is not MaterialInline]

    def save_formset(self, request, form, formset, change):
        """Materials and languages delivered go through the follow-up services, as on the follow-up screen."""
        if formset.model is DeliveredLanguage:
            return save_delivered_languages(formset, actor=request.user)
        if formset.model is not Material:
            return super().save_formset(request, form, formset, change)
        materials = formset.save(commit=False)
        for material in formset.deleted_objects:
            material.delete()
        for material in materials:
            save_material(material, actor=request.user)
        return None

    @admin.display(description=_("series"), ordering="series__title")
    def series_part(self, webinar):
        if webinar.series is None:
            return "-"
        return _("%(series)s, part %(position)s") % {"series": webinar.series, "position": webinar.series_position}


@admin.register(Material)
class MaterialAdmin(TabbedDjangoJqueryTranslationAdmin):
    form = MaterialForm
    list_display = ("title", "webinar", "kind", "language", "is_published", "published_at")
    list_filter = ("kind", "is_published", "language")
    list_select_related = ("webinar", "language")
    search_fields = (*in_every_language("title", "webinar__title"),)
    autocomplete_fields = ("webinar", "language")
    readonly_fields = ("published_at", "created_at")
    formfield_overrides = HTTPS_LINKS

    def save_model(self, request, obj, form, change):
        save_material(obj, actor=request.user)


@admin.register(AnsweredQuestion)
class AnsweredQuestionAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("__str__", "webinar", "order", "is_published")
    list_filter = ("is_published",)
    list_select_related = ("webinar",)
    search_fields = (*in_every_language("question", "answer", "webinar__title"),)
    autocomplete_fields = ("webinar",)


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = (
        "webinar",
        "source",
        "expert",
        "overall_rating",
        "content_rating",
        "expert_rating",
        "suggestion_review",
        "submitted_at",
    )
    list_filter = (
        "source",
        "overall_rating",
        "suggestion_review",
        ("topic_suggestion", admin.EmptyFieldListFilter),
        "webinar",
    )
    list_select_related = ("webinar", "expert")
    search_fields = ("useful", "to_improve", "topic_suggestion", *in_every_language("webinar__title"))
    date_hierarchy = "submitted_at"
    autocomplete_fields = ("webinar", "expert")
    # Publishing a suggested topic goes through the moderation service (the actions below).
    readonly_fields = ("suggestion_review", "submitted_at")
    actions = ("publish_suggestions", "hide_suggestions")

    def _review(self, request, queryset, decision: str) -> None:
        done, refused = 0, []
        for feedback in queryset.order_by("pk"):
            try:
                survey.review_suggestion(feedback=feedback, decision=decision, actor=request.user)
            except ValidationError as error:
                refused.append(f"#{feedback.pk}: {' '.join(error.messages)}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d suggested topic reviewed.", "%(count)d suggested topics reviewed.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(request, "; ".join(refused), messages.WARNING)

    @admin.action(description=_("Publish the suggested topics on the webinars' pages"), permissions=["change"])
    def publish_suggestions(self, request, queryset):
        self._review(request, queryset, survey.PUBLISH)

    @admin.action(description=_("Keep the suggested topics off the webinars' pages"), permissions=["change"])
    def hide_suggestions(self, request, queryset):
        self._review(request, queryset, survey.HIDE)
