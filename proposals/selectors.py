"""Read-side queries on proposals that other apps' pages may show."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext as _

from proposals.models import CandidateTopic, ConsultationCycle, DraftReading, Proposal, ProposalPart, StateRequest
from webinars.filters import ListCriteria
from webinars.selectors import Reference, link_table_rows, sorted_references, translated_columns

# The cycles whose answers the public list shows: the one open now, or the one just
# closed and under review. Once the plan is published (decided), its proposals leave
# the list: what was retained appears as scheduled webinars instead.
CONSIDERED_CYCLE_STATES = (ConsultationCycle.State.OPEN, ConsultationCycle.State.CLOSED)


def proposals_under_consideration() -> QuerySet[Proposal]:
    """Proposals "as received" for the public list: submitted ones of the latest open or closed cycle.

    Drafts and withdrawn proposals never appear (Proposal.PUBLIC_STATES).
    """
    latest_cycle = (
        ConsultationCycle.objects.filter(state__in=CONSIDERED_CYCLE_STATES).order_by("-target_year").values("pk")[:1]
    )
    return (
        Proposal.objects.under_consideration()
        .filter(cycle_id=Subquery(latest_cycle))
        .select_related("group", "cycle", "candidate_topic__topic")
        .prefetch_related("regions", "languages", "parts")
        .order_by("-submitted_at", "pk")
    )


# What a row of the list shows; the long texts stay out of the list's sort and count.
LISTED_COLUMNS = (
    "id",
    "title",
    "kind",
    "shape",
    "written_in",
    "submitted_at",
    "group__id",
    "group__code",
    *(f"group__{column}" for column in translated_columns("name")),
    "cycle__id",
    "cycle__target_year",
    "candidate_topic__id",
    "candidate_topic__topic__id",
    *(f"candidate_topic__topic__{column}" for column in translated_columns("title")),
)


def filter_proposals(queryset: QuerySet[Proposal], criteria: ListCriteria) -> QuerySet[Proposal]:
    """Apply the list's filters. A proposal's year is the year its webinars are asked for.

    Proposals are not translated: the search looks at the text as the group wrote it.
    """
    if criteria.year:
        queryset = queryset.filter(cycle__target_year=criteria.year)
    if criteria.region:
        queryset = queryset.filter(
            Exists(Proposal.regions.through.objects.filter(proposal=OuterRef("pk"), region__code=criteria.region))
        )
    if criteria.language:
        queryset = queryset.filter(
            Exists(Proposal.languages.through.objects.filter(proposal=OuterRef("pk"), language__code=criteria.language))
        )
    if criteria.scope_area:
        queryset = queryset.filter(
            Q(scope_area__code=criteria.scope_area) | Q(candidate_topic__topic__scope_area__code=criteria.scope_area)
        )
    if criteria.group:
        queryset = queryset.filter(group__code=criteria.group)
    if criteria.search:
        text = criteria.search
        parts = ProposalPart.objects.filter(proposal=OuterRef("pk")).filter(
            Q(title__icontains=text) | Q(objectives__icontains=text)
        )
        queryset = queryset.filter(
            Q(title__icontains=text)
            | Q(objectives__icontains=text)
            | Q(target_audience__icontains=text)
            | Q(topics__icontains=text)
            | Exists(parts)
        )
    return queryset


def listed_proposals(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """The rows of the list: group and adopted topic joined, the series' parts prefetched.

    Regions and languages are attached afterwards (attach_regions_and_languages) so the
    page costs one query for both.
    """
    return (
        queryset.select_related("group", "cycle", "candidate_topic__topic")
        .only(*LISTED_COLUMNS)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "parts", queryset=ProposalPart.objects.order_by("position").only("pk", "proposal", "position", "title")
            )
        )
        .order_by("-submitted_at", "pk")
    )


def considered_proposals(criteria: ListCriteria) -> QuerySet[Proposal]:
    """The list's part "under consideration": the matching proposals, ready to show."""
    return listed_proposals(filter_proposals(proposals_under_consideration(), criteria))


def attach_regions_and_languages(proposals: Sequence[Proposal], reference: Reference) -> None:
    """Set listed_regions and listed_languages on each proposal, in one query for all of them."""
    rows = link_table_rows(
        [p.pk for p in proposals],
        regions=(Proposal.regions.through, "proposal_id", "region_id"),
        languages=(Proposal.languages.through, "proposal_id", "language_id"),
    )
    for proposal in proposals:
        proposal.listed_regions = sorted_references(rows["regions"].get(proposal.pk, ()), reference.region)
        proposal.listed_languages = sorted_references(rows["languages"].get(proposal.pk, ()), reference.language)


# --- The coordinators' pages -------------------------------------------------------


@dataclass(frozen=True)
class CycleInView:
    """The consultation a coordinator's dashboard is about, and where it stands."""

    cycle: ConsultationCycle | None
    status: str  # "open", "upcoming", "closed" or "none"


def cycle_for_coordinators(at=None) -> CycleInView:
    """The open consultation; else the next one announced; else the last one held.

    A cycle still being prepared (draft) is the Secretariat's own business.
    """
    at = at or timezone.now()
    announced = ConsultationCycle.objects.exclude(state=ConsultationCycle.State.DRAFT)
    cycle = announced.filter(state=ConsultationCycle.State.OPEN, opens_at__lte=at, deadline_at__gt=at).first()
    if cycle is not None:
        return CycleInView(cycle, "open")
    cycle = announced.filter(opens_at__gt=at).order_by("opens_at").first()
    if cycle is not None:
        return CycleInView(cycle, "upcoming")
    cycle = announced.filter(opens_at__lte=at).order_by("-deadline_at").first()
    if cycle is not None:
        return CycleInView(cycle, "closed")
    return CycleInView(None, "none")


