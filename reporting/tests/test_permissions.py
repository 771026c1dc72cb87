"""Who may open the dashboard and the report, who may keep the report, and what each person sees."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory, StaffFactory
from outbox.models import Notice
from outbox.tests.factories import NoticeFactory
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory
from reporting.models import ReportSnapshot
from reporting.permissions import dashboard_sections
from reporting.services import keep_report
from reporting.tests.factories import FollowUpActionFactory
from reporting.tests.test_figures import YEAR, year_of_data  # noqa: F401  (the fixture, used by name)
from reporting.tests.test_snapshots import report
from webinars.tests.factories import HeldWebinarFactory, RegionalGroupFactory, WebinarFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:dashboard")
REPORT = reverse("reporting:annual_report")
KEEP = reverse("reporting:annual_report_keep", kwargs={"first_year": YEAR, "last_year": YEAR})
EXPORT = reverse("reporting:annual_report_export", kwargs={"first_year": YEAR, "last_year": YEAR, "fmt": "csv"})


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def login(client, **kwargs):
    user = SecretariatFactory(**kwargs)
    client.force_login(user)
    return user


def kept_snapshot() -> ReportSnapshot:
    return keep_report(document=report(), fmt="csv", actor=None, kind=ReportSnapshot.Kind.ANNUAL)


# --- Each page refuses staff without its permission --------------------------------------------


@pytest.mark.parametrize(
    ("url", "needed"),
    [
        (DASHBOARD, "See the Secretariat&#x27;s dashboard"),
        (f"{REPORT}?first_year={YEAR}", "Read and export the annual report"),
        (EXPORT, "Read and export the annual report"),
    ],
    ids=["dashboard", "report", "export"],
)
def test_staff_without_the_permission_are_refused_the_reporting_pages_with_what_is_missing(client, url, needed):
    login(client)

    response = client.get(url)

    assert response.status_code == 403
    assert needed in response.content.decode()


def test_staff_without_the_permission_are_refused_a_kept_reports_file(client):
    snapshot = kept_snapshot()
    login(client, permissions=["reporting.view_annual_report"])

    assert client.get(reverse("reporting:kept_report_download", args=[snapshot.pk])).status_code == 403


def test_staff_without_the_keep_permission_are_refused_keeping_and_nothing_is_kept(client):
    login(client, permissions=["reporting.view_annual_report", "reporting.view_reportsnapshot"])

    response = client.post(KEEP, {"fmt": "csv", "language": "en"})

    assert response.status_code == 403
    assert not ReportSnapshot.objects.exists()


def test_each_reporting_page_opens_with_its_own_permission_only(client):
    snapshot = kept_snapshot()
    login(
        client,
        permissions=[
            "reporting.view_dashboard",
            "reporting.view_annual_report",
            "reporting.keep_annual_report",
            "reporting.view_reportsnapshot",
        ],
    )

    assert client.get(DASHBOARD).status_code == 200
    assert client.get(REPORT, {"first_year": YEAR}).status_code == 200
    assert client.get(EXPORT).status_code == 200
    assert client.get(reverse("reporting:kept_report_download", args=[snapshot.pk])).status_code == 200
    assert client.post(KEEP, {"fmt": "csv", "language": "en"}).status_code == 302


# --- The dashboard shows each block only to those who may read its data -----------------------------


def _something_in_every_block():
    cycle = ConsultationCycleFactory()
    CoordinatorFactory(group=RegionalGroupFactory(name="GRULAC"))
    plan = AnnualPlanFactory(year=cycle.target_year, cycle=cycle, capacity=6)
    PlanEntryFactory(plan=plan)
    WebinarFactory(title="Patents for small firms", starts_at=timezone.now(), capacity=40)
    HeldWebinarFactory(title="Held long ago", starts_at=timezone.now() - timedelta(days=60))
    FollowUpActionFactory(description="Update the compilation", due_on=timezone.localdate() - timedelta(days=3))
    NoticeFactory(state=Notice.State.FAILED, to="lost@example.org")


def test_a_communications_member_sees_only_the_webinars_and_outbox_blocks(client):
    _something_in_every_block()
    login(client, roles=["Communications"])

    page = client.get(DASHBOARD).content.decode()

    assert 'id="dashboard-webinars"' in page and "Patents for small firms" in page
    assert 'id="dashboard-outbox"' in page and "lost@example.org" in page
    assert 'id="dashboard-followup-webinars"' not in page and "Held long ago" not in page
    assert 'id="dashboard-cycle"' not in page and "GRULAC" not in page
    assert 'id="dashboard-plan"' not in page
    assert 'id="dashboard-followup-actions"' not in page and "Update the compilation" not in page


def test_the_blocks_a_communications_member_may_not_read_are_not_even_queried(client):
    _something_in_every_block()
    login(client, roles=["Communications"])
    client.get(DASHBOARD)  # warm the caches that live for the whole process

    with CaptureQueriesContext(connection) as queries:
        client.get(DASHBOARD)

    tables = " ".join(query["sql"] for query in queries)
    assert "proposals_" not in tables
    assert "planning_" not in tables
    assert "reporting_followupaction" not in tables


def test_a_read_only_member_sees_every_block_but_the_failed_messages(client):
    _something_in_every_block()
    login(client, roles=["Read-only"])

    page = client.get(DASHBOARD).content.decode()

    for block in ("cycle", "plan", "webinars", "followup-webinars", "followup-actions"):
        assert f'id="dashboard-{block}"' in page
    assert 'id="dashboard-outbox"' not in page and "lost@example.org" not in page


def test_a_dashboard_without_any_readable_block_says_so(client):
    login(client, permissions=["reporting.view_dashboard"])

    page = client.get(DASHBOARD).content.decode()

    assert "Your roles let you read none of this dashboard's blocks." in page
    assert 'id="dashboard-' not in page


def test_a_superuser_reads_every_block():
    assert dashboard_sections(StaffFactory()) == {"cycle", "plan", "webinars", "followups", "actions", "outbox"}


# --- The report: reading it is not keeping it, and its links follow the admin's rights ----------------


@pytest.mark.usefixtures("year_of_data")
def test_a_read_only_member_sees_the_report_without_the_keep_button(client):
    login(client, roles=["Read-only"])

    response = client.get(REPORT, {"first_year": YEAR})

    assert response.status_code == 200
    page = response.content.decode()
    assert f"report for {YEAR}" in page
    assert KEEP not in page and "data-keep-report" not in page


@pytest.mark.usefixtures("year_of_data")
def test_a_read_only_member_cannot_keep_the_report(client):
    login(client, roles=["Read-only"])

    response = client.post(KEEP, {"fmt": "csv", "language": "en"})

    assert response.status_code == 403
    assert not ReportSnapshot.objects.exists()


@pytest.mark.usefixtures("year_of_data")
def test_a_reporting_officer_sees_the_keep_button(client):
    login(client, roles=["Reporting officer"])

    page = client.get(REPORT, {"first_year": YEAR}).content.decode()

    assert KEEP in page


@pytest.mark.usefixtures("year_of_data")
def test_the_report_links_only_to_the_admin_lists_the_reader_may_open(client):
    login(client, roles=["Read-only"])  # reads webinars, not registrations nor feedback

    page = client.get(REPORT, {"first_year": YEAR}).content.decode()

    assert reverse("admin:webinars_webinar_changelist") in page
    assert reverse("admin:participants_registration_changelist") not in page
    assert reverse("admin:webinars_feedback_changelist") not in page


@pytest.mark.usefixtures("year_of_data")
def test_a_superuser_finds_the_links_to_every_admin_list_on_the_report(client):
    client.force_login(StaffFactory())

    page = client.get(REPORT, {"first_year": YEAR}).content.decode()

    assert reverse("admin:participants_registration_changelist") in page
    assert reverse("admin:webinars_feedback_changelist") in page


@pytest.mark.usefixtures("year_of_data")
def test_a_kept_report_is_listed_without_a_download_link_for_who_may_not_download_it(client):
    snapshot = kept_snapshot()
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(first_year=YEAR, last_year=YEAR)
    login(client, permissions=["reporting.view_annual_report"])

    page = client.get(REPORT, {"first_year": YEAR}).content.decode()

    assert "data-kept-reports" in page
    assert reverse("reporting:kept_report_download", args=[snapshot.pk]) not in page
