"""Read-side queries of the public catalogue, shared by pages, feeds and reports.

The topic list must cost a handful of queries whatever the size of the catalogue (at
most 10, measured by `make bench`), so its queries are shaped for that: the reference data comes in
one query, each part's page carries its own total (a window count), and the regions
and languages of a page's rows come in one query through the link tables.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Avg,
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear, Greatest, Least, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from webinars.models import (
    AnsweredQuestion,
    Expert,
    Feedback,
    Language,
    Material,
    Region,
    RegionalGroup,
    ScopeArea,
    Series,
    SuggestionReview,
    Webinar,
)
from webinars.page_cache import catalogue_version

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
REFERENCE_TIMEOUT = 3600


def _public_webinars() -> QuerySet[Webinar]:
    return Webinar.objects.select_related("topic", "topic__scope_area", "series").prefetch_related(
        "regions",
        "languages",
        Prefetch("materials", queryset=Material.objects.filter(is_published=True), to_attr="published_materials"),
    )


def held_webinars() -> QuerySet[Webinar]:
    return _public_webinars().held().order_by("-starts_at")


# --- Reference data ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """The small tables every public page labels things with, plus the years on offer."""

    regions: tuple[Region, ...] = ()
    languages: tuple[Language, ...] = ()
    groups: tuple[RegionalGroup, ...] = ()
    scope_areas: tuple[ScopeArea, ...] = ()
    years: tuple[int, ...] = ()
    _by_pk: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for kind in ("regions", "languages", "groups", "scope_areas"):
            self._by_pk[kind] = {obj.pk: obj for obj in getattr(self, kind)}

    def region(self, pk):
        return self._by_pk["regions"].get(pk)

    def language(self, pk):
        return self._by_pk["languages"].get(pk)

    def scope_area(self, pk):
        return self._by_pk["scope_areas"].get(pk)


# One row shape for the four tables: kind, id, code, order, then the label in each language.
_REFERENCE_TABLES = (
    ("regions", Region, "name"),
    ("languages", Language, "name"),
    ("groups", RegionalGroup, "name"),
    ("scope_areas", ScopeArea, "title"),
)


def _label_columns(label_field: str) -> list[str]:
    return [build_localized_fieldname(label_field, code) for code in LANGUAGE_CODES]


def _load_reference() -> Reference:
    """Read the four reference tables and the webinar years in one UNION ALL query.

    Plain QuerySets (not modeltranslation's manager, which reorders values_list
    columns) so every arm selects its columns in the order written here.
    """
    arms = []
    for kind, model, label_field in _REFERENCE_TABLES:
        labels = {
            f"label_{n}": model._meta.get_field(name).attname for n, name in enumerate(_label_columns(label_field))
        }
        queryset = QuerySet(model=model).order_by()
        if model is RegionalGroup:
            queryset = queryset.filter(is_active=True)
        arms.append(
            queryset.annotate(kind=Value(kind), **{alias: F(column) for alias, column in labels.items()}).values_list(
                "kind", "id", "code", "order", *labels
            )
        )
    empty_labels = {f"label_{n}": Value(None, output_field=CharField()) for n in range(len(LANGUAGE_CODES))}
    arms.append(
        QuerySet(model=Webinar)
        .order_by()
        .exclude(status=Webinar.Status.PLANNED)
        .exclude(starts_at=None)
        .annotate(
            kind=Value("years"),
            year=Cast(ExtractYear("starts_at"), IntegerField()),
            no_code=Value("", output_field=CharField()),
            no_order=Value(0, output_field=IntegerField()),
            **empty_labels,
        )
        .values_list("kind", "year", "no_code", "no_order", *empty_labels)
        .distinct()
    )
    rows: dict[str, list] = defaultdict(list)
    for kind, pk, code, order, *labels in arms[0].union(*arms[1:], all=True):
        rows[kind].append((pk, code, order, labels))

    objects = {}
    for kind, model, label_field in _REFERENCE_TABLES:
        columns = ["id", "code", "order", *_label_columns(label_field)]
        built = [
            _instance(model, dict(zip(columns, [pk, code, order, *labels], strict=True)))
            for pk, code, order, labels in rows[kind]
        ]
        objects[kind] = tuple(sorted(built, key=lambda obj: (obj.order, obj.code)))
    this_year = timezone.localdate().year
    years = {pk for pk, _code, _order, _labels in rows["years"]} | {this_year, this_year + 1}
    return Reference(years=tuple(sorted(years, reverse=True)), **objects)


def _instance(model, values: dict):
    """A model instance from some of its columns, as the ORM builds one (the rest deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db("default", names, [values[name] for name in names])


def reference_data() -> Reference:
    """The reference snapshot, cached until the catalogue changes."""
    key = f"webinars:reference:{catalogue_version()}"
    reference = cache.get(key)
    if reference is None:
        reference = _load_reference()
        cache.set(key, reference, REFERENCE_TIMEOUT)
    return reference


# --- The topic list's parts ---------------------------------------------------------------


# Webinars still to come, as the topic list's "scheduled" part shows them: a postponed one
# stays there (without a date) until it is scheduled again or cancelled; one to be scheduled
# shows there with its planned month or quarter ("date to be announced") until it has a date.
UPCOMING_STATUSES = (Webinar.Status.SCHEDULED, Webinar.Status.POSTPONED, Webinar.Status.TO_BE_SCHEDULED)


def listed_webinars() -> QuerySet[Webinar]:
    """What the topic list can show: public webinars held, scheduled or postponed (not cancelled)."""
    return Webinar.objects.public().filter(status__in=[Webinar.Status.HELD, *UPCOMING_STATUSES])


# The list's rows carry only what a card shows: all the title columns (for the
# fallback), never the long texts, which would make every sort and count wide.
def _card_columns() -> list[str]:
    return [
        "id",
        "slug",
        "status",
        "starts_at",
        "planned_period",
        "series_position",
        *translated_columns("title"),
        "series__id",
        "series__slug",
        *(f"series__{name}" for name in translated_columns("title")),
    ]


def _card_rows(queryset: QuerySet[Webinar]) -> QuerySet[Webinar]:
    has_summary = Q()
    for column in translated_columns("summary"):
        has_summary |= ~Q(**{column: ""})
    return (
        queryset.select_related("series")
        .only(*_card_columns())
        .annotate(has_summary=ExpressionWrapper(has_summary, output_field=BooleanField()))
    )


def held_part(queryset: QuerySet[Webinar]) -> QuerySet[Webinar]:
    """Held webinars, latest first, with their published materials and answered questions."""
    answered = (
        AnsweredQuestion.objects.filter(webinar=OuterRef("pk"), is_published=True)
        .order_by()
        .values("webinar")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        _card_rows(queryset.filter(status=Webinar.Status.HELD))
        .annotate(answered_count=Coalesce(Subquery(answered), 0))
        .prefetch_related(
            Prefetch(
                "materials",
                queryset=Material.objects.filter(is_published=True).order_by("kind", "pk"),
                to_attr="published_materials",
            )
        )
        .order_by("-starts_at", "pk")
    )


def scheduled_part(queryset: QuerySet[Webinar]) -> QuerySet[Webinar]:
    """Scheduled webinars, soonest first, then those awaiting a date: by planned period, the
    postponed ones (no period) first."""
    return _card_rows(queryset.filter(status__in=UPCOMING_STATUSES)).order_by(
        F("starts_at").asc(nulls_last=True), "planned_period", "pk"
    )


@dataclass
class PartPage:
    """One page of one part of the list; a Paginator page without the extra COUNT query."""

    items: list
    number: int
    per_page: int
    count: int
    was_out_of_range: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.count else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.items) - 1 if self.items else 0


