"""The plan solver: the cycle's candidates and the rules in, the best plan and its reasons out.

Pure Python with OR-Tools CP-SAT; no database, no Django. The services turn proposals
into `Candidate`s and the plan's settings into `Rules`, call `solve_plan`, and store
what comes back. `check_plan` names the rules an edited plan breaks.

The rules, from the strategy ("normally no more than six webinars a year", "limited by
staff and money"; "if demand exceeds capacity, topics inside the scope come first,
while every region still gets at least one webinar"), and from the Secretariat's way of
planning a fair year (a graded series in order, languages spread, fairness between
groups) are weighed lexicographically, most important first:

1. hard: at most `capacity` webinars; total cost within `budget`; a part k of a series
   only if part k-1 is held (or scheduled) already in an earlier year, or also in the
   plan (and then earlier in it). A candidate costs the rules' `cost_per_webinar` plus
   `interpretation_per_language` for each of its languages beyond the first
   (planning.costs states the rule), unless it carries a cost of its own;
   nothing planned twice: a candidate that repeats a webinar held in recent years
   (`held_before`) is left out, and of two candidates on one subject (a shared
   `subjects` key, or a pair in the rules' `close_pairs`) at most one is planned, unless
   the Secretariat marked one of them distinct (`is_distinct`); two candidates for the
   same part of the same series are never both planned;
2. as many of the rules' regions covered as the proposals, capacity and budget allow;
3. as many requests met as possible (the Secretariat "tries to meet every request");
4. topics inside the scope areas first;
5. as many groups served as possible (fairness);
6. as many of the rules' languages offered as possible (spread);
7. the busiest group served as few times as possible (fairness again).

Each level's weight is larger than the largest total of every level below it, so a
single weighted objective gives the lexicographic optimum.

Reasons and conflicts are structured (`code` + `params`) so that the interface
translates them; codes are listed in REASON_CODES and CONFLICT_CODES.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

PERIODS = ("q1", "q2", "q3", "q4")
ANY_PERIOD = "any"

# Why a candidate is in the plan.
IN_ONLY_FOR_REGION = "only_for_region"  # params: regions (the plan has no other entry for them)
IN_COVERS_REGION = "covers_region"  # params: regions
IN_SCOPE = "in_scope"
IN_SERVES_GROUP = "serves_group"  # params: groups (no other entry of the plan serves them)
IN_EARLIER_PART = "earlier_part_of_series"  # params: series, position
IN_FOLLOWS_EARLIER_PART = "follows_earlier_part"  # params: series, position (held or scheduled earlier)
IN_DISTINCT_FROM_EARLIER = "distinct_from_earlier"  # params: year, title (marked distinct by the Secretariat)
IN_ADDS_LANGUAGE = "adds_language"  # params: languages (no other entry offers them)
IN_WITHIN_CAPACITY = "within_capacity"  # params: capacity
# Why a candidate is out.
# Money reasons also carry interpretation and languages when interpretation counts in the cost.
OUT_COST_ABOVE_BUDGET = "cost_above_budget"  # params: cost, budget
OUT_PREVIOUS_PART_MISSING = "previous_part_missing"  # params: series, position
OUT_PREVIOUS_PART_OUT = "previous_part_not_retained"  # params: series, position
OUT_ALREADY_HELD = "already_held"  # params: year, title (the earlier webinar it repeats)
OUT_SAME_SUBJECT = "same_subject_planned"  # params: title (the entry of the plan on the same subject)
OUT_CAPACITY_SCOPE_FIRST = "capacity_full_scope_first"  # params: capacity
OUT_CAPACITY_FULL = "capacity_full"  # params: capacity
OUT_BUDGET_SPENT = "budget_spent"  # params: cost, remaining
OUT_NOT_CHOSEN = "not_chosen"  # the optimiser stopped before it could say more
REASON_CODES = (
    IN_ONLY_FOR_REGION,
    IN_COVERS_REGION,
    IN_SCOPE,
    IN_SERVES_GROUP,
    IN_EARLIER_PART,
    IN_FOLLOWS_EARLIER_PART,
    IN_DISTINCT_FROM_EARLIER,
    IN_ADDS_LANGUAGE,
    IN_WITHIN_CAPACITY,
    OUT_COST_ABOVE_BUDGET,
    OUT_PREVIOUS_PART_MISSING,
    OUT_PREVIOUS_PART_OUT,
    OUT_ALREADY_HELD,
    OUT_SAME_SUBJECT,
    OUT_CAPACITY_SCOPE_FIRST,
    OUT_CAPACITY_FULL,
    OUT_BUDGET_SPENT,
    OUT_NOT_CHOSEN,
)

# Rules that cannot all hold (in a solved plan or in an edited one).
REGION_WITHOUT_PROPOSAL = "region_without_proposal"  # params: region
REGIONS_EXCEED_CAPACITY = "regions_exceed_capacity"  # params: regions (count), capacity
REGION_NOT_COVERED = "region_not_covered"  # params: region
BUDGET_BELOW_ONE_WEBINAR = "budget_below_one_webinar"  # params: budget, cost
LANGUAGE_NOT_OFFERED = "language_not_offered"  # params: language
OVER_CAPACITY = "over_capacity"  # params: count, capacity
OVER_BUDGET = "over_budget"  # params: cost, budget
SERIES_ORDER_BROKEN = "series_order_broken"  # params: series, position
UNKNOWN_CANDIDATE = "unknown_candidate"  # params: id
NO_SOLUTION = "no_solution"  # params: status
CONFLICT_CODES = (
    REGION_WITHOUT_PROPOSAL,
    REGIONS_EXCEED_CAPACITY,
    REGION_NOT_COVERED,
    BUDGET_BELOW_ONE_WEBINAR,
    LANGUAGE_NOT_OFFERED,
    OVER_CAPACITY,
    OVER_BUDGET,
    SERIES_ORDER_BROKEN,
    UNKNOWN_CANDIDATE,
    NO_SOLUTION,
)


@dataclass(frozen=True)
class Candidate:
    """One possible webinar of the plan: a proposal, one part of a series, or a merger.

    `groups` holds every group whose request it answers (a merged candidate answers
    several); `sources` the ids of the proposals it comes from. Money is in whole units.
    """

    id: str
    groups: tuple[str, ...]
    regions: tuple[str, ...]
    languages: tuple[str, ...] = ()
    in_scope: bool = False
    series_key: str | None = None
    series_position: int | None = None
    cost: int | None = None  # None: the rules' cost per webinar and interpretation per language
    preferred_period: str = ANY_PERIOD
    sources: tuple[str, ...] = ()
    title: str = ""
    # Nothing planned twice: what the candidate is about (a candidate topic, say "topic:12"),
    # the earlier webinar it repeats as (year, title), and the Secretariat's mark that it is
    # another webinar all the same.
    subjects: tuple[str, ...] = ()
    held_before: tuple = ()
    is_distinct: bool = False


@dataclass(frozen=True)
class Rules:
    capacity: int = 6
    budget: int | None = None  # None: money does not limit the plan
    cost_per_webinar: int = 0
    interpretation_per_language: int = 0  # for each language of a candidate beyond its first
    regions: tuple[str, ...] = ()  # every region the plan should serve
    languages: tuple[str, ...] = ()  # languages to spread the plan over
    held_parts: frozenset[tuple[str, int]] = frozenset()  # (series_key, position) held or scheduled earlier
    close_pairs: frozenset[tuple[str, str]] = frozenset()  # candidate ids whose texts say the same thing
    time_limit_s: float = 10.0
    workers: int = 1  # one worker: the same input always gives the same plan
    seed: int = 7


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True)
class Verdict:
    candidate_id: str
    is_chosen: bool
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {"chosen": self.is_chosen, "reasons": [reason.as_dict() for reason in self.reasons]}


@dataclass(frozen=True)
class Slot:
    """A chosen candidate at its place in the plan (series parts follow their order)."""

    candidate_id: str
    position: int
    period: str


@dataclass
class PlanResult:
    slots: list[Slot]
    verdicts: dict[str, Verdict]
    conflicts: list[Reason]
    status: str
    objective: float = 0.0
    bound: float = 0.0
    wall_time_s: float = 0.0

    @property
    def chosen_ids(self) -> list[str]:
        return [slot.candidate_id for slot in self.slots]

    @property
    def gap_percent(self) -> float:
        if self.objective == self.bound:
            return 0.0
        return abs(self.bound - self.objective) / max(abs(self.bound), 1.0) * 100

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "gap_percent": round(self.gap_percent, 4),
            "wall_time_s": round(self.wall_time_s, 4),
            "slots": [{"id": s.candidate_id, "position": s.position, "period": s.period} for s in self.slots],
            "verdicts": {key: verdict.as_dict() for key, verdict in self.verdicts.items()},
            "conflicts": [conflict.as_dict() for conflict in self.conflicts],
        }


def interpretation_of(candidate: Candidate, rules: Rules) -> int:
    """What interpreting the candidate into its languages beyond the first costs (0 with a cost of its own)."""
    if candidate.cost is not None:
        return 0
    return rules.interpretation_per_language * max(len(set(candidate.languages)) - 1, 0)


def cost_of(candidate: Candidate, rules: Rules) -> int:
    if candidate.cost is not None:
        return candidate.cost
    return rules.cost_per_webinar + interpretation_of(candidate, rules)


def _cost_params(candidate: Candidate, rules: Rules, **params) -> dict:
    """A money reason's parameters: the cost, and what interpretation takes of it when it counts."""
    interpretation = interpretation_of(candidate, rules)
    params = {"cost": cost_of(candidate, rules), **params}
    if interpretation:
        params |= {"interpretation": interpretation, "languages": sorted(set(candidate.languages))}
    return params


