"""Member states: ISO codes, the groups' composition loaded as data, names in six languages."""

import pytest
from babel import Locale
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import StaffFactory
from demo import data
from demo.management.commands.load_demo import DemoLoader
from demo.member_states import GROUP_COUNTRIES, REGION_COUNTRIES, member_state_rows
from webinars.models import MemberState
from webinars.tests.factories import MemberStateFactory

pytestmark = pytest.mark.django_db

SIX_LANGUAGES = ("en", "fr", "es", "ar", "zh-hans", "ru")


@pytest.mark.parametrize("code", ["K1", "1A", "K-"])
def test_a_code_that_is_not_two_letters_is_refused_with_a_message(code):
    state = MemberStateFactory.build(code=code, region=None, group=None)
    with pytest.raises(ValidationError) as caught:
        state.full_clean()
    assert "two-letter ISO 3166-1 code" in caught.value.message_dict["code"][0]


def test_a_code_longer_than_two_letters_is_refused():
    with pytest.raises(ValidationError) as caught:
        MemberStateFactory.build(code="KEN", region=None, group=None).full_clean()
    assert "code" in caught.value.message_dict


def test_a_lower_case_code_is_written_in_capitals():
    state = MemberStateFactory.build(code="ke", name="Kenya", region=None, group=None)
    state.full_clean()
    assert state.code == "KE"


def test_the_database_refuses_a_code_that_is_not_iso2():
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberState.objects.create(code="k1", name="Nowhere")


def test_every_seed_code_is_an_iso_territory_and_every_group_and_region_is_the_demos():
    territories = Locale.parse("en").territories
    codes = {code for table in (REGION_COUNTRIES, GROUP_COUNTRIES) for text in table.values() for code in text.split()}
    assert all(len(code) == 2 and code in territories for code in codes)
    assert set(GROUP_COUNTRIES) == {group["code"] for group in data.GROUPS}
    assert set(REGION_COUNTRIES) == {region["code"] for region in data.REGIONS}


def test_no_state_is_in_two_groups_or_two_regions():
    for table in (REGION_COUNTRIES, GROUP_COUNTRIES):
        codes = [code for text in table.values() for code in text.split()]
        assert len(codes) == len(set(codes))


def test_every_group_member_has_a_region():
    assert all(row["region"] for row in member_state_rows() if row["group"])


@pytest.fixture
def loaded():
    loader = DemoLoader(timezone.localdate())
    with translation.override("en"):
        loader.load_reference()
    return loader


def test_the_demo_loads_the_groups_composition(loaded):
    kenya = MemberState.objects.select_related("group", "region").get(code="KE")
    assert (kenya.group.code, kenya.region.code) == ("african", "africa")
    assert MemberState.objects.get(code="BR").group.code == "grulac"
    assert MemberState.objects.get(code="CN").group.code == "china"
    assert MemberState.objects.get(code="JP").group.code == "group-b"
    assert MemberState.objects.get(code="EG").region.code == "arab"
    assert not MemberState.objects.get(code="HK").is_active  # counted in a region, not a member state
    assert MemberState.objects.filter(group__isnull=False).count() == len(
        [code for text in GROUP_COUNTRIES.values() for code in text.split()]
    )


@pytest.mark.parametrize("code", ["KE", "BR", "CN"])
def test_names_are_there_in_the_six_languages(loaded, code):
    state = MemberState.objects.get(code=code)
    names = {language: getattr(state, f"name_{language.replace('-', '_')}") for language in SIX_LANGUAGES}
    assert all(name and name.strip() for name in names.values())
    assert len(set(names.values())) > 1  # translated, not one name copied six times


def test_names_come_from_babel(loaded):
    state = MemberState.objects.get(code="KE")
    assert (state.name_en, state.name_es, state.name_ru) == ("Kenya", "Kenia", "Кения")


def test_loading_again_writes_nothing(loaded):
    before = list(MemberState.objects.order_by("pk").values())
    with translation.override("en"):
        DemoLoader(timezone.localdate()).load_reference()
    assert list(MemberState.objects.order_by("pk").values()) == before


def test_staff_find_a_state_by_its_code_or_name_in_the_admin(client):
    MemberStateFactory(code="KE", name_en="Kenya")
    MemberStateFactory(code="BR", name_en="Brazil")
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(reverse("admin:webinars_memberstate_changelist"), {"q": "kenya"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kenya" in html and "Brazil" not in html
