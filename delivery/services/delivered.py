"""What a held webinar delivered: the languages it reached people in (and how), and what it cost.

The strategy asks for webinars in the languages the groups need; the annual report sets
the languages each group asked for against those delivered, and the plan's estimated
costs against the actual ones. The Secretariat records both after the webinar, on the
follow-up screen or in the webinar's admin: both go through these functions.

A language is delivered when the webinar reached its audience in it: spoken by the
expert or interpreted live, or with a recording, a summary or slides in it. A language
recorded with none of the four ways is the language the talk itself was given in.
Costs are the Secretariat's: they never appear on a public page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from delivery.models import DeliveredLanguage, WebinarCosts
from delivery.services.followup import RECORD_PERMISSION, check_followup_open
from portal.permissions import require_permission
from webinars.models import Language, Webinar


@dataclass(frozen=True)
class LanguageDelivery:
    """One language the webinar was delivered in, and how."""

    language: Language
    is_interpreted_live: bool = False
    has_recording: bool = False
    has_summary: bool = False
    has_slides: bool = False


WAYS = ("is_interpreted_live", "has_recording", "has_summary", "has_slides")


def check_delivered_languages(*, webinar: Webinar, deliveries: Sequence[LanguageDelivery]) -> None:
    """The rules the list of languages follows, from the screen or the admin: a held webinar,
    at least one language, each language once."""
    check_followup_open(webinar)
    if not deliveries:
        raise ValidationError(
            _("Tick at least one language the webinar was delivered in."), code="no_language_delivered"
        )
    seen: set[int] = set()
    for delivery in deliveries:
        if delivery.language.pk in seen:
            raise ValidationError(
                _("%(language)s is listed twice.") % {"language": delivery.language}, code="language_twice"
            )
        seen.add(delivery.language.pk)


@transaction.atomic
def record_delivered_languages(
    *, webinar: Webinar, actor, deliveries: Sequence[LanguageDelivery]
) -> list[DeliveredLanguage]:
    """Record the languages the webinar was delivered in, and how: the list given replaces the
    one recorded (a language left out is no longer counted as delivered)."""
    require_permission(actor, RECORD_PERMISSION)
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    check_delivered_languages(webinar=webinar, deliveries=deliveries)
    stored = {row.language_id: row for row in DeliveredLanguage.objects.select_for_update().filter(webinar=webinar)}
    wanted = {delivery.language.pk: delivery for delivery in deliveries}
    DeliveredLanguage.objects.filter(webinar=webinar, language_id__in=set(stored) - set(wanted)).delete()
    rows = []
    for language_id, delivery in wanted.items():
        values = {way: bool(getattr(delivery, way)) for way in WAYS}
        row = stored.get(language_id)
        if row is None:
            row = DeliveredLanguage.objects.create(webinar=webinar, language=delivery.language, **values)
        elif any(getattr(row, way) != value for way, value in values.items()):
            for way, value in values.items():
                setattr(row, way, value)
            row.save(update_fields=list(WAYS))
        rows.append(row)
    return rows


COST_FIELDS = ("expert_fee", "interpretation", "platform", "other")


@transaction.atomic
def record_webinar_costs(
    *,
    webinar: Webinar,
    actor,
    expert_fee: Decimal,
    interpretation: Decimal,
    platform: Decimal,
    other: Decimal = Decimal("0"),
    notes: str = "",
) -> WebinarCosts:
    """Record what the held webinar actually cost, item by item (set against the plan's estimate)."""
    require_permission(actor, RECORD_PERMISSION)
    webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
    check_followup_open(webinar)
    amounts = {"expert_fee": expert_fee, "interpretation": interpretation, "platform": platform, "other": other}
    for name, amount in amounts.items():
        if amount is None:
            raise ValidationError({name: _("Give an amount (0 when there was none).")}, code="missing_cost")
        if Decimal(amount) < 0:
            raise ValidationError({name: _("Costs cannot be negative.")}, code="negative_cost")
    costs, _created = WebinarCosts.objects.select_for_update().get_or_create(webinar=webinar)
    for name, amount in amounts.items():
        setattr(costs, name, Decimal(amount))
    costs.notes = (notes or "").strip()
    costs.full_clean()
    costs.save()
    return costs
