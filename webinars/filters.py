"""The public topic list's filters: one GET form, read the same way by the list and the feeds.

Bad input never makes an error page: an unknown value is left out and named in a
notice, a search longer than SEARCH_LIMIT is cut, a page number that is not a number
starts at the first page. Every filtered view is a plain GET URL, so it can be shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import resolution_order

from webinars.models import RegionalGroup, Webinar
from webinars.selectors import UPCOMING_STATUSES, Reference, listed_webinars, search_filter

SEARCH_LIMIT = 200
# Longer values than this cannot be codes (slugs of at most 20 characters) or years.
VALUE_LIMIT = 40
PAGE_PARAMS = {"held": "held_page", "scheduled": "scheduled_page", "proposals": "proposals_page"}
FILTER_PARAMS = ("q", "year", "region", "language", "area", "group", "status")


@dataclass(frozen=True)
class ListCriteria:
    """The list's filters as codes of reference rows, for the parts of the list that later
    apps fill (the proposals under consideration read them through their selectors)."""

    year: int | None = None
    region: str | None = None
    language: str | None = None
    scope_area: str | None = None
    group: str | None = None
    search: str = ""


class Status:
    HELD = "held"
    SCHEDULED = "scheduled"
    UNDER_CONSIDERATION = "under_consideration"

    choices = [
        (HELD, _("Held")),
        (SCHEDULED, _("Scheduled")),
        (UNDER_CONSIDERATION, _("Under consideration")),
    ]


# The translated webinar texts the search reads, in the visitor's language and its fallbacks.
WEBINAR_SEARCH_FIELDS = (
    "title",
    "description",
    "objectives",
    "target_audience",
    "summary",
    "topic__title",
    "series__title",
)


def search_languages() -> tuple[str, ...]:
    """The active language, then the languages shown in its place when a text is missing."""
    return resolution_order(get_language() or "en")


class TopicListFilter(django_filters.FilterSet):
    """Filters of the public list, applied here to webinars (proposals: see criteria())."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": SEARCH_LIMIT}),
    )
    year = django_filters.ChoiceFilter(label=_("Year"), empty_label=_("All years"), method="filter_year")
    region = django_filters.ChoiceFilter(label=_("Region"), empty_label=_("All regions"), method="filter_region")
    language = django_filters.ChoiceFilter(
        label=_("Language"), empty_label=_("All languages"), method="filter_language"
    )
    area = django_filters.ChoiceFilter(label=_("Scope area"), empty_label=_("All scope areas"), method="filter_area")
    group = django_filters.ChoiceFilter(
        label=_("Regional group"), empty_label=_("All regional groups"), method="filter_group"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        empty_label=_("Held, scheduled and under consideration"),
        choices=Status.choices,
        method="filter_status",
    )

    class Meta:
        model = Webinar
        fields: list[str] = []

    def __init__(self, data=None, *, reference: Reference, queryset=None, **kwargs):
        super().__init__(data, queryset=listed_webinars() if queryset is None else queryset, **kwargs)
        self.reference = reference
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in reference.years]
        self.filters["region"].extra["choices"] = [(r.code, r.name) for r in reference.regions]
        self.filters["language"].extra["choices"] = [(lang.code, lang.name) for lang in reference.languages]
        self.filters["area"].extra["choices"] = [(a.code, str(a)) for a in reference.scope_areas]
        self.filters["group"].extra["choices"] = [(g.code, g.name) for g in reference.groups]

    # --- webinars ---------------------------------------------------------------------------
    def filter_search(self, queryset, name, value):
        return queryset.filter(search_filter(value, WEBINAR_SEARCH_FIELDS, search_languages()))

    def filter_year(self, queryset, name, value):
        """A webinar's year is its date's; without a date yet, its planned period's ("2027-Q2")."""
        return queryset.filter(
            Q(starts_at__year=int(value)) | Q(starts_at__isnull=True, planned_period__startswith=f"{int(value)}-")
        )

    def filter_region(self, queryset, name, value):
        links = Webinar.regions.through.objects.filter(webinar=OuterRef("pk"), region__code=value)
        return queryset.filter(Exists(links))

    def filter_language(self, queryset, name, value):
        links = Webinar.languages.through.objects.filter(webinar=OuterRef("pk"), language__code=value)
        return queryset.filter(Exists(links))

    def filter_area(self, queryset, name, value):
        return queryset.filter(topic__scope_area__code=value)

    def filter_group(self, queryset, name, value):
        """A group's webinars are those aimed at a region the group covers."""
        covered = RegionalGroup.regions.through.objects.filter(regionalgroup__code=value).values("region")
        links = Webinar.regions.through.objects.filter(webinar=OuterRef("pk"), region__in=covered)
        return queryset.filter(Exists(links))

    def filter_status(self, queryset, name, value):
        if value == Status.HELD:
            return queryset.filter(status=Webinar.Status.HELD)
        if value == Status.SCHEDULED:
            return queryset.filter(status__in=UPCOMING_STATUSES)
        return queryset.none()

    # --- what the rest of the page needs --------------------------------------------------
    @property
    def values(self) -> dict[str, str]:
        """The valid, non-empty filter values, in the form's order."""
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTER_PARAMS if cleaned.get(name)}

    def criteria(self) -> ListCriteria:
        values = self.values
        return ListCriteria(
            year=int(values["year"]) if "year" in values else None,
            region=values.get("region"),
            language=values.get("language"),
            scope_area=values.get("area"),
            group=values.get("group"),
            search=values.get("q", ""),
        )

    def shows(self, part: str) -> bool:
        status = self.values.get("status")
        return (
            status is None
            or status
            == {
                "held": Status.HELD,
                "scheduled": Status.SCHEDULED,
                "proposals": Status.UNDER_CONSIDERATION,
            }[part]
        )

    def rejected(self) -> list[str]:
        """Labels of the filters whose value was not understood (and so was ignored)."""
        self.form.is_valid()
        return [str(self.filters[name].label) for name in FILTER_PARAMS if name in self.form.errors]


