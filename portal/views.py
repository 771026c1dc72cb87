"""The portal's own pages: the refusal page every app's views and the admin share, and the
page of a signed link that does not work."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import health
from portal.permissions import MissingPermission, SecretariatOnly, is_secretariat
from portal.signing import InvalidLink

# What each page of a model's admin needs, Django's own rule (the change permission also lets
# a person view).
ADMIN_PAGE_PERMISSIONS = {
    "changelist": ("view", "change"),
    "change": ("view", "change"),
    "history": ("view", "change"),
    "add": ("add",),
    "delete": ("delete",),
}


def _admin_page_permissions(request) -> tuple[str, ...]:
    """For a refused page of the admin: the permissions that would open it."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ()
    if match.namespace != "admin" or not match.url_name:
        return ()
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"{opts.app_label}_{opts.model_name}_"
        if match.url_name.startswith(prefix):
            actions = ADMIN_PAGE_PERMISSIONS.get(match.url_name[len(prefix) :], ("change",))
            return tuple(f"{opts.app_label}.{action}_{opts.model_name}" for action in actions)
    return ()


def permission_denied(request, exception: PermissionDenied | None = None):
    """403, in the person's language: what the page needed and why they may not have it.

    Never the data and never the admin's login: a member of the Secretariat learns which
    permission is missing, anyone else that the page is the Secretariat's.
    """
    missing: list[str] = []
    reason = ""
    any_of = False
    if isinstance(exception, MissingPermission):
        missing = exception.labels
        reason = exception.reason
    elif isinstance(exception, SecretariatOnly) or not is_secretariat(request.user):
        reason = str(SecretariatOnly())
    else:
        perms = _admin_page_permissions(request)
        missing = MissingPermission(*perms).labels if perms else []
        any_of = len(missing) > 1  # the admin opens a list or a page to either permission
        reason = str(exception or "") if exception and str(exception) not in ("", "()") else ""
    context = {"missing": missing, "any_of": any_of, "reason": reason, "is_secretariat": is_secretariat(request.user)}
    return render(request, "403.html", context, status=403)


def link_not_valid(request, error: InvalidLink, *, what: str = "", next_url: str = "", next_label: str = ""):
    """400, in the language of the page the link opens: why the link does not work, and what to do.

    Every page opened from a signed link (portal.signing) answers this one when the link is
    refused. ``what`` is one sentence on what the person can do now (where a new link can be
    had, and how); ``next_url`` and ``next_label`` the button that does it (by default, back
    to the webinar topics).
    """
    context = {
        "reason": error.reason,
        "message": error.message,
        "what": what,
        "next_url": next_url or reverse("webinars:topic_list"),
        "next_label": next_label or _("Back to the webinar topics"),
    }
    return render(request, "link_invalid.html", context, status=400)


def admin_login(request, extra_context=None):
    """The administration's door: people log in on the portal's own page (one login, one throttle).

    A visitor goes to that page and comes back; a coordinator, or anyone else who is not
    staff, is told that the administration is the Secretariat's; staff go on.
    """
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(target, reverse("accounts:login"))
    if not is_secretariat(request.user):
        raise SecretariatOnly
    return redirect(target)


@never_cache
@require_GET
def healthz(request):
    """For the proxy and the monitoring: 200 when the portal can do its work, 503 when a check
    fails, with each check's figures (portal.health). Open to all; nothing personal in it."""
    result = health.report(health.run_checks())
    return JsonResponse(result, status=200 if result["ok"] else 503)
