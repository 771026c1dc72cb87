"""What earlier apps' pages may read of the participants: whether a webinar takes registrations.

The webinars app's public page shows the "Register" button from here, so the button
appears exactly where the registration service would take a registration; and, while
registration is not open yet, the "Tell me when the date is set" form.
"""

from __future__ import annotations

from dataclasses import dataclass

from participants.forms.alerts import DateAlertForm
from participants.services.alerts import waits_for_registration
from participants.services.registration import registration_refusal
from webinars.models import Webinar


@dataclass(frozen=True)
class RegistrationOffer:
    """What a webinar's page offers: a registration (perhaps to the waiting list), or why not."""

    is_open: bool
    is_full: bool = False  # every place is taken: a registration goes to the waiting list
    closed_reason: str = ""


@dataclass(frozen=True)
class DateAlertOffer:
    """The page's "Tell me when the date is set" form, while registration is not open yet."""

    is_offered: bool
    has_date: bool = False  # the date is set; registration waits for the expert
    form: object = None


def date_alert_offer(webinar: Webinar) -> DateAlertOffer:
    """The form posts to participants:date_alert; the same offer whatever the visitor."""
    if not waits_for_registration(webinar):
        return DateAlertOffer(is_offered=False)
    has_date = webinar.status == Webinar.Status.SCHEDULED and webinar.starts_at is not None
    return DateAlertOffer(is_offered=True, has_date=has_date, form=DateAlertForm())


def registration_offer(webinar: Webinar) -> RegistrationOffer:
    refusal = registration_refusal(webinar)
    if refusal is not None:
        return RegistrationOffer(is_open=False, closed_reason=" ".join(refusal.messages))
    is_full = webinar.capacity is not None and webinar.registration_count >= webinar.capacity
    return RegistrationOffer(is_open=True, is_full=is_full)
