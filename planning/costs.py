"""What a webinar of the plan is expected to cost, and what the plan's budget has left.

The strategy: the number of webinars is "limited by staff and money". A plan states its
budget and two rates: ``cost_per_webinar``, what any webinar costs whatever its languages
(the expert and the platform), and ``interpretation_cost_per_language``, what each
language beyond the first adds (a webinar is given in one language and interpreted into
the others). The rule, the same for the solver, the plan page and the report:

    estimated interpretation = interpretation_cost_per_language × (languages − 1), never below 0
    estimated expert's fee  = cost_per_webinar   (the plan holds one base rate for the expert
                                                  and the platform; it is entered under the
                                                  expert's fee, and the Secretariat splits it
                                                  on the entry's form when the platform's
                                                  share is known)
    estimated platform      = 0

An entry keeps its own estimate once it has one (filled when the solver or the
Secretariat adds it, then edited on its form); an entry whose three estimated amounts are
all zero was never estimated (entries made before estimates existed) and counts at the
rule, so a plan's total never silently drops.

Pure functions over numbers, plus ``entry_estimate``/``plan_budget`` that read the fields
of rows already loaded: no query here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class Estimate:
    expert_fee: Decimal = ZERO
    interpretation: Decimal = ZERO
    platform: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.expert_fee + self.interpretation + self.platform


def interpreted_languages(language_count: int) -> int:
    """Languages a webinar is interpreted into: every language but the one it is given in."""
    return max(language_count - 1, 0)


def estimate_from_rates(*, cost_per_webinar, interpretation_cost_per_language, language_count: int) -> Estimate:
    """The rule above, from a plan's two rates and the number of languages of a webinar."""
    return Estimate(
        expert_fee=Decimal(cost_per_webinar or 0),
        interpretation=Decimal(interpretation_cost_per_language or 0) * interpreted_languages(language_count),
        platform=ZERO,
    )


def estimate_for(plan, *, language_count: int) -> Estimate:
    """The rule applied with this plan's rates (``plan``: an AnnualPlan)."""
    return estimate_from_rates(
        cost_per_webinar=plan.cost_per_webinar,
        interpretation_cost_per_language=plan.interpretation_cost_per_language,
        language_count=language_count,
    )


def stored_estimate(entry) -> Estimate:
    """The three estimated amounts written on a plan entry."""
    return Estimate(
        expert_fee=entry.estimated_expert_fee or ZERO,
        interpretation=entry.estimated_interpretation or ZERO,
        platform=entry.estimated_platform or ZERO,
    )


def is_estimated(entry) -> bool:
    return bool(stored_estimate(entry).total)


def entry_estimate(entry, plan, *, language_count: int | None = None) -> Estimate:
    """The entry's own estimate, or the plan's rule for an entry never estimated.

    ``language_count`` spares reading the entry's languages when the caller counted them
    (a report's query); otherwise they are read from the entry (prefetch them for a list).
    """
    if is_estimated(entry):
        return stored_estimate(entry)
    if language_count is None:
        language_count = len(entry.languages.all())
    return estimate_for(plan, language_count=language_count)


def uses_money(plan) -> bool:
    """A plan with no budget and no rate set is not limited by money (as for the solver)."""
    return bool(plan.budget or plan.cost_per_webinar or plan.interpretation_cost_per_language)


@dataclass(frozen=True)
class PlanBudget:
    """The plan's budget against its entries' estimates (``budget`` None: money does not limit)."""

    budget: Decimal | None
    estimated: Estimate
    entry_count: int

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.estimated.total

    @property
    def is_over(self) -> bool:
        return self.budget is not None and self.estimated.total > self.budget

    @property
    def overrun(self) -> Decimal:
        return -self.remaining if self.is_over else ZERO

    @property
    def used_percent(self) -> int | None:
        if not self.budget:
            return None
        return round(100 * self.estimated.total / self.budget)


def add(estimates: Iterable[Estimate]) -> Estimate:
    expert_fee = interpretation = platform = ZERO
    for estimate in estimates:
        expert_fee += estimate.expert_fee
        interpretation += estimate.interpretation
        platform += estimate.platform
    return Estimate(expert_fee=expert_fee, interpretation=interpretation, platform=platform)


def plan_budget(plan, estimates: Iterable[Estimate]) -> PlanBudget:
    """The budget, what the entries are estimated to cost together, and what remains."""
    estimates = list(estimates)
    return PlanBudget(
        budget=plan.budget if uses_money(plan) else None,
        estimated=add(estimates),
        entry_count=len(estimates),
    )
