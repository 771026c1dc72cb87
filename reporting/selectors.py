"""Read-side queries of the decision tracker, shared by its public pages, its annex and the dashboard.

The public sees decisions, measures, documents, follow-up actions and the dates and
states of each measure's history; never who made a change (history user names are
the Secretariat's internal record).
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from planning.models import AnnualPlan
from reporting.models import (
    CommitteeDecision,
    DecisionItem,
    DecisionParagraph,
    DocumentReference,
    FollowUpAction,
    Measure,
    MeasureEvent,
    Session,
)

_NUMBER_OR_TEXT = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """A sort key that reads numbers as numbers: "2" < "2.a" < "9" < "10".

    Paragraphs of a decision are numbered as text ("2", "10", "2.a"); sorted as text,
    paragraph 10 would come before paragraph 2 in the pages and in the annex.
    Each piece is (0, number) or (1, text), so numbers and words never compare.
    """
    return tuple(
        (0, int(piece), "") if piece.isdigit() else (1, 0, piece.strip(" .").casefold())
        for piece in _NUMBER_OR_TEXT.split(text or "")
        if piece.strip(" .")
    )


def measure_sort_key(measure: Measure) -> tuple:
    """Measures in the order of the decision: by paragraph (naturally), then by number."""
    return (natural_key(measure.paragraph), measure.number, measure.pk or 0)


def in_decision_order(measures) -> list[Measure]:
    return sorted(measures, key=measure_sort_key)


# --- Public pages -------------------------------------------------------------------------


def public_decisions() -> QuerySet[CommitteeDecision]:
    """Every decision, newest first, with its measures counted by state (one query)."""
    counts = {f"{state}_count": Count("measures", filter=Q(measures__state=state)) for state in Measure.State.values}
    return (
        CommitteeDecision.objects.select_related("session")
        .annotate(measure_count=Count("measures"), **counts)
        .order_by("-decided_on", "-session__number", "pk")
    )


def state_counts(decision: CommitteeDecision) -> list[tuple[str, str, int]]:
    """(state, label, count) for each state a decision's measures are in, in the life-cycle order."""
    return [
        (state, label, getattr(decision, f"{state}_count"))
        for state, label in Measure.State.choices
        if getattr(decision, f"{state}_count", 0)
    ]


def _references() -> QuerySet[DocumentReference]:
    return DocumentReference.objects.select_related("session").order_by("role", "order", "pk")


def _measures_with_details() -> QuerySet[Measure]:
    return Measure.objects.select_related("decision_paragraph").prefetch_related(
        Prefetch("documents", queryset=_references()),
        Prefetch(
            "events",
            queryset=MeasureEvent.objects.select_related("session")
            .prefetch_related(Prefetch("references", queryset=_references()))
            .order_by(F("session__number").asc(nulls_last=True), "order", "pk"),
        ),
        # Actions by due date, those without one last (SQLite and PostgreSQL place NULLs differently).
        Prefetch(
            "actions",
            queryset=FollowUpAction.objects.select_related("due_at_session").order_by(
                F("due_on").asc(nulls_last=True), "pk"
            ),
        ),
    )


# Each step of a measure's life, the role of its references, and the measure's own text of
# that step (read when no event of that kind is recorded: the texts kept from before events).
STEPS = (
    (MeasureEvent.Kind.IMPLEMENTED, DocumentReference.Role.IMPLEMENTATION, "implementation"),
    (MeasureEvent.Kind.EXAMINED, DocumentReference.Role.EXAMINATION, "examination"),
    (MeasureEvent.Kind.DECIDED, DocumentReference.Role.DECISION, "decision_taken"),
    (MeasureEvent.Kind.FOLLOWED_UP, None, "follow_up"),
)


@dataclass
class Step:
    """One step of a measure (implementation, examination, decision, follow-up) as pages and reports show it.

    ``events`` are the sessions' events of that kind, oldest session first; when there are
    none, ``text_field`` names the measure's own text of that step. ``documents`` are the
    references of that role not tied to an event.
    """

    kind: str
    label: str
    text_field: str
    events: list
    documents: list


def measure_steps(measure: Measure) -> list[Step]:
    """The four steps of a measure from its prefetched events and references; events take precedence."""
    events_by_kind = defaultdict(list)
    for event in measure.events.all():
        event.reference_list = list(event.references.all())
        events_by_kind[event.kind].append(event)
    loose = defaultdict(list)
    for document in measure.documents.all():
        if document.event_id is None:
            loose[document.role].append(document)
    labels = dict(MeasureEvent.Kind.choices)
    return [
        Step(
            kind=kind,
            label=str(labels[kind]),
            text_field=text_field,
            events=events_by_kind[kind],
            documents=loose[role] if role else [],
        )
        for kind, role, text_field in STEPS
    ]