@dataclass
class ListQuery:
    """The list's GET parameters, tidied: what the cache key, the filters and the pages read."""

    filters: QueryDict
    pages: dict[str, int] = field(default_factory=dict)
    search_was_cut: bool = False
    bad_pages: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """A canonical form of the request: same key, same page."""
        pairs = [(name, self.filters[name]) for name in FILTER_PARAMS if self.filters.get(name)]
        pairs += [(PAGE_PARAMS[part], str(number)) for part, number in sorted(self.pages.items()) if number != 1]
        flags = [("cut", "1")] if self.search_was_cut else []
        flags += [("bad", ",".join(self.bad_pages))] if self.bad_pages else []
        return urlencode(pairs + flags)


def read_list_query(params: QueryDict) -> ListQuery:
    """Tidy the GET parameters without touching the database."""
    filters = QueryDict(mutable=True)
    search_was_cut = False
    for name in FILTER_PARAMS:
        value = " ".join(params.get(name, "").split())
        if name == "q":
            if len(value) > SEARCH_LIMIT:
                value, search_was_cut = value[:SEARCH_LIMIT].rstrip(), True
        else:
            value = value[:VALUE_LIMIT]
        if value:
            filters[name] = value
    pages: dict[str, int] = {}
    bad_pages: list[str] = []
    for part, param in PAGE_PARAMS.items():
        raw = params.get(param, "").strip()
        if not raw:
            continue
        if raw.isdigit() and len(raw) <= 6 and int(raw) >= 1:
            pages[part] = int(raw)
        else:
            bad_pages.append(part)
    return ListQuery(filters=filters, pages=pages, search_was_cut=search_was_cut, bad_pages=bad_pages)


def filter_querystring(values: dict[str, str], **extra) -> str:
    """A shareable query string of the given filter values plus extra parameters."""
    pairs = [(name, values[name]) for name in FILTER_PARAMS if values.get(name)]
    pairs += [(name, value) for name, value in extra.items() if value not in (None, "")]
    return urlencode(pairs)
