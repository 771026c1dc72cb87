"""The participants' network: people who hear about the next webinars.

The strategy: "people who took part in webinars will receive information on the next
ones, so as to build and grow a network of participants". Joining takes a double
opt-in; leaving takes one click.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from portal.states import StateMachineMixin
from webinars.models.reference import Region, ScopeArea


class NetworkMember(StateMachineMixin, models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    TRANSITIONS = {
        State.PENDING: frozenset({State.CONFIRMED, State.UNSUBSCRIBED}),
        State.CONFIRMED: frozenset({State.UNSUBSCRIBED}),
        State.UNSUBSCRIBED: frozenset({State.PENDING}),
    }

    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en")
    regions = models.ManyToManyField(Region, blank=True, related_name="network_members", verbose_name=_("regions"))
    scope_areas = models.ManyToManyField(
        ScopeArea, blank=True, related_name="network_members", verbose_name=_("areas of interest")
    )
    languages = models.JSONField(
        _("languages of interest"),
        default=list,
        blank=True,
        help_text=_("Webinars given in any of these languages; none chosen: every language."),
    )
    last_digest_at = models.DateTimeField(
        _("last digest sent at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The next digest tells of the webinars scheduled since then."),
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    consented_at = models.DateTimeField(
        _("consented at"),
        null=True,
        blank=True,
        help_text=_("When the person last agreed, on the sign-up form, to the use of their data."),
    )

    class Meta:
        ordering = ["email"]
        verbose_name = _("network member")
        verbose_name_plural = _("participants' network")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="network_member_unique_email",
                violation_error_message=_("This address is already in the network."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state="confirmed") | models.Q(confirmed_at__isnull=False),
                name="network_member_confirmed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["state", "language"], name="network_state_language_idx")]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
