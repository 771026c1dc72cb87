"""The figures of the yearly report to the committee, counted from the other apps' records.

The strategy: the Secretariat reports every year to the committee on the webinars held.
Everything here is read-only and language-free: counts by key (a region's id, a
country code, a proposal state), plus the records the keys name, so that the report
can be written in any of the six languages from the same figures without asking the
database again. Every figure comes from an aggregate query; the number of queries does
not grow with the data (ten years hold 60 webinars and 30,000 registrations).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from delivery.models import DeliveredLanguage, WebinarCosts
from participants.models import Registration
from planning import costs
from planning.models import AnnualPlan, PlanEntry
from proposals.models import ConsultationCycle, Proposal
from webinars.country_regions import region_ids
from webinars.models import (
    AnsweredQuestion,
    Expert,
    Feedback,
    Language,
    Material,
    MemberState,
    Region,
    RegionalGroup,
    Series,
    Topic,
    Webinar,
)

MIN_YEAR = 2000
MAX_YEAR = 2100
COMMENTS_SHOWN = 5
SUGGESTIONS_SHOWN = 20
PLAN_STATES = (AnnualPlan.State.PUBLISHED, AnnualPlan.State.ARCHIVED)
PROPOSAL_OUTCOMES = (Proposal.State.RETAINED, Proposal.State.MERGED, Proposal.State.DECLINED)


@dataclass(frozen=True)
class YearFigures:
    """One year against its plan: the published plan's capacity and entries, what became of them."""

    year: int
    has_plan: bool
    capacity: int
    planned: int
    held: int
    cancelled: int


@dataclass(frozen=True)
class WebinarFigures:
    """One held webinar: who came, what they thought, and which follow-up items are published."""

    webinar: Webinar
    registered: int
    attended: int
    feedback_count: int
    rating_sum: int
    has_recording: bool
    has_slides: bool
    has_summary: bool
    has_answers: bool

    @property
    def average_rating(self) -> float | None:
        return round(self.rating_sum / self.feedback_count, 2) if self.feedback_count else None

    @property
    def followup_done(self) -> int:
        return sum((self.has_recording, self.has_slides, self.has_summary, self.has_answers))


@dataclass(frozen=True)
class Comment:
    webinar_id: int
    text: str


@dataclass(frozen=True)
class Attendance:
    registered: int = 0
    attended: int = 0


@dataclass(frozen=True)
class ActualCosts:
    """What a held webinar cost, as the Secretariat recorded it after the webinar."""

    expert_fee: Decimal = Decimal("0")
    interpretation: Decimal = Decimal("0")
    platform: Decimal = Decimal("0")
    other: Decimal = Decimal("0")

    @property
    def total(self) -> Decimal:
        return self.expert_fee + self.interpretation + self.platform + self.other


@dataclass(frozen=True)
class PlannedCost:
    """One entry of a year's published plan and what it was estimated to cost (planning.costs)."""

    entry: PlanEntry
    webinar_id: int | None
    estimate: costs.Estimate


