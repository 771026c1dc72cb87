"""The public topic list under gunicorn, beside a trivial view that returns the same bytes.

Catalogue: 1,000 webinars (held with materials, scheduled; regions, languages, experts,
graded series) and 3,000 submitted proposals (every group, adoptions, series with
parts), every translated field in six languages (bench/catalogue.py).

Figures, all from one run on one database:
- topic_list_queries: SQL queries of one list page view in-process, cache empty;
  topic_list_queries_warm: the next view (lower only if the page caches);
- topic_list_rps / trivial_view_rps / topic_list_filtered_rps and their p95 latency:
  `gunicorn portal.wsgi -w 2`, 8 concurrent connections on loopback, a new connection per
  request, 2 s warm-up then 10 s measured per URL, the three URLs taking turns in five
  rounds of 2 s (each round after a short warm-up of its own). The trivial view
  (bench/trivial.py) answers the same bytes through the same middleware, so the ratio
  topic_list_vs_trivial is what building the page costs.
"""

import os
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from bench.catalogue import REGION_CODES, build_catalogue
from bench.load import LoadError, LoadResult, fetch, measure
from bench.server import gunicorn

WEBINARS = 1000
PROPOSALS = 3000
LIST_PATH = "/en/"
TRIVIAL_PATH = "/bench/trivial/"
SEARCH_TERM = "licensing"
# What the proxy in front of gunicorn tells Django in production (SECURE_PROXY_SSL_HEADER);
# without it DEBUG=false answers every request with a redirect to https.
HEADERS = {"X-Forwarded-Proto": "https"}
CONNECTIONS = 8
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
DURATION = float(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = 5
ROUND_WARMUP = 0.3


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(report):
    started = time.perf_counter()
    counts = build_catalogue(webinars=WEBINARS, proposals=PROPOSALS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does soon after a bulk load in production
    log(f"catalogue in {time.perf_counter() - started:.1f} s: {counts}")

    cold, warm, page = count_queries(LIST_PATH)
    report("topic_list_queries", cold, "queries")
    report("topic_list_queries_warm", warm, "queries")
    log("the list page caches (fewer queries on the second view)" if warm < cold else "the list page does not cache")
    filtered_path = filtered_path_from(page.decode())
    filtered_cold, _warm, _page = count_queries(filtered_path)
    report("topic_list_filtered_queries", filtered_cold, "queries")

    with tempfile.TemporaryDirectory(prefix="portal-bench-page-") as folder:
        body_file = Path(folder) / "topic_list.html"
        env = {**os.environ, "BENCH_TRIVIAL_BODY": str(body_file)}
        with gunicorn(env=env, ready_path=LIST_PATH, headers=HEADERS) as server:
            page = get_page(server, LIST_PATH)
            _check_shows_the_catalogue(page.decode())
            body_file.write_bytes(page)
            if get_page(server, TRIVIAL_PATH) != page:
                raise LoadError("the trivial view does not return the list page's bytes")
            filtered = get_page(server, filtered_path)
            log(
                f"gunicorn -w 2 on {server.host}:{server.port}, {os.cpu_count()} CPUs shared with the load generator; "
                f"list page {len(page)} bytes, filtered page {filtered_path} {len(filtered)} bytes"
            )
            targets = [
                ("topic_list", LIST_PATH, len(page)),
                ("trivial_view", TRIVIAL_PATH, len(page)),
                ("topic_list_filtered", filtered_path, len(filtered)),
            ]
            results = measure_in_turns(server, targets)

    report("topic_list_rps", results["topic_list"].rps, "req/s")
    report("trivial_view_rps", results["trivial_view"].rps, "req/s")
    report("topic_list_p95", results["topic_list"].p95_ms, "ms")
    report("topic_list_filtered_rps", results["topic_list_filtered"].rps, "req/s")
    report("topic_list_filtered_p95", results["topic_list_filtered"].p95_ms, "ms")
    report("trivial_view_p95", results["trivial_view"].p95_ms, "ms")
    report("topic_list_vs_trivial", results["topic_list"].rps / results["trivial_view"].rps, "ratio")


def measure_in_turns(server, targets: list[tuple[str, str, int]]) -> dict[str, LoadResult]:
    """Load each (name, path, expected size) in turn, ROUNDS rounds of DURATION / ROUNDS seconds.

    The URLs take turns in short rounds, so whatever else the machine does at the time
    weighs on all of them alike; only the first round of each has the full warm-up.
    """
    results = {name: LoadResult(path=path, duration=0.0) for name, path, _size in targets}
    for round_number in range(ROUNDS):
        for name, path, size in targets:
            result = measure(
                host=server.host,
                port=server.port,
                path=path,
                expected_size=size,
                headers=HEADERS,
                connections=CONNECTIONS,
                warmup=WARMUP if round_number == 0 else ROUND_WARMUP,
                duration=DURATION / ROUNDS,
            )
            result.raise_for_errors()
            results[name].merge(result)
    for result in results.values():
        log(
            f"{result.path}: {result.requests} requests in {result.duration:.0f} s, no error; "
            f"the load generator used {result.client_cpu_s:.1f} CPU-s"
        )
    return results


def count_queries(path: str) -> tuple[int, int, bytes]:
    """Queries of a first view with an empty cache and of the view after it; the page."""
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()  # this process's own memory; a shared Redis keeps its keys (fresh prefix instead)
    client = Client()
    with CaptureQueriesContext(connection) as first:
        response = client.get(path, secure=True)
    if response.status_code != 200:
        raise LoadError(f"{path} answered {response.status_code} in-process")
    with CaptureQueriesContext(connection) as second:
        client.get(path, secure=True)
    return len(first), len(second), response.content


def get_page(server, path: str) -> bytes:
    status, body = fetch(server.host, server.port, path, HEADERS)
    if status != 200:
        raise LoadError(f"gunicorn answered {status} for {path}")
    return body


def _check_shows_the_catalogue(html: str) -> None:
    """The workers read the bench database: the page shows its webinars and proposals."""
    from proposals.models import Proposal
    from webinars.models import Webinar

    webinar_titles = Webinar.objects.values_list("title_en", flat=True)
    proposal_titles = Proposal.objects.under_consideration().values_list("title", flat=True)
    if not any(escape(title) in html for title in webinar_titles):
        raise LoadError("the list page served by gunicorn shows none of the bench webinars")
    if not any(escape(title) in html for title in proposal_titles):
        raise LoadError("the list page served by gunicorn shows none of the bench proposals")


class _FilterForm(HTMLParser):
    """The list page's own GET form: its region choices and its search box."""

    def __init__(self):
        super().__init__()
        self.in_get_form = False
        self.select = None
        self.regions: dict[str, list[str]] = {}
        self.search = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif not self.in_get_form:
            return
        elif tag == "select" and "region" in (attributes.get("name") or ""):
            self.select = attributes["name"]
            self.regions.setdefault(self.select, [])
        elif tag == "option" and self.select and attributes.get("value"):
            self.regions[self.select].append(attributes["value"])
        elif tag == "input" and (attributes.get("type") == "search" or attributes.get("name") in ("q", "search")):
            self.search = self.search or attributes.get("name")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_get_form = False


def filtered_path_from(html: str) -> str:
    """A region filter plus a search, named as the page's own filter form names them.

    Falls back to ?region=<code>&q=<term> when the page has no such form yet.
    """
    form = _FilterForm()
    form.feed(html)
    region_field, region_values = next(((name, values) for name, values in form.regions.items() if values), (None, []))
    params = {region_field or "region": region_values[0] if region_values else REGION_CODES[0]}
    params[form.search or "q"] = SEARCH_TERM
    return f"{LIST_PATH}?{urlencode(params)}"
