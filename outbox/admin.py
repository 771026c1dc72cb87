"""The Secretariat reads the outbox: what was sent, to whom, what failed and why."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from outbox.models import MailServer, Notice
from outbox.personal_links import hide_personal_links
from outbox.previews import preview_rows
from outbox.services import resend_notice


class InDoubtFilter(admin.SimpleListFilter):
    """Messages whose delivery may have reached the person twice, or may still be uncertain."""

    title = _("in doubt")
    parameter_name = "in_doubt"

    def lookups(self, request, model_admin):
        return [
            ("now", _("Being sent for too long: outcome unknown")),
            ("ever", _("Found in the middle of sending (may have arrived twice)")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "now":
            lease = timezone.now() - timedelta(seconds=settings.PORTAL_OUTBOX_SENDING_LEASE)
            return queryset.filter(state=Notice.State.SENDING, last_attempt_at__lte=lease)
        if self.value() == "ever":
            return queryset.filter(in_doubt_at__isnull=False)
        return queryset


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "to", "language", "delivery", "attempts", "sent_at")
    list_filter = ("state", InDoubtFilter, "kind", "language")
    search_fields = ("to", "subject", "key")
    date_hierarchy = "created_at"
    actions = ["resend_selected"]
    change_list_template = "outbox/admin/change_list.html"
    change_form_template = "outbox/admin/change_form.html"
    fields = (
        "kind",
        "to",
        "language",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "in_doubt_at",
        "sent_at",
        "key",
        "subject",
        "preview",
        "calendar",  # the entry sent with it (no personal link: the join link at most)
    )
    readonly_fields = fields

    def get_urls(self):
        own = [
            path(
                "templates/",
                self.admin_site.admin_view(self.preview_templates_view),
                name="outbox_notice_templates",
            ),
            path(
                "<int:notice_id>/resend/",
                self.admin_site.admin_view(require_POST(self.resend_view)),
                name="outbox_notice_resend",
            ),
        ]
        return own + super().get_urls()

    def preview_templates_view(self, request):
        """Every kind of message in every language, rendered with sample values."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Message templates in every language"),
            "rows": preview_rows(),
        }
        return TemplateResponse(request, "outbox/admin/preview_templates.html", context)

    def resend_view(self, request, notice_id):
        """The "resend" button of one failed message (POST only)."""
        if not self.has_resend_permission(request):
            raise PermissionDenied
        notice = get_object_or_404(Notice, pk=notice_id)
        try:
            resend_notice(notice=notice, actor=request.user)
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
        else:
            self.message_user(request, _("The message is queued again."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:outbox_notice_change", args=[notice.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        notice = self.get_object(request, object_id)
        if notice is None:
            raise Http404
        extra_context = {
            **(extra_context or {}),
            "can_resend": notice.state == Notice.State.FAILED and self.has_resend_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request) -> bool:
        """Sending again takes the "change message" permission; reading the outbox does not."""
        return request.user.has_perm("outbox.change_notice")

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"), ordering="state")
    def delivery(self, notice):
        """The state, with what staff must know: in doubt, or when the next attempt goes."""
        if notice.state == Notice.State.SENDING:
            lease = timezone.now() - timedelta(seconds=settings.PORTAL_OUTBOX_SENDING_LEASE)
            if notice.last_attempt_at is not None and notice.last_attempt_at <= lease:
                return _("In doubt: the outcome of the last attempt is unknown; it will go again")
        if notice.state == Notice.State.SENT and notice.in_doubt_at:
            return _("Sent (in doubt once: the person may have two copies)")
        if notice.state == Notice.State.PENDING and notice.attempts:
            return _("Waiting: tried %(count)s times, next at %(when)s") % {
                "count": notice.attempts,
                "when": timezone.localtime(notice.next_attempt_at).strftime("%Y-%m-%d %H:%M"),
            }
        return notice.get_state_display()

    @admin.display(description=_("message"))
    def preview(self, notice):
        # Until it is sent (then deliver_notice erases it), the text holds a link that sets the
        # person's password: whoever may read the outbox could take over the account with it.
        if notice.kind in Notice.KINDS_WITH_PERSONAL_LINKS and notice.state != Notice.State.SENT:
            return _("Not shown: this message holds a personal link to set a password.")
        # Other personal links (cancel, accept or decline, survey, network) act as the person
        # for as long as they last: the reader sees that there was one, not the link.
        return format_html(
            '<pre class="notice-preview" lang="{}">{}</pre>', notice.language, hide_personal_links(notice.body)
        )

    @admin.action(description=_("Send the selected failed messages again"), permissions=["resend"])
    def resend_selected(self, request, queryset):
        resent = 0
        for notice in queryset.filter(state=Notice.State.FAILED):
            try:
                resend_notice(notice=notice, actor=request.user)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                resent += 1
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", resent) % {"count": resent},
            messages.SUCCESS,
        )


@admin.register(MailServer)
class MailServerAdmin(admin.ModelAdmin):
    """Whether deliveries are paused because the mail server failed, and when it is tested next."""

    list_display = ("__str__", "down_since", "next_probe_at", "probes", "changed_at")
    fields = ("down_since", "next_probe_at", "probes", "last_error", "changed_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