@dataclass(frozen=True)
class AnnualFigures:
    """The report's figures for a range of years (one year: first_year == last_year).

    Registrations count every registration not cancelled (registered or waiting) to a
    held webinar; attendance counts those marked as attended. Feedback scores are the
    participants' answers only: an expert's own feedback is not a participant's rating.
    """

    first_year: int
    last_year: int
    years: tuple[YearFigures, ...] = ()
    held: tuple[WebinarFigures, ...] = ()
    cancelled: tuple[Webinar, ...] = ()
    topics: dict[int, int] = field(default_factory=dict)
    series: dict[int, int] = field(default_factory=dict)
    regions_requested: dict[int, int] = field(default_factory=dict)
    regions_delivered: dict[int, int] = field(default_factory=dict)
    languages_requested: dict[int, int] = field(default_factory=dict)
    # Per language: the held webinars recorded as delivered in it (delivery.DeliveredLanguage), never
    # the languages they were planned in.
    languages_delivered: dict[int, int] = field(default_factory=dict)
    # Per language: the held webinars with no languages recorded yet that were planned in it
    # (Webinar.languages); they count as delivered in none until the Secretariat records them.
    languages_not_recorded: dict[int, int] = field(default_factory=dict)
    proposals_by_group: dict[int, dict[str, int]] = field(default_factory=dict)
    cycle_ids: tuple[int, ...] = ()
    plan_ids: tuple[int, ...] = ()
    experts_by_gender: dict[str, tuple[int, ...]] = field(default_factory=dict)
    experts_by_region: dict[int | None, tuple[int, ...]] = field(default_factory=dict)
    # By the participant's region (from their country); None: a country outside the programme's regions.
    registrations_by_region: dict[int | None, Attendance] = field(default_factory=dict)
    countries_by_region: dict[int | None, tuple[str, ...]] = field(default_factory=dict)
    registrations_by_country: dict[str, Attendance] = field(default_factory=dict)
    registrations_by_type: dict[str, Attendance] = field(default_factory=dict)
    # By the regional group of the participant's country (its webinars.MemberState row); None: a state
    # outside every group, or a country no row knows. Per state: registrations_by_country, named here.
    registrations_by_group: dict[int | None, Attendance] = field(default_factory=dict)
    member_state_names: dict[str, MemberState] = field(default_factory=dict)
    webinar_ids_by_region: dict[int, tuple[int, ...]] = field(default_factory=dict)
    useful_comments: tuple[Comment, ...] = ()
    to_improve_comments: tuple[Comment, ...] = ()
    topic_suggestions: tuple[Comment, ...] = ()
    topic_suggestion_count: int = 0
    # Per regional group, per language: the held webinars whose plan entry answers a proposal of the
    # group naming that language (its languages asked for).
    languages_asked_by_group: dict[int, dict[int, tuple[int, ...]]] = field(default_factory=dict)
    # Per held webinar with its languages recorded: the languages it was delivered in (delivery.DeliveredLanguage).
    delivered_languages: dict[int, frozenset[int]] = field(default_factory=dict)
    # The entries of the years' published plans with their estimates; the held webinars' actual costs.
    planned_costs: tuple[PlannedCost, ...] = ()
    actual_costs: dict[int, ActualCosts] = field(default_factory=dict)
    # The records the keys name, read once; their translated names follow the active language.
    region_names: dict[int, Region] = field(default_factory=dict)
    language_names: dict[int, Language] = field(default_factory=dict)
    group_names: dict[int, RegionalGroup] = field(default_factory=dict)
    topic_names: dict[int, Topic] = field(default_factory=dict)
    series_names: dict[int, Series] = field(default_factory=dict)

    @property
    def is_single_year(self) -> bool:
        return self.first_year == self.last_year

    @property
    def webinars_held(self) -> int:
        return len(self.held)

    @property
    def webinars_cancelled(self) -> int:
        return len(self.cancelled)

    @property
    def webinars_planned(self) -> int:
        return sum(year.planned for year in self.years)

    @property
    def registered(self) -> int:
        return sum(line.registered for line in self.held)

    @property
    def attended(self) -> int:
        return sum(line.attended for line in self.held)

    @property
    def feedback_count(self) -> int:
        return sum(line.feedback_count for line in self.held)

    @property
    def average_rating(self) -> float | None:
        count = self.feedback_count
        return round(sum(line.rating_sum for line in self.held) / count, 2) if count else None

    @property
    def proposals_received(self) -> int:
        return sum(sum(states.values()) for states in self.proposals_by_group.values())

    @property
    def held_ids(self) -> tuple[int, ...]:
        return tuple(line.webinar.pk for line in self.held)

    @property
    def estimated_total(self) -> costs.Estimate:
        return costs.add(planned.estimate for planned in self.planned_costs)

    @property
    def actual_total(self) -> ActualCosts:
        lines = self.actual_costs.values()
        return ActualCosts(
            expert_fee=sum((line.expert_fee for line in lines), Decimal("0")),
            interpretation=sum((line.interpretation for line in lines), Decimal("0")),
            platform=sum((line.platform for line in lines), Decimal("0")),
            other=sum((line.other for line in lines), Decimal("0")),
        )

    @property
    def held_ids_not_recorded(self) -> tuple[int, ...]:
        """The held webinars whose delivered languages are not recorded yet: delivered in none, for now."""
        return tuple(pk for pk in self.held_ids if pk not in self.delivered_languages)

    def delivered_count(self, webinar_ids: tuple[int, ...], language_id: int) -> int:
        """How many of these webinars were delivered in the language."""
        return sum(1 for pk in webinar_ids if language_id in self.delivered_languages.get(pk, ()))

    @property
    def is_empty(self) -> bool:
        """Nothing to report: no webinar held or cancelled, nothing planned, no proposal received."""
        return not (self.held or self.cancelled or self.webinars_planned or self.proposals_received)


