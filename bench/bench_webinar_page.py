"""A webinar's public page and a series' page under gunicorn, each beside a trivial view
returning its bytes.

The pages every message, campaign and feed links to. The catalogue is the topic list's
(bench/catalogue.py; built here when this module runs alone, BENCH_ONLY=webinar_page):
the webinar is a held part of a graded series, the page with the most on it (experts,
materials, summary, the survey's figures, the series' other parts), and the series page
is its series'.

Figures, all from one run on one database:
- webinar_page_queries / series_page_queries: SQL queries of one view in-process, cache
  empty; ..._queries_warm: the next view (0 once the page is cached);
- webinar_page_rps / series_page_rps and their p95 latency: `gunicorn portal.wsgi -w 2`,
  8 concurrent connections on loopback, a new connection per request, measured exactly as
  the topic list (bench_topic_list.measure_in_turns: the page and the trivial view taking
  turns in five rounds). trivial.py serves the bytes it finds in BENCH_TRIVIAL_BODY, read
  once per worker, so each page gets a gunicorn of its own whose trivial view answers that
  page's bytes through the same middleware: ..._trivial_rps, and ..._vs_trivial the ratio,
  what building (or fetching) the page costs. The issue's goal: at least 0.3 for both.
"""

import os
import tempfile
import time
from pathlib import Path

from django.db import connection
from django.db.models import Count, Q
from django.utils.html import escape

from bench.bench_topic_list import (
    HEADERS,
    PROPOSALS,
    TRIVIAL_PATH,
    WEBINARS,
    count_queries,
    get_page,
    log,
    measure_in_turns,
)
from bench.catalogue import build_catalogue
from bench.load import LoadError
from bench.server import gunicorn


def run(report):
    webinar = _bench_webinar()
    pages = [
        ("webinar_page", f"/en/webinars/{webinar.slug}/", [webinar.title_en, webinar.series.title_en]),
        ("series_page", f"/en/series/{webinar.series.slug}/", [webinar.series.title_en, webinar.title_en]),
    ]
    for name, path, _shown in pages:
        cold, warm, _page = count_queries(path)
        report(f"{name}_queries", cold, "queries")
        report(f"{name}_queries_warm", warm, "queries")

    for name, path, shown in pages:
        with tempfile.TemporaryDirectory(prefix="portal-bench-webinar-page-") as folder:
            body_file = Path(folder) / f"{name}.html"
            env = {**os.environ, "BENCH_TRIVIAL_BODY": str(body_file)}
            with gunicorn(env=env, ready_path=path, headers=HEADERS) as server:
                page = get_page(server, path)
                missing = [text for text in shown if escape(text) not in page.decode()]
                if missing:
                    raise LoadError(f"{path} served by gunicorn does not show {missing}")
                body_file.write_bytes(page)
                if len(get_page(server, TRIVIAL_PATH)) != len(page):
                    raise LoadError(f"the trivial view does not return the bytes of {path}")
                log(f"{name}: gunicorn -w 2 on {server.host}:{server.port}, {path} {len(page)} bytes")
                results = measure_in_turns(server, [(name, path, len(page)), ("trivial", TRIVIAL_PATH, len(page))])
        report(f"{name}_rps", results[name].rps, "req/s")
        report(f"{name}_p95", results[name].p95_ms, "ms")
        report(f"{name}_trivial_rps", results["trivial"].rps, "req/s")
        report(f"{name}_vs_trivial", results[name].rps / results["trivial"].rps, "ratio")


def _bench_webinar():
    """A held second part of a series with materials, a summary and the survey's figures."""
    from webinars.models import Webinar

    if not Webinar.objects.filter(slug="webinar-0").exists():  # run alone: the list's catalogue
        started = time.perf_counter()
        counts = build_catalogue(webinars=WEBINARS, proposals=PROPOSALS)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        log(f"catalogue in {time.perf_counter() - started:.1f} s: {counts}")
    webinar = (
        Webinar.objects.filter(status=Webinar.Status.HELD, series_position=2)
        .exclude(summary_en="")
        .annotate(answers=Count("feedback"), materials_count=Count("materials", filter=Q(materials__is_published=True)))
        .filter(answers__gte=8, materials_count__gte=2)
        .select_related("series")
        .order_by("pk")
        .first()
    )
    if webinar is None:
        raise LoadError("the bench catalogue has no held second part of a series with materials and answers")
    return webinar
