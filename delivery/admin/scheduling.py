"""A webinar's status and date in the admin: pages and actions that call the scheduling service.

On the webinar's form the status and the date are read-only: a change of either can tell
the people registered, the waiting list and the experts, so it goes through
``delivery.services.scheduling`` from a page that says who will be told, never through a
save of the field. A new webinar is created as planned.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from delivery.permissions import can_schedule_webinar, schedule_changes_for
from delivery.selectors.scheduling import people_concerned
from delivery.services import scheduling
from participants.services.alerts import tell_date_set
from portal.permissions import MissingPermission


class WebinarDateForm(forms.Form):
    starts_at = forms.SplitDateTimeField(label=_("Date and time (Geneva time)"), widget=AdminSplitDateTime)


def _status_url(webinar_pk, change: str) -> str:
    return reverse("admin:webinars_webinar_status", kwargs={"object_id": webinar_pk, "change": change})


DATED_CHANGES = (scheduling.SCHEDULE, scheduling.MOVE)


def _screen_url(webinar) -> str:
    return reverse("delivery:webinar_schedule", kwargs={"slug": webinar.slug})


def _status_action(change: str, description):
    """A changelist action that opens the change's page for the one webinar selected."""

    @admin.action(description=description, permissions=["schedule"])
    def action(modeladmin, request, queryset):
        if queryset.count() != 1:
            modeladmin.message_user(request, gettext("Select exactly one webinar."), level=messages.WARNING)
            return None
        return redirect(_status_url(queryset.get().pk, change))

    action.__name__ = f"{change}_webinar"
    return action


STATUS_ACTIONS = [
    _status_action(scheduling.SCHEDULE, _("Schedule the selected webinar…")),
    _status_action(scheduling.MOVE, _("Move the selected webinar to a new date…")),
    _status_action(scheduling.POSTPONE, _("Postpone the selected webinar…")),
    _status_action(scheduling.CANCEL, _("Cancel the selected webinar…")),
    _status_action(scheduling.MARK_HELD, _("Mark the selected webinar as held…")),
]


class WebinarSchedulingAdminMixin:
    """Mixed into the webinar's admin: read-only status and date, a button per change the
    rules allow (for those holding webinars.schedule_webinar), and the change's page."""

    change_form_template = "delivery/admin/webinar_change_form.html"

    def has_schedule_permission(self, request) -> bool:
        return can_schedule_webinar(request.user)

    def get_readonly_fields(self, request, obj=None):
        own = ("status", "starts_at") if obj is not None else ("status",)
        return (*super().get_readonly_fields(request, obj), *own, "date_conflicts_summary")

    @admin.display(description=_("Date kept despite conflicts"))
    def date_conflicts_summary(self, webinar) -> str:
        """The conflicts someone accepted for the current date, and their reason ("-" for none)."""
        if webinar is None or not webinar.date_conflicts_accepted:
            return "-"
        named = "; ".join(str(conflict.get("message", "")) for conflict in webinar.date_conflicts_accepted)
        return gettext("%(conflicts)s Reason: “%(reason)s”") % {
            "conflicts": named,
            "reason": webinar.date_conflicts_reason,
        }

    def save_related(self, request, form, formsets, change):
        """An expert put on a scheduled webinar here opens its registration: the people who
        asked to be told the date are told, as when an expert accepts an invitation."""
        super().save_related(request, form, formsets, change)
        if change:
            tell_date_set(webinar=form.instance)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/status/<str:change>/",
                self.admin_site.admin_view(self.status_view),
                name="webinars_webinar_status",
            )
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        webinar = self.get_object(request, unquote(object_id))
        changes = schedule_changes_for(request.user, webinar) if webinar is not None else []
        # A date is chosen on the scheduling screen: slots, capitals' clocks, conflicts named.
        buttons = [
            {
                "change": change,
                "label": scheduling.CHANGE_LABELS[change],
                "url": _screen_url(webinar) if change in DATED_CHANGES else _status_url(webinar.pk, change),
            }
            for change in changes
        ]
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "status_buttons": buttons})

    def status_view(self, request, object_id, change: str):
        """Confirm one change (with the new date for scheduling and moving), then make it."""
        if change not in scheduling.CHANGE_LABELS:
            raise Http404
        if not self.has_schedule_permission(request):
            raise MissingPermission(scheduling.SCHEDULE_PERMISSION)
        webinar = self.get_object(request, unquote(object_id))
        if webinar is None:
            raise Http404
        if not self.has_view_or_change_permission(request, webinar):
            raise PermissionDenied
        needs_date = change in (scheduling.SCHEDULE, scheduling.MOVE)
        form = None
        if needs_date:
            form = WebinarDateForm(request.POST or None, initial={"starts_at": webinar.starts_at})
        refusal = scheduling.change_refusal(webinar, change)
        if request.method == "POST" and refusal is None and (form is None or form.is_valid()):
            try:
                result = scheduling.change_webinar(
                    webinar=webinar,
                    change=change,
                    actor=request.user,
                    starts_at=form.cleaned_data["starts_at"] if form is not None else None,
                )
            except ValidationError as error:
                if form is None:
                    refusal = error
                else:
                    form.add_error(None, error)
            else:
                self.message_user(request, _done(result), messages.SUCCESS)
                return redirect(reverse("admin:webinars_webinar_change", args=[webinar.pk]))
        people = people_concerned(webinar) if scheduling.tells_people(webinar, change) else []
        context = {
            **self.admin_site.each_context(request),
            "title": scheduling.CHANGE_LABELS[change],
            "opts": self.model._meta,
            "original": webinar,
            "webinar": webinar,
            "change": change,
            "form": form,
            "media": self.media + (form.media if form is not None else forms.Media()),
            "refusal": refusal,
            "screen_url": _screen_url(webinar) if needs_date else "",
            "tells_people": scheduling.tells_people(webinar, change),
            "experts": sum(1 for person in people if person.is_expert),
            "waitlisted": sum(1 for person in people if person.is_waitlisted),
            "registered": sum(1 for person in people if person.registration and not person.is_waitlisted),
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, "delivery/admin/webinar_status.html", context, status=status)


def _done(result: scheduling.WebinarChange) -> str:
    webinar = result.webinar
    said = gettext("“%(title)s” is now %(status)s.") % {
        "title": webinar.title,
        "status": webinar.get_status_display().lower(),
    }
    if not result.told:
        return said
    told = ngettext(
        "%(count)s person concerned has been told.", "%(count)s people concerned have been told.", result.told
    ) % {"count": result.told}
    return f"{said} {told}"
