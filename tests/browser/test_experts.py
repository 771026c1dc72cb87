"""The Secretariat picks an expert for a webinar in a real browser (issue 8): it opens the
webinar's suggested experts, reads what choosing one does to the year's gender and regional
balance (in numbers), invites her; the expert opens the link from the message, accepts, and the
webinar's public page then shows her name, and none of her private details."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from delivery.models import ExpertInvitation
from outbox.models import Notice
from webinars.models import Expert
from webinars.tests.factories import (
    ExpertFactory,
    LanguageFactory,
    RegionFactory,
    ScopeAreaFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CANDIDATE = "Dr Amina Diallo"


def _click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def programme():
    """A scheduled webinar on patent mediation; the year already has one expert (a man from
    Africa); the roster holds a woman from Asia whose expertise fits the topic."""
    africa = RegionFactory(code="africa", name="Africa")
    asia = RegionFactory(code="asia", name="Asia and the Pacific")
    english = LanguageFactory(code="en", name="English")
    area = ScopeAreaFactory(code="mediation", title="Mediation and dispute resolution")
    topic = TopicFactory(title="Patent mediation", scope_area=area)
    starts_at = timezone.now() + timedelta(days=10)
    webinar = WebinarFactory(
        slug="patent-mediation",
        title="Patent mediation for universities",
        topic=topic,
        starts_at=starts_at,
        regions=[asia],
        languages=[english],
    )
    same_year = WebinarFactory(starts_at=starts_at - timedelta(hours=3), regions=[africa], languages=[english])
    same_year.experts.add(ExpertFactory(name="Joseph Mwangi", gender=Expert.Gender.MALE, region=africa))
    candidate = ExpertFactory(
        name=CANDIDATE,
        title="Mediator, patent disputes",
        biography="Mediates patent disputes between universities and firms.",
        email="amina.private@example.org",
        gender=Expert.Gender.FEMALE,
        nationality="SN",
        region=asia,
        expertise="Patent mediation between universities and industry",
    )
    candidate.scope_areas.set([area])
    candidate.languages.set([english])
    StaffFactory(username="secretariat", email="officer@example.org")
    return webinar


def test_staff_invites_an_expert_who_accepts_and_appears_on_the_public_page(
    page, browser, live_server, log_in, screenshot, axe, programme
):
    webinar = programme
    log_in(page, "secretariat")

    page.goto(f"{live_server.url}/en/secretariat/experts/webinar/{webinar.pk}/")
    balance = page.locator("#year-balance")
    assert "0 of 1 (0%)" in balance.locator('tr[data-gender="female"]').inner_text()
    suggestion = page.locator("#suggestions .suggestion").first
    assert CANDIDATE in suggestion.inner_text()
    change = suggestion.locator('.balance-change[data-row="female"]').inner_text()
    assert "0 of 1 (0%)" in change and "1 of 2 (50%)" in change
    assert "1 of 2 → 2 of 2" in suggestion.locator(".regions-covered-change").inner_text()
    screenshot(page, "experts-suggestions")
    axe(page, "experts-suggestions")

    suggestion.locator("textarea").fill("Your work with universities fits this webinar well.")
    _click_and_wait(page, suggestion.get_by_role("button", name=f"Invite {CANDIDATE}"))
    assert "is invited" in page.locator("main .alert").inner_text()
    assert page.locator('#invitations tr[data-state="invited"]').count() == 1
    screenshot(page, "experts-invited")
    page.goto(f"{live_server.url}/en/secretariat/experts/?gender=female")
    assert page.locator("#roster tbody tr").count() == 1
    screenshot(page, "experts-roster")
    axe(page, "experts-roster")

    notice = Notice.objects.get(kind=Notice.Kind.EXPERT_INVITATION)
    accept_path = re.search(r"https?://[^/\s]+(/\S+\?answer=accept)", notice.body).group(1)

    expert_context = browser.new_context(locale="en-GB")
    try:
        expert_page = expert_context.new_page()
        expert_page.goto(f"{live_server.url}{accept_path}")
        assert "Patent mediation for universities" in expert_page.locator("main").inner_text()
        screenshot(expert_page, "experts-answer-page")
        axe(expert_page, "experts-answer-page")
        _click_and_wait(expert_page, expert_page.get_by_role("button", name="Accept"))
        assert "Thank you for accepting" in expert_page.locator("h1").inner_text()
        screenshot(expert_page, "experts-accepted")

        expert_page.goto(f"{live_server.url}/en/webinars/{webinar.slug}/")
        main = expert_page.locator("main").inner_text()
        assert CANDIDATE in main
        assert "Mediates patent disputes" in main
        html = expert_page.content()
        for private in ("amina.private@example.org", "Female", "SN"):
            assert private not in html
        screenshot(expert_page, "experts-public-page")
    finally:
        expert_context.close()

    assert ExpertInvitation.objects.get().state == ExpertInvitation.State.ACCEPTED
    assert Notice.objects.filter(kind=Notice.Kind.EXPERT_ANSWER, to="officer@example.org").exists()
