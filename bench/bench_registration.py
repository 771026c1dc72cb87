"""Posting the registration form under gunicorn, beside an insert view and a trivial view.

Figures:
- registration_rps / registration_p95: `gunicorn portal.wsgi -w 2`, 8 concurrent
  connections on loopback, a new connection per request, each request a valid POST of
  the registration form with a fresh address and a time zone (one row, one outbox notice;
  the bench webinar has no capacity, so, as in production, its row is not locked to count
  places); 2 s warm-up then 10 s measured, in rounds taking turns with the two yardsticks.
- insert_view_rps / registration_vs_insert: the same POST (same CSRF cookie and token, same
  middleware, the same body read) to bench/insert_view.py, which does a registration's durable
  work and nothing else: one row inserted in a transaction, committed, and the redirect. What a
  registration costs beyond writing and committing a row; the issue's goal: at least 0.5.
- registration_trivial_view_rps / registration_vs_trivial: the trivial view (bench/trivial.py,
  answering the form page's bytes through the same middleware) in the same rounds.
- registration_burst_200_p95_ms / registration_burst_200_max_ms: 200 people register at the same
  instant for a webinar of 10 places, on the same gunicorn: each fetched its own form (CSRF
  cookie and token) first, then all are released at a barrier and each posts on its own new
  connection; the time from the release to each answer (the webinar's row is locked while each
  counts the places). Exactly 10 must get a place and 190 wait, every answer being the redirect
  to the thank-you page. On SQLite too, with its one worker.

The workers keep their database connection between requests (the portal's default,
CONN_MAX_AGE=60; set CONN_MAX_AGE=0 to measure a connection per request). On SQLite (the
default `make bench` database) gunicorn runs one worker, since SQLite refuses concurrent
writers from two processes; the figures that count are PostgreSQL's.

The registration limits (per client address and per e-mail address) are counted as in
production, set above what the bench posts from its one address.

The workers only queue the delivery of the confirmation (as in production, where a
Celery worker sends it): without REDIS_URL they queue to Celery's in-memory broker.
Every response must be the redirect to the thank-you page, every POST must leave exactly
one registration (one row for the insert view): anything else fails the benchmark.
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

from bench import insert_view
from bench.load import LoadError, LoadResult, measure
from bench.server import gunicorn

HEADERS = {"X-Forwarded-Proto": "https"}
CONNECTIONS = 8
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
DURATION = float(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = 5
ROUND_WARMUP = 0.3
TRIVIAL_PATH = "/bench/trivial/"
INSERT_PATH = "/bench/insert/"
BURST = 200
BURST_PLACES = 10
BURST_FIRST_NUMBER = 10_000_000  # the burst's addresses, apart from the rounds' ones


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _bench_webinar(*, slug: str = "bench-registration", capacity: int | None = None):
    from webinars.models import Expert, Topic, Webinar

    topic = Topic.objects.create(slug=slug, title="Registration benchmark")
    webinar = Webinar.objects.create(
        slug=slug,
        title="Registration benchmark",
        topic=topic,
        status=Webinar.Status.SCHEDULED,
        starts_at=timezone.now() + timedelta(days=30),
        join_url="https://meet.example.org/j/bench",
        capacity=capacity,
    )
    # Registration opens once an expert gives the webinar (participants.services.registration).
    expert = Expert.objects.create(name=f"Registration bench expert ({slug})", email=f"{slug}@bench.example.org")
    webinar.experts.add(expert)
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


def _form_body(number: int, token: str) -> str:
    """A valid registration form, a new address each time."""
    return urlencode(
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


def _post_headers(*, host: str, port: int, form_path: str, cookie: str) -> dict[str, str]:
    return {
        "Connection": "close",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Origin": f"https://{host}:{port}",
        "Referer": f"https://{host}:{port}{form_path}",
        **HEADERS,
    }


def _post(*, host, port, path, headers, body, expected_location) -> str | None:
    """One POST on a new connection: None if it answered the expected redirect, else the problem."""
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 302 or response.getheader("Location") != expected_location:
            return f"HTTP {response.status} to {response.getheader('Location')}"
    except (OSError, http.client.HTTPException) as error:
        return f"{type(error).__name__}: {error}"
    finally:
        connection.close()
    return None


def _post_load(
    *, host, port, path, form_path, cookie, token, expected_location, warmup, duration, numbers
) -> LoadResult:
    """`CONNECTIONS` threads posting the registration form to `path` back to back, each with a new address."""
    result = LoadResult(path=path, duration=duration)
    lock = threading.Lock()
    cpu_before = time.process_time()
    started = time.perf_counter()
    window_start, window_end = started + warmup, started + warmup + duration
    headers = _post_headers(host=host, port=port, form_path=form_path, cookie=cookie)

    def worker():
        latencies, errors, error_count = [], [], 0
        while (sent := time.perf_counter()) < window_end:
            with lock:
                number = next(numbers)
            problem = _post(
                host=host,
                port=port,
                path=path,
                headers=headers,
                body=_form_body(number, token),
                expected_location=expected_location,
            )
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


def burst(*, host, port, path, expected_location, people: int, first_number: int) -> LoadResult:
    """`people` POSTs released at one instant, each from its own client (its own CSRF cookie and
    token, fetched beforehand) on its own new connection; latencies from the release."""
    result = LoadResult(path=path, duration=0.0)
    lock = threading.Lock()
    barrier = threading.Barrier(people)

    def one(number: int) -> None:
        try:
            _page, cookie, token = _get_form(host, port, path)
        except (OSError, http.client.HTTPException, LoadError) as error:
            barrier.abort()  # nobody waits for a client that will not come
            problem = f"the form: {type(error).__name__}: {error}"
        else:
            headers = _post_headers(host=host, port=port, form_path=path, cookie=cookie)
            body = _form_body(number, token)
            try:
                barrier.wait(timeout=120)
            except threading.BrokenBarrierError:
                problem = "released without the others (another client failed)"
            else:
                released = time.perf_counter()
                problem = _post(
                    host=host, port=port, path=path, headers=headers, body=body, expected_location=expected_location
                )
                latency = (time.perf_counter() - released) * 1000
        with lock:
            if problem:
                result.error_count += 1
                if len(result.errors) < 5:
                    result.errors.append(problem)
            else:
                result.latencies_ms.append(latency)

    threads = [threading.Thread(target=one, args=(first_number + n,), daemon=True) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def _check_burst(webinar) -> None:
    from participants.models import Registration

    states = {state: 0 for state in Registration.State.values}
    for state in Registration.objects.filter(webinar=webinar).values_list("state", flat=True):
        states[state] += 1
    given, waiting = states[Registration.State.REGISTERED], states[Registration.State.WAITLISTED]
    if (given, waiting, sum(states.values())) != (BURST_PLACES, BURST - BURST_PLACES, BURST):
        raise LoadError(f"the burst left {states} for {BURST_PLACES} places and {BURST} people")
    webinar.refresh_from_db(fields=["registration_count"])
    if webinar.registration_count != BURST_PLACES:
        raise LoadError(f"the burst's webinar counts {webinar.registration_count} registrations, not {BURST_PLACES}")


def run(report):
    from participants.models import Registration

    webinar = _bench_webinar()
    burst_webinar = _bench_webinar(slug="bench-registration-burst", capacity=BURST_PLACES)
    insert_view.create_table()
    path = f"/en/webinars/{webinar.slug}/register/"
    expected_location = f"/en/webinars/{webinar.slug}/registered/"
    numbers = itertools.count(1)
    inserts = itertools.count(1)
    with tempfile.TemporaryDirectory(prefix="portal-bench-registration-") as folder:
        body_file = Path(folder) / "register.html"
        env = {**os.environ, "BENCH_TRIVIAL_BODY": str(body_file)}
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
            inserted = LoadResult(path=INSERT_PATH, duration=0.0)
            trivial = LoadResult(path=TRIVIAL_PATH, duration=0.0)
            for round_number in range(ROUNDS):
                warmup = WARMUP if round_number == 0 else ROUND_WARMUP
                for target, expected, counter, total in (
                    (path, expected_location, numbers, posted),
                    (INSERT_PATH, insert_view.REDIRECT_TO, inserts, inserted),
                ):
                    result = _post_load(
                        host=server.host,
                        port=server.port,
                        path=target,
                        form_path=path,
                        cookie=cookie,
                        token=token,
                        expected_location=expected,
                        warmup=warmup,
                        duration=DURATION / ROUNDS,
                        numbers=counter,
                    )
                    result.raise_for_errors()
                    total.merge(result)
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
            burst_path = f"/en/webinars/{burst_webinar.slug}/register/"
            rush = burst(
                host=server.host,
                port=server.port,
                path=burst_path,
                expected_location=f"/en/webinars/{burst_webinar.slug}/registered/",
                people=BURST,
                first_number=BURST_FIRST_NUMBER,
            )
            rush.raise_for_errors()
    sent = next(numbers) - 1
    saved = Registration.objects.filter(webinar=webinar).count()
    if saved != sent:
        raise LoadError(f"{sent} registrations posted but {saved} saved")
    rows, inserts_sent = insert_view.row_count(), next(inserts) - 1
    if rows != inserts_sent:
        raise LoadError(f"{inserts_sent} posts to the insert view but {rows} rows")
    _check_burst(burst_webinar)
    log(
        f"registration: {posted.requests} POSTs measured, {saved} registrations saved in all, no error; "
        f"median {statistics.median(posted.latencies_ms):.1f} ms; insert view median "
        f"{statistics.median(inserted.latencies_ms):.1f} ms; burst: {BURST_PLACES} places given, "
        f"{BURST - BURST_PLACES} waiting, median {statistics.median(rush.latencies_ms):.1f} ms"
    )
    report("registration_rps", posted.rps, "req/s")
    report("registration_p95", posted.p95_ms, "ms")
    report("registration_trivial_view_rps", trivial.rps, "req/s")
    report("registration_vs_trivial", posted.rps / trivial.rps, "ratio")
    report("insert_view_rps", inserted.rps, "req/s")
    report("registration_vs_insert", posted.rps / inserted.rps, "ratio")
    report(f"registration_burst_{BURST}_p95_ms", rush.p95_ms, "ms")
    report(f"registration_burst_{BURST}_max_ms", max(rush.latencies_ms), "ms")
