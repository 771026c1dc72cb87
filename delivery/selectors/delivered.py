"""What a held webinar delivered, as the follow-up screen shows and proposes it.

Until the Secretariat has recorded the languages, the screen proposes what is known: the
webinar's own languages as delivered, with a summary, slides or a recording where one
exists in that language. Nothing is recorded until a person confirms it
(``delivery.services.delivered``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from delivery.models import DeliveredLanguage, WebinarCosts
from webinars.models import Language, Material, Webinar
from webinars.selectors import LANGUAGE_CODES


@dataclass(frozen=True)
class LanguageLine:
    """One language on the screen: whether it counts as delivered, and how (recorded or proposed)."""

    language: Language
    is_delivered: bool
    is_interpreted_live: bool = False
    has_recording: bool = False
    has_summary: bool = False
    has_slides: bool = False

    def as_initial(self) -> dict:
        return {
            "language": self.language.pk,
            "is_delivered": self.is_delivered,
            "is_interpreted_live": self.is_interpreted_live,
            "has_recording": self.has_recording,
            "has_summary": self.has_summary,
            "has_slides": self.has_slides,
        }


def delivered_languages(webinar: Webinar) -> list[DeliveredLanguage]:
    """The languages recorded as delivered, in the languages' order."""
    return list(webinar.delivered_languages.select_related("language").order_by("language__order", "language__code"))


def _has_summary_in(webinar: Webinar, code: str) -> bool:
    if code not in LANGUAGE_CODES:
        return False
    return bool((getattr(webinar, build_localized_fieldname("summary", code), "") or "").strip())


def language_lines(webinar: Webinar, recorded: list[DeliveredLanguage] | None = None) -> list[LanguageLine]:
    """Every language worth asking about, with what is recorded or, before anything is, proposed.

    The webinar's languages, the languages of its published materials and of its summary,
    and those already recorded. Recorded rows are shown as recorded. Before the first
    recording, each language is proposed as delivered when it is one of the webinar's or
    something was published in it; once recorded, a language left out stays left out.
    """
    recorded = delivered_languages(webinar) if recorded is None else recorded
    own = list(webinar.languages.all())
    materials = list(
        Material.objects.filter(webinar=webinar, is_published=True, language__isnull=False)
        .select_related("language")
        .order_by("pk")
    )
    summary_languages = [
        language
        for language in Language.objects.filter(code__in=LANGUAGE_CODES)
        if _has_summary_in(webinar, language.code)
    ]
    languages: dict[int, Language] = {}
    for language in [*own, *(m.language for m in materials), *summary_languages, *(r.language for r in recorded)]:
        languages.setdefault(language.pk, language)
    by_language = {row.language_id: row for row in recorded}
    own_ids = {language.pk for language in own}
    lines = []
    for language in sorted(languages.values(), key=lambda lang: (lang.order, lang.code)):
        row = by_language.get(language.pk)
        if row is not None:
            lines.append(
                LanguageLine(
                    language=language,
                    is_delivered=True,
                    is_interpreted_live=row.is_interpreted_live,
                    has_recording=row.has_recording,
                    has_summary=row.has_summary,
                    has_slides=row.has_slides,
                )
            )
        elif recorded:
            lines.append(LanguageLine(language=language, is_delivered=False))
        else:
            kinds = {m.kind for m in materials if m.language_id == language.pk}
            ways = {
                "has_recording": Material.Kind.RECORDING in kinds,
                "has_summary": _has_summary_in(webinar, language.code),
                "has_slides": Material.Kind.SLIDES in kinds,
            }
            lines.append(
                LanguageLine(language=language, is_delivered=language.pk in own_ids or any(ways.values()), **ways)
            )
    return lines


def costs_of(webinar: Webinar) -> WebinarCosts | None:
    return WebinarCosts.objects.filter(webinar=webinar).first()


@dataclass(frozen=True)
class CostLine:
    key: str
    label: str
    estimated: Decimal | None  # None: no estimate for this item (or none at all)
    actual: Decimal | None  # None: not recorded yet

    @property
    def difference(self) -> Decimal | None:
        return None if self.estimated is None or self.actual is None else self.actual - self.estimated


def cost_lines(*, estimate, costs: WebinarCosts | None) -> list[CostLine]:
    """Each item's estimate (``estimate``: the plan's, with expert_fee, interpretation, platform
    and total, or None) against what was recorded, then the totals."""

    def estimated(name: str) -> Decimal | None:
        return getattr(estimate, name) if estimate is not None else None

    def actual(name: str) -> Decimal | None:
        return getattr(costs, name) if costs is not None else None

    return [
        CostLine("expert_fee", str(_("Expert's fee")), estimated("expert_fee"), actual("expert_fee")),
        CostLine("interpretation", str(_("Interpretation")), estimated("interpretation"), actual("interpretation")),
        CostLine("platform", str(_("Platform")), estimated("platform"), actual("platform")),
        CostLine("other", str(_("Other costs")), None, actual("other")),
        CostLine("total", str(_("Total")), estimated("total"), actual("total")),
    ]
