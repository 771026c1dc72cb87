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

from reporting.models import CommitteeDecision, DocumentReference, FollowUpAction, Measure

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
    return CommitteeDecision.objects.annotate(measure_count=Count("measures"), **counts).order_by(
        "-decided_on", "-session", "pk"
    )


def state_counts(decision: CommitteeDecision) -> list[tuple[str, str, int]]:
    """(state, label, count) for each state a decision's measures are in, in the life-cycle order."""
    return [
        (state, label, getattr(decision, f"{state}_count"))
        for state, label in Measure.State.choices
        if getattr(decision, f"{state}_count", 0)
    ]


def _measures_with_details() -> QuerySet[Measure]:
    return Measure.objects.prefetch_related(
        Prefetch("documents", queryset=DocumentReference.objects.order_by("role", "order", "pk")),
        # Actions by due date, those without one last (SQLite and PostgreSQL place NULLs differently).
        Prefetch("actions", queryset=FollowUpAction.objects.order_by(F("due_on").asc(nulls_last=True), "pk")),
    )


def public_decision(*, pk: int) -> CommitteeDecision:
    """A decision with its measures in the order of the decision, each with its documents
    (``implementation_documents``, ``examination_documents``, ``decision_documents``), its
    follow-up actions and its public history (``public_history``, ``state_since``).
    A decision that does not exist is a 404.
    """
    decision = get_object_or_404(CommitteeDecision.objects.all(), pk=pk)
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
        measure.state_since = state_since(measure.public_history, measure.state)
    decision.ordered_measures = measures
    return decision


# --- History ------------------------------------------------------------------------------

# The measure's texts whose edits the public history names (in any of the six languages).
HISTORY_TEXT_FIELDS = ("title", "implementation", "examination", "decision_taken", "follow_up")
HISTORY_PLAIN_FIELDS = ("paragraph", "number")


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a measure as the public sees it: when, its state after, what changed. No one's name."""

    at: datetime
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
                    state=record["state"],
                    state_label=str(labels.get(record["state"], record["state"])),
                    is_created=before is None,
                    is_state_change=is_state_change,
                    changed=tuple(changed),
                )
            )
        previous[record["id"]] = record
    return dict(histories)


def state_since(history: list[HistoryEntry], state: str) -> datetime | None:
    """When the measure entered its present state: the first entry of the last run in that state."""
    since = None
    for entry in history:
        if entry.state != state:
            since = None
        elif since is None:
            since = entry.at
    return since


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
