"""Registrations for a scheduled webinar: who is coming, who waits for a place, who came.

A webinar may have a capacity, and later registrations then wait in line. One address,
one registration per webinar, whatever its case.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from webinars.models.catalogue import Webinar
from webinars.time_zones import is_time_zone


class Registration(models.Model):
    class State(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("state of a registration", "Registered")
        WAITLISTED = "waitlisted", pgettext_lazy("state of a registration", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("state of a registration", "Cancelled")

    class ParticipantType(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        IP_OFFICE = "ip_office", _("Intellectual property office")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        OTHER = "other", _("Other")

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("webinar")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    country = models.CharField(_("country"), max_length=2, help_text=_("Two-letter country code (ISO 3166-1)."))
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    participant_type = models.CharField(
        _("type of participant"), max_length=20, choices=ParticipantType.choices, default=ParticipantType.OTHER
    )
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en")
    questions = models.TextField(_("questions in advance"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("The participant's own time zone (such as Africa/Nairobi); messages show the time there too."),
    )
    consented_at = models.DateTimeField(
        _("consented at"),
        help_text=_(
            "When the person last registered and agreed to the use of their data; the waiting list follows it."
        ),
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REGISTERED)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    has_attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [
            ("record_attendance", _("Upload attendance reports")),
        ]
        constraints = [
            models.UniqueConstraint(
                "webinar",
                Lower("email"),
                name="registration_unique_email_per_webinar",
                violation_error_message=_("This address is already registered for this webinar."),
            ),
            models.CheckConstraint(condition=models.Q(country__regex=r"^[A-Z]{2}$"), name="registration_country_iso2"),
        ]
        indexes = [models.Index(fields=["webinar", "state"], name="registration_webinar_state_idx")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.country = self.country.strip().upper()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.time_zone and not is_time_zone(self.time_zone):
            raise ValidationError({"time_zone": _("Choose a time zone from the list, such as Africa/Nairobi.")})
