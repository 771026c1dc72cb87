"""The list's filters, the reference snapshot, paging, and the helpers of the public pages."""

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.utils import translation

from participants.tests.factories import NetworkMemberFactory
from webinars import selectors
from webinars.filters import SEARCH_LIMIT, TopicListFilter, read_list_query
from webinars.models import Language, Region, RegionalGroup, ScopeArea, Webinar
from webinars.page_cache import catalogue_version
from webinars.templatetags.webinar_pages import embed_url, translated
from webinars.tests.factories import (
    HeldWebinarFactory,
    LanguageFactory,
    RegionalGroupFactory,
    RegionFactory,
    ScopeAreaFactory,
    WebinarFactory,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def _english():
    """Labels are compared in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


def _query(string: str):
    return read_list_query(QueryDict(string))


# --- Reading the GET parameters --------------------------------------------------------------


def test_query_keeps_known_parameters_only():
    query = _query("region=africa&utm_source=mail&q=patents")
    assert dict(query.filters.items()) == {"region": "africa", "q": "patents"}


def test_query_key_is_the_same_for_the_same_filters_in_any_order():
    assert _query("region=africa&q=patents").key == _query("q=patents&region=africa&junk=1").key
    assert _query("region=africa").key != _query("region=asia").key


def test_query_key_ignores_a_first_page_but_not_others():
    assert _query("held_page=1").key == _query("").key
    assert _query("held_page=2").key != _query("").key


def test_long_search_is_cut_and_flagged():
    query = _query("q=" + "a" * 10_000)
    assert len(query.filters["q"]) == SEARCH_LIMIT
    assert query.search_was_cut


def test_search_spaces_are_collapsed():
    assert _query("q=%20patent%20%20%20law%20").filters["q"] == "patent law"


@pytest.mark.parametrize("page", ["abc", "0", "-2", "1e3", "12345678"])
def test_bad_page_numbers_are_flagged(page):
    query = _query(f"scheduled_page={page}")
    assert query.pages == {}
    assert query.bad_pages == ["scheduled"]


# --- The filter set ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_filter_choices_come_from_the_reference_data():
    RegionFactory(code="africa", name="Africa")
    LanguageFactory(code="fr")
    RegionalGroupFactory(code="grulac")
    RegionalGroupFactory(code="old", is_active=False)
    ScopeAreaFactory(code="b")

    form = TopicListFilter(QueryDict(""), reference=selectors.reference_data()).form

    assert ("africa", "Africa") in form.fields["region"].choices
    assert "fr" in dict(form.fields["language"].choices)
    groups = dict(form.fields["group"].choices)
    assert "grulac" in groups and "old" not in groups
    assert "b" in dict(form.fields["area"].choices)


@pytest.mark.django_db
def test_filter_values_keep_valid_ones_and_name_the_rejected_ones():
    RegionFactory(code="africa")
    filterset = TopicListFilter(QueryDict("region=africa&language=xx&year=1800"), reference=selectors.reference_data())

    assert filterset.values == {"region": "africa"}
    assert sorted(filterset.rejected()) == ["Language", "Year"]


@pytest.mark.django_db
def test_criteria_for_proposals_follow_the_filters():
    RegionFactory(code="africa")
    reference = selectors.reference_data()
    year = reference.years[0]

    criteria = TopicListFilter(QueryDict(f"region=africa&year={year}&q=ip"), reference=reference).criteria()

    assert (criteria.region, criteria.year, criteria.search) == ("africa", year, "ip")


# --- Reference snapshot -------------------------------------------------------------------------


@pytest.mark.django_db
def test_reference_snapshot_matches_the_tables_in_every_language():
    region = RegionFactory(code="africa", name_en="Africa", name_fr="Afrique", order=2)
    RegionFactory(code="asia", order=1)
    LanguageFactory(code="zh-hans", name_zh_hans="中文")
    ScopeAreaFactory(code="b", title_en="Projects", title_es="Proyectos")
    RegionalGroupFactory(code="african", name_ar="المجموعة الأفريقية")

    reference = selectors._load_reference()

    assert [r.code for r in reference.regions] == list(
        Region.objects.order_by("order", "code").values_list("code", flat=True)
    )
    assert [lang.code for lang in reference.languages] == list(Language.objects.values_list("code", flat=True))
    assert [g.code for g in reference.groups] == list(RegionalGroup.objects.values_list("code", flat=True))
    assert [a.code for a in reference.scope_areas] == list(ScopeArea.objects.values_list("code", flat=True))
    africa = reference.region(region.pk)
    with translation.override("fr"):
        assert africa.name == "Afrique"
    with translation.override("ru"):
        assert africa.name == "Africa"  # falls back to English
    with translation.override("zh-hans"):
        assert reference.languages[0].name == "中文"
    with translation.override("es"):
        assert reference.scope_areas[0].title == "Proyectos"
    with translation.override("ar"):
        assert reference.groups[0].name == "المجموعة الأفريقية"


@pytest.mark.django_db
def test_reference_years_are_those_of_public_webinars_plus_this_and_next_year(django_assert_num_queries):
    from datetime import UTC, datetime

    HeldWebinarFactory(starts_at=datetime(2021, 6, 1, 9, tzinfo=UTC))
    WebinarFactory(status=Webinar.Status.PLANNED, starts_at=datetime(2019, 6, 1, 9, tzinfo=UTC))

    with django_assert_num_queries(1):
        years = selectors._load_reference().years

    assert 2021 in years and 2019 not in years
    assert years == tuple(sorted(years, reverse=True))


# --- Paging ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "shown", "titles"), [(1, 1, ["w0", "w1"]), (2, 2, ["w2", "w3"]), (3, 3, ["w4"]), (9, 3, ["w4"])]
)
def test_page_of_fetches_one_page_with_its_total(django_assert_num_queries, number, shown, titles):
    for index in range(5):
        WebinarFactory(title=f"w{index}")
    queryset = Webinar.objects.order_by("title")

    with django_assert_num_queries(1):
        page = selectors.page_of(queryset, number=number, per_page=2)

    assert [w.title for w in page.items] == titles
    assert (page.number, page.count, page.num_pages) == (shown, 5, 3)
    assert page.was_out_of_range == (number != shown)


@pytest.mark.django_db
def test_page_of_an_empty_part():
    page = selectors.page_of(Webinar.objects.order_by("pk"), number=4, per_page=2)
    assert (page.items, page.number, page.count) == ([], 1, 0)


# --- Freshness ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_catalogue_changes_renew_the_cache_version():
    before = catalogue_version()
    WebinarFactory()
    assert catalogue_version() != before


@pytest.mark.django_db
def test_joining_the_network_does_not_renew_the_cache_version():
    region = RegionFactory()
    before = catalogue_version()

    member = NetworkMemberFactory()
    member.regions.set([region])

    assert catalogue_version() == before


# --- Template helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/123456", "https://player.vimeo.com/video/123456"),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ", ""),
        ('https://www.youtube.com/watch?v=bad"id<', ""),
        ("https://evil.example.org/watch?v=dQw4w9WgXcQ", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_only_known_players_are_embedded(url, player):
    assert embed_url(url) == player


@pytest.mark.django_db
def test_translated_text_says_when_it_falls_back():
    webinar = WebinarFactory()
    webinar.title_en, webinar.title_fr, webinar.title_ar = "Patents", "Brevets", ""

    with translation.override("fr"):
        shown = translated(webinar, "title")
        assert (shown.text, shown.is_fallback) == ("Brevets", False)
    with translation.override("ar"):
        shown = translated(webinar, "title")
        assert (shown.text, shown.language, shown.is_fallback) == ("Patents", "en", True)
