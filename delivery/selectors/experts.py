"""The expert roster: suggestions for a webinar, the year's balance, a webinar's invitations.

The strategy: each webinar is given by "an expert (staff or external)"; member states
asked for gender parity and geographic balance among experts. So the Secretariat sees,
for a webinar, the experts whose expertise and languages fit it first, and what choosing
one does to the year's figures, in numbers (counts and shares), not colours only.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from delivery.models import ExpertInvitation
from webinars.models import Expert, Feedback, Language, Region, Webinar
from webinars.periods import parse_period

# Words too common to say anything about an expert's field.
STOP_WORDS = frozenset(
    {"about", "after", "also", "and", "for", "from", "into", "its", "more", "the", "their", "them", "then", "these"}
    | {"this", "those", "through", "under", "what", "when", "with", "within", "without", "your"}
    | {"pour", "dans", "avec", "des", "les", "une", "sur", "par", "para", "con", "los", "las", "del"}
)
# Webinars whose experts count in a year's balance: everything but a cancelled one.
COUNTED_STATUSES = (
    Webinar.Status.PLANNED,
    Webinar.Status.TO_BE_SCHEDULED,
    Webinar.Status.SCHEDULED,
    Webinar.Status.POSTPONED,
    Webinar.Status.HELD,
)


# The roster ---------------------------------------------------------------------------


def _participant_feedback(prefix: str = "") -> Q:
    return Q(**{f"{prefix}source": Feedback.Source.PARTICIPANT})


def roster_experts(*, filters: dict | None = None) -> QuerySet[Expert]:
    """Experts of the roster with their past (held) webinars and their feedback score.

    The score is what participants gave the expert (``expert_rating``), or failing that
    their overall rating of the expert's webinars, averaged over held webinars.
    Filters: scope_area, language, region (objects or ids), gender, kind, is_active.
    """
    filters = filters or {}
    queryset = Expert.objects.select_related("region").prefetch_related("languages", "scope_areas")
    if filters.get("scope_area"):
        queryset = queryset.filter(scope_areas=filters["scope_area"])
    if filters.get("language"):
        queryset = queryset.filter(languages=filters["language"])
    if filters.get("region"):
        queryset = queryset.filter(region=filters["region"])
    if filters.get("gender"):
        queryset = queryset.filter(gender=filters["gender"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("is_active") is not None:
        queryset = queryset.filter(is_active=filters["is_active"])
    held = Q(webinars__status=Webinar.Status.HELD)
    rated = held & _participant_feedback("webinars__feedback__")
    return queryset.annotate(
        past_webinar_count=Count("webinars", filter=held, distinct=True),
        expert_score=Avg("webinars__feedback__expert_rating", filter=rated),
        overall_score=Avg("webinars__feedback__overall_rating", filter=rated),
    ).annotate(score=Coalesce("expert_score", "overall_score"))


def past_webinars(*, expert: Expert) -> QuerySet[Webinar]:
    """The webinars an expert gave, newest first, with their participants' average ratings."""
    rated = _participant_feedback("feedback__")
    return (
        expert.webinars.filter(status=Webinar.Status.HELD)
        .select_related("topic")
        .annotate(
            expert_score=Avg("feedback__expert_rating", filter=rated),
            overall_score=Avg("feedback__overall_rating", filter=rated),
            answer_count=Count("feedback", filter=rated),
        )
        .order_by("-starts_at")
    )


def webinars_needing_experts(*, today=None) -> QuerySet[Webinar]:
    """Planned, scheduled and postponed webinars from today on (soonest first, undated ones last), with
    how many experts they have and how many invitations await an answer: the roster's way
    into each webinar's suggestions and invitations."""
    today = today or timezone.localdate()
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    return (
        Webinar.objects.filter(status__in=[Webinar.Status.PLANNED, Webinar.Status.SCHEDULED, Webinar.Status.POSTPONED])
        .filter(Q(starts_at__gte=start_of_today) | Q(starts_at__isnull=True))
        .annotate(
            expert_count=Count("experts", distinct=True),
            open_invitation_count=Count(
                "expert_invitations",
                filter=Q(expert_invitations__state__in=ExpertInvitation.OPEN_STATES),
                distinct=True,
            ),
        )
        .order_by(F("starts_at").asc(nulls_last=True), "title", "pk")
    )


def expert_language(expert: Expert) -> str:
    """The expert's first language that the portal speaks, or the portal's default.

    Reads ``expert.languages.all()``, so a list of experts prefetches them once.
    """
    portal_languages = {code for code, _name in settings.LANGUAGES}
    spoken = sorted(expert.languages.all(), key=lambda language: (language.order, language.code))
    return next((language.code for language in spoken if language.code in portal_languages), settings.LANGUAGE_CODE)


# The year's balance -------------------------------------------------------------------


