"""Posting the registration form under gunicorn, beside a trivial view.

Figures:
- registration_rps / registration_p95: `gunicorn portal.wsgi -w 2`, 8 concurrent
  connections on loopback, a new connection per request, each request a valid POST of
  the registration form with a fresh address and a time zone (one row, one outbox notice;
  the bench webinar has no capacity, so, as in production, its row is not locked to count
  places); 2 s warm-up then 10 s measured, in rounds taking
  turns with the trivial view (bench/trivial.py, answering the form page's bytes through
  the same middleware), so registration_vs_trivial is what a registration costs. The
  issue's goal: at least a quarter of the trivial view.

The workers keep their database connection between requests (CONN_MAX_AGE=60, as
docker-compose.yml deploys them; set CONN_MAX_AGE=0 to measure a connection per request).
On SQLite (the default `make bench` database) gunicorn runs one worker, since SQLite
refuses concurrent writers from two processes; the figure that counts is PostgreSQL's.

The workers only queue the delivery of the confirmation (as in production, where a
Celery worker sends it): without REDIS_URL they queue to Celery's in-memory broker.
Every response must be the redirect to the thank-you page, and every POST must leave
exactly one registration: anything else fails the benchmark.
"""

import http.client
import itertools
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection
from django.utils import timezone

from bench.load import LoadError, LoadResult, measure
from bench.server import gunicorn

