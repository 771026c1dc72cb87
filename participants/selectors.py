"""What earlier apps' pages may read of the participants: whether a webinar takes registrations.

The webinars app's public page shows the "Register" button from here, so the button
appears exactly where the registration service would take a registration.
"""

from __future__ import annotations

from dataclasses import dataclass

from participants.services.registration import registration_refusal
from webinars.models import Webinar


@dataclass(frozen=True)
class RegistrationOffer:
    """What a webinar's page offers: a registration (perhaps to the waiting list), or why not."""

    is_open: bool
    is_full: bool = False  # every place is taken: a registration goes to the waiting list
    closed_reason: str = ""


def registration_offer(webinar: Webinar) -> RegistrationOffer:
    refusal = registration_refusal(webinar)
    if refusal is not None:
        return RegistrationOffer(is_open=False, closed_reason=" ".join(refusal.messages))
    is_full = webinar.capacity is not None and webinar.registration_count >= webinar.capacity
    return RegistrationOffer(is_open=True, is_full=is_full)
