"""The persisted outbox: every message the portal sends is first a row here.

A notice is written in the same transaction as the state change that causes it, so a
message exists exactly when its cause does. Its key is unique, so the same cause can
never produce two messages. Only a task sends, and a sent row is never sent again.

What the outbox promises is "at least once": every message reaches the mail server, and
a copy can arise in one window only, when a worker dies after the server accepted the
message and before the row says so. The row then stays "being sent"; past
PORTAL_OUTBOX_SENDING_LEASE it is "in doubt": sent again with the same Message-ID (a
receiving server can drop the copy) and marked, so that staff see it (outbox.delivery).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def after_the_handover() -> timezone.datetime:
    """When a new notice is due for the sweep: its on-commit hand-off gets a minute first."""
    return timezone.now() + timedelta(seconds=60)


class Notice(models.Model):
    class Kind(models.TextChoices):
        NETWORK_CONFIRMATION = "network_confirmation", _("Confirm joining the participants' network")
        PROPOSAL_SUBMITTED = "proposal_submitted", _("Proposal received")
        PROPOSAL_WITHDRAWN = "proposal_withdrawn", _("Proposal withdrawn")
        COORDINATOR_INVITATION = "coordinator_invitation", _("Invitation to the portal")
        PASSWORD_RESET = "password_reset", _("Password reset")
        CYCLE_DRAFT_READY = "cycle_draft_ready", _("Next year's consultation is ready for review")
        CYCLE_INVITATION = "cycle_invitation", _("Invitation to answer the consultation")
        CYCLE_REMINDER = "cycle_reminder", _("Reminder before the deadline")
        CYCLE_SUMMARY = "cycle_summary", _("Summary of the answers received")
        PROPOSAL_OUTCOME = "proposal_outcome", _("What became of the group's proposals")
        STATE_REQUEST_RECEIVED = "state_request_received", _("A member state's request to its group")
        STATE_REQUEST_DECIDED = "state_request_decided", _("The group's decision on a member state's request")
        PLAN_SHARED = "plan_shared", _("A draft plan shared with the groups for comment")
        PLAN_COMMENT_REMINDER = "plan_comment_reminder", _("Reminder before the last day for comments on a draft plan")
        PLAN_COMMENTS_CLOSED = "plan_comments_closed", _("The groups' comments on a draft plan, at the close")
        REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed")
        REGISTRATION_WAITLISTED = "registration_waitlisted", _("On the waiting list")
        WEBINAR_REMINDER = "webinar_reminder", _("Reminder before a webinar")
        FEEDBACK_SURVEY = "feedback_survey", _("Feedback survey after a webinar")
        REGISTRATION_CANCELLED = "registration_cancelled", _("Registration cancelled")
        REGISTRATION_PROMOTED = "registration_promoted", _("A place freed up: registration confirmed")
        EXPERT_INVITATION = "expert_invitation", _("Invitation to give a webinar")
        EXPERT_ANSWER = "expert_answer", _("An expert answered an invitation")
        CAMPAIGN = "campaign", _("Promotion of a webinar")
        MATERIALS_AVAILABLE = "materials_available", _("Materials of a webinar available")
        WEBINAR_CANCELLED = "webinar_cancelled", _("A webinar was cancelled")
        WEBINAR_POSTPONED = "webinar_postponed", _("A webinar was postponed")
        WEBINAR_MOVED = "webinar_moved", _("A webinar has a new date")
        WEBINAR_DATE_SET = "webinar_date_set", _("The date of a webinar is set: registration is open")
        SURVEY_REMINDER = "survey_reminder", _("Reminder of the feedback survey")
        RECORDING_AVAILABLE = "recording_available", _("The recording of a webinar is available")
        NETWORK_DIGEST = "network_digest", _("Digest of newly scheduled webinars")
        ERROR_REPORT = "error_report", _("An error in the portal, for the administrators")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # Messages whose link lets the recipient set a password; their text is cleared once sent.
    KINDS_WITH_PERSONAL_LINKS = frozenset({Kind.COORDINATOR_INVITATION, Kind.PASSWORD_RESET})

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        help_text=_("What caused the message; the same cause never makes two messages."),
    )
    to = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    context = models.JSONField(_("context"), default=dict, blank=True)
    calendar = models.TextField(
        _("calendar entry"),
        blank=True,
        help_text=_("An iCalendar file sent with the message, so that the person's calendar follows the webinar."),
    )
    about_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    about_id = models.CharField(max_length=40, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt at"),
        default=after_the_handover,
        help_text=_("When the outbox sweep tries a waiting message (again)."),
    )
    retrying_since = models.DateTimeField(
        _("refused since"),
        null=True,
        blank=True,
        help_text=_("The first refusal for now (4xx) since the message was written or sent again."),
    )
    in_doubt_at = models.DateTimeField(
        _("in doubt since"),
        null=True,
        blank=True,
        help_text=_(
            "Found in the middle of sending: the mail server may have received it already. It was sent "
            "again with the same Message-ID, so the person may have two copies."
        ),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["about_type", "about_id"], name="notice_about_idx"),
            models.Index(fields=["state", "next_attempt_at"], name="notice_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False),
                name="notice_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to}"


class MailServer(models.Model):
    """What the outbox knows of the mail server: up, or down since when, and when to test it.

    One row. When a delivery fails at the server (no connection, a timeout, "421 service not
    available"), deliveries pause: no message is tried until the next probe, and one worker
    at a time takes the probe, a real delivery; its success resumes everything. A refusal of
    one recipient says nothing about the server and changes nothing here.
    """

    down_since = models.DateTimeField(_("down since"), null=True, blank=True)
    next_probe_at = models.DateTimeField(_("next test at"), null=True, blank=True)
    probes = models.PositiveIntegerField(_("tests while down"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("mail server")
        verbose_name_plural = _("mail server")

    def __str__(self) -> str:
        return str(_("Mail server: down")) if self.down_since else str(_("Mail server: up"))
