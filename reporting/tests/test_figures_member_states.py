"""The annual figures count registrations and attendance per regional group, from the member states."""

from datetime import UTC, datetime

import pytest

from participants.tests.factories import RegistrationFactory
from reporting.figures import Attendance, annual_figures
from webinars.tests.factories import HeldWebinarFactory, MemberStateFactory, RegionalGroupFactory

pytestmark = pytest.mark.django_db

YEAR = 2024


def test_a_states_participants_count_in_its_group_and_unknown_countries_apart():
    webinar = HeldWebinarFactory(starts_at=datetime(YEAR, 5, 10, 12, tzinfo=UTC))
    african = RegionalGroupFactory(code="african")
    MemberStateFactory(code="KE", group=african)
    MemberStateFactory(code="SN", group=african)
    RegistrationFactory(webinar=webinar, country="KE", has_attended=True)
    RegistrationFactory(webinar=webinar, country="SN")
    RegistrationFactory(webinar=webinar, country="XK", has_attended=True)  # no member state row

    figures = annual_figures(first_year=YEAR, last_year=YEAR)

    assert figures.registrations_by_group == {african.pk: Attendance(2, 1), None: Attendance(1, 1)}
    assert sorted(figures.member_state_names) == ["KE", "SN"]
