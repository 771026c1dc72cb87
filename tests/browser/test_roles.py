"""Each member of the Secretariat sees what their role allows, in a real browser: the staff
menu offers only their screens, and a screen outside their role answers a 403 page in their
language, right to left in Arabic, that names the permission missing."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from accounts.tests.factories import SecretariatFactory
from portal.permissions import permission_label
from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_communications_sees_its_own_screens_and_a_403_naming_the_missing_permission(
    live_server, page, axe, screenshot, log_in, language
):
    SecretariatFactory(username="comms", language=language, password=PASSWORD, roles=["Communications"])

    log_in(page, "comms", language=language)

    with translation.override(language):
        menu = [gettext(label) for label in ("Dashboard", "Campaigns", "Administration")]
        hidden = [gettext(label) for label in ("Review and planning", "Experts", "Annual report", "Follow-up")]
        heading = gettext("You may not open this page or do this")
        needed = permission_label("proposals.view_proposal")
    links = page.locator(".portal-staff-nav a").all_inner_texts()
    assert links == menu
    assert not set(hidden) & set(links)

    response = page.goto(f"{live_server.url}/{language}/secretariat/planning/")

    assert response.status == 403
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").inner_text() == heading
    assert needed in page.locator("main").inner_text()
    screenshot(page, f"role-403-{language}")
    axe(page, f"role-403-{language}")
    # The only console message: the browser noting the 403 itself.
    assert [message for message in page.console_errors if "403" not in message] == []
