"""Campaigns: the Secretariat promotes a webinar by e-mail to the people likely to come.

The strategy: the Secretariat and the member states concerned "define the target
audience" and promote each webinar by e-mail; "people who took part in webinars will
receive information on the next ones". A campaign names its audience (members of the
participants' network by interest, region and language; past participants of the same
series or of related webinars), holds a short text in each language, and is sent once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.states import StateMachineMixin
from webinars.models.catalogue import Webinar
from webinars.models.reference import Region, ScopeArea


class Campaign(StateMachineMixin, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    TRANSITIONS = {
        State.DRAFT: frozenset({State.SENDING}),
        State.SENDING: frozenset({State.SENT}),
        State.SENT: frozenset(),
    }

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("webinar promoted")
    )
    # Audience of network members: empty criteria mean "no restriction".
    include_network = models.BooleanField(
        _("members of the participants' network"),
        default=True,
        help_text=_("Confirmed members whose interests, regions and language match the choices below."),
    )
    scope_areas = models.ManyToManyField(
        ScopeArea,
        blank=True,
        related_name="campaigns",
        verbose_name=_("areas of interest"),
        help_text=_("Members interested in any of these areas; none chosen: every member."),
    )
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="campaigns",
        verbose_name=_("regions"),
        help_text=_("Members following any of these regions; none chosen: every member."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Only people whose preferred language is one of these; none chosen: every language."),
    )
    # Audience of past participants (people who attended an earlier webinar).
    include_series_participants = models.BooleanField(
        _("past participants of the same series"),
        default=True,
        help_text=_("People who attended an earlier part of this webinar's series."),
    )
    include_topic_participants = models.BooleanField(
        _("past participants of related webinars"),
        default=False,
        help_text=_("People who attended a webinar on the same topic or in the same scope area."),
    )
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        help_text=_(
            "Left empty, the subject is the word “Webinar” and the webinar's title, in the recipient's language."
        ),
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short text placed before the webinar's details. Plain text.")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_count = models.PositiveIntegerField(_("messages queued"), default=0)
    test_sent_at = models.DateTimeField(_("last test sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        permissions = [
            ("send_campaign", _("Send campaigns to their audience")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False),
                name="campaign_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return str(self.webinar)

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def is_sent(self) -> bool:
        return self.state == self.State.SENT
