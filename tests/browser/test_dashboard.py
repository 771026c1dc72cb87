"""The Secretariat opens its dashboard in a real browser (issue 9): the demo Secretariat user
logs in, lands on the dashboard, reads the consultation block
(who has not answered) and follows the plan block's link to the planning screen. The page
passes axe in English and in Arabic (right to left)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from demo.data import SECRETARIAT
from outbox.models import Notice
from outbox.tests.factories import NoticeFactory
from participants.tests.factories import RegistrationFactory
from planning.tests.factories import AnnualPlanFactory, PlanEntryFactory
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory, ProposalFactory
from reporting.tests.factories import FollowUpActionFactory
from tests.browser.conftest import PASSWORD
from webinars.tests.factories import HeldWebinarFactory, RegionalGroupFactory, RegionFactory, WebinarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme():
    """An open consultation (one group answered, one silent), a draft plan, a webinar this month,
    a held webinar whose follow-up is overdue, a failed message and an overdue follow-up action."""
    cycle = ConsultationCycleFactory(
        state=ConsultationCycle.State.OPEN,
        opens_at=timezone.now() - timedelta(days=20),
        deadline_at=timezone.now() + timedelta(days=12, hours=1),
    )
    africa = RegionFactory(code="africa", name="Africa")
    lac = RegionFactory(code="lac", name="Latin America and the Caribbean")
    african = RegionalGroupFactory(code="african-group", name="African Group", regions=[africa])
    grulac = RegionalGroupFactory(code="grulac", name="GRULAC", regions=[lac])
    CoordinatorFactory(group=african, user__email="african-group@example.org")
    CoordinatorFactory(group=grulac, user__first_name="Ana", user__last_name="Pérez", user__email="grulac@example.org")
    ProposalFactory(
        cycle=cycle,
        group=african,
        title="Patents for small firms",
        state=Proposal.State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    plan = AnnualPlanFactory(year=cycle.target_year, cycle=cycle, capacity=6)
    PlanEntryFactory(plan=plan, title="Patents for small firms", region=africa)
    webinar = WebinarFactory(title="Geographical indications for coffee", starts_at=timezone.now(), capacity=50)
    for _ in range(3):
        RegistrationFactory(webinar=webinar)
    HeldWebinarFactory(title="Managing intellectual property in universities", regions=[africa])
    NoticeFactory(state=Notice.State.FAILED, to="lost@example.org", last_error="550 mailbox unavailable")
    FollowUpActionFactory(
        description="Update the compilation of documents", due_on=timezone.localdate() - timedelta(days=5)
    )
    return {"cycle": cycle, "plan": plan}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_secretariat_opens_the_dashboard_and_follows_the_plan_link(
    live_server, page, axe, screenshot, log_in, programme, language
):
    StaffFactory(**{**SECRETARIAT, "language": language}, password=PASSWORD)
    cycle = programme["cycle"]

    log_in(page, SECRETARIAT["username"], language=language)

    assert page.url == f"{live_server.url}/{language}/secretariat/"
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    block = page.locator("#dashboard-cycle")
    assert block.locator("[data-group=grulac]").is_visible()
    assert "grulac@example.org" in block.inner_text()
    assert block.locator("[data-group=african-group]").count() == 0
    assert page.locator("#dashboard-webinars").get_by_text("Geographical indications for coffee").is_visible()
    assert "lost@example.org" in page.locator("#dashboard-outbox").inner_text()
    assert (
        page.locator("#dashboard-followup").get_by_text("Managing intellectual property in universities").is_visible()
    )
    screenshot(page, f"dashboard-{language}")
    axe(page, f"dashboard-{language}")
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0

    with page.expect_navigation():
        page.locator(f"#dashboard-plan a[href$='/secretariat/planning/cycles/{cycle.pk}/plan/']").click()
    assert page.url == f"{live_server.url}/{language}/secretariat/planning/cycles/{cycle.pk}/plan/"
    assert page.locator("li[data-entry]").count() == 1
    assert page.console_errors == []
