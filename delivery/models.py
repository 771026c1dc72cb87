"""Invitations of roster experts to give a webinar, and their answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.states import StateMachineMixin
from webinars.models.catalogue import Expert, Webinar


class ExpertInvitation(StateMachineMixin, models.Model):
    """The Secretariat asks an expert to give a webinar; the expert answers from a signed link.

    An expert appears on the webinar's public page only once they accept, and then only
    with name, title and short biography: an expert's other details are never public. One
    invitation per expert and webinar is open at a time, so an expert never holds two live
    links for the same talk.
    """

    class State(models.TextChoices):
        INVITED = "invited", pgettext_lazy("state of an invitation", "Invited")
        ACCEPTED = "accepted", pgettext_lazy("state of an invitation", "Accepted")
        DECLINED = "declined", pgettext_lazy("state of an invitation", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("state of an invitation", "Withdrawn")

    TRANSITIONS = {
        State.INVITED: frozenset({State.ACCEPTED, State.DECLINED, State.WITHDRAWN}),
        State.ACCEPTED: frozenset({State.WITHDRAWN}),
        State.DECLINED: frozenset(),
        State.WITHDRAWN: frozenset(),
    }
    state_field = "state"
    OPEN_STATES = (State.INVITED,)

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("expert"))
    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="expert_invitations", verbose_name=_("webinar")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.INVITED)
    message = models.TextField(_("message to the expert"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # What the expert said of their availability when accepting: the scheduling screen
    # names a date outside it as a conflict.
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    availability_note = models.CharField(_("note on availability"), max_length=500, blank=True)

    class Meta:
        ordering = ["-invited_at", "-pk"]
        verbose_name = _("expert invitation")
        verbose_name_plural = _("expert invitations")
        permissions = [
            ("invite_expert", _("Invite experts to give a webinar and withdraw invitations")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "webinar"],
                condition=models.Q(state="invited"),
                name="expert_invitation_one_open",
                violation_error_message=_("This expert already has an open invitation for this webinar."),
            ),
            models.CheckConstraint(
                condition=models.Q(available_from__isnull=True)
                | models.Q(available_until__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="expert_availability_in_order",
                violation_error_message=_("The last day of availability comes on or after the first."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} - {self.webinar}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


def hidden_on_webinar(webinar_filter: models.Q) -> models.Q:
    """Experts attached to a webinar who must not appear on its public page.

    An expert with an invitation for the webinar appears only once they accepted; an
    expert attached by the Secretariat without any invitation (held webinars of the
    past, a plan published with its experts) appears as before. ``webinar_filter`` picks
    the webinar among the invitations, e.g. ``Q(webinar__slug=slug)``.
    """
    invitations = ExpertInvitation.objects.filter(webinar_filter, expert=models.OuterRef("pk"))
    return models.Q(models.Exists(invitations)) & ~models.Q(
        models.Exists(invitations.filter(state=ExpertInvitation.State.ACCEPTED))
    )


class DeliveredLanguage(models.Model):
    """A language the webinar was actually given in, and how: what the annual report sets
    against the languages the groups asked for."""

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="delivered_languages", verbose_name=_("webinar")
    )
    language = models.ForeignKey(
        "webinars.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    is_interpreted_live = models.BooleanField(_("interpreted live"), default=False)
    has_recording = models.BooleanField(_("recording in this language"), default=False)
    has_summary = models.BooleanField(_("summary in this language"), default=False)
    has_slides = models.BooleanField(_("slides in this language"), default=False)

    class Meta:
        ordering = ["webinar", "language__order", "language__code"]
        verbose_name = _("language delivered")
        verbose_name_plural = _("languages delivered")
        constraints = [
            models.UniqueConstraint(fields=["webinar", "language"], name="delivered_language_once_per_webinar")
        ]

    def __str__(self) -> str:
        return f"{self.webinar} - {self.language}"


class WebinarCosts(models.Model):
    """What a webinar cost, once known: set against the plan's estimate."""

    webinar = models.OneToOneField(Webinar, on_delete=models.CASCADE, related_name="costs", verbose_name=_("webinar"))
    expert_fee = models.DecimalField(_("expert's fee"), max_digits=10, decimal_places=2, default=0)
    interpretation = models.DecimalField(_("interpretation"), max_digits=10, decimal_places=2, default=0)
    platform = models.DecimalField(_("platform"), max_digits=10, decimal_places=2, default=0)
    other = models.DecimalField(_("other costs"), max_digits=10, decimal_places=2, default=0)
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("actual costs")
        verbose_name_plural = _("actual costs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expert_fee__gte=0, interpretation__gte=0, platform__gte=0, other__gte=0),
                name="webinar_costs_not_negative",
                violation_error_message=_("Costs cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return str(self.webinar)

    @property
    def total(self):
        return self.expert_fee + self.interpretation + self.platform + self.other
