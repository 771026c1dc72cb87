"""The plan solver alone: pure Python in, plan and reasons out (no database)."""

from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planning import solver
from planning.solver import Candidate, Rules, check_plan, solve_plan


def candidate(id, *, groups=("g1",), regions=("r1",), **kwargs):
    return Candidate(id=id, groups=tuple(groups), regions=tuple(regions), **kwargs)


def codes(result, candidate_id):
    return [reason.code for reason in result.verdicts[candidate_id].reasons]


def conflict_codes(conflicts):
    return [conflict.code for conflict in conflicts]


def test_never_plans_more_than_the_capacity():
    candidates = [candidate(f"c{n}", regions=("r1",)) for n in range(10)]
    result = solve_plan(candidates, Rules(capacity=6))
    assert len(result.chosen_ids) == 6
    assert result.status == "optimal"


def test_capacity_defaults_to_six():
    assert Rules().capacity == 6


def test_every_region_gets_a_webinar_when_capacity_allows():
    candidates = [candidate(f"a{n}", regions=("africa",), in_scope=True) for n in range(6)]
    candidates.append(candidate("asia", regions=("asia",), in_scope=False))
    result = solve_plan(candidates, Rules(capacity=3, regions=("africa", "asia")))
    assert "asia" in result.chosen_ids
    assert solver.IN_ONLY_FOR_REGION in codes(result, "asia")


def test_topics_inside_the_scope_come_first_when_demand_exceeds_capacity():
    candidates = [candidate("out1"), candidate("in1", in_scope=True)]
    candidates += [candidate("out2"), candidate("in2", in_scope=True)]
    result = solve_plan(candidates, Rules(capacity=2))
    assert sorted(result.chosen_ids) == ["in1", "in2"]
    assert codes(result, "out1") == [solver.OUT_CAPACITY_SCOPE_FIRST]
    assert result.verdicts["out1"].reasons[0].params == {"capacity": 2}


def test_out_of_scope_topics_fill_the_plan_when_there_is_room():
    result = solve_plan([candidate("in", in_scope=True), candidate("out")], Rules(capacity=6))
    assert sorted(result.chosen_ids) == ["in", "out"]


def test_budget_limits_the_plan():
    candidates = [candidate(f"c{n}") for n in range(6)]
    result = solve_plan(candidates, Rules(capacity=6, budget=250, cost_per_webinar=100))
    assert len(result.chosen_ids) == 2
    out = next(c.id for c in candidates if c.id not in result.chosen_ids)
    assert result.verdicts[out].reasons[0] == solver.Reason(solver.OUT_BUDGET_SPENT, {"cost": 100, "remaining": 50})


def test_a_candidate_dearer_than_the_whole_budget_says_so():
    result = solve_plan([candidate("cheap", cost=10), candidate("dear", cost=500)], Rules(budget=100))
    assert result.chosen_ids == ["cheap"]
    assert result.verdicts["dear"].reasons[0].code == solver.OUT_COST_ABOVE_BUDGET


def test_budget_below_one_webinar_is_named_as_a_conflict():
    result = solve_plan([candidate("a")], Rules(budget=50, cost_per_webinar=100))
    assert result.chosen_ids == []
    assert solver.BUDGET_BELOW_ONE_WEBINAR in conflict_codes(result.conflicts)


def test_a_region_nobody_asked_for_is_named_as_a_conflict():
    result = solve_plan([candidate("a", regions=("africa",))], Rules(regions=("africa", "pacific")))
    assert solver.Reason(solver.REGION_WITHOUT_PROPOSAL, {"region": "pacific"}) in result.conflicts


def test_more_regions_than_capacity_is_named_and_leaves_regions_uncovered():
    candidates = [candidate(f"c{n}", regions=(f"r{n}",)) for n in range(4)]
    result = solve_plan(candidates, Rules(capacity=2, regions=("r0", "r1", "r2", "r3")))
    assert solver.Reason(solver.REGIONS_EXCEED_CAPACITY, {"regions": 4, "capacity": 2}) in result.conflicts
    assert conflict_codes(result.conflicts).count(solver.REGION_NOT_COVERED) == 2


def test_a_series_part_needs_the_part_before_it():
    candidates = [
        candidate("s2", series_key="s", series_position=2, in_scope=True),
        candidate("s1", series_key="s", series_position=1),
        candidate("other1", in_scope=True),
    ]
    result = solve_plan(candidates, Rules(capacity=1))
    assert result.chosen_ids == ["other1"]
    assert codes(result, "s2") == [solver.OUT_PREVIOUS_PART_OUT]


