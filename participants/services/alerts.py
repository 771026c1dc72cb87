"""People who asked, on a webinar's page, to be told when its date is set.

A webinar published from the plan is "to be scheduled": its page says "date to be
announced" and offers to tell people when it is set. Registration opens once the date is
confirmed and an expert has accepted (``registration_refusal``); at that moment, whichever
of the two came last, each person who asked is told once, in the language they chose, with
the link to register. The delivery app calls ``tell_date_set`` after scheduling a webinar
and after an expert accepts; the request itself writes nothing to anyone.

Asking reveals nothing: the same address asking again changes nothing, and the page after
asking says the same whatever the address. Requests are counted per client address
(PORTAL_DATE_ALERT_RATE) so that nobody can fill the table.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from outbox.addresses import absolute_url, message_language, normalise_email
from outbox.models import Notice
from outbox.services import queue_notice
from participants.models import DateAlert, Registration
from participants.services.registration import registration_refusal
from portal.throttle import Rate, within_rate
from webinars.models import Webinar
from webinars.time_zones import geneva_time_text

# Why registration is not open yet, when telling people later makes sense (registration_refusal's codes).
WAITING_CODES = frozenset({"to_be_scheduled", "postponed", "no_expert"})


class AlertThrottled(Exception):
    """Too many requests from one client address; nothing was saved."""

    def __init__(self, *, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


def count_request_from_client(*, client_address: str) -> None:
    """Every request from one client address counts, valid or not (PORTAL_DATE_ALERT_RATE)."""
    rate = Rate.parse(settings.PORTAL_DATE_ALERT_RATE)
    if not within_rate(f"date-alert:client:{client_address or 'unknown'}", rate):
        raise AlertThrottled(retry_after=rate.seconds)


def waits_for_registration(webinar: Webinar) -> bool:
    """Whether the webinar's page offers to tell people: a public webinar whose registration
    is not open yet but will be (date to be announced, postponed, or expert being confirmed)."""
    refusal = registration_refusal(webinar)
    return refusal is not None and refusal.code in WAITING_CODES


def why_not_waiting(webinar: Webinar) -> str:
    """What the page says when there is no date to wait for: it took place, it was cancelled,
    or registration is open already (or closed before the start)."""
    if webinar.status == Webinar.Status.HELD:
        return _("This webinar has taken place: its page has the recording and the materials once they are published.")
    if webinar.status == Webinar.Status.CANCELLED:
        return _("This webinar was cancelled: there is no date to announce.")
    if registration_refusal(webinar) is None:
        return _("The date of this webinar is set and registration is open: register on its page.")
    return _("This webinar no longer waits for its date: see its page.")


@transaction.atomic
def ask_for_the_date(*, webinar: Webinar, email: str, language: str) -> None:
    """Keep one request per address and webinar; the same address again changes nothing.

    Refused only for a reason that does not depend on the address: the webinar takes
    registrations already, or never will (held, cancelled).
    """
    if not waits_for_registration(webinar):
        raise ValidationError(why_not_waiting(webinar), code="not_waiting")
    email = normalise_email(email)
    validate_email(email)
    if DateAlert.objects.filter(webinar=webinar, email=email).exists():
        return
    try:
        with transaction.atomic():
            DateAlert.objects.create(
                webinar=webinar, email=email, language=message_language(language), consented_at=timezone.now()
            )
    except IntegrityError:  # the same address at the same moment: one row, as intended
        pass


def _context(webinar: Webinar, language: str) -> dict:
    with translation.override(language):
        return {
            "title": str(webinar.title),
            "starts_at_text": geneva_time_text(webinar.starts_at, language=language),
            "duration_minutes": webinar.duration_minutes,
            "register_url": absolute_url(reverse("participants:webinar_register", kwargs={"slug": webinar.slug})),
            "webinar_url": absolute_url(reverse("webinars:webinar_detail", kwargs={"slug": webinar.slug})),
            "ics_url": absolute_url(reverse("webinars:webinar_ics", kwargs={"slug": webinar.slug})),
        }


@transaction.atomic
def tell_date_set(*, webinar: Webinar) -> int:
    """Once registration is open, tell each person who asked and was not told yet; return how many.

    Called when a webinar is scheduled and when an expert accepts: does nothing while
    registration is not open, and never tells anyone twice (``told_at``, and the message's
    key names the request). Someone registered meanwhile (a postponed webinar's people) has
    their own message of the new date and is not told again.
    """
    webinar = Webinar.objects.get(pk=webinar.pk)
    if registration_refusal(webinar) is not None:
        return 0
    alerts = list(
        DateAlert.objects.select_for_update().filter(webinar=webinar, told_at__isnull=True).order_by("created_at", "pk")
    )
    if not alerts:
        return 0
    registered = set(
        Registration.objects.filter(
            webinar=webinar, state__in=[Registration.State.REGISTERED, Registration.State.WAITLISTED]
        ).values_list("email", flat=True)
    )
    registered = {normalise_email(email) for email in registered}
    now = timezone.now()
    contexts: dict[str, dict] = {}
    told = 0
    for alert in alerts:
        alert.told_at = now
        if alert.email in registered:
            continue
        language = message_language(alert.language)
        if language not in contexts:
            contexts[language] = _context(webinar, language)
        queue_notice(
            kind=Notice.Kind.WEBINAR_DATE_SET,
            to=alert.email,
            language=language,
            key=f"webinar-date-set:{webinar.pk}:{alert.pk}",
            context=contexts[language],
            about=webinar,
        )
        told += 1
    DateAlert.objects.bulk_update(alerts, ["told_at"])
    return told
