"""Who a change of a webinar's date or status concerns: its experts, its registrants and its waiting list.

The scheduling services write to each of them; the admin's page for a change says how many
before the change is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from delivery.models import hidden_on_webinar
from delivery.selectors.experts import expert_language
from outbox.addresses import message_language, normalise_email
from participants.models import Registration
from webinars.models import Webinar


@dataclass(frozen=True)
class Person:
    """Someone a change of date or status concerns: a registrant or an expert giving the webinar."""

    email: str
    name: str
    language: str
    time_zone: str = ""
    is_expert: bool = False
    registration: Registration | None = None

    @property
    def is_waitlisted(self) -> bool:
        return self.registration is not None and self.registration.state == Registration.State.WAITLISTED


def people_concerned(webinar: Webinar) -> list[Person]:
    """Everyone a change concerns, once per address: the experts who accepted to give the
    webinar (or whom the Secretariat put on it without an invitation), then the people
    registered and on the waiting list, in the order they registered."""
    people: dict[str, Person] = {}
    experts = webinar.experts.exclude(hidden_on_webinar(Q(webinar_id=webinar.pk))).order_by("name", "pk")
    for expert in experts:
        address = normalise_email(expert.email)
        people.setdefault(
            address, Person(email=expert.email, name=expert.name, language=expert_language(expert), is_expert=True)
        )
    registrations = Registration.objects.filter(
        webinar_id=webinar.pk, state__in=[Registration.State.REGISTERED, Registration.State.WAITLISTED]
    ).order_by("consented_at", "pk")
    for item in registrations:
        people.setdefault(
            normalise_email(item.email),
            Person(
                email=item.email,
                name=item.name,
                language=message_language(item.language),
                time_zone=item.time_zone,
                registration=item,
            ),
        )
    return list(people.values())