def page_of(queryset: QuerySet, *, number: int, per_page: int) -> PartPage:
    """Fetch one page and the part's total in a single query, whatever the page asked for.

    The total comes with the rows (COUNT(*) OVER ()). A later page is picked by row
    number, bounded by the last page, so a page past the end shows the last page (and
    says so) without a second query.
    """
    counted = queryset.annotate(listed_total=Window(Count("pk")))
    if number <= 1:
        items = list(counted[:per_page])
        return PartPage(items=items, number=1, per_page=per_page, count=items[0].listed_total if items else 0)
    last_page_start = Greatest((F("listed_total") - 1) / per_page * per_page, 0)
    start = Least(Value((number - 1) * per_page), last_page_start)
    items = list(
        counted.annotate(listed_row=Window(RowNumber(), order_by=list(queryset.query.order_by)))
        .filter(listed_row__gt=start, listed_row__lte=start + per_page)
        .order_by("listed_row")
    )
    count = items[0].listed_total if items else 0
    shown = min(number, max(1, math.ceil(count / per_page)))
    return PartPage(items=items, number=shown, per_page=per_page, count=count, was_out_of_range=shown != number)


def attach_regions_and_languages(webinars: Sequence[Webinar], reference: Reference) -> None:
    """Set listed_regions and listed_languages on each webinar, in one query for all of them."""
    link_rows = link_table_rows(
        [w.pk for w in webinars],
        regions=(Webinar.regions.through, "webinar_id", "region_id"),
        languages=(Webinar.languages.through, "webinar_id", "language_id"),
    )
    for webinar in webinars:
        webinar.listed_regions = sorted_references(link_rows["regions"].get(webinar.pk, ()), reference.region)
        webinar.listed_languages = sorted_references(link_rows["languages"].get(webinar.pk, ()), reference.language)