@dataclass(frozen=True)
class YearExpert:
    pk: int
    gender: str
    region_id: int | None


def _share(count: int, total: int) -> int | None:
    return round(100 * count / total) if total else None


@dataclass(frozen=True)
class Figures:
    """Counts of the year's experts (each counted once) by gender and by region."""

    total: int
    by_gender: dict[str, int]
    by_region: dict[int | None, int]

    @classmethod
    def of(cls, experts: list[YearExpert]) -> "Figures":
        by_gender = {gender: 0 for gender in Expert.Gender.values}
        by_region: dict[int | None, int] = {}
        for expert in experts:
            by_gender[expert.gender] = by_gender.get(expert.gender, 0) + 1
            by_region[expert.region_id] = by_region.get(expert.region_id, 0) + 1
        return cls(total=len(experts), by_gender=by_gender, by_region=by_region)

    def gender_share(self, gender: str) -> int | None:
        """Percentage of the year's experts of this gender, rounded; None without experts."""
        return _share(self.by_gender.get(gender, 0), self.total)

    @property
    def women(self) -> int:
        return self.by_gender.get(Expert.Gender.FEMALE, 0)

    @property
    def women_share(self) -> int | None:
        return self.gender_share(Expert.Gender.FEMALE)

    @property
    def regions_covered(self) -> int:
        return len([region for region in self.by_region if region is not None])


