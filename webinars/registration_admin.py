"""The Secretariat's side of registrations: the list, and the attendance report upload."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from webinars import registration
from webinars.models import Registration, Webinar

MAX_REPORT_BYTES = 5 * 1024 * 1024


class AttendanceUploadForm(forms.Form):
    report = forms.FileField(
        label=_("Attendance report (CSV)"),
        help_text=_("The report exported by the webinar software: one row per participant, with an e-mail column."),
    )

    def clean_report(self):
        report = self.cleaned_data["report"]
        if report.size > MAX_REPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; an attendance report is much smaller."))
        return report


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "webinar", "state", "country", "participant_type", "language", "has_attended")
    list_filter = ("state", "has_attended", "participant_type", "language", "webinar")
    list_select_related = ("webinar",)
    search_fields = ("name", "email", "organisation")
    readonly_fields = ("consented_at", "created_at")
    raw_id_fields = ("webinar",)

    def get_urls(self):
        own = [
            path(
                "attendance/<int:webinar_pk>/",
                self.admin_site.admin_view(self.attendance_view),
                name="webinars_registration_attendance",
            )
        ]
        return own + super().get_urls()

    def attendance_view(self, request, webinar_pk: int):
        """Upload the attendance report of one webinar; see what matched and what did not."""
        webinar = get_object_or_404(Webinar, pk=webinar_pk)
        if not request.user.has_perm("webinars.change_registration"):
            raise PermissionDenied
        result = None
        form = AttendanceUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = registration.record_attendance(
                    webinar=webinar, raw=form.cleaned_data["report"].read(), actor=request.user
                )
            except ValidationError as error:
                form.add_error("report", error)
            else:
                webinar.refresh_from_db()
                messages.success(
                    request,
                    _("%(attendees)s attendees, %(matched)s of them registered.")
                    % {"attendees": result.attendees, "matched": result.matched},
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Attendance: %(webinar)s") % {"webinar": webinar},
            "opts": self.model._meta,
            "webinar": webinar,
            "form": form,
            "result": result,
            "breakdown": registration.attendance_breakdown(webinar=webinar),
        }
        status = 400 if request.method == "POST" and result is None else 200
        return TemplateResponse(request, "webinars/registration/admin_attendance.html", context, status=status)


@admin.action(description=_("Upload the attendance report of the selected webinar"))
def upload_attendance(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Select exactly one webinar."), level=messages.WARNING)
        return None
    return redirect(reverse("admin:webinars_registration_attendance", kwargs={"webinar_pk": queryset.get().pk}))
