"""Publishing the plan: each entry becomes a webinar to be scheduled, with its month or quarter,
no date, no registration and no expert until one accepts."""

from datetime import UTC, datetime

import pytest

from accounts.tests.factories import StaffFactory
from participants.services.registration import registration_refusal
from planning import services
from planning.tests.factories import submitted_proposal
from proposals.models import ConsultationCycle
from proposals.tests.factories import ConsultationCycleFactory
from webinars.models import Webinar
from webinars.tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def plan(staff):
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)
    submitted_proposal(cycle)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    return plan


def publish_one(staff, plan, **entry_fields) -> Webinar:
    plan.entries.update(**entry_fields)
    [webinar] = services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason="Tested without the groups.")
    return Webinar.objects.get(pk=webinar.pk)


def test_an_entry_asked_for_a_quarter_becomes_a_webinar_to_be_scheduled_in_that_quarter(staff, plan):
    webinar = publish_one(staff, plan, period="q2", starts_at=None)

    assert webinar.status == Webinar.Status.TO_BE_SCHEDULED
    assert webinar.starts_at is None
    assert webinar.planned_period == f"{plan.year}-Q2"


def test_an_entry_with_a_date_keeps_only_its_month_and_gets_no_date(staff, plan):
    # 23:30 UTC on 31 March is already April in Geneva: the month is Geneva's.
    webinar = publish_one(staff, plan, period="q1", starts_at=datetime(plan.year, 3, 31, 23, 30, tzinfo=UTC))

    assert (webinar.status, webinar.starts_at) == (Webinar.Status.TO_BE_SCHEDULED, None)
    assert webinar.planned_period == f"{plan.year}-04"


def test_an_entry_for_any_time_of_the_year_promises_no_period(staff, plan):
    webinar = publish_one(staff, plan, period="any", starts_at=None)

    assert webinar.planned_period == ""
    assert webinar.status == Webinar.Status.TO_BE_SCHEDULED


def test_the_entrys_expert_is_not_put_on_the_webinar_before_accepting(staff, plan):
    expert = ExpertFactory()

    webinar = publish_one(staff, plan, expert=expert)

    assert not webinar.experts.exists()
    assert plan.entries.get().expert == expert  # the plan's suggestion stays on the entry


def test_a_published_webinar_takes_no_registration_until_its_date_is_set(staff, plan):
    webinar = publish_one(staff, plan, period="q3")

    assert registration_refusal(webinar).code == "to_be_scheduled"
    assert webinar.is_public


def test_two_entries_of_the_same_quarter_get_no_date_rather_than_the_same_day(staff):
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)
    submitted_proposal(cycle)
    submitted_proposal(cycle)
    plan = services.start_plan(actor=staff, cycle=cycle)
    services.run_solver(actor=staff, plan=plan)
    plan.entries.update(period="q1", starts_at=None)

    webinars = services.publish_plan(actor=staff, plan=plan, consultation_skipped_reason="Tested without the groups.")

    assert [(w.starts_at, w.planned_period) for w in webinars] == [(None, f"{plan.year}-Q1")] * 2
