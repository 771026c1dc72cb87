"""Logging in and out, setting a password from an invitation or a reset link, "my account".

After every login the portal speaks the person's preferred language: the redirect goes
to the target page under /<language>/ and the language cookie is set.
"""

from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import NoReverseMatch, reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n

from accounts.forms import AccountForm, OutboxPasswordResetForm
from accounts.services import set_preferred_language, update_account
from accounts.throttling import allow_password_reset_request
from accounts.tokens import invitation_token_generator, password_reset_token_generator

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def landing_url(user) -> str:
    """Where a person goes after logging in: staff to the Secretariat dashboard, coordinators to theirs.

    Staff whose roles do not include the dashboard go to the administration's home, which
    lists what they may open, rather than to a page that would refuse them.
    """
    if user.is_staff:
        if user.has_perm("reporting.view_dashboard"):
            return reverse("reporting:dashboard")
        return reverse("admin:index")
    try:
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    except NoReverseMatch:  # the coordinators' dashboard is not mounted (yet)
        return reverse("webinars:topic_list")


def url_in_language(url: str, language: str) -> str:
    """The same page under /<language>/; a URL the portal does not know is left as it is."""
    path_language = translation.get_language_from_path(urlsplit(url).path)
    with translation.override(path_language or translation.get_language()):
        return translate_url(url, language)


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set the language cookie, as Django's set_language view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _redirect_in_language(url: str, language: str) -> HttpResponse:
    return remember_language(HttpResponseRedirect(url_in_language(url, language)), language)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url(self.request.user)

    def form_valid(self, form):
        response = super().form_valid(form)  # logs in (a new session key) and finds the target
        language = form.get_user().language
        return remember_language(HttpResponseRedirect(url_in_language(response.url, language)), language)


class LogoutView(auth_views.LogoutView):
    """Django's logout: POST only (with CSRF), then the public home (LOGOUT_REDIRECT_URL)."""


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link. The same answer whether an account uses the address or not."""

    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    token_generator = password_reset_token_generator
    title = gettext_lazy("Forgotten password")

    def form_valid(self, form):
        allowed = allow_password_reset_request(
            email=form.cleaned_data["email"], ip_address=get_client_ip_address(self.request)
        )
        if not allowed:
            form.add_error(None, _("Too many requests for a new password. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    title = gettext_lazy("Check your mailbox")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Choose a password through a one-time link; then the person is logged in and lands home.

    The link stops working once used (the password is in the token's hash). Inactive
    accounts get the "link not valid" page.
    """

    template_name = "accounts/set_password.html"
    post_reset_login = True
    post_reset_login_backend = MODEL_BACKEND

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get_success_url(self):
        return url_in_language(landing_url(self.user), self.user.language)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set; you are logged in."))
        return remember_language(response, self.user.language)


class InvitationView(SetPasswordView):
    token_generator = invitation_token_generator
    title = gettext_lazy("Choose your password")
    is_invitation = True


class PasswordResetConfirmView(SetPasswordView):
    token_generator = password_reset_token_generator
    title = gettext_lazy("Choose a new password")
    is_invitation = False


@login_required
def account(request):
    """My account: name and preferred language here; the password through password_change."""
    user = request.user
    if request.method == "POST":
        form = AccountForm(request.POST)
        if form.is_valid():
            update_account(user=user, actor=user, **form.cleaned_data)
            with translation.override(user.language):
                messages.success(request, _("Your account is saved."))
            return _redirect_in_language(reverse("accounts:account"), user.language)
    else:
        form = AccountForm(
            initial={"first_name": user.first_name, "last_name": user.last_name, "language": user.language}
        )
    password_form = PasswordChangeForm(user)
    password_form.fields["old_password"].widget.attrs.pop("autofocus", None)  # the page starts at the top
    context = {"form": form, "password_form": password_form}
    return render(request, "accounts/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")
    title = gettext_lazy("Change your password")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session logged in, ends the others
        messages.success(self.request, _("Your password is changed."))
        return response


def set_language(request):
    """Django's set_language; for a logged-in person the choice also becomes their preferred language."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    if request.method != "POST" or settings.LANGUAGE_COOKIE_NAME not in response.cookies:
        return response
    if response.has_header("Location"):
        # Django translates `next` only when it resolves in the request's language; a page
        # under another /<language>/ prefix is translated from its own language here.
        response["Location"] = url_in_language(response["Location"], language)
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        set_preferred_language(user=request.user, actor=request.user, language=language)
    return response