def candidate_topics_of(cycle: ConsultationCycle) -> QuerySet[CandidateTopic]:
    return cycle.candidate_topics.select_related("topic", "topic__scope_area").order_by("order", "pk")


def _answers(user) -> QuerySet[Proposal]:
    return (
        Proposal.objects.visible_to(user)
        .select_related("cycle", "group", "candidate_topic__topic", "scope_area", "created_by", "submitted_by")
        .prefetch_related("regions", "languages", "parts")
    )


def group_answers(*, user, group, cycle: ConsultationCycle) -> QuerySet[Proposal]:
    """The group's answers to one consultation, as this user may see them."""
    return _answers(user).filter(group=group, cycle=cycle).order_by("kind", "created_at", "pk")


def group_earlier_answers(*, user, group, before: ConsultationCycle | None) -> QuerySet[Proposal]:
    """The group's answers to earlier consultations, newest consultation first (drafts left out)."""
    answers = _answers(user).filter(group=group).exclude(state=Proposal.State.DRAFT)
    if before is not None:
        answers = answers.filter(cycle__target_year__lt=before.target_year)
    return answers.order_by("-cycle__target_year", "kind", "pk")


def adopted_candidate_ids(*, group, cycle: ConsultationCycle) -> set[int]:
    """Candidate topics the group has adopted in this cycle (a withdrawn adoption may be taken up again)."""
    return set(
        Proposal.objects.filter(group=group, cycle=cycle, candidate_topic__isnull=False)
        .exclude(state=Proposal.State.WITHDRAWN)
        .values_list("candidate_topic_id", flat=True)
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: object
    who: object
    what: list[str]
    version: int
    state: str


HISTORY_FIELDS = (
    "title",
    "shape",
    "objectives",
    "target_audience",
    "topics",
    "comment",
    "scope_area_id",
    "preferred_period",
    "decision_reason",
)
HISTORY_REASONS = ("regions", "languages")


def proposal_history(proposal: Proposal, *, limit: int | None = None) -> list[HistoryEntry]:
    """Who changed the proposal, when, and what: newest first.

    Read from the proposal's history (every save by the portal or the admin); changes
    of languages, regions and parts are named in the history's change reason.
    """
    records = list(proposal.history.select_related("history_user").order_by("history_date", "history_id"))
    states = dict(Proposal.State.choices)
    entries = []
    previous = None
    for record in records:
        what = []
        created = previous is None or record.history_type == "+"
        if created:
            what.append(str(_("Created")))
        else:
            if record.state != previous.state:
                what.append(str(states.get(record.state, record.state)))
            for name in HISTORY_FIELDS:
                if getattr(record, name) != getattr(previous, name):
                    field = Proposal._meta.get_field(name.removesuffix("_id"))
                    what.append(str(field.verbose_name).capitalize())
        for reason in [] if created else (record.history_change_reason or "").split(","):
            reason = reason.strip()
            if reason == "parts":
                what.append(str(_("Parts of the series")))
            elif reason in HISTORY_REASONS:
                what.append(str(Proposal._meta.get_field(reason).verbose_name).capitalize())
        if record.history_type == "-":
            what.append(str(_("Deleted")))
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=record.history_user,
                what=what or [str(_("Saved without changes"))],
                version=record.version,
                state=str(states.get(record.state, record.state)),
            )
        )
        previous = record
    entries.reverse()
    return entries[:limit] if limit else entries


def draft_readings(proposal: Proposal) -> list[DraftReading]:
    """Who of the Secretariat opened the proposal while it was the group's draft, newest first."""
    return list(proposal.draft_readings.select_related("reader").order_by("-read_at", "-pk"))


def next_part_proposals(series) -> list[Proposal]:
    """The proposals under consideration for the next part of a series, for its public page ("next part
    proposed: …"): submitted or under review in a cycle not decided yet, their first part right after
    the series' highest part. Two queries."""
    following = series.highest_part() + 1
    return list(
        Proposal.objects.filter(
            continues_series=series,
            series_first_part=following,
            state__in=(Proposal.State.SUBMITTED, Proposal.State.UNDER_REVIEW),
        )
        .select_related("group")
        .order_by("submitted_at", "pk")
    )


# --- Member states' requests to their group ----------------------------------------------


def state_requests(queryset=None):
    """Member states' requests with what their pages show, read in a fixed number of queries."""
    queryset = StateRequest.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "cycle", "member_state__group", "candidate_topic__topic", "proposal", "created_by", "decided_by"
    ).prefetch_related("languages")


def group_state_requests(*, group, cycle):
    """The requests of the group's member states in this consultation, waiting ones first."""
    waiting_first = StateRequest.objects.filter(member_state__group=group, cycle=cycle).order_by(
        Case(When(state="pending", then=0), default=1), "-created_at", "-pk"
    )
    return state_requests(waiting_first)


def member_state_requests(*, member_state):
    """Every request of the state, newest first."""
    return state_requests(StateRequest.objects.filter(member_state=member_state).order_by("-created_at", "-pk"))
