import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from planning.models import AnnualPlan
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory
from proposals.tests.factories import ConsultationCycleFactory

pytestmark = pytest.mark.django_db


def test_capacity_defaults_to_six_a_year(settings):
    assert AnnualPlan(year=2040).capacity == 6


def test_capacity_follows_the_setting(settings):
    settings.PORTAL_DEFAULT_PLAN_CAPACITY = 4
    assert AnnualPlan(year=2040).capacity == 4


def test_capacity_below_one_is_refused_with_a_message():
    plan = AnnualPlan(year=2040, capacity=0)
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "capacity" in error.value.message_dict


def test_capacity_below_one_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualPlan.objects.create(year=2040, capacity=0)


def test_negative_budget_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualPlan.objects.create(year=2040, budget=-1)


def test_plan_and_its_cycle_prepare_the_same_year():
    plan = AnnualPlan(year=2040, cycle=ConsultationCycleFactory(target_year=2041))
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "cycle" in error.value.message_dict


def test_two_entries_cannot_share_a_position():
    entry = PlanEntryFactory(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanEntryFactory(plan=entry.plan, position=1)


def test_published_plan_cannot_return_to_draft():
    plan = AnnualPlanFactory(state=AnnualPlan.State.PUBLISHED, published_at="2030-01-01T00:00Z")
    with pytest.raises(ValidationError):
        plan.change_state(AnnualPlan.State.DRAFT)
