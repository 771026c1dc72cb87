"""'Tell me when the date is set': the form a webinar's page offers while registration is not open.

The webinar's page shows the form and posts it here; this page shows it again on its own
(with what was wrong). Whatever the address, a valid request ends on the same page, so
the page reveals nothing about who asked before.
"""

from axes.helpers import get_client_ip_address
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from participants.forms.alerts import DateAlertForm
from participants.services import alerts
from webinars.models import Webinar


def _webinar(slug: str) -> Webinar:
    return get_object_or_404(Webinar.objects.public().select_related("topic"), slug=slug)


def _page(request, webinar: Webinar, form: DateAlertForm, *, status: int = 200):
    is_waiting = alerts.waits_for_registration(webinar)
    context = {
        "webinar": webinar,
        "form": form,
        "is_waiting": is_waiting,
        "not_waiting": "" if is_waiting else alerts.why_not_waiting(webinar),
    }
    return render(request, "participants/alerts/ask.html", context, status=status)


@require_http_methods(["GET", "POST"])
def date_alert(request, slug: str):
    webinar = _webinar(slug)
    if request.method != "POST":
        return _page(request, webinar, DateAlertForm())
    try:
        alerts.count_request_from_client(client_address=get_client_ip_address(request) or "")
    except alerts.AlertThrottled as throttled:
        response = render(request, "participants/alerts/throttled.html", {"webinar": webinar}, status=429)
        response["Retry-After"] = str(throttled.retry_after)
        return response
    form = DateAlertForm(request.POST)
    if form.is_from_a_robot:
        return redirect("participants:date_alert_sent", slug=webinar.slug)  # nothing saved, nothing said
    if form.is_valid():
        try:
            alerts.ask_for_the_date(
                webinar=webinar, email=form.cleaned_data["email"], language=form.cleaned_data["language"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("participants:date_alert_sent", slug=webinar.slug)
    return _page(request, webinar, form, status=400)


@require_GET
def date_alert_sent(request, slug: str):
    return render(request, "participants/alerts/sent.html", {"webinar": _webinar(slug)})
