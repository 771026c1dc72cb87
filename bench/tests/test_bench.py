"""The benchmark's own parts, kept honest so `make bench` cannot silently rot."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.db.models import Count, Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from bench import trivial
from bench.bench_topic_list import filtered_path_from
from bench.catalogue import build_catalogue
from bench.load import LoadError, LoadResult, measure
from proposals.models import Proposal, ProposalPart
from proposals.selectors import proposals_under_consideration
from webinars.models import Expert, Language, Material, Region, RegionalGroup, ScopeArea, Series, Topic, Webinar

SIZES = [(3, 10), (12, 40), (40, 7)]
TRANSLATED = {
    Webinar: ["title", "description", "objectives", "target_audience"],
    Topic: ["title", "summary", "objectives", "target_audience"],
    Series: ["title", "description"],
    Region: ["name"],
    Language: ["name"],
    RegionalGroup: ["name"],
    ScopeArea: ["title", "description"],
    Expert: ["title", "biography"],
    Material: ["title"],
}


@pytest.mark.django_db
@pytest.mark.parametrize(("webinars", "proposals"), SIZES)
def test_catalogue_holds_the_webinars_it_claims(webinars, proposals):
    counts = build_catalogue(webinars=webinars, proposals=proposals)

    now = timezone.now()
    assert counts["webinars"] == webinars == Webinar.objects.count()
    assert counts["held"] == Webinar.objects.filter(status=Webinar.Status.HELD, starts_at__lt=now).count()
    assert counts["scheduled"] == Webinar.objects.filter(status=Webinar.Status.SCHEDULED, starts_at__gt=now).count()
    assert counts["held"] + counts["scheduled"] == webinars
    assert counts["series"] == Series.objects.count()
    assert counts["series_parts"] == Webinar.objects.filter(series__isnull=False).count()
    assert counts["published_materials"] == Material.objects.filter(is_published=True).count() == 2 * counts["held"]
    assert counts["unpublished_materials"] == Material.objects.filter(is_published=False).count()
    assert counts["languages"] == Language.objects.count() == len(settings.LANGUAGES)


@pytest.mark.django_db
@pytest.mark.parametrize(("webinars", "proposals"), SIZES)
def test_catalogue_webinars_are_valid_and_complete(webinars, proposals):
    build_catalogue(webinars=webinars, proposals=proposals)

    incomplete = Webinar.objects.annotate(
        region_count=Count("regions", distinct=True),
        language_count=Count("languages", distinct=True),
        expert_count=Count("experts", distinct=True),
    ).filter(Q(region_count=0) | Q(language_count=0) | Q(expert_count=0))
    assert not incomplete.exists()
    for webinar in Webinar.objects.all():
        webinar.full_clean()
    for series in Series.objects.all():
        series.check_order()
        assert series.parts.count() >= 2


@pytest.mark.django_db
@pytest.mark.parametrize(("webinars", "proposals"), SIZES)
def test_catalogue_fills_translated_fields_in_all_six_languages(webinars, proposals):
    build_catalogue(webinars=webinars, proposals=proposals)

    for model, fields in TRANSLATED.items():
        assert model.objects.exists(), model
        for name in fields:
            for code, _name in settings.LANGUAGES:
                column = build_localized_fieldname(name, code)
                empty = Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
                assert not model.objects.filter(empty).exists(), f"{model.__name__}.{column} left empty"
    held = Webinar.objects.filter(status=Webinar.Status.HELD)
    assert not held.filter(Q(summary_ar="") | Q(summary_zh_hans="")).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("webinars", "proposals"), SIZES)
def test_catalogue_holds_the_proposals_it_claims(webinars, proposals):
    counts = build_catalogue(webinars=webinars, proposals=proposals)

    shown = proposals_under_consideration()
    assert counts["proposals"] == proposals == shown.count()
    assert set(shown.values_list("state", flat=True)) <= {Proposal.State.SUBMITTED}
    assert Proposal.objects.count() == proposals + counts["hidden_proposals"]
    assert counts["adoptions"] == shown.filter(kind=Proposal.Kind.ADOPTION).count()
    assert counts["series_proposals"] == shown.filter(shape=Proposal.Shape.SERIES).count()
    assert counts["proposal_parts"] == ProposalPart.objects.count()
    if proposals >= len(settings.LANGUAGES) * 2:
        assert shown.values("group").distinct().count() == counts["groups"]
        assert shown.values("written_in").distinct().count() == len(settings.LANGUAGES)


@pytest.mark.django_db
def test_catalogue_proposals_are_complete_submissions():
    build_catalogue(webinars=3, proposals=40)

    for proposal in proposals_under_consideration():
        proposal.full_clean()
        assert proposal.completeness_errors() == {}, proposal


def test_trivial_view_is_mounted_by_the_bench_urlconf_only():
    assert resolve("/bench/trivial/", urlconf="bench.urls").func is trivial.same_bytes
    with pytest.raises(Resolver404):
        resolve("/bench/trivial/", urlconf="portal.urls")


def test_filtered_path_follows_the_pages_own_filter_form():
    html = """
    <form action="/i18n/setlang/" method="post"><select name="language"><option value="fr">fr</option></select></form>
    <form method="get"><select name="regions"><option value="">All</option><option value="7">Africa</option></select>
    <input type="search" name="search"></form>
    """
    assert filtered_path_from(html) == "/en/?regions=7&search=licensing"


def test_filtered_path_falls_back_without_a_filter_form():
    assert filtered_path_from("<p>No form</p>") == "/en/?region=africa&q=licensing"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        status, body = {"/ok": (200, b"12345"), "/short": (200, b"123")}.get(self.path, (500, b"boom!"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address
    server.shutdown()
    server.server_close()


def _load(address, path):
    host, port = address
    return measure(host=host, port=port, path=path, expected_size=5, connections=2, warmup=0.05, duration=0.2)


def test_load_counts_good_responses_inside_the_window(http_server):
    result = _load(http_server, "/ok")
    assert result.error_count == 0
    assert result.requests > 0
    assert result.rps == result.requests / 0.2
    result.raise_for_errors()


@pytest.mark.parametrize(("path", "problem"), [("/error", "HTTP 500"), ("/short", "3 bytes instead of 5")])
def test_load_fails_loudly_on_a_wrong_status_or_size(http_server, path, problem):
    result = _load(http_server, path)
    assert result.requests == 0
    assert result.error_count > 0
    assert problem in result.errors[0]
    with pytest.raises(LoadError, match=problem):
        result.raise_for_errors()


def test_trivial_view_returns_the_captured_bytes(tmp_path, monkeypatch, rf):
    page = tmp_path / "topic_list.html"
    page.write_bytes("<!doctype html><p>ندوة 网络研讨会</p>".encode())
    monkeypatch.setenv("BENCH_TRIVIAL_BODY", str(page))
    trivial._body.cache_clear()
    try:
        response = trivial.same_bytes(rf.get("/bench/trivial/"))
    finally:
        trivial._body.cache_clear()
    assert response.status_code == 200
    assert response.content == page.read_bytes()


def test_load_rounds_add_up_into_one_result():
    total = LoadResult(path="/en/", duration=0.0)
    total.merge(LoadResult(path="/en/", duration=2.0, latencies_ms=[10.0, 20.0]))
    total.merge(LoadResult(path="/en/", duration=2.0, latencies_ms=[30.0], errors=["HTTP 500"], error_count=1))
    assert (total.requests, total.duration, total.rps) == (3, 4.0, 0.75)
    with pytest.raises(LoadError, match="1 bad responses"):
        total.raise_for_errors()


@pytest.mark.django_db
def test_digest_bench_queues_one_digest_per_member_and_leaves_nothing_behind(monkeypatch):
    from bench import bench_digest
    from outbox.models import Notice
    from participants.models import NetworkMember

    monkeypatch.setattr(bench_digest, "MEMBERS", 60)
    figures = {}

    bench_digest.run(lambda name, value, unit: figures.setdefault(name, (value, unit)))

    assert set(figures) == {"digest_60_queue_s", "digest_60_rss_mb"}
    assert figures["digest_60_queue_s"][1] == "s" and figures["digest_60_rss_mb"][1] == "MB"
    assert not NetworkMember.objects.exists()
    assert not Notice.objects.exists()
    assert not Webinar.objects.exists()


@pytest.mark.django_db
def test_outbox_bench_delivers_every_message_both_ways_and_leaves_nothing_behind():
    from bench import bench_outbox
    from outbox.models import Notice

    through_the_outbox = bench_outbox.deliver_with_the_outbox(30)
    with_smtplib = bench_outbox.deliver_with_smtplib(30)

    assert through_the_outbox["elapsed"] > 0 and through_the_outbox["peak_rss_mb"] > 0
    assert with_smtplib["elapsed"] > 0
    assert not Notice.objects.exists()
