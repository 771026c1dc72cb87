"""What a webinar delivered: its languages (and how) and its actual costs.

Both are recorded through ``delivery.services.delivered``, as on the follow-up screen: the
languages from the inline on the webinar's page (the list here only reads them), the
costs from their own page here. Who may record them: webinars.record_followup; who may
read them: whoever reads the follow-up (webinars.view_material). Costs are never public.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from delivery.models import DeliveredLanguage, WebinarCosts
from delivery.permissions import can_record_followup
from delivery.services import delivered
from portal.permissions import has_permission
from webinars.models import Webinar

READ_FOLLOWUP = "webinars.view_material"


def _may_read(request) -> bool:
    return has_permission(request.user, READ_FOLLOWUP) or can_record_followup(request.user)


def _is_held(webinar: Webinar | None) -> bool:
    return webinar is not None and webinar.status == Webinar.Status.HELD


@admin.display(description=_("follow-up"))
def followup_screen_link(obj) -> str:
    """Where the languages delivered and the costs are recorded, beside the webinar's other follow-up."""
    webinar = obj if isinstance(obj, Webinar) else getattr(obj, "webinar", None)
    if not _is_held(webinar):
        return "-"
    return format_html(
        '<a href="{}">{}</a>',
        reverse("delivery:followup_detail", kwargs={"slug": webinar.slug}),
        _("Follow-up screen"),
    )


class DeliveredLanguageFormSet(forms.BaseInlineFormSet):
    """The inline's rows as the service will record them: checked by the same rules before saving."""

    def deliveries(self) -> list[delivered.LanguageDelivery]:
        rows = []
        for form in self.forms:
            if form in self.deleted_forms or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            data = form.cleaned_data
            rows.append(
                delivered.LanguageDelivery(
                    language=data["language"], **{way: bool(data.get(way)) for way in delivered.WAYS}
                )
            )
        return rows

    def is_touched(self) -> bool:
        return bool(self.deleted_forms) or any(form.has_changed() for form in self.forms)

    def clean(self):
        super().clean()
        if any(self.errors) or not self.is_touched():
            return
        try:
            delivered.check_delivered_languages(webinar=self.instance, deliveries=self.deliveries())
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class DeliveredLanguageInline(admin.TabularInline):
    """On a held webinar's page: the languages it was delivered in, saved through the service."""

    model = DeliveredLanguage
    formset = DeliveredLanguageFormSet
    fields = ("language", "is_interpreted_live", "has_recording", "has_summary", "has_slides")
    extra = 0

    def has_view_permission(self, request, obj=None):
        return _may_read(request)

    def has_add_permission(self, request, obj=None):
        return can_record_followup(request.user) and (obj is None or _is_held(obj))

    def has_change_permission(self, request, obj=None):
        return can_record_followup(request.user) and (obj is None or _is_held(obj))

    def has_delete_permission(self, request, obj=None):
        return can_record_followup(request.user) and (obj is None or _is_held(obj))


def save_delivered_languages(formset: DeliveredLanguageFormSet, *, actor) -> None:
    """The webinar admin's save of the inline: the whole list, through the follow-up screen's service.

    What changed is set on the formset as its own ``save()`` would, for the admin's history.
    """
    formset.deleted_objects = [form.instance for form in formset.deleted_forms if form.instance.pk]
    formset.new_objects = [
        form.instance
        for form in formset.extra_forms
        if form.has_changed() and form not in formset.deleted_forms and form.cleaned_data
    ]
    formset.changed_objects = [
        (form.instance, form.changed_data)
        for form in formset.initial_forms
        if form.has_changed() and form not in formset.deleted_forms
    ]
    if formset.is_touched():
        delivered.record_delivered_languages(webinar=formset.instance, actor=actor, deliveries=formset.deliveries())


@admin.register(DeliveredLanguage)
class DeliveredLanguageAdmin(admin.ModelAdmin):
    """Read here; recorded on the follow-up screen or the webinar's page."""

    list_display = (
        "webinar",
        "language",
        "is_interpreted_live",
        "has_recording",
        "has_summary",
        "has_slides",
        followup_screen_link,
    )
    list_filter = ("language", "is_interpreted_live")
    list_select_related = ("webinar", "language")
    search_fields = ("webinar__title",)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or _may_read(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WebinarCostsForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        webinar = cleaned_data.get("webinar") or (self.instance.webinar if self.instance.webinar_id else None)
        if webinar is not None and not _is_held(webinar):
            raise ValidationError(_("Costs are recorded once the webinar has been held."))
        return cleaned_data


@admin.register(WebinarCosts)
class WebinarCostsAdmin(admin.ModelAdmin):
    """A held webinar's actual costs, saved through the service the follow-up screen uses."""

    form = WebinarCostsForm
    list_display = ("webinar", "expert_fee", "interpretation", "platform", "other", "recorded_at", followup_screen_link)
    list_select_related = ("webinar",)
    autocomplete_fields = ("webinar",)
    search_fields = ("webinar__title",)
    readonly_fields = ("recorded_at",)

    def get_readonly_fields(self, request, obj=None):
        return ("webinar", *self.readonly_fields) if obj is not None else self.readonly_fields

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or _may_read(request)

    def has_add_permission(self, request):
        return can_record_followup(request.user)

    def has_change_permission(self, request, obj=None):
        return can_record_followup(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # costs are corrected (to 0 if need be), never lost

    def save_model(self, request, obj, form, change):
        saved = delivered.record_webinar_costs(
            webinar=obj.webinar,
            actor=request.user,
            expert_fee=obj.expert_fee,
            interpretation=obj.interpretation,
            platform=obj.platform,
            other=obj.other,
            notes=obj.notes,
        )
        obj.pk, obj.recorded_at = saved.pk, saved.recorded_at
