"""Registering for a scheduled webinar, and cancelling: the form, and the pages that follow.

What the page says after a valid registration never depends on whether the address was
registered already or got a place: the message sent to the address says which. Posts are
limited per client address and per e-mail address (participants.services.registration);
a refused post saves and sends nothing, and its page says the same whatever the address.
"""

from axes.helpers import get_client_ip_address
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from participants.forms.registration import RegistrationForm
from participants.models import Registration
from participants.services import registration
from participants.services.alerts import WAITING_CODES
from portal.signing import InvalidLink
from portal.views import link_not_valid


def _throttled(request, webinar, throttled: registration.RegistrationThrottled):
    response = render(request, "participants/registration/throttled.html", {"webinar": webinar}, status=429)
    response["Retry-After"] = str(throttled.retry_after)
    return response


@require_http_methods(["GET", "POST"])
def webinar_register(request, slug):
    """The form; the webinar is read once, lightly, and handed to the service as it is.

    Every post counts against the client's limit (the address the login limit also uses:
    X-Forwarded-For only through PORTAL_TRUSTED_PROXY_COUNT proxies), robots' included; a
    valid one also against the e-mail address's limit, whatever that address's registrations.
    """
    webinar = registration.webinar_for_registration(slug)
    if webinar is None:
        raise Http404
    if request.method == "POST":
        try:
            registration.count_registration_from_client(client_address=get_client_ip_address(request) or "")
        except registration.RegistrationThrottled as throttled:
            return _throttled(request, webinar, throttled)
    refusal = registration.registration_refusal(webinar)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and refusal is None:
        if form.is_from_a_robot:
            return redirect("participants:webinar_registered", slug=webinar.slug)  # nothing saved, nothing said
        if form.is_valid():
            try:
                registration.count_registration_for_address(email=form.cleaned_data["email"])
            except registration.RegistrationThrottled as throttled:
                return _throttled(request, webinar, throttled)
            try:
                registration.register_participant(webinar=webinar, data=form.service_data(), actor=request.user)
            except ValidationError as error:
                refusal = registration.registration_refusal(webinar)  # closed meanwhile: the page says why
                if refusal is None:
                    form.add_error(None, error)
            else:
                return redirect("participants:webinar_registered", slug=webinar.slug)
    context = {
        "webinar": webinar,
        "form": form,
        "is_open": refusal is None,
        "closed_reason": " ".join(refusal.messages) if refusal is not None else "",
        # Registration opens later (date to be announced, expert being confirmed): offer to be told.
        "opens_later": refusal is not None and refusal.code in WAITING_CODES,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "participants/registration/register.html", context, status=status)


@require_GET
def webinar_registered(request, slug):
    webinar = get_object_or_404(registration.public_webinars_for_registration(), slug=slug)
    return render(request, "participants/registration/registered.html", {"webinar": webinar})


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    """The link in every message: GET shows a button, POST cancels.

    Mail scanners open links; only the button (a POST with CSRF) cancels. A forged, altered
    or expired link, or one whose registration is gone, answers the portal's one "link not
    valid" page (400).
    """
    try:
        found = registration.registration_from_cancel_token(token)
    except InvalidLink as invalid:
        return link_not_valid(
            request,
            invalid,
            what=_("Every message about your registration carries a link to cancel it: try the latest."),
        )
    error = None
    if request.method == "POST":
        try:
            # The signed link is the authority here, whoever is logged in: the participant cancels.
            registration.cancel_registration(registration=found, actor=None)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect("participants:registration_cancel", token=token)
    context = {
        "registration": found,
        "webinar": found.webinar,
        "is_cancelled": found.state == Registration.State.CANCELLED,
        "can_cancel": registration.cancellation_open(found.webinar),
        "can_register_again": registration.registration_open(found.webinar),
        "error": error,
    }
    return render(
        request, "participants/registration/cancel.html", context, status=400 if request.method == "POST" else 200
    )