def decision_with_parts(*, pk: int) -> CommitteeDecision:
    """A decision with its session, its sub-decisions and its paragraphs (a 404 if it does not exist)."""
    return get_object_or_404(
        CommitteeDecision.objects.select_related("session").prefetch_related(
            Prefetch("items", queryset=DecisionItem.objects.order_by("order", "pk")),
            Prefetch("paragraphs", queryset=DecisionParagraph.objects.all()),
        ),
        pk=pk,
    )


def public_decision(*, pk: int) -> CommitteeDecision:
    """A decision with its measures in the order of the decision, each with its documents
    (``implementation_documents``, ``examination_documents``, ``decision_documents``, every
    reference of that role), its steps over the sessions (``steps``), its follow-up actions
    and its public history (``public_history``); the decision's paragraphs in order
    (``ordered_paragraphs``) and each measure's paragraph (``paragraph_text``).
    A decision that does not exist is a 404.
    """
    decision = decision_with_parts(pk=pk)
    measures = in_decision_order(_measures_with_details().filter(decision=decision))
    histories = measure_histories(measures)
    for measure in measures:
        by_role = defaultdict(list)
        for document in measure.documents.all():
            by_role[document.role].append(document)
        measure.implementation_documents = by_role[DocumentReference.Role.IMPLEMENTATION]
        measure.examination_documents = by_role[DocumentReference.Role.EXAMINATION]
        measure.decision_documents = by_role[DocumentReference.Role.DECISION]
        measure.public_history = histories.get(measure.pk, [])
        measure.steps = measure_steps(measure)
    decision.ordered_measures = measures
    paragraph_texts = {paragraph.label: paragraph for paragraph in decision.paragraphs.all()}
    decision.ordered_paragraphs = sorted(paragraph_texts.values(), key=lambda paragraph: natural_key(paragraph.label))
    for measure in measures:
        measure.paragraph_text = paragraph_texts.get(measure.paragraph)
    return decision


# --- History ------------------------------------------------------------------------------

# The measure's texts whose edits the public history names (in any of the six languages).
HISTORY_TEXT_FIELDS = ("title", "implementation", "examination", "decision_taken", "follow_up")
HISTORY_PLAIN_FIELDS = ("paragraph", "number", "state_since")


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a measure as the public sees it: when, its state after, what changed. No one's name."""

    at: datetime
    state_since: date | None
    state: str
    state_label: str
    is_created: bool
    is_state_change: bool
    changed: tuple[str, ...]


def _history_columns() -> list[str]:
    columns = ["id", "history_id", "history_date", "history_type", "state", *HISTORY_PLAIN_FIELDS]
    for name in HISTORY_TEXT_FIELDS:
        columns += [build_localized_fieldname(name, code) for code, _name in settings.LANGUAGES]
    return columns


def measure_histories(measures) -> dict[int, list[HistoryEntry]]:
    """The public history of each measure, oldest first, read in one query.

    Only the dates, the states and the names of the fields that changed are read: the
    history's user column is never selected, so no page can show who edited.
    """
    ids = [measure.pk for measure in measures]
    if not ids:
        return {}
    records = (
        Measure.history.filter(id__in=ids).order_by("id", "history_date", "history_id").values(*_history_columns())
    )
    labels = dict(Measure.State.choices)
    field_labels = {
        name: str(Measure._meta.get_field(name).verbose_name).capitalize()
        for name in (*HISTORY_PLAIN_FIELDS, *HISTORY_TEXT_FIELDS)
    }
    languages = [code for code, _name in settings.LANGUAGES]
    histories: dict[int, list[HistoryEntry]] = defaultdict(list)
    previous: dict[int, dict] = {}
    for record in records:
        if record["history_type"] == "-":
            continue
        before = previous.get(record["id"])
        changed = []
        if before is not None:
            for name in HISTORY_PLAIN_FIELDS:
                if record[name] != before[name]:
                    changed.append(field_labels[name])
            for name in HISTORY_TEXT_FIELDS:
                columns = [build_localized_fieldname(name, code) for code in languages]
                if any(record[column] != before[column] for column in columns):
                    changed.append(field_labels[name])
        is_state_change = before is not None and record["state"] != before["state"]
        if before is None or is_state_change or changed:
            histories[record["id"]].append(
                HistoryEntry(
                    at=record["history_date"],
                    state_since=record["state_since"],
                    state=record["state"],
                    state_label=str(labels.get(record["state"], record["state"])),
                    is_created=before is None,
                    is_state_change=is_state_change,
                    changed=tuple(changed),
                )
            )
        previous[record["id"]] = record
    return dict(histories)