def link_table_rows(owner_ids: list[int], **tables) -> dict[str, dict[int, list[int]]]:
    """Rows of several many-to-many link tables for the given owners, in one UNION ALL query.

    tables: name=(through model, owner column, target column). Returns
    {name: {owner id: [target ids]}}.
    """
    result: dict[str, dict[int, list[int]]] = {name: defaultdict(list) for name in tables}
    if not owner_ids or not tables:
        return result
    arms = [
        through.objects.filter(**{f"{owner}__in": owner_ids})
        .order_by()
        .annotate(kind=Value(name))
        .values_list("kind", owner, target)
        for name, (through, owner, target) in tables.items()
    ]
    for name, owner_id, target_id in arms[0].union(*arms[1:], all=True):
        result[name][owner_id].append(target_id)
    return result


def sorted_references(pks: Iterable[int], lookup) -> list:
    found = [obj for obj in (lookup(pk) for pk in pks) if obj is not None]
    return sorted(found, key=lambda obj: (obj.order, obj.code))


# --- Webinar and series pages ----------------------------------------------------------------


# Rules of later apps that keep an expert off a webinar's public page, each a function of
# the webinar filter (``Q(webinar__slug=...)``) giving the experts to hide: the delivery
# app hides an invited expert until they accept.
EXPERT_HIDING_RULES: list[Callable[[Q], Q]] = []


def hide_experts_when(rule: Callable[[Q], Q]) -> None:
    """Register a rule (from a later app's ``AppConfig.ready()``) that hides experts on public pages."""
    if rule not in EXPERT_HIDING_RULES:
        EXPERT_HIDING_RULES.append(rule)


def public_experts(*, webinar_filter: Q) -> QuerySet[Expert]:
    """The experts a webinar's public page may name, with the public fields only."""
    experts = Expert.objects.all()
    for rule in EXPERT_HIDING_RULES:
        experts = experts.exclude(rule(webinar_filter))
    return experts.only("pk", "name", *translated_columns("title", "biography"))


def public_webinar(*, slug: str) -> Webinar:
    """A public webinar with everything its page shows; 404 for one still being planned."""
    queryset = (
        Webinar.objects.public()
        .select_related("topic", "topic__scope_area", "series")
        .prefetch_related(
            "regions",
            "languages",
            Prefetch("experts", queryset=public_experts(webinar_filter=Q(webinar__slug=slug))),
            Prefetch(
                "materials",
                queryset=Material.objects.filter(is_published=True).select_related("language").order_by("kind", "pk"),
                to_attr="published_materials",
            ),
            Prefetch(
                "answered_questions",
                queryset=AnsweredQuestion.objects.filter(is_published=True),
                to_attr="published_answers",
            ),
        )
    )
    return get_object_or_404(queryset, slug=slug)


