"""The Secretariat promotes a scheduled webinar in a real browser (issue 8, Promotion): creates
a campaign for it, counts the recipients by language before saving, previews the message in
French and in Arabic (right to left), and sends a test to its own address. The campaign page
passes axe in Arabic."""

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from outbox.models import Notice
from participants.models import Campaign, NetworkMember
from participants.tests.factories import NetworkMemberFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRENCH_SUBJECT = "Concéder des licences : le deuxième volet"


def _click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def audience(catalogue):
    """Two confirmed members (French, Arabic) and a past participant of the series' first part."""
    for email, language in [("fr-member@example.org", "fr"), ("ar-member@example.org", "ar")]:
        NetworkMemberFactory(
            email=email, language=language, state=NetworkMember.State.CONFIRMED, confirmed_at=timezone.now()
        )
    RegistrationFactory(webinar=catalogue["held"], email="came@example.org", language="es", has_attended=True)
    return catalogue


def test_staff_creates_a_campaign_previews_it_in_french_and_arabic_and_tests_it(
    page, live_server, log_in, screenshot, axe, audience
):
    staff = StaffFactory(username="secretariat-campaigns", email="me@secretariat.example.org")
    log_in(page, staff.username)

    page.goto(f"{live_server.url}/en/secretariat/campaigns/")
    _click_and_wait(page, page.get_by_role("link", name="New campaign"))
    # The webinar's own language and region start ticked; widening to every language reaches everyone.
    french_only = page.locator('input[name="languages"][value="fr"]')
    assert french_only.is_checked()
    assert page.get_by_role("checkbox", name="Africa").is_checked()
    french_only.uncheck()
    page.locator("summary", has_text="French").click()
    page.locator("#id_subject_fr").fill(FRENCH_SUBJECT)
    _click_and_wait(page, page.get_by_role("button", name="Count the recipients"))
    assert page.get_by_test_id("recipient-total").inner_text() == "3 people will receive this message."
    assert page.locator('td[data-language="ar"]').inner_text() == "1"
    assert not Campaign.objects.exists()  # counting saved nothing
    screenshot(page, "campaign-form-count")

    _click_and_wait(page, page.get_by_role("button", name="Save the draft"))
    campaign = Campaign.objects.get()
    assert page.get_by_test_id("campaign-state").inner_text() == "Draft"

    _click_and_wait(page, page.get_by_role("link", name="French"))
    assert page.get_by_test_id("preview-subject").inner_text() == FRENCH_SUBJECT
    assert page.get_by_test_id("preview").get_attribute("lang") == "fr"
    screenshot(page, "campaign-preview-fr")

    _click_and_wait(page, page.get_by_role("link", name="Arabic"))
    preview = page.get_by_test_id("preview")
    assert preview.get_attribute("dir") == "rtl"
    assert FRENCH_SUBJECT not in page.get_by_test_id("preview-subject").inner_text()
    screenshot(page, "campaign-preview-ar")
    axe(page, "campaign-detail-preview-ar")

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the long unsubscribe link wraps
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 800})

    _click_and_wait(page, page.get_by_role("button", name="Send this preview to me@secretariat.example.org"))
    assert "A test was sent to me@secretariat.example.org." in page.locator("main").inner_text()
    test = Notice.objects.get(kind=Notice.Kind.CAMPAIGN)
    assert (test.to, test.language) == ("me@secretariat.example.org", "ar")
    assert test.key.startswith(f"campaign-test:{campaign.pk}:")
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT  # a test sends nothing to the audience
    screenshot(page, "campaign-test-sent")

    _click_and_wait(page, page.get_by_role("link", name="Promotion kit"))
    card = page.locator('section[lang="ar"] img')
    card.scroll_into_view_if_needed()  # the cards load lazily
    card.evaluate("image => image.complete ? null : new Promise(done => image.addEventListener('load', done))")
    assert card.evaluate("image => image.naturalWidth") == 1200
    screenshot(page, "campaign-promotion-kit")
