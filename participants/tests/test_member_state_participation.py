"""Participation counted per member state and per regional group (participants.selectors)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from participants.models import Registration
from participants.selectors import participation_by_member_state
from participants.tests.factories import RegistrationFactory
from webinars.tests.factories import HeldWebinarFactory, MemberStateFactory, RegionalGroupFactory, RegionFactory

pytestmark = pytest.mark.django_db


def register(webinar, country, *, attended=False, state=Registration.State.REGISTERED):
    return RegistrationFactory(webinar=webinar, country=country, has_attended=attended, state=state)


@pytest.fixture
def states():
    africa = RegionFactory(code="africa", name="Africa")
    lac = RegionFactory(code="lac", name="Latin America")
    african = RegionalGroupFactory(code="african", name="African Group", order=1, regions=[africa])
    grulac = RegionalGroupFactory(code="grulac", name="GRULAC", order=2, regions=[lac])
    RegionalGroupFactory(code="china", name="China", order=3, regions=[])
    kenya = MemberStateFactory(code="KE", name_en="Kenya", name_fr="Kenya", region=africa, group=african)
    senegal = MemberStateFactory(code="SN", name_en="Senegal", name_fr="Sénégal", region=africa, group=african)
    brazil = MemberStateFactory(code="BR", name_en="Brazil", name_fr="Brésil", region=lac, group=grulac)
    palestine = MemberStateFactory(code="PS", name_en="Palestine", region=None, group=None, is_active=False)
    return {"kenya": kenya, "senegal": senegal, "brazil": brazil, "palestine": palestine}


def test_a_states_participants_are_counted_in_its_row_and_its_group(states):
    webinar = HeldWebinarFactory()
    register(webinar, "KE", attended=True)
    register(webinar, "KE")
    register(webinar, "SN", attended=True)
    register(webinar, "BR", state=Registration.State.CANCELLED)  # cancelled: not registered
    participation = participation_by_member_state(webinar_ids=[webinar.pk])
    rows = {
        row.code: (row.name, row.group_name, row.region_name, row.registered, row.attended)
        for row in participation.rows
    }
    assert rows == {
        "KE": ("Kenya", "African Group", "Africa", 2, 1),
        "SN": ("Senegal", "African Group", "Africa", 1, 1),
    }
    groups = {group.name: (group.registered, group.attended, group.state_count) for group in participation.groups}
    assert groups == {"African Group": (3, 2, 2), "GRULAC": (0, 0, 0), "China": (0, 0, 0)}


def test_a_country_no_member_state_knows_is_counted_under_unknown_not_dropped(states):
    webinar = HeldWebinarFactory()
    register(webinar, "KE", attended=True)
    register(webinar, "XK", attended=True)
    register(webinar, "PS")  # a row without a group: counted outside the groups
    participation = participation_by_member_state(webinar_ids=[webinar.pk])
    unknown = [row for row in participation.rows if row.code == ""]
    assert [(row.name, row.registered, row.attended) for row in unknown] == [("Other or unknown country", 1, 1)]
    assert (participation.registered, participation.attended) == (3, 2)
    outside = participation.groups[-1]
    assert (outside.group_id, outside.registered, outside.attended, outside.state_count) == (None, 2, 1, 1)


def test_only_the_webinars_asked_about_are_counted(states):
    webinar, other = HeldWebinarFactory(), HeldWebinarFactory()
    register(webinar, "BR", attended=True)
    register(other, "BR", attended=True)
    participation = participation_by_member_state(webinar_ids=[webinar.pk])
    assert [(row.code, row.registered, row.attended) for row in participation.rows] == [("BR", 1, 1)]


def test_names_follow_the_active_language(states):
    webinar = HeldWebinarFactory()
    register(webinar, "BR")
    with translation.override("fr"):
        participation = participation_by_member_state(webinar_ids=[webinar.pk])
    assert participation.rows[0].name == "Brésil"


@pytest.mark.parametrize("countries", [1, 20])
def test_the_number_of_queries_does_not_grow_with_the_countries(states, countries):
    webinar = HeldWebinarFactory()
    for n in range(countries):
        code = "Q" + chr(ord("A") + n)
        MemberStateFactory(code=code, region=states["kenya"].region, group=states["kenya"].group)
        register(webinar, code, attended=True)
    with CaptureQueriesContext(connection) as queries:
        participation = participation_by_member_state(webinar_ids=[webinar.pk])
    assert len(participation.rows) == countries
    assert len(queries) == 3
