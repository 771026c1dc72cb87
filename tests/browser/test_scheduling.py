"""The scheduling screen in a real browser, in English and in Arabic (right to left): a webinar
published "to be scheduled" in a month shows its capitals' clocks and proposed slots; the
programme officer picks a slot, the screen says it fits, and scheduling it gives the webinar its
date, which the public page then shows. The screen passes axe."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.tests.factories import SecretariatFactory
from tests.browser.conftest import PASSWORD
from webinars.models import Closure, Webinar
from webinars.tests.factories import (
    ClosureFactory,
    ExpertFactory,
    LanguageFactory,
    RegionFactory,
    ToBeScheduledWebinarFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AFRICA = [{"city": "Dakar", "time_zone": "Africa/Dakar"}, {"city": "Nairobi", "time_zone": "Africa/Nairobi"}]
ARAB = [{"city": "Cairo", "time_zone": "Africa/Cairo"}, {"city": "Riyadh", "time_zone": "Asia/Riyadh"}]


@pytest.fixture
def webinar():
    """A webinar to be scheduled in March next year, for Africa and the Arab region, whose expert
    accepted; the committee's session closes the first days of the month."""
    year = timezone.localdate().year + 1
    webinar = ToBeScheduledWebinarFactory(
        slug="patent-pools",
        title="Patent pools for small firms",
        planned_period=f"{year}-03",
        regions=[
            RegionFactory(code="africa", name="Africa", capitals=AFRICA),
            RegionFactory(code="arab", name="Arab region", capitals=ARAB),
        ],
        languages=[LanguageFactory(code="en", name="English"), LanguageFactory(code="ar", name="Arabic")],
    )
    webinar.experts.add(ExpertFactory(name="Amina Diallo"))
    ClosureFactory(
        title="Committee session",
        kind=Closure.Kind.COMMITTEE_SESSION,
        starts_on=date(year, 3, 1),
        ends_on=date(year, 3, 5),
    )
    return webinar


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_officer_picks_a_proposed_slot_and_schedules_the_webinar(
    live_server, page, log_in, screenshot, axe, webinar, language
):
    SecretariatFactory(username="officer", password=PASSWORD, language=language, roles=["Programme officer"])
    log_in(page, "officer", language=language)

    page.goto(f"{live_server.url}/{language}/secretariat/webinars/{webinar.slug}/schedule/")

    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert "Nairobi" in page.locator(".target-regions").inner_text()
    rows = page.locator("table.slots tbody tr")
    assert rows.count() > 10
    first_slot = rows.first.get_attribute("data-slot")
    assert date.fromisoformat(first_slot[:10]) > date(int(first_slot[:4]), 3, 5)  # the session's days are left out
    assert "Riyadh" in rows.first.inner_text()
    screenshot(page, f"scheduling-screen-{language}")
    axe(page, f"scheduling-screen-{language}")

    with page.expect_navigation():
        rows.first.locator("a.choose-slot").click()
    assert page.locator(".date-fits").is_visible()
    assert page.locator("#date-alert-date, input[name=date]").first.input_value() == first_slot[:10]
    axe(page, f"scheduling-slot-chosen-{language}")

    with page.expect_navigation():
        page.locator("button.schedule-button").click()

    saved = Webinar.objects.get(pk=webinar.pk)
    assert saved.status == Webinar.Status.SCHEDULED
    assert timezone.localtime(saved.starts_at).strftime("%Y-%m-%dT%H:%M") == first_slot
    assert page.locator(".alert-success").first.is_visible()
    screenshot(page, f"scheduling-scheduled-{language}")

    page.goto(f"{live_server.url}/{language}/webinars/{webinar.slug}/")
    assert page.locator(".register-button").is_visible()  # the date is set and the expert is on it
    assert page.console_errors == []
