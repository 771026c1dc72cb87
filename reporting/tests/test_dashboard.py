"""The Secretariat's dashboard: who has not answered, the plan against its rules, this month's
webinars, failed messages; each block only for the roles that may read its data, and a fixed
number of queries."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from outbox.models import Notice
from outbox.tests.factories import NoticeFactory
from participants.models import Registration
from participants.tests.factories import RegistrationFactory
from planning.models import AnnualPlan
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory, ProposalFactory
from reporting import dashboard
from reporting.tests.factories import FollowUpActionFactory
from webinars.models import Webinar
from webinars.tests.factories import HeldWebinarFactory, RegionalGroupFactory, RegionFactory, WebinarFactory

pytestmark = pytest.mark.django_db

URL = "/en/secretariat/"
GENEVA = timezone.get_default_timezone()
# A fixed moment in the middle of a month, so that "this month" does not depend on the day the suite runs.
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=GENEVA)


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


def answer(cycle, group, state=Proposal.State.SUBMITTED):
    return ProposalFactory(
        cycle=cycle, group=group, state=state, submitted_at=None if state == Proposal.State.DRAFT else timezone.now()
    )


def remind(cycle, email, *, days, at):
    notice = NoticeFactory(kind=Notice.Kind.CYCLE_REMINDER, key=f"cycle-reminder:{cycle.pk}:{days}d:{email}", to=email)
    Notice.objects.filter(pk=notice.pk).update(created_at=at)


def register(webinar, count, state=Registration.State.REGISTERED):
    for _ in range(count):
        RegistrationFactory(webinar=webinar, state=state)


# --- The consultation -----------------------------------------------------------------


def test_groups_that_have_not_answered_are_listed_with_their_coordinators_and_last_reminder():
    cycle = ConsultationCycleFactory()
    answered = RegionalGroupFactory(name="African Group")
    silent = RegionalGroupFactory(name="GRULAC")
    answer(cycle, answered)
    answer(cycle, answered)
    coordinator = CoordinatorFactory(
        group=silent, user__first_name="Ana", user__last_name="Pérez", user__email="ana@example.org"
    )
    CoordinatorFactory(group=silent, user__email="bruno@example.org")
    first, last = timezone.now() - timedelta(days=11), timezone.now() - timedelta(days=1)
    remind(cycle, "ana@example.org", days=14, at=first)
    remind(cycle, "ana@example.org", days=3, at=last)

    status = dashboard.cycle_status(cycle)

    assert [(row.group, row.answers) for row in status.answered] == [(answered, 2)]
    assert [row.group for row in status.silent] == [silent]
    contacts = {person.email: person for person in status.silent[0].coordinators}
    assert contacts["ana@example.org"].name == coordinator.user.get_full_name()
    assert contacts["ana@example.org"].last_reminder_at == last
    assert contacts["bruno@example.org"].last_reminder_at is None


def test_a_draft_or_a_withdrawn_proposal_is_not_an_answer():
    cycle = ConsultationCycleFactory()
    group = RegionalGroupFactory()
    answer(cycle, group, state=Proposal.State.DRAFT)
    answer(cycle, group, state=Proposal.State.WITHDRAWN)

    status = dashboard.cycle_status(cycle)

    assert [row.group for row in status.silent] == [group]


def test_an_answer_to_another_cycle_does_not_count():
    cycle = ConsultationCycleFactory()
    earlier = ConsultationCycleFactory(target_year=cycle.target_year - 1, state=ConsultationCycle.State.DECIDED)
    group = RegionalGroupFactory()
    answer(earlier, group)

    assert [row.group for row in dashboard.cycle_status(cycle).silent] == [group]


def test_a_reminder_of_another_cycle_is_not_the_last_reminder():
    cycle = ConsultationCycleFactory()
    other = ConsultationCycleFactory(target_year=cycle.target_year - 1, state=ConsultationCycle.State.DECIDED)
    CoordinatorFactory(user__email="ana@example.org")
    remind(other, "ana@example.org", days=3, at=timezone.now() - timedelta(days=300))

    (row,) = dashboard.cycle_status(cycle).silent

    assert row.coordinators[0].last_reminder_at is None


def test_days_left_count_only_while_the_consultation_is_open():
    now = timezone.now()
    cycle = ConsultationCycleFactory(deadline_at=now + timedelta(days=5, hours=2))

    assert dashboard.cycle_status(cycle, now=now).days_left == 5
    cycle.state = ConsultationCycle.State.CLOSED
    assert dashboard.cycle_status(cycle, now=now).days_left is None


def test_the_open_consultation_comes_before_a_later_draft():
    year = timezone.now().year + 1
    opened = ConsultationCycleFactory(target_year=year)
    ConsultationCycleFactory(target_year=year + 1, state=ConsultationCycle.State.DRAFT)

    assert dashboard.current_cycle() == opened


def test_without_an_open_consultation_the_latest_one_is_current():
    year = timezone.now().year
    ConsultationCycleFactory(target_year=year, state=ConsultationCycle.State.DECIDED)
    latest = ConsultationCycleFactory(target_year=year + 1, state=ConsultationCycle.State.CLOSED)

    assert dashboard.current_cycle() == latest


# --- The plan ---------------------------------------------------------------------------


def test_plan_counts_its_entries_against_capacity_and_names_the_regions_without_a_webinar():
    africa, asia, europe = (RegionFactory(name=name) for name in ("Africa", "Asia", "Europe"))
    plan = AnnualPlanFactory(capacity=6)
    PlanEntryFactory(plan=plan, region=africa)
    served_by_list = PlanEntryFactory(plan=plan, region=africa)
    served_by_list.regions.set([africa, asia])
    PlanEntryFactory(plan=AnnualPlanFactory(year=plan.year - 1), region=europe)  # another year's plan

    status = dashboard.plan_status(plan)

    assert (status.entries, status.capacity) == (2, 6)
    assert status.regions_without == (europe,)
    assert not status.is_over_capacity


def test_a_plan_beyond_its_capacity_says_so():
    plan = AnnualPlanFactory(capacity=1)
    PlanEntryFactory.create_batch(2, plan=plan)

    assert dashboard.plan_status(plan).is_over_capacity


def test_money_counts_only_when_the_plan_sets_a_budget_or_a_cost():
    plain = AnnualPlanFactory()
    costed = AnnualPlanFactory(year=plain.year + 1, budget=Decimal("10000"), cost_per_webinar=Decimal("4000"))
    PlanEntryFactory.create_batch(3, plan=costed)

    assert dashboard.plan_status(plain).budget is None
    status = dashboard.plan_status(costed)
    assert (status.budget, status.cost, status.is_over_budget) == (Decimal("10000"), Decimal("12000"), True)


def test_the_plan_of_the_current_cycles_year_comes_first_and_an_archived_one_never():
    cycle = ConsultationCycleFactory()
    mine = AnnualPlanFactory(year=cycle.target_year)
    AnnualPlanFactory(year=cycle.target_year + 1)
    AnnualPlan.objects.create(year=cycle.target_year + 2, state=AnnualPlan.State.ARCHIVED)

    assert dashboard.current_plan(year=cycle.target_year) == mine
    assert dashboard.current_plan(year=None).year == cycle.target_year + 1


# --- Webinars this month ------------------------------------------------------------------


def test_webinars_this_month_count_places_taken_and_people_waiting():
    full = WebinarFactory(starts_at=NOW + timedelta(days=3), capacity=2)
    register(full, 2)
    register(full, 1, state=Registration.State.WAITLISTED)
    register(full, 1, state=Registration.State.CANCELLED)
    held = WebinarFactory(status=Webinar.Status.HELD, starts_at=datetime(2026, 6, 1, 0, 0, tzinfo=GENEVA))
    WebinarFactory(starts_at=datetime(2026, 7, 1, 0, 0, tzinfo=GENEVA))  # next month
    WebinarFactory(starts_at=datetime(2026, 5, 31, 23, 59, tzinfo=GENEVA))  # last month
    WebinarFactory(status=Webinar.Status.CANCELLED, starts_at=NOW)

    webinars = dashboard.webinars_this_month(now=NOW)

    assert webinars == [held, full]
    assert (webinars[1].registered, webinars[1].waitlisted, webinars[1].capacity) == (2, 1, 2)


def test_the_month_is_the_committees_month_in_geneva():
    start, end = dashboard.month_bounds(datetime(2026, 12, 31, 23, 30, tzinfo=GENEVA))

    assert (start, end) == (datetime(2026, 12, 1, tzinfo=GENEVA), datetime(2027, 1, 1, tzinfo=GENEVA))


# --- The outbox ----------------------------------------------------------------------------


def test_outbox_counts_the_failures_of_the_last_30_days_and_lists_the_latest_five():
    now = timezone.now()
    failures = [NoticeFactory(state=Notice.State.FAILED, last_error=f"error {n}") for n in range(7)]
    for days, notice in enumerate(failures):
        Notice.objects.filter(pk=notice.pk).update(created_at=now - timedelta(days=days))
    old = NoticeFactory(state=Notice.State.FAILED)
    Notice.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=31))
    NoticeFactory(state=Notice.State.PENDING)

    status = dashboard.outbox_status(now=now)

    assert status.failed == 7
    assert [notice.last_error for notice in status.latest] == [f"error {n}" for n in range(5)]


# --- The page ---------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_someone_who_is_not_staff_is_refused_the_dashboard(client):
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 403


def test_the_dashboard_is_at_secretariat_under_the_language():
    assert reverse("reporting:dashboard") == URL


def test_an_empty_portal_says_there_is_no_consultation_and_no_plan(client, staff):
    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "No consultation yet" in page
    assert "No draft or published plan yet" in page
    assert "No webinar is scheduled or held this month." in page
    assert "0 messages failed in the last 30 days." in page


def test_the_page_shows_the_silent_group_and_links_to_the_review_and_the_plan(client, staff):
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)
    CoordinatorFactory(group=RegionalGroupFactory(name="GRULAC"), user__email="ana@example.org")
    plan = AnnualPlanFactory(year=cycle.target_year, cycle=cycle, capacity=6)
    PlanEntryFactory(plan=plan)

    page = client.get(URL).content.decode()

    silent = page.split('class="list-group list-group-flush silent-groups')[1].split("</ul>")[0]
    assert "GRULAC" in silent and "mailto:ana@example.org" in silent and "no reminder yet" in silent
    assert reverse("planning:cycle_review", args=[cycle.pk]) in page
    assert reverse("planning:plan_detail", args=[cycle.pk]) in page
    assert "1 of at most 6 webinars" in page


def test_the_page_lists_failed_messages_with_a_link_to_the_filtered_outbox(client, staff):
    NoticeFactory(state=Notice.State.FAILED, to="lost@example.org", last_error="550 mailbox unavailable")

    page = client.get(URL).content.decode()

    assert "1 message failed in the last 30 days." in page
    assert "lost@example.org" in page and "550 mailbox unavailable" in page
    assert reverse("admin:outbox_notice_changelist") + "?state__exact=failed" in page


def test_the_page_shows_this_months_webinars_with_registrations_against_capacity(client, staff):
    webinar = WebinarFactory(title="Patents for small firms", starts_at=timezone.now(), capacity=40)
    register(webinar, 3)

    page = client.get(URL).content.decode()

    row = page.split(f'data-webinar="{webinar.slug}"')[1].split("</tr>")[0]
    assert "Patents for small firms" in row and "3 of 40" in row


def test_the_page_flags_held_webinars_whose_follow_up_is_overdue_and_links_to_their_checklist(client, staff, settings):
    settings.PORTAL_FOLLOWUP_OVERDUE_DAYS = 14
    late = HeldWebinarFactory(title="Patents for universities", starts_at=timezone.now() - timedelta(days=20))
    HeldWebinarFactory(title="Held last week", starts_at=timezone.now() - timedelta(days=7))

    block = client.get(URL).content.decode().split('id="dashboard-followup"')[1].split("</section>")[0]

    assert "1 held webinar still misses follow-up items." in block
    row = block.split(f'data-webinar="{late.slug}"')[1].split("</li>")[0]
    assert reverse("delivery:followup_detail", args=[late.slug]) in row
    assert "Recording published" in row
    assert "Held last week" not in block


def test_the_page_lists_overdue_follow_up_actions_and_not_the_done_or_future_ones(client, staff):
    today = timezone.localdate()
    FollowUpActionFactory(description="Update the compilation of documents", due_on=today - timedelta(days=3))
    FollowUpActionFactory(description="Translate the annex", due_on=today - timedelta(days=9), done_on=today)
    FollowUpActionFactory(description="Prepare the next session", due_on=today + timedelta(days=9))

    block = client.get(URL).content.decode().split('id="dashboard-followup"')[1].split("</section>")[0]

    assert "1 action is overdue." in block
    assert "Update the compilation of documents" in block
    assert "Translate the annex" not in block and "Prepare the next session" not in block


def test_the_secretariat_row_of_the_header_links_to_the_dashboard_first(client, staff):
    page = client.get(reverse("planning:cycle_list")).content.decode()

    nav = page.split('<nav class="portal-staff-nav')[1].split("</ul>")[0]
    staff_links = nav.split(">Dashboard<")
    assert len(staff_links) == 2 and URL in staff_links[0]
    assert nav.index(">Dashboard<") < nav.index("Review and planning")


def _populate(size: int, cycle: ConsultationCycle, plan: AnnualPlan) -> None:
    """`size` silent groups with a reminded coordinator, answering groups, entries, webinars, failures."""
    for _ in range(size):
        coordinator = CoordinatorFactory()
        remind(cycle, coordinator.user.email, days=3, at=timezone.now())
        answer(cycle, RegionalGroupFactory())
        PlanEntryFactory(plan=plan).regions.set([RegionFactory()])
        register(WebinarFactory(starts_at=timezone.now(), capacity=10), 2)
        NoticeFactory(state=Notice.State.FAILED)
        FollowUpActionFactory(due_on=timezone.localdate() - timedelta(days=2))
        HeldWebinarFactory()  # held 60 days ago, nothing followed up: overdue


def test_the_page_makes_the_same_number_of_queries_for_1_and_for_12_of_everything(client, staff):
    cycle = ConsultationCycleFactory()
    plan = AnnualPlanFactory(year=cycle.target_year, cycle=cycle)
    _populate(1, cycle, plan)
    client.get(URL)  # warm the caches that live for the whole process (content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _populate(11, cycle, plan)
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).content.decode()

    assert page.count("mailto:") == 12
    assert "12 held webinars still miss follow-up items." in page
    assert len(many) == len(few)


# --- What keeps the portal from working -------------------------------------------------


def test_a_stuck_outbox_and_a_silent_worker_are_said_on_the_dashboard(client, staff, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # a broker nobody answers at: no heartbeat, no beat
    settings.PORTAL_HEALTH_OUTBOX_MAX_AGE = 600
    stuck = NoticeFactory()
    due_45_minutes_ago = timezone.now() - timedelta(minutes=45)
    Notice.objects.filter(pk=stuck.pk).update(created_at=due_45_minutes_ago, next_attempt_at=due_45_minutes_ago)

    page = client.get(URL).content.decode()

    assert "The portal cannot do all its work now" in page
    assert "The oldest message in the outbox has waited 45 minutes to be sent." in page
    assert "No task worker has answered: messages and scheduled work wait." in page


def test_a_portal_that_works_shows_no_warning(client, staff, settings):
    settings.REDIS_URL = ""

    assert "dashboard-health" not in client.get(URL).content.decode()