# --- Due at the next session --------------------------------------------------------------------


def next_session(*, today: date | None = None) -> Session | None:
    """The first session that has not ended yet (the one the committee meets at next), or None."""
    return Session.objects.filter(ends_on__gte=_today(today)).order_by("starts_on", "number").first()


def due_at_next_session(*, today: date | None = None) -> tuple[Session | None, QuerySet[FollowUpAction]]:
    """The next session and what the committee expects at it (not done yet), soonest due first."""
    session = next_session(today=today)
    actions = (
        FollowUpAction.objects.filter(due_at_session=session, done_on__isnull=True)
        .select_related("measure__decision__session", "due_at_session")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
        if session
        else FollowUpAction.objects.none()
    )
    return session, actions


# --- Follow-up that is late ------------------------------------------------------------------


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def overdue_actions(*, today: date | None = None) -> QuerySet[FollowUpAction]:
    """Follow-up actions past their due date and not done, the most overdue first.

    An action is overdue when ``due_on`` is before today and it has no ``done_on``; an
    action without a due date is never overdue. A closed measure needs no more follow-up,
    so its forgotten actions do not count.
    """
    return (
        FollowUpAction.objects.filter(due_on__lt=_today(today), done_on__isnull=True)
        .exclude(measure__state=Measure.State.CLOSED)
        .select_related("measure__decision")
        .order_by("due_on", "pk")
    )


def is_overdue(action: FollowUpAction, *, today: date | None = None) -> bool:
    return bool(action.due_on and not action.done_on and action.due_on < _today(today))


# --- The annual report to the committee ------------------------------------------------------


@dataclass(frozen=True)
class WebinarFacts:
    """One webinar held, as the committee document tells it: who gave it, in what, for whom."""

    webinar: object  # webinars.Webinar, with topic, regions, experts and delivered languages read
    regions: tuple
    delivered_languages: tuple
    planned_languages: tuple
    experts: tuple
    # (region or None, registered, attended), by the participant's country
    by_region: tuple[tuple[object, int, int], ...]
    # (country code, member state or None, registered, attended), most registrations first
    by_state: tuple[tuple[str, object, int, int], ...]


@dataclass(frozen=True)
class ConsultationFacts:
    """The consultation held in the year reported on, which prepared next year's plan."""

    cycle: object | None  # proposals.ConsultationCycle
    proposals: tuple  # proposals.Proposal received (not drafts, not withdrawn), with group
    groups_answered: tuple  # webinars.RegionalGroup
    plan_comments: tuple  # planning.PlanComment on next year's draft plan
    next_plan: object | None  # planning.AnnualPlan of next year, published (or archived)
    next_entries: tuple  # planning.PlanEntry of that plan, with regions and languages