HEADERS = {"X-Forwarded-Proto": "https"}
CONNECTIONS = 8
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
DURATION = float(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = 5
ROUND_WARMUP = 0.3
TRIVIAL_PATH = "/bench/trivial/"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _bench_webinar():
    from webinars.models import Expert, Topic, Webinar

    topic = Topic.objects.create(slug="bench-registration", title="Registration benchmark")
    webinar = Webinar.objects.create(
        slug="bench-registration",
        title="Registration benchmark",
        topic=topic,
        status=Webinar.Status.SCHEDULED,
        starts_at=timezone.now() + timedelta(days=30),
        join_url="https://meet.example.org/j/bench",
    )
    # Registration opens once an expert gives the webinar (participants.services.registration).
    webinar.experts.add(Expert.objects.create(name="Registration bench expert", email="expert@bench.example.org"))
    return webinar


def _get_form(host: str, port: int, path: str) -> tuple[bytes, str, str]:
    """The form page, its CSRF cookie and the token its form carries."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Connection": "close", **HEADERS})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise LoadError(f"the registration page answered {response.status}")
        cookies = response.headers.get_all("Set-Cookie") or []
    finally:
        connection.close()
    cookie = next((c.split(";", 1)[0] for c in cookies if c.startswith("csrftoken=")), None)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if cookie is None or token is None:
        raise LoadError("the registration page set no CSRF cookie or token")
    return body, cookie, token.group(1).decode()


def _post_load(*, host, port, path, cookie, token, expected_location, warmup, duration, numbers) -> LoadResult:
    """`CONNECTIONS` threads posting the form back to back, each with a new address."""
    result = LoadResult(path=path, duration=duration)
    lock = threading.Lock()
    cpu_before = time.process_time()
    started = time.perf_counter()
    window_start, window_end = started + warmup, started + warmup + duration
    headers = {
        "Connection": "close",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Origin": f"https://{host}:{port}",
        "Referer": f"https://{host}:{port}{path}",
        **HEADERS,
    }

    def worker():
        latencies, errors, error_count = [], [], 0
        while (sent := time.perf_counter()) < window_end:
            with lock:
                number = next(numbers)
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "name": f"Bench participant {number}",
                    "email": f"bench{number}@example.org",
                    "country": "KE",
                    "organisation": "Bench office",
                    "participant_type": "ip_office",
                    "language": "fr" if number % 2 else "en",
                    "questions": "",
                    "time_zone": "Africa/Nairobi",
                    "consent": "on",
                }
            )
            problem = None
            connection = http.client.HTTPConnection(host, port, timeout=30)
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 302 or response.getheader("Location") != expected_location:
                    problem = f"HTTP {response.status} to {response.getheader('Location')}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__}: {error}"
            finally:
                connection.close()
            done = time.perf_counter()
            if problem:
                error_count += 1
                if len(errors) < 3:
                    errors.append(problem)
            elif window_start <= done <= window_end:
                latencies.append((done - sent) * 1000)
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors.extend(errors[: max(0, 5 - len(result.errors))])
            result.error_count += error_count

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.client_cpu_s = time.process_time() - cpu_before
    return result


def run(report):
    from participants.models import Registration

    webinar = _bench_webinar()
    path = f"/en/webinars/{webinar.slug}/register/"
    expected_location = f"/en/webinars/{webinar.slug}/registered/"
    numbers = itertools.count(1)
    with tempfile.TemporaryDirectory(prefix="portal-bench-registration-") as folder:
        body_file = Path(folder) / "register.html"
        env = {**os.environ, "BENCH_TRIVIAL_BODY": str(body_file)}
        # As docker-compose.yml deploys it: each gunicorn worker keeps its database connection
        # (CONN_MAX_AGE=60) instead of opening one, and a PostgreSQL backend, per request.
        env.setdefault("CONN_MAX_AGE", "60")
        # Every post comes from this one client and one address in a thousand: the limits are
        # counted (as in production) but set above what the bench posts.
        env.setdefault("PORTAL_REGISTRATION_RATE", "1000000/h")
        env.setdefault("PORTAL_REGISTRATION_ADDRESS_RATE", "1000000/d")
        if not os.environ.get("REDIS_URL"):
            env.update({"CELERY_TASK_ALWAYS_EAGER": "false", "CELERY_BROKER_URL": "memory://"})
        # SQLite takes one writer at a time and refuses (rather than waits for) a second
        # process's write in a read-then-write transaction: one worker there, two on PostgreSQL.
        workers = 1 if connection.vendor == "sqlite" else 2
        log(f"registration: gunicorn -w {workers} on {connection.vendor}")
        with gunicorn(env=env, ready_path=path, headers=HEADERS, workers=workers) as server:
            page, cookie, token = _get_form(server.host, server.port, path)
            body_file.write_bytes(page)
            posted = LoadResult(path=path, duration=0.0)
            trivial = LoadResult(path=TRIVIAL_PATH, duration=0.0)
            for round_number in range(ROUNDS):
                warmup = WARMUP if round_number == 0 else ROUND_WARMUP
                result = _post_load(
                    host=server.host,
                    port=server.port,
                    path=path,
                    cookie=cookie,
                    token=token,
                    expected_location=expected_location,
                    warmup=warmup,
                    duration=DURATION / ROUNDS,
                    numbers=numbers,
                )
                result.raise_for_errors()
                posted.merge(result)
                result = measure(
                    host=server.host,
                    port=server.port,
                    path=TRIVIAL_PATH,
                    expected_size=len(page),
                    headers=HEADERS,
                    connections=CONNECTIONS,
                    warmup=warmup,
                    duration=DURATION / ROUNDS,
                )
                result.raise_for_errors()
                trivial.merge(result)
    sent = next(numbers) - 1
    saved = Registration.objects.filter(webinar=webinar).count()
    if saved != sent:
        raise LoadError(f"{sent} registrations posted but {saved} saved")
    log(
        f"registration: {posted.requests} POSTs measured, {saved} registrations saved in all, no error; "
        f"median {statistics.median(posted.latencies_ms):.1f} ms"
    )
    report("registration_rps", posted.rps, "req/s")
    report("registration_p95", posted.p95_ms, "ms")
    report("registration_trivial_view_rps", trivial.rps, "req/s")
    report("registration_vs_trivial", posted.rps / trivial.rps, "ratio")
