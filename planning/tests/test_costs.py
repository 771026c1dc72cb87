"""Estimated costs in the plan: the rule, the solver counting interpretation per language,
the entries' estimates, the plan page's budget and the plan's admin."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import SecretariatFactory, StaffFactory
from planning import costs, selectors, services, solver
from planning.forms import PlanEntryForm
from planning.reasons import describe
from planning.solver import Candidate, Rules, solve_plan
from planning.tests.factories import PlanEntryFactory, submitted_proposal
from proposals.models import ConsultationCycle
from proposals.tests.factories import ConsultationCycleFactory
from webinars.tests.factories import LanguageFactory, RegionFactory

pytestmark = pytest.mark.django_db

CODES = ("en", "fr", "es", "ar")


# --- The rule, pure --------------------------------------------------------------------------


def test_interpretation_counts_every_language_beyond_the_first():
    estimate = costs.estimate_from_rates(cost_per_webinar=9000, interpretation_cost_per_language=1500, language_count=3)

    assert (estimate.expert_fee, estimate.interpretation, estimate.platform) == (9000, 3000, 0)
    assert estimate.total == 12000


def test_a_webinar_in_one_language_or_none_costs_no_interpretation():
    for count in (0, 1):
        estimate = costs.estimate_from_rates(
            cost_per_webinar=100, interpretation_cost_per_language=50, language_count=count
        )
        assert estimate.interpretation == 0


# --- The solver counts interpretation per language --------------------------------------------


def _one_language_pair_and_a_four_language_webinar():
    return [
        Candidate(id="english", groups=("g1",), regions=("r1",), languages=("en",)),
        Candidate(id="french", groups=("g1",), regions=("r1",), languages=("fr",)),
        Candidate(id="four", groups=("g1",), regions=("r1",), languages=CODES),
    ]


def test_the_budget_picks_two_one_language_webinars_over_one_in_four_languages():
    rules = Rules(capacity=3, budget=250, cost_per_webinar=100, interpretation_per_language=50)

    result = solve_plan(_one_language_pair_and_a_four_language_webinar(), rules)

    assert sorted(result.chosen_ids) == ["english", "french"]
    [reason] = result.verdicts["four"].reasons
    assert reason.code == solver.OUT_BUDGET_SPENT
    assert reason.params == {"cost": 250, "remaining": 50, "interpretation": 150, "languages": sorted(CODES)}


def test_amounts_in_a_reason_are_written_as_the_plan_writes_them():
    sentence = describe({"code": solver.OVER_BUDGET, "params": {"cost": 25500, "budget": "20000"}})

    assert sentence == "The plan costs 25,500.00, more than the budget of 20,000.00."


def test_the_reason_names_the_cost_of_interpretation_in_words():
    rules = Rules(capacity=3, budget=250, cost_per_webinar=100, interpretation_per_language=50)
    result = solve_plan(_one_language_pair_and_a_four_language_webinar(), rules)
    names = {"languages": {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic"}}

    sentence = describe(result.verdicts["four"].reasons[0].as_dict(), names)

    assert sentence == (
        "Costs 250.00, of which 150.00 for interpretation (Arabic, English, Spanish, French); "
        "only 50.00 of the budget is left."
    )


def test_with_a_flat_cost_per_webinar_the_four_language_webinar_is_chosen_for_its_languages():
    rules = Rules(capacity=3, budget=250, cost_per_webinar=100, languages=CODES)

    result = solve_plan(_one_language_pair_and_a_four_language_webinar(), rules)

    assert "four" in result.chosen_ids and len(result.chosen_ids) == 2


def test_a_webinar_dearer_than_the_whole_budget_for_its_interpretation_says_so():
    rules = Rules(capacity=3, budget=200, cost_per_webinar=100, interpretation_per_language=50)

    result = solve_plan(_one_language_pair_and_a_four_language_webinar(), rules)

    [reason] = result.verdicts["four"].reasons
    assert reason.code == solver.OUT_COST_ABOVE_BUDGET
    assert (reason.params["cost"], reason.params["interpretation"], reason.params["budget"]) == (250, 150, 200)


def test_a_candidate_with_its_own_cost_is_not_charged_interpretation_on_top():
    rules = Rules(cost_per_webinar=100, interpretation_per_language=50)

    assert solver.cost_of(Candidate(id="c", groups=(), regions=(), languages=CODES, cost=120), rules) == 120
    assert solver.cost_of(Candidate(id="d", groups=(), regions=(), languages=CODES), rules) == 250


def test_a_negative_interpretation_rate_is_refused():
    with pytest.raises(ValueError):
        solve_plan([], Rules(interpretation_per_language=-1))


# --- Estimates filled from the plan's rules ----------------------------------------------------


@pytest.fixture
def cycle():
    return ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)


@pytest.fixture
def plan(cycle):
    plan = services.start_plan(actor=StaffFactory(), cycle=cycle)
    plan.budget, plan.cost_per_webinar, plan.interpretation_cost_per_language = (
        Decimal("30000"),
        Decimal("9000"),
        Decimal("1500"),
    )
    plan.save()
    return plan


def _in_languages(proposal, *codes):
    proposal.languages.set([LanguageFactory(code=code) for code in codes])
    return proposal


def _estimate(entry) -> tuple:
    entry.refresh_from_db()
    return (entry.estimated_expert_fee, entry.estimated_interpretation, entry.estimated_platform)


def test_an_entry_added_by_hand_is_estimated_from_the_plans_rules(plan, cycle):
    proposal = _in_languages(submitted_proposal(cycle), "en", "fr", "es")

    entry = services.add_plan_entry(actor=StaffFactory(), plan=plan, proposal=proposal)

    assert _estimate(entry) == (Decimal("9000"), Decimal("3000"), Decimal("0"))


def test_the_solvers_entries_are_estimated_from_the_plans_rules(plan, cycle):
    _in_languages(submitted_proposal(cycle, region=RegionFactory()), "en")
    _in_languages(submitted_proposal(cycle, region=RegionFactory()), "en", "ar")

    services.run_solver(actor=StaffFactory(), plan=plan)

    estimates = sorted(_estimate(entry) for entry in plan.entries.all())
    assert estimates == [
        (Decimal("9000"), Decimal("0"), Decimal("0")),
        (Decimal("9000"), Decimal("1500"), Decimal("0")),
    ]


def test_the_solver_leaves_out_a_webinar_whose_interpretation_the_budget_cannot_pay(plan, cycle):
    plan.budget = Decimal("20000")
    plan.save()
    region = RegionFactory()
    _in_languages(submitted_proposal(cycle, region=region, title="English only"), "en")
    _in_languages(submitted_proposal(cycle, region=region, title="French only"), "fr")
    _in_languages(submitted_proposal(cycle, region=region, title="Four languages"), *CODES)

    result = services.run_solver(actor=StaffFactory(), plan=plan)

    assert sorted(plan.entries.values_list("title", flat=True)) == ["English only", "French only"]
    out = [verdict for verdict in result.verdicts.values() if not verdict.is_chosen]
    assert [reason.params["interpretation"] for verdict in out for reason in verdict.reasons] == [4500]


def test_changing_an_entrys_languages_estimates_its_interpretation_again(plan, cycle):
    entry = services.add_plan_entry(
        actor=StaffFactory(), plan=plan, proposal=_in_languages(submitted_proposal(cycle), "en")
    )
    data = _form_data(entry, languages=[LanguageFactory(code=code).pk for code in ("en", "fr", "ar")])

    form = PlanEntryForm(data, instance=entry)
    assert form.is_valid(), form.errors
    services.update_plan_entry(actor=StaffFactory(), entry=entry, form=form)

    assert _estimate(entry)[1] == Decimal("3000")


def test_an_estimate_edited_on_the_entrys_form_is_kept(plan, cycle):
    entry = services.add_plan_entry(
        actor=StaffFactory(), plan=plan, proposal=_in_languages(submitted_proposal(cycle), "en")
    )
    data = _form_data(
        entry,
        languages=[LanguageFactory(code=code).pk for code in ("en", "fr")],
        estimated_expert_fee="6000",
        estimated_interpretation="2200",
        estimated_platform="3000",
    )

    form = PlanEntryForm(data, instance=entry)
    assert form.is_valid(), form.errors
    services.update_plan_entry(actor=StaffFactory(), entry=entry, form=form)

    assert _estimate(entry) == (Decimal("6000"), Decimal("2200"), Decimal("3000"))


def _form_data(entry, **changes) -> dict:
    data = {
        "title": entry.title,
        "period": entry.period,
        "region": entry.region_id,
        "regions": [entry.region_id],
        "languages": list(entry.languages.values_list("pk", flat=True)),
        "estimated_expert_fee": str(entry.estimated_expert_fee),
        "estimated_interpretation": str(entry.estimated_interpretation),
        "estimated_platform": str(entry.estimated_platform),
    }
    return data | changes


def test_an_entry_never_estimated_counts_at_the_plans_rule(plan):
    entry = PlanEntryFactory(plan=plan)
    entry.languages.set([LanguageFactory(code="en"), LanguageFactory(code="fr")])

    assert costs.entry_estimate(entry, plan).total == Decimal("10500")


def test_an_edited_plan_over_its_budget_by_its_estimates_breaks_the_budget_rule(plan, cycle):
    for _n in range(3):
        services.add_plan_entry(
            actor=StaffFactory(), plan=plan, proposal=_in_languages(submitted_proposal(cycle), *CODES)
        )

    broken = [rule.code for rule in selectors.plan_broken_rules(plan)]

    assert solver.OVER_BUDGET in broken  # 3 × (9000 + 3 × 1500) = 40500 > 30000


# --- The plan page and the plan's admin --------------------------------------------------------


def _page(client, cycle) -> str:
    response = client.get(reverse("planning:plan_detail", args=[cycle.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_plan_page_shows_the_budget_the_estimated_total_and_what_remains(client, plan, cycle):
    entry = services.add_plan_entry(
        actor=StaffFactory(), plan=plan, proposal=_in_languages(submitted_proposal(cycle), "en", "fr")
    )
    client.force_login(SecretariatFactory(roles=["Read-only"], language="en"))

    page = _page(client, cycle)

    assert 'data-budget="budget">30,000.00<' in page
    assert 'data-budget="estimated">10,500.00 ' in page and "(35% of the budget)" in page
    assert 'data-budget="remaining">19,500.00<' in page
    assert (
        f'data-estimate="{entry.pk}">Estimated cost 10,500.00: expert\'s fee 9,000.00, interpretation 1,500.00, '
        "platform 0.00." in page
    )


def test_the_plan_page_says_by_how_much_the_estimates_pass_the_budget(client, plan, cycle):
    plan.budget = Decimal("10000")
    plan.save()
    services.add_plan_entry(
        actor=StaffFactory(), plan=plan, proposal=_in_languages(submitted_proposal(cycle), "en", "fr")
    )
    client.force_login(SecretariatFactory(roles=["Read-only"], language="en"))

    page = _page(client, cycle)

    assert 'data-budget="over">500.00<' in page
    assert 'data-budget="remaining"' not in page


def test_a_plan_without_budget_says_money_does_not_limit_it(client, cycle):
    services.start_plan(actor=StaffFactory(), cycle=cycle)
    client.force_login(SecretariatFactory(roles=["Read-only"], language="en"))

    assert "No budget is set: money does not limit this plan." in _page(client, cycle)


def test_the_plans_admin_shows_the_interpretation_cost_per_language(client, plan):
    client.force_login(SecretariatFactory(roles=["Programme officer"], language="en"))

    page = client.get(reverse("admin:planning_annualplan_change", args=[plan.pk])).content.decode()

    assert 'name="interpretation_cost_per_language"' in page and 'value="1500.00"' in page
    assert 'name="entries-0-estimated_interpretation"' not in page  # no entry yet
