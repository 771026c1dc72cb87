"""The rules of a good date (delivery.selectors.dates): each conflict named, and the slots proposed."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from delivery.models import ExpertInvitation
from delivery.selectors.dates import (
    CLOSURE,
    EXPERT_AVAILABILITY,
    OFFICE_HOURS,
    PAST,
    SAME_DAY,
    WEEKEND,
    DateRules,
    WorkingWeek,
    date_conflicts,
    working_days_text,
)
from delivery.tests.factories import ExpertInvitationFactory
from webinars.models import Closure, Region, Webinar
from webinars.tests.factories import ClosureFactory, ExpertFactory, RegionFactory, ToBeScheduledWebinarFactory
from webinars.time_zones import FRIDAY, SATURDAY, SUNDAY, THURSDAY

pytestmark = pytest.mark.django_db

NOW = datetime(2031, 2, 1, 9, 0, tzinfo=UTC)
# Tuesday 4 March 2031, 12:00 UTC: 13:00 in Geneva, 15:00 in Nairobi, 12:00 in Dakar.
GOOD = datetime(2031, 3, 4, 12, 0, tzinfo=UTC)
AFRICA = [{"city": "Nairobi", "time_zone": "Africa/Nairobi"}, {"city": "Dakar", "time_zone": "Africa/Dakar"}]


@pytest.fixture
def webinar():
    return ToBeScheduledWebinarFactory(regions=[RegionFactory(code="africa", capitals=AFRICA)])


def codes(conflicts) -> list[str]:
    return [conflict.code for conflict in conflicts]


def test_a_working_day_within_every_capitals_office_hours_has_no_conflict(webinar):
    assert date_conflicts(webinar, GOOD, now=NOW) == []


def test_a_saturday_is_named_as_a_weekend(webinar):
    saturday = datetime(2031, 3, 8, 11, 0, tzinfo=UTC)

    conflicts = date_conflicts(webinar, saturday, now=NOW)

    assert WEEKEND in codes(conflicts)
    assert "Saturday March 8, 2031 falls on a weekend." in [c.message for c in conflicts]


def test_a_closure_day_is_named_with_its_title_and_kind(webinar):
    ClosureFactory(
        title="Committee on Development, 33rd session",
        kind=Closure.Kind.COMMITTEE_SESSION,
        starts_on=date(2031, 3, 3),
        ends_on=date(2031, 3, 7),
    )

    conflicts = date_conflicts(webinar, GOOD, now=NOW)

    assert codes(conflicts) == [CLOSURE]
    assert conflicts[0].message == (
        "Tuesday March 4, 2031 is closed: Committee on Development, 33rd session (committee session)."
    )


def test_another_webinar_the_same_day_is_named_with_its_title_and_time(webinar):
    ToBeScheduledWebinarFactory(
        title="Patent pools", status=Webinar.Status.SCHEDULED, starts_at=datetime(2031, 3, 4, 8, 0, tzinfo=UTC)
    )

    conflicts = date_conflicts(webinar, GOOD, now=NOW)

    assert codes(conflicts) == [SAME_DAY]
    assert "“Patent pools” at 09:00 (Geneva time)" in conflicts[0].message


def test_a_cancelled_or_postponed_webinar_the_same_day_is_no_conflict(webinar):
    ToBeScheduledWebinarFactory(status=Webinar.Status.CANCELLED, starts_at=GOOD)

    assert date_conflicts(webinar, GOOD, now=NOW) == []


def test_a_time_outside_office_hours_names_each_capital_with_its_local_time(webinar):
    evening = datetime(2031, 3, 4, 15, 0, tzinfo=UTC)  # 18:00 in Nairobi, 15:00 in Dakar

    conflicts = date_conflicts(webinar, evening, now=NOW)

    assert codes(conflicts) == [OFFICE_HOURS]
    assert conflicts[0].message == (
        "In Nairobi it would be Tuesday, 18:00 to 19:30 local time: outside office hours "
        "(09:00 to 17:00 on working days)."
    )


def test_a_friday_evening_in_geneva_is_saturday_morning_far_east_and_named(webinar):
    webinar.regions.add(RegionFactory(capitals=[{"city": "Canberra", "time_zone": "Australia/Sydney"}]))
    friday_late = datetime(2031, 3, 7, 22, 0, tzinfo=UTC)

    messages = [c.message for c in date_conflicts(webinar, friday_late, now=NOW)]

    assert any(message.startswith("In Canberra it would be Saturday, 09:00") for message in messages)


def test_a_date_in_the_past_is_named(webinar):
    conflicts = date_conflicts(webinar, datetime(2031, 1, 28, 12, 0, tzinfo=UTC), now=NOW)

    assert codes(conflicts) == [PAST]


def test_a_day_outside_the_accepted_experts_availability_is_named(webinar):
    expert = ExpertFactory(name="Amina Diallo")
    ExpertInvitationFactory(
        webinar=webinar,
        expert=expert,
        state=ExpertInvitation.State.ACCEPTED,
        available_from=date(2031, 3, 10),
        available_until=date(2031, 3, 21),
    )

    conflicts = date_conflicts(webinar, GOOD, now=NOW)

    assert codes(conflicts) == [EXPERT_AVAILABILITY]
    assert conflicts[0].message == "Amina Diallo accepted to give it between March 10, 2031 and March 21, 2031."


def test_the_availability_of_an_expert_still_invited_is_not_a_rule_yet(webinar):
    ExpertInvitationFactory(webinar=webinar, available_from=date(2031, 3, 10))

    assert date_conflicts(webinar, GOOD, now=NOW) == []


def test_without_any_capital_the_webinar_keeps_to_genevas_office_hours():
    webinar = ToBeScheduledWebinarFactory()  # a region without capitals
    early = datetime(2031, 3, 4, 6, 0, tzinfo=UTC)  # 07:00 in Geneva

    conflicts = date_conflicts(webinar, early, now=NOW)

    assert codes(conflicts) == [OFFICE_HOURS] and "In Geneva" in conflicts[0].message


def test_office_hours_follow_the_setting(webinar, settings):
    settings.PORTAL_OFFICE_HOURS = "14:00-20:00"

    assert codes(date_conflicts(webinar, GOOD, now=NOW)) == [OFFICE_HOURS]  # 13:00 in Dakar


def test_conflicts_are_named_in_the_active_language(webinar):
    saturday = datetime(2031, 3, 8, 11, 0, tzinfo=UTC)

    with translation.override("fr"):
        messages = [c.message for c in date_conflicts(webinar, saturday, now=NOW)]

    assert any("samedi" in message for message in messages)


# Each capital's working week ---------------------------------------------------------------

ARAB = [{"city": "Cairo", "time_zone": "Africa/Cairo"}, {"city": "Riyadh", "time_zone": "Asia/Riyadh"}]
BEFORE_JULY_2027 = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)


def geneva(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Geneva wall-clock time, as the screen proposes and checks it."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


@pytest.fixture
def arab_webinar():
    return ToBeScheduledWebinarFactory(regions=[RegionFactory(code="arab", capitals=ARAB)])


def test_a_friday_is_a_weekend_in_riyadh_and_cairo_named_with_the_capitals(arab_webinar):
    friday = geneva(2027, 7, 2, 12, 30)  # 13:30 in Cairo and in Riyadh
    assert friday.isoweekday() == FRIDAY

    conflicts = date_conflicts(arab_webinar, friday, now=BEFORE_JULY_2027)

    assert codes(conflicts) == [WEEKEND, OFFICE_HOURS, OFFICE_HOURS]
    assert conflicts[0].message == "Friday is not a working day in Cairo and Riyadh."


def test_a_sunday_is_a_working_day_in_riyadh_and_cairo_only_genevas_weekend_is_named(arab_webinar):
    sunday = geneva(2027, 7, 4, 12, 30)
    rules = DateRules.load(arab_webinar, first_day=date(2027, 7, 4), last_day=date(2027, 7, 4), now=BEFORE_JULY_2027)

    conflicts = rules.conflicts(sunday)

    assert [conflict.message for conflict in conflicts] == ["Sunday July 4, 2027 falls on a weekend."]
    assert all(local.is_in_office_hours and local.is_working_day for local in rules.local_times(sunday))


def test_no_slot_is_proposed_on_a_friday_for_riyadh_and_cairo(arab_webinar):
    rules = DateRules.load(arab_webinar, first_day=date(2027, 6, 28), last_day=date(2027, 7, 4), now=BEFORE_JULY_2027)

    slots = rules.slots(date(2027, 6, 28), date(2027, 7, 4))

    assert [slot.day for slot in slots] == [date(2027, 6, 28), date(2027, 6, 29), date(2027, 6, 30), date(2027, 7, 1)]
    assert all(rules.conflicts(slot.starts_at) == [] for slot in slots)


def test_a_capitals_weekend_is_read_on_its_own_day_saturday_morning_far_east(webinar):
    webinar.regions.add(RegionFactory(capitals=[{"city": "Canberra", "time_zone": "Australia/Sydney"}]))
    friday_evening = datetime(2031, 3, 7, 20, 0, tzinfo=UTC)  # still Friday in Nairobi, Saturday 07:00 in Canberra

    messages = [c.message for c in date_conflicts(webinar, friday_evening, now=NOW) if c.code == WEEKEND]

    assert messages == ["Saturday is not a working day in Canberra."]


def test_without_any_capital_genevas_weekend_is_named_once():
    webinar = ToBeScheduledWebinarFactory()  # a region without capitals
    saturday = datetime(2031, 3, 8, 11, 0, tzinfo=UTC)

    conflicts = date_conflicts(webinar, saturday, now=NOW)

    assert codes(conflicts) == [WEEKEND, OFFICE_HOURS]


@pytest.mark.parametrize("weekend", [["Thursday", "Friday"], [4, 5], ["thu", "FRI"]])
def test_a_capitals_own_weekend_comes_before_its_time_zones(weekend):
    tehran = {"city": "Tehran", "time_zone": "Asia/Tehran", "weekend": weekend}
    webinar = ToBeScheduledWebinarFactory(regions=[RegionFactory(capitals=[tehran])])
    thursday = datetime(2031, 3, 6, 6, 0, tzinfo=UTC)  # 09:30 to 11:00 in Tehran

    conflicts = date_conflicts(webinar, thursday, now=NOW)

    assert codes(conflicts) == [WEEKEND, OFFICE_HOURS]
    assert conflicts[0].message == "Thursday is not a working day in Tehran."


def test_without_its_own_weekend_a_capital_keeps_its_time_zones():
    webinar = ToBeScheduledWebinarFactory(
        regions=[RegionFactory(capitals=[{"city": "Tehran", "time_zone": "Asia/Tehran"}])]
    )
    thursday = datetime(2031, 3, 6, 6, 0, tzinfo=UTC)  # Iran's weekend is Friday

    assert date_conflicts(webinar, thursday, now=NOW) == []


def test_each_capital_has_its_weekend_from_its_own_or_its_time_zone():
    region = Region(
        code="mixed",
        name="Mixed",
        capitals=[
            {"city": "Riyadh", "time_zone": "Asia/Riyadh"},
            {"city": "Nairobi", "time_zone": "Africa/Nairobi"},
            {"city": "Kathmandu", "time_zone": "Asia/Kathmandu"},
            {"city": "Abu Dhabi", "time_zone": "Asia/Riyadh", "weekend": ["Saturday", 7]},
        ],
    )

    region.full_clean()

    assert [weekend for _city, _zone, weekend in region.capital_weeks()] == [
        {FRIDAY, SATURDAY},
        {SATURDAY, SUNDAY},
        {SATURDAY},
        {SATURDAY, SUNDAY},
    ]


@pytest.mark.parametrize(
    ("weekend", "message"),
    [
        (["Friday", "Caturday"], "“Caturday” in the weekend of Riyadh is not a day: give English day names"),
        ([5, 8], "“8” in the weekend of Riyadh is not a day"),
        ([True], "“True” in the weekend of Riyadh is not a day"),
        ("Friday", "Give the weekend of Riyadh as a list of days"),
        ([1, 2, 3, 4, 5, 6, 7], "The weekend of Riyadh is the whole week"),
    ],
)
def test_a_weekend_that_is_not_a_list_of_days_is_refused_saying_what_to_give(weekend, message):
    region = Region(
        code="arab",
        name="Arab region",
        capitals=[{"city": "Riyadh", "time_zone": "Asia/Riyadh", "weekend": weekend}],
    )

    with pytest.raises(ValidationError, match=message):
        region.full_clean()


def test_the_working_weeks_name_their_capitals_geneva_among_monday_to_friday():
    rabat = {"city": "Rabat", "time_zone": "Africa/Casablanca"}
    webinar = ToBeScheduledWebinarFactory(regions=[RegionFactory(capitals=[rabat, *ARAB])])
    rules = DateRules.load(webinar, first_day=date(2031, 3, 1), last_day=date(2031, 3, 31), now=NOW)

    assert rules.working_weeks() == [
        WorkingWeek(cities="Rabat and Geneva", days="Monday to Friday"),
        WorkingWeek(cities="Cairo and Riyadh", days="Sunday to Thursday"),
    ]


def test_no_working_week_is_said_when_every_capital_works_monday_to_friday(webinar):
    rules = DateRules.load(webinar, first_day=date(2031, 3, 1), last_day=date(2031, 3, 31), now=NOW)

    assert rules.working_weeks() == []


@pytest.mark.parametrize(
    ("weekend", "text"),
    [
        ({SATURDAY, SUNDAY}, "Monday to Friday"),
        ({FRIDAY, SATURDAY}, "Sunday to Thursday"),
        ({FRIDAY}, "Saturday to Thursday"),
        ({THURSDAY, FRIDAY}, "Saturday to Wednesday"),
        ({SATURDAY}, "Sunday to Friday"),
        ({FRIDAY, SUNDAY}, "Monday, Tuesday, Wednesday, Thursday and Saturday"),
        (set(), "every day"),
    ],
)
def test_working_days_are_said_from_the_day_after_the_weekend(weekend, text):
    assert working_days_text(frozenset(weekend)) == text


# Proposed slots --------------------------------------------------------------------------


def test_slots_are_working_days_at_a_time_within_every_capitals_office_hours(webinar):
    rules = DateRules.load(webinar, first_day=date(2031, 3, 1), last_day=date(2031, 3, 31), now=NOW)

    slots = rules.slots(date(2031, 3, 1), date(2031, 3, 31))

    assert len(slots) == 21  # March 2031 has 21 working days
    assert all(slot.day.weekday() < 5 for slot in slots)
    assert all(local.is_in_office_hours for slot in slots for local in slot.local_times)
    assert all(rules.conflicts(slot.starts_at) == [] for slot in slots)
    assert [local.capital.city for local in slots[0].local_times] == ["Nairobi", "Dakar"]


def test_slots_leave_out_closures_days_with_another_webinar_and_days_outside_the_experts_availability(webinar):
    ClosureFactory(starts_on=date(2031, 3, 3), ends_on=date(2031, 3, 7))
    ToBeScheduledWebinarFactory(status=Webinar.Status.SCHEDULED, starts_at=datetime(2031, 3, 10, 9, 0, tzinfo=UTC))
    ExpertInvitationFactory(webinar=webinar, state=ExpertInvitation.State.ACCEPTED, available_until=date(2031, 3, 14))
    rules = DateRules.load(webinar, first_day=date(2031, 3, 1), last_day=date(2031, 3, 31), now=NOW)

    days = [slot.day.day for slot in rules.slots(date(2031, 3, 1), date(2031, 3, 31))]

    assert days == [11, 12, 13, 14]


def test_no_slot_when_the_capitals_share_no_office_hours(webinar):
    webinar.regions.add(RegionFactory(capitals=[{"city": "Canberra", "time_zone": "Australia/Sydney"}]))
    rules = DateRules.load(webinar, first_day=date(2031, 3, 1), last_day=date(2031, 3, 31), now=NOW)

    assert rules.slots(date(2031, 3, 1), date(2031, 3, 31)) == []


def test_a_slot_is_in_the_middle_of_the_start_times_that_fit(webinar):
    rules = DateRules.load(webinar, first_day=date(2031, 3, 4), last_day=date(2031, 3, 4), now=NOW)

    [slot] = rules.slots(date(2031, 3, 4), date(2031, 3, 4))

    # Nairobi closes at 17:00 (14:00 UTC), Dakar opens at 09:00 (09:00 UTC): 90 minutes fit from
    # 09:00 to 12:30 UTC, that is 10:00 to 13:30 in Geneva.
    earliest, latest = slot.earliest.astimezone(UTC), slot.latest.astimezone(UTC)
    assert (earliest.hour, latest.hour, latest.minute) == (9, 12, 30)
    assert slot.starts_at == datetime(2031, 3, 4, 10, 30, tzinfo=UTC)


def _queries_to_read_the_rules(webinar) -> int:
    with CaptureQueriesContext(connection) as captured:
        rules = DateRules.load(webinar, first_day=date(2031, 3, 1), last_day=date(2031, 3, 31), now=NOW)
        rules.slots(date(2031, 3, 1), date(2031, 3, 31))
    return len(captured)


def test_reading_the_rules_of_a_month_costs_the_same_queries_for_one_or_twelve_of_everything(webinar):
    def add(count: int) -> None:
        for n in range(count):
            ClosureFactory(starts_on=date(2031, 3, 1 + n), ends_on=date(2031, 3, 1 + n))
            ToBeScheduledWebinarFactory(
                status=Webinar.Status.SCHEDULED, starts_at=datetime(2031, 3, 2 + n, 9, 0, tzinfo=UTC)
            )
            ExpertInvitationFactory(webinar=webinar, state="accepted", available_from=date(2031, 3, 1))
            webinar.regions.add(RegionFactory(capitals=AFRICA))

    add(1)
    few = _queries_to_read_the_rules(webinar)
    add(11)
    many = _queries_to_read_the_rules(webinar)

    assert few == many == 4
