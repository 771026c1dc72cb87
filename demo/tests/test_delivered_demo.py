"""The demo shows delivered against planned: languages and costs of the held webinars, estimates in the plans."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from delivery.models import DeliveredLanguage, WebinarCosts
from planning import costs, selectors
from planning.models import AnnualPlan
from reporting.annual_report import build_annual_report
from reporting.figures import annual_figures
from webinars.models import Webinar

pytestmark = pytest.mark.django_db


def test_the_demo_gives_last_years_report_real_languages_per_group_and_costs():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # a second run adds nothing
    year = timezone.now().year - 1

    document = build_annual_report(annual_figures(first_year=year, last_year=year), language="en")
    tables = {table.key: table for table in document.tables()}

    held = Webinar.objects.held()
    assert DeliveredLanguage.objects.values("webinar").distinct().count() == held.count()
    assert WebinarCosts.objects.count() == held.count()
    asked = {
        (group, language): (count, delivered)
        for group, language, count, delivered, _share in tables["languages_by_group"].rows
    }
    assert asked[("Group of Latin American and Caribbean Countries (GRULAC)", "Portuguese")] == (1, 0)
    assert asked[("Asia and the Pacific Group", "Chinese")] == (2, 2)
    total = dict((row[0], row[1:]) for row in tables["costs"].rows)["Total"]
    assert total[0] > 0 and total[1] > 0
    assert all(estimated is not None for _title, estimated, _actual, _diff in tables["costs_webinars"].rows)


def test_the_demo_plans_are_estimated_within_their_budget():
    call_command("load_demo", stdout=StringIO())

    for plan in AnnualPlan.objects.all():
        entries = list(selectors.plan_entries(plan=plan))
        budget = costs.plan_budget(plan, selectors.entry_estimates(plan=plan, entries=entries).values())
        assert all(costs.is_estimated(entry) for entry in entries), plan
        assert plan.interpretation_cost_per_language > 0 and not budget.is_over, (plan, budget)