def _previous_part(candidate: Candidate) -> tuple[str, int] | None:
    if candidate.series_key is None or not candidate.series_position or candidate.series_position <= 1:
        return None
    return (candidate.series_key, candidate.series_position - 1)


def _series_index(candidates: Sequence[Candidate]) -> dict[tuple[str, int], list[int]]:
    """The candidates for each part of a series (two proposals may both offer the next part)."""
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    for n, c in enumerate(candidates):
        if c.series_key is not None and c.series_position:
            index[(c.series_key, c.series_position)].append(n)
    return dict(index)


def _repeats(candidates: Sequence[Candidate], rules: Rules) -> tuple[set[int], list[tuple[int, int]]]:
    """Nothing planned twice: the candidates left out because they repeat a held webinar, and the
    pairs of candidates of which at most one is planned (same subject, unless one is marked
    distinct; the same part of the same series, always)."""
    repeated = {n for n, c in enumerate(candidates) if c.held_before and not c.is_distinct}
    pairs: set[tuple[int, int]] = set()
    for members in _series_index(candidates).values():
        pairs.update(combinations(members, 2))
    by_subject: dict[str, list[int]] = defaultdict(list)
    for n, c in enumerate(candidates):
        for subject in dict.fromkeys(c.subjects):
            by_subject[subject].append(n)
    position = {c.id: n for n, c in enumerate(candidates)}
    close = [(position[a], position[b]) for a, b in rules.close_pairs if a in position and b in position]
    for a, b in [pair for members in by_subject.values() for pair in combinations(members, 2)] + close:
        first, second = candidates[a], candidates[b]
        if a == b or first.is_distinct or second.is_distinct:
            continue
        if first.series_key is not None and first.series_key == second.series_key:
            continue  # parts of one series follow each other
        pairs.add((min(a, b), max(a, b)))
    return repeated, sorted(pairs)