def test_a_series_part_without_its_earlier_part_is_never_planned():
    candidates = [
        candidate("s3", series_key="s", series_position=3),
        candidate("s1", series_key="s", series_position=1),
    ]
    result = solve_plan(candidates, Rules(capacity=6))
    assert result.chosen_ids == ["s1"]
    assert result.verdicts["s3"].reasons[0] == solver.Reason(
        solver.OUT_PREVIOUS_PART_MISSING, {"series": "s", "position": 2}
    )


def test_a_part_may_follow_a_part_held_in_an_earlier_year():
    result = solve_plan([candidate("s2", series_key="s", series_position=2)], Rules(held_parts=frozenset({("s", 1)})))
    assert result.chosen_ids == ["s2"]


def test_series_parts_are_placed_in_order_even_against_preferred_periods():
    candidates = [
        candidate("s1", series_key="s", series_position=1, preferred_period="q3"),
        candidate("s2", series_key="s", series_position=2, preferred_period="q1"),
        candidate("lone", preferred_period="q2"),
    ]
    result = solve_plan(candidates, Rules())
    order = [slot.candidate_id for slot in result.slots]
    assert order.index("s1") < order.index("s2")
    periods = {slot.candidate_id: slot.period for slot in result.slots}
    assert periods == {"s1": "q3", "s2": "q3", "lone": "q2"}
    assert solver.IN_EARLIER_PART in codes(result, "s1")


def test_fairness_spreads_the_plan_over_groups():
    candidates = [candidate(f"a{n}", groups=("africa",)) for n in range(5)]
    candidates += [candidate("b0", groups=("asia",)), candidate("c0", groups=("latam",))]
    result = solve_plan(candidates, Rules(capacity=3))
    assert {"b0", "c0"} <= set(result.chosen_ids)
    assert solver.IN_SERVES_GROUP in codes(result, "b0")


def test_languages_are_spread_over_the_plan():
    candidates = [candidate(f"en{n}", languages=("en",)) for n in range(4)] + [candidate("ar", languages=("ar",))]
    result = solve_plan(candidates, Rules(capacity=2, languages=("en", "ar")))
    assert "ar" in result.chosen_ids
    assert solver.IN_ADDS_LANGUAGE in codes(result, "ar")


def test_a_merged_candidate_serves_every_group_it_comes_from():
    candidates = [
        candidate("merged", groups=("africa", "asia")),
        candidate("a", groups=("africa",)),
        candidate("b", groups=("asia",)),
    ]
    result = solve_plan(candidates, Rules(capacity=1))
    assert result.chosen_ids == ["merged"]


def test_every_candidate_gets_a_verdict_with_a_reason():
    candidates = [candidate(f"c{n}", in_scope=n % 2 == 0) for n in range(9)]
    result = solve_plan(candidates, Rules(capacity=4))
    assert set(result.verdicts) == {c.id for c in candidates}
    assert all(verdict.reasons for verdict in result.verdicts.values())


def test_the_same_input_gives_the_same_plan():
    candidates = [candidate(f"c{n}", groups=(f"g{n % 3}",), regions=(f"r{n % 4}",)) for n in range(30)]
    first = solve_plan(candidates, Rules(capacity=6))
    second = solve_plan(candidates, Rules(capacity=6))
    assert first.as_dict()["slots"] == second.as_dict()["slots"]


def test_result_serialises_to_plain_json_types():
    import json

    result = solve_plan([candidate("a"), candidate("b", in_scope=True)], Rules(capacity=1))
    data = json.loads(json.dumps(result.as_dict()))
    assert data["verdicts"]["a"]["reasons"][0]["code"] == solver.OUT_CAPACITY_SCOPE_FIRST


def test_duplicate_ids_are_refused():
    import pytest

    with pytest.raises(ValueError):
        solve_plan([candidate("a"), candidate("a")], Rules())


def test_check_plan_names_every_broken_rule():
    candidates = [
        candidate("s1", series_key="s", series_position=1, regions=("r1",), cost=100),
        candidate("s2", series_key="s", series_position=2, regions=("r1",), cost=100),
        candidate("far", regions=("r2",), cost=100),
    ]
    broken = check_plan(candidates, Rules(capacity=1, budget=150), ["s2", "s1"])
    assert set(conflict_codes(broken)) == {
        solver.OVER_CAPACITY,
        solver.OVER_BUDGET,
        solver.SERIES_ORDER_BROKEN,
        solver.REGION_NOT_COVERED,
    }