def check_year_range(*, first_year: int, last_year: int) -> None:
    """A report covers whole years, first before last, at most PORTAL_REPORT_MAX_YEARS of them.

    The limit keeps one report a document the committee can read (and a page the server
    answers quickly); a longer history is several reports.
    """
    limit = settings.PORTAL_REPORT_MAX_YEARS
    if not (MIN_YEAR <= first_year <= MAX_YEAR and MIN_YEAR <= last_year <= MAX_YEAR):
        raise ValidationError(
            _("Choose years between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}, code="year_bounds"
        )
    if first_year > last_year:
        raise ValidationError(
            _("The first year (%(first)s) comes after the last year (%(last)s).")
            % {"first": first_year, "last": last_year},
            code="year_order",
        )
    span = last_year - first_year + 1
    if span > limit:
        raise ValidationError(
            ngettext(
                "A report covers at most %(limit)s year; %(first)s to %(last)s is %(span)s years.",
                "A report covers at most %(limit)s years; %(first)s to %(last)s is %(span)s years.",
                limit,
            )
            % {"limit": limit, "first": first_year, "last": last_year, "span": span},
            code="year_range_too_long",
        )


def _in_years(prefix: str, first_year: int, last_year: int) -> Q:
    return Q(**{f"{prefix}__year__gte": first_year, f"{prefix}__year__lte": last_year})


def _has_summary(webinar: Webinar) -> bool:
    """A summary in any of the six languages: the figure must not depend on the reader's language."""
    return any(
        (getattr(webinar, build_localized_fieldname("summary", code)) or "").strip()
        for code, _name in settings.LANGUAGES
    )


def annual_figures(*, first_year: int, last_year: int) -> AnnualFigures:
    """Count what the programme did from first_year to last_year (both included).

    A webinar belongs to the year it was (or was to be) given: its start date, or for a
    webinar cancelled before it had one, the year of the plan it came from. Proposals
    and requested regions and languages are those of the consultations that prepared
    these years; the plan is each year's published plan. A held webinar's languages
    delivered are those the Secretariat recorded after it (delivery.DeliveredLanguage),
    never the languages it was planned in.
    """
    check_year_range(first_year=first_year, last_year=last_year)
    years = range(first_year, last_year + 1)
    held_webinars = _held_webinars(first_year=first_year, last_year=last_year)
    held_ids = [webinar.pk for webinar in held_webinars]
    cancelled = _cancelled_webinars(first_year=first_year, last_year=last_year)
    plans = _published_plans(years)
    webinar_ids_by_region = _held_webinar_ids_by_region(held_ids)
    cycles = ConsultationCycle.objects.filter(target_year__in=years)
    received = Proposal.objects.filter(cycle__in=cycles, state__in=Proposal.PUBLIC_STATES)
    experts_by_gender, experts_by_region = _experts_by_gender_and_region(held_ids)
    region_names = Region.objects.in_bulk()
    by_country = _registrations_by_country(held_ids)
    countries_by_region = _countries_by_region(by_country, region_names)
    member_states = MemberState.objects.in_bulk(list(by_country), field_name="code")
    feedback = Feedback.objects.filter(webinar_id__in=held_ids)
    participant_feedback = feedback.filter(source=Feedback.Source.PARTICIPANT)
    delivered_languages = _delivered_languages(held_ids)
    return AnnualFigures(
        first_year=first_year,
        last_year=last_year,
        years=_year_figures(years, plans=plans, held_webinars=held_webinars, cancelled=cancelled),
        held=_held_webinar_figures(held_webinars),
        cancelled=tuple(cancelled),
        topics=dict(Counter(webinar.topic_id for webinar in held_webinars)),
        series=dict(Counter(webinar.series_id for webinar in held_webinars if webinar.series_id)),
        regions_requested=_counts(Proposal.regions.through.objects.filter(proposal__in=received), "region_id"),
        regions_delivered={region_id: len(ids) for region_id, ids in webinar_ids_by_region.items()},
        languages_requested=_counts(Proposal.languages.through.objects.filter(proposal__in=received), "language_id"),
        languages_delivered=dict(Counter(pk for languages in delivered_languages.values() for pk in languages)),
        languages_not_recorded=_planned_languages_not_recorded(held_ids, delivered_languages),
        proposals_by_group=_proposals_by_group_and_state(received),
        cycle_ids=tuple(cycles.order_by("target_year").values_list("pk", flat=True)),
        plan_ids=tuple(plan["pk"] for _year, plan in sorted(plans.items())),
        experts_by_gender=experts_by_gender,
        experts_by_region=experts_by_region,
        registrations_by_region=_registrations_by_region(by_country, countries_by_region),
        countries_by_region=countries_by_region,
        registrations_by_country=by_country,
        registrations_by_type=_registrations_by_participant_type(held_ids),
        registrations_by_group=_registrations_by_group(by_country, member_states),
        member_state_names=member_states,
        webinar_ids_by_region=webinar_ids_by_region,
        useful_comments=_latest_comments(participant_feedback, "useful", COMMENTS_SHOWN),
        to_improve_comments=_latest_comments(participant_feedback, "to_improve", COMMENTS_SHOWN),
        topic_suggestions=_latest_comments(feedback, "topic_suggestion", SUGGESTIONS_SHOWN),
        topic_suggestion_count=feedback.exclude(topic_suggestion="").count(),
        languages_asked_by_group=_languages_asked_by_group(held_ids),
        delivered_languages=delivered_languages,
        planned_costs=_planned_costs(years),
        actual_costs=_actual_costs(held_ids),
        region_names=region_names,
        language_names=Language.objects.in_bulk(),
        group_names=RegionalGroup.objects.in_bulk(),
        topic_names={webinar.topic_id: webinar.topic for webinar in held_webinars},
        series_names={webinar.series_id: webinar.series for webinar in held_webinars if webinar.series_id},
    )


def _held_webinars(*, first_year: int, last_year: int) -> list[Webinar]:
    """The webinars held in the years, with their topic and series, in the order they were given."""
    return list(
        Webinar.objects.held()
        .filter(_in_years("starts_at", first_year, last_year))
        .select_related("topic", "series")
        .order_by("starts_at", "pk")
    )


def _cancelled_webinars(*, first_year: int, last_year: int) -> list[Webinar]:
    """Cancelled webinars of the years: by their date, or by their plan's year if they never had one."""
    return list(
        Webinar.objects.filter(status=Webinar.Status.CANCELLED)
        .annotate(
            report_year=Coalesce(ExtractYear("starts_at"), F("plan_entry__plan__year"), output_field=IntegerField())
        )
        .filter(report_year__gte=first_year, report_year__lte=last_year)
        .order_by("report_year", "pk")
    )


def _published_plans(years: range) -> dict[int, dict]:
    """Each year's published (or since archived) plan: its id, capacity and number of entries."""
    return {
        plan["year"]: plan
        for plan in AnnualPlan.objects.filter(year__in=years, state__in=PLAN_STATES)
        .annotate(planned=Count("entries"))
        .values("pk", "year", "capacity", "planned")
    }


def _year_figures(
    years: range, *, plans: dict[int, dict], held_webinars: list[Webinar], cancelled: list[Webinar]
) -> tuple[YearFigures, ...]:
    """Each year against its plan: planned, held (by the Geneva date) and cancelled."""
    held_by_year = Counter(timezone.localtime(webinar.starts_at).year for webinar in held_webinars)
    cancelled_by_year = Counter(webinar.report_year for webinar in cancelled)
    return tuple(
        YearFigures(
            year=year,
            has_plan=year in plans,
            capacity=plans[year]["capacity"] if year in plans else 0,
            planned=plans[year]["planned"] if year in plans else 0,
            held=held_by_year[year],
            cancelled=cancelled_by_year[year],
        )
        for year in years
    )


def _held_webinar_figures(held_webinars: list[Webinar]) -> tuple[WebinarFigures, ...]:
    """Each held webinar: registrations, attendance, participants' ratings and follow-up items published."""
    held_ids = [webinar.pk for webinar in held_webinars]
    per_webinar = Registration.objects.filter(webinar_id__in=held_ids).values("webinar_id")
    registrations = {row["webinar_id"]: row for row in per_webinar.annotate(**_attendance_counts())}
    participant_feedback = Feedback.objects.filter(webinar_id__in=held_ids, source=Feedback.Source.PARTICIPANT)
    feedback = {
        row["webinar_id"]: row
        for row in participant_feedback.values("webinar_id").annotate(
            answers=Count("pk"), rating_sum=Sum("overall_rating")
        )
    }
    published_materials = set(
        Material.objects.filter(webinar_id__in=held_ids, is_published=True).values_list("webinar_id", "kind").distinct()
    )
    answered = set(
        AnsweredQuestion.objects.filter(webinar_id__in=held_ids, is_published=True)
        .values_list("webinar_id", flat=True)
        .distinct()
    )
    return tuple(
        WebinarFigures(
            webinar=webinar,
            registered=registrations.get(webinar.pk, {}).get("registered", 0),
            attended=registrations.get(webinar.pk, {}).get("attended", 0),
            feedback_count=feedback.get(webinar.pk, {}).get("answers", 0),
            rating_sum=feedback.get(webinar.pk, {}).get("rating_sum", 0) or 0,
            has_recording=(webinar.pk, Material.Kind.RECORDING) in published_materials,
            has_slides=(webinar.pk, Material.Kind.SLIDES) in published_materials,
            has_summary=_has_summary(webinar),
            has_answers=webinar.pk in answered,
        )
        for webinar in held_webinars
    )


def _held_webinar_ids_by_region(held_ids: list[int]) -> dict[int, tuple[int, ...]]:
    """The held webinars each region was served by (a webinar may serve several regions)."""
    webinar_ids_by_region: dict[int, list[int]] = defaultdict(list)
    for webinar_id, region_id in Webinar.regions.through.objects.filter(webinar_id__in=held_ids).values_list(
        "webinar_id", "region_id"
    ):
        webinar_ids_by_region[region_id].append(webinar_id)
    return {region_id: tuple(ids) for region_id, ids in webinar_ids_by_region.items()}


def _proposals_by_group_and_state(received) -> dict[int, dict[str, int]]:
    """How many of the proposals received each group sent, by what became of them."""
    proposals_by_group: dict[int, dict[str, int]] = defaultdict(dict)
    for row in received.order_by().values("group_id", "state").annotate(n=Count("pk")):
        proposals_by_group[row["group_id"]][row["state"]] = row["n"]
    return dict(proposals_by_group)


def _experts_by_gender_and_region(
    held_ids: list[int],
) -> tuple[dict[str, tuple[int, ...]], dict[int | None, tuple[int, ...]]]:
    """The experts who gave the held webinars, each once: by gender, and by region."""
    by_gender: dict[str, list[int]] = defaultdict(list)
    by_region: dict[int | None, list[int]] = defaultdict(list)
    for pk, gender, region_id in (
        Expert.objects.filter(webinars__in=held_ids).values_list("pk", "gender", "region_id").distinct().order_by("pk")
    ):
        by_gender[gender].append(pk)
        by_region[region_id].append(pk)
    return (
        {gender: tuple(ids) for gender, ids in by_gender.items()},
        {region_id: tuple(ids) for region_id, ids in by_region.items()},
    )


def _attendance_counts() -> dict:
    """Registered (every registration not cancelled) and attended, as aggregates of registrations."""
    return {
        "registered": Count("pk", filter=~Q(state=Registration.State.CANCELLED)),
        "attended": Count("pk", filter=Q(has_attended=True)),
    }


def _registrations_by_country(held_ids: list[int]) -> dict[str, Attendance]:
    """Registered and attended by the participant's country (countries with neither left out)."""
    rows = Registration.objects.filter(webinar_id__in=held_ids).order_by().values("country")
    return {
        row["country"]: Attendance(row["registered"], row["attended"])
        for row in rows.annotate(**_attendance_counts())
        if row["registered"] or row["attended"]
    }


def _registrations_by_participant_type(held_ids: list[int]) -> dict[str, Attendance]:
    """Registered and attended by the kind of participant they said they were."""
    rows = Registration.objects.filter(webinar_id__in=held_ids).order_by().values("participant_type")
    return {
        row["participant_type"]: Attendance(row["registered"], row["attended"])
        for row in rows.annotate(**_attendance_counts())
        if row["registered"] or row["attended"]
    }


def _countries_by_region(
    by_country: dict[str, Attendance], region_names: dict[int, Region]
) -> dict[int | None, tuple[str, ...]]:
    """The participants' countries in the programme's regions (None: a country outside them)."""
    region_of = region_ids(by_country)  # a member state's region (webinars.MemberState), else None
    countries_by_region: dict[int | None, list[str]] = defaultdict(list)
    for country in sorted(by_country):
        countries_by_region[region_of.get(country) if region_of.get(country) in region_names else None].append(country)
    return {region_id: tuple(countries) for region_id, countries in countries_by_region.items()}


def _registrations_by_region(
    by_country: dict[str, Attendance], countries_by_region: dict[int | None, tuple[str, ...]]
) -> dict[int | None, Attendance]:
    """Registered and attended by the region of the participant's country."""
    return {
        region_id: Attendance(
            registered=sum(by_country[country].registered for country in countries),
            attended=sum(by_country[country].attended for country in countries),
        )
        for region_id, countries in countries_by_region.items()
    }


def _registrations_by_group(
    by_country: dict[str, Attendance], member_states: dict[str, MemberState]
) -> dict[int | None, Attendance]:
    """Registered and attended by the regional group of the participant's country (None: no group, or unknown)."""
    by_group: dict[int | None, list[Attendance]] = defaultdict(list)
    for country, attendance in by_country.items():
        state = member_states.get(country)
        by_group[state.group_id if state else None].append(attendance)
    return {
        group_id: Attendance(sum(a.registered for a in lines), sum(a.attended for a in lines))
        for group_id, lines in by_group.items()
    }


def _languages_asked_by_group(held_ids: list[int]) -> dict[int, dict[int, tuple[int, ...]]]:
    """Per group and language, the held webinars asked for in it: the languages of the group's
    proposals behind each webinar's plan entry (merged proposals are sources of the entry too)."""
    rows = (
        PlanEntry.proposals.through.objects.filter(planentry__webinar_id__in=held_ids)
        .values_list("planentry__webinar_id", "proposal__group_id", "proposal__languages")
        .distinct()
    )
    asked: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for webinar_id, group_id, language_id in rows:
        if language_id is not None:  # a proposal that named no language asked for none
            asked[group_id][language_id].add(webinar_id)
    return {
        group_id: {language_id: tuple(sorted(ids)) for language_id, ids in languages.items()}
        for group_id, languages in asked.items()
    }


def _delivered_languages(held_ids: list[int]) -> dict[int, frozenset[int]]:
    """The languages each held webinar was delivered in, for those whose languages are recorded."""
    delivered: dict[int, set[int]] = defaultdict(set)
    for webinar_id, language_id in DeliveredLanguage.objects.filter(webinar_id__in=held_ids).values_list(
        "webinar_id", "language_id"
    ):
        delivered[webinar_id].add(language_id)
    return {webinar_id: frozenset(ids) for webinar_id, ids in delivered.items()}


def _planned_languages_not_recorded(held_ids: list[int], delivered: dict[int, frozenset[int]]) -> dict[int, int]:
    """Per language, the held webinars planned in it whose delivered languages are not recorded yet.

    What a webinar was planned in is not what it was delivered in: these are shown apart,
    never as delivered. One query over every held webinar, whatever is recorded.
    """
    planned = Webinar.languages.through.objects.filter(webinar_id__in=held_ids).values_list("webinar_id", "language_id")
    return dict(Counter(language_id for webinar_id, language_id in planned if webinar_id not in delivered))


def _planned_costs(years: range) -> tuple[PlannedCost, ...]:
    """Every entry of the years' published plans with its estimate (the plan's rule for an entry never estimated)."""
    entries = (
        PlanEntry.objects.filter(plan__year__in=years, plan__state__in=PLAN_STATES)
        .select_related("plan")
        .annotate(language_count=Count("languages"))
        .order_by("plan__year", "position", "pk")
    )
    return tuple(
        PlannedCost(
            entry=entry,
            webinar_id=entry.webinar_id,
            estimate=costs.entry_estimate(entry, entry.plan, language_count=entry.language_count),
        )
        for entry in entries
    )


def _actual_costs(held_ids: list[int]) -> dict[int, ActualCosts]:
    return {
        row["webinar_id"]: ActualCosts(
            expert_fee=row["expert_fee"],
            interpretation=row["interpretation"],
            platform=row["platform"],
            other=row["other"],
        )
        for row in WebinarCosts.objects.filter(webinar_id__in=held_ids).values(
            "webinar_id", "expert_fee", "interpretation", "platform", "other"
        )
    }


def _latest_comments(feedback, field_name: str, limit: int) -> tuple[Comment, ...]:
    """The latest ``limit`` answers written in ``field_name``, newest first."""
    written = feedback.exclude(**{field_name: ""}).order_by("-submitted_at", "-pk")
    rows = written.values_list("webinar_id", field_name)[:limit]
    return tuple(Comment(webinar_id=webinar_id, text=text.strip()) for webinar_id, text in rows)


def _counts(rows, key: str) -> dict[int, int]:
    """How many rows name each value of ``key`` (a region's or a language's id)."""
    return {row[key]: row["n"] for row in rows.order_by().values(key).annotate(n=Count("pk"))}
