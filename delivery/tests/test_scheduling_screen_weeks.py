"""The scheduling screen follows each target capital's working week: Friday is the weekend in
Riyadh and Cairo, Sunday a working day there (delivery.selectors.dates)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import SecretariatFactory
from webinars.tests.factories import RegionFactory, ToBeScheduledWebinarFactory

pytestmark = pytest.mark.django_db

ARAB = [{"city": "Cairo", "time_zone": "Africa/Cairo"}, {"city": "Riyadh", "time_zone": "Asia/Riyadh"}]


@pytest.fixture
def webinar():
    arab = RegionFactory(code="arab", name="Arab region", capitals=ARAB)
    return ToBeScheduledWebinarFactory(title="Patent pools", regions=[arab], planned_period="2031-03")


@pytest.fixture
def officer(client):
    user = SecretariatFactory(roles=["Programme officer"], language="en")
    client.force_login(user)
    return user


def screen(webinar, **query) -> str:
    with translation.override("en"):
        url = reverse("delivery:webinar_schedule", args=[webinar.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def text(response) -> str:
    return (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
        .replace("\u2068", "")
        .replace("\u2069", "")
    )


def test_the_screen_says_the_working_week_of_capitals_that_do_not_work_monday_to_friday(client, officer, webinar):
    page = text(client.get(screen(webinar)))

    assert "Working days in Cairo and Riyadh: Sunday to Thursday" in page
    assert "Working days in Geneva: Monday to Friday" in page


def test_the_screen_proposes_no_friday_for_riyadh_and_cairo(client, officer, webinar):
    response = client.get(screen(webinar, month="2031-03"))
    slots = re.findall(r'data-slot="([^"]+)"', response.content.decode())

    assert slots and all(
        not slot.startswith(("2031-03-07", "2031-03-14", "2031-03-21", "2031-03-28")) for slot in slots
    )
    assert len(slots) == 17  # 21 days from Monday to Friday, less four Fridays


def test_a_friday_typed_is_named_a_weekend_in_riyadh_and_cairo(client, officer, webinar):
    response = client.get(screen(webinar, month="2031-03", date="2031-03-07", time="12:30", time_zone="Europe/Zurich"))
    page = text(response)

    assert 'data-conflict="weekend"' in response.content.decode()
    assert "Friday is not a working day in Cairo and Riyadh." in page
    assert "No: not a working day there" in page
    assert "No conflict" not in page
