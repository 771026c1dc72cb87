"""Pages of the participants' network: join, confirm, unsubscribe.

Links in messages only ever lead to a page with a button: mail scanners fetch links
before the person reads the message, and a GET never changes anything. The one
exception to the CSRF check is the unsubscribe address, which mail programs POST to
directly (RFC 8058 one-click); its signature is the authorisation.
"""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from participants.forms.network import JoinNetworkForm, NetworkPreferencesForm
from participants.services import network
from portal.signing import NETWORK_CONFIRM, InvalidLink
from portal.views import link_not_valid


def _throttled(request, throttled: network.JoinThrottled):
    response = render(request, "participants/network/throttled.html", status=429)
    response["Retry-After"] = str(throttled.retry_after)
    return response


def _invalid_link(request, error: InvalidLink, *, what: str = ""):
    """The portal's one refusal page; a new link comes from joining again."""
    return link_not_valid(
        request,
        error,
        what=what,
        next_url=reverse("participants:network_join"),
        next_label=_("Join the network"),
    )


@require_http_methods(["GET", "POST"])
def network_join(request):
    """The sign-up form. Whatever the address, a valid request ends on the same page."""
    if request.method != "POST":
        return render(request, "participants/network/join.html", {"form": JoinNetworkForm()})
    try:
        network.count_join_from_client(client_address=get_client_ip_address(request) or "")
    except network.JoinThrottled as throttled:
        return _throttled(request, throttled)
    form = JoinNetworkForm(request.POST)
    if form.is_from_a_robot:
        return redirect("participants:network_join_sent")  # nothing saved, nothing said
    if form.is_valid():
        data = form.cleaned_data
        try:
            network.count_join_for_address(email=data["email"])
        except network.JoinThrottled as throttled:
            return _throttled(request, throttled)
        try:
            network.join_network(
                email=data["email"],
                name=data["name"],
                language=data["language"],
                regions=list(data["regions"]),
                scope_areas=list(data["scope_areas"]),
                languages=data["languages"],
                has_consented=data["consent"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("participants:network_join_sent")
    return render(request, "participants/network/join.html", {"form": form})


@require_GET
def network_join_sent(request):
    return render(request, "participants/network/join_sent.html")


@require_http_methods(["GET", "POST"])
def network_confirm(request, token: str):
    """GET shows what the link is for and a button; POST confirms."""
    try:
        member = network.member_from_confirmation_token(token)
    except InvalidLink as error:
        return _invalid_link(request, error, what=_("Ask to join again and we will send you a new link."))
    if request.method == "POST":
        try:
            member = network.confirm_membership(member=member, actor=request.user)
        except ValidationError as error:
            left = InvalidLink.stale(NETWORK_CONFIRM, message=" ".join(error.messages))
            return _invalid_link(request, left)
    context = {
        "member": member,
        "token": token,
        "unsubscribe_token": network.make_unsubscribe_token(member),
        "preferences_token": network.make_preferences_token(member),
    }
    return render(request, "participants/network/confirm.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def network_unsubscribe(request, token: str):
    """GET shows a button; any POST with a valid signature unsubscribes, including the
    body "List-Unsubscribe=One-Click" that mail programs send (RFC 8058)."""
    try:
        member = network.member_from_unsubscribe_token(token)
    except InvalidLink as error:
        return link_not_valid(request, error, what=_("Every message we send carries a link to leave: try the latest."))
    if request.method == "POST":
        if member is not None:
            member = network.unsubscribe_member(member=member, actor=request.user)
        return render(request, "participants/network/unsubscribed.html", {"member": member})
    return render(request, "participants/network/unsubscribe.html", {"member": member, "token": token})


@require_http_methods(["GET", "POST"])
def network_preferences(request, token: str):
    """A member's own page, reached from the link in every message: language and interests."""
    try:
        member = network.member_from_preferences_token(token)
    except InvalidLink as error:
        return _invalid_link(
            request, error, what=_("Every message we send carries a link to your preferences: try the latest.")
        )
    form = NetworkPreferencesForm.for_member(member, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network.update_member_preferences(
                member=member,
                name=data["name"],
                language=data["language"],
                regions=list(data["regions"]),
                scope_areas=list(data["scope_areas"]),
                languages=data["languages"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your preferences are saved."))
            return redirect("participants:network_preferences", token=token)
    context = {
        "member": member,
        "form": form,
        "token": token,
        "unsubscribe_token": network.make_unsubscribe_token(member),
    }
    return render(request, "participants/network/preferences.html", context)
