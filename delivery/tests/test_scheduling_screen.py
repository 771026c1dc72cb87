"""The scheduling screen (/<lang>/secretariat/webinars/<slug>/schedule/), through the client."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tests.factories import SecretariatFactory
from delivery.models import ExpertInvitation
from delivery.tests.factories import ExpertInvitationFactory
from outbox.models import Notice
from webinars.models import Closure, Webinar
from webinars.tests.factories import (
    ClosureFactory,
    ExpertFactory,
    HeldWebinarFactory,
    OpenWebinarFactory,
    RegionFactory,
    ToBeScheduledWebinarFactory,
)

pytestmark = pytest.mark.django_db

AFRICA = [{"city": "Nairobi", "time_zone": "Africa/Nairobi"}, {"city": "Dakar", "time_zone": "Africa/Dakar"}]


@pytest.fixture
def webinar():
    africa = RegionFactory(code="africa", name="Africa", capitals=AFRICA)
    return ToBeScheduledWebinarFactory(title="Patent pools", regions=[africa], planned_period="2031-03")


@pytest.fixture
def officer(client):
    user = SecretariatFactory(roles=["Programme officer"], language="en")
    client.force_login(user)
    return user


@pytest.fixture
def manager(client):
    user = SecretariatFactory(roles=["Programme manager"], language="en")
    client.force_login(user)
    return user


def screen(webinar, language: str = "en", **query) -> str:
    with translation.override(language):
        url = reverse("delivery:webinar_schedule", args=[webinar.slug])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_screen_shows_the_period_the_capitals_and_the_experts_who_accepted(client, officer, webinar):
    expert = ExpertFactory(name="Amina Diallo")
    ExpertInvitationFactory(
        webinar=webinar,
        expert=expert,
        state=ExpertInvitation.State.ACCEPTED,
        available_from=date(2031, 3, 10),
        available_until=date(2031, 3, 21),
        availability_note="Mornings only.",
    )
    webinar.experts.add(expert)

    page = text(client.get(screen(webinar)))

    assert "Schedule “Patent pools”" in page
    assert "March 2031" in page
    assert "Nairobi (Africa/Nairobi)" in page and "Dakar (Africa/Dakar)" in page
    assert "Amina Diallo: available from March 10, 2031 to March 21, 2031 “Mornings only.”" in page


def test_the_screen_proposes_working_days_of_the_planned_month_on_each_capitals_clock(client, officer, webinar):
    ClosureFactory(title="Official holiday", starts_on=date(2031, 3, 4), ends_on=date(2031, 3, 4))

    response = client.get(screen(webinar))
    slots = re.findall(r'data-slot="([^"]+)"', response.content.decode())

    assert response.status_code == 200
    assert len(slots) == 20 and "2031-03-04T11:30" not in slots  # 21 working days, one closed
    assert slots[0] == "2031-03-03T11:30"
    assert "Nairobi: 13:30–15:00" in text(response) and "Dakar: 10:30–12:00" in text(response)
    assert "Closed on March 4, 2031: Official holiday" in text(response)


def test_picking_a_slot_fills_the_form_and_says_the_date_fits(client, officer, webinar):
    response = client.get(screen(webinar, month="2031-03", date="2031-03-05", time="11:30", time_zone="Europe/Zurich"))

    page = text(response)
    assert "No conflict: this date fits every rule." in page
    assert 'value="2031-03-05"' in response.content.decode()
    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.TO_BE_SCHEDULED  # a GET changes nothing


def test_scheduling_on_a_proposed_slot_schedules_the_webinar(client, officer, webinar):
    response = client.post(
        screen(webinar),
        {"date": "2031-03-05", "time": "11:30", "time_zone": "Europe/Zurich", "action": "schedule"},
        follow=True,
    )

    saved = Webinar.objects.get(pk=webinar.pk)
    assert (saved.status, saved.starts_at) == (Webinar.Status.SCHEDULED, datetime(2031, 3, 5, 10, 30, tzinfo=UTC))
    assert "“Patent pools” is scheduled on 2031-03-05 11:30 (Geneva time)." in text(response)


def test_checking_a_date_changes_nothing(client, officer, webinar):
    client.post(
        screen(webinar), {"date": "2031-03-05", "time": "11:30", "time_zone": "Europe/Zurich", "action": "check"}
    )

    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.TO_BE_SCHEDULED


def test_a_date_on_a_closure_day_is_refused_and_each_conflict_named(client, officer, webinar):
    ClosureFactory(title="Committee session", kind=Closure.Kind.COMMITTEE_SESSION, starts_on=date(2031, 3, 4))

    response = client.post(
        screen(webinar), {"date": "2031-03-04", "time": "16:00", "time_zone": "Europe/Zurich", "action": "schedule"}
    )

    page = text(response)
    assert response.status_code == 400
    assert "This date has 2 conflicts:" in page
    assert "Tuesday March 4, 2031 is closed: Committee session (committee session)." in page
    assert "In Nairobi it would be Tuesday, 18:00 to 19:30 local time" in page
    assert "Schedule a webinar on a date with conflicts, giving the reason" in page  # who may keep it
    assert 'name="despite_conflicts"' not in response.content.decode()  # not this officer
    assert Webinar.objects.get(pk=webinar.pk).status == Webinar.Status.TO_BE_SCHEDULED


def test_the_programme_manager_keeps_a_closure_day_with_a_reason_shown_afterwards(client, manager, webinar):
    ClosureFactory(title="Committee session", kind=Closure.Kind.COMMITTEE_SESSION, starts_on=date(2031, 3, 4))
    data = {"date": "2031-03-04", "time": "11:30", "time_zone": "Europe/Zurich", "action": "schedule"}

    refused = client.post(screen(webinar), data)
    kept = client.post(screen(webinar), {**data, "despite_conflicts": "The chair asked for this day."}, follow=True)

    assert 'name="despite_conflicts"' in refused.content.decode()
    saved = Webinar.objects.get(pk=webinar.pk)
    assert saved.status == Webinar.Status.SCHEDULED and saved.date_conflicts_reason == "The chair asked for this day."
    assert "Reason: “The chair asked for this day.”" in text(kept)


def test_a_time_zone_that_does_not_exist_is_refused_on_the_form(client, officer, webinar):
    response = client.post(
        screen(webinar), {"date": "2031-03-05", "time": "11:30", "time_zone": "Mars/Olympus", "action": "schedule"}
    )

    assert response.status_code == 400
    assert "The time zone “Mars/Olympus” does not exist" in text(response)
    assert Webinar.objects.get(pk=webinar.pk).starts_at is None


def test_a_time_typed_on_a_capitals_clock_is_shown_on_every_clock(client, officer, webinar):
    response = client.get(screen(webinar, date="2031-03-05", time="13:30", time_zone="Africa/Nairobi"))

    page = text(response)
    assert "Nairobi (Africa) 13:30–15:00 Yes" in page and "Dakar (Africa) 10:30–12:00 Yes" in page


def test_a_scheduled_webinar_is_moved_and_its_registrants_told(client, officer):
    webinar = OpenWebinarFactory(starts_at=datetime(2031, 3, 5, 10, 30, tzinfo=UTC))
    from participants.tests.factories import RegistrationFactory

    RegistrationFactory(webinar=webinar, email="en@example.org")

    client.post(
        screen(webinar), {"date": "2031-03-06", "time": "14:00", "time_zone": "Europe/Zurich", "action": "schedule"}
    )

    assert Webinar.objects.get(pk=webinar.pk).starts_at == datetime(2031, 3, 6, 13, 0, tzinfo=UTC)
    assert Notice.objects.filter(kind=Notice.Kind.WEBINAR_MOVED, to="en@example.org").count() == 1


def test_moving_a_webinar_does_not_propose_its_own_day(client, officer):
    africa = RegionFactory(code="africa", name="Africa", capitals=AFRICA)
    webinar = OpenWebinarFactory(starts_at=datetime(2031, 3, 5, 10, 30, tzinfo=UTC), regions=[africa])

    slots = client.get(screen(webinar, month="2031-03")).context["slots"]

    days = {slot.starts_at.date() for slot in slots}
    assert date(2031, 3, 5) not in days and date(2031, 3, 6) in days


def test_a_held_webinar_offers_no_date_and_says_why(client, officer):
    webinar = HeldWebinarFactory()

    response = client.get(screen(webinar))

    assert response.status_code == 200
    assert "schedule-refusal" in response.content.decode() and 'name="date"' not in response.content.decode()


def test_a_webinar_that_has_started_says_so_and_points_to_its_status(client, officer):
    webinar = OpenWebinarFactory(starts_at=timezone.now() - timedelta(minutes=20))

    response = client.get(screen(webinar))

    assert "The webinar has started: mark it as held" in text(response)
    assert "from “Scheduled” to “Scheduled”" not in text(response)
    assert 'name="date"' not in response.content.decode()
    assert reverse("admin:webinars_webinar_change", args=[webinar.pk]) in response.content.decode()


def test_the_screen_is_in_arabic_right_to_left(client, webinar):
    client.force_login(SecretariatFactory(roles=["Programme officer"], language="ar"))

    response = client.get(screen(webinar, "ar"))

    html = response.content.decode()
    with translation.override("ar"):
        heading = gettext("What the date must fit")
        date_label = gettext("Date and time")
    assert response.status_code == 200
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert heading in html and date_label in html
    assert "مارس" in html  # the planned month, named in Arabic


def test_the_admin_page_and_the_dashboard_lead_to_the_screen(client, officer, webinar):
    admin_page = client.get(reverse("admin:webinars_webinar_change", args=[webinar.pk])).content.decode()
    dashboard = client.get(reverse("reporting:dashboard")).content.decode()

    assert screen(webinar) in admin_page
    assert screen(webinar) in dashboard and "Waiting for a date" in dashboard


def _queries(client, webinar) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(screen(webinar, month="2031-03"))
    assert response.status_code == 200
    return len(captured)


def test_the_screen_costs_the_same_queries_for_one_or_twelve_of_everything(client, officer, webinar):
    def add(count: int) -> None:
        for n in range(count):
            ClosureFactory(starts_on=date(2031, 3, 3 + n), ends_on=date(2031, 3, 3 + n))
            OpenWebinarFactory(starts_at=datetime(2031, 3, 3 + n, 9, 0, tzinfo=UTC))
            expert = ExpertFactory()
            ExpertInvitationFactory(webinar=webinar, expert=expert, state="accepted", available_from=date(2031, 3, 1))
            webinar.experts.add(expert)
            webinar.regions.add(RegionFactory(capitals=AFRICA))

    add(1)
    few = _queries(client, webinar)
    add(11)
    many = _queries(client, webinar)

    assert few == many


# The expert's availability, from the invitation's page ------------------------------------


def _answer_path(invitation) -> str:
    from delivery.services.experts import make_invitation_token

    return reverse("delivery:expert_answer", kwargs={"token": make_invitation_token(invitation)})


def test_an_expert_accepts_from_the_link_with_the_days_they_are_available(client, webinar):
    invitation = ExpertInvitationFactory(webinar=webinar)
    page = client.get(_answer_path(invitation)).content.decode()

    client.post(
        _answer_path(invitation),
        {
            "answer": "accept",
            "availability-available_from": "2031-03-10",
            "availability-available_until": "2031-03-21",
            "availability-availability_note": "Mornings only.",
        },
    )

    saved = ExpertInvitation.objects.get(pk=invitation.pk)
    assert "Date to be announced: March 2031" in page and 'name="availability-available_from"' in page
    assert (saved.state, saved.available_from, saved.available_until, saved.availability_note) == (
        ExpertInvitation.State.ACCEPTED,
        date(2031, 3, 10),
        date(2031, 3, 21),
        "Mornings only.",
    )


def test_an_availability_that_ends_before_it_starts_is_refused_on_the_page(client, webinar):
    invitation = ExpertInvitationFactory(webinar=webinar)

    response = client.post(
        _answer_path(invitation),
        {"answer": "accept", "availability-available_from": "2031-03-21", "availability-available_until": "2031-03-10"},
    )

    assert response.status_code == 200 and "on or after the first" in response.content.decode()
    assert ExpertInvitation.objects.get(pk=invitation.pk).state == ExpertInvitation.State.INVITED