@dataclass(frozen=True)
class CountRow:
    """One line of the balance table: a gender or a region, before and after."""

    key: str | int | None
    label: str
    before: int
    after: int
    before_share: int | None
    after_share: int | None

    @property
    def changes(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Balance:
    """The year's figures before and after adding a candidate (the same when none or known)."""

    year: int
    before: Figures
    after: Figures
    region_count: int
    candidate: Expert | None = None
    is_new_expert: bool = False
    gender_rows: list[CountRow] = field(default_factory=list)
    region_rows: list[CountRow] = field(default_factory=list)

    @property
    def adds_region(self) -> bool:
        return self.after.regions_covered > self.before.regions_covered

    @property
    def candidate_gender_row(self) -> CountRow | None:
        """The line the candidate moves: their gender's count and share."""
        if self.candidate is None:
            return None
        return next((row for row in self.gender_rows if row.key == self.candidate.gender), None)

    @property
    def candidate_region_row(self) -> CountRow | None:
        if self.candidate is None:
            return None
        return next((row for row in self.region_rows if row.key == self.candidate.region_id), None)


@dataclass(frozen=True)
class WebinarYear:
    """The year a webinar belongs to, and what it was read from: "date", "period", "plan" or "today"."""

    year: int
    basis: str


def webinar_year(webinar: Webinar, *, plan_year: int | None = None) -> WebinarYear:
    """The webinar's year, as ``year_experts`` counts it: the year of its date on the committee's
    clock (Geneva); without a date, the year of its planned period ("2027-Q2": a webinar of next
    year's plan to be scheduled); without either, the year of the plan it came from (``plan_year``:
    planning's, which the screen reads through planning.selectors); else the current year."""
    if webinar.starts_at:
        return WebinarYear(timezone.localtime(webinar.starts_at).year, "date")
    period = parse_period(webinar.planned_period)
    if period is not None:
        return WebinarYear(period.year, "period")
    if plan_year is not None:
        return WebinarYear(plan_year, "plan")
    return WebinarYear(timezone.localdate().year, "today")


def year_of(webinar: Webinar, *, plan_year: int | None = None) -> int:
    """The webinar's year (``webinar_year``)."""
    return webinar_year(webinar, plan_year=plan_year).year


def year_experts(*, year: int, undated_webinar_ids=()) -> list[YearExpert]:
    """The experts of the year's webinars (planned, to be scheduled, scheduled, postponed or held), once each.

    A webinar is the year's as ``webinar_year`` says: by its date, else by its planned period,
    else by its plan (``undated_webinar_ids``: the webinars of the year's plan with neither).
    """
    undated = Q(webinars__starts_at__isnull=True)
    in_year = (
        Q(webinars__starts_at__year=year)
        | (undated & Q(webinars__planned_period__startswith=f"{year}-"))
        | (undated & Q(webinars__planned_period="", webinars__pk__in=list(undated_webinar_ids)))
    )
    rows = (
        Expert.objects.filter(Q(webinars__status__in=COUNTED_STATUSES) & in_year)
        .values_list("pk", "gender", "region_id")
        .distinct()
        .order_by("pk")
    )
    return [YearExpert(*row) for row in rows]


def _balance(
    *, year: int, experts: list[YearExpert], regions: list[Region], candidate: Expert | None = None
) -> Balance:
    before = Figures.of(experts)
    known = {expert.pk for expert in experts}
    is_new = candidate is not None and candidate.pk not in known
    after_experts = [*experts, YearExpert(candidate.pk, candidate.gender, candidate.region_id)] if is_new else experts
    after = Figures.of(after_experts)
    gender_rows = [
        CountRow(
            value,
            str(label),
            before.by_gender.get(value, 0),
            after.by_gender.get(value, 0),
            before.gender_share(value),
            after.gender_share(value),
        )
        for value, label in Expert.Gender.choices
    ]
    region_labels = [(region.pk, str(region)) for region in regions]
    if before.by_region.get(None) or after.by_region.get(None):
        region_labels.append((None, _("Region not given")))
    region_rows = [
        CountRow(
            pk,
            label,
            before.by_region.get(pk, 0),
            after.by_region.get(pk, 0),
            _share(before.by_region.get(pk, 0), before.total),
            _share(after.by_region.get(pk, 0), after.total),
        )
        for pk, label in region_labels
    ]
    return Balance(
        year=year,
        before=before,
        after=after,
        region_count=len(regions),
        candidate=candidate,
        is_new_expert=is_new,
        gender_rows=gender_rows,
        region_rows=region_rows,
    )


def year_balance(*, year: int, adding: Expert | None = None, undated_webinar_ids=()) -> Balance:
    """Gender and regional figures of the year's experts, before and after adding a candidate.

    Members asked for gender parity and geographic balance: e.g. women 2 of 5 (40%)
    become 3 of 6 (50%), regions covered 3 become 4. An expert already giving a webinar
    that year is counted once, so adding them changes nothing.
    """
    return _balance(
        year=year,
        experts=year_experts(year=year, undated_webinar_ids=undated_webinar_ids),
        regions=list(Region.objects.all()),
        candidate=adding,
    )


# Suggestions --------------------------------------------------------------------------


def topic_words(text: str) -> set[str]:
    """The meaningful words of a title: four letters or more, not a common word."""
    return {word for word in re.findall(r"\w{4,}", (text or "").lower()) if word not in STOP_WORDS}


@dataclass
class Suggestion:
    expert: Expert
    has_scope_area: bool
    matched_words: list[str]
    matched_languages: list[Language]
    balance: Balance

    @property
    def expertise_rank(self) -> tuple[int, int]:
        return (int(self.has_scope_area), len(self.matched_words))

    @property
    def score(self) -> float | None:
        return self.expert.score


def suggest_experts(
    *, webinar: Webinar, limit: int = 10, year: int | None = None, undated_webinar_ids=()
) -> list[Suggestion]:
    """Active roster experts ranked for a webinar, each with what they do to its year's balance.

    The year is the webinar's (``webinar_year``) unless given. Experts already giving the
    webinar are left out. See ``rank_experts`` for the order.
    """
    return rank_experts(
        topic=webinar.topic,
        title=webinar.title,
        languages=list(webinar.languages.all()),
        year=year_of(webinar) if year is None else year,
        undated_webinar_ids=undated_webinar_ids,
        exclude=webinar.experts.values("pk"),
        limit=limit,
    )


def rank_experts(
    *, topic, title: str, languages, year: int, undated_webinar_ids=(), exclude=(), limit: int = 10
) -> list[Suggestion]:
    """Active roster experts ranked for a talk still to give (a webinar, or a plan entry).

    Order: expertise first (the topic's scope area among theirs, then how many words of
    the topic's and the talk's titles their expertise names), then how many of the talk's
    languages they speak, then the participants' ratings of their past webinars. Each
    suggestion carries what choosing the expert does to the year's gender and regional
    figures. A handful of queries whatever the roster's size.
    """
    words = topic_words(f"{topic.title if topic else ''} {title}")
    scope_area_id = topic.scope_area_id if topic else None
    language_ids = {language.pk for language in languages}
    experts = list(roster_experts(filters={"is_active": True}).exclude(pk__in=exclude))
    base = year_experts(year=year, undated_webinar_ids=undated_webinar_ids)
    regions = list(Region.objects.all())
    suggestions = []
    for expert in experts:
        expertise = topic_words(expert.expertise)
        suggestions.append(
            Suggestion(
                expert=expert,
                has_scope_area=scope_area_id is not None
                and any(area.pk == scope_area_id for area in expert.scope_areas.all()),
                matched_words=sorted(words & expertise),
                matched_languages=[language for language in expert.languages.all() if language.pk in language_ids],
                balance=_balance(year=year, experts=base, regions=regions, candidate=expert),
            )
        )
    suggestions.sort(
        key=lambda s: (
            -s.expertise_rank[0],
            -s.expertise_rank[1],
            -len(s.matched_languages),
            -(s.score or 0),
            s.expert.name.lower(),
        )
    )
    return suggestions[:limit]


# Invitations --------------------------------------------------------------------------


def webinar_invitations(*, webinar: Webinar) -> QuerySet[ExpertInvitation]:
    return webinar.expert_invitations.select_related("expert", "invited_by").order_by("-invited_at", "-pk")
