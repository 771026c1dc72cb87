"""The expert roster: suggestions for a webinar, the year's balance, a webinar's invitations.

The strategy: each webinar is given by "an expert (staff or external)"; member states
asked for gender parity and geographic balance among experts. So the Secretariat sees,
for a webinar, the experts whose expertise and languages fit it first, and what choosing
one does to the year's figures, in numbers (counts and shares), not colours only.
"""

from dataclasses import dataclass, field
from datetime import datetime, time

import numpy as np
from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from delivery.models import ExpertInvitation
from similarity import encoder, registry, thesaurus
from similarity.thesaurus import ConceptName
from similarity.vectors import vectors_for
from webinars.models import Expert, Feedback, Language, Region, Webinar
from webinars.periods import parse_period

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

# How experts are ranked for a talk (a webinar, or a plan entry): the sentence encoder's
# similarity between the talk's text and the expert's (expertise, position, biography), a
# cosine that is comparable across the six languages (in practice 0 to about 0.8), plus a
# few points for what the texts do not say. The points are small on purpose: they decide
# between experts whose expertise fits about as well, never against a clearly closer one.
#
# Tuned on the independent evaluation set similarity/evaluation/experts.json (46 experts
# writing in six languages, 31 proposals; bench/bench_experts.py reports expert_top1 and
# expert_top3): the similarity alone puts a right expert first for 24 of 31 proposals and
# among the first three for 28. The set's right experts seldom speak the proposal's
# language (3 of 31), and the encoder already rates a text in the talk's own language a
# little higher (about +0.02 for the wrong experts), so points for languages can only lose
# there. "Speaks one of the talk's languages" costs nothing up to 0.03 when the talk is
# also given in English, as most are (0.05 costs a first place), and three first places
# (24 to 21) when it is given in one language only; counting the share of the talk's
# languages spoken costs more in both. 0.03 is kept: the Secretariat prefers, between two
# experts who fit as well, the one who can speak to the audience. The set has no scope
# areas, ratings, genders or regions: those points are a judgement (an area of the
# strategy is broad; a rating and the balance break near ties).
SCOPE_AREA_POINTS = 0.05  # the talk's topic is in one of the expert's areas of expertise
LANGUAGE_POINTS = 0.03  # the expert speaks at least one of the talk's languages
RATING_POINTS = 0.02  # participants' 5 of 5 adds this much, 1 of 5 takes it away, 3 of 5 nothing
PARITY_POINTS = 0.02  # one more expert of the gender the year has fewer of (women or men)
NEW_REGION_POINTS = 0.02  # an expert from a region no expert of the year comes from yet
# What the similarity is called beside a suggestion. On the evaluation set, right experts
# score 0.13 to 0.73 (half of them above 0.47), wrong ones 0.14 on average: 8 % of the
# wrong ones reach 0.3 and almost none 0.5.
CLOSE_SIMILARITY = 0.5
RELATED_SIMILARITY = 0.3


@dataclass(frozen=True)
class Reason:
    """One line of a suggestion's explanation, and what it adds to the ranking score (None: nothing)."""

    kind: str  # similarity, scope_area, subjects, languages, rating, parity, region
    text: str
    points: float | None = None


@dataclass
class Suggestion:
    expert: Expert
    similarity: float  # the encoder's cosine between the talk's text and the expert's
    has_text: bool  # the expert has a text to compare (expertise, position or biography)
    has_scope_area: bool
    speaks_a_language: bool  # at least one of the talk's languages
    helps_parity: bool
    adds_region: bool
    fit: float = 0.0  # the ranking score: the similarity plus the points
    # Filled in for the suggestions kept: the talk's languages the expert speaks, the year's
    # figures before and after choosing them, the thesaurus's subjects both texts name, and why.
    matched_languages: list[Language] = field(default_factory=list)
    balance: Balance | None = None
    shared_subjects: list[ConceptName] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        """The participants' rating of the expert's past webinars (1 to 5), if any."""
        return self.expert.score


def suggest_experts(
    *, webinar: Webinar, limit: int = 10, year: int | None = None, undated_webinar_ids=()
) -> list[Suggestion]:
    """Active roster experts ranked for a webinar, each with what they do to its year's balance.

    The webinar's text is read from its stored vector (similarity.vectors). The year is the
    webinar's (``webinar_year``) unless given. Experts already giving the webinar are left
    out. See ``rank_experts`` for the order.
    """
    return rank_experts(
        topic=webinar.topic,
        title=webinar.title,
        languages=list(webinar.languages.all()),
        year=year_of(webinar) if year is None else year,
        undated_webinar_ids=undated_webinar_ids,
        exclude=webinar.experts.values("pk"),
        limit=limit,
        about=[webinar],
    )


