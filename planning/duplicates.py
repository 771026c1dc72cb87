"""Nothing planned twice: proposals and plan entries close to a webinar held in recent years, or to each other.

At review (each answer) and on the draft plan (each entry), the Secretariat sees the webinar
held in the PORTAL_DUPLICATE_YEARS years before the year planned that the proposal or entry
repeats, linked to its public page; on the plan, also two entries that repeat each other.
Two ways to repeat a webinar:
- identity: the same topic (an adopted candidate topic, an entry's topic) as a held webinar,
  or the topic of the series it was part of, whatever the texts say; a part of a series
  repeats the same part only: part 3 on the topic of a series whose parts 1 and 2 were held
  goes on with the series, it does not repeat it;
- similarity: the cosine of the encoder's vectors (similarity.encoder), which meets across
  the six languages, at or above DUPLICATE.

The vectors are the stored ones (similarity.vectors): a proposal's, a held webinar's; a plan
entry stands for its source proposals (the mean of their vectors), or for its candidate
topic; only an entry with neither (added by hand) has its title encoded on the spot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.conf import settings
from django.utils import timezone

from planning.models import AnnualPlan, PlanEntry
from proposals.models import CandidateTopic, ConsultationCycle, Proposal, ProposalPart
from similarity import encoder
from similarity.vectors import unit_rows, vectors_for
from webinars.models import Webinar

# Chosen on the independent check set (similarity/evaluation/duplicates.json: 18 held webinars,
# 38 proposals of which 25 repeat one; figures in bench/bench_similarity_uses.py). From 0.56 to
# 0.58 the closest held webinar is the right one for 18 of the 25, and one proposal is flagged
# wrongly (a "business climate" text on SMEs, at 0.61); at 0.55 a second wrong flag comes (AI tools
# inside offices against AI policy, 0.553); lower, each repeat more found costs about one wrong
# flag more (0.50: 19 right, 6 wrong; 0.46: 21 and 7). The repeats it misses score 0.35 to 0.53,
# written very differently: identity (same topic, same series) catches those that took up the
# held webinar's own topic.
DUPLICATE = 0.57
MAX_SHOWN = 3  # held webinars named beside one proposal or entry, closest first
SAME_TOPIC, SAME_SERIES, CLOSE = "topic", "series", "close"


@dataclass(frozen=True)
class EarlierWebinar:
    """A held webinar that a proposal or entry repeats; `score` is the cosine (identity or not)."""

    webinar: Webinar
    year: int
    score: float
    why: str  # SAME_TOPIC, SAME_SERIES or CLOSE


@dataclass(frozen=True)
class CloseEntry:
    """Another entry of the same plan that this one repeats."""

    entry: PlanEntry
    score: float
    why: str  # SAME_TOPIC or CLOSE


@dataclass
class Duplicates:
    earlier: list[EarlierWebinar] = field(default_factory=list)
    entries: list[CloseEntry] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.earlier or self.entries)


def matches(
    item_vectors: np.ndarray,
    held_vectors: np.ndarray,
    *,
    allowed: np.ndarray | None = None,
    threshold: float = DUPLICATE,
    limit: int = MAX_SHOWN,
) -> list[list[tuple[int, float]]]:
    """For each item row, the held rows at or above `threshold`, closest first: (row, cosine).

    `allowed` (items x held, booleans) leaves out the held webinars outside an item's years.
    Pure numpy: the bench measures it on the evaluation set as the screens use it.
    """
    if len(item_vectors) == 0 or len(held_vectors) == 0:
        return [[] for _row in range(len(item_vectors))]
    score = np.asarray(item_vectors, dtype=np.float32) @ np.asarray(held_vectors, dtype=np.float32).T
    if allowed is not None:
        score = np.where(allowed, score, -1.0)
    found = []
    for row in score:
        order = np.argsort(-row, kind="stable")[:limit]
        found.append([(int(n), float(row[n])) for n in order if row[n] >= threshold])
    return found


@dataclass
class _Item:
    """What the comparison needs of one proposal or entry."""

    obj: Proposal | PlanEntry
    year: int  # the year planned: held webinars count from year - PORTAL_DUPLICATE_YEARS to year - 1
    topic_id: int | None
    part: int | None  # the part number of an entry that is one part of a series
    sources: frozenset[int]  # source proposals (an entry's); two entries sharing one are one proposal's parts
    plan_id: int | None = None
    own_webinar_id: int | None = None
    series_id: int | None = None  # the public series it continues
    series_parts: frozenset[int] = frozenset()  # the numbers it takes in that series


def earlier_webinars(
    proposals_or_entries: Sequence[Proposal] | Sequence[PlanEntry], *, years: int | None = None
) -> dict[int, Duplicates]:
    """For each proposal or plan entry (of one kind), by primary key: what it repeats.

    `earlier`: the held webinars of the `years` years before the year planned (the cycle's
    target year, the plan's year; PORTAL_DUPLICATE_YEARS unless told) that it repeats,
    identity first, then the closest (at most MAX_SHOWN). `entries`, for plan entries: the
    other entries of the same plan given that repeat it. Only those with something to show
    are in the mapping. A bounded number of queries, whatever the number of items.
    """
    objects = list(proposals_or_entries)
    if not objects:
        return {}
    years = settings.PORTAL_DUPLICATE_YEARS if years is None else years
    are_entries = isinstance(objects[0], PlanEntry)
    items = _entry_items(objects) if are_entries else _proposal_items(objects)
    held = _held(min(item.year for item in items) - years, max(item.year for item in items))
    result: dict[int, Duplicates] = defaultdict(Duplicates)
    # An entry always reads its vector: the plan's page makes the same queries for one entry as for many.
    vectors = _vectors(items) if held or are_entries else None
    if held:
        held_vectors = vectors_for([webinar for webinar, _year in held])
        allowed = np.array(
            [
                [
                    item.year - years <= year < item.year
                    and webinar.pk != item.own_webinar_id
                    and not _goes_on_with(item, webinar)
                    for webinar, year in held
                ]
                for item in items
            ]
        )
        score = vectors @ held_vectors.T
        close = matches(vectors, held_vectors, allowed=allowed, limit=len(held))
        for n, item in enumerate(items):
            found = {}
            for column, (webinar, year) in enumerate(held):
                why = _identity(item, webinar)
                if why and allowed[n, column]:
                    found[column] = EarlierWebinar(webinar, year, float(score[n, column]), why)
            for column, value in close[n]:
                found.setdefault(column, EarlierWebinar(held[column][0], held[column][1], value, CLOSE))
            if found:
                ordered = sorted(found.values(), key=lambda e: (e.why == CLOSE, -e.score, e.webinar.pk))
                result[item.obj.pk].earlier = ordered[:MAX_SHOWN]
    if are_entries:
        _same_plan(items, vectors, result)
    return dict(result)


def _goes_on_with(item: _Item, webinar: Webinar) -> bool:
    """Another part of the series the item continues: it goes on with it, it does not repeat it."""
    return (
        item.series_id is not None
        and webinar.series_id == item.series_id
        and (webinar.series_position not in item.series_parts)
    )


def _identity(item: _Item, webinar: Webinar) -> str:
    """SAME_TOPIC or SAME_SERIES when the item takes up the held webinar's own subject; "" otherwise."""
    if item.series_id is not None and webinar.series_id == item.series_id:
        return SAME_SERIES if webinar.series_position in item.series_parts else ""
    if item.topic_id is None:
        return ""
    series = webinar.series
    if item.part is not None and series is not None and webinar.series_position != item.part:
        return ""  # another part of the series: it goes on with it
    if item.topic_id == webinar.topic_id:
        return SAME_TOPIC
    if series is not None and item.topic_id == series.topic_id:
        return SAME_SERIES
    return ""


def _same_part(first: _Item, second: _Item) -> bool:
    """Two parts of a series on one topic follow each other; a single webinar stands for every part."""
    return first.part is None or second.part is None or first.part == second.part


def _same_plan(items: list[_Item], vectors: np.ndarray, result: dict[int, Duplicates]) -> None:
    score = vectors @ vectors.T
    for a, first in enumerate(items):
        for b, second in enumerate(items):
            if a == b or first.plan_id != second.plan_id or first.sources & second.sources:
                continue
            if first.topic_id is not None and first.topic_id == second.topic_id and _same_part(first, second):
                why = SAME_TOPIC
            elif score[a, b] >= DUPLICATE:
                why = CLOSE
            else:
                continue
            result[first.obj.pk].entries.append(CloseEntry(second.obj, float(score[a, b]), why))
    for duplicates in result.values():
        duplicates.entries.sort(key=lambda e: (e.why == CLOSE, -e.score, e.entry.position, e.entry.pk))


def _held(first_year: int, last_year: int) -> list[tuple[Webinar, int]]:
    """The webinars held from 1 January of `first_year` until the end of `last_year` - 1, with their year."""
    tz = timezone.get_default_timezone()
    since, until = datetime(first_year, 1, 1, tzinfo=tz), datetime(last_year, 1, 1, tzinfo=tz)
    webinars = (
        Webinar.objects.held()
        .filter(starts_at__gte=since, starts_at__lt=until)
        .select_related("series")
        .order_by("starts_at", "pk")
    )
    return [(webinar, timezone.localtime(webinar.starts_at, tz).year) for webinar in webinars]


def _proposal_items(proposals: list[Proposal]) -> list[_Item]:
    years = dict(
        ConsultationCycle.objects.filter(pk__in={p.cycle_id for p in proposals}).values_list("pk", "target_year")
    )
    candidates = {p.candidate_topic_id for p in proposals if p.candidate_topic_id}
    topics = dict(CandidateTopic.objects.filter(pk__in=candidates).values_list("pk", "topic_id")) if candidates else {}
    return [
        _Item(
            obj=proposal,
            year=years[proposal.cycle_id],
            topic_id=topics.get(proposal.candidate_topic_id),
            part=None,
            sources=frozenset({proposal.pk}),
            series_id=proposal.continues_series_id,
            series_parts=frozenset(proposal.series_part_numbers()) if proposal.continues_series_id else frozenset(),
        )
        for proposal in proposals
    ]


def close_proposal_pairs(proposals: Sequence[Proposal]) -> list[tuple[int, int]]:
    """Pairs of these proposals (ids, smaller first) whose stored vectors meet at or above DUPLICATE."""
    proposals = list(proposals)
    if len(proposals) < 2:
        return []
    vectors = vectors_for(proposals)
    score = vectors @ vectors.T
    return [
        (min(first.pk, second.pk), max(first.pk, second.pk))
        for a, first in enumerate(proposals)
        for b, second in enumerate(proposals)
        if a < b and score[a, b] >= DUPLICATE
    ]


def _entry_items(entries: list[PlanEntry]) -> list[_Item]:
    plans = {pk: (year, cycle_id) for pk, year, cycle_id in _plan_rows(entries)}
    sources: dict[int, set[int]] = defaultdict(set)
    for entry_id, proposal_id in PlanEntry.proposals.through.objects.filter(
        planentry_id__in=[e.pk for e in entries]
    ).values_list("planentry_id", "proposal_id"):
        sources[entry_id].add(proposal_id)
    part_ids = {e.proposal_part_id for e in entries if e.proposal_part_id}
    parts = dict(ProposalPart.objects.filter(pk__in=part_ids).values_list("pk", "position")) if part_ids else {}
    continuing = {
        p.pk: p
        for p in Proposal.objects.filter(
            pk__in={pk for ids in sources.values() for pk in ids}, continues_series__isnull=False
        ).prefetch_related("parts")
    }

    def series_of(entry: PlanEntry) -> tuple[int | None, frozenset[int]]:
        """The public series an entry's proposal continues, and the number the entry takes there."""
        proposal = next((continuing[pk] for pk in sorted(sources[entry.pk]) if pk in continuing), None)
        if proposal is None:
            return None, frozenset()
        own = parts.get(entry.proposal_part_id) or 1
        return proposal.continues_series_id, frozenset({proposal.series_first_part + own - 1})

    return [
        _Item(
            obj=entry,
            year=plans[entry.plan_id][0],
            topic_id=entry.topic_id,
            part=parts.get(entry.proposal_part_id),
            sources=frozenset(sources[entry.pk]),
            plan_id=entry.plan_id,
            own_webinar_id=entry.webinar_id,
            series_id=series_of(entry)[0],
            series_parts=series_of(entry)[1],
        )
        for entry in entries
    ]


def _plan_rows(entries: list[PlanEntry]):
    return AnnualPlan.objects.filter(pk__in={e.plan_id for e in entries}).values_list("pk", "year", "cycle_id")


def _vectors(items: list[_Item]) -> np.ndarray:
    """One row per item, length one: a proposal's stored vector; an entry's, see the module's docstring."""
    if not isinstance(items[0].obj, PlanEntry):
        return vectors_for([item.obj for item in items])
    matrix = np.zeros((len(items), encoder.DIMENSIONS), dtype=np.float32)
    source_ids = sorted({pk for item in items for pk in item.sources})
    if source_ids:
        proposals = list(Proposal.objects.filter(pk__in=source_ids).prefetch_related("parts").order_by("pk"))
        row_of = {proposal.pk: row for row, proposal in enumerate(proposals)}
        stored = vectors_for(proposals)
        for n, item in enumerate(items):
            for pk in item.sources:
                if pk in row_of:
                    matrix[n] += stored[row_of[pk]]
    bare = [n for n, item in enumerate(items) if not matrix[n].any()]
    if bare:
        cycles = {pk: cycle_id for pk, _year, cycle_id in _plan_rows([items[n].obj for n in bare])}
        wanted = {(cycles[items[n].plan_id], items[n].topic_id) for n in bare if items[n].topic_id}
        candidates = list(
            CandidateTopic.objects.filter(
                cycle_id__in={cycle for cycle, _topic in wanted}, topic_id__in={topic for _cycle, topic in wanted}
            ).order_by("pk")
        )
        by_topic = {
            (c.cycle_id, c.topic_id): vector for c, vector in zip(candidates, vectors_for(candidates), strict=True)
        }
        for n in bare:
            vector = by_topic.get((cycles[items[n].plan_id], items[n].topic_id))
            if vector is not None:
                matrix[n] = vector
        untold = [n for n in bare if not matrix[n].any()]
        if untold:  # nothing stored stands for these entries: their titles, encoded together
            for n, vector in zip(untold, encoder.encode([items[n].obj.title for n in untold]), strict=True):
                matrix[n] = vector
    return unit_rows(matrix)
