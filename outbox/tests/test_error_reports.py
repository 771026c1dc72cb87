"""Errors reach the administrators through the outbox: once per error and window, never from the request."""

import logging

import pytest
from django.core import mail
from django.urls import path

from outbox import error_reports
from outbox.models import Notice

pytestmark = pytest.mark.django_db


def failing_view(request):
    raise ZeroDivisionError("division by zero")


urlpatterns = [path("fails/", failing_view), path("survey/<str:token>/", failing_view)]


@pytest.fixture(autouse=True)
def _nothing_reported_before():
    error_reports._recently_reported.clear()
    yield
    error_reports._recently_reported.clear()


@pytest.fixture
def administrators(settings):
    settings.ADMINS = [("Operators", "ops@example.org"), ("", "second@example.org")]
    return settings


def test_a_page_that_fails_is_reported_to_each_administrator_through_the_outbox(
    administrators, client, django_capture_on_commit_callbacks
):
    administrators.ROOT_URLCONF = "outbox.tests.test_error_reports"
    client.raise_request_exception = False

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/fails/?token=secret-in-the-query")

    assert response.status_code == 500
    reports = Notice.objects.filter(kind=Notice.Kind.ERROR_REPORT).order_by("to")
    assert [n.to for n in reports] == ["ops@example.org", "second@example.org"]
    report = reports[0]
    assert report.subject == "Error in the portal: 500 GET /fails/"
    assert "ZeroDivisionError: division by zero" in report.body
    assert "secret-in-the-query" not in report.body  # the URL pattern only, not the query or the body


def test_a_report_names_the_page_by_its_pattern_never_by_a_personal_link(
    administrators, client, django_capture_on_commit_callbacks
):
    administrators.ROOT_URLCONF = "outbox.tests.test_error_reports"
    client.raise_request_exception = False

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/survey/personal-signed-token-123/")

    report = Notice.objects.get(kind=Notice.Kind.ERROR_REPORT, to="ops@example.org")
    assert "personal-signed-token-123" not in report.subject + report.body + str(report.context)
    assert report.subject == "Error in the portal: 500 POST /survey/<str:token>/"
    assert "Internal Server Error: /survey/<str:token>/" in report.body
    assert sorted(m.to[0] for m in mail.outbox) == ["ops@example.org", "second@example.org"]


def test_the_same_error_again_is_not_mailed_again_but_another_error_is(administrators, monkeypatch):
    from portal import handoff

    handed_over = []
    real = handoff.hand_over
    monkeypatch.setattr(handoff, "hand_over", lambda task, *args: handed_over.append(args[0]) or real(task, *args))
    logger = logging.getLogger("portal.example")
    for _ in range(5):
        try:
            1 / 0  # noqa: B018
        except ZeroDivisionError:
            logger.exception("The digest failed")
    try:
        {}["missing"]
    except KeyError:
        logger.exception("The digest failed")

    assert len(handed_over) == 2 and len(set(handed_over)) == 2  # the process did not even hand it over again
    subjects = Notice.objects.filter(kind=Notice.Kind.ERROR_REPORT, to="ops@example.org")
    assert subjects.count() == 2


def test_a_report_the_broker_did_not_take_is_tried_again_at_the_next_occurrence(administrators, monkeypatch):
    from portal import handoff

    tries = []
    monkeypatch.setattr(handoff, "hand_over", lambda task, *args: tries.append(args[0]) and False)
    for _ in range(3):
        logging.getLogger("portal.example").error("The sweep failed")

    assert len(tries) == 3


def test_without_administrators_nothing_is_written(settings):
    settings.ADMINS = []
    logging.getLogger("portal.example").error("Something failed")

    assert not Notice.objects.filter(kind=Notice.Kind.ERROR_REPORT).exists()


def test_a_warning_is_not_an_error_report(administrators):
    logging.getLogger("portal.example").warning("Cache unreachable")

    assert not Notice.objects.filter(kind=Notice.Kind.ERROR_REPORT).exists()


def test_production_logs_are_one_json_object_a_line():
    import json

    from django.conf import settings
    from pythonjsonlogger.json import JsonFormatter

    configured = settings.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(
        configured["format"], rename_fields=configured["rename_fields"], timestamp=configured["timestamp"]
    )
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError:
        record = logging.getLogger("portal.example").makeRecord(
            "portal.example", logging.ERROR, __file__, 1, "Failed for %s", ("webinar 3",), __import__("sys").exc_info()
        )
    line = formatter.format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["message"]) == ("ERROR", "portal.example", "Failed for webinar 3")
    assert "ZeroDivisionError" in entry["exc_info"]
    assert entry["time"].endswith("+00:00")  # ISO 8601, in UTC whatever the portal's time zone