def rank_experts(
    *, topic, title: str, languages, year: int, undated_webinar_ids=(), exclude=(), limit: int = 10, about=()
) -> list[Suggestion]:
    """Active roster experts ranked for a talk still to give (a webinar, or a plan entry).

    The talk's text is that of ``about``, objects registered with similarity.registry whose
    stored vectors stand for it (the webinar; a plan entry's source proposals), read, not
    encoded; without them, the topic's and the talk's titles, encoded once for this call (a
    plan entry has no vector of its own). Order: the similarity of the expert's text to the
    talk's, in any of the six languages, plus points for the topic's scope area among the
    expert's areas, the talk's languages they speak, the participants' ratings of their past
    webinars and what choosing them does to the year's gender and regional balance (see the
    weights above). Each suggestion says why in words, with the subjects of the thesaurus
    both texts name, and carries the year's figures before and after choosing the expert.
    A handful of queries whatever the roster's size.
    """
    about = list(about)
    scope_area_id = topic.scope_area_id if topic else None
    language_ids = {language.pk for language in languages}
    # The whole roster is scored from ids and vectors; only the suggestions kept get their
    # languages, areas and region as objects (for 2,000 experts, prefetching them all costs
    # more than the rest of the ranking).
    experts = list(
        roster_experts(filters={"is_active": True}).select_related(None).prefetch_related(None).exclude(pk__in=exclude)
    )
    spoken = _related_ids(Expert.languages.through, "language_id")
    areas = _related_ids(Expert.scope_areas.through, "scopearea_id")
    vectors = vectors_for([*about, *experts])
    talk_text = registry.joined(topic.title if topic else "", *(registry.text_of(obj) for obj in about))
    talk = _unit(vectors[: len(about)].sum(axis=0)) if about else None
    if talk is None:  # no stored text stands for the talk: its titles, encoded now
        talk = _unit(encoder.encode([registry.joined(topic.title if topic else "", title)])[0])
        talk_text = registry.joined(talk_text, title)
    similarities = vectors[len(about) :] @ talk if talk is not None else np.zeros(len(experts))
    has_text = np.abs(vectors[len(about) :]).sum(axis=1) > 0

    base = year_experts(year=year, undated_webinar_ids=undated_webinar_ids)
    before = Figures.of(base)
    in_year = {expert.pk for expert in base}
    suggestions = []
    for n, expert in enumerate(experts):
        is_new = expert.pk not in in_year
        suggestion = Suggestion(
            expert=expert,
            similarity=float(similarities[n]) if has_text[n] else 0.0,
            has_text=bool(has_text[n]),
            has_scope_area=scope_area_id in areas.get(expert.pk, ()),
            speaks_a_language=bool(language_ids & spoken.get(expert.pk, set())),
            helps_parity=is_new and _closer_to_parity(before, expert.gender),
            adds_region=is_new and expert.region_id is not None and expert.region_id not in before.by_region,
        )
        suggestion.fit = suggestion.similarity + sum(points for _kind, points in _points(suggestion))
        suggestions.append(suggestion)
    suggestions.sort(key=lambda s: (-s.fit, s.expert.name.lower(), s.expert.pk))
    kept = suggestions[:limit]

    regions = list(Region.objects.all())
    region_by_pk = {region.pk: region for region in regions}
    prefetch_related_objects([suggestion.expert for suggestion in kept], "languages", "scope_areas")
    words = thesaurus.current()
    for suggestion in kept:
        expert = suggestion.expert
        expert.region = region_by_pk.get(expert.region_id)
        suggestion.matched_languages = [language for language in expert.languages.all() if language.pk in language_ids]
        suggestion.balance = _balance(year=year, experts=base, regions=regions, candidate=expert)
        suggestion.shared_subjects = words.shared_concepts(talk_text, None, registry.text_of(expert), None)
        suggestion.reasons = _reasons(suggestion, topic=topic, languages=languages)
    return kept


def _related_ids(through, column: str) -> dict[int, set[int]]:
    """The ids an m2m table links to each active expert (their languages, their areas), in one query."""
    related: dict[int, set[int]] = {}
    for expert_id, other_id in through.objects.filter(expert__is_active=True).values_list("expert_id", column):
        related.setdefault(expert_id, set()).add(other_id)
    return related


