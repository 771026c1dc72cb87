import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from proposals.services import submit_proposal
from proposals.tests.factories import CoordinatorFactory, ProposalFactory
from webinars.tests.factories import (
    HeldWebinarFactory,
    LanguageFactory,
    MaterialFactory,
    RegionFactory,
    SeriesFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """The list is cached per catalogue version; each test starts from a cold cache."""
    cache.clear()
    yield
    cache.clear()
    # A request under /fr/ leaves French active in this thread: give later tests English back.
    translation.deactivate()


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_home_page_answers_in_every_language(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'lang="{code}"' in response.content.decode()


def test_arabic_home_page_is_right_to_left(client):
    html = client.get("/ar/").content.decode()
    assert 'dir="rtl"' in html
    assert "bootstrap.rtl.min.css" in html


def test_english_home_page_is_left_to_right(client):
    html = client.get("/en/").content.decode()
    assert 'dir="ltr"' in html


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_home_lists_held_scheduled_and_submitted_but_not_drafts(client):
    held = HeldWebinarFactory(title="Held on patents")
    MaterialFactory(webinar=held, title="Patent slides")
    WebinarFactory(title="Scheduled on trademarks")
    submitted = ProposalFactory(title="Submitted on copyright")
    submitted.languages.set([LanguageFactory(code="es")])
    submitted.regions.set([RegionFactory()])
    submit_proposal(proposal=submitted, actor=CoordinatorFactory(group=submitted.group).user)
    ProposalFactory(title="Draft never shown")

    html = client.get("/en/").content.decode()

    assert "Held on patents" in html
    assert "Patent slides" in html
    assert "Scheduled on trademarks" in html
    assert "Submitted on copyright" in html
    assert "Draft never shown" not in html


def test_content_falls_back_to_english_when_a_translation_is_missing(client):
    webinar = WebinarFactory()
    with translation.override("en"):
        webinar.title = "Only in English"
        webinar.save()
    assert "Only in English" in client.get("/ru/").content.decode()


def test_content_shows_the_visitors_language_when_translated(client):
    webinar = WebinarFactory()
    webinar.title_en = "Technology transfer"
    webinar.title_fr = "Transfert de technologie"
    webinar.save()
    assert "Transfert de technologie" in client.get("/fr/").content.decode()


def test_user_text_is_escaped(client):
    WebinarFactory(title="<script>alert(1)</script>")
    html = client.get("/en/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def _make(count):
    series = SeriesFactory()
    for index in range(count):
        held = HeldWebinarFactory(series=series, series_position=index + 1)
        MaterialFactory(webinar=held)
        WebinarFactory()
        proposal = ProposalFactory()
        proposal.languages.set([LanguageFactory(code="fr")])
        proposal.regions.set([RegionFactory()])
        submit_proposal(proposal=proposal, actor=CoordinatorFactory(group=proposal.group).user)


def _queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow_with_the_data(client):
    _make(1)
    small = _queries(client)
    _make(19)
    assert _queries(client) == small <= 10


@pytest.mark.parametrize("path", ["/en/", "/en/webinars/{slug}/", "/en/series/{series}/"])
def test_public_pages_have_one_h1_and_the_main_landmark(client, path):
    held = HeldWebinarFactory(series=SeriesFactory(), series_position=1)
    html = client.get(path.format(slug=held.slug, series=held.series.slug)).content.decode()
    assert html.count("<h1") == 1
    assert '<main id="main"' in html
    assert '<a class="skip-link" href="#main">' in html


def test_navigation_links_the_topic_list(client):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/" aria-current="page">' in html


@pytest.mark.django_db
def test_the_secretariat_reaches_its_screens_from_the_site_and_the_admin(client):
    from accounts.tests.factories import StaffFactory

    client.force_login(StaffFactory(is_superuser=True))
    planning_url = reverse("planning:cycle_list")

    for page in (reverse("webinars:topic_list"), reverse("admin:index")):
        assert planning_url in client.get(page).content.decode(), page
    assert "My group&#x27;s answers" not in client.get(reverse("webinars:topic_list")).content.decode()
