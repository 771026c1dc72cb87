"""The Secretariat's side of registrations: the list, cancelling, the attendance report, the webinar's figures."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from participants.models import Registration
from participants.permissions import can_record_attendance
from participants.services import registration
from portal.permissions import MissingPermission, has_permission
from webinars.models import Webinar

# The upload is cut off past this while it streams in: delivery.uploads.MaterialUploadHandler
# knows the field by its name, "attendance-report" (ATTENDANCE_REPORT_MB there is the same limit).
MAX_REPORT_BYTES = 5 * 1024 * 1024


class AttendanceUploadForm(forms.Form):
    """The report's field is "attendance-report" in the request (the form's prefix), a name the
    streaming guard knows: a file past the limit reaches ``clean_report`` as a stand-in without
    content, whose size alone is enough to refuse it."""

    prefix = "attendance"

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
    readonly_fields = ("consented_at", "cancelled_at", "created_at")
    raw_id_fields = ("webinar",)
    actions = ["cancel_registrations"]

    @admin.action(
        description=_("Cancel the selected registrations (the waiting list moves up)"), permissions=["change"]
    )
    def cancel_registrations(self, request, queryset):
        """For someone who asked by e-mail: the same service as the link in their messages."""
        cancelled, refused = 0, []
        for item in queryset.select_related("webinar").exclude(state=Registration.State.CANCELLED):
            try:
                registration.cancel_registration(registration=item, actor=request.user)
            except ValidationError as error:
                refused.append(f"{item}: {' '.join(error.messages)}")
            else:
                cancelled += 1
        if cancelled:
            self.message_user(
                request,
                ngettext("%(count)s registration cancelled.", "%(count)s registrations cancelled.", cancelled)
                % {"count": cancelled},
                messages.SUCCESS,
            )
        for problem in refused:
            self.message_user(request, problem, messages.WARNING)

    def get_urls(self):
        own = [
            path(
                "attendance/<int:webinar_pk>/",
                self.admin_site.admin_view(self.attendance_view),
                name="participants_registration_attendance",
            )
        ]
        return own + super().get_urls()

    def attendance_view(self, request, webinar_pk: int):
        """Upload the attendance report of one webinar; see what matched and what did not."""
        if not can_record_attendance(request.user):
            raise MissingPermission("participants.record_attendance")
        webinar = get_object_or_404(Webinar, pk=webinar_pk)
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
                    ngettext(
                        "%(attendees)s person attended, %(matched)s of them registered.",
                        "%(attendees)s people attended, %(matched)s of them registered.",
                        result.attendees,
                    )
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
        return TemplateResponse(request, "participants/registration/admin_attendance.html", context, status=status)


@admin.action(description=_("Upload the attendance report of the selected webinar"), permissions=["record_attendance"])
def upload_attendance(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Select exactly one webinar."), level=messages.WARNING)
        return None
    return redirect(reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": queryset.get().pk}))


class WebinarRegistrationAdminMixin:
    """The registration side of a webinar's change page: capacity, figures, attendance.

    Mixed into WebinarAdmin so that raising the capacity there gives the new places to the
    people waiting longest at once (the service decides; the admin only calls it), and so
    that attendance counts by country, region and type of participant sit on the webinar.
    """

    def registration_display_fields(self, request) -> tuple[str, str]:
        """The figures, with the links to the registrations and the upload for those who may use them."""
        may_list = has_permission(request.user, "participants.view_registration")
        return (
            "registration_figures_and_list" if may_list else "registration_figures",
            "attendance_figures_and_upload" if can_record_attendance(request.user) else "attendance_figures",
        )

    def has_record_attendance_permission(self, request) -> bool:
        return can_record_attendance(request.user)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.registration_display_fields(request))

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        used = set(flatten([field for _name, options in fieldsets for field in options["fields"]]))
        own = ("capacity", *self.registration_display_fields(request))
        fields = [field for field in own if field not in used]
        if fields:
            fieldsets.append((_("Registrations and attendance"), {"fields": fields}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        """The capacity goes through the registration service, which moves the waiting list up."""
        if not (change and "capacity" in form.changed_data):
            return super().save_model(request, obj, form, change)
        capacity = obj.capacity
        obj.capacity = form.initial.get("capacity")  # the service saves the new one, under its lock
        super().save_model(request, obj, form, change)
        promoted = registration.change_capacity(webinar=obj, capacity=capacity, actor=request.user)
        obj.refresh_from_db(fields=["capacity", "registration_count"])
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)s person on the waiting list now has a place and has been told.",
                    "%(count)s people on the waiting list now have a place and have been told.",
                    len(promoted),
                )
                % {"count": len(promoted)},
                messages.SUCCESS,
            )
        return None

    def _registration_figures(self, webinar, *, with_list: bool):
        if webinar is None or webinar.pk is None:
            return "-"
        text = render_to_string(
            "participants/registration/_registration_figures.txt",
            {"figures": registration.registration_figures(webinar=webinar)},
        ).strip()
        if not with_list:
            return text
        return format_html(
            '{}<br><a href="{}?webinar__id__exact={}">{}</a>',
            text,
            reverse("admin:participants_registration_changelist"),
            webinar.pk,
            _("See the registrations"),
        )

    @admin.display(description=pgettext_lazy("admin field: counts of a webinar's registrations", "registrations"))
    def registration_figures(self, webinar):
        return self._registration_figures(webinar, with_list=False)

    @admin.display(description=pgettext_lazy("admin field: counts of a webinar's registrations", "registrations"))
    def registration_figures_and_list(self, webinar):
        return self._registration_figures(webinar, with_list=True)

    def _attendance_figures(self, webinar, *, with_upload: bool):
        if webinar is None or webinar.pk is None:
            return "-"
        upload_url = ""
        if with_upload:
            upload_url = reverse("admin:participants_registration_attendance", kwargs={"webinar_pk": webinar.pk})
        return render_to_string(
            "participants/registration/_attendance_figures.html",
            {
                "webinar": webinar,
                "breakdown": registration.attendance_breakdown(webinar=webinar),
                "upload_url": upload_url,
            },
        )

    @admin.display(description=_("attendance by country, region and type of participant"))
    def attendance_figures(self, webinar):
        return self._attendance_figures(webinar, with_upload=False)

    @admin.display(description=_("attendance by country, region and type of participant"))
    def attendance_figures_and_upload(self, webinar):
        return self._attendance_figures(webinar, with_upload=True)