def _unit(vector: np.ndarray) -> np.ndarray | None:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else None


def _closer_to_parity(before: Figures, gender: str) -> bool:
    """One more expert of this gender brings the year's numbers of women and men closer together."""
    women, men = before.by_gender.get(Expert.Gender.FEMALE, 0), before.by_gender.get(Expert.Gender.MALE, 0)
    if gender == Expert.Gender.FEMALE:
        return women < men
    if gender == Expert.Gender.MALE:
        return men < women
    return False


def _points(suggestion: Suggestion) -> list[tuple[str, float]]:
    """What each signal besides the similarity adds to the ranking score."""
    points = []
    if suggestion.has_scope_area:
        points.append(("scope_area", SCOPE_AREA_POINTS))
    if suggestion.speaks_a_language:
        points.append(("languages", LANGUAGE_POINTS))
    if suggestion.score is not None:
        points.append(("rating", RATING_POINTS * (float(suggestion.score) - 3) / 2))
    if suggestion.helps_parity:
        points.append(("parity", PARITY_POINTS))
    if suggestion.adds_region:
        points.append(("region", NEW_REGION_POINTS))
    return points


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


def _similarity_reason(suggestion: Suggestion) -> Reason:
    if not suggestion.has_text:
        return Reason("similarity", _("No expertise on file to compare with the subject."))
    if suggestion.similarity >= CLOSE_SIMILARITY:
        text = _("Expertise close to the subject (%(similarity)s).")
    elif suggestion.similarity >= RELATED_SIMILARITY:
        text = _("Expertise related to the subject (%(similarity)s).")
    else:
        text = _("Expertise far from the subject (%(similarity)s).")
    return Reason("similarity", text % {"similarity": number_format(suggestion.similarity, 2)})


def _parity_reason(suggestion: Suggestion, points: float) -> Reason:
    gender, balance = suggestion.expert.gender, suggestion.balance
    figures = {
        "before": balance.before.by_gender.get(gender, 0),
        "total": balance.before.total,
        "after": balance.after.by_gender.get(gender, 0),
        "new_total": balance.after.total,
    }
    if gender == Expert.Gender.FEMALE:
        text = _("Brings the year closer to gender parity: women %(before)d of %(total)d → %(after)d of %(new_total)d.")
    else:
        text = _("Brings the year closer to gender parity: men %(before)d of %(total)d → %(after)d of %(new_total)d.")
    return Reason("parity", text % figures, points)


def _reasons(suggestion: Suggestion, *, topic, languages) -> list[Reason]:
    """The suggestion in words, in the active language: the similarity first, then each point given."""
    points = dict(_points(suggestion))
    reasons = [_similarity_reason(suggestion)]
    if suggestion.shared_subjects:
        subjects = _names(subject.label for subject in suggestion.shared_subjects)
        reasons.append(Reason("subjects", _("Subjects in common: %(subjects)s.") % {"subjects": subjects}))
    if topic is not None and topic.scope_area_id is not None:
        if suggestion.has_scope_area:
            [area] = [area for area in suggestion.expert.scope_areas.all() if area.pk == topic.scope_area_id]
            text = _("In the topic's area of expertise: %(area)s") % {"area": area.title}
            reasons.append(Reason("scope_area", text, points["scope_area"]))
        else:
            reasons.append(Reason("scope_area", _("Not in the topic's area of expertise")))
    if suggestion.matched_languages:
        text = _("Speaks %(languages)s.") % {"languages": _names(suggestion.matched_languages)}
        reasons.append(Reason("languages", text, points["languages"]))
    elif languages:
        reasons.append(Reason("languages", _("Speaks none of the webinar's languages.")))
    if suggestion.score is not None:
        score = number_format(suggestion.score, 1)
        text = _("Participants rated their past webinars %(score)s of 5.") % {"score": score}
        reasons.append(Reason("rating", text, points["rating"]))
    if suggestion.helps_parity:
        reasons.append(_parity_reason(suggestion, points["parity"]))
    if suggestion.adds_region:
        text = _("Adds a region no expert of %(year)d comes from yet: %(region)s.") % {
            "year": suggestion.balance.year,
            "region": suggestion.expert.region,
        }
        reasons.append(Reason("region", text, points["region"]))
    return reasons


# Invitations --------------------------------------------------------------------------


def webinar_invitations(*, webinar: Webinar) -> QuerySet[ExpertInvitation]:
    return webinar.expert_invitations.select_related("expert", "invited_by").order_by("-invited_at", "-pk")