def _rule_regions(candidates: Sequence[Candidate], rules: Rules) -> tuple[str, ...]:
    return rules.regions or tuple(sorted({r for c in candidates for r in c.regions}))


def _orphan_parts(candidates: Sequence[Candidate], rules: Rules) -> set[int]:
    """Candidates that can never be planned: an earlier part is neither held nor on offer."""
    by_part = _series_index(candidates)
    orphans: set[int] = set()
    for index, candidate in enumerate(candidates):
        previous = _previous_part(candidate)
        while previous is not None and previous not in rules.held_parts:
            if previous not in by_part:
                orphans.add(index)
                break
            previous = _previous_part(candidates[by_part[previous][0]])
    return orphans


def solve_plan(candidates: Sequence[Candidate], rules: Rules) -> PlanResult:
    """The best plan for these candidates under these rules, with every reason."""
    started = time.perf_counter()
    candidates = list(candidates)
    _check_input(candidates, rules)
    regions = _rule_regions(candidates, rules)
    languages = tuple(rules.languages)
    groups = tuple(sorted({g for c in candidates for g in c.groups}))
    capacity = max(rules.capacity, 0)
    by_part = _series_index(candidates)
    orphans = _orphan_parts(candidates, rules)
    repeated, pairs = _repeats(candidates, rules)
    entangled = repeated | {n for pair in pairs for n in pair}
    dominated = _dominated(candidates, rules, set(regions), set(languages), entangled)

    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{i}") for i in range(len(candidates))]
    model.Add(sum(x) <= capacity)
    if rules.budget is not None:
        model.Add(sum(cost_of(c, rules) * x[i] for i, c in enumerate(candidates)) <= rules.budget)
    for index in orphans | dominated | repeated:
        model.Add(x[index] == 0)
    for a, b in pairs:
        model.Add(x[a] + x[b] <= 1)
    for index, candidate in enumerate(candidates):
        previous = _previous_part(candidate)
        if previous is not None and previous not in rules.held_parts and previous in by_part:
            model.Add(x[index] <= sum(x[j] for j in by_part[previous]))

    def coverage(keys: Iterable[str], attribute: str, name: str) -> list:
        members = defaultdict(list)
        for index, candidate in enumerate(candidates):
            for key in getattr(candidate, attribute):
                members[key].append(x[index])
        covered = []
        for n, key in enumerate(keys):
            var = model.NewBoolVar(f"{name}{n}")
            if members.get(key):
                model.Add(var <= sum(members[key]))  # linear, so the relaxation bounds it well
            else:
                model.Add(var == 0)
            covered.append(var)
        return covered

    region_cov = coverage(regions, "regions", "r")
    group_cov = coverage(groups, "groups", "g")
    language_cov = coverage(languages, "languages", "l")
    # Redundant but tightening: a plan reaches no more regions, groups, languages than its entries name.
    for covered, attribute in ((region_cov, "regions"), (group_cov, "groups"), (language_cov, "languages")):
        model.Add(sum(covered) <= sum(len(set(getattr(c, attribute))) * x[i] for i, c in enumerate(candidates)))
    busiest = model.NewIntVar(0, capacity, "busiest")
    group_load = defaultdict(list)
    for index, candidate in enumerate(candidates):
        for group in candidate.groups:
            group_load[group].append(x[index])
    for load in group_load.values():
        model.Add(sum(load) <= busiest)

    # Lexicographic weights: each level outweighs everything below it.
    w_busy = 1
    w_language = w_busy * (capacity + 1)
    w_group = w_language * (len(languages) + 1)
    w_scope = w_group * (len(groups) + 1)
    w_count = w_scope * (capacity + 1)
    w_region = w_count * (capacity + 1)
    in_scope = [x[i] for i, c in enumerate(candidates) if c.in_scope]
    model.Maximize(
        w_region * sum(region_cov)
        + w_count * sum(x)
        + w_scope * sum(in_scope)
        + w_group * sum(group_cov)
        + w_language * sum(language_cov)
        - w_busy * busiest
    )

    # A complete first solution, so that the optimiser starts from a good plan and often
    # only has to prove it optimal.
    start = set(_greedy_plan(candidates, rules, orphans | dominated | repeated, set(regions), set(languages), pairs))
    for index, var in enumerate(x):
        model.AddHint(var, int(index in start))
    start_candidates = [candidates[i] for i in start]
    for keys, attribute, covered in (
        (regions, "regions", region_cov),
        (groups, "groups", group_cov),
        (languages, "languages", language_cov),
    ):
        reached = {key for c in start_candidates for key in getattr(c, attribute)}
        for key, var in zip(keys, covered, strict=True):
            model.AddHint(var, int(key in reached))
    start_load = defaultdict(int)
    for c in start_candidates:
        for group in c.groups:
            start_load[group] += 1
    model.AddHint(busiest, max(start_load.values(), default=0))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = rules.time_limit_s
    solver.parameters.num_workers = max(rules.workers, 1)
    solver.parameters.random_seed = rules.seed
    status = solver.Solve(model)
    status_name = solver.StatusName(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        verdicts = {c.id: Verdict(c.id, False, (Reason(OUT_NOT_CHOSEN),)) for c in candidates}
        return PlanResult(
            slots=[],
            verdicts=verdicts,
            conflicts=[Reason(NO_SOLUTION, {"status": status_name})],
            status=status_name.lower(),
            wall_time_s=time.perf_counter() - started,
        )
    chosen = [i for i in range(len(candidates)) if solver.Value(x[i])]
    result = PlanResult(
        slots=order_slots([candidates[i] for i in chosen]),
        verdicts={},
        conflicts=[],
        status=status_name.lower(),
        objective=solver.ObjectiveValue(),
        bound=solver.BestObjectiveBound(),
    )
    result.verdicts = _verdicts(candidates, rules, set(chosen), orphans, regions, languages, repeated, pairs)
    result.conflicts = _solver_conflicts(candidates, rules, set(chosen), regions, languages)
    result.wall_time_s = time.perf_counter() - started
    return result


def _dominated(
    candidates: Sequence[Candidate],
    rules: Rules,
    regions: set[str],
    languages: set[str],
    entangled: frozenset[int] | set[int] = frozenset(),
) -> set[int]:
    """Candidates that at least `capacity` others beat on every count: leaving them out loses nothing.

    A beats B when both stand alone (no series), serve the same groups, and A costs no
    more, is in scope if B is, and reaches every wanted region and language B reaches
    (ties go to the earlier candidate). In any plan holding B, one of B's `capacity`
    betters is free to take its place, and the plan is no worse. This shrinks a large
    cycle to the few hundred candidates that can matter, which the optimiser proves
    optimal quickly. A candidate tied to another by "nothing planned twice" (`entangled`) is
    not free to take anyone's place, so it neither beats nor is beaten.
    """
    limit = max(rules.capacity, 1)
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, candidate in enumerate(candidates):
        if candidate.series_key is None and index not in entangled:
            buckets[tuple(sorted(set(candidate.groups)))].append(index)
    uses_money = rules.budget is not None
    dominated: set[int] = set()
    for members in buckets.values():
        if len(members) <= limit:
            continue
        profiles = []
        for index in members:
            candidate = candidates[index]
            profiles.append(
                (
                    cost_of(candidate, rules) if uses_money else 0,
                    not candidate.in_scope,
                    frozenset(candidate.regions) & regions,
                    frozenset(candidate.languages) & languages,
                    index,
                )
            )
        # Whoever beats a candidate sorts before it; only those need comparing.
        profiles.sort(key=lambda p: (p[0], p[1], -len(p[2]), -len(p[3]), p[4]))
        for n, (cost, out_of_scope, reach, speaks, index) in enumerate(profiles):
            betters = 0
            for other_cost, other_out, other_reach, other_speaks, other_index in profiles[:n]:
                if (
                    other_cost <= cost
                    and other_out <= out_of_scope
                    and reach <= other_reach
                    and speaks <= other_speaks
                    and (
                        other_cost < cost
                        or other_out < out_of_scope
                        or reach < other_reach
                        or speaks < other_speaks
                        or other_index < index
                    )
                ):
                    betters += 1
                    if betters >= limit:
                        dominated.add(index)
                        break
    return dominated


def _greedy_plan(
    candidates: Sequence[Candidate],
    rules: Rules,
    excluded: set[int],
    regions: set[str],
    languages: set[str],
    pairs: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """A good first plan to start the optimiser from: best next candidate, level by level.

    Keeps enough money for the cheapest candidates to fill the remaining places, so
    that the count of webinars does not suffer from an early dear choice.
    """
    chosen: list[int] = []
    taken: set[int] = set()
    partners: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs:
        partners[a].add(b)
        partners[b].add(a)
    parts = set(rules.held_parts)
    covered_regions: set[str] = set()
    covered_languages: set[str] = set()
    load: dict[str, int] = defaultdict(int)
    remaining = rules.budget
    costs = sorted(cost_of(c, rules) for i, c in enumerate(candidates) if i not in excluded)
    for slot in range(max(rules.capacity, 0)):
        places_after = rules.capacity - slot - 1
        best = None
        best_key = None
        for index, candidate in enumerate(candidates):
            if index in taken or index in excluded or partners[index] & taken:
                continue
            previous = _previous_part(candidate)
            if previous is not None and previous not in parts:
                continue
            cost = cost_of(candidate, rules)
            if remaining is not None:
                if cost > remaining:
                    continue
                reserve = sum(costs[:places_after])
                keeps_room = cost + reserve <= remaining
            else:
                keeps_room = True
            busiest = max((load[g] + 1 for g in candidate.groups), default=0)
            key = (
                keeps_room,
                len(set(candidate.regions) & regions - covered_regions),
                candidate.in_scope,
                sum(1 for g in set(candidate.groups) if load[g] == 0),
                len(set(candidate.languages) & languages - covered_languages),
                -busiest,
                -cost,
                -index,
            )
            if best_key is None or key > best_key:
                best, best_key = index, key
        if best is None:
            break
        candidate = candidates[best]
        chosen.append(best)
        taken.add(best)
        if candidate.series_key is not None:
            parts.add((candidate.series_key, candidate.series_position))
        covered_regions |= set(candidate.regions)
        covered_languages |= set(candidate.languages)
        for group in candidate.groups:
            load[group] += 1
        if remaining is not None:
            remaining -= cost_of(candidate, rules)
    return chosen


def _check_input(candidates: Sequence[Candidate], rules: Rules) -> None:
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise ValueError("candidate ids must be unique")
    if (
        rules.capacity < 0
        or (rules.budget is not None and rules.budget < 0)
        or rules.cost_per_webinar < 0
        or rules.interpretation_per_language < 0
    ):
        raise ValueError("capacity, budget and cost cannot be negative")


def order_slots(chosen: Sequence[Candidate]) -> list[Slot]:
    """Place the chosen candidates in the year: by preferred period, series parts in order.

    A part never comes before an earlier part of its series: if it prefers an earlier
    quarter than its predecessor got, it moves to that quarter, just after it ("any
    time" counts as after the fourth quarter).
    """
    rank_of = {period: n for n, period in enumerate(PERIODS)}
    last = len(PERIODS)
    rank: dict[str, int] = {}
    part_rank: dict[tuple[str, int], int] = {}
    for candidate in sorted(chosen, key=lambda c: (c.series_key or "", c.series_position or 0, c.id)):
        own = rank_of.get(candidate.preferred_period, last)
        previous = _previous_part(candidate)
        if previous in part_rank:
            own = max(own, part_rank[previous])
        rank[candidate.id] = own
        if candidate.series_key is not None:
            part_rank[(candidate.series_key, candidate.series_position)] = own
    ordered = sorted(chosen, key=lambda c: (rank[c.id], c.series_key or "", c.series_position or 0, c.id))
    return [Slot(c.id, n + 1, PERIODS[rank[c.id]] if rank[c.id] < last else ANY_PERIOD) for n, c in enumerate(ordered)]


def _verdicts(
    candidates: Sequence[Candidate],
    rules: Rules,
    chosen: set[int],
    orphans: set[int],
    regions: tuple[str, ...],
    languages: tuple[str, ...],
    repeated: set[int] = frozenset(),
    pairs: Sequence[tuple[int, int]] = (),
) -> dict[str, Verdict]:
    chosen_candidates = [candidates[i] for i in chosen]
    region_count = defaultdict(int)
    group_count = defaultdict(int)
    language_count = defaultdict(int)
    for candidate in chosen_candidates:
        for region in set(candidate.regions):
            region_count[region] += 1
        for group in set(candidate.groups):
            group_count[group] += 1
        for language in set(candidate.languages):
            language_count[language] += 1
    wanted_regions = set(regions)
    wanted_languages = set(languages)
    needed_parts = {_previous_part(c) for c in chosen_candidates} - {None}
    spent = sum(cost_of(c, rules) for c in chosen_candidates)
    remaining = None if rules.budget is None else rules.budget - spent
    is_full = len(chosen) >= rules.capacity
    any_in_scope_chosen = any(c.in_scope for c in chosen_candidates)
    by_part = _series_index(candidates)
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in pairs:
        partners[a].append(b)
        partners[b].append(a)

    verdicts: dict[str, Verdict] = {}
    for index, candidate in enumerate(candidates):
        reasons: list[Reason] = []
        if index in chosen:
            mine = [r for r in candidate.regions if r in wanted_regions]
            only = sorted(r for r in mine if region_count[r] == 1)
            if only:
                reasons.append(Reason(IN_ONLY_FOR_REGION, {"regions": only}))
            elif mine:
                reasons.append(Reason(IN_COVERS_REGION, {"regions": sorted(set(mine))}))
            if (candidate.series_key, candidate.series_position) in needed_parts:
                reasons.append(
                    Reason(IN_EARLIER_PART, {"series": candidate.series_key, "position": candidate.series_position})
                )
            previous = _previous_part(candidate)
            if previous is not None and previous in rules.held_parts:
                reasons.append(Reason(IN_FOLLOWS_EARLIER_PART, {"series": previous[0], "position": previous[1]}))
            if candidate.held_before and candidate.is_distinct:
                year, title = candidate.held_before
                reasons.append(Reason(IN_DISTINCT_FROM_EARLIER, {"year": year, "title": title}))
            if candidate.in_scope:
                reasons.append(Reason(IN_SCOPE))
            sole_groups = sorted(g for g in set(candidate.groups) if group_count[g] == 1)
            if sole_groups:
                reasons.append(Reason(IN_SERVES_GROUP, {"groups": sole_groups}))
            sole_languages = sorted(
                lang for lang in set(candidate.languages) if lang in wanted_languages and language_count[lang] == 1
            )
            if sole_languages:
                reasons.append(Reason(IN_ADDS_LANGUAGE, {"languages": sole_languages}))
            reasons.append(Reason(IN_WITHIN_CAPACITY, {"capacity": rules.capacity}))
            verdicts[candidate.id] = Verdict(candidate.id, True, tuple(reasons))
            continue
        cost = cost_of(candidate, rules)
        previous = _previous_part(candidate)
        planned_twin = next((j for j in partners[index] if j in chosen), None)
        if index in repeated:
            year, title = candidate.held_before
            reasons.append(Reason(OUT_ALREADY_HELD, {"year": year, "title": title}))
        elif index in orphans:
            missing = previous
            while missing in by_part:
                missing = _previous_part(candidates[by_part[missing][0]])
            reasons.append(Reason(OUT_PREVIOUS_PART_MISSING, {"series": missing[0], "position": missing[1]}))
        elif planned_twin is not None:
            reasons.append(Reason(OUT_SAME_SUBJECT, {"title": candidates[planned_twin].title}))
        elif rules.budget is not None and cost > rules.budget:
            reasons.append(Reason(OUT_COST_ABOVE_BUDGET, _cost_params(candidate, rules, budget=rules.budget)))
        elif previous is not None and previous not in rules.held_parts and not chosen & set(by_part.get(previous, ())):
            reasons.append(Reason(OUT_PREVIOUS_PART_OUT, {"series": previous[0], "position": previous[1]}))
        elif is_full and not candidate.in_scope and any_in_scope_chosen:
            reasons.append(Reason(OUT_CAPACITY_SCOPE_FIRST, {"capacity": rules.capacity}))
        elif is_full:
            reasons.append(Reason(OUT_CAPACITY_FULL, {"capacity": rules.capacity}))
        elif remaining is not None and cost > remaining:
            reasons.append(Reason(OUT_BUDGET_SPENT, _cost_params(candidate, rules, remaining=remaining)))
        else:
            reasons.append(Reason(OUT_NOT_CHOSEN))
        verdicts[candidate.id] = Verdict(candidate.id, False, tuple(reasons))
    return verdicts


def _solver_conflicts(
    candidates: Sequence[Candidate],
    rules: Rules,
    chosen: set[int],
    regions: tuple[str, ...],
    languages: tuple[str, ...],
) -> list[Reason]:
    """The rules the proposals and the settings do not let hold together, named."""
    conflicts: list[Reason] = []
    offered_regions = {r for c in candidates for r in c.regions}
    covered = {r for i in chosen for r in candidates[i].regions}
    for region in regions:
        if region not in offered_regions:
            conflicts.append(Reason(REGION_WITHOUT_PROPOSAL, {"region": region}))
    coverable = [r for r in regions if r in offered_regions]
    if len(coverable) > rules.capacity:
        conflicts.append(Reason(REGIONS_EXCEED_CAPACITY, {"regions": len(coverable), "capacity": rules.capacity}))
    if rules.budget is not None and candidates:
        cheapest = min(cost_of(c, rules) for c in candidates)
        if cheapest > rules.budget:
            conflicts.append(Reason(BUDGET_BELOW_ONE_WEBINAR, {"budget": rules.budget, "cost": cheapest}))
    for region in coverable:
        if region not in covered:
            conflicts.append(Reason(REGION_NOT_COVERED, {"region": region}))
    offered_languages = {lang for c in candidates for lang in c.languages}
    for language in languages:
        if language not in offered_languages:
            conflicts.append(Reason(LANGUAGE_NOT_OFFERED, {"language": language}))
    return conflicts


def check_plan(candidates: Sequence[Candidate], rules: Rules, ordered_ids: Sequence[str]) -> list[Reason]:
    """The rules an edited plan breaks; `ordered_ids` lists its entries in their order.

    A region left without a webinar is named only when some candidate targets it (a
    region nobody asked for is the proposals' gap, not the plan's).
    """
    by_id = {c.id: c for c in candidates}
    broken: list[Reason] = []
    for candidate_id in ordered_ids:
        if candidate_id not in by_id:
            broken.append(Reason(UNKNOWN_CANDIDATE, {"id": candidate_id}))
    plan = [by_id[i] for i in ordered_ids if i in by_id]
    if len(ordered_ids) > rules.capacity:
        broken.append(Reason(OVER_CAPACITY, {"count": len(ordered_ids), "capacity": rules.capacity}))
    cost = sum(cost_of(c, rules) for c in plan)
    if rules.budget is not None and cost > rules.budget:
        broken.append(Reason(OVER_BUDGET, {"cost": cost, "budget": rules.budget}))
    position = {(c.series_key, c.series_position): n for n, c in enumerate(plan) if c.series_key is not None}
    for n, candidate in enumerate(plan):
        previous = _previous_part(candidate)
        if previous is None or previous in rules.held_parts:
            continue
        if previous not in position or position[previous] > n:
            broken.append(
                Reason(SERIES_ORDER_BROKEN, {"series": candidate.series_key, "position": candidate.series_position})
            )
    regions = _rule_regions(candidates, rules)
    offered = {r for c in candidates for r in c.regions}
    covered = {r for c in plan for r in c.regions}
    for region in regions:
        if region not in offered:
            broken.append(Reason(REGION_WITHOUT_PROPOSAL, {"region": region}))
        elif region not in covered:
            broken.append(Reason(REGION_NOT_COVERED, {"region": region}))
    offered_languages = {lang for c in candidates for lang in c.languages}
    planned_languages = {lang for c in plan for lang in c.languages}
    for language in rules.languages:
        if language in offered_languages and language not in planned_languages:
            broken.append(Reason(LANGUAGE_NOT_OFFERED, {"language": language}))
    return broken
