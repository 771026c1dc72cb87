"""The registration benchmark's own parts: the insert view it compares with, the burst, its checks."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from bench import bench_registration, insert_view
from bench.load import LoadError
from participants.models import Registration
from participants.tests.factories import RegistrationFactory

FORM = b'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="token-1"></form>'


def test_insert_view_is_mounted_by_the_bench_urlconf_only():
    assert resolve("/bench/insert/", urlconf="bench.urls").func is insert_view.insert_one_row
    with pytest.raises(Resolver404):
        resolve("/bench/insert/", urlconf="portal.urls")


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


@pytest.mark.django_db
def test_insert_view_commits_one_row_and_redirects(bench_urls):
    insert_view.create_table()
    client = Client(enforce_csrf_checks=True)
    client.get("/en/")  # any page: the CSRF cookie
    token = client.cookies["csrftoken"].value

    response = client.post("/bench/insert/", {"csrfmiddlewaretoken": token, "name": "Amina", "email": "a@example.org"})

    assert response.status_code == 302
    assert response["Location"] == insert_view.REDIRECT_TO
    assert insert_view.row_count() == 1


@pytest.mark.django_db
def test_insert_view_checks_the_csrf_token_as_registering_does(bench_urls):
    insert_view.create_table()

    response = Client(enforce_csrf_checks=True).post("/bench/insert/", {"name": "Amina", "email": "a@example.org"})

    assert response.status_code == 403
    assert insert_view.row_count() == 0


class _FormServer(BaseHTTPRequestHandler):
    """The registration page and its POST as the burst sees them; counts what reached it."""

    forms: list[float] = []
    posts: list[float] = []
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802 - the name http.server calls
        if self.path == "/broken/":
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with self.lock:
            self.forms.append(time.perf_counter())
        self.send_response(200)
        self.send_header("Set-Cookie", "csrftoken=cookie-1; Path=/")
        self.send_header("Content-Length", str(len(FORM)))
        self.end_headers()
        self.wfile.write(FORM)

    def do_POST(self):  # noqa: N802 - the name http.server calls
        self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            self.posts.append(time.perf_counter())
        self.send_response(302)
        self.send_header("Location", "/done/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class _Listening(ThreadingHTTPServer):
    request_queue_size = 64  # a burst connects all at once, as to gunicorn (backlog 2048)


@pytest.fixture
def form_server():
    _FormServer.forms, _FormServer.posts = [], []
    server = _Listening(("127.0.0.1", 0), _FormServer)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address
    server.shutdown()
    server.server_close()


def test_burst_posts_once_per_person_after_everyone_has_a_form(form_server):
    host, port = form_server

    result = bench_registration.burst(
        host=host, port=port, path="/form/", expected_location="/done/", people=30, first_number=1
    )

    assert result.error_count == 0
    assert result.requests == len(_FormServer.forms) == len(_FormServer.posts) == 30
    assert max(_FormServer.forms) < min(_FormServer.posts)  # nobody posts before all have their form


def test_burst_fails_loudly_when_the_form_cannot_be_had(form_server):
    host, port = form_server

    result = bench_registration.burst(
        host=host, port=port, path="/broken/", expected_location="/done/", people=5, first_number=1
    )

    assert result.requests == 0 and result.error_count == 5
    assert _FormServer.posts == []
    with pytest.raises(LoadError):
        result.raise_for_errors()


@pytest.mark.django_db
@pytest.mark.parametrize(("registered", "waiting", "holds"), [(2, 3, True), (3, 2, False), (2, 2, False)])
def test_burst_check_wants_exactly_the_places_given_and_the_rest_waiting(monkeypatch, registered, waiting, holds):
    monkeypatch.setattr(bench_registration, "BURST", 5)
    monkeypatch.setattr(bench_registration, "BURST_PLACES", 2)
    webinar = bench_registration._bench_webinar(slug="burst-check", capacity=2)
    RegistrationFactory.create_batch(registered, webinar=webinar, state=Registration.State.REGISTERED)
    RegistrationFactory.create_batch(waiting, webinar=webinar, state=Registration.State.WAITLISTED)
    webinar.__class__.objects.filter(pk=webinar.pk).update(registration_count=registered)

    if holds:
        bench_registration._check_burst(webinar)
    else:
        with pytest.raises(LoadError):
            bench_registration._check_burst(webinar)