def webinar_facts(held_webinars) -> list[WebinarFacts]:
    """Per held webinar: regions, languages delivered, experts, participants by region and member state.

    Participants by member state are counted from the registrations' country; a country
    the Secretariat has recorded as a member state (webinars.MemberState) is named and
    placed in its region, any other shows its ISO code and counts in no known region.
    A fixed number of queries, whatever the number of webinars.
    """
    from delivery.models import DeliveredLanguage
    from participants.models import Registration
    from webinars.models import Expert, Language, MemberState, Region, Webinar

    ids = [webinar.pk for webinar in held_webinars]
    webinars = {
        webinar.pk: webinar
        for webinar in Webinar.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("regions", queryset=Region.objects.order_by("order", "pk")),
            Prefetch("languages", queryset=Language.objects.order_by("order", "pk")),
            Prefetch("experts", queryset=Expert.objects.select_related("region").order_by("name", "pk")),
        )
    }
    delivered: dict[int, list] = defaultdict(list)
    for line in DeliveredLanguage.objects.filter(webinar_id__in=ids).select_related("language"):
        delivered[line.webinar_id].append(line.language)
    counts: dict[int, dict[str, list[int]]] = defaultdict(dict)
    rows = (
        Registration.objects.filter(webinar_id__in=ids)
        .order_by()
        .values("webinar_id", "country")
        .annotate(
            registered=Count("pk", filter=~Q(state=Registration.State.CANCELLED)),
            attended=Count("pk", filter=Q(has_attended=True)),
        )
    )
    for row in rows:
        if row["registered"] or row["attended"]:
            counts[row["webinar_id"]][(row["country"] or "").upper()] = [row["registered"], row["attended"]]
    countries = {code for by_country in counts.values() for code in by_country}
    states = {state.code: state for state in MemberState.objects.filter(code__in=countries).select_related("region")}
    facts = []
    for pk in ids:
        webinar = webinars[pk]
        by_country = counts.get(pk, {})
        by_region: dict[object, list[int]] = {}
        for code, (registered, attended) in by_country.items():
            state = states.get(code)
            region = state.region if state and state.region_id else None
            totals = by_region.setdefault(region, [0, 0])
            totals[0] += registered
            totals[1] += attended
        facts.append(
            WebinarFacts(
                webinar=webinar,
                regions=tuple(webinar.regions.all()),
                delivered_languages=tuple(sorted(delivered.get(pk, []), key=lambda lang: (lang.order, lang.pk))),
                planned_languages=tuple(webinar.languages.all()),
                experts=tuple(webinar.experts.all()),
                by_region=tuple(
                    (region, totals[0], totals[1])
                    for region, totals in sorted(
                        by_region.items(), key=lambda item: (item[0] is None, getattr(item[0], "order", 0))
                    )
                ),
                by_state=tuple(
                    (code, states.get(code), registered, attended)
                    for code, (registered, attended) in sorted(
                        by_country.items(), key=lambda item: (-item[1][0], item[0])
                    )
                ),
            )
        )
    return facts


def plan_comments_for_plan(plan) -> list:
    """The regional groups' comments on a draft plan (planning.PlanComment), group by group."""
    if plan is None:
        return []
    from planning.models import PlanComment

    return list(PlanComment.objects.filter(plan=plan).select_related("group", "entry").order_by("group__order", "pk"))


def consultation_facts(*, year: int) -> ConsultationFacts:
    """The consultation held in ``year`` (the one preparing ``year + 1``), its proposals and next year's plan."""
    from planning.models import AnnualPlan
    from proposals.models import ConsultationCycle, Proposal
    from webinars.models import Language, Region

    cycle = ConsultationCycle.objects.filter(target_year=year + 1).first()
    proposals = (
        list(
            Proposal.objects.filter(cycle=cycle, state__in=Proposal.PUBLIC_STATES)
            .select_related("group", "candidate_topic")
            .order_by("group__order", "group__code", "pk")
        )
        if cycle
        else []
    )
    groups = []
    for proposal in proposals:
        if proposal.group not in groups:
            groups.append(proposal.group)
    plan = AnnualPlan.objects.filter(year=year + 1).first()
    entries = (
        list(
            plan.entries.order_by("position", "pk").prefetch_related(
                Prefetch("regions", queryset=Region.objects.order_by("order", "pk")),
                Prefetch("languages", queryset=Language.objects.order_by("order", "pk")),
            )
        )
        if plan and plan.state in (AnnualPlan.State.PUBLISHED, AnnualPlan.State.ARCHIVED)
        else []
    )
    return ConsultationFacts(
        cycle=cycle,
        proposals=tuple(proposals),
        groups_answered=tuple(groups),
        plan_comments=tuple(plan_comments_for_plan(plan)),
        next_plan=plan if entries else None,
        next_entries=tuple(entries),
    )


def topic_suggestions_of_year(*, year: int) -> int:
    """How many topic suggestions the participants of the webinars held in ``year`` gave."""
    from webinars.models import Feedback

    return (
        Feedback.objects.filter(webinar__status="held", webinar__starts_at__year=year)
        .exclude(topic_suggestion="")
        .count()
    )


# --- What a measure produced in the portal ------------------------------------------------------


@dataclass(frozen=True)
class ProducedPlan:
    year: int
    cycle_id: int


def programme_plans() -> list[ProducedPlan]:
    """The webinar programme's published (or archived) annual plans, oldest first: what measure 3 produced.

    A draft plan is the Secretariat's work in progress, not yet something the programme produced.
    """
    plans = AnnualPlan.objects.exclude(state=AnnualPlan.State.DRAFT).order_by("year").values_list("year", "cycle_id")
    return [ProducedPlan(year=year, cycle_id=cycle_id) for year, cycle_id in plans]
