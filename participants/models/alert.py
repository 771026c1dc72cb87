"""People who asked, on a webinar's page, to be told when its date is set."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from webinars.models import Webinar


class DateAlert(models.Model):
    """One address waiting for a webinar's date: told once, in its language, when registration opens."""

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="date_alerts", verbose_name=_("webinar")
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en")
    consented_at = models.DateTimeField(_("consented at"))
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    told_at = models.DateTimeField(_("told at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request to be told the date")
        verbose_name_plural = _("requests to be told the date")
        constraints = [
            models.UniqueConstraint(
                "webinar",
                Lower("email"),
                name="date_alert_unique_email_per_webinar",
                violation_error_message=_("This address will already be told the date of this webinar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} - {self.webinar}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
