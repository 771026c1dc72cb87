"""The public pages: the topic list with its filters, a webinar, a series."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from proposals.models import ConsultationCycle, Proposal
from proposals.tests.factories import (
    CandidateTopicFactory,
    ConsultationCycleFactory,
    ProposalFactory,
    ProposalPartFactory,
)
from webinars.models import Webinar
from webinars.tests.factories import (
    AnsweredQuestionFactory,
    ExpertFactory,
    HeldWebinarFactory,
    LanguageFactory,
    MaterialFactory,
    RegionalGroupFactory,
    RegionFactory,
    ScopeAreaFactory,
    SeriesFactory,
    TopicFactory,
    WebinarFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()
    # A request under /fr/ leaves French active in this thread: give later tests English back.
    translation.deactivate()


def _submitted(**kwargs) -> Proposal:
    """A proposal as the public list sees it: submitted in the open cycle."""
    regions = kwargs.pop("regions", None)
    languages = kwargs.pop("languages", None)
    proposal = ProposalFactory(state=Proposal.State.SUBMITTED, submitted_at=timezone.now(), **kwargs)
    proposal.regions.set(regions if regions is not None else [RegionFactory()])
    proposal.languages.set(languages if languages is not None else [LanguageFactory(code="en")])
    return proposal


def _section(html: str, part: str) -> str:
    """The HTML of one part of the list (held, scheduled, proposals), or "" when absent."""
    match = re.search(rf'<section aria-labelledby="{part}-heading".*?</section>', html, re.S)
    return match.group(0) if match else ""


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- The three parts ----------------------------------------------------------------------


def test_list_shows_held_scheduled_and_under_consideration_in_the_strategys_order(client):
    HeldWebinarFactory(title="Held on patents")
    WebinarFactory(title="Scheduled on trademarks")
    _submitted(title="Proposed on copyright")

    html = _get(client, "/en/")

    held, scheduled, proposals = (html.index(f'id="{part}-heading"') for part in ("held", "scheduled", "proposals"))
    assert held < scheduled < proposals
    assert "Held on patents" in _section(html, "held")
    assert "Scheduled on trademarks" in _section(html, "scheduled")
    assert "Proposed on copyright" in _section(html, "proposals")


def test_held_webinar_shows_its_published_materials_summary_and_answer_count(client):
    held = HeldWebinarFactory(title="Held on patents", summary="What we learnt.")
    MaterialFactory(webinar=held, title="Full recording", url="https://video.example.org/r1")
    MaterialFactory(webinar=held, kind="slides", title="Deck", url="https://files.example.org/deck.pdf")
    MaterialFactory(webinar=held, title="Unpublished cut", is_published=False, published_at=None)
    AnsweredQuestionFactory(webinar=held)
    AnsweredQuestionFactory(webinar=held)
    AnsweredQuestionFactory(webinar=held, is_published=False)

    held_html = _section(_get(client, "/en/"), "held")

    assert 'href="https://video.example.org/r1"' in held_html
    assert 'href="https://files.example.org/deck.pdf"' in held_html
    assert "Unpublished cut" not in held_html
    assert f"/en/webinars/{held.slug}/#summary" in held_html
    assert "2 answered questions" in held_html


def test_a_material_titled_like_its_kind_shows_its_title_alone(client):
    held = HeldWebinarFactory(title="Held on designs")
    MaterialFactory(webinar=held, title="Recording", url="https://video.example.org/plain")
    MaterialFactory(webinar=held, kind="slides", title="Deck", url="https://files.example.org/deck.pdf")

    held_html = _section(_get(client, "/en/"), "held")

    assert 'href="https://video.example.org/plain"><span>Recording</span></a>' in held_html
    assert "Recording: " not in held_html
    assert 'href="https://files.example.org/deck.pdf">Slides: <span>Deck</span></a>' in held_html


def test_scheduled_date_is_in_geneva_time_with_a_machine_readable_time(client):
    WebinarFactory(starts_at=datetime(2030, 7, 1, 8, 0, tzinfo=UTC))  # 10:00 in Geneva (summer time)

    scheduled_html = _section(_get(client, "/en/"), "scheduled")

    assert '<time datetime="2030-07-01T10:00:00+02:00">' in scheduled_html
    assert "10 a.m." in scheduled_html
    assert "Geneva time" in scheduled_html
    assert 'data-local-label="Your time"' in scheduled_html


def test_list_loads_the_local_time_script_from_a_static_file(client):
    html = _get(client, "/en/")
    assert re.search(r'<script src="[^"]*js/local-time\.js" defer></script>', html)


def test_under_consideration_shows_group_kind_and_series_parts(client):
    group = RegionalGroupFactory(name="African Group")
    series = _submitted(title="Graded series on licensing", group=group, shape=Proposal.Shape.SERIES)
    ProposalPartFactory(proposal=series, position=1, title="Licensing basics")
    ProposalPartFactory(proposal=series, position=2, title="Negotiating licences")
    candidate = CandidateTopicFactory(cycle=series.cycle, topic=TopicFactory(title="Patent data"))
    _submitted(title="We adopt patent data", kind=Proposal.Kind.ADOPTION, candidate_topic=candidate)

    proposals_html = _section(_get(client, "/en/"), "proposals")

    assert "Proposed by African Group" in proposals_html
    assert "A graded series of 2 parts" in proposals_html
    assert proposals_html.index("Licensing basics") < proposals_html.index("Negotiating licences")
    assert "Adopts the Secretariat’s topic “Patent data”" in proposals_html
    assert "The group’s own proposal" in proposals_html


def test_drafts_withdrawn_and_decided_cycles_never_appear(client):
    ProposalFactory(title="A draft")
    _submitted(title="Soon withdrawn").__class__.objects.filter(title="Soon withdrawn").update(
        state=Proposal.State.WITHDRAWN
    )
    decided = ConsultationCycleFactory(target_year=2020, state=ConsultationCycle.State.DECIDED)
    _submitted(title="Of a decided cycle", cycle=decided)
    _submitted(title="Shown as received")

    proposals_html = _section(_get(client, "/en/"), "proposals")

    assert "Shown as received" in proposals_html
    for hidden in ("A draft", "Soon withdrawn", "Of a decided cycle"):
        assert hidden not in proposals_html


def test_proposals_of_a_closed_cycle_stay_under_consideration(client):
    cycle = ConsultationCycleFactory(state=ConsultationCycle.State.CLOSED)
    _submitted(title="Waiting for the review", cycle=cycle)

    assert "Waiting for the review" in _section(_get(client, "/en/"), "proposals")


def test_planned_and_cancelled_webinars_are_not_listed(client):
    WebinarFactory(title="Internal planning", status=Webinar.Status.PLANNED)
    WebinarFactory(title="Called off", status=Webinar.Status.CANCELLED)

    html = _get(client, "/en/")

    assert "Internal planning" not in html
    assert "Called off" not in html


def test_list_links_its_feeds(client):
    html = _get(client, "/en/?region=nowhere-known")
    assert '<link rel="alternate" type="text/calendar"' in html
    assert 'href="/en/feeds/calendar.ics' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/en/feeds/materials.atom"' in html


# --- Filters ----------------------------------------------------------------------------


def test_filter_by_year(client):
    HeldWebinarFactory(title="Held in 2024", starts_at=datetime(2024, 5, 1, 9, tzinfo=UTC))
    HeldWebinarFactory(title="Held in 2023", starts_at=datetime(2023, 5, 1, 9, tzinfo=UTC))

    html = _get(client, "/en/?year=2024")

    assert "Held in 2024" in html
    assert "Held in 2023" not in html


def test_filter_by_year_applies_to_proposals_by_their_cycles_year(client):
    proposal = _submitted(title="For next year")

    assert "For next year" in _get(client, f"/en/?year={proposal.cycle.target_year}")
    assert "For next year" not in _get(client, f"/en/?year={proposal.cycle.target_year - 1}")


def test_filter_by_region(client):
    africa, asia = RegionFactory(code="africa"), RegionFactory(code="asia")
    WebinarFactory(title="For Africa", regions=[africa])
    WebinarFactory(title="For Asia", regions=[asia])
    _submitted(title="Proposal for Africa", regions=[africa])
    _submitted(title="Proposal for Asia", regions=[asia])

    html = _get(client, "/en/?region=africa")

    assert "For Africa" in html and "Proposal for Africa" in html
    assert "For Asia" not in html and "Proposal for Asia" not in html


def test_filter_by_language(client):
    french, english = LanguageFactory(code="fr"), LanguageFactory(code="en")
    WebinarFactory(title="Given in French", languages=[french])
    WebinarFactory(title="Given in English", languages=[english])
    _submitted(title="Wanted in French", languages=[french])

    html = _get(client, "/en/?language=fr")

    assert "Given in French" in html and "Wanted in French" in html
    assert "Given in English" not in html


def test_filter_by_scope_area(client):
    area_b, area_f = ScopeAreaFactory(code="b"), ScopeAreaFactory(code="f")
    WebinarFactory(title="On projects", topic=TopicFactory(scope_area=area_b))
    WebinarFactory(title="On challenges", topic=TopicFactory(scope_area=area_f))
    _submitted(title="Own proposal on projects", scope_area=area_b)

    html = _get(client, "/en/?area=b")

    assert "On projects" in html and "Own proposal on projects" in html
    assert "On challenges" not in html


def test_filter_by_regional_group_shows_its_proposals_and_webinars_for_its_regions(client):
    africa, lac = RegionFactory(code="africa"), RegionFactory(code="lac")
    african = RegionalGroupFactory(code="african", regions=[africa])
    grulac = RegionalGroupFactory(code="grulac", regions=[lac])
    WebinarFactory(title="For Africa", regions=[africa])
    WebinarFactory(title="For Latin America", regions=[lac])
    _submitted(title="From the African Group", group=african)
    _submitted(title="From GRULAC", group=grulac)

    html = _get(client, "/en/?group=african")

    assert "For Africa" in html and "From the African Group" in html
    assert "For Latin America" not in html and "From GRULAC" not in html


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("held", ["held"], ["scheduled", "proposals"]),
        ("scheduled", ["scheduled"], ["held", "proposals"]),
        ("under_consideration", ["proposals"], ["held", "scheduled"]),
    ],
)
def test_filter_by_status_shows_only_that_part(client, status, shown, hidden):
    HeldWebinarFactory()
    WebinarFactory()
    _submitted()

    html = _get(client, f"/en/?status={status}")

    for part in shown:
        assert _section(html, part)
    for part in hidden:
        assert not _section(html, part)


def test_search_reads_the_french_texts_on_the_french_page(client):
    webinar = HeldWebinarFactory()
    webinar.title_en = "Patent drafting"
    webinar.title_fr = "Rédaction de brevets"
    webinar.save()
    other = WebinarFactory()
    other.title_en, other.title_fr = "Trademarks", "Marques"
    other.save()

    html = _get(client, "/fr/?q=brevets")

    assert "Rédaction de brevets" in html
    assert "Marques" not in html


def test_search_falls_back_to_the_english_text_when_no_french_one_exists(client):
    webinar = WebinarFactory()
    webinar.title_en, webinar.title_fr = "Geographical indications", ""
    webinar.save()

    assert "Geographical indications" in _get(client, "/fr/?q=geographical")


def test_search_does_not_read_languages_outside_the_fallback(client):
    webinar = WebinarFactory()
    webinar.title_en, webinar.title_ru = "Trademarks", "Товарные знаки"
    webinar.save()

    assert "Trademarks" not in _section(_get(client, "/en/?q=Товарные"), "scheduled")


def test_search_finds_proposals_as_written_including_their_parts(client):
    proposal = _submitted(title="A series", shape=Proposal.Shape.SERIES)
    ProposalPartFactory(proposal=proposal, position=1, title="Collective management")
    _submitted(title="Something else")

    html = _get(client, "/en/?q=collective")

    assert "A series" in html
    assert "Something else" not in html


def test_filters_combine_and_the_form_keeps_them(client):
    africa = RegionFactory(code="africa")
    LanguageFactory(code="fr")
    WebinarFactory(title="Patents for Africa", regions=[africa])

    html = _get(client, "/en/?region=africa&language=fr&q=patents")

    assert '<option value="africa" selected>' in html
    assert '<option value="fr" selected>' in html
    assert 'value="patents"' in html


def test_counts_per_part(client):
    HeldWebinarFactory.create_batch(3)
    WebinarFactory.create_batch(2)
    _submitted()

    html = _get(client, "/en/")

    assert "3 webinars held · " in html
    assert "2 webinars scheduled · " in html
    assert "1 proposal under consideration" in html


def test_empty_result_says_so_and_offers_to_clear_the_filters(client):
    WebinarFactory(title="Something")

    html = _get(client, "/en/?q=nothing-like-this")

    assert "Nothing matches these filters" in html
    assert '<a href="/en/">Clear the filters and show everything</a>' in html


def test_unfiltered_empty_list_does_not_talk_of_filters(client):
    html = _get(client, "/en/")
    assert "Nothing matches these filters" not in html
    assert "No webinar has been held yet." in html


# --- Pagination ---------------------------------------------------------------------------


def test_each_part_has_its_own_pages_and_links_keep_the_filters(client):
    region = RegionFactory(code="africa")
    for day in range(12):
        HeldWebinarFactory(
            title=f"Held number {day:02}", regions=[region], starts_at=timezone.now() - timedelta(days=day + 1)
        )
    WebinarFactory(title="Scheduled one", regions=[region])

    first = _get(client, "/en/?region=africa")
    second = _get(client, "/en/?region=africa&held_page=2")

    assert "Held number 00" in first and "Held number 11" not in first
    assert "Held number 11" in second and "Held number 00" not in second
    assert "Scheduled one" in second  # the other part stays on its first page
    assert 'href="/en/?region=africa&amp;held_page=2#held-heading"' in first
    assert "Page 2 of 2" in second


def test_page_out_of_range_shows_the_last_page_with_a_message(client):
    for _ in range(12):
        HeldWebinarFactory()

    html = _get(client, "/en/?held_page=99")

    assert "There is no such page of “Held”: its last page, page 2, is shown." in html
    assert html.count('class="card mb-3 webinar-card"') == 2


def test_page_out_of_range_of_an_empty_part_is_a_normal_page(client):
    html = _get(client, "/en/?proposals_page=5")
    assert "No proposal is under consideration." in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "9" * 40])
def test_page_number_that_is_not_a_number_shows_the_first_page(client, page):
    HeldWebinarFactory(title="First page webinar")

    html = _get(client, f"/en/?held_page={page}")

    assert "First page webinar" in html
    assert "The page number given for “Held” is not valid" in html


# --- Bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("param", ["year=1800", "year=abc", "region=atlantis", "language=xx", "area=z", "group=nope"])
def test_unknown_filter_value_is_ignored_with_a_message(client, param):
    WebinarFactory(title="Still listed")

    html = _get(client, f"/en/?{param}")

    assert "Still listed" in html
    assert "is not one we know, so that filter was left out." in html


def test_status_value_unknown_is_ignored_with_a_message(client):
    WebinarFactory(title="Still listed")
    html = _get(client, "/en/?status=everything")
    assert "Still listed" in html
    assert "“Status” is not one we know" in html


def test_a_ten_thousand_character_search_is_cut_with_a_message(client):
    webinar = WebinarFactory(title="Patents")

    html = _get(client, "/en/?q=" + "patents " * 1250)

    assert "Your search was longer than 200 characters: only the first 200 were used." in html
    assert webinar.title not in _section(html, "scheduled")
    value = re.search(r'name="q" value="([^"]*)"', html).group(1)
    assert len(value) <= 200


def test_script_in_a_search_is_shown_as_text(client):
    html = _get(client, "/en/?q=<script>alert('x')</script>")
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html


def test_odd_parameters_never_break_the_page(client):
    HeldWebinarFactory()
    for query in ["q=%00", "region=&language=", "held_page=", "q=%25%5F", "year=2024&year=2025", "q=" + "é" * 300]:
        assert client.get(f"/en/?{query}").status_code == 200


# --- Languages --------------------------------------------------------------------------------


def test_fallback_title_says_which_language_it_is_in(client):
    webinar = WebinarFactory()
    webinar.title_en, webinar.title_fr = "Only in English", ""
    webinar.save()

    html = _get(client, "/fr/")

    assert f'<a href="/fr/webinars/{webinar.slug}/" lang="en" dir="auto">Only in English</a>' in html
    assert 'class="fallback-note"' in html


def test_translated_title_has_no_fallback_note(client):
    webinar = WebinarFactory()
    webinar.title_en, webinar.title_fr = "Patents", "Brevets"
    webinar.save()

    html = _section(_get(client, "/fr/"), "scheduled")

    assert f'<a href="/fr/webinars/{webinar.slug}/">Brevets</a>' in html
    assert "fallback-note" not in html


def test_proposal_title_carries_the_language_it_was_written_in(client):
    _submitted(title="Gestion collective", written_in="fr")

    html = _section(_get(client, "/en/"), "proposals")

    assert '<span lang="fr" dir="auto">Gestion collective</span>' in html
    assert "as received, in French" in html


def test_arabic_list_is_right_to_left(client):
    html = _get(client, "/ar/")
    assert '<html lang="ar" dir="rtl">' in html


# --- Query budget and freshness ------------------------------------------------------------------


def _catalogue(count: int) -> None:
    series = SeriesFactory()
    french = LanguageFactory(code="fr")
    for index in range(count):
        held = HeldWebinarFactory(series=series, series_position=index + 1, summary="Summary")
        MaterialFactory(webinar=held)
        AnsweredQuestionFactory(webinar=held)
        WebinarFactory()
        proposal = _submitted(shape=Proposal.Shape.SERIES, languages=[french])
        ProposalPartFactory(proposal=proposal, position=1)
        ProposalPartFactory(proposal=proposal, position=2)


def _cold_queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/en/", "/fr/?region=region-1&held_page=2&proposals_page=9", "/en/?q=webinar"])
def test_list_query_count_is_small_and_does_not_grow_with_the_data(client, url):
    _catalogue(2)
    small = _cold_queries(client, url)
    _catalogue(23)
    large = _cold_queries(client, url)

    assert large == small
    assert large <= 10


def test_list_served_from_the_cache_runs_no_query(client):
    _catalogue(2)
    client.get("/en/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200

    assert len(queries) == 0


def test_a_newly_published_webinar_shows_at_once(client):
    webinar = WebinarFactory(title="Not yet public", status=Webinar.Status.PLANNED)
    assert "Not yet public" not in _get(client, "/en/")

    webinar.status = Webinar.Status.SCHEDULED
    webinar.save()

    assert "Not yet public" in _get(client, "/en/")


def test_a_newly_published_material_shows_at_once(client):
    held = HeldWebinarFactory()
    material = MaterialFactory(webinar=held, title="Session video", is_published=False, published_at=None)
    assert "Session video" not in _get(client, "/en/")

    material.is_published, material.published_at = True, timezone.now()
    material.save()

    assert "Session video" in _get(client, "/en/")


def test_a_newly_submitted_proposal_shows_at_once(client):
    proposal = ProposalFactory(title="Just sent")
    assert "Just sent" not in _get(client, "/en/")

    proposal.state, proposal.submitted_at = Proposal.State.SUBMITTED, timezone.now()
    proposal.save()

    assert "Just sent" in _get(client, "/en/")


def test_changing_a_webinars_regions_refreshes_the_filtered_list(client):
    RegionFactory(code="africa")
    webinar = WebinarFactory(title="Moving webinar")
    assert "Moving webinar" not in _get(client, "/en/?region=africa")

    webinar.regions.add(RegionFactory(code="africa"))

    assert "Moving webinar" in _get(client, "/en/?region=africa")


# --- The webinar page ------------------------------------------------------------------------------


def test_webinar_page_shows_what_it_is_about(client):
    region, language = RegionFactory(name="Africa"), LanguageFactory(code="fr")
    webinar = WebinarFactory(
        title="Patent drafting",
        objectives="Learn to draft claims.",
        target_audience="Examiners.",
        description="A practical session.",
        format=Webinar.Format.PRERECORDED,
        regions=[region],
        languages=[language],
        starts_at=datetime(2030, 1, 15, 10, 0, tzinfo=UTC),
    )

    html = _get(client, f"/en/webinars/{webinar.slug}/")

    for text in ("Patent drafting", "Learn to draft claims.", "Examiners.", "A practical session.", "Africa"):
        assert text in html
    assert "Pre-recorded talk with live questions and answers" in html
    assert '<time datetime="2030-01-15T11:00:00+01:00">' in html
    assert "Scheduled" in html
    assert f'href="/en/webinars/{webinar.slug}/calendar.ics"' in html


def test_webinar_page_shows_experts_without_private_details(client):
    expert = ExpertFactory(
        name="Dr Amina Diallo",
        title="Patent examiner",
        biography="Twenty years at the office.",
        email="amina@private.example.org",
        nationality="SN",
    )
    webinar = WebinarFactory()
    webinar.experts.set([expert])

    html = _main(_get(client, f"/en/webinars/{webinar.slug}/"))

    assert "Dr Amina Diallo" in html and "Patent examiner" in html and "Twenty years at the office." in html
    assert "amina@private.example.org" not in html
    assert "SN" not in html
    assert "Female" not in html


def test_planned_webinar_page_is_not_found(client):
    webinar = WebinarFactory(status=Webinar.Status.PLANNED)
    assert client.get(f"/en/webinars/{webinar.slug}/").status_code == 404
    assert client.get(f"/en/webinars/{webinar.slug}/calendar.ics").status_code == 404


def test_unknown_webinar_page_is_not_found(client):
    assert client.get("/en/webinars/no-such-webinar/").status_code == 404


def test_cancelled_webinar_page_says_so(client):
    webinar = WebinarFactory(status=Webinar.Status.CANCELLED)
    assert "This webinar was cancelled." in _get(client, f"/en/webinars/{webinar.slug}/")


def test_held_webinar_page_has_recording_slides_summary_and_answers(client):
    held = HeldWebinarFactory(summary="We discussed claims.")
    MaterialFactory(webinar=held, title="Session video", url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    MaterialFactory(webinar=held, kind="slides", title="Claim slides", url="https://files.example.org/claims.pdf")
    AnsweredQuestionFactory(webinar=held, question="What is a claim?", answer="The scope of protection.")
    AnsweredQuestionFactory(webinar=held, question="Hidden question?", is_published=False)

    html = _get(client, f"/en/webinars/{held.slug}/")

    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'title="Session video"' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert 'href="https://files.example.org/claims.pdf"' in html
    assert "We discussed claims." in html
    assert "What is a claim?" in html and "The scope of protection." in html
    assert "Hidden question?" not in html
    assert "calendar.ics" not in _main(html)


def test_recording_that_cannot_be_embedded_safely_is_a_link(client):
    held = HeldWebinarFactory()
    MaterialFactory(webinar=held, url='https://video.example.org/watch?v="><script>')

    html = _get(client, f"/en/webinars/{held.slug}/")

    assert "<iframe" not in html
    assert 'href="https://video.example.org/watch?v=&quot;&gt;&lt;script&gt;"' in html


def test_webinar_page_notes_a_fallback_summary(client):
    held = HeldWebinarFactory()
    held.summary_en, held.summary_es = "English summary", ""
    held.save()

    html = _get(client, f"/es/webinars/{held.slug}/")

    assert '<div lang="en" dir="auto"><p>English summary</p></div>' in html
    assert 'class="fallback-note"' in html


def test_series_part_links_to_previous_and_next_parts(client):
    series = SeriesFactory()
    first = HeldWebinarFactory(series=series, series_position=1, title="Basics")
    second = HeldWebinarFactory(series=series, series_position=2, title="Going further")
    third = WebinarFactory(series=series, series_position=3, title="Expert level")

    html = _get(client, f"/en/webinars/{second.slug}/")

    assert f'<a href="/en/webinars/{first.slug}/" rel="prev">Previous: part 1, “Basics”</a>' in html
    assert f'<a href="/en/webinars/{third.slug}/" rel="next">Next: part 3, “Expert level”</a>' in html
    assert "Part 2 of 3" in html


def test_series_part_still_planned_is_named_without_a_link(client):
    series = SeriesFactory()
    first = HeldWebinarFactory(series=series, series_position=1)
    planned = WebinarFactory(series=series, series_position=2, title="Secret plan", status=Webinar.Status.PLANNED)

    html = _get(client, f"/en/webinars/{first.slug}/")

    assert "Next: part 2 (in preparation)" in html
    assert "Secret plan" not in html
    assert planned.slug not in html


# --- The series page -------------------------------------------------------------------------------


def test_series_page_lists_its_parts_in_order_with_state_and_date(client):
    series = SeriesFactory(title="Licensing in three steps")
    third = WebinarFactory(series=series, series_position=3, title="Part three")
    first = HeldWebinarFactory(series=series, series_position=1, title="Part one")
    WebinarFactory(series=series, series_position=2, title="Part two", status=Webinar.Status.PLANNED)

    html = _get(client, f"/en/series/{series.slug}/")

    assert "Licensing in three steps" in html
    assert html.index(first.title) < html.index("In preparation") < html.index(third.title)
    assert "Part two" not in html
    assert "Held" in html and "Scheduled" in html
    assert html.count("<time datetime=") == 2


def test_series_with_no_public_part_is_not_found(client):
    series = SeriesFactory()
    WebinarFactory(series=series, series_position=1, status=Webinar.Status.PLANNED)

    assert client.get(f"/en/series/{series.slug}/").status_code == 404


def test_a_page_served_from_the_cache_carries_a_working_csrf_token():
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/en/")  # fills the cache
    html = _get(visitor, "/en/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    assert not token.startswith("csrf-")
    response = visitor.post("/i18n/setlang/", {"language": "fr", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_logged_in_visitor_never_gets_an_anonymous_cached_page(client):
    from accounts.tests.factories import UserFactory

    client.get("/en/")  # an anonymous visit fills the cache
    client.force_login(UserFactory())

    html = _get(client, "/en/")

    assert "Log out" in html
