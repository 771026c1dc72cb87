"""A visitor joins the participants' network from a real browser and confirms from the
message; and the public pages work from the keyboard (issue 4)."""

import re

import pytest

from participants.models import NetworkMember
from webinars.tests.factories import MaterialFactory, RegionFactory, ScopeAreaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirmation_link(body: str) -> str:
    links = re.findall(r"https?://\S+/network/confirm/\S+", body)
    assert len(links) == 1, body
    return links[0]


def test_visitor_joins_the_network_and_confirms_with_the_link_from_the_message(
    live_server, page, screenshot, settings, mailoutbox
):
    # Links in messages are absolute, made from PORTAL_SITE_URL: here, the test server.
    settings.PORTAL_SITE_URL = live_server.url
    RegionFactory(code="africa", name="Africa")
    ScopeAreaFactory(code="patents", title="Patents and innovation")

    page.goto(f"{live_server.url}/en/network/join/")
    page.get_by_role("textbox", name="E-mail address").fill("  Amina.Diallo@Example.ORG ")
    page.get_by_role("textbox", name="Name").fill("Amina Diallo")
    page.get_by_label("Africa").check()
    page.get_by_label("Patents and innovation").check()
    page.get_by_label(re.compile("I agree that the Secretariat keeps my e-mail address")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Join").click()

    assert page.url == f"{live_server.url}/en/network/join/sent/"
    assert page.get_by_role("heading", name="Check your mailbox").is_visible()
    member = NetworkMember.objects.get()
    assert (member.email, member.state) == ("amina.diallo@example.org", NetworkMember.State.PENDING)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amina.diallo@example.org"]

    page.goto(_confirmation_link(mailoutbox[0].body))
    member.refresh_from_db()
    assert member.state == NetworkMember.State.PENDING, "opening the link alone must not confirm"
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()

    assert page.get_by_role("heading", name="You are in the network").is_visible()
    member.refresh_from_db()
    assert member.state == NetworkMember.State.CONFIRMED
    assert sorted(member.regions.values_list("code", flat=True)) == ["africa"]
    assert sorted(member.scope_areas.values_list("code", flat=True)) == ["patents"]
    screenshot(page, "network-confirmed-en")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_first_tab_reaches_the_visible_skip_link_which_jumps_to_the_content(live_server, page, language):
    MaterialFactory(title="Slides of the session")  # a held webinar with a link in the content
    page.goto(f"{live_server.url}/{language}/")

    page.keyboard.press("Tab")

    focused = page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return {
                href: element.getAttribute("href"),
                focusVisible: element.matches(":focus-visible"),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                    && box.right <= window.innerWidth && box.bottom <= window.innerHeight,
            };
        }"""
    )
    assert focused == {"href": "#main", "focusVisible": True, "outline": True, "onScreen": True}

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    in_content = page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    assert in_content, page.evaluate("() => document.activeElement.outerHTML")
