"""What the network digest has announced: when each webinar was first found open for registration.

A webinar carries no record of the moment its registration opened (a date confirmed, an
expert who accepted, whichever came last), and the digest tells each member of the
webinars that opened since their previous digest. So the digest writes down, the first
time it sees a webinar open, when that was; a webinar that closes again (postponed) loses
its listing and is announced anew once it reopens with its new date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from webinars.models import Webinar


class DigestListing(models.Model):
    webinar = models.OneToOneField(
        Webinar, on_delete=models.CASCADE, related_name="digest_listing", verbose_name=_("webinar")
    )
    listed_at = models.DateTimeField(_("open for registration since"), db_index=True)

    class Meta:
        ordering = ["listed_at"]
        verbose_name = _("webinar in the network digest")
        verbose_name_plural = _("webinars in the network digest")

    def __str__(self) -> str:
        return f"{self.webinar} ({self.listed_at:%Y-%m-%d})"
