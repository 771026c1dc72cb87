"""axe-core on every page of issues 4 and 5, in English and in Arabic (right to left): no serious
or critical WCAG 2.0/2.1 A/AA violation. Each page is also kept as a screenshot
(artifacts/screenshots/<page>-<language>.png) and its full axe result as artifacts/axe/*.json.

All pages of one language are checked before the test fails, so one run lists every problem.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from proposals.models import Proposal
from proposals.tests.factories import ProposalFactory, ProposalPartFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "ar"]


def _audit(page, axe, screenshot, live_server, language: str, pages: list[tuple[str, str]]) -> list[str]:
    """Open each (name, path) page, check its direction and that nothing is squeezed or sticks
    out sideways, keep a screenshot, run axe."""
    problems = []
    for name, path in pages:
        response = page.goto(f"{live_server.url}{path}")
        if response.status != 200:
            problems.append(f"{name}: {path} answered {response.status}")
            continue
        expected_direction = "rtl" if language == "ar" else "ltr"
        direction = page.evaluate("() => document.documentElement.getAttribute('dir')")
        if direction != expected_direction:
            problems.append(f"{name}: {path} has dir={direction!r}, expected {expected_direction!r}")
        layout = page.evaluate(
            """() => ({
                overflow: document.documentElement.scrollWidth - window.innerWidth,
                switcher: document.getElementById("language-switcher").getBoundingClientRect().width,
            })"""
        )
        if layout["overflow"] > 0:
            problems.append(f"{name}: {path} is {layout['overflow']}px wider than the window")
        if layout["switcher"] < 80:
            problems.append(f"{name}: {path} squeezes the language switcher to {layout['switcher']:.0f}px")
        screenshot(page, f"{name}-{language}")
        report = axe.scan(page, f"{name}-{language}")
        if report:
            problems.append(report)
    if page.console_errors:
        problems.append("console errors: " + "; ".join(page.console_errors))
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_serious_accessibility_violation(live_server, page, axe, screenshot, catalogue, language):
    with translation.override(language):
        pages = [
            ("topic-list", reverse("webinars:topic_list")),
            ("webinar", reverse("webinars:webinar_detail", kwargs={"slug": catalogue["held"].slug})),
            ("series", reverse("webinars:series_detail", kwargs={"slug": catalogue["series"].slug})),
            ("network-join", reverse("participants:network_join")),
        ]

    problems = _audit(page, axe, screenshot, live_server, language, pages)

    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_pages_have_no_serious_accessibility_violation(
    live_server, page, axe, screenshot, consultation, log_in, language
):
    proposal = ProposalFactory(
        cycle=consultation["cycle"],
        group=consultation["coordinator"].group,
        created_by=consultation["coordinator"].user,
        shape=Proposal.Shape.SERIES,
        title="Technology transfer for universities",
    )
    proposal.languages.set(consultation["languages"][:2])
    for position, title in enumerate(["Why an office", "Licensing agreements", "Spin-off companies"], start=1):
        ProposalPartFactory(proposal=proposal, position=position, title=title)
    with translation.override(language):
        login_path = reverse("accounts:login")
        pages = [
            ("coordinator-dashboard", reverse("proposals:dashboard")),
            ("coordinator-adopt", reverse("proposals:adopt", kwargs={"cycle_pk": consultation["cycle"].pk})),
            (
                "coordinator-proposal-form",
                reverse("proposals:propose", kwargs={"cycle_pk": consultation["cycle"].pk}) + "?shape=series",
            ),
            ("coordinator-proposal-edit", reverse("proposals:edit", kwargs={"pk": proposal.pk})),
            ("coordinator-proposal", reverse("proposals:detail", kwargs={"pk": proposal.pk})),
        ]

    problems = _audit(page, axe, screenshot, live_server, language, [("login", login_path)])
    log_in(page, "amina", language=language)
    problems += _audit(page, axe, screenshot, live_server, language, pages)

    assert not problems, "\n\n".join(problems)