def public_webinar_id(*, slug: str) -> int:
    """The id of a public webinar (what public_webinar() would find); 404 otherwise."""
    found = Webinar.objects.public().filter(slug=slug).values_list("pk", flat=True).first()
    if found is None:
        raise Http404("No public webinar has this address.")
    return found


def translated_columns(*names: str) -> list[str]:
    """A translated field's columns: the original one and one per language."""
    return [name for base in names for name in (base, *(build_localized_fieldname(base, c) for c in LANGUAGE_CODES))]


@dataclass(frozen=True)
class SeriesPart:
    """A part of a graded series as the public sees it: a planned part shows no title."""

    position: int
    webinar: Webinar | None  # None while the part is still being planned


def series_parts(series: Series) -> list[SeriesPart]:
    parts = series.parts.order_by("series_position").select_related("series")
    return [
        SeriesPart(position=part.series_position, webinar=None if part.status == Webinar.Status.PLANNED else part)
        for part in parts
    ]


def public_series(*, slug: str) -> Series:
    """A series with at least one public part; a series still entirely planned is a 404."""
    public_parts = Webinar.objects.public().filter(series=OuterRef("pk"))
    return get_object_or_404(Series.objects.select_related("topic").filter(Exists(public_parts)), slug=slug)


# --- Feeds ---------------------------------------------------------------------------------------


# A cancelled webinar stays in the iCalendar feed, marked cancelled, until this many days after
# the date it had: a webinar that vanished from a feed would stay in some subscribers' calendars.
CANCELLED_IN_FEED_DAYS = 30


def calendar_webinars(queryset: QuerySet[Webinar] | None = None, *, now=None) -> QuerySet[Webinar]:
    """The iCalendar feed's webinars, soonest first: the scheduled ones, and the cancelled ones
    until CANCELLED_IN_FEED_DAYS after their date, so subscribed calendars see them cancelled.

    A postponed webinar has no date to show: leaving the feed takes it out of calendars until
    its new date brings it back (same UID, higher SEQUENCE).
    """
    kept_since = (now or timezone.now()) - timezone.timedelta(days=CANCELLED_IN_FEED_DAYS)
    queryset = Webinar.objects.public() if queryset is None else queryset
    return (
        queryset.filter(
            Q(status=Webinar.Status.SCHEDULED) | Q(status=Webinar.Status.CANCELLED, starts_at__gte=kept_since)
        )
        .select_related("topic")
        .order_by("starts_at", "pk")
    )


def newly_published_materials(*, limit: int = 30) -> QuerySet[Material]:
    """Published materials of public webinars, newest first."""
    return (
        Material.objects.filter(is_published=True, webinar__in=Webinar.objects.public())
        .select_related("webinar")
        .order_by("-published_at", "-pk")[:limit]
    )


def search_filter(text: str, fields: Iterable[str], languages: Iterable[str]) -> Q:
    """icontains on each translated field, in each of the given languages."""
    condition = Q()
    for name in fields:
        prefix, _sep, base = name.rpartition("__")
        for code in languages:
            localized = build_localized_fieldname(base, code)
            condition |= Q(**{f"{prefix + '__' if prefix else ''}{localized}__icontains": text})
    return condition


def published_material_file(*, pk: int) -> Material:
    """An uploaded file of a public webinar that the Secretariat published; 404 otherwise."""
    return get_object_or_404(
        Material.objects.filter(is_published=True, webinar__in=Webinar.objects.public()).exclude(file=""), pk=pk
    )


# --- Feedback of the survey ----------------------------------------------------------------------

# The ratings of the survey, in the order pages show them.
RATING_FIELDS = ("overall_rating", "relevance_rating", "content_rating", "expert_rating")
RATING_VALUES = (5, 4, 3, 2, 1)
RATING_LABELS = {
    "overall_rating": pgettext_lazy("rating of a webinar", "Overall"),
    "relevance_rating": pgettext_lazy("rating of a webinar", "Relevance to one's work"),
    "content_rating": pgettext_lazy("rating of a webinar", "Content"),
    "expert_rating": pgettext_lazy("rating of a webinar", "The expert's presentation"),
}


@dataclass(frozen=True)
class RatingShare:
    """How many answers gave this overall rating, and their share of all answers (a whole percent)."""

    rating: int
    count: int
    percent: int


