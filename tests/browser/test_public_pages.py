"""A visitor on the public pages, in a real browser: the programme in English, then in Arabic."""

import pytest
from django.utils import timezone

from proposals.models import Proposal
from proposals.tests.factories import ProposalFactory
from webinars.tests.factories import HeldWebinarFactory, MaterialFactory, WebinarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme():
    held = HeldWebinarFactory(title="Managing intellectual property in universities")
    MaterialFactory(webinar=held, title="Recording of the session")
    scheduled = WebinarFactory(title="Licensing technology for development")
    proposal = ProposalFactory(
        title="Patent information for small firms", state=Proposal.State.SUBMITTED, submitted_at=timezone.now()
    )
    return {"held": held, "scheduled": scheduled, "proposal": proposal}


def _direction(page) -> dict:
    return page.evaluate(
        """() => ({
            dir: document.documentElement.getAttribute("dir"),
            lang: document.documentElement.getAttribute("lang"),
            bodyDirection: getComputedStyle(document.body).direction,
        })"""
    )


def _loaded_stylesheets(page) -> list[str]:
    """Stylesheets the page links and the browser actually loaded (rules readable)."""
    return page.evaluate(
        """() => [...document.styleSheets]
            .filter((sheet) => sheet.href && sheet.cssRules.length > 0)
            .map((sheet) => new URL(sheet.href).pathname)"""
    )


def test_visitor_sees_the_programme_and_switches_to_arabic(live_server, page, screenshot, programme):
    page.goto(f"{live_server.url}/en/")

    assert _direction(page) == {"dir": "ltr", "lang": "en", "bodyDirection": "ltr"}
    held_section = page.locator("section[aria-labelledby=held-heading]")
    scheduled_section = page.locator("section[aria-labelledby=scheduled-heading]")
    assert held_section.get_by_role("heading", name=programme["held"].title).is_visible()
    assert scheduled_section.get_by_role("heading", name=programme["scheduled"].title).is_visible()
    assert page.get_by_text(programme["proposal"].title).is_visible()
    assert page.get_by_role("link", name="Recording of the session").is_visible()
    assert any("bootstrap.min" in href for href in _loaded_stylesheets(page))
    screenshot(page, "public-home-en")
    assert page.console_errors == []

    page.select_option("#language-switcher", "ar")
    with page.expect_navigation():
        page.locator("form:has(#language-switcher) [type=submit]").click()

    assert page.url == f"{live_server.url}/ar/"
    assert _direction(page) == {"dir": "rtl", "lang": "ar", "bodyDirection": "rtl"}
    assert page.locator("#language-switcher").input_value() == "ar"
    # Content without an Arabic translation falls back to English; it is still all there.
    assert page.get_by_role("heading", name=programme["held"].title).is_visible()
    assert page.get_by_role("heading", name=programme["scheduled"].title).is_visible()
    assert page.get_by_text(programme["proposal"].title).is_visible()
    assert any("bootstrap.rtl.min" in href for href in _loaded_stylesheets(page))
    screenshot(page, "public-home-ar")
    assert page.console_errors == []


def test_the_language_choice_is_remembered(live_server, page, programme):
    page.goto(f"{live_server.url}/en/")
    page.select_option("#language-switcher", "ar")
    with page.expect_navigation():
        page.locator("form:has(#language-switcher) [type=submit]").click()

    page.goto(f"{live_server.url}/")

    assert page.url == f"{live_server.url}/ar/"
    assert _direction(page)["dir"] == "rtl"


def test_the_administrations_login_is_the_portals_and_right_to_left_in_arabic(live_server, page, screenshot):
    page.goto(f"{live_server.url}/ar/admin/login/")

    assert page.url.startswith(f"{live_server.url}/ar/account/login/")
    assert _direction(page) == {"dir": "rtl", "lang": "ar", "bodyDirection": "rtl"}
    assert page.locator("#id_username").is_visible()
    assert any(href.endswith("bootstrap.rtl.min.css") for href in _loaded_stylesheets(page))
    screenshot(page, "admin-login-ar")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_on_a_phone_the_header_collapses_into_a_menu_and_nothing_scrolls_sideways(
    live_server, page, catalogue, language
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}/")
    toggler = page.locator("header .navbar-toggler")
    topics_link = page.locator("header .portal-nav .nav-link").first

    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert toggler.is_visible() and not topics_link.is_visible()
    brand = page.locator("header .portal-brand").bounding_box()
    assert brand["x"] >= 8 and brand["x"] + brand["width"] <= 390 - 8  # off the screen's edges

    toggler.click()
    topics_link.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    assert page.locator("#language-switcher").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []
