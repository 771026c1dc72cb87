from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: Secretariat staff (is_staff) or a group coordinator.

    The preferred language is where every message to this person is rendered.
    """

    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en")
    invited_at = models.DateTimeField(
        _("last invited at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the last invitation to set the password was sent; it voids earlier invitation links."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("invite_user", _("Send invitations to set a password")),
            ("give_roles", _("Give the Secretariat's roles to other people")),
        ]
        swappable = "AUTH_USER_MODEL"