def test_check_plan_finds_nothing_wrong_with_a_good_plan():
    candidates = [candidate("a", regions=("r1",)), candidate("b", regions=("r2",))]
    assert check_plan(candidates, Rules(capacity=2), ["a", "b"]) == []


# Property-based tests: small random inputs, checked against brute force.

REGIONS = ("r0", "r1", "r2", "r3")


@st.composite
def problems(draw):
    size = draw(st.integers(min_value=0, max_value=7))
    candidates = []
    series_next: dict[str, int] = {}
    for n in range(size):
        series_key = draw(st.sampled_from([None, None, "s", "t"]))
        position = None
        if series_key is not None:
            # Usually the next part; sometimes a part whose predecessor is absent.
            position = series_next.get(series_key, 1) + draw(st.sampled_from([0, 0, 0, 1]))
            series_next[series_key] = position + 1
        candidates.append(
            Candidate(
                id=f"c{n}",
                groups=(draw(st.sampled_from(["g0", "g1", "g2"])),),
                regions=tuple(draw(st.sets(st.sampled_from(REGIONS), min_size=1, max_size=2))),
                languages=tuple(draw(st.sets(st.sampled_from(["en", "fr", "ar"]), min_size=1, max_size=2))),
                in_scope=draw(st.booleans()),
                series_key=series_key,
                series_position=position,
                cost=draw(st.integers(min_value=0, max_value=5)),
            )
        )
    rules = Rules(
        capacity=draw(st.integers(min_value=0, max_value=5)),
        budget=draw(st.one_of(st.none(), st.integers(min_value=0, max_value=15))),
        regions=REGIONS,
        languages=("en", "fr", "ar"),
        held_parts=draw(st.sampled_from([frozenset(), frozenset({("t", 1)})])),
    )
    return candidates, rules


def feasible(subset, rules) -> bool:
    if len(subset) > rules.capacity:
        return False
    if rules.budget is not None and sum(solver.cost_of(c, rules) for c in subset) > rules.budget:
        return False
    parts = {(c.series_key, c.series_position) for c in subset if c.series_key}
    for c in subset:
        if c.series_key and c.series_position > 1:
            previous = (c.series_key, c.series_position - 1)
            if previous not in parts and previous not in rules.held_parts:
                return False
    return True


def regions_covered(subset) -> int:
    return len({r for c in subset for r in c.regions} & set(REGIONS))


def score(subset, rules) -> tuple:
    """The solver's lexicographic objective, computed by hand."""
    groups = [g for c in subset for g in c.groups]
    return (
        regions_covered(subset),
        len(subset),
        sum(c.in_scope for c in subset),
        len(set(groups)),
        len({lang for c in subset for lang in c.languages} & set(rules.languages)),
        -max((groups.count(g) for g in set(groups)), default=0),
    )


def brute_force_best(candidates, rules) -> tuple:
    return max(
        score(subset, rules)
        for size in range(len(candidates) + 1)
        for subset in combinations(candidates, size)
        if feasible(subset, rules)
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_plan_never_exceeds_capacity_or_budget(problem):
    candidates, rules = problem
    result = solve_plan(candidates, rules)
    chosen = [c for c in candidates if c.id in result.chosen_ids]
    assert len(chosen) <= rules.capacity
    if rules.budget is not None:
        assert sum(solver.cost_of(c, rules) for c in chosen) <= rules.budget


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_region_is_covered_whenever_possible(problem):
    candidates, rules = problem
    result = solve_plan(candidates, rules)
    chosen = [c for c in candidates if c.id in result.chosen_ids]
    best_coverage = brute_force_best(candidates, rules)[0]
    assert regions_covered(chosen) == best_coverage


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_series_order_is_always_kept(problem):
    candidates, rules = problem
    result = solve_plan(candidates, rules)
    by_id = {c.id: c for c in candidates}
    placed = {}
    for slot in result.slots:
        c = by_id[slot.candidate_id]
        if c.series_key:
            placed[(c.series_key, c.series_position)] = slot.position
    for (key, position), at in placed.items():
        if position > 1 and (key, position - 1) not in rules.held_parts:
            assert (key, position - 1) in placed
            assert placed[(key, position - 1)] < at
    ordered = [slot.candidate_id for slot in result.slots]
    assert solver.SERIES_ORDER_BROKEN not in conflict_codes(check_plan(candidates, rules, ordered))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solver_reaches_the_brute_force_optimum(problem):
    candidates, rules = problem
    result = solve_plan(candidates, rules)
    chosen = [c for c in candidates if c.id in result.chosen_ids]
    assert result.status == "optimal"
    assert score(chosen, rules) == brute_force_best(candidates, rules)