@dataclass(frozen=True)
class FeedbackFigures:
    """A webinar's survey in figures: answers, average ratings (None when nobody gave one), the
    spread of the overall rating (5 down to 1) and the topic suggestions the page may show."""

    answers: int
    averages: dict[str, float | None]
    distribution: tuple[RatingShare, ...]
    suggestions: tuple[str, ...] = ()
    participants: int = 0
    experts: int = 0

    @property
    def average_rows(self) -> list[tuple[str, str, float]]:
        """(field, label, average) of the ratings someone gave, in RATING_FIELDS order."""
        return [
            (name, RATING_LABELS[name], self.averages[name])
            for name in RATING_FIELDS
            if self.averages.get(name) is not None
        ]


def _figures(feedback: QuerySet, *, suggestions: Iterable[str] = ()) -> FeedbackFigures:
    """Counts, averages and the spread of overall ratings in one aggregate query."""
    row = feedback.aggregate(
        answers=Count("pk"),
        participants=Count("pk", filter=Q(source=Feedback.Source.PARTICIPANT)),
        experts=Count("pk", filter=Q(source=Feedback.Source.EXPERT)),
        **{f"avg_{name}": Avg(name) for name in RATING_FIELDS},
        **{f"rated_{value}": Count("pk", filter=Q(overall_rating=value)) for value in RATING_VALUES},
    )
    answers = row["answers"]
    return FeedbackFigures(
        answers=answers,
        participants=row["participants"],
        experts=row["experts"],
        averages={name: row[f"avg_{name}"] for name in RATING_FIELDS},
        distribution=tuple(
            RatingShare(
                rating=value,
                count=row[f"rated_{value}"],
                percent=round(100 * row[f"rated_{value}"] / answers) if answers else 0,
            )
            for value in RATING_VALUES
        ),
        suggestions=tuple(suggestions),
    )


def public_feedback(webinar: Webinar) -> FeedbackFigures | None:
    """What a held webinar's public page shows of its survey, or None.

    The strategy makes feedback available to member states, so every visitor sees the figures,
    but only the participants' (the expert, named on the page, does not rate their own talk)
    and only from PORTAL_FEEDBACK_MIN_ANSWERS answers, so that nobody's answer can be told
    apart. No comment is ever shown, nor who answered; topic suggestions only once the
    Secretariat has published them. Two queries.
    """
    if webinar.status != Webinar.Status.HELD:
        return None
    answers = Feedback.objects.filter(webinar_id=webinar.pk, source=Feedback.Source.PARTICIPANT)
    figures = _figures(answers)
    if figures.answers < max(1, settings.PORTAL_FEEDBACK_MIN_ANSWERS):
        return None
    published = (
        Feedback.objects.filter(webinar_id=webinar.pk, suggestion_review=SuggestionReview.PUBLISHED)
        .exclude(topic_suggestion="")
        .order_by("pk")
        .values_list("topic_suggestion", flat=True)
    )
    return FeedbackFigures(
        answers=figures.answers,
        participants=figures.participants,
        averages=figures.averages,
        distribution=figures.distribution,
        suggestions=tuple(published),
    )


def full_feedback(webinar: Webinar) -> tuple[FeedbackFigures, list]:
    """Every answer of a webinar's survey in figures, and the answers that hold a comment or a
    suggestion (oldest first): what the groups that asked for the webinar read. Two queries."""
    answers = Feedback.objects.filter(webinar_id=webinar.pk)
    comments = list(
        answers.exclude(useful="", to_improve="", topic_suggestion="")
        .only("pk", "source", "overall_rating", "useful", "to_improve", "topic_suggestion", "submitted_at")
        .order_by("submitted_at", "pk")
    )
    suggestions = [item.topic_suggestion for item in comments if item.topic_suggestion]
    return _figures(answers, suggestions=suggestions), comments


def with_feedback_figures(queryset: QuerySet[Webinar]) -> QuerySet[Webinar]:
    """Each webinar with its number of answers and average overall rating (for lists: one query)."""
    return queryset.annotate(feedback_answers=Count("feedback"), feedback_overall=Avg("feedback__overall_rating"))
