"""The plan solver on a large cycle: 2,000 candidates, 10 regions, 6 languages, 12 groups.

About a fifth are parts of graded series; costs vary; the budget binds as well as the
capacity. Figures: wall time to an optimal (or proven-bounded) plan and the gap between
the plan found and the solver's bound. The solver runs with its production settings
(one worker, so deterministic; ten-second limit) and stops as soon as optimality is proven.
"""

import random

PROPOSALS = 2000
REGIONS = [f"region-{n}" for n in range(10)]
LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
GROUPS = [f"group-{n}" for n in range(12)]


def candidates(seed: int = 2026):
    from planning.solver import Candidate

    rng = random.Random(seed)
    result = []
    n = 0
    while len(result) < PROPOSALS:
        parts = rng.choice([1, 1, 1, 1, 2, 3])
        for position in range(1, parts + 1):
            result.append(
                Candidate(
                    id=f"p{n}-{position}" if parts > 1 else f"p{n}",
                    groups=(rng.choice(GROUPS),),
                    regions=tuple(rng.sample(REGIONS, rng.choice([1, 1, 2, 3]))),
                    languages=tuple(rng.sample(LANGUAGES, rng.choice([1, 2, 3]))),
                    in_scope=rng.random() < 0.7,
                    series_key=f"p{n}" if parts > 1 else None,
                    series_position=position if parts > 1 else None,
                    cost=rng.choice([8000, 10000, 12000, 15000]),
                    preferred_period=rng.choice(["any", "q1", "q2", "q3", "q4"]),
                )
            )
        n += 1
    return result[:PROPOSALS]


def run(report):
    from planning.solver import Rules, solve_plan

    rules = Rules(
        capacity=6,
        budget=70000,
        cost_per_webinar=10000,
        regions=tuple(REGIONS),
        languages=tuple(LANGUAGES),
        workers=1,
        time_limit_s=10,
    )
    result = solve_plan(candidates(), rules)
    report("solver_2000_s", result.wall_time_s, "s")
    report("solver_2000_gap", result.gap_percent, "%")
