"""The plans' admin follows the planning services.

A published plan is read, not changed; mergers are made on the review screen.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory, StaffFactory
from planning.models import AnnualPlan
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory, ProposalMergeFactory

pytestmark = pytest.mark.django_db


def test_a_published_plan_and_its_entries_are_read_not_changed_in_the_admin(client):
    plan = AnnualPlanFactory(state=AnnualPlan.State.PUBLISHED, published_at=timezone.now())
    entry = PlanEntryFactory(plan=plan)
    client.force_login(StaffFactory())

    plan_page = client.get(reverse("admin:planning_annualplan_change", args=[plan.pk]))
    entry_page = client.get(reverse("admin:planning_planentry_change", args=[entry.pk]))

    assert plan_page.status_code == 200 and not plan_page.context["has_change_permission"]
    assert entry_page.status_code == 200 and not entry_page.context["has_change_permission"]
    assert client.post(reverse("admin:planning_planentry_change", args=[entry.pk]), {}).status_code == 403


def test_a_draft_plan_is_changed_in_the_admin_by_a_programme_officer(client):
    plan = AnnualPlanFactory()
    client.force_login(SecretariatFactory(roles=["Programme officer"]))

    page = client.get(reverse("admin:planning_annualplan_change", args=[plan.pk]))

    assert page.context["has_change_permission"]


def test_a_read_only_member_reads_a_draft_plan_in_the_admin_without_changing_it(client):
    plan = AnnualPlanFactory()
    client.force_login(SecretariatFactory(roles=["Read-only"]))

    page = client.get(reverse("admin:planning_annualplan_change", args=[plan.pk]))

    assert page.status_code == 200 and not page.context["has_change_permission"]


def test_mergers_are_made_on_the_review_screen_not_in_the_admin(client):
    merge = ProposalMergeFactory()
    client.force_login(StaffFactory())

    assert client.get(reverse("admin:planning_proposalmerge_add")).status_code == 403
    page = client.get(reverse("admin:planning_proposalmerge_change", args=[merge.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
