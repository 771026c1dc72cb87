"""Registering for a scheduled webinar: the form, and the page that follows it.

What the page says after a valid registration never depends on whether the address was
registered already or got a place: the message sent to the address says which.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from webinars import registration
from webinars.models import Webinar
from webinars.registration_forms import RegistrationForm


def _public_webinar(slug: str) -> Webinar:
    return get_object_or_404(Webinar.objects.public().select_related("topic"), slug=slug)


@require_http_methods(["GET", "POST"])
def webinar_register(request, slug):
    webinar = _public_webinar(slug)
    is_open = registration.is_registration_open(webinar)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_open:
        if form.is_from_a_robot:
            return redirect("webinars:webinar_registered", slug=webinar.slug)  # nothing saved, nothing said
        if form.is_valid():
            try:
                registration.register_participant(webinar=webinar, data=form.service_data(), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
                is_open = registration.is_registration_open(webinar)
            else:
                return redirect("webinars:webinar_registered", slug=webinar.slug)
    context = {"webinar": webinar, "form": form, "is_open": is_open}
    status = 400 if request.method == "POST" else 200
    return render(request, "webinars/registration/register.html", context, status=status)


@require_GET
def webinar_registered(request, slug):
    return render(request, "webinars/registration/registered.html", {"webinar": _public_webinar(slug)})
