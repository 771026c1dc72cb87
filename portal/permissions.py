"""Who may do what: the one helper that every app's permissions, views, services and admin use.

Every action that matters is a named Django permission (a model's ``Meta.permissions``
or its default add, change, view and delete), held by the Secretariat's roles (Django
groups, see ``accounts.roles``). ``is_staff`` only opens the door to the staff pages;
it never decides an action. The same check runs in the service, so a view, an admin
action, a command and a test cannot differ; a refusal names the missing permission in
the person's language.
"""

from __future__ import annotations

from functools import wraps

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

# Django's default permissions in words; "things" is the model's plural name, e.g. "registrations".
DEFAULT_ACTIONS = {
    "add": pgettext_lazy("a permission", "Add %(things)s"),
    "change": pgettext_lazy("a permission", "Change %(things)s"),
    "delete": pgettext_lazy("a permission", "Delete %(things)s"),
    "view": pgettext_lazy("a permission", "View %(things)s"),
}


def permission_label(perm: str) -> str:
    """A permission ``app.codename`` in words, in the active language.

    A permission a model declares in ``Meta.permissions`` keeps its (translated) name;
    a default one reads "Change registrations". An unknown one is shown as it is written.
    """
    app_label, _dot, codename = perm.partition(".")
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return perm
    for model in config.get_models():
        for declared, name in model._meta.permissions:
            if declared == codename:
                return str(name)
    action, _sep, model_name = codename.partition("_")
    for model in config.get_models():
        if model._meta.model_name == model_name and action in DEFAULT_ACTIONS:
            return str(DEFAULT_ACTIONS[action]) % {"things": model._meta.verbose_name_plural}
    return perm


class MissingPermission(PermissionDenied):
    """Refused because the person's roles do not hold a permission the action needs."""

    def __init__(self, *perms: str, reason: str = ""):
        self.perms = perms
        self.reason = reason
        super().__init__(reason or perms)

    @property
    def labels(self) -> list[str]:
        return [permission_label(perm) for perm in self.perms]

    def __str__(self) -> str:
        if self.reason:
            return str(self.reason)
        labels = self.labels
        if len(labels) == 1:
            return _("This needs the permission “%(permission)s”, which your roles do not hold.") % {
                "permission": labels[0]
            }
        return _("This needs these permissions, which your roles do not hold: %(permissions)s.") % {
            "permissions": "; ".join(labels)
        }


class SecretariatOnly(PermissionDenied):
    """Refused because the page belongs to the Secretariat's staff."""

    def __str__(self) -> str:
        return _("This page is for the Secretariat's staff.")


def is_secretariat(user) -> bool:
    """Staff of the Secretariat: the door to the staff pages, not the right to any action."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def has_permission(user, perm: str) -> bool:
    """An active member of the Secretariat whose roles hold ``perm``."""
    return is_secretariat(user) and user.has_perm(perm)


def require_permission(actor, *perms: str) -> None:
    """In a service: the portal itself (``actor`` None: a task, a command) may; a person needs each permission.

    Raises MissingPermission naming what is missing, so no view, admin action or command
    can do what the person's roles do not allow.
    """
    if actor is None:
        return
    if not getattr(actor, "is_active", False):
        raise MissingPermission(*perms)
    missing = [perm for perm in perms if not actor.has_perm(perm)]
    if missing:
        raise MissingPermission(*missing)


def staff_page(*perms: str):
    """A Secretariat screen that needs each of ``perms``.

    A visitor is sent to the portal's login; a coordinator or any other person who is not
    staff gets a 403 saying the page is the Secretariat's; staff without a permission get
    a 403 naming it. Never the admin's login, never the data.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
            if not is_secretariat(user):
                raise SecretariatOnly
            missing = [perm for perm in perms if not user.has_perm(perm)]
            if missing:
                raise MissingPermission(*missing)
            return view(request, *args, **kwargs)

        wrapper.required_permissions = perms
        return wrapper

    return decorator
