"""Addresses and links a message carries: one way to write each, for every app that sends.

Links in messages are absolute (the recipient reads them outside the portal), built on
``PORTAL_SITE_URL``; an e-mail address is compared without case or surrounding spaces;
a message goes out in a language the portal speaks, else in the default one.
"""

from django.apps import apps
from django.conf import settings


def absolute_url(path: str) -> str:
    """The address a message gives for a path of the portal (``/fr/webinars/x/``)."""
    return f"{settings.PORTAL_SITE_URL.rstrip('/')}{path}"


def normalise_email(email: str) -> str:
    """One address, one person: case and surrounding spaces never make a second row or message."""
    return (email or "").strip().lower()


def message_language(code: str) -> str:
    """``code`` if the portal speaks it, else the default language."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def staff_addresses(*, permission: str) -> list[tuple[str, str]]:
    """(address, language) of every active member of the Secretariat whose roles hold ``permission``
    (``app.codename``), superusers included, with an address, oldest account first.

    A message goes to the people whose job it concerns, not to every staff account.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    app_label, codename = permission.split(".")
    holds = Q(content_type__app_label=app_label, codename=codename)
    permissions = apps.get_model("auth", "Permission").objects.filter(holds)
    staff = (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=permissions) | Q(user_permissions__in=permissions))
        .exclude(email="")
        .distinct()
        .order_by("pk")
        .values_list("email", "language")
    )
    return [(email, language or settings.LANGUAGE_CODE) for email, language in staff]


def configured_secretariat_addresses() -> list[tuple[str, str]]:
    """The Secretariat's own addresses (``PORTAL_SECRETARIAT_EMAILS``), in the default language."""
    return [(email, settings.LANGUAGE_CODE) for email in settings.PORTAL_SECRETARIAT_EMAILS]


def distinct_addresses(*groups: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The addresses of the groups in order, each once whatever its case."""
    recipients: dict[str, tuple[str, str]] = {}
    for group in groups:
        for email, language in group:
            recipients.setdefault(normalise_email(email), (email, language))
    return list(recipients.values())
