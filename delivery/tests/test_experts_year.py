"""The experts screen of a webinar counts the balance of the webinar's own year: its date's, else its
planned period's (a webinar of next year's plan to be scheduled), else its plan's, else this year's."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from delivery.selectors.experts import webinar_year, year_balance
from planning import selectors as planning_selectors
from planning.models import AnnualPlan
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory
from webinars.models import Expert
from webinars.tests.factories import ExpertFactory, ToBeScheduledWebinarFactory, WebinarFactory

pytestmark = pytest.mark.django_db

F, M = Expert.Gender.FEMALE, Expert.Gender.MALE
THIS_YEAR = timezone.localdate().year
NEXT_YEAR = THIS_YEAR + 1


def page(client, webinar) -> str:
    client.force_login(StaffFactory())
    return client.get(reverse("delivery:expert_suggestions", kwargs={"webinar_id": webinar.pk})).content.decode()


def suggestion_of(html: str, expert: Expert) -> str:
    """The suggestion's part of the page for the expert."""
    suggestions = html[: html.index('id="invitations-heading"')].split('<li class="list-group-item suggestion"')
    [item] = [part for part in suggestions[1:] if part.startswith(f' data-expert="{expert.pk}"')]
    return item


def from_plan(webinar, year: int):
    plan = AnnualPlanFactory(year=year, state=AnnualPlan.State.PUBLISHED, published_at=timezone.now())
    return PlanEntryFactory(plan=plan, webinar=webinar)


@pytest.mark.parametrize("period", [f"{NEXT_YEAR}-03", f"{NEXT_YEAR}-Q2"])
def test_a_webinar_to_be_scheduled_belongs_to_its_planned_periods_year(period):
    webinar = ToBeScheduledWebinarFactory(planned_period=period)

    assert webinar_year(webinar) == webinar_year(webinar, plan_year=THIS_YEAR)
    assert (webinar_year(webinar).year, webinar_year(webinar).basis) == (NEXT_YEAR, "period")


def test_a_dated_webinar_belongs_to_its_dates_year_whatever_its_period():
    webinar = WebinarFactory(starts_at=datetime(NEXT_YEAR + 1, 5, 4, 12, tzinfo=UTC), planned_period=f"{NEXT_YEAR}-Q2")

    assert (webinar_year(webinar).year, webinar_year(webinar).basis) == (NEXT_YEAR + 1, "date")


def test_without_date_or_period_a_webinar_belongs_to_its_plans_year_else_to_this_year():
    webinar = ToBeScheduledWebinarFactory(planned_period="")

    assert (webinar_year(webinar, plan_year=NEXT_YEAR).year, webinar_year(webinar, plan_year=NEXT_YEAR).basis) == (
        NEXT_YEAR,
        "plan",
    )
    assert (webinar_year(webinar).year, webinar_year(webinar).basis) == (THIS_YEAR, "today")


def test_the_screen_of_a_webinar_of_next_years_plan_shows_next_years_balance(client):
    """The bug: a webinar of next year's plan, to be scheduled, showed this year's balance."""
    webinar = ToBeScheduledWebinarFactory(planned_period=f"{NEXT_YEAR}-Q2")
    from_plan(webinar, NEXT_YEAR)
    this_years = WebinarFactory(starts_at=datetime(THIS_YEAR, 6, 1, 12, tzinfo=UTC))
    this_years.experts.set([ExpertFactory(name="Gives this year", gender=M)])
    next_years = ToBeScheduledWebinarFactory(planned_period=f"{NEXT_YEAR}-03")
    already = ExpertFactory(name="Gives next year", gender=F)
    next_years.experts.set([already])

    html = page(client, webinar)

    assert f"Balance of the experts in {NEXT_YEAR}" in html
    assert f"Balance of the experts in {THIS_YEAR}" not in html
    assert f"it counts in {NEXT_YEAR}, the year of its planned period" in html
    assert f"1 expert gives a webinar in {NEXT_YEAR}" in html  # the other webinar to be scheduled that year
    assert f"If chosen, in {NEXT_YEAR}:" in html and f"If chosen, in {THIS_YEAR}:" not in html
    assert "Already gives a webinar this year" in suggestion_of(html, already)
    assert "Already gives a webinar this year" not in suggestion_of(html, Expert.objects.get(name="Gives this year"))


def test_the_screen_of_a_webinar_without_date_or_period_counts_its_plans_year(client):
    webinar = ToBeScheduledWebinarFactory(planned_period="")  # the groups asked for "any time of the year"
    from_plan(webinar, NEXT_YEAR)
    same_plan = ToBeScheduledWebinarFactory(planned_period="")
    from_plan(same_plan, NEXT_YEAR)
    already = ExpertFactory(name="Gives another of the plan", gender=F)
    same_plan.experts.set([already])

    html = page(client, webinar)

    assert f"Balance of the experts in {NEXT_YEAR}" in html
    assert f"it counts in {NEXT_YEAR}, the year of its plan" in html
    assert "Already gives a webinar this year" in suggestion_of(html, already)


def test_an_undated_webinar_counts_in_its_plans_year_only():
    other = ToBeScheduledWebinarFactory(planned_period="")
    from_plan(other, NEXT_YEAR + 1)
    other.experts.set([ExpertFactory()])

    def total(year: int) -> int:
        undated = planning_selectors.undated_plan_webinar_ids(year=year)
        return year_balance(year=year, undated_webinar_ids=undated).before.total

    assert planning_selectors.undated_plan_webinar_ids(year=NEXT_YEAR + 1) == [other.pk]
    assert (total(NEXT_YEAR), total(NEXT_YEAR + 1)) == (0, 1)
