"""The Secretariat's admin for the catalogue and the reference data everything else uses.

The first part holds the admin pieces the later apps share (they may import from
``webinars``, the first app of the chain): searching every language of a translated
field, the series-numbering rule for inline parts, the state-transition check and a
history that can be read but never reverted.
"""

import copy

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import (
    TabbedDjangoJqueryTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import get_translation_fields
from simple_history.admin import SimpleHistoryAdmin

from webinars import campaign_admin  # noqa: F401 (registers the campaigns' admin)
from webinars.expert_admin import expert_screen_link
from webinars.models import (
    AnsweredQuestion,
    Expert,
    Feedback,
    Language,
    Material,
    NetworkMember,
    Region,
    RegionalGroup,
    ScopeArea,
    Series,
    Topic,
    Webinar,
)
from webinars.models.catalogue import check_part_positions
from webinars.registration_admin import WebinarRegistrationAdminMixin, upload_attendance
from webinars.survey_views import send_survey_to_experts, send_survey_to_participants

# Shared admin pieces ------------------------------------------------------------------


def in_every_language(*field_names: str) -> tuple[str, ...]:
    """Search a translated field in all six languages, whatever the admin's language."""
    return tuple(get_translation_fields(*field_names))


class PartPositionsInlineFormSet(BaseInlineFormSet):
    """Inline parts of a graded series, numbered 1..n with no gap and no repeat.

    The strategy: each part "completes the information given in the previous ones", so
    the numbering is the order of the gradation. Nothing is saved while it has holes.
    """

    position_field = "position"

    def clean(self):
        if not any(self.position_field in form.errors for form in self.forms):
            positions = [
                form.cleaned_data[self.position_field]
                for form in self.forms
                if form.cleaned_data.get(self.position_field) is not None and not self._should_delete_form(form)
            ]
            check_part_positions(positions)
        super().clean()


def check_position_among_siblings(form: forms.ModelForm, *, siblings, position_field: str) -> None:
    """A part edited on its own page keeps its series numbered 1..n with the others."""
    position = form.cleaned_data.get(position_field)
    if position is None:
        return
    others = list(siblings.exclude(pk=form.instance.pk).values_list(position_field, flat=True))
    try:
        check_part_positions([*others, position])
    except ValidationError as error:
        form.add_error(position_field, error)


class StateTransitionForm(forms.ModelForm):
    """Refuses a change of state that the model's ``TRANSITIONS`` do not allow.

    ``clean()`` runs before the form's values reach the instance, so the instance still
    holds the state it has in the database.
    """

    def clean(self):
        cleaned_data = super().clean()
        state_field = self.instance.state_field
        new_state = cleaned_data.get(state_field)
        if self.instance.pk is None or state_field not in self.changed_data or not new_state:
            return cleaned_data
        try:
            copy.copy(self.instance).change_state(new_state)
        except ValidationError as error:
            self.add_error(state_field, error)
        return cleaned_data


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History to read, never to revert.

    A revert saves the old row whole: it would put back an old state or audit date
    behind the services' back.
    """

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class TranslatedHistoryAdmin(ReadOnlyHistoryAdmin, TabbedDjangoJqueryTranslationAdmin):
    """Language tabs for the translated fields, and the read-only history."""


class TabbedTranslationMedia:
    """For an untranslated model whose inlines are translated: the tabs' scripts."""

    class Media:
        js = TabbedDjangoJqueryTranslationAdmin.Media.js
        css = TabbedDjangoJqueryTranslationAdmin.Media.css


RECORD = _("Audit trail")
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


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


class WebinarAdminForm(StateTransitionForm):
    def clean(self):
        cleaned_data = super().clean()
        series = cleaned_data.get("series")
        if series is not None and {"series", "series_position"} & set(self.changed_data):
            check_position_among_siblings(self, siblings=series.parts.all(), position_field="series_position")
        return cleaned_data


class MaterialForm(forms.ModelForm):
    """Publishing a material dates it: the public page shows when it came out.

    A new file gets the same checks as on the follow-up screen (webinars.uploads).
    """

    def clean_file(self):
        from django.core.files.uploadedfile import UploadedFile

        from webinars.uploads import check_material_file

        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_material_file(file, kind=self.cleaned_data.get("kind") or Material.Kind.OTHER)
        return file

    def save(self, commit=True):
        material = self.instance
        if material.is_published and (material.published_at is None or "is_published" in self.changed_data):
            material.published_at = timezone.now()
        return super().save(commit)


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
class WebinarAdmin(WebinarRegistrationAdminMixin, TabbedDjangoJqueryTranslationAdmin):
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
    readonly_fields = ("created_at", "updated_at", expert_screen_link)
    inlines = [MaterialInline, AnsweredQuestionInline]
    actions = [send_survey_to_experts, send_survey_to_participants, upload_attendance]
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

    @admin.display(description=_("series"), ordering="series__title")
    def series_part(self, webinar):
        if webinar.series is None:
            return "-"
        return _("%(series)s, part %(position)s") % {"series": webinar.series, "position": webinar.series_position}


# Follow-up ----------------------------------------------------------------------------


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


@admin.register(AnsweredQuestion)
class AnsweredQuestionAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ("__str__", "webinar", "order", "is_published")
    list_filter = ("is_published",)
    list_select_related = ("webinar",)
    search_fields = (*in_every_language("question", "answer", "webinar__title"),)
    autocomplete_fields = ("webinar",)


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("webinar", "source", "expert", "overall_rating", "content_rating", "expert_rating", "submitted_at")
    list_filter = ("source", "overall_rating", ("topic_suggestion", admin.EmptyFieldListFilter), "webinar")
    list_select_related = ("webinar", "expert")
    search_fields = ("useful", "to_improve", "topic_suggestion", *in_every_language("webinar__title"))
    date_hierarchy = "submitted_at"
    autocomplete_fields = ("webinar", "expert")
    readonly_fields = ("submitted_at",)


@admin.register(NetworkMember)
class NetworkMemberAdmin(admin.ModelAdmin):
    """The participants' network. Joining is the person's own double opt-in, so the
    state is not for the Secretariat to set."""

    list_display = ("email", "name", "language", "state", "created_at", "confirmed_at")
    list_filter = ("state", "language", "regions", "scope_areas")
    search_fields = ("email", "name")
    date_hierarchy = "created_at"
    filter_horizontal = ("regions", "scope_areas")
    readonly_fields = ("state", "created_at", "consented_at", "confirmed_at", "unsubscribed_at")
