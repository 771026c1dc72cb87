"""The Secretariat reviews a closed consultation and publishes next year's plan in a real browser
(issue 7): marks one answer under review, declines another with a reason, accepts a synergy
between an English and a French proposal on the same subject, runs the solver, moves an entry,
publishes, and the public list shows the new scheduled webinars at once. The review, synergy
and plan pages pass axe in English and in Arabic."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from planning.models import AnnualPlan, SynergySuggestion
from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import ConsultationCycleFactory, CoordinatorFactory, ProposalFactory
from tests.browser.conftest import PASSWORD
from webinars.models import Webinar
from webinars.tests.factories import LanguageFactory, RegionalGroupFactory, RegionFactory, ScopeAreaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COFFEE_EN = "Geographical indications for coffee"
COFFEE_FR = "Indications géographiques du café"
PATENTS = "Patent information for small firms"
MUSIC = "Music rights in the streaming era"
OFFICES = "Technology transfer offices for universities"
# Each answer's own objectives: the factory's one sentence, shared by all five, would make the
# sentence encoder see five proposals on one subject.
OBJECTIVES = {
    COFFEE_EN: "Register and protect geographical indications for the coffee of smallholder cooperatives.",
    COFFEE_FR: "Enregistrer et protéger les indications géographiques du café des petites coopératives.",
    PATENTS: "Help small firms search patent databases before they invest in a new product.",
    MUSIC: "How composers and performers are paid when their music is streamed online.",
    OFFICES: "Set up offices that license university research to companies.",
}
DECLINE_REASON = "The Academy's distance course already covers music rights."
SKIPPED_REASON = "The committee asked for the plan before its session; the groups saw the answers."


def _click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def closed_consultation():
    """A consultation past its deadline with five answers from three groups; two of them (one in
    English, one in French) are about the same subject, so that the synergy finder pairs them."""
    cycle = ConsultationCycleFactory(
        state=ConsultationCycle.State.CLOSED,
        opens_at=timezone.now() - timedelta(days=60),
        deadline_at=timezone.now() - timedelta(days=1),
    )
    languages = {code: LanguageFactory(code=code, name=name) for code, name in [("en", "English"), ("fr", "French")]}
    LanguageFactory(code="ar", name="Arabic")
    regions = {
        code: RegionFactory(code=code, name=name)
        for code, name in [("africa", "Africa"), ("lac", "Latin America and the Caribbean"), ("asia", "Asia")]
    }
    groups = {
        "african": RegionalGroupFactory(code="african-group", name="African Group", regions=[regions["africa"]]),
        "grulac": RegionalGroupFactory(code="grulac", name="GRULAC", regions=[regions["lac"]]),
        "asia": RegionalGroupFactory(code="asia-pacific-group", name="Asia-Pacific Group", regions=[regions["asia"]]),
    }
    for group in groups.values():
        CoordinatorFactory(group=group, user__email=f"{group.code}@example.org")
    in_scope = ScopeAreaFactory(code="a", title="Development-oriented technical assistance", is_in_scope=True)

    def answer(title, group, region, language, days_ago):
        proposal = ProposalFactory(
            cycle=cycle,
            group=groups[group],
            title=title,
            objectives=OBJECTIVES[title],
            written_in=language,
            scope_area=in_scope,
            state=Proposal.State.SUBMITTED,
            submitted_at=timezone.now() - timedelta(days=days_ago),
        )
        proposal.regions.set([regions[region]])
        proposal.languages.set([languages[language]])
        return proposal

    return {
        "cycle": cycle,
        "coffee_en": answer(COFFEE_EN, "african", "africa", "en", 20),
        "coffee_fr": answer(COFFEE_FR, "grulac", "lac", "fr", 10),
        "patents": answer(PATENTS, "asia", "asia", "en", 15),
        "music": answer(MUSIC, "african", "africa", "en", 12),
        "offices": answer(OFFICES, "grulac", "lac", "fr", 8),
        "staff": StaffFactory(username="secretariat", password=PASSWORD),
    }


def test_the_secretariat_reviews_merges_solves_moves_and_publishes_and_the_public_sees_the_plan(
    live_server, page, axe, screenshot, log_in, closed_consultation, mailoutbox
):
    data = closed_consultation
    cycle = data["cycle"]
    base = f"{live_server.url}/{{language}}/secretariat/planning/cycles/{cycle.pk}"

    def in_both_languages(path: str, name: str) -> None:
        """axe and a screenshot of the page in Arabic (right to left), then back to English."""
        english = page.url
        page.goto(base.format(language="ar") + path)
        assert page.locator("html").get_attribute("dir") == "rtl"
        axe(page, f"{name}-ar")
        screenshot(page, f"{name}-ar")
        page.goto(english)
        axe(page, f"{name}-en")
        screenshot(page, f"{name}-en")

    log_in(page, "secretariat")
    page.goto(base.format(language="en") + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Answers to")
    in_both_languages("/", "planning-review")

    # Mark one answer under review.
    row = page.locator(f"tr[data-proposal='{data['patents'].pk}']")
    _click_and_wait(page, row.get_by_role("button", name="Mark under review"))
    data["patents"].refresh_from_db()
    assert data["patents"].state == Proposal.State.UNDER_REVIEW
    assert page.get_by_text("The proposal is under review.").is_visible()

    # Decline another, with the reason its group will read.
    row = page.locator(f"tr[data-proposal='{data['music'].pk}']")
    row.locator("summary", has_text="Decline").click()
    row.get_by_label("Reason given to the group").fill(DECLINE_REASON)
    _click_and_wait(page, row.get_by_role("button", name="Decline"))
    data["music"].refresh_from_db()
    assert (data["music"].state, data["music"].decision_reason) == (Proposal.State.DECLINED, DECLINE_REASON)

    # The English and the French proposal on coffee are suggested together; accept (merge).
    _click_and_wait(page, page.get_by_role("link", name="Synergies"))
    _click_and_wait(page, page.get_by_role("button", name="Look for synergies"))
    suggestion = page.locator("li[data-suggestion]", has_text=COFFEE_EN)
    assert COFFEE_FR in suggestion.inner_text()
    in_both_languages("/synergies/", "planning-synergies")
    _click_and_wait(page, suggestion.get_by_role("button", name="Accept: merge"))
    data["coffee_fr"].refresh_from_db()
    assert data["coffee_fr"].state == Proposal.State.MERGED
    assert SynergySuggestion.objects.get().state == SynergySuggestion.State.ACCEPTED

    # Start the plan, run the solver: three webinars (the merged pair is one), the declined one out.
    _click_and_wait(page, page.get_by_role("link", name="Draft plan"))
    _click_and_wait(page, page.get_by_role("button", name="Start the plan"))
    _click_and_wait(page, page.get_by_role("button", name="Run the solver"))
    plan = AnnualPlan.objects.get(cycle=cycle)
    entries = page.locator("li[data-entry]")
    assert entries.count() == 3
    titles = [entry.title for entry in plan.entries.order_by("position")]
    assert sorted(titles) == sorted([COFFEE_EN, PATENTS, OFFICES])
    assert MUSIC not in page.locator("main").inner_text()
    in_both_languages("/plan/", "planning-plan")

    # Move the last entry to the top; the others close ranks.
    last = plan.entries.order_by("position").last()
    item = page.locator(f"li[data-entry='{last.pk}']")
    item.get_by_label("New position").fill("1")
    _click_and_wait(page, item.get_by_role("button", name="Move"))
    assert [entry.title for entry in plan.entries.order_by("position")] == [titles[2], titles[0], titles[1]]
    assert page.locator("li[data-entry] strong").all_inner_texts() == [titles[2], titles[0], titles[1]]

    # Publishing a draft the groups never saw is refused until the reason is given.
    _click_and_wait(page, page.get_by_role("button", name="Publish the plan"))
    plan.refresh_from_db()
    assert plan.state == AnnualPlan.State.DRAFT
    assert page.get_by_text("The groups have not been consulted on this draft").is_visible()
    page.get_by_label("Why the groups were not consulted").fill(SKIPPED_REASON)

    # Publish: the webinars are to be scheduled in one go (dates chosen later), and every group is told.
    _click_and_wait(page, page.get_by_role("button", name="Publish the plan"))
    plan.refresh_from_db()
    assert plan.state == AnnualPlan.State.PUBLISHED
    assert (plan.groups_consulted, plan.consultation_skipped_reason) == (False, SKIPPED_REASON)
    assert page.get_by_text("The plan is published: 3 webinars to be scheduled, their dates to be chosen.").is_visible()
    scheduled = Webinar.objects.filter(status=Webinar.Status.TO_BE_SCHEDULED, starts_at=None)
    assert sorted(scheduled.values_list("title", flat=True)) == sorted(titles)
    told = {message.to[0]: message.body for message in mailoutbox}
    assert set(told) == {"african-group@example.org", "grulac@example.org", "asia-pacific-group@example.org"}
    assert DECLINE_REASON in told["african-group@example.org"]
    screenshot(page, "planning-published-en")

    # The public list shows them at once (it is cached: publishing makes it stale).
    page.goto(f"{live_server.url}/en/")
    section = page.locator("section[aria-labelledby=scheduled-heading]")
    for title in titles:
        assert section.get_by_text(title, exact=True).is_visible(), title
    screenshot(page, "planning-public-list-en")
    assert page.console_errors == []
