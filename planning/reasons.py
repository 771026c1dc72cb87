"""The solver's reason and rule codes as sentences in the reader's language."""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from planning import solver

MESSAGES = {
    solver.IN_ONLY_FOR_REGION: _("The only webinar of the plan for %(regions)s."),
    solver.IN_COVERS_REGION: _("Serves %(regions)s."),
    solver.IN_SCOPE: _("Its topic is inside the strategy's scope."),
    solver.IN_SERVES_GROUP: _("The only webinar of the plan for these groups: %(groups)s."),
    solver.IN_EARLIER_PART: _("A later part of the series needs this part first."),
    solver.IN_FOLLOWS_EARLIER_PART: _(
        "Goes on from part %(position)s of the series “%(series)s”, held or scheduled in an earlier year."
    ),
    solver.IN_DISTINCT_FROM_EARLIER: _(
        "Close to a webinar held in %(year)s (%(title)s), but the Secretariat marked it as another webinar."
    ),
    solver.IN_ADDS_LANGUAGE: _("The only webinar of the plan in %(languages)s."),
    solver.IN_WITHIN_CAPACITY: _("Fits within the %(capacity)s webinars a year."),
    solver.OUT_COST_ABOVE_BUDGET: _("Costs %(cost)s, more than the whole budget of %(budget)s."),
    solver.OUT_PREVIOUS_PART_MISSING: _("Part %(position)s of its series is neither held nor proposed."),
    solver.OUT_PREVIOUS_PART_OUT: _("Part %(position)s of its series is not in the plan."),
    solver.OUT_ALREADY_HELD: _("Already held in %(year)s: %(title)s."),
    solver.OUT_SAME_SUBJECT: _("Another entry of the plan treats the same subject: %(title)s."),
    solver.OUT_CAPACITY_SCOPE_FIRST: _("The %(capacity)s places went to topics inside the scope first."),
    solver.OUT_CAPACITY_FULL: _("The %(capacity)s places went to proposals that serve more regions or groups."),
    solver.OUT_BUDGET_SPENT: _("Costs %(cost)s; only %(remaining)s of the budget is left."),
    solver.OUT_NOT_CHOSEN: _("Not chosen."),
    solver.REGION_WITHOUT_PROPOSAL: _("No proposal targets the region %(region)s."),
    solver.REGIONS_EXCEED_CAPACITY: _("%(regions)s regions to serve but only %(capacity)s webinars a year."),
    solver.REGION_NOT_COVERED: _("The region %(region)s gets no webinar."),
    solver.BUDGET_BELOW_ONE_WEBINAR: _("The budget (%(budget)s) is below the cost of one webinar (%(cost)s)."),
    solver.LANGUAGE_NOT_OFFERED: _("No webinar in %(language)s."),
    solver.OVER_CAPACITY: _("%(count)s webinars, more than the capacity of %(capacity)s."),
    solver.OVER_BUDGET: _("The plan costs %(cost)s, more than the budget of %(budget)s."),
    solver.SERIES_ORDER_BROKEN: _("Part %(position)s of a series comes before the part it builds on."),
    solver.UNKNOWN_CANDIDATE: _("An entry comes from no proposal under review."),
    solver.NO_SOLUTION: _("The solver found no plan (%(status)s)."),
}
# A money reason whose cost includes interpretation says how much of it that is, and into what.
WITH_INTERPRETATION = {
    solver.OUT_COST_ABOVE_BUDGET: _(
        "Costs %(cost)s, of which %(interpretation)s for interpretation (%(languages)s), "
        "more than the whole budget of %(budget)s."
    ),
    solver.OUT_BUDGET_SPENT: _(
        "Costs %(cost)s, of which %(interpretation)s for interpretation (%(languages)s); "
        "only %(remaining)s of the budget is left."
    ),
}


# Amounts of money, written as the plan's page writes them (grouped, two decimals).
MONEY_PARAMS = frozenset({"cost", "budget", "remaining", "interpretation"})


def _money(value):
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    return number_format(amount, decimal_pos=2, force_grouping=True)


def describe(reason: dict, names: dict[str, dict[str, str]] | None = None) -> str:
    """The reason as a sentence; `names` turns the codes it carries into names, per parameter
    (selectors.reason_names: regions, groups, languages), so that no code reaches the reader."""
    names = names or {}

    def named(key: str, value):
        if key in MONEY_PARAMS:
            return _money(value)
        return names.get(key, {}).get(value, value) if isinstance(value, str) else value

    params = {
        key: ", ".join(str(named(key, item)) for item in value) if isinstance(value, list) else named(key, value)
        for key, value in (reason.get("params") or {}).items()
    }
    messages = WITH_INTERPRETATION if "interpretation" in params else MESSAGES
    template = messages.get(reason.get("code")) or MESSAGES.get(reason.get("code"), reason.get("code", ""))
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
